import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PanelModels

// MARK: - The server as a value

/// The panel API: its storage, policies and routes. `main` and the tests share it: they build a
/// `PanelServer` from a configuration, then an `Application` from it.
public struct PanelServer: Sendable {
    public let configuration: ServerConfiguration
    let store: PanelStore
    let policies: PolicyLibrary
    /// The reject links made by `--seed-demo` in this start, to print once.
    let demoRejectLinks: [DemoSeed.RejectLink]

    /// Opens and migrates the database, loads the policies, seeds the demo customers if asked.
    public init(configuration: ServerConfiguration) throws {
        self.configuration = configuration
        let writer = try PanelDatabase.open(path: configuration.databasePath)
        store = PanelStore(db: writer)
        policies = try configuration.policiesDirectory.map(PolicyLibrary.load(directory:)) ?? PolicyLibrary.bundled
        demoRejectLinks = configuration.seedDemo ? try DemoSeed.seed(writer, now: configuration.clock()) : []
    }

    /// The application, listening where the configuration says; `onServerRunning` receives the
    /// bound port (the real one when the configuration asked for port 0).
    public func makeApplication(
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    )
        -> some ApplicationProtocol
    {
        Application(
            router: makeRouter(),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: nil),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
            logger: configuration.logger)
    }

    /// The lines `--seed-demo` prints once: each new demo customer's reject links.
    public func rejectLinkLines(baseURL: String) -> [String] {
        demoRejectLinks.map {
            "reject link for \($0.email), \($0.topic) by \($0.channel): \(baseURL)/v1/unsubscribe/\($0.token)"
        }
    }

    /// A session for the individual demo customer, made without a password (no bcrypt at start):
    /// what the embedded panel hands its parent.
    public func demoSession() async throws -> SessionGrant {
        guard let customer = try store.customer(email: DemoSeed.individualEmail) else {
            throw PolicyLibrary.LoadError(description: "the demo customer is missing; seed first")
        }
        return try await store.createSession(
            customerID: customer.id,
            audit: Audit(ip: "127.0.0.1", client: "haker-panel (embedded)"),
            now: configuration.clock(), lifetime: configuration.absoluteLifetimeSeconds,
            idleMinutes: configuration.idleTimeoutMinutes)
    }

    // MARK: - Routes

    /// Every route and its methods: the router's table, and what a 405 lists in `Allow`.
    static let routeTable: [(path: String, methods: [HTTPRequest.Method])] = [
        ("/healthz", [.get]),
        ("/v1/session", [.post, .delete]),
        ("/v1/me", [.get]),
        ("/v1/me/contact", [.get, .put]),
        ("/v1/me/billing", [.get, .put]),
        ("/v1/me/message-preferences", [.get, .put]),
        ("/v1/me/data", [.get]),
        ("/v1/me/data/export", [.get]),
        ("/v1/policies", [.get]),
        ("/v1/policies/{id}", [.get]),
        ("/v1/unsubscribe/{token}", [.get, .post]),
    ]

    func makeRouter() -> Router<PanelRequestContext> {
        let router = Router(context: PanelRequestContext.self)
        router.add(
            middleware: ClientAddressMiddleware(resolver: ClientAddress(trustedProxy: configuration.trustedProxy)))
        router.add(middleware: RequestLogMiddleware(logger: configuration.logger))
        router.add(middleware: ProblemMiddleware(routes: Self.routeTable))
        router.add(middleware: BodyLimitMiddleware(limit: configuration.maxBodyBytes))

        router.get("/healthz") { _, _ in try JSONBody.response(["status": "ok"]) }

        let sessions = SessionRoutes(server: self)
        router.post("/v1/session", use: sessions.signIn)
        router.group("/v1/session").add(middleware: authenticator).delete(use: sessions.signOut)

        let profile = ProfileRoutes(server: self)
        router.get("/v1/me", use: profile.overview)
        let me = router.group("/v1/me").add(middleware: authenticator)
        me.get("contact", use: profile.contact)
        me.put("contact", use: profile.replaceContact)
        me.get("billing", use: profile.billing)
        me.put("billing", use: profile.replaceBilling)
        me.get("message-preferences", use: profile.preferences)
        me.put("message-preferences", use: profile.updatePreferences)
        me.get("data", use: profile.data)
        me.get("data/export", use: profile.export)

        let documents = PolicyRoutes(policies: policies)
        router.get("/v1/policies", use: documents.list)
        router.get("/v1/policies/{id}", use: documents.show)

        let rejectLinks = RejectLinkRoutes(server: self)
        router.get("/v1/unsubscribe/{token}", use: rejectLinks.confirm)
        router.post("/v1/unsubscribe/{token}", use: rejectLinks.refuse)
        return router
    }

    // MARK: - Shared by the routes

    var now: Timestamp { configuration.clock() }

    /// Every route under `/v1/me` and `DELETE /v1/session` is behind it (GET /v1/me calls it itself).
    var authenticator: SessionAuthenticator { SessionAuthenticator(store: store, configuration: configuration) }

    /// Runs a password verification off the server's event loops (bcrypt takes ~250 ms at cost 12).
    func verifyPassword(_ password: String, hash: String) async -> Bool {
        let passwords = configuration.passwords
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: passwords.verify(password, hash: hash))
            }
        }
    }

    func audit(_ context: PanelRequestContext, _ request: Request) -> Audit {
        Audit(actor: .customer, ip: context.clientIP, client: Self.clientName(request))
    }

    /// The `User-Agent`, cut short and stripped of control characters, for the change log.
    static func clientName(_ request: Request) -> String? {
        guard let agent = request.headers[.userAgent] else { return nil }
        let clean = String(
            String.UnicodeScalarView(
                agent.unicodeScalars.filter {
                    !TextRules.containsControlCharacters(String($0))
                }))
        return clean.isEmpty ? nil : String(clean.prefix(100))
    }
}

/// `buildApplication(configuration)`, as Hummingbird's examples shape it.
public func buildApplication(_ configuration: ServerConfiguration) throws -> some ApplicationProtocol {
    try PanelServer(configuration: configuration).makeApplication()
}
