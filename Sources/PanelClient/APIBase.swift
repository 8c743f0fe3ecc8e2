/// Where the panel API lives: `--api https://panel.example.com`, with or without a trailing
/// slash, possibly under a path prefix (`https://example.com/panel/`).
public struct APIBase: Sendable, Hashable, CustomStringConvertible {
    /// Normalised: no trailing slash, e.g. `https://example.com/panel`.
    public let url: String
    /// True for `localhost`, 127.0.0.0/8 and `[::1]`: the embedded panel and tests.
    public let isLoopback: Bool

    /// Checks `text` by the same rules as every request (absolute http(s) URL; plain http only
    /// to loopback) and refuses what cannot be a base: a user name, a query or a fragment.
    /// Call it when reading `--api`, so a mistake is reported before anything else happens.
    public init(_ text: String) throws(TransportError) {
        let trimmed = text.trimmedOfSpaces
        let parsed: ParsedURL
        switch ParsedURL.checkedTarget(trimmed) {
        case .success(let target): parsed = target
        case .failure(let error): throw error
        }
        guard !parsed.hasUserInfo, !parsed.hasQueryOrFragment else { throw .invalidURL(trimmed) }
        var normalised = Substring(trimmed)
        while normalised.hasSuffix("/") { normalised.removeLast() }
        url = String(normalised)
        isLoopback = parsed.isLoopback
    }

    public var description: String { url }

    /// The absolute URL of `path` (which starts with `/`) under this base, with `query`
    /// percent-encoded.
    public func url(path: String, query: [QueryItem] = []) -> String {
        guard !query.isEmpty else { return url + path }
        return url + path + "?" + query.map { "\(percentEncoded($0.name))=\(percentEncoded($0.value))" }
            .joined(separator: "&")
    }

    private func percentEncoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                result.unicodeScalars.append("%")
                result.unicodeScalars.append(hex[Int(byte >> 4)])
                result.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return result
    }
}

/// One `name=value` pair of a query string.
public struct QueryItem: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
