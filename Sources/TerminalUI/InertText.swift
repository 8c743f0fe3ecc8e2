// Text from outside (the server, the user, a file) is made inert before it reaches a terminal.
//
// `Canvas.put` runs every string through `InertText.sanitize`, so no caller can forget: whatever a
// server sends, no C0 control, ESC, DEL, C1 control or bidirectional override ever reaches the
// backend, and nothing can move the cursor, change colours or reorder what the user reads.

// MARK: - InertText

/// The one sanitiser between outside text and the canvas.
///
/// - C0 controls U+0000–U+001F become their visible pictures U+2400–U+241F (ESC → `␛`, LF → `␊`).
/// - DEL U+007F becomes `␡` (U+2421).
/// - C1 controls U+0080–U+009F, the bidirectional embeddings, overrides, isolates and marks
///   (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), the line and paragraph separators
///   (U+2028, U+2029), the deprecated format controls U+206A–U+206F, the interlinear annotation
///   controls U+FFF9–U+FFFB and the language tag U+E0001 become `placeholder` (U+FFFD `�`).
/// - A combining mark with nothing to combine with is drawn on a dotted circle `◌` (U+25CC).
/// - The remaining invisible format characters standing alone (zero-width space, soft hyphen,
///   word joiner, byte-order mark, stray tags) are dropped: they draw nothing and move nothing.
///   Inside an emoji sequence, ZWJ, variation selectors and tags are kept.
public enum InertText {
    /// What a dangerous invisible character is shown as: U+FFFD REPLACEMENT CHARACTER.
    public static let placeholder: Unicode.Scalar = "\u{FFFD}"
    /// The base a lone combining mark is drawn on: U+25CC DOTTED CIRCLE.
    public static let markBase: Unicode.Scalar = "\u{25CC}"

    /// `text` with every control and dangerous format character made visible and inert.
    public static func sanitize(_ text: String) -> String {
        if isPlain(text) { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(replacement(for: scalar))
        }
        var result = ""
        for character in String(scalars) {
            if DisplayWidth.of(character) > 0 {
                result.append(character)
            } else if character.unicodeScalars.contains(where: isMark) {
                result.unicodeScalars.append(markBase)
                result.unicodeScalars.append(contentsOf: character.unicodeScalars)
            }
        }
        return result
    }

    /// `text` sanitised, as grapheme clusters (one scalar each for plain text, without segmenting).
    public static func clusters(_ text: String) -> [Character] {
        isPlain(text) ? text.unicodeScalars.map(Character.init) : Array(sanitize(text))
    }

    /// True when `text` needs no change and every scalar of it is a grapheme cluster of its own
    /// (so it can be measured and drawn scalar by scalar, without grapheme segmentation): printable
    /// ASCII, Latin-1 to U+02FF (all of Turkish), and the punctuation, arrows, symbols, box and
    /// braille characters of U+2010–U+2BFF that the widgets use. Nothing in these ranges combines
    /// with a neighbour; anything else takes the general path.
    public static func isPlain(_ text: String) -> Bool {
        isPrintableASCII(text) || text.unicodeScalars.allSatisfy(isPlain)
    }

    /// True when every byte of `text` is printable ASCII (space to `~`), as most of what is drawn
    /// is. Asked several times for every string drawn, so it reads the bytes in place.
    public static func isPrintableASCII(_ text: String) -> Bool {
        let answer = text.utf8.withContiguousStorageIfAvailable { bytes in
            // Wrapping subtraction: one comparison for 0x20...0x7E.
            !bytes.contains { $0 &- 0x20 >= 0x5F }
        }
        return answer ?? text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0xA0...0xAC, 0xAE...0x2FF: return true
        case 0x2028...0x202E, 0x2060...0x206F: return false
        case 0x2010...0x2BFF: return DisplayWidth.of(scalar) > 0
        default: return false
        }
    }

    /// True when `scalar` can go to a terminal as it is.
    public static func isInert(_ scalar: Unicode.Scalar) -> Bool {
        replacement(for: scalar) == scalar
    }

    // MARK: - Private

    private static func replacement(for scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x00..<0x20: return Unicode.Scalar(0x2400 + scalar.value)!
        case 0x7F: return "\u{2421}"
        case 0x80..<0xA0, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029,
            0x206A...0x206F, 0xFFF9...0xFFFB, 0xE0001:
            return placeholder
        default: return scalar
        }
    }

    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return true
        default: return false
        }
    }
}
