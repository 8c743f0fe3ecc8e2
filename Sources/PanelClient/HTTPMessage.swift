#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// The plain HTTP values that go into and come out of a `TransferSet`. They know nothing of
// libcurl, so the screens, line mode and the tests can build and read them freely.

// MARK: - Method

/// The HTTP methods the panel API uses.
public enum HTTPMethod: String, Sendable, Hashable, CaseIterable {
    case get = "GET"
    case post = "POST"
    case put = "PUT"
    case delete = "DELETE"
}

// MARK: - Headers

/// One header field as it was sent or received.
public struct HTTPHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// Header fields in their order, looked up without regard to case (`etag` finds `ETag`).
public struct HTTPHeaders: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    public private(set) var fields: [HTTPHeader]

    public init(_ fields: [HTTPHeader] = []) {
        self.fields = fields
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { HTTPHeader(name: $0.0, value: $0.1) }
    }

    /// The first value of the header called `name`, in any case; nil when absent.
    public subscript(name: String) -> String? {
        fields.first { Self.sameName($0.name, name) }?.value
    }

    /// Every value of the header called `name`, in order.
    public func values(for name: String) -> [String] {
        fields.filter { Self.sameName($0.name, name) }.map(\.value)
    }

    /// Adds a field, keeping any earlier one of the same name.
    public mutating func add(_ name: String, _ value: String) {
        fields.append(HTTPHeader(name: name, value: value))
    }

    /// Replaces every field called `name` with this one.
    public mutating func set(_ name: String, _ value: String) {
        fields.removeAll { Self.sameName($0.name, name) }
        add(name, value)
    }

    public func makeIterator() -> IndexingIterator<[HTTPHeader]> {
        fields.makeIterator()
    }

    /// `ETag`, as the server sent it (quotes included: it goes back verbatim in `If-Match`).
    public var etag: String? { self["ETag"] }

    /// `Content-Type` without parameters, lowercased: `application/problem+json`.
    public var mediaType: String? {
        guard let value = self["Content-Type"] else { return nil }
        let type = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return type.trimmedOfSpaces.lowercased()
    }

    /// `Retry-After` in seconds. Only the delta-seconds form is read: the panel API sends no
    /// dates, and a date from elsewhere is better ignored than misread.
    public var retryAfterSeconds: Int? {
        guard let value = self["Retry-After"]?.trimmedOfSpaces,
              !value.isEmpty, value.allSatisfy(\.isASCII), let seconds = Int(value), seconds >= 0
        else { return nil }
        return seconds
    }

    /// Header names are ASCII and case-insensitive (RFC 9110 §5.1).
    static func sameName(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a.lowercased() == b.lowercased()
    }
}

// MARK: - Secrets

/// A session token. It prints as `SessionToken(redacted)` everywhere (descriptions, `dump`,
/// string interpolation) so it cannot slip into a log, an error text or the screen; only the
/// transfer that sends it reads the value.
public struct SessionToken: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable {
    /// The token as the server issued it. Internal: nothing outside this module needs it.
    let value: String

    /// Wraps a token handed over by the server (`POST /v1/session`) or by the embedded panel.
    public init(_ value: String) {
        self.value = value
    }

    public var description: String { "SessionToken(redacted)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

// MARK: - Request

/// What a `TransferSet` sends. `User-Agent`, `Authorization` (from `bearerToken`) and `Expect`
/// are added by the transfer itself.
public struct HTTPRequest: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable {
    public var method: HTTPMethod
    /// An absolute `https://` URL, or `http://` to a loopback host.
    public var url: String
    public var headers: HTTPHeaders
    /// Sent as it is (the caller sets `Content-Type`); nil sends no body.
    public var body: Data?
    /// Sent as `Authorization: Bearer <token>`; never printed.
    public var bearerToken: SessionToken?

    public init(method: HTTPMethod = .get, url: String, headers: HTTPHeaders = [:], body: Data? = nil,
                bearerToken: SessionToken? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.bearerToken = bearerToken
    }

    /// `PUT https://… (3 headers, 120-byte body, signed in)`: the body may hold a password, so
    /// only its size is shown, and the token never.
    public var description: String {
        var parts = ["\(headers.fields.count) headers"]
        if let body { parts.append("\(body.count)-byte body") }
        if bearerToken != nil { parts.append("signed in") }
        return "\(method.rawValue) \(url) (\(parts.joined(separator: ", ")))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["method": method, "url": url, "headers": headers,
                                "bodyBytes": body?.count as Any, "signedIn": bearerToken != nil],
               displayStyle: .struct)
    }
}

// MARK: - Response

/// What came back: the final status, its headers, and the body (at most the set's size cap).
public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: Data

    public init(status: Int, headers: HTTPHeaders = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

// MARK: - Trimming

extension StringProtocol {
    /// Without leading and trailing spaces and tabs, the only whitespace HTTP allows around a
    /// field value (RFC 9110 §5.5).
    var trimmedOfSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }),
              let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
