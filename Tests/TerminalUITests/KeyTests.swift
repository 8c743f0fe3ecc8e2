import Testing
@testable import TerminalUI

@Suite struct KeyDecodingTests {
    private func key(_ code: Int32, function: Bool = false) -> Key {
        KeyDecoder.decode(RawKeyInput(code: code, isFunctionKey: function))
    }

    @Test func controlCodesBecomeNamedKeys() {
        #expect(key(9) == .tab)
        #expect(key(13) == .enter)
        #expect(key(10) == .enter)
        #expect(key(27) == .escape)
        #expect(key(127) == .backspace)
        #expect(key(8) == .backspace)
        #expect(key(1) == .ctrl("a"))
        #expect(key(3) == .interrupt)
        #expect(key(19) == .ctrl("s"))
        #expect(key(26) == .ctrl("z"))
        #expect(key(0) == .unknown(0))
        #expect(key(0x9B) == .unknown(0x9B))
    }

    @Test func printableUnicodeIsACharacter() {
        #expect(key(Int32(UInt8(ascii: "q"))) == .character("q"))
        #expect(key(0x20) == .character(" "))
        #expect(key(0x130) == .character("İ"))
        #expect(key(0x131) == .character("ı"))
        #expect(key(0x15F) == .character("ş"))
        #expect(key(0x301) == .character("\u{301}"))
        #expect(key(0x6F22) == .character("漢"))
        #expect(key(0xD800) == .unknown(0xD800), "a surrogate is no scalar")
    }

    @Test func functionKeyCodesBecomeKeys() {
        #expect(key(0o402, function: true) == .down)
        #expect(key(0o403, function: true) == .up)
        #expect(key(0o404, function: true) == .left)
        #expect(key(0o405, function: true) == .right)
        #expect(key(0o406, function: true) == .home)
        #expect(key(0o550, function: true) == .end)
        #expect(key(0o407, function: true) == .backspace)
        #expect(key(0o512, function: true) == .delete)
        #expect(key(0o513, function: true) == .insert)
        #expect(key(0o522, function: true) == .pageDown)
        #expect(key(0o523, function: true) == .pageUp)
        #expect(key(0o527, function: true) == .enter)
        #expect(key(0o541, function: true) == .backTab)
        #expect(key(0o410 + 1, function: true) == .function(1))
        #expect(key(0o410 + 10, function: true) == .function(10))
        #expect(key(0o410 + 12, function: true) == .function(12))
        #expect(key(0o1234, function: true) == .unknown(0o1234))
        #expect(key(0o552, function: true) == .home, "vt220 Find")
    }

    @Test func escapeFollowedByACharacterIsAlt() {
        let esc = RawKeyInput.character(27)
        #expect(KeyDecoder.decode([esc, .character(Int32(UInt8(ascii: "x")))]) == [.alt("x")])
        #expect(KeyDecoder.decode([esc]) == [.escape])
        #expect(KeyDecoder.decode([esc, esc]) == [.escape, .escape])
        #expect(KeyDecoder.decode([esc, .functionKey(0o402)]) == [.escape, .down])
        #expect(KeyDecoder.decode([.character(0x61), .character(0x301)]) == [.character("a"), .character("\u{301}")])
    }

    @Test func theResizeCodeIsRecognised() {
        #expect(KeyDecoder.isResize(.functionKey(0o632)))
        #expect(!KeyDecoder.isResize(.character(0o632)))
    }
}

@Suite struct KeymapTests {
    enum Action: Sendable, Equatable { case save, back, quit, help }

    let keymap = Keymap<Action>([
        KeyBinding([.function(1), .character("?")], label: "F1", hint: "Yardım", priority: .high, action: .help),
        KeyBinding([.function(2), .ctrl("s")], label: "F2", hint: "Kaydet", help: "Formu kaydeder", action: .save),
        KeyBinding([.escape], label: "Esc", hint: "Geri", priority: .low, action: .back),
        KeyBinding([.function(10), .interrupt], label: "F10", hint: "Çıkış", priority: .essential, action: .quit),
        KeyBinding([.ctrl("l")], label: "Ctrl-L", hint: "Yenile", priority: .helpOnly, action: .help),
    ])

    @Test func keysFindTheirAction() {
        #expect(keymap.action(for: .ctrl("s")) == .save)
        #expect(keymap.action(for: .character("?")) == .help)
        #expect(keymap.action(for: .interrupt) == .quit)
        #expect(keymap.action(for: .character("x")) == nil)
    }

    @Test func footerAndHelpComeFromTheSameTable() {
        #expect(keymap.hints.map(\.label) == ["F1", "F2", "Esc", "F10"])
        #expect(keymap.helpEntries.map(\.label) == ["F1", "F2", "Esc", "F10", "Ctrl-L"])
        #expect(keymap.helpEntries[1].help == "Formu kaydeder")
    }

    @Test func aNarrowFooterDropsTheLowestPriorityFirst() {
        var canvas = Canvas(size: Size(width: 80, height: 1))
        KeyHintBar.render(keymap, in: canvas.bounds, into: &canvas)
        #expect(canvas.lines()[0].hasPrefix(" F1 Yardım  F2 Kaydet  Esc Geri  F10 Çıkış"))
        #expect(canvas.roles(row: 0)[1] == .keyHint)
        #expect(canvas.roles(row: 0)[4] == .footer)

        var narrow = Canvas(size: Size(width: 26, height: 1))
        KeyHintBar.render(keymap, in: narrow.bounds, into: &narrow)
        #expect(narrow.lines() == [" F1 Yardım  F10 Çıkış     "])

        var tiny = Canvas(size: Size(width: 7, height: 1))
        KeyHintBar.render(keymap, in: tiny.bounds, into: &tiny)
        #expect(tiny.lines() == [" F10 … "])
    }
}

@Suite struct UnknownSequenceTests {
    private func inputs(_ text: String) -> [RawKeyInput] {
        text.unicodeScalars.map { .character(Int32($0.value)) }
    }

    @Test func anUnrecognisedEscapeSequenceIsSwallowedWhole() {
        #expect(KeyDecoder.decode(inputs("\u{1B}[21~q")) == [.unknown(27), .character("q")])
        #expect(KeyDecoder.decode(inputs("\u{1B}[1;5Cx")) == [.unknown(27), .character("x")])
        #expect(KeyDecoder.decode(inputs("\u{1B}Oxa")) == [.unknown(27), .character("a")])
        #expect(KeyDecoder.decode(inputs("\u{1B}[")) == [.unknown(27)])
        #expect(KeyDecoder.decode(inputs("\u{1B}O")) == [.alt("O")])
    }
}
