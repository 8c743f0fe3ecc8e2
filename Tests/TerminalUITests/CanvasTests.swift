import Testing
@testable import TerminalUI

@Suite struct DisplayWidthTests {
    @Test func turkishLettersTakeOneColumn() {
        for letter in "ÇĞİÖŞÜçğıöşü" { #expect(DisplayWidth.of(letter) == 1, "\(letter)") }
        #expect(DisplayWidth.of("ÇĞİÖŞÜ çğıöşü") == 13)
    }

    @Test func combiningMarksTakeNoColumn() {
        #expect(DisplayWidth.of(Unicode.Scalar(0x301)!) == 0)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("I\u{307}stanbul") == 8)
    }

    @Test func cjkAndEmojiTakeTwoColumns() {
        #expect(DisplayWidth.of("漢字") == 4)
        #expect(DisplayWidth.of("한") == 2)
        #expect(DisplayWidth.of("😀") == 2)
        #expect(DisplayWidth.of("👍🏽") == 2)
        #expect(DisplayWidth.of("👨‍👩‍👧") == 2)
        #expect(DisplayWidth.of("❤️") == 2, "a text-style symbol asked to be an emoji (U+FE0F)")
        #expect(DisplayWidth.of("🇹🇷") == 2)
        #expect(DisplayWidth.of("Ａ") == 2, "fullwidth")
    }

    @Test func aVariationSelectorWidensOnlyAnEmojiAndAloneIsNothing() {
        // Found by the property tests: a lone U+FE0F took two cells that a terminal draws as none.
        #expect(DisplayWidth.of(Character("\u{FE0F}")) == 0)
        #expect(DisplayWidth.of(Character("\u{25CC}\u{FE0F}")) == 1)
        #expect(DisplayWidth.of("1\u{FE0F}\u{20E3}") == 2, "a keycap")
        var canvas = Canvas(size: Size(width: 4, height: 1))
        canvas.put("\u{FE0F}ab", at: .zero)
        #expect(canvas.lines() == ["◌️ab "])
        #expect(canvas.cells(row: 0).map(\.width) == [1, 1, 1, 1], "the dotted circle, a, b and the space left")
    }

    @Test func ambiguousAndSymbolsTakeOneColumn() {
        #expect(DisplayWidth.of("•") == 1)
        #expect(DisplayWidth.of("─│┌") == 3)
        #expect(DisplayWidth.of("…") == 1)
    }

    @Test func textWidthCountsControlsAsTheirVisiblePictures() {
        #expect(DisplayWidth.of("a\u{1B}[31mb") == 7, "a␛[31mb")
        #expect(DisplayWidth.of("\u{200B}") == 0, "a zero-width space is dropped")
    }
}

@Suite struct CanvasDrawingTests {
    @Test func textIsDrawnAndLinesReadBackExactlyAsWide() {
        var canvas = Canvas(size: Size(width: 10, height: 2))
        #expect(canvas.put("Merhaba", at: Point(x: 1, y: 0)) == 7)
        #expect(canvas.lines() == [" Merhaba  ", "          "])
    }

    @Test func turkishTextKeepsItsLetters() {
        var canvas = Canvas(size: Size(width: 14, height: 1))
        canvas.put("ÇĞİÖŞÜ çğıöşü", at: .zero)
        #expect(canvas.lines() == ["ÇĞİÖŞÜ çğıöşü "])
    }

    @Test func wideCharactersTakeTwoCellsAndAreNeverHalfDrawnAtTheRightEdge() {
        var canvas = Canvas(size: Size(width: 5, height: 1))
        #expect(canvas.put("a漢字", at: .zero) == 5)
        #expect(canvas.lines() == ["a漢字"])
        #expect(canvas.cell(at: Point(x: 2, y: 0))?.width == 0)

        var narrow = Canvas(size: Size(width: 4, height: 1))
        #expect(narrow.put("a漢字", at: .zero) == 3)
        #expect(narrow.lines() == ["a漢 "])
    }

    @Test func aWideCharacterCutByTheLeftEdgeLeavesASpace() {
        var canvas = Canvas(size: Size(width: 6, height: 1))
        canvas.put("漢字", at: Point(x: 0, y: 0), clip: Rect(x: 1, y: 0, width: 5, height: 1))
        #expect(canvas.lines() == ["  字  "])
    }

    @Test func overwritingHalfOfAWideCharacterBlanksTheOtherHalf() {
        var canvas = Canvas(size: Size(width: 6, height: 1))
        canvas.put("漢字", at: .zero)
        canvas.put("x", at: Point(x: 1, y: 0))
        #expect(canvas.lines() == [" x字  "])
        canvas.put("y", at: Point(x: 2, y: 0))
        #expect(canvas.lines() == [" xy   "])
    }

    @Test func aRunOfTextOrAFillBlanksOnlyTheHalvesItCuts() {
        var canvas = Canvas(size: Size(width: 10, height: 1))
        canvas.put("漢字漢字漢", at: .zero)
        canvas.put("abc", at: Point(x: 1, y: 0))
        #expect(canvas.lines() == [" abc漢字漢"])
        canvas.fill(Rect(x: 5, y: 0, width: 2, height: 1), with: "-")
        #expect(canvas.lines() == [" abc -- 漢"])
        #expect((0..<10).map { canvas.cell(at: Point(x: $0, y: 0))?.width } == [1, 1, 1, 1, 1, 1, 1, 1, 2, 0])
    }

    @Test func drawingClipsAtEveryEdge() {
        var canvas = Canvas(size: Size(width: 4, height: 2))
        #expect(canvas.put("abcdef", at: Point(x: 2, y: 1)) == 2)
        #expect(canvas.put("xyz", at: Point(x: -2, y: 0)) == 3)
        #expect(canvas.put("hidden", at: Point(x: 0, y: -1)) == 0)
        #expect(canvas.put("hidden", at: Point(x: 0, y: 2)) == 0)
        #expect(canvas.put("far", at: Point(x: 9, y: 0)) == 0)
        #expect(canvas.lines() == ["z   ", "  ab"])
    }

    @Test func degenerateCanvasesNeverTrap() {
        for size in [Size.zero, Size(width: 1, height: 1), Size(width: 1, height: 5), Size(width: 5, height: 0)] {
            var canvas = Canvas(size: size)
            canvas.put("漢字 text", at: .zero)
            canvas.put("x", at: Point(x: -1, y: -1))
            canvas.fill(Rect(x: -3, y: -3, width: 100, height: 100), role: .dialog)
            canvas.drawBox(canvas.bounds, title: "Başlık")
            canvas.write("long text here", in: canvas.bounds, alignment: .right)
            canvas.putWrapped("word wrap across lines", in: canvas.bounds)
            canvas.setRole(.selection, in: Rect(x: 0, y: 0, width: 99, height: 99))
            #expect(canvas.lines().count == size.height)
            #expect(canvas.lines().allSatisfy { DisplayWidth.of($0) == size.width })
        }
        var oneColumn = Canvas(size: Size(width: 1, height: 1))
        #expect(oneColumn.put("漢", at: .zero) == 0, "a wide character does not fit in one column")
        #expect(oneColumn.lines() == [" "])
    }

    @Test func boxesUseTheGlyphSet() {
        var unicode = Canvas(size: Size(width: 6, height: 3))
        unicode.drawBox(unicode.bounds)
        #expect(unicode.lines() == ["┌────┐", "│    │", "└────┘"])
        var ascii = Canvas(size: Size(width: 6, height: 3), glyphs: .ascii)
        ascii.drawBox(ascii.bounds, title: "Hi")
        #expect(ascii.lines() == ["+ Hi +", "|    |", "+----+"])
    }

    @Test func writeTruncatesWithTheEllipsisAndAligns() {
        var canvas = Canvas(size: Size(width: 8, height: 3))
        canvas.write("Kişisel veriler", in: canvas.bounds.row(0))
        canvas.write("sağ", in: canvas.bounds.row(1), alignment: .right)
        canvas.write("orta", in: canvas.bounds.row(2), alignment: .center)
        #expect(canvas.lines() == ["Kişisel…", "     sağ", "  orta  "])
    }

    @Test func messagesCarryAMarkerBesidesTheirColour() {
        var canvas = Canvas(size: Size(width: 12, height: 3))
        canvas.putMessage("Hatalı", in: canvas.bounds.row(0), role: .error)
        canvas.putMessage("Kaydedildi", in: canvas.bounds.row(1), role: .success)
        canvas.putMessage("Bilgi", in: canvas.bounds.row(2), role: .normal)
        #expect(canvas.lines() == ["✗ Hatalı    ", "✓ Kaydedildi", "Bilgi       "])
    }

    @Test func wrappedTextEndsWithAnEllipsisWhenCut() {
        var canvas = Canvas(size: Size(width: 10, height: 2))
        #expect(canvas.putWrapped("bir iki üç dört beş altı", in: canvas.bounds) == 2)
        #expect(canvas.lines() == ["bir iki üç", "dört beş…"].map { TextLayout.pad($0, toWidth: 10) })
    }

    @Test func wrappedTextKeepsClustersAndParagraphs() {
        var canvas = Canvas(size: Size(width: 6, height: 4))
        #expect(canvas.putWrapped("漢字 e\u{301}e\u{301}\n\u{1B}x", in: canvas.bounds) == 3)
        #expect(canvas.lines() == ["漢字  ", "éé    ", "␛x    ", "      "])
        #expect(canvas.cell(at: Point(x: 0, y: 1))?.character == "e\u{301}")
        #expect(canvas.cell(at: Point(x: 1, y: 0))?.width == 0)
    }

    @Test func rolesAreKeptPerCell() {
        var canvas = Canvas(size: Size(width: 4, height: 1))
        canvas.put("ab", at: .zero, role: .error)
        canvas.setRole(.searchMatch, in: Rect(x: 1, y: 0, width: 2, height: 1))
        #expect(canvas.roles(row: 0) == [.error, .searchMatch, .searchMatch, .normal])
    }
}

@Suite struct InertTextTests {
    @Test func controlCharactersBecomeVisiblePictures() {
        #expect(InertText.sanitize("a\u{1B}[2Jb") == "a␛[2Jb")
        #expect(InertText.sanitize("line\r\nnext\t!") == "line␍␊next␉!")
        #expect(InertText.sanitize("\u{0}\u{7}\u{7F}") == "␀␇␡")
    }

    @Test func c1ControlsAndBidiOverridesBecomeThePlaceholder() {
        #expect(InertText.sanitize("a\u{9B}31m") == "a\u{FFFD}31m")
        #expect(InertText.sanitize("abc\u{202E}fed\u{202C}") == "abc\u{FFFD}fed\u{FFFD}")
        #expect(InertText.sanitize("\u{2066}x\u{2069}\u{200F}") == "\u{FFFD}x\u{FFFD}\u{FFFD}")
        #expect(InertText.sanitize("a\u{2028}b") == "a\u{FFFD}b")
    }

    @Test func ordinaryTextIsUnchanged() {
        for text in ["Hello", "ÇĞİÖŞÜ çğıöşü", "漢字", "👨‍👩‍👧 🇹🇷 ❤️", "e\u{301}", "Ayşe Yılmaz"] {
            #expect(InertText.sanitize(text) == text)
        }
    }

    @Test func loneCombiningMarksSitOnADottedCircleAndInvisibleFormatCharactersGo() {
        #expect(InertText.sanitize("\u{301}x") == "\u{25CC}\u{301}x")
        #expect(InertText.sanitize("a\u{200B}b\u{FEFF}c\u{AD}") == "abc")
    }

    @Test func plainTextTakesTheFastPathAndAgreesWithGraphemeSegmentation() {
        let plain = ["Haker Panel — 3 · Fatura adresi", "ÇĞİÖŞÜ çğıöşü", "┌─┐│└┘ … • ↑↓ ✓ ✗ ⠋", "⌚ ☔ ➕"]
        for text in plain {
            #expect(InertText.isPlain(text), "\(text)")
            #expect(InertText.clusters(text) == Array(text))
            #expect(DisplayWidth.of(text) == Array(text).reduce(0) { $0 + DisplayWidth.of($1) })
        }
        for text in ["e\u{301}", "漢", "a\u{202E}", "\u{200B}", "❤️", "👍🏽", "ᄀᄀ", "\u{1B}"] {
            #expect(!InertText.isPlain(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(DisplayWidth.of("⌚☔") == 4, "emoji-presentation symbols in the plain ranges are still wide")
    }

    @Test func onlySpaceToTildeCountsAsPrintableASCII() {
        let long = String(repeating: "Haker Panel ~ ", count: 20)
        for text in ["", "a", "demo@example.com", long] {
            #expect(InertText.isPrintableASCII(text), "\(text)")
        }
        for text in ["\u{7F}", "\t", "a\u{1B}[31m", "ş", long + "\u{1F}", long + "é"] {
            #expect(!InertText.isPrintableASCII(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        var canvas = Canvas(size: Size(width: 6, height: 1))
        #expect(canvas.put("ab\u{7F}c", at: Point(x: 0, y: 0)) == 4)
        #expect(canvas.lines() == ["ab\u{2421}c  "], "DEL still takes the sanitising path")
    }

    @Test func sanitisingIsIdempotent() {
        let once = InertText.sanitize("x\u{1B}\u{9B}\u{202E}\u{301}\u{7F}")
        #expect(InertText.sanitize(once) == once)
    }

    /// Whatever the input, nothing below U+0020, no DEL and no C1 control is left in any cell.
    @Test func noControlCharacterEverReachesTheCanvas() {
        var generator = SplitMix(seed: 0x4841_4B45_52)
        let interesting: [UInt32] = Array(0...0x20) + Array(0x7F...0xA0) + [0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
            0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C, 0x301, 0x200D, 0xFE0F, 0x1F600, 0x131, 0x130]
        for _ in 0..<300 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int(generator.next() % 40) {
                let pick = generator.next()
                let value = pick % 3 == 0 ? UInt32(truncatingIfNeeded: pick >> 8) % 0x11_0000
                    : interesting[Int(pick >> 8) % interesting.count]
                if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
            }
            var canvas = Canvas(size: Size(width: 30, height: 3))
            canvas.put(String(scalars), at: Point(x: 0, y: 1))
            canvas.write(String(scalars), in: canvas.bounds.row(0))
            canvas.putWrapped(String(scalars), in: canvas.bounds.row(2))
            for y in 0..<3 {
                for cell in canvas.cells(row: y) {
                    for scalar in cell.character.unicodeScalars {
                        #expect(scalar.value >= 0x20 && scalar.value != 0x7F && !(0x80..<0xA0).contains(scalar.value),
                                "U+\(String(scalar.value, radix: 16)) reached the canvas")
                        #expect(![0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]
                            .contains(scalar.value))
                    }
                }
            }
        }
    }
}

/// A small deterministic random generator for the fuzz tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
