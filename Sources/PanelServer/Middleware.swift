import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PanelModels

// MARK: - Client address

/// Resolves the client's IP once per request (socket, or the trusted proxy's `X-Forwarded-For`).
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = PanelRequestContext
    let resolver: ClientAddress

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        var context = context
        context.clientIP = resolver.resolve(
            socketIP: context.remoteAddress?.ipAddress,
            forwardedFor: request.headers[.xForwardedFor])
        return try await next(request, context)
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
}

// MARK: - Request log

/// One line per request: method, path (long segments such as reject-link tokens hidden), status,
/// duration and the masked client address. Never a body, a header value or a query string.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = PanelRequestContext
    let logger: Logger

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        logger.info(
            """
            \(request.method) \(Self.loggablePath(request.uri.path)) \(response.status.code) \
            \(Self.milliseconds(elapsed))ms ip=\(IPAddressText.masked(context.clientIP))
            """
        )
        return response
    }

    /// "12.3": tenths of a millisecond, without Foundation's String(format:) on every request.
    static func milliseconds(_ elapsed: Duration) -> String {
        let (seconds, attoseconds) = elapsed.components
        let tenths = seconds * 10_000 + (attoseconds + 50_000_000_000_000) / 100_000_000_000_000
        return "\(tenths / 10).\(tenths % 10)"
    }

    static func loggablePath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.count > 24 ? "…" : String($0) }.joined(separator: "/")
    }
}

// MARK: - Problems

/// Turns every error into `application/problem+json` (a 404 on a known path with another method
/// becomes a 405 with `Allow`), and adds the headers every answer carries.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = PanelRequestContext
    let routes: [(path: String, methods: [HTTPRequest.Method])]

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let page as HTMLPage {
            response = page.response
        } catch {
            response = try problem(for: error, request: request, context: context)
                .response(from: request, context: context)
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        // JSON is never a page: nothing in it may load, frame or be framed (the reject-link pages
        // set their own policy).
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] = "default-src 'none'; frame-ancestors 'none'"
        }
        if response.headers[.referrerPolicy] == nil { response.headers[.referrerPolicy] = "no-referrer" }
        return response
    }

    private func problem(for error: any Error, request: Request, context: Context) -> APIProblem {
        switch error {
        case let problem as APIProblem:
            return problem
        case let error as HTTPError where error.status == .notFound:
            if let methods = allowedMethods(request.uri.path) {
                return APIProblem(
                    .methodNotAllowed, ProblemCode.methodNotAllowed,
                    "\(request.method) is not allowed here.",
                    headers: [.allow: methods.map(\.rawValue).joined(separator: ", ")])
            }
            return .notFound
        case let error as any HTTPResponseError where error.status == .contentTooLarge:
            return APIProblem(.contentTooLarge, ProblemCode.payloadTooLarge, "The body is too large.")
        case let error as any HTTPResponseError where (400..<500).contains(error.status.code):
            return APIProblem(error.status, ProblemCode.badRequest)
        default:
            context.logger.error("internal error: \(String(describing: type(of: error)))")
            return APIProblem(.internalServerError, ProblemCode.internalError, "Something went wrong on our side.")
        }
    }

    private func allowedMethods(_ path: String) -> [HTTPRequest.Method]? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        return routes.first { route in
            let pattern = route.path.split(separator: "/", omittingEmptySubsequences: false)
            return pattern.count == segments.count
                && zip(pattern, segments).allSatisfy { $0.hasPrefix("{") ? !$1.isEmpty : $0 == $1 }
        }?.methods
    }
}

extension HTTPField.Name {
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
}

// MARK: - Body size

/// A body announced larger than the limit is refused (413) before a byte of it is read; bodies
/// without a length are cut at the limit by `JSONBody.decode`.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = PanelRequestContext
    let limit: Int

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw APIProblem.tooLarge(limit: limit)
        }
        return try await next(request, context)
    }
}

// MARK: - Sessions

/// Requires `Authorization: Bearer <token>` of a live session: 401 `unauthorized` without one or
/// for an unknown or revoked token, 401 `session_expired` past 30 idle minutes or 12 hours.
/// A live session's idle clock restarts with every request (written at most once a minute).
/// Every request looks the session up in the database, so a revocation or an expiry holds at once
/// (also for other processes sharing the database file): there is no session cache.
struct SessionAuthenticator: RouterMiddleware {
    typealias Context = PanelRequestContext
    let store: PanelStore
    let configuration: ServerConfiguration
    /// Seconds between two writes of a session's `last_seen_at` (a session may end this much early).
    static let touchInterval: Int64 = 60

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        var context = context
        context.session = try await session(request)
        return try await next(request, context)
    }

    /// Checks the request's session alone.
    func session(_ request: Request) async throws -> AuthenticatedSession {
        try await authenticate(request) { db, tokenHash in
            try PanelStore.session(db, tokenHash: tokenHash).map { ($0, $0.authenticated) }
        }
    }

    /// Checks the request's session as found by `lookUp`, which runs ONE statement returning the
    /// session row and whatever the route reads with it (e.g. `PanelStore.sessionOverview`): one
    /// statement is a consistent snapshot by itself, so no transaction is opened around it (BEGIN
    /// and COMMIT cost as much as the lookup, on every authenticated request). What came with a
    /// refused session is dropped, never returned.
    func authenticate<T>(
        _ request: Request, lookUp: (Database, _ tokenHash: String) throws -> (StoredSession, T)?
    ) async throws -> T {
        let tokenHash = PanelStore.tokenHash(try Self.bearerToken(request))
        guard case let (stored, value)? = try read({ db in try lookUp(db, tokenHash) }) else {
            throw APIProblem.unauthorized
        }
        let session = try live(stored)
        try await touchIfDue(session)
        return value
    }

    /// A read on the calling thread: WAL readers never wait for the writer, and one short SELECT
    /// costs less than a hop to GRDB's queue and back (writes, which may wait for an fsync, do hop).
    private func read<T>(_ value: (Database) throws -> T) throws -> T {
        try store.db.unsafeRead(value)
    }

    /// The token of `Authorization: Bearer <token>`, or 401.
    static func bearerToken(_ request: Request) throws -> String {
        // The scheme is case-insensitive; only its 7 bytes are lowercased, not the whole token. The
        // stdlib's trim, not Foundation's trimmingCharacters (3% of GET /v1/me's time in a profile).
        guard let header = request.headers[.authorization], header.prefix(7).lowercased() == "bearer ",
            case let token = TextRules.trimmed(String(header.dropFirst(7))), !token.isEmpty,
            token.count <= 100
        else { throw APIProblem.unauthorized }
        return token
    }

    /// The session if it is known, not revoked and neither idle nor past its lifetime; else 401.
    private func live(_ session: StoredSession) throws -> StoredSession {
        guard !session.revoked else { throw APIProblem.unauthorized }
        let now = configuration.clock()
        let idleLimit = Int64(configuration.idleTimeoutMinutes) * 60
        guard now < session.expiresAt, now.seconds - session.lastSeenAt.seconds < idleLimit else {
            throw APIProblem.sessionExpired
        }
        return session
    }

    /// The idle clock is kept to the minute: a busy client writes once a minute, not per request.
    private func touchIfDue(_ session: StoredSession) async throws {
        let now = configuration.clock()
        if now.seconds - session.lastSeenAt.seconds >= Self.touchInterval {
            try await store.touchSession(id: session.id, now: now)
        }
    }
}

extension PanelRequestContext {
    /// The session the authenticator set; the routes behind it can rely on it.
    func requireSession() throws -> AuthenticatedSession {
        guard let session else { throw APIProblem.unauthorized }
        return session
    }
}
