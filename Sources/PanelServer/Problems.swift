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

    static func tooLarge(limit: Int) -> APIProblem {
        APIProblem(.contentTooLarge, ProblemCode.payloadTooLarge, "The body is larger than \(limit) bytes.")
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
    /// One encoder for every answer (JSONEncoder is thread-safe): not one built per request.
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func encode(_ value: some Encodable) throws -> Data {
        try encoder.encode(value)
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
    /// JSON is malformed, nested too deep, repeats a key or misses a member.
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
            throw APIProblem.tooLarge(limit: limit)
        }
        let data = Data(buffer.readableBytesView)
        if let problem = JSONShape.problem(in: data) {
            throw APIProblem.badRequest("The body is not the expected JSON: \(problem).")
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
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

// MARK: - JSON shape

/// What the decoder lets through but the API refuses: a key repeated in one object (parsers
/// disagree on which copy wins, so a proxy and the server could read different values) and nesting
/// deeper than any request of the API needs. A scan of the bytes; malformed JSON is left to the
/// decoder.
enum JSONShape {
    static let maxDepth = 16

    /// Why the document is refused, or nil.
    static func problem(in data: Data) -> String? {
        // Per open container: the keys seen so far (objects only) and whether a key comes next.
        var stack: [(keys: Set<String>?, expectsKey: Bool)] = []
        var index = data.startIndex
        while index < data.endIndex {
            let byte = data[index]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard stack.count < maxDepth else { return "nested deeper than \(maxDepth) levels" }
                stack.append(byte == UInt8(ascii: "{") ? ([], true) : (nil, false))
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = stack.popLast()
            case UInt8(ascii: ","):
                if stack.last?.keys != nil { stack[stack.count - 1].expectsKey = true }
            case UInt8(ascii: "\""):
                let end = endOfString(data, from: index)
                if let top = stack.last, var keys = top.keys, top.expectsKey {
                    let key = keyText(data[(index + 1)..<end])
                    guard keys.insert(key).inserted else { return "the key \"\(key.prefix(40))\" is repeated" }
                    stack[stack.count - 1] = (keys, false)
                }
                index = end
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// The index of the quote that closes the string opened at `start` (or the end of the data).
    private static func endOfString(_ data: Data, from start: Data.Index) -> Data.Index {
        var index = start + 1
        while index < data.endIndex {
            switch data[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index
            default: index += 1
            }
        }
        return data.endIndex
    }

    /// A key's text with its escapes resolved (`"a"` and `"\u0061"` are the same key).
    private static func keyText(_ raw: Data) -> String {
        guard raw.contains(UInt8(ascii: "\\")) else { return String(decoding: raw, as: UTF8.self) }
        let quoted = Data("\"".utf8) + raw + Data("\"".utf8)
        return (try? JSONDecoder().decode(String.self, from: quoted)) ?? String(decoding: raw, as: UTF8.self)
    }
}
