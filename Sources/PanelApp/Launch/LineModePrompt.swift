import Glibc
import PanelModels

/// Asks the person at the terminal for the e-mail and the password. The questions go to
/// `/dev/tty`, not to standard output, so `haker-panel show > data.txt` still asks; the password
/// is typed without echo, and the terminal's settings come back on every path — an answer, end of
/// input, Ctrl-C, SIGTERM or a hang-up (the handlers put them back, then the signal goes on to end
/// the process as it would have).
enum LineModePrompt {
    /// Reads a line from `/dev/tty` after showing `question` there; nil when there is no terminal
    /// or the input ended before a line.
    static func ask(_ question: String, echo: Bool) -> String? {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        LineOutput.write(question, to: fd)
        guard !echo else { return readLine(fd) }
        guard tcgetattr(fd, saved.settings) == 0 else { return readLine(fd) }
        saved.terminal.pointee = fd
        let handlers = [SIGINT, SIGTERM, SIGHUP, SIGQUIT].map { ($0, signal($0, restoreAndResignal)) }
        var quiet = saved.settings.pointee
        // Only the echo goes: line editing (backspace) and Ctrl-C keep working.
        quiet.c_lflag &= ~tcflag_t(ECHO | ECHOE | ECHOK | ECHONL)
        tcsetattr(fd, TCSAFLUSH, &quiet)
        let line = readLine(fd)
        tcsetattr(fd, TCSAFLUSH, saved.settings)
        saved.terminal.pointee = -1
        for (number, handler) in handlers { signal(number, handler) }
        // The Enter the customer pressed was not echoed either.
        LineOutput.write("\n", to: fd)
        return line
    }

    /// The first line of standard input (`--password-stdin`), without its line end; nil when
    /// standard input is empty.
    static func readStandardInput() -> String? {
        readLine(0)
    }

    // MARK: - Private

    /// What the signal handler needs: the terminal whose echo is off (-1 when none) and its
    /// settings before. Plain memory behind pointers, so the handler reads it without Swift's
    /// exclusivity checks (a signal may arrive while the prompt itself touches it).
    private struct Saved: @unchecked Sendable {
        let terminal = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        let settings = UnsafeMutablePointer<termios>.allocate(capacity: 1)

        init() {
            terminal.initialize(to: -1)
            settings.initialize(to: termios())
        }
    }

    private static let saved = Saved()

    /// Puts the terminal back, then lets the signal do what it would have done.
    private static let restoreAndResignal: @convention(c) (Int32) -> Void = { number in
        let fd = LineModePrompt.saved.terminal.pointee
        if fd >= 0 {
            tcsetattr(fd, TCSANOW, LineModePrompt.saved.settings)
            var newline = UInt8(ascii: "\n")
            _ = Glibc.write(fd, &newline, 1)
        }
        signal(number, SIG_DFL)
        raise(number)
    }

    /// Reads up to a line feed or the end of input; a carriage return before the line feed goes.
    private static func readLine(_ fd: Int32) -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while bytes.count < 4096 {
            let n = read(fd, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if byte == UInt8(ascii: "\n") { break }
            bytes.append(byte)
        }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
