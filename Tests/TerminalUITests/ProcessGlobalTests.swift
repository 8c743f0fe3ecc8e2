#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import Testing
@testable import TerminalUI

/// Tests that touch process-wide state (signal dispositions, curses' single screen, terminfo's
/// current terminal) run one at a time.
@Suite(.serialized) struct ProcessGlobalTests {
    // MARK: Signals

    @Test func sigwinchBecomesAResizeAndSigtermEndsTheLoop() {
        let backend = TestBackend(size: Size(width: 80, height: 24))
        // The signal goes to the process, as a terminal's would: test threads may block signals,
        // so it is handled on whichever thread does not, and the step waits for the self-pipe.
        func signalling(_ number: Int32) -> ScriptedWaiter.Step {
            { _, fds in
                kill(getpid(), number)
                var poller = PollWaiter()
                return WaitResult(readable: poller.wait(on: [fds[1]], timeoutMilliseconds: 10_000).readable)
            }
        }
        let waiter = ScriptedWaiter(backend: backend, steps: [signalling(SIGWINCH), signalling(SIGTERM)])
        var loop = EventLoop(backend: backend, waiter: waiter, handlesSignals: true)
        var program = RecordingProgram<ScriptedWaiter>()
        #expect(loop.run(&program) == .signal(SIGTERM))
        #expect(program.sizes.count == 2, "the start, then SIGWINCH")
        #expect(loop.waiter.timeouts.count == 2)
    }

    // MARK: ncurses, headless on a pseudo-terminal

    @Test func cursesHoldsTheDrawnCellsTurkishLettersAndWideCharactersIncluded() throws {
        let terminal = try PseudoTerminal(size: Size(width: 80, height: 24))
        var shellModes = termios()
        tcgetattr(terminal.secondary, &shellModes)
        let backend = try NcursesBackend(configuration: terminal.configuration())
        defer { backend.restore() }
        #expect(backend.size == Size(width: 80, height: 24))
        #expect(backend.localeIsUTF8)
        #expect(backend.glyphs == .unicode)
        #expect(backend.theme.kind == .colour256)

        var canvas = Canvas(size: backend.size, glyphs: backend.glyphs)
        canvas.put("Haker Panel ÇĞİÖŞÜ çğıöşü", at: .zero, role: .title)
        canvas.put("漢字 ok e\u{301}", at: Point(x: 0, y: 1))
        canvas.put("\u{1B}[31mred", at: Point(x: 0, y: 2), role: .error)
        canvas.put("bottom-right", at: Point(x: 68, y: 23))
        backend.present(canvas, cursor: Point(x: 3, y: 1))
        #expect(backend.cursesCursor() == Point(x: 3, y: 1), "the terminal cursor sits on the focused item")

        let text = (0..<25).map { backend.cursesCell(at: Point(x: $0, y: 0))?.text ?? "?" }.joined()
        #expect(text == "Haker Panel ÇĞİÖŞÜ çğıöşü")
        #expect(backend.cursesCell(at: Point(x: 0, y: 1))?.text == "漢")
        #expect(backend.cursesCell(at: Point(x: 2, y: 1))?.text == "字")
        #expect(backend.cursesCell(at: Point(x: 5, y: 1))?.text == "o")
        #expect(backend.cursesCell(at: Point(x: 8, y: 1))?.text == "e\u{301}")
        #expect(backend.cursesCell(at: Point(x: 0, y: 2))?.text == "␛", "ESC reaches curses only as its picture")
        #expect(backend.cursesCell(at: Point(x: 79, y: 23))?.text == "t")

        let title = try #require(backend.cursesCell(at: Point(x: 0, y: 0)))
        let expected = backend.cursesAttributes(of: .title)
        #expect(title.pair == expected.pair && expected.pair != 0)
        #expect(title.attributes & expected.attributes == expected.attributes)

        // What reached the terminal: the letters as UTF-8, and no raw "ESC [31m" from the text.
        let output = terminal.waitForOutput(containing: Array("ÇĞİÖŞÜ".utf8))
        #expect(output.contains(Array("çğıöşü".utf8)))
        #expect(!output.contains(Array("\u{1B}[31mred".utf8)))

        // A second frame changing one cell sends little.
        let before = terminal.outputCount
        var next = canvas
        next.put("X", at: Point(x: 40, y: 10))
        backend.present(next, cursor: Point(x: 3, y: 1))
        let changed = terminal.waitForOutput(containing: Array("X".utf8), after: before)
        #expect(changed.count < 40, "one changed cell costs a cursor move and a character, not a screen")
        backend.present(next, cursor: nil)
        #expect(backend.cursesCursor() == nil, "no focus, no cursor")

        // The same cluster slot holding another cluster in the next frame is still redrawn.
        var accented = Canvas(size: backend.size)
        accented.put("a\u{301}", at: Point(x: 5, y: 5))
        backend.present(accented, cursor: nil)
        var other = Canvas(size: backend.size)
        other.put("o\u{301}", at: Point(x: 5, y: 5))
        backend.present(other, cursor: nil)
        #expect(backend.cursesCell(at: Point(x: 5, y: 5))?.text == "o\u{301}")

        backend.restore()
        var restored = termios()
        tcgetattr(terminal.secondary, &restored)
        #expect(restored.c_lflag & tcflag_t(ICANON | ECHO) == shellModes.c_lflag & tcflag_t(ICANON | ECHO))
    }

    @Test func keysTypedAtTheTerminalAreDecoded() throws {
        let terminal = try PseudoTerminal(size: Size(width: 80, height: 24))
        let backend = try NcursesBackend(configuration: terminal.configuration())
        defer { backend.restore() }
        terminal.type("\u{1B}OA" + "ş" + "İ" + "\u{1B}[21~" + "\r" + "\u{3}" + "\u{7F}" + "\u{1B}[Z" + "\u{1B}x")
        let keys = readKeys(backend, terminal: terminal, count: 9)
        #expect(keys == [.up, .character("ş"), .character("İ"), .function(10), .enter, .interrupt, .backspace,
                         .backTab, .alt("x")])

        let start = ContinuousClock.now
        terminal.type("\u{1B}")
        #expect(readKeys(backend, terminal: terminal, count: 1) == [.escape])
        #expect(ContinuousClock.now - start < .milliseconds(900), "Esc does not wait ncurses' default second")
    }

    @Test func xtermKeysAreUnderstoodWhenTermSaysVt100() throws {
        let terminal = try PseudoTerminal(size: Size(width: 80, height: 24))
        var configuration = terminal.configuration()
        configuration.terminalType = "vt100"
        let backend = try NcursesBackend(configuration: configuration)
        defer { backend.restore() }
        terminal.type("\u{1B}[21~" + "\u{1B}[H" + "\u{1B}[3~" + "\u{1B}[6~" + "\u{1B}[1;5C" + "q")
        #expect(readKeys(backend, terminal: terminal, count: 6) == [.function(10), .home, .delete, .pageDown,
                                                                    .unknown(27), .character("q")])
    }

    @Test func aResizeIsReadFromTheKernel() throws {
        let terminal = try PseudoTerminal(size: Size(width: 80, height: 24))
        let backend = try NcursesBackend(configuration: terminal.configuration())
        defer { backend.restore() }
        terminal.setSize(Size(width: 100, height: 30))
        #expect(backend.updateSize() == Size(width: 100, height: 30))
        var canvas = Canvas(size: backend.size)
        canvas.put("Z", at: Point(x: 99, y: 29))
        backend.present(canvas, cursor: nil)
        #expect(backend.cursesCell(at: Point(x: 99, y: 29))?.text == "Z")
        terminal.setSize(Size(width: 60, height: 20))
        #expect(backend.updateSize() == Size(width: 60, height: 20))
    }

    @Test func monochromeWhenColourIsDisabled() throws {
        let terminal = try PseudoTerminal(size: Size(width: 80, height: 24))
        var configuration = terminal.configuration()
        configuration.colourDisabled = true
        let backend = try NcursesBackend(configuration: configuration)
        defer { backend.restore() }
        #expect(backend.theme.kind == .monochrome)
        #expect(Role.allCases.allSatisfy { backend.cursesAttributes(of: $0).pair == 0 })
    }

    @Test func aVt100GetsEightOrNoColoursAndStillDrawsLines() throws {
        let terminal = try PseudoTerminal(size: Size(width: 80, height: 24))
        var configuration = terminal.configuration()
        configuration.terminalType = "vt100"
        let backend = try NcursesBackend(configuration: configuration)
        defer { backend.restore() }
        #expect(backend.theme.kind == .monochrome, "vt100 has no colours")
        #expect(backend.glyphs == .unicode, "vt100 has acsc")
    }

    @Test func terminalsThatCannotWorkAreRefusedWithoutStartingCurses() throws {
        let terminal = try PseudoTerminal(size: Size(width: 80, height: 24))
        var configuration = terminal.configuration()
        configuration.terminalType = "dumb"
        #expect(throws: TerminalStartError.cannotAddressCursor("dumb")) {
            try NcursesBackend(configuration: configuration)
        }
        configuration.terminalType = "no-such-terminal-type"
        #expect(throws: TerminalStartError.unknownTerminal("no-such-terminal-type")) {
            try NcursesBackend(configuration: configuration)
        }
        configuration.terminalType = ""
        #expect(throws: TerminalStartError.noTerminalType) { try NcursesBackend(configuration: configuration) }
        let devNull = open("/dev/null", O_RDWR)
        defer { close(devNull) }
        let notATerminal = NcursesBackend.Configuration(terminalType: "xterm", inputDescriptor: devNull,
                                                        outputDescriptor: devNull)
        #expect(throws: TerminalStartError.notATerminal) { try NcursesBackend(configuration: notATerminal) }
        #expect(terminal.outputCount == 0, "nothing was written to a refused terminal")
        #expect(TerminalStartError.cannotAddressCursor("dumb").description.contains("cannot position the cursor"))
    }

    private func readKeys(_ backend: NcursesBackend, terminal: PseudoTerminal, count: Int) -> [Key] {
        var keys: [Key] = []
        let deadline = ContinuousClock.now + .seconds(10)
        while keys.count < count && ContinuousClock.now < deadline {
            var descriptor = pollfd(fd: terminal.secondary, events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, 100)
            keys += backend.readInput().compactMap { if case .key(let key) = $0 { key } else { nil } }
        }
        return keys
    }
}

@Suite struct KeyCodeHeaderTests {
    @Test func theDecoderAgreesWithCursesHeader() {
        for (code, key) in NcursesBackend.headerKeyCodes {
            #expect(KeyDecoder.decode(.functionKey(code)) == key)
        }
        #expect(KeyDecoder.isResize(.functionKey(NcursesBackend.headerResizeCode)))
    }
}

// MARK: - PseudoTerminal

// glibc's pseudo-terminal functions, which Swift's Glibc module hides behind _XOPEN_SOURCE.
@_silgen_name("posix_openpt") private func ptyOpen(_ flags: Int32) -> Int32
@_silgen_name("grantpt") private func ptyGrant(_ fd: Int32) -> Int32
@_silgen_name("unlockpt") private func ptyUnlock(_ fd: Int32) -> Int32
@_silgen_name("ptsname") private func ptyName(_ fd: Int32) -> UnsafeMutablePointer<CChar>?

/// A pseudo-terminal for headless curses: the test holds the primary side, curses gets the
/// secondary. A thread drains everything curses writes, so it never blocks.
final class PseudoTerminal: @unchecked Sendable {
    let primary: Int32
    let secondary: Int32
    private let output = Mutex<[UInt8]>([])
    private var thread = pthread_t()

    struct Failure: Error { var step: String }

    init(size: Size) throws {
        primary = ptyOpen(O_RDWR | O_NOCTTY)
        guard primary >= 0, ptyGrant(primary) == 0, ptyUnlock(primary) == 0, let name = ptyName(primary) else {
            throw Failure(step: "posix_openpt")
        }
        secondary = open(name, O_RDWR | O_NOCTTY)
        guard secondary >= 0 else { throw Failure(step: "open secondary") }
        setSize(size)
        let context = Unmanaged.passRetained(self).toOpaque()
        pthread_create(&thread, nil, { context in
            let terminal = Unmanaged<PseudoTerminal>.fromOpaque(context!).takeRetainedValue()
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(terminal.primary, &buffer, buffer.count)
                if count <= 0 { break }
                terminal.output.withLock { $0 += buffer[..<count] }
            }
            return nil
        }, context)
    }

    deinit {
        // The drain thread holds a reference until it ends, so deinit runs after it stopped.
        close(secondary)
        close(primary)
    }

    /// A configuration for curses on the secondary side.
    func configuration() -> NcursesBackend.Configuration {
        NcursesBackend.Configuration(terminalType: "xterm-256color", inputDescriptor: secondary,
                                     outputDescriptor: secondary)
    }

    func setSize(_ size: Size) {
        var window = winsize(ws_row: UInt16(size.height), ws_col: UInt16(size.width), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(primary, UInt(TIOCSWINSZ), &window)
    }

    /// Types `text` as the user would.
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(primary, $0.baseAddress, $0.count) }
    }

    var outputCount: Int { output.withLock { $0.count } }

    /// The output from byte `after` on, once it contains `needle` (or after 10 s).
    func waitForOutput(containing needle: [UInt8], after start: Int = 0) -> [UInt8] {
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            let bytes = output.withLock { Array($0.dropFirst(start)) }
            if bytes.contains(needle) || ContinuousClock.now > deadline { return bytes }
            usleep(2000)
        }
    }

    /// Stops the drain thread (closing the secondary side makes the primary read fail).
    func stop() {
        close(secondary)
        pthread_join(thread, nil)
    }
}

extension Array where Element == UInt8 {
    func contains(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return needle.isEmpty }
        return (0...(count - needle.count)).contains { self[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
