#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PanelModels

// MARK: - Outcome

/// How a call to the panel API ended. Every answer, however odd, lands in one of these: the app
/// never crashes on a reply and always has something to say (`APIFailure.message(in:)`).
public enum APIResult<Value: Sendable>: Sendable {
    /// A 2xx with a body of the expected shape, and the resource's `ETag` when it has one.
    case success(Value, etag: String?)
    /// A 412 on a `PUT`: someone changed the resource since it was read. The server's current
    /// version and its ETag come with it, so a screen can show both and let the customer choose.
    case conflict(Conflict<Value>)
    /// Anything else: a problem from the server, no answer, or an answer that makes no sense.
    case failure(APIFailure)

    /// The value of a success.
    public var value: Value? {
        if case .success(let value, _) = self { return value }
        return nil
    }

    /// The ETag of a success, or of the current resource in a conflict.
    public var etag: String? {
        switch self {
        case .success(_, let etag): etag
        case .conflict(let conflict): conflict.etag
        case .failure: nil
        }
    }

    /// The failure, with a conflict counted as its problem (`precondition_failed`).
    public var failure: APIFailure? {
        switch self {
        case .success: nil
        case .conflict(let conflict): .problem(conflict.problem)
        case .failure(let failure): failure
        }
    }

    /// The value, or the failure thrown: for line mode, where a conflict is just an error.
    public func get() throws(APIFailure) -> Value {
        if let value { return value }
        throw failure ?? .malformed(MalformedReply(status: 0, mediaType: nil, reason: .unexpectedStatus))
    }
}

extension APIResult: Equatable where Value: Equatable {}
extension APIResult: Hashable where Value: Hashable {}

/// A 412's content: the problem, and the resource as the server has it now.
public struct Conflict<Resource: Sendable>: Sendable {
    public var problem: Problem
    public var current: Resource
    public var etag: String

    public init(problem: Problem, current: Resource, etag: String) {
        self.problem = problem
        self.current = current
        self.etag = etag
    }
}

extension Conflict: Equatable where Resource: Equatable {}
extension Conflict: Hashable where Resource: Hashable {}

/// Why a call failed.
public enum APIFailure: Error, Sendable, Hashable {
    /// The server answered with `application/problem+json`. `status` is the HTTP status and
    /// `retryAfter` is filled from the `Retry-After` header when the body has none.
    case problem(Problem)
    /// No HTTP answer at all.
    case transport(TransportError)
    /// An answer that is not what the API sends: HTML from a proxy, broken JSON, wrong types, an
    /// unexpected status.
    case malformed(MalformedReply)

    /// The stable problem code (`session_expired`, `validation_failed`, …), when there is one.
    public var problemCode: String? {
        if case .problem(let problem) = self { return problem.code }
        return nil
    }

    /// The HTTP status of a problem or a malformed reply.
    public var status: Int? {
        switch self {
        case .problem(let problem): problem.status
        case .malformed(let reply): reply.status
        case .transport: nil
        }
    }

    /// The bad fields of a 422, to show beside the fields.
    public var fieldErrors: [FieldError] {
        if case .problem(let problem) = self { return problem.errors ?? [] }
        return []
    }

    /// Seconds to wait before trying again (429, 503).
    public var retryAfterSeconds: Int? {
        if case .problem(let problem) = self { return problem.retryAfter }
        return nil
    }

    /// True when the session is gone (expired, revoked or missing): ask for the password again
    /// and then repeat the call. Wrong credentials at sign-in are not this.
    public var needsSignIn: Bool {
        guard case .problem(let problem) = self, problem.status == 401 else { return false }
        return problem.code != ProblemCode.invalidCredentials
    }
}

/// An answer the client cannot use, described for the customer and for a log.
public struct MalformedReply: Sendable, Hashable {
    public enum Reason: Sendable, Hashable {
        /// The body is not JSON (an HTML error page from a proxy, plain text).
        case notJSON
        /// JSON, but not of the expected shape; the associated text says where (for logs).
        case unexpectedShape(String)
        /// A status the API does not use here (a redirect, a 1xx).
        case unexpectedStatus
    }

    public var status: Int
    /// `Content-Type` without parameters, if any.
    public var mediaType: String?
    public var reason: Reason

    public init(status: Int, mediaType: String?, reason: Reason) {
        self.status = status
        self.mediaType = mediaType
        self.reason = reason
    }
}

/// The answer of a call that returns no content (`DELETE /v1/session`, `GET /healthz`).
public struct NoContent: Sendable, Hashable {
    public init() {}
}

/// A signed-in session: `POST /v1/session` decoded, its token wrapped so it never prints.
public struct SignedInSession: Sendable, Hashable {
    public var token: SessionToken
    /// The hard end of the session.
    public var expiresAt: Timestamp
    /// Minutes of inactivity after which the server ends the session.
    public var idleTimeoutMinutes: Int

    public init(token: SessionToken, expiresAt: Timestamp, idleTimeoutMinutes: Int) {
        self.token = token
        self.expiresAt = expiresAt
        self.idleTimeoutMinutes = idleTimeoutMinutes
    }
}

// MARK: - Endpoint

/// One call of the panel API, usable both ways:
/// - asynchronously: `let id = transfers.start(endpoint.request(base:token:))`, and when `wait`
///   reports `id` finished, `endpoint.decode(finished.result)`;
/// - blocking (line mode): `transfers.perform(endpoint, base:token:)`.
///
/// Endpoints are made by `PanelAPI`; they are plain values and hold no token.
public struct Endpoint<Response: Sendable>: Sendable, CustomStringConvertible {
    public let method: HTTPMethod
    /// Under the base URL, starting with `/`: `/v1/me/contact`.
    public let path: String
    public let query: [QueryItem]
    /// JSON, when the call sends a body. May hold a password: never printed.
    public let body: Data?
    /// Sent as `If-Match` (the ETag a `PUT` was given).
    public let ifMatch: String?
    /// Whether the call sends the session token.
    public let sendsToken: Bool
    private let decodeBody: @Sendable (HTTPResponse) throws -> Response
    private let decodeCurrent: (@Sendable (Data) throws -> (current: Response, etag: String))?

    init(method: HTTPMethod, path: String, query: [QueryItem] = [], body: Data? = nil, ifMatch: String? = nil,
         sendsToken: Bool = true, decodeBody: @escaping @Sendable (HTTPResponse) throws -> Response,
         decodeCurrent: (@Sendable (Data) throws -> (current: Response, etag: String))? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.ifMatch = ifMatch
        self.sendsToken = sendsToken
        self.decodeBody = decodeBody
        self.decodeCurrent = decodeCurrent
    }

    /// `PUT /v1/me/contact (If-Match, 180-byte body)`.
    public var description: String {
        var notes: [String] = []
        if ifMatch != nil { notes.append("If-Match") }
        if let body { notes.append("\(body.count)-byte body") }
        return "\(method.rawValue) \(path)" + (notes.isEmpty ? "" : " (\(notes.joined(separator: ", ")))")
    }

    // MARK: Request

    /// The HTTP request for this call against `base`, signed with `token` when the call needs it.
    public func request(base: APIBase, token: SessionToken?) -> HTTPRequest {
        var headers: HTTPHeaders = ["Accept": "application/json, application/problem+json"]
        if body != nil { headers.add("Content-Type", "application/json") }
        if let ifMatch { headers.add("If-Match", ifMatch) }
        return HTTPRequest(method: method, url: base.url(path: path, query: query), headers: headers, body: body,
                           bearerToken: sendsToken ? token : nil)
    }

    // MARK: Decoding

    /// The outcome of a finished transfer of this call's request.
    public func decode(_ result: Result<HTTPResponse, TransportError>) -> APIResult<Response> {
        switch result {
        case .success(let response): decode(response)
        case .failure(let error): .failure(.transport(error))
        }
    }

    /// The outcome of an HTTP answer to this call's request.
    public func decode(_ response: HTTPResponse) -> APIResult<Response> {
        switch response.status {
        case 200..<300:
            do {
                return .success(try decodeBody(response), etag: response.headers.etag)
            } catch {
                return .failure(.malformed(Self.malformed(response, error)))
            }
        case 400..<600:
            let problem: Problem
            do {
                problem = try ProblemBody.decode(response)
            } catch {
                return .failure(.malformed(Self.malformed(response, error)))
            }
            if response.status == 412, let decodeCurrent {
                do {
                    let current = try decodeCurrent(response.body)
                    return .conflict(Conflict(problem: problem, current: current.current, etag: current.etag))
                } catch {
                    return .failure(.malformed(Self.malformed(response, error)))
                }
            }
            return .failure(.problem(problem))
        default:
            return .failure(.malformed(MalformedReply(status: response.status, mediaType: response.headers.mediaType,
                                                      reason: .unexpectedStatus)))
        }
    }

    private static func malformed(_ response: HTTPResponse, _ error: any Error) -> MalformedReply {
        MalformedReply(status: response.status, mediaType: response.headers.mediaType,
                       reason: JSONShape.looksLikeJSON(response.body) ? .unexpectedShape(JSONShape.describe(error))
                                                                      : .notJSON)
    }
}

extension TransferSet {
    /// Starts `endpoint` against `base`; decode its `FinishedTransfer` with `endpoint.decode`.
    public func start<Response>(_ endpoint: Endpoint<Response>, base: APIBase, token: SessionToken?) -> TransferID {
        start(endpoint.request(base: base, token: token))
    }

    /// Calls `endpoint` and blocks until its outcome is known: for line mode.
    public func perform<Response>(_ endpoint: Endpoint<Response>, base: APIBase,
                                  token: SessionToken?) -> APIResult<Response> {
        endpoint.decode(perform(endpoint.request(base: base, token: token)))
    }
}

// MARK: - JSON

/// JSON in and out, and what to say when it does not fit.
enum JSONShape {
    /// Valid JSON that still is not what was expected.
    struct Mismatch: Error, CustomStringConvertible {
        var description: String
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try JSONDecoder().decode(type, from: data)
    }

    /// The wire types are strings, numbers, booleans and timestamps, which always encode; were
    /// that ever to fail, an empty body goes out and the server's 400 says so — no crash.
    static func encode<T: Encodable>(_ value: T) -> Data {
        (try? JSONEncoder().encode(value)) ?? Data()
    }

    /// Whether the body starts like a JSON object or array (after whitespace).
    static func looksLikeJSON(_ body: Data) -> Bool {
        guard let first = body.first(where: { ![9, 10, 13, 32].contains($0) }) else { return false }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    /// Where and how a decoding failed, by wire path (`contact_address.postal_code: type
    /// mismatch`); no value from the body is repeated, so hostile text stays out of the logs.
    static func describe(_ error: any Error) -> String {
        if let mismatch = error as? Mismatch { return mismatch.description }
        guard let error = error as? DecodingError else { return "invalid JSON" }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
            return keys.isEmpty ? "body" : keys.joined(separator: ".")
        }
        switch error {
        case .typeMismatch(_, let context): return "\(path(context)): type mismatch"
        case .valueNotFound(_, let context): return "\(path(context)): missing value"
        case .keyNotFound(let key, let context):
            let prefix = path(context)
            return (prefix == "body" ? "" : prefix + ".") + "\(key.stringValue): missing"
        case .dataCorrupted(let context): return "\(path(context)): invalid"
        @unknown default: return "invalid JSON"
        }
    }
}

/// `application/problem+json`, read leniently: RFC 9457 makes every member optional, and a
/// problem from a proxy or a framework may lack our `code`. The HTTP status wins over the body's
/// `status`; `Retry-After` fills `retry_after` when the body has none.
private struct ProblemBody: Decodable {
    var type: String?
    var title: String?
    var status: Int?
    var detail: String?
    var code: String?
    var errors: [FieldError]?
    var retryAfter: Int?

    enum CodingKeys: String, CodingKey {
        case type, title, status, detail, code, errors
        case retryAfter = "retry_after"
    }

    static func decode(_ response: HTTPResponse) throws -> Problem {
        let body = try JSONShape.decode(ProblemBody.self, from: response.body)
        // Some JSON error body that is not a problem (`{"error": "…"}` from a gateway).
        guard body.code != nil || response.headers.mediaType == "application/problem+json" else {
            throw JSONShape.Mismatch(description: "not a problem document")
        }
        return Problem(type: body.type ?? "about:blank", title: body.title ?? "", status: response.status,
                       detail: body.detail, code: body.code ?? "", errors: body.errors,
                       retryAfter: body.retryAfter ?? response.headers.retryAfterSeconds)
    }
}
