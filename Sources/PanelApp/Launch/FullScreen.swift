#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc
import PanelClient
import PanelModels
import TerminalUI

/// Starts the full-screen panel: the embedded panel when no API is configured, then curses, the
/// event loop and the shell; on the way out the terminal is restored, the session ended on the
/// server and the embedded panel stopped.
public enum FullScreen {
    public struct Request: Sendable {
        public var configuration: PanelConfiguration
        public var initialScreen: Route
        /// `--demo`: a fresh in-memory panel with an idle timeout.
        public var demo: Bool
        public var idleTimeout: Duration?
        public var environment: [String: String]

        public init(configuration: PanelConfiguration, initialScreen: Route = .home, demo: Bool = false,
                    idleTimeout: Duration? = nil, environment: [String: String]) {
            self.configuration = configuration
            self.initialScreen = initialScreen
            self.demo = demo
            self.idleTimeout = idleTimeout
            self.environment = environment
        }
    }

    /// Runs the panel and returns the process exit status.
    public static func run(_ request: Request) -> Int32 {
        let language = request.configuration.language
        if let refusal = LineMode.refusalForFullScreen(environment: request.environment, language: language) {
            printError(refusal)
            return 1
        }
        let transfers = TransferSet(options: TransferOptions(caFile: request.configuration.caFile))
        var embedded: EmbeddedPanel?
        var options: LaunchOptions
        do {
            let home = request.environment["HOME"] ?? "/tmp"
            if let api = request.configuration.apiURL, !request.demo {
                options = LaunchOptions(base: try APIBase(api), language: language, initialScreen: request.initialScreen,
                                        homeDirectory: home)
            } else {
                let panel = try EmbeddedPanel.start(databasePath: try databasePath(request))
                embedded = panel
                options = LaunchOptions(base: try APIBase(panel.baseURL), language: language,
                                        session: SignedInSession(token: SessionToken(panel.token),
                                                                 expiresAt: panel.expiresAt, idleTimeoutMinutes: 30),
                                        email: panel.email, isDemo: true, initialScreen: request.initialScreen,
                                        idleTimeout: request.idleTimeout, homeDirectory: home)
            }
        } catch let error as EmbeddedPanel.StartError {
            printError(error.message(in: language))
            return 1
        } catch let error as TransportError {
            printError(error.message(in: language))
            return 2
        } catch {
            printError("\(error)")
            return 1
        }
        defer { embedded?.stop() }

        let backend: NcursesBackend
        do {
            backend = try NcursesBackend(configuration: .standard(noColorFlag: !request.configuration.color))
        } catch let error as TerminalStartError {
            printError(startMessage(error, language))
            return 1
        } catch {
            printError("\(error)")
            return 1
        }
        var loop = EventLoop(backend: backend, waiter: transfers)
        var program = PanelProgram(options: options, transfers: transfers)
        let ending = loop.run(&program)
        backend.restore()
        program.endSession()
        if let farewell = program.farewell { print(farewell) }
        return ending.exitStatus
    }

    /// The embedded panel's database: in memory for `--demo`, else under `$XDG_DATA_HOME`.
    static func databasePath(_ request: Request) throws -> String {
        if request.demo { return ":memory:" }
        guard let directory = PanelConfiguration.dataDirectory(request.environment) else { return ":memory:" }
        try makeDirectories(directory)
        return directory + "/panel.sqlite"
    }

    static func makeDirectories(_ path: String) throws {
        var built = ""
        for part in path.split(separator: "/") {
            built += "/" + part
            if mkdir(built, 0o700) != 0 && errno != EEXIST {
                throw EmbeddedPanel.StartError.spawnFailed(errno: errno)
            }
        }
    }

    /// Why curses could not start, in the customer's language, naming the line-mode commands.
    static func startMessage(_ error: TerminalStartError, _ language: Language) -> String {
        let reason: String
        switch (error, language) {
        case (.cannotAddressCursor(let type), .tr), (.unknownTerminal(let type), .tr):
            reason = "bu terminal (TERM=\(type)) tam ekran paneli gösteremiyor."
        case (.notATerminal, .tr):
            reason = "tam ekran panel için standart giriş ve çıkış bir terminal olmalı."
        case (.noTerminalType, .tr):
            reason = "TERM tanımlı değil; terminal türü bilinmiyor."
        case (.initialisationFailed(let type), .tr):
            reason = "ncurses bu terminalde (TERM=\(type)) başlatılamadı."
        case (_, .en):
            reason = error.description + "."
        }
        return reason + "\n" + LineMode.commandsHint(language)
    }
}

/// Writes `haker-panel: text` to standard error.
func printError(_ text: String) {
    let bytes = Array("haker-panel: \(text)\n".utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}
