// The real terminal, through ncursesw. The only file of the client that imports CCurses.
//
// Each frame is copied into curses' standard screen cell by cell (only the cells that changed
// since the previous frame), then `wnoutrefresh` + `doupdate` once: ncurses compares with what the
// terminal shows and sends only the differences, so an arrow key costs a few dozen bytes.

import CCurses
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - TerminalStartError

/// Why the full-screen interface cannot start. The app prints its own localised text for each
/// case (or `description`, in English) and offers its line-mode commands instead.
public enum TerminalStartError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Standard input or output is not a terminal (a pipe, a file, a cron job).
    case notATerminal
    /// `TERM` is not set.
    case noTerminalType
    /// No terminfo entry for this `TERM`.
    case unknownTerminal(String)
    /// The terminal cannot move the cursor (`TERM=dumb`, a printing terminal).
    case cannotAddressCursor(String)
    /// `newterm` failed.
    case initialisationFailed(String)

    public var description: String {
        switch self {
        case .notATerminal:
            "standard input and output must be a terminal for the full-screen panel"
        case .noTerminalType:
            "TERM is not set, so the terminal type is unknown"
        case .unknownTerminal(let type):
            "the terminal type \"\(type)\" is unknown (no terminfo entry); try TERM=xterm-256color"
        case .cannotAddressCursor(let type):
            "the terminal type \"\(type)\" cannot position the cursor, which the full-screen panel needs"
        case .initialisationFailed(let type):
            "ncurses could not start on the terminal \"\(type)\""
        }
    }
}

// MARK: - NcursesBackend

/// The ncurses backend. Create one with `init(configuration:)`, run the event loop on it, and call
/// `restore()` on every way out (it is idempotent; `deinit` calls it too). A crash signal
/// (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP) also restores the terminal, with
/// async-signal-safe writes of the saved modes, before the previous handler runs.
///
/// Only one may exist at a time (curses is process-global).
public final class NcursesBackend: TerminalBackend {
    /// How to start.
    public struct Configuration: Sendable {
        /// The terminfo name; nil: `$TERM`.
        public var terminalType: String?
        public var inputDescriptor: Int32
        public var outputDescriptor: Int32
        /// Use the monochrome theme (`NO_COLOR`, `--no-color`).
        public var colourDisabled: Bool
        /// How long ncurses waits after Esc for the rest of an escape sequence.
        public var escapeDelayMilliseconds: Int32
        /// Refuse unless both descriptors are terminals.
        public var requiresTerminal: Bool

        public init(
            terminalType: String? = nil, inputDescriptor: Int32 = 0, outputDescriptor: Int32 = 1,
            colourDisabled: Bool = false, escapeDelayMilliseconds: Int32 = 25, requiresTerminal: Bool = true
        ) {
            self.terminalType = terminalType
            self.inputDescriptor = inputDescriptor
            self.outputDescriptor = outputDescriptor
            self.colourDisabled = colourDisabled
            self.escapeDelayMilliseconds = escapeDelayMilliseconds
            self.requiresTerminal = requiresTerminal
        }

        /// Standard input and output, `$TERM`, and the monochrome theme when `NO_COLOR` is set
        /// (non-empty) or `noColorFlag` (the app's `--no-color`).
        public static func standard(noColorFlag: Bool = false) -> Configuration {
            let noColor = getenv("NO_COLOR").map { String(cString: $0) }
            return Configuration(colourDisabled: Theme.colourDisabled(environment: noColor, flag: noColorFlag))
        }
    }

    public let theme: Theme
    public let glyphs: Glyphs
    /// True when the locale could be made UTF-8 (else non-ASCII text is drawn as `?`).
    public let localeIsUTF8: Bool
    public private(set) var size: Size
    public let inputDescriptor: Int32
    private let outputDescriptor: Int32
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    /// curses attributes and colour pair per role, indexed by `Role.rawValue`.
    private let roleAttributes: [(attributes: attr_t, pair: Int16)]
    private var previous: Canvas?
    private var cursorVisible: Int32 = -1
    private var restored = false

    /// Starts curses on the terminal: checks the terminal type first (nothing is written to a
    /// terminal that is refused), then `newterm`, raw mode, no echo, keypad, Esc after
    /// `escapeDelayMilliseconds`, colours when the terminal has them.
    public init(configuration: Configuration = .standard()) throws {
        localeIsUTF8 = ccurses_setup_locale() == 1
        let input = configuration.inputDescriptor, output = configuration.outputDescriptor
        if configuration.requiresTerminal && (isatty(input) == 0 || isatty(output) == 0) {
            throw TerminalStartError.notATerminal
        }
        let type = configuration.terminalType ?? getenv("TERM").map { String(cString: $0) } ?? ""
        guard !type.isEmpty else { throw TerminalStartError.noTerminalType }
        switch ccurses_probe_terminal(type, output) {
        case -1: throw TerminalStartError.unknownTerminal(type)
        case 0: throw TerminalStartError.cannotAddressCursor(type)
        default: break
        }
        EmergencyRestore.saveTerminalModes(input: input, output: output)
        // The size comes from the kernel (TIOCGWINSZ), never from stale LINES/COLUMNS variables.
        use_env(false)
        use_tioctl(true)
        guard let screen = ccurses_newterm(type, output, input), let window = ccurses_stdscr() else {
            throw TerminalStartError.initialisationFailed(type)
        }
        self.screen = screen
        self.window = window
        inputDescriptor = input
        outputDescriptor = output

        raw()
        noecho()
        nonl()
        keypad(window, true)
        meta(window, true)
        intrflush(window, false)
        nodelay(window, true)
        leaveok(window, false)
        set_escdelay(configuration.escapeDelayMilliseconds)
        Self.defineCommonKeys()

        var colours = 0
        var defaultColours = false
        if has_colors() {
            start_color()
            defaultColours = use_default_colors() == OK
            colours = Int(ccurses_colors())
        }
        theme = Theme.choose(colours: colours, colourDisabled: configuration.colourDisabled)
        glyphs = Glyphs.choose(localeIsUTF8: localeIsUTF8, terminalDrawsLines: ccurses_has_acs() == 1)
        roleAttributes = Self.resolve(theme, defaultColours: defaultColours, pairs: Int(ccurses_color_pairs()))
        size = Size(width: Int(ccurses_cols()), height: Int(ccurses_lines()))
        // Until curses has been suspended once (endwin) and resumed (doupdate), it flushes its
        // output after every cursor movement, so a frame leaves in a dozen writes; after this
        // round trip, in one.
        endwin()
        doupdate()
        EmergencyRestore.arm()
    }

    deinit {
        restore()
    }

    /// Gives the terminal back as it was (`endwin`): the shell's screen, modes and cursor.
    /// Safe to call more than once.
    public func restore() {
        guard !restored else { return }
        restored = true
        EmergencyRestore.disarm()
        curs_set(1)
        endwin()
        delscreen(screen)
    }

    // MARK: Input

    /// The sequences xterm, the VT220 family, rxvt and the Linux console send for the keys the
    /// panel uses. Where `TERM` names another terminal than the one in use (TERM=vt100 in an
    /// xterm or in tmux), terminfo lacks them; they are taught to curses unless already bound.
    private static let commonKeySequences: [(String, Int32)] = {
        var sequences: [(String, Int32)] = [
            ("\u{1B}[A", KEY_UP), ("\u{1B}[B", KEY_DOWN), ("\u{1B}[C", KEY_RIGHT), ("\u{1B}[D", KEY_LEFT),
            ("\u{1B}OA", KEY_UP), ("\u{1B}OB", KEY_DOWN), ("\u{1B}OC", KEY_RIGHT), ("\u{1B}OD", KEY_LEFT),
            ("\u{1B}[H", KEY_HOME), ("\u{1B}[F", KEY_END), ("\u{1B}OH", KEY_HOME), ("\u{1B}OF", KEY_END),
            ("\u{1B}[1~", KEY_HOME), ("\u{1B}[4~", KEY_END), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[8~", KEY_END),
            ("\u{1B}[2~", KEY_IC), ("\u{1B}[3~", KEY_DC), ("\u{1B}[5~", KEY_PPAGE), ("\u{1B}[6~", KEY_NPAGE),
            ("\u{1B}[Z", KEY_BTAB),
            ("\u{1B}OP", ccurses_key_f(1)), ("\u{1B}OQ", ccurses_key_f(2)), ("\u{1B}OR", ccurses_key_f(3)),
            ("\u{1B}OS", ccurses_key_f(4)),
        ]
        let functionKeys: [(Int32, String)] = [
            (1, "11"), (2, "12"), (3, "13"), (4, "14"), (5, "15"), (6, "17"), (7, "18"), (8, "19"), (9, "20"),
            (10, "21"), (11, "23"), (12, "24"),
        ]
        for (number, code) in functionKeys { sequences.append(("\u{1B}[\(code)~", ccurses_key_f(number))) }
        for (number, letter) in zip(Int32(1)...5, "ABCDE") {
            sequences.append(("\u{1B}[[\(letter)", ccurses_key_f(number)))
        }
        return sequences
    }()

    private static func defineCommonKeys() {
        for (sequence, code) in commonKeySequences where key_defined(sequence) == 0 {
            define_key(sequence, code)
        }
    }

    public func readInput() -> [BackendInput] {
        var inputs: [RawKeyInput] = []
        // A paste of thousands of characters is read in bounded bursts; poll wakes us again.
        while inputs.count < 4096 {
            var code: Int32 = 0
            let result = ccurses_get_wch(&code)
            if result == ERR { break }
            let input = RawKeyInput(code: code, isFunctionKey: result == KEY_CODE_YES)
            if !KeyDecoder.isResize(input) { inputs.append(input) }
        }
        return KeyDecoder.decode(inputs).map(BackendInput.key)
    }

    public func inputIsClosed() -> Bool {
        var descriptor = pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) > 0 else { return false }
        return descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    public func updateSize() -> Size {
        var rows: Int32 = 0, columns: Int32 = 0
        if ccurses_window_size(outputDescriptor, &rows, &columns) == 0 {
            resizeterm(rows, columns)
        }
        size = Size(width: Int(ccurses_cols()), height: Int(ccurses_lines()))
        previous = nil
        return size
    }

    // MARK: Output

    public func present(_ canvas: Canvas, cursor: Point?) {
        let before = previous?.size == canvas.size ? previous : nil
        let rows = min(canvas.size.height, size.height), columns = min(canvas.size.width, size.width)
        var run = [wchar_t](repeating: 0, count: columns + 1)
        for y in 0..<rows {
            if let before, canvas.sameRow(y, as: before) { continue }
            var x = 0
            while x < columns {
                let index = y * canvas.size.width + x
                let cell = canvas.packed[index]
                if cell.width == 0 || before.map({ canvas.sameCell(at: index, as: $0) }) == true {
                    x += 1
                    continue
                }
                guard isRunnable(cell) else {
                    draw(cell, of: canvas, y: y, x: x, columns: columns, buffer: &run)
                    x += Int(cell.width)
                    continue
                }
                // A run of plain one-column cells of one role goes to curses in one call.
                var count = 0
                while x + count < columns, case let next = canvas.packed[index + count], next.role == cell.role,
                      isRunnable(next) {
                    run[count] = wchar_t(bitPattern: next.code)
                    count += 1
                }
                let (attributes, pair) = roleAttributes[Int(cell.role.rawValue)]
                ccurses_put_text(window, Int32(y), Int32(x), run, Int32(count), attributes, pair)
                x += count
            }
        }
        if let cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < columns, cursor.y < rows {
            setCursorVisible(1)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            setCursorVisible(0)
        }
        wnoutrefresh(window)
        doupdate()
        previous = canvas
    }

    /// A cell curses can take within a string: one scalar, one column by every width table
    /// (below U+1100, or a box-drawing line), and representable in the locale.
    private func isRunnable(_ cell: Canvas.PackedCell) -> Bool {
        guard cell.width == 1 else { return false }
        return localeIsUTF8 ? cell.code < 0x1100 || (0x2500...0x257F).contains(cell.code) : cell.code < 0x80
    }

    private func draw(
        _ cell: Canvas.PackedCell, of canvas: Canvas, y: Int, x: Int, columns: Int, buffer: inout [wchar_t]
    ) {
        let (attributes, pair) = roleAttributes[Int(cell.role.rawValue)]
        var count: Int32 = 0
        if cell.code & Canvas.PackedCell.clusterFlag == 0 && (localeIsUTF8 || cell.code < 0x80) {
            buffer[0] = wchar_t(bitPattern: cell.code)
            count = 1
        } else if localeIsUTF8 {
            // Up to CCHARW_MAX (5) scalars reach curses: a longer emoji sequence loses its tail.
            for scalar in canvas.character(of: cell).unicodeScalars.prefix(5) {
                buffer[Int(count)] = wchar_t(bitPattern: scalar.value)
                count += 1
            }
        } else {
            buffer[0] = wchar_t(UInt8(ascii: "?"))
            count = 1
        }
        ccurses_put_cell(window, Int32(y), Int32(x), buffer, count, attributes, pair)
        // ncurses measures with the C library's wcwidth: the cursor moved by what it found. Where
        // that is one column for what the canvas drew in two (an emoji made wide by U+FE0F; `?`
        // without UTF-8), the right half gets its own cell.
        if cell.width == 2 && x + 1 < columns && getcurx(window) == Int32(x + 1) {
            buffer[0] = wchar_t(UInt8(ascii: localeIsUTF8 ? " " : "?"))
            ccurses_put_cell(window, Int32(y), Int32(x + 1), buffer, 1, attributes, pair)
        }
    }

    private func setCursorVisible(_ visibility: Int32) {
        guard visibility != cursorVisible else { return }
        cursorVisible = visibility
        curs_set(visibility)
    }

    // MARK: Themes

    /// Maps every role's style to curses attributes and a colour pair (one pair per distinct
    /// foreground/background; pair 0 is the terminal's default colours).
    private static func resolve(
        _ theme: Theme, defaultColours: Bool, pairs: Int
    ) -> [(attributes: attr_t, pair: Int16)] {
        var pairNumbers: [[Int16]: Int16] = [[-1, -1]: 0]
        func colourNumber(_ colour: TerminalColor, fallback: Int16) -> Int16 {
            switch colour {
            case .default: defaultColours ? -1 : fallback
            case .indexed(let index): Int16(index)
            }
        }
        return Role.allCases.map { role in
            let style = theme[role]
            var attributes = ccurses_a_normal()
            if style.attributes.contains(.bold) { attributes |= ccurses_a_bold() }
            if style.attributes.contains(.dim) { attributes |= ccurses_a_dim() }
            if style.attributes.contains(.underline) { attributes |= ccurses_a_underline() }
            if style.attributes.contains(.reverse) { attributes |= ccurses_a_reverse() }
            if style.attributes.contains(.italic) { attributes |= ccurses_a_italic() }
            guard theme.kind != .monochrome else { return (attributes, 0) }
            let key = [colourNumber(style.foreground, fallback: 7), colourNumber(style.background, fallback: 0)]
            if key == [7, 0] && !defaultColours { return (attributes, 0) }
            if let pair = pairNumbers[key] { return (attributes, pair) }
            let pair = Int16(pairNumbers.count)
            guard Int(pair) < pairs else { return (attributes, 0) }
            init_pair(pair, key[0], key[1])
            pairNumbers[key] = pair
            return (attributes, pair)
        }
    }

    // MARK: Reading back (tests)

    /// What curses holds at (row, column) of its standard screen: the characters, the attributes
    /// and the colour pair (nil outside the screen). For the headless tests.
    func cursesCell(at point: Point) -> (text: String, attributes: attr_t, pair: Int16)? {
        var characters = [wchar_t](repeating: 0, count: 8)
        var attributes: attr_t = 0
        var pair: Int16 = 0
        let count = ccurses_read_cell(window, Int32(point.y), Int32(point.x), &characters, 8, &attributes, &pair)
        guard count >= 0 else { return nil }
        let scalars = characters.prefix(Int(count)).compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }
        return (String(String.UnicodeScalarView(scalars)), attributes, pair)
    }

    /// Where curses put the terminal cursor, nil when it is hidden (for the headless tests).
    func cursesCursor() -> Point? {
        cursorVisible == 1 ? Point(x: Int(getcurx(window)), y: Int(getcury(window))) : nil
    }

    /// The attributes `role` is drawn with (for the headless tests).
    func cursesAttributes(of role: Role) -> (attributes: attr_t, pair: Int16) {
        roleAttributes[Int(role.rawValue)]
    }

    /// ncurses' own key codes next to the key each must decode to, from curses.h (for the tests
    /// that check `KeyDecoder` against the header).
    static var headerKeyCodes: [(code: Int32, key: Key)] {
        [
            (KEY_DOWN, .down), (KEY_UP, .up), (KEY_LEFT, .left), (KEY_RIGHT, .right), (KEY_HOME, .home),
            (KEY_END, .end), (KEY_BACKSPACE, .backspace), (KEY_DC, .delete), (KEY_IC, .insert),
            (KEY_NPAGE, .pageDown), (KEY_PPAGE, .pageUp), (KEY_ENTER, .enter), (KEY_BTAB, .backTab),
            (ccurses_key_f(1), .function(1)), (ccurses_key_f(10), .function(10)), (ccurses_key_f(12), .function(12)),
        ]
    }

    /// ncurses' KEY_RESIZE (for the tests).
    static var headerResizeCode: Int32 { ccurses_key_resize() }
}

// MARK: - EmergencyRestore

/// Restores the terminal from a crash signal handler: only async-signal-safe calls (`write` of
/// bytes prepared in advance, `tcsetattr` with the modes saved before curses started).
enum EmergencyRestore {
    private static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]
    private static let capacity = 256

    // Prepared before the handlers are installed, read by them; touched only on the main thread.
    nonisolated(unsafe) private static var armed = false
    nonisolated(unsafe) private static var inputDescriptor: Int32 = 0
    nonisolated(unsafe) private static var outputDescriptor: Int32 = 1
    nonisolated(unsafe) private static var modes = termios()
    nonisolated(unsafe) private static var haveModes = false
    nonisolated(unsafe) private static let resetBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    nonisolated(unsafe) private static var resetCount = 0
    nonisolated(unsafe) private static let previousActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 64)

    /// Saves the shell's terminal modes (before `newterm` changes them).
    static func saveTerminalModes(input: Int32, output: Int32) {
        inputDescriptor = input
        outputDescriptor = output
        haveModes = tcgetattr(input, &modes) == 0
    }

    /// Prepares the reset sequence from terminfo (leave the alternate screen, normal cursor, plain
    /// attributes, keypad off) and installs the crash handlers.
    static func arm() {
        var bytes: [UInt8] = []
        for name in ["sgr0", "cnorm", "rmkx", "rmcup"] {
            if let value = ccurses_terminfo_string(name) { bytes += Array(String(cString: value).utf8) }
        }
        resetCount = min(bytes.count, capacity)
        for (index, byte) in bytes.prefix(capacity).enumerated() { resetBytes[index] = byte }
        armed = true
        for number in crashSignals { setSignalHandler(number, handleCrash, previous: previousActions + Int(number)) }
    }

    /// Puts the previous crash handlers back (the terminal was restored normally).
    static func disarm() {
        guard armed else { return }
        armed = false
        for number in crashSignals { sigaction(number, previousActions + Int(number), nil) }
    }

    private static let handleCrash: @convention(c) (Int32) -> Void = { number in
        if EmergencyRestore.armed {
            EmergencyRestore.armed = false
            _ = write(EmergencyRestore.outputDescriptor, EmergencyRestore.resetBytes, EmergencyRestore.resetCount)
            if EmergencyRestore.haveModes {
                _ = tcsetattr(EmergencyRestore.inputDescriptor, TCSAFLUSH, &EmergencyRestore.modes)
            }
        }
        // Let the previous handler (Swift's backtracer, or the default action) see the signal.
        sigaction(number, EmergencyRestore.previousActions + Int(number), nil)
        raise(number)
    }
}
