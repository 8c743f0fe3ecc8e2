// How many terminal columns text takes.
//
// The widths come from `UnicodeWidthTable` (generated from the Unicode Character Database), not
// from libc's `wcwidth`, which depends on the locale and answers -1 for every non-ASCII letter in
// the C locale the tests run in. East Asian Ambiguous characters count as one column, as in
// every non-CJK locale.

// MARK: - DisplayWidth

/// Display widths of scalars, grapheme clusters and strings, in terminal columns.
public enum DisplayWidth {
    /// The width of one scalar: 0 for combining marks, format characters and controls, 2 for East
    /// Asian Wide/Fullwidth and emoji-presentation characters, 1 otherwise.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x7F { return value >= 0x20 ? 1 : 0 }
        if value < 0xA0 { return 0 }
        if value < 0x300 { return value == 0xAD ? 0 : 1 }
        if contains(UnicodeWidthTable.zero, value) { return 0 }
        return contains(UnicodeWidthTable.wide, value) ? 2 : 1
    }

    /// The width of one grapheme cluster (a Swift `Character`): the width of its first visible
    /// scalar, or 2 when an emoji variation selector (U+FE0F) or a pair of regional indicators (a
    /// flag) asks for emoji presentation of an emoji. A cluster with nothing visible (a variation
    /// selector standing alone) is 0 wide, however it asks to be presented.
    public static func of(_ character: Character) -> Int {
        if let ascii = character.asciiValue { return ascii >= 0x20 && ascii != 0x7F ? 1 : 0 }
        var width = 0
        var regionalIndicators = 0
        var emojiPresentation = false
        var base: Unicode.Scalar?
        for scalar in character.unicodeScalars {
            if scalar.value == 0xFE0F { emojiPresentation = true }
            if (0x1F1E6...0x1F1FF).contains(scalar.value) { regionalIndicators += 1 }
            if width == 0 {
                width = of(scalar)
                if width > 0 { base = scalar }
            }
        }
        guard let base else { return 0 }
        // U+FE0F widens only an emoji (❤️, 1️⃣); on anything else terminals ignore it.
        return (emojiPresentation && base.properties.isEmoji) || regionalIndicators >= 2 ? 2 : width
    }

    /// The width `text` takes once drawn into a `Canvas`, that is after `InertText.sanitize`.
    public static func of(_ text: String) -> Int {
        if InertText.isPrintableASCII(text) { return text.utf8.count }
        if InertText.isPlain(text) { return text.unicodeScalars.reduce(0) { $0 + of($1) } }
        return InertText.sanitize(text).reduce(0) { $0 + of($1) }
    }

    /// Binary search in a flat, sorted list of inclusive `first, last` pairs.
    private static func contains(_ ranges: [UInt32], _ value: UInt32) -> Bool {
        var low = 0, high = ranges.count / 2 - 1
        while low <= high {
            let middle = (low + high) / 2
            if value < ranges[2 * middle] {
                high = middle - 1
            } else if value > ranges[2 * middle + 1] {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}
