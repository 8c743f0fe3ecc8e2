import ArgumentParser
import CServerShims
import Foundation
import Logging
import NIOCore
import NIOPosix
import PanelModels
import PanelServer
import ServiceLifecycle

/// The process's entry point: Swift's global executor becomes NIO's event loops before any task
/// starts, so a request's handler runs on the event loop thread that read the request instead of
/// hopping to Swift's own thread pool and back (an eventfd wake-up per request; BENCHMARKS.md).
/// The handlers' database calls are short and synchronous, as they were on Swift's pool (which has
/// as few threads); bcrypt still runs on a Dispatch queue of its own.
@main
enum ServerEntryPoint {
    static func main() async {
        runTasksOnEventLoops()
        await HakerPanelServer.main()
    }

    /// What swift-nio's `NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()`
    /// does, with the hook bound when linking: NIO looks it up with dlsym, which fails silently in
    /// `make release`'s binary (the runtime linked statically, its symbols not exported), so the
    /// release server kept hopping threads. Every job Swift would put on its own pool goes to an
    /// event loop of NIO's singleton group instead: the current one when called on one.
    private static func runTasksOnEventLoops() {
        typealias EnqueueHook = @convention(thin) (UnownedJob, @convention(thin) (UnownedJob) -> Void) -> Void
        let hook: EnqueueHook = { job, _ in
            MultiThreadedEventLoopGroup.singleton.any().executor.enqueue(ExecutorJob(job))
        }
        withUnsafeBytes(of: hook) { cserver_global_enqueue_hook().pointee = $0.load(as: UnsafeMutableRawPointer.self) }
    }
}

/// `haker-panel-server`: the panel API. See the README, "Running the server".
struct HakerPanelServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "haker-panel-server",
        abstract: "The Haker panel API: customers' data, sign-in, message preferences, policies.")

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free port and prints it.")
    var port = 8080

    @Option(
        help: ArgumentHelp(
            "SQLite database file, created and migrated on start; :memory: for a throw-away one. "
                + "Default: haker-panel.sqlite in the working directory (:memory: with --embedded)."))
    var db: String?

    @Option(
        help: ArgumentHelp(
            "Folder with privacy.tr.md, privacy.en.md, cookies.tr.md, cookies.en.md (front "
                + "matter: title, version, effective_date). Default: the bundled texts."))
    var policies: String?

    @Flag(help: "Add the demo customers (demo@example.com, kurumsal@example.com) when absent.")
    var seedDemo = false

    @Option(help: "The reverse proxy's address: only its X-Forwarded-For is believed.")
    var trustedProxy: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    @Flag(
        help: ArgumentHelp(
            "Embedded in haker-panel: loopback, a free port, demo data, one JSON line on "
                + "stdout with a session for the demo customer; ends when stdin closes."))
    var embedded = false

    @Flag(help: "Read a password from stdin, print its bcrypt hash (cost 12) and exit.")
    var hashPassword = false

    func run() async throws {
        if hashPassword {
            let password = readLine(strippingNewline: true) ?? ""
            print(BcryptPasswords(cost: 12).hash(password))
            return
        }
        if embedded {
            // A second guard beside stdin: the kernel ends us when the parent ends.
            _ = cserver_set_parent_death_signal(SIGTERM)
        }
        let level = embedded ? Logger.Level.warning : (Logger.Level(rawValue: logLevel) ?? .info)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var configuration = ServerConfiguration()
        configuration.host = embedded ? "127.0.0.1" : host
        configuration.port = embedded ? 0 : port
        configuration.databasePath = db ?? (embedded ? ":memory:" : "haker-panel.sqlite")
        configuration.policiesDirectory = policies
        configuration.seedDemo = seedDemo || embedded
        configuration.trustedProxy = trustedProxy
        configuration.logger = Logger(label: "haker-panel-server")

        let server: PanelServer
        do {
            server = try PanelServer(configuration: configuration)
        } catch {
            throw ValidationError("cannot start: \(error)")
        }
        if embedded {
            try await runEmbedded(server)
        } else {
            let host = configuration.host
            let app = server.makeApplication { port in
                let base = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
                print("haker-panel-server listening on \(base)")
                for line in server.rejectLinkLines(baseURL: base) { print(line) }
                fflush(nil)
            }
            try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        }
    }

    /// Prints the handshake line once listening, then serves until stdin, when it is a pipe, reaches
    /// EOF (the parent's end of the pipe closed, however the parent ended), or SIGTERM/SIGINT (also
    /// sent by the kernel when the parent ends).
    private func runEmbedded(_ server: PanelServer) async throws {
        let grant = try await server.demoSession()
        let app = server.makeApplication { port in
            let handshake = EmbeddedHandshake(
                port: port, token: grant.token, expiresAt: grant.expiresAt,
                idleTimeoutMinutes: grant.idleTimeoutMinutes,
                email: "demo@example.com")
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            if let line = try? encoder.encode(handshake) {
                FileHandle.standardOutput.write(line + Data("\n".utf8))
            }
        }
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: app)]
        // Only a pipe (or socket) from the parent can close; /dev/null or a terminal would end us at
        // once or never, so then the parent-death signal is the guard.
        if StandardInputClosed.isPipe {
            services.append(.init(service: StandardInputClosed(), successTerminationBehavior: .gracefullyShutdownGroup))
        }
        let group = ServiceGroup(
            configuration: .init(
                services: services, gracefulShutdownSignals: [.sigterm, .sigint],
                logger: server.configuration.logger))
        try await group.run()
    }
}

/// A service that returns when standard input reaches end of file.
struct StandardInputClosed: Service {
    /// Whether standard input is a pipe or a socket, the only kinds a parent's ending closes.
    static var isPipe: Bool {
        var info = stat()
        guard fstat(STDIN_FILENO, &info) == 0 else { return false }
        let kind = info.st_mode & S_IFMT
        return kind == S_IFIFO || kind == S_IFSOCK
    }

    func run() async throws {
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        // read(2) blocks, so it gets a thread of its own; the stream ends at EOF or on error.
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 512)
            while read(STDIN_FILENO, &buffer, buffer.count) > 0 {}
            continuation.finish()
        }
        await cancelWhenGracefulShutdown {
            for await _ in stream {}
        }
    }
}
