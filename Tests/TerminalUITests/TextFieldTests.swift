import Testing
@testable import TerminalUI

@Suite struct TextFieldEditingTests {
    private func typed(_ text: String, into field: TextField = TextField()) -> TextField {
        var field = field
        for character in text { _ = field.handle(.character(character)) }
        return field
    }

    @Test func typingInsertsAtTheCursor() {
        var field = typed("Ayşe")
        #expect(field.text == "Ayşe")
        #expect(field.cursor == 4)
        #expect(field.handle(.left) == .handled)
        #expect(field.handle(.left) == .handled)
        #expect(field.handle(.character("-")) == .changed)
        #expect(field.text == "Ay-şe")
        #expect(field.cursor == 3)
    }

    @Test func backspaceAndDeleteRemoveWholeGraphemes() {
        var field = TextField("e\u{301}👍🏽ı")
        #expect(field.characters.count == 3)
        #expect(field.handle(.backspace) == .changed)
        #expect(field.text == "e\u{301}👍🏽")
        #expect(field.handle(.home) == .handled)
        #expect(field.handle(.delete) == .changed)
        #expect(field.text == "👍🏽")
        #expect(field.handle(.home) == .handled)
        #expect(field.handle(.backspace) == .handled, "nothing before the cursor")
    }

    @Test func aCombiningMarkJoinsTheCharacterBeforeIt() {
        var field = typed("e")
        #expect(field.handle(.character("\u{301}")) == .changed)
        #expect(field.characters == ["e\u{301}"])
        #expect(field.cursor == 1)
    }

    @Test func aLetterTypedBeforeALoneCombiningMarkJoinsIt() {
        var field = TextField("\u{301}x")
        _ = field.handle(.home)
        #expect(field.handle(.character("a")) == .changed)
        #expect(field.characters == ["a\u{301}", "x"])
        #expect(field.text == "a\u{301}x")
        #expect(field.cursor == 1)
    }

    @Test func typingAnywhereKeepsTheTextAndItsClustersInStep() {
        // Latin and Turkish letters take a quicker path than marks and emoji: both must leave the
        // clusters exactly as segmenting the whole text would.
        var field = typed("Atatürk Cad.")
        for key: Key in [.home, .right, .character("ş"), .end, .character("\u{301}"), .left, .left,
                         .character("👍"), .character("\u{1F3FD}"), .character("1"), .backspace, .home,
                         .character("İ"), .delete, .ctrl("w"), .character("e")] {
            _ = field.handle(key)
            #expect(field.characters == Array(field.text), "after \(key)")
            #expect(field.text == String(field.characters), "after \(key)")
        }
        #expect(field.text == "eştatürk Ca👍🏽d.\u{301}")
        #expect(field.characters.count == 14)
    }

    @Test func readlineKeysWork() {
        var field = TextField("kişisel veri bilgisi")
        #expect(field.handle(.ctrl("w")) == .changed)
        #expect(field.text == "kişisel veri ")
        #expect(field.handle(.ctrl("a")) == .handled)
        #expect(field.cursor == 0)
        #expect(field.handle(.ctrl("e")) == .handled)
        #expect(field.cursor == 13)
        _ = field.handle(.ctrl("b"))
        _ = field.handle(.ctrl("b"))
        #expect(field.handle(.ctrl("k")) == .changed)
        #expect(field.text == "kişisel ver")
        #expect(field.handle(.ctrl("u")) == .changed)
        #expect(field.text == "")
    }

    @Test func maxLengthCountsGraphemes() {
        var field = TextField(maxLength: 3)
        field = typed("ığüş", into: field)
        #expect(field.text == "ığü")
        #expect(field.handle(.character("x")) == .handled)
        #expect(field.handle(.character("\u{301}")) == .changed, "a combining mark adds no grapheme")
        #expect(field.characters.count == 3)
    }

    @Test func keysThatAreNotEditingAreLeftToTheForm() {
        var field = TextField("x")
        for key: Key in [.enter, .tab, .backTab, .escape, .function(2), .up, .down, .ctrl("s")] {
            #expect(field.handle(key) == .ignored)
        }
        #expect(!KeyOutcome.ignored.consumed)
        #expect(KeyOutcome.refused("kilitli").consumed)
    }
}

@Suite struct TextFieldRenderingTests {
    @Test func aFocusedFieldReportsTheCursorAtTheInsertionPoint() {
        var canvas = Canvas(size: Size(width: 12, height: 1))
        var field = TextField("Çankaya")
        _ = field.handle(.left)
        let cursor = field.render(in: Rect(x: 2, y: 0, width: 10, height: 1), into: &canvas, focused: true)
        #expect(canvas.lines() == ["  Çankaya   "])
        #expect(cursor == Point(x: 8, y: 0))
        #expect(canvas.roles(row: 0)[2] == .fieldFocused)
        #expect(field.render(in: Rect(x: 2, y: 0, width: 10, height: 1), into: &canvas, focused: false) == nil)
        #expect(canvas.roles(row: 0)[2] == .field)
    }

    @Test func longTextScrollsToKeepTheCursorVisibleWithWideCharacters() {
        var field = TextField("漢字漢字漢字abc")
        field.viewWidth = 6
        var canvas = Canvas(size: Size(width: 6, height: 1))
        var cursor = field.render(in: canvas.bounds, into: &canvas, focused: true)
        #expect(canvas.lines() == ["字abc "])
        #expect(cursor == Point(x: 5, y: 0))
        for _ in 0..<9 { _ = field.handle(.left) }
        canvas = Canvas(size: Size(width: 6, height: 1))
        cursor = field.render(in: canvas.bounds, into: &canvas, focused: true)
        #expect(canvas.lines() == ["漢字漢"])
        #expect(cursor == Point(x: 0, y: 0))
        _ = field.handle(.right)
        _ = field.handle(.right)
        canvas = Canvas(size: Size(width: 6, height: 1))
        cursor = field.render(in: canvas.bounds, into: &canvas, focused: true)
        #expect(canvas.lines() == ["漢字漢"], "the view does not jump while the cursor is inside it")
        #expect(cursor == Point(x: 4, y: 0))
    }

    @Test func aMaskedFieldShowsOneBulletPerGrapheme() {
        let field = TextField("gizli şifre", isMasked: true)
        var canvas = Canvas(size: Size(width: 14, height: 1))
        let cursor = field.render(in: canvas.bounds, into: &canvas, focused: true)
        #expect(canvas.lines() == ["•••••••••••   "])
        #expect(cursor == Point(x: 11, y: 0))
        #expect(!canvas.lines()[0].contains("gizli"))
        var ascii = Canvas(size: Size(width: 5, height: 1), glyphs: .ascii)
        TextField("abcdefgh", isMasked: true).render(in: ascii.bounds, into: &ascii, focused: false)
        #expect(ascii.lines() == ["**** "])
    }

    @Test func anEmptyFieldShowsItsPlaceholder() {
        let field = TextField(placeholder: "0532 123 45 67")
        var canvas = Canvas(size: Size(width: 16, height: 1))
        let cursor = field.render(in: canvas.bounds, into: &canvas, focused: true)
        #expect(canvas.lines() == ["0532 123 45 67  "])
        #expect(cursor == .zero)
        field.render(in: canvas.bounds, into: &canvas, focused: false)
        #expect(canvas.roles(row: 0)[0] == .muted)
    }

    @Test func anEmptyRectangleDrawsNothing() {
        var canvas = Canvas(size: Size(width: 3, height: 1))
        #expect(TextField("x").render(in: .zero, into: &canvas, focused: true) == nil)
        #expect(canvas.lines() == ["   "])
    }
}
