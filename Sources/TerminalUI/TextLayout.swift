// Fitting text to a width: truncation with an ellipsis, word wrapping, padding.
//
// All of it measures with `DisplayWidth` on sanitised text, so what is measured is exactly what
// `Canvas.put` draws.

// MARK: - TextLayout

/// Width-aware text helpers used by the widgets (labels, the footer, the pager).
public enum TextLayout {
    /// `text` cut to at most `width` columns; when it is cut, it ends with `ellipsis` (which is
    /// itself dropped when even it does not fit). A wide character is never cut in half.
    public static func truncate(_ text: String, toWidth width: Int, ellipsis: String = "…") -> String {
        let text = InertText.sanitize(text)
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        let ellipsisWidth = DisplayWidth.of(ellipsis)
        let room = ellipsisWidth <= width ? width - ellipsisWidth : width
        var result = "", used = 0
        for character in text {
            let columns = DisplayWidth.of(character)
            if used + columns > room { break }
            result.append(character)
            used += columns
        }
        return ellipsisWidth <= width ? result + ellipsis : result
    }

    /// `text` followed by spaces up to `width` columns (unchanged when already as wide).
    public static func pad(_ text: String, toWidth width: Int) -> String {
        let missing = width - DisplayWidth.of(text)
        return missing > 0 ? text + String(repeating: " ", count: missing) : text
    }

    /// A paragraph broken into lines of at most `width` columns, at spaces where it can and inside
    /// a word only when the word alone is wider than the line. The spaces at a break are dropped;
    /// leading spaces of the paragraph are kept. An empty paragraph is one empty line; a width of
    /// 0 or less gives no line at all.
    public static func wrap(_ text: String, width: Int) -> [String] {
        let characters = Array(InertText.sanitize(text))
        return wrapRanges(characters, width: width).map { String(characters[$0]) }
    }

    /// The lines of `wrap` as ranges of indices into `characters` (sanitised grapheme clusters).
    /// The pager keeps these ranges to map search matches onto screen lines.
    public static func wrapRanges(_ characters: [Character], width: Int) -> [Range<Int>] {
        guard width > 0 else { return [] }
        guard !characters.isEmpty else { return [0..<0] }
        var lines: [Range<Int>] = []
        var start = 0
        while start < characters.count {
            var column = 0, index = start
            var lastSpace: Int?  // a space after the line's first word: a place to break
            var seenWord = false
            while index < characters.count {
                let columns = DisplayWidth.of(characters[index])
                if column + columns > width && index > start { break }
                if characters[index] == " " {
                    if seenWord { lastSpace = index }
                } else {
                    seenWord = true
                }
                column += columns
                index += 1
            }
            if index == characters.count {
                lines.append(start..<index)
                break
            }
            // characters[index] does not fit: break at it if it is a space, else at the last space,
            // else inside the word.
            var end = characters[index] == " " ? index : (lastSpace ?? index)
            let next = end
            while end > start && characters[end - 1] == " " && seenWord { end -= 1 }
            lines.append(start..<end)
            start = next
            while start < characters.count && characters[start] == " " { start += 1 }
        }
        return lines
    }
}
