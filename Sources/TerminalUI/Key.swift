// Keys, decoded from what ncurses' `get_wch` returns (keypad on), by a pure function that the
// tests drive without a terminal.

// MARK: - Key

/// A key press.
public enum Key: Hashable, Sendable {
    /// A printable character: letters (Turkish ones included), digits, punctuation, space, and
    /// combining marks (which join the character before them when inserted into text).
    case character(Character)
    /// Enter or Return (`\r`, `\n`, keypad Enter).
    case enter
    case tab
    /// Shift-Tab.
    case backTab
    /// Escape, answered at once (`set_escdelay`).
    case escape
    case backspace
    case delete
    case insert
    case up, down, left, right
    case home, end
    case pageUp, pageDown
    /// F1…F12 (and beyond, when the terminal has them).
    case function(Int)
    /// Control plus a letter `a`…`z` (lower case), other than the ones that are Tab (Ctrl-I),
    /// Enter (Ctrl-J, Ctrl-M) and Backspace (Ctrl-H).
    case ctrl(Character)
    /// Alt plus a printable character (the terminal sends Esc then the character).
    case alt(Character)
    /// A code this decoder does not know, kept for logging and custom bindings.
    case unknown(Int32)

    /// Ctrl-C: in raw mode it arrives as a key, not as SIGINT. Bind it to quitting.
    public static let interrupt = Key.ctrl("c")

    /// The character the key types, if it types one (`.character` only).
    public var typedCharacter: Character? {
        if case .character(let character) = self { return character }
        return nil
    }
}

// MARK: - Raw input

/// One value from `get_wch`: a character, or a function-key code when `get_wch` said KEY_CODE_YES.
public struct RawKeyInput: Hashable, Sendable {
    public var code: Int32
    public var isFunctionKey: Bool

    public init(code: Int32, isFunctionKey: Bool) {
        self.code = code
        self.isFunctionKey = isFunctionKey
    }

    /// A character input.
    public static func character(_ code: Int32) -> RawKeyInput { RawKeyInput(code: code, isFunctionKey: false) }
    /// A function-key input.
    public static func functionKey(_ code: Int32) -> RawKeyInput { RawKeyInput(code: code, isFunctionKey: true) }
}

// MARK: - KeyDecoder

/// Turns `get_wch` results into `Key`s.
///
/// The function-key codes are ncurses' (curses.h, identical in every ncurses since 1.9); the
/// headless ncurses test checks them against the header through the backend.
public enum KeyDecoder {
    // MARK: ncurses key codes

    static let keyDown: Int32 = 0o402
    static let keyUp: Int32 = 0o403
    static let keyLeft: Int32 = 0o404
    static let keyRight: Int32 = 0o405
    static let keyHome: Int32 = 0o406
    static let keyBackspace: Int32 = 0o407
    static let keyF0: Int32 = 0o410
    static let keyDelete: Int32 = 0o512
    static let keyInsert: Int32 = 0o513
    static let keyNextPage: Int32 = 0o522
    static let keyPreviousPage: Int32 = 0o523
    static let keyEnter: Int32 = 0o527
    static let keyKeypadA1: Int32 = 0o534  // keypad upper left: Home
    static let keyKeypadA3: Int32 = 0o535  // keypad upper right: PgUp
    static let keyKeypadC1: Int32 = 0o537  // keypad lower left: End
    static let keyKeypadC3: Int32 = 0o540  // keypad lower right: PgDn
    static let keyBackTab: Int32 = 0o541
    static let keyEnd: Int32 = 0o550
    static let keyFind: Int32 = 0o552  // vt220 "Find", sent by Home on some terminals
    static let keySelect: Int32 = 0o601  // vt220 "Select", sent by End on some terminals
    static let keyResize: Int32 = 0o632

    /// Decodes a burst of inputs read together. Esc immediately followed by a printable
    /// character is Alt plus that character; a lone Esc is `.escape`. An escape sequence curses
    /// did not recognise (`Esc [ … final`, `Esc O x`: a key of another terminal type than `TERM`
    /// says) is swallowed whole as one `.unknown(27)`, so that its bytes never act as keys.
    public static func decode(_ inputs: [RawKeyInput]) -> [Key] {
        var keys: [Key] = []
        var index = 0
        while index < inputs.count {
            let input = inputs[index]
            if isCharacter(input, 27), index + 1 < inputs.count {
                let next = inputs[index + 1]
                if isCharacter(next, 0x5B) {  // Esc [: parameters and intermediates up to a final byte
                    index += 2
                    while index < inputs.count && !inputs[index].isFunctionKey
                        && (0x20...0x3F).contains(inputs[index].code) {
                        index += 1
                    }
                    if index < inputs.count && !inputs[index].isFunctionKey
                        && (0x40...0x7E).contains(inputs[index].code) {
                        index += 1
                    }
                    keys.append(.unknown(27))
                    continue
                }
                if isCharacter(next, 0x4F), index + 2 < inputs.count, !inputs[index + 2].isFunctionKey {  // Esc O x
                    keys.append(.unknown(27))
                    index += 3
                    continue
                }
                if case .character(let character) = decode(next) {
                    keys.append(.alt(character))
                    index += 2
                    continue
                }
            }
            keys.append(decode(input))
            index += 1
        }
        return keys
    }

    private static func isCharacter(_ input: RawKeyInput, _ code: Int32) -> Bool {
        !input.isFunctionKey && input.code == code
    }

    /// Decodes one input.
    public static func decode(_ input: RawKeyInput) -> Key {
        input.isFunctionKey ? decodeFunctionKey(input.code) : decodeCharacter(input.code)
    }

    /// True for ncurses' KEY_RESIZE, which the backend drops (resizes arrive through SIGWINCH).
    public static func isResize(_ input: RawKeyInput) -> Bool {
        input.isFunctionKey && input.code == keyResize
    }

    // MARK: Private

    private static func decodeCharacter(_ code: Int32) -> Key {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(96 + code))))
        case 0..<32, 0x80..<0xA0: return .unknown(code)
        default:
            guard let scalar = Unicode.Scalar(UInt32(bitPattern: code)) else { return .unknown(code) }
            return .character(Character(scalar))
        }
    }

    private static func decodeFunctionKey(_ code: Int32) -> Key {
        switch code {
        case keyDown: return .down
        case keyUp: return .up
        case keyLeft: return .left
        case keyRight: return .right
        case keyHome, keyKeypadA1, keyFind: return .home
        case keyEnd, keyKeypadC1, keySelect: return .end
        case keyBackspace: return .backspace
        case keyDelete: return .delete
        case keyInsert: return .insert
        case keyNextPage, keyKeypadC3: return .pageDown
        case keyPreviousPage, keyKeypadA3: return .pageUp
        case keyEnter: return .enter
        case keyBackTab: return .backTab
        case (keyF0 + 1)...(keyF0 + 63): return .function(Int(code - keyF0))
        default: return .unknown(code)
        }
    }
}
