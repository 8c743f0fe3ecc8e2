import Glibc
import PanelClient
import PanelModels

// Line mode: the commands for scripts, screen readers and terminals without a full screen
// (`haker-panel show`, `export`, `policy`, `messages`, `messages set`). The pieces:
// - this file: the exit statuses, the errors and why the full screen may not start;
// - `LineModeConnection.swift`: the embedded panel or a real API, signing in and out;
// - `LineModePrompt.swift`: asking for the e-mail and, without echo, the password;
// - `LineModeCommands.swift`: the commands themselves;
// - `LineModeText.swift`: the answers as readable text, made inert for the terminal.

/// The commands for scripts, screen readers and terminals without a full screen.
public enum LineMode {
    /// A message when the full screen cannot run here (no terminal, `TERM=dumb`), else nil.
    static func refusalForFullScreen(environment: [String: String], language: Language) -> String? {
        let term = environment["TERM"] ?? ""
        if isatty(0) == 0 || isatty(1) == 0 {
            return (language == .tr ? "tam ekran panel için bir terminal gerekli (standart giriş/çıkış terminal değil)."
                    : "the full-screen panel needs a terminal (standard input/output is not one).")
                + "\n" + commandsHint(language)
        }
        if term.isEmpty || term == "dumb" {
            return (language == .tr ? "bu terminal (TERM=\(term.isEmpty ? "boş" : term)) tam ekran paneli gösteremiyor."
                    : "this terminal (TERM=\(term.isEmpty ? "unset" : term)) cannot show the full-screen panel.")
                + "\n" + commandsHint(language)
        }
        return nil
    }

    /// The line-mode commands, named.
    public static func commandsHint(_ language: Language) -> String {
        language == .tr
            ? """
              Satır kipinde kullanılabilecek komutlar:
                haker-panel show [--json]                      saklanan veriler
                haker-panel export DOSYA [--force]             verilerin JSON olarak dışa aktarımı
                haker-panel policy privacy|cookies [--lang tr|en]
                haker-panel messages                           ileti tercihleri
                haker-panel messages set KONU KANAL on|off
              Ayrıntılar: haker-panel --help
              """
            : """
              Commands for line mode:
                haker-panel show [--json]                      the data stored about you
                haker-panel export FILE [--force]              your data as a JSON file
                haker-panel policy privacy|cookies [--lang tr|en]
                haker-panel messages                           your message preferences
                haker-panel messages set TOPIC CHANNEL on|off
              More: haker-panel --help
              """
    }
}

// MARK: - Exit statuses

/// The exit status of `haker-panel`, the same for the full screen and line mode. Scripts can tell
/// a mistake in the command line from a refused sign-in from a server that cannot be reached.
public enum ExitStatus {
    /// Done.
    public static let success: Int32 = 0
    /// Anything else: the panel refused or failed the request (a required topic, a server error,
    /// an answer that makes no sense), the export file exists, the embedded panel did not start.
    public static let failure: Int32 = 1
    /// The e-mail or password was wrong, or sign-in is locked for a while.
    public static let signInRefused: Int32 = 3
    /// No answer from the panel API: refused, unreachable, timed out, TLS not trusted.
    public static let unreachable: Int32 = 4
    /// A mistake in the command line (as swift-argument-parser's own, EX_USAGE), an invalid
    /// `--api` address or config file, a missing e-mail or password with nobody to ask, or the
    /// full screen asked for where there is no terminal for it.
    public static let usage: Int32 = 64

    /// The table for `--help` and the README.
    public static let help = """
        Exit status: 0 done; 1 the panel refused or failed the request (e.g. a required topic, an \
        existing export file); 3 sign-in refused (wrong e-mail or password, too many attempts); 4 the \
        panel could not be reached; 64 usage (a bad command line or config file, no terminal for the \
        full screen or the password prompt).
        """
}

// MARK: - Errors

/// Why a line-mode command (or the start of the full screen) failed: a sentence in the chosen
/// language and the exit status that goes with it.
public struct LineModeError: Error, Sendable {
    public var message: String
    public var status: Int32

    public init(_ message: String, status: Int32) {
        self.message = message
        self.status = status
    }

    /// A failed call: no answer is `unreachable`; a refused sign-in (401: wrong credentials, or
    /// a session that ended between two calls of one command; 429: too many attempts)
    /// `signInRefused`; the rest `failure`.
    init(_ failure: APIFailure, language: Language) {
        message = failure.message(in: language)
        switch failure {
        case .transport(let error):
            status = Self.status(of: error)
        case .problem(let problem) where problem.status == 401 || problem.status == 429:
            status = ExitStatus.signInRefused
        default:
            status = ExitStatus.failure
        }
    }

    init(_ error: TransportError, language: Language) {
        message = error.message(in: language)
        status = Self.status(of: error)
    }

    init(_ error: EmbeddedPanel.StartError, language: Language) {
        message = error.message(in: language)
        status = ExitStatus.failure
    }

    /// A bad address is the command line's fault; everything else is the network's.
    private static func status(of error: TransportError) -> Int32 {
        switch error {
        case .invalidURL, .insecureURL: ExitStatus.usage
        default: ExitStatus.unreachable
        }
    }
}

// MARK: - Output

/// Writes to standard output and standard error without buffering surprises: every line of
/// line mode goes through `InertText` first, so text from the server cannot drive the terminal.
enum LineOutput {
    /// Each line sanitised, then written to standard output with a newline.
    static func print(_ lines: [String]) {
        write(lines.map { LineText.inert($0) + "\n" }.joined(), to: 1)
    }

    /// `haker-panel: message` on standard error (each line made inert).
    static func error(_ message: String) {
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map { LineText.inert(String($0)) }
        write("haker-panel: " + lines.joined(separator: "\n") + "\n", to: 2)
    }

    static func write(_ text: String, to fd: Int32) {
        writeAll(Array(text.utf8), to: fd)
    }

    /// Writes every byte (a pipe may take fewer at a time); gives up on a closed reader.
    static func writeAll(_ bytes: [UInt8], to fd: Int32) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return }
                offset += n
            }
        }
    }
}
