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
            LineOutput.error(refusal)
            return ExitStatus.usage
        }
        let transfers = TransferSet(options: TransferOptions(caFile: request.configuration.caFile))
        var embedded: EmbeddedPanel?
        var options: LaunchOptions
        do throws(LineModeError) {
            let home = request.environment["HOME"] ?? "/tmp"
            if let api = request.configuration.apiURL, !request.demo {
                let base: APIBase
                do { base = try APIBase(api) } catch { throw LineModeError(error, language: language) }
                options = LaunchOptions(base: base, language: language, initialScreen: request.initialScreen,
                                        homeDirectory: home)
            } else {
                let (panel, base) = try startEmbedded(demo: request.demo, environment: request.environment,
                                                      language: language)
                embedded = panel
                options = LaunchOptions(base: base, language: language,
                                        session: SignedInSession(token: SessionToken(panel.token),
                                                                 expiresAt: panel.expiresAt, idleTimeoutMinutes: 30),
                                        email: panel.email, isDemo: true, initialScreen: request.initialScreen,
                                        idleTimeout: request.idleTimeout, homeDirectory: home,
                                        writesFiles: !request.demo)
            }
        } catch {
            return report(error)
        }
        defer { embedded?.stop() }

        let backend: NcursesBackend
        do {
            backend = try NcursesBackend(configuration: .standard(noColorFlag: !request.configuration.color))
        } catch let error as TerminalStartError {
            return report(LineModeError(startMessage(error, language), status: ExitStatus.usage))
        } catch {
            return report(LineModeError("\(error)", status: ExitStatus.failure))
        }
        var loop = EventLoop(backend: backend, waiter: transfers)
        var program = PanelProgram(options: options, transfers: transfers)
        let ending = loop.run(&program)
        backend.restore()
        program.endSession()
        if let farewell = program.farewell { print(farewell) }
        return ending.exitStatus
    }

    /// Starts the panel's own server (in memory for `demo`, else on the database under
    /// $XDG_DATA_HOME) and its API base, for the full screen and line mode alike; a failure is the
    /// message the customer reads.
    static func startEmbedded(demo: Bool, environment: [String: String], language: Language)
        throws(LineModeError) -> (EmbeddedPanel, APIBase)
    {
        do {
            let panel = try EmbeddedPanel.start(databasePath: try databasePath(demo: demo, environment: environment))
            return (panel, try APIBase(panel.baseURL))
        } catch let error as EmbeddedPanel.StartError {
            throw LineModeError(error, language: language)
        } catch let error as TransportError {
            throw LineModeError(error, language: language)
        } catch {
            throw LineModeError("\(error)", status: ExitStatus.failure)
        }
    }

    /// The embedded panel's database: in memory for `--demo`, else under `$XDG_DATA_HOME`.
    static func databasePath(demo: Bool, environment: [String: String]) throws -> String {
        if demo { return ":memory:" }
        guard let directory = PanelConfiguration.dataDirectory(environment) else { return ":memory:" }
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

/// Unblocks every signal this process inherited blocked (a parent's thread may have had them
/// blocked when it started us, and the mask survives exec): SIGTERM, SIGHUP and SIGINT must end
/// the panel, and Ctrl-C must reach the password prompt. Called first thing in `main`.
public func unblockInheritedSignals() {
    var none = sigset_t()
    sigemptyset(&none)
    sigprocmask(SIG_SETMASK, &none, nil)
}

/// Says why on standard error and returns the exit status that goes with it.
func report(_ error: LineModeError) -> Int32 {
    LineOutput.error(error.message)
    return error.status
}
