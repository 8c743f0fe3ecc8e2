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
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return InertText.sanitize(text) }
        let ellipsisWidth = DisplayWidth.of(ellipsis)
        let room = ellipsisWidth <= width ? width - ellipsisWidth : width
        var result = "", used = 0
        for character in InertText.clusters(text) {
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
        let characters = InertText.clusters(text)
        return wrapRanges(characters, width: width).map { String(characters[$0]) }
    }

    /// The lines of `wrap` as ranges of indices into `characters` (sanitised grapheme clusters).
    /// The pager keeps these ranges to map search matches onto screen lines.
    public static func wrapRanges(_ characters: [Character], width: Int) -> [Range<Int>] {
        wrapRanges(widths: characters.map { UInt8(DisplayWidth.of($0)) }, spaces: characters.map { $0 == " " },
                   width: width)
    }

    /// The wrapping itself, from each unit's width and whether it is a space.
    static func wrapRanges(widths: [UInt8], spaces: [Bool], width: Int) -> [Range<Int>] {
        guard width > 0 else { return [] }
        guard !widths.isEmpty else { return [0..<0] }
        var lines: [Range<Int>] = []
        var start = 0
        while start < widths.count {
            var column = 0, index = start
            var lastSpace: Int?  // a space after the line's first word: a place to break
            var seenWord = false
            while index < widths.count {
                let columns = Int(widths[index])
                if column + columns > width && index > start { break }
                if spaces[index] {
                    if seenWord { lastSpace = index }
                } else {
                    seenWord = true
                }
                column += columns
                index += 1
            }
            if index == widths.count {
                lines.append(start..<index)
                break
            }
            // The unit at `index` does not fit: break at it if it is a space, else at the last
            // space, else inside the word.
            var end = spaces[index] ? index : (lastSpace ?? index)
            let next = end
            while end > start && spaces[end - 1] && seenWord { end -= 1 }
            lines.append(start..<end)
            start = next
            while start < widths.count && spaces[start] { start += 1 }
        }
        return lines
    }
}

// MARK: - TextUnits

/// Text prepared for the canvas: sanitised and cut into the units a cell holds, each with its
/// width. A unit is a scalar value, or `Canvas.PackedCell.clusterFlag` plus an index into
/// `clusters` for a grapheme cluster of several scalars. Plain text (`InertText.isPlain`) is cut
/// scalar by scalar without grapheme segmentation.
struct TextUnits {
    var codes: [UInt32] = []
    var widths: [UInt8] = []
    var clusters: [Character] = []

    init<Text: StringProtocol>(_ text: Text) {
        let string = String(text)
        if InertText.isPlain(string) {
            codes.reserveCapacity(string.utf8.count)
            widths.reserveCapacity(string.utf8.count)
            for scalar in string.unicodeScalars {
                codes.append(scalar.value)
                widths.append(UInt8(DisplayWidth.of(scalar)))
            }
            return
        }
        for character in InertText.sanitize(string) {
            let columns = DisplayWidth.of(character)
            guard columns > 0 else { continue }
            let scalars = character.unicodeScalars
            if scalars.count == 1 {
                codes.append(scalars.first!.value)
            } else {
                codes.append(Canvas.PackedCell.clusterFlag | UInt32(clusters.count))
                clusters.append(character)
            }
            widths.append(UInt8(columns))
        }
    }

    var count: Int { codes.count }
    var spaces: [Bool] { codes.map { $0 == 0x20 } }

    /// The lines of this text wrapped to `width` (see `TextLayout.wrap`).
    func wrapped(to width: Int) -> [Range<Int>] {
        TextLayout.wrapRanges(widths: widths, spaces: spaces, width: width)
    }

    func columns(_ range: Range<Int>) -> Int {
        widths[range].reduce(0) { $0 + Int($1) }
    }
}
