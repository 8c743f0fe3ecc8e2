import Foundation
import HTTPTypes
import Hummingbird
import PanelModels

// MARK: - Problems

/// An error the API answers with: an RFC 9457 problem (`application/problem+json`) with a stable
/// `code`, and for a 412 the current resource and its ETag.
struct APIProblem: Error, HTTPResponseError {
    var problem: Problem
    var headers: HTTPFields = [:]
    /// Extra members encoded beside the problem's own (a 412's `current` and `etag`).
    var extra: (any Encodable & Sendable)?

    var status: HTTPResponse.Status { .init(code: problem.status) }

    init(
        _ status: HTTPResponse.Status, _ code: String, _ detail: String? = nil, errors: [FieldError]? = nil,
        headers: HTTPFields = [:]
    ) {
        self.problem = Problem(
            title: status.reasonPhrase, status: status.code, detail: detail, code: code,
            errors: errors)
        self.headers = headers
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/problem+json"
        headers[.cacheControl] = "no-store"
        let body = try JSONBody.encode(ProblemBody(problem: problem, extra: extra))
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    // MARK: Common problems

    static func validation(_ errors: [FieldError]) -> APIProblem {
        APIProblem(
            .unprocessableContent, ProblemCode.validationFailed,
            "One or more fields are not valid; see errors.", errors: errors)
    }

    static func badRequest(_ detail: String) -> APIProblem {
        APIProblem(.badRequest, ProblemCode.badRequest, detail)
    }

    static let unauthorized = APIProblem(
        .unauthorized, ProblemCode.unauthorized, "Sign in first.",
        headers: [.wwwAuthenticate: "Bearer"])
    static let sessionExpired = APIProblem(
        .unauthorized, ProblemCode.sessionExpired,
        "The session has expired; sign in again.",
        headers: [.wwwAuthenticate: "Bearer error=\"invalid_token\""])
    static let notFound = APIProblem(.notFound, ProblemCode.notFound, "There is nothing here.")
    static let preconditionRequired = APIProblem(
        .init(code: 428, reasonPhrase: "Precondition Required"), ProblemCode.preconditionRequired,
        "Send If-Match with the ETag of the resource you edited.")

    static func preconditionFailed<R: Codable & Sendable>(current: R, etag: String) -> APIProblem {
        var problem = APIProblem(
            .preconditionFailed, ProblemCode.preconditionFailed,
            "The resource changed since you read it; current holds it as it is now.",
            headers: [.eTag: etag])
        problem.extra = ConflictCurrent(current: current, etag: etag)
        return problem
    }

    static func tooManyAttempts(retryAfter seconds: Int) -> APIProblem {
        var problem = APIProblem(
            .tooManyRequests, ProblemCode.tooManyAttempts,
            "Too many failed sign-ins; try again later.",
            headers: [.retryAfter: String(seconds)])
        problem.problem.retryAfter = seconds
        return problem
    }
}

/// A problem and its extra members in one JSON object.
private struct ProblemBody: Encodable {
    var problem: Problem
    var extra: (any Encodable & Sendable)?

    func encode(to encoder: any Encoder) throws {
        try problem.encode(to: encoder)
        try extra?.encode(to: encoder)
    }
}

// MARK: - JSON

/// The API's JSON: keys are explicit in the wire types, times are `Timestamp` strings, so plain
/// encoders suffice. Sorted keys make ETags (hashes of the canonical JSON) stable.
enum JSONBody {
    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    static func response(
        _ value: some Encodable, status: HTTPResponse.Status = .ok,
        headers: HTTPFields = [:]
    ) throws -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        if headers[.cacheControl] == nil { headers[.cacheControl] = "no-store" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encode(value))))
    }

    /// Reads and decodes a JSON body: 415 for another media type, 413 past the limit, 400 when the
    /// JSON is malformed or misses a member.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int) async throws -> T {
        if let contentType = request.headers[.contentType],
            !contentType.lowercased().hasPrefix("application/json")
        {
            throw APIProblem(.unsupportedMediaType, ProblemCode.unsupportedMediaType, "Send application/json.")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw APIProblem(.contentTooLarge, ProblemCode.payloadTooLarge, "The body is larger than \(limit) bytes.")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw APIProblem.badRequest("The body is not the expected JSON: \(describe(error)).")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let p = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return p.isEmpty ? "the document" : p
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return "missing \(parent == "the document" ? key.stringValue : parent + "." + key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "wrong type at \(path(context))"
        case .dataCorrupted(let context):
            return "malformed at \(path(context))"
        @unknown default:
            return "malformed"
        }
    }
}
