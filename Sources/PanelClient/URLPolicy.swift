/// The parts of an absolute URL.
///
/// The parser is our own and strict, so `--api` is checked without loading libcurl (issue 7),
/// and strict on purpose: the host we check must be exactly the host libcurl will connect to,
/// so whatever two URL parsers could read differently is refused rather than guessed at (more
/// than one `@`, a backslash, a space or control character, a byte outside ASCII, a `%` or any
/// other character a host name or an IP literal does not have). No `http://127.0.0.1@evil.example/`
/// trick can then pass the loopback rule: its host is `evil.example`, for both parsers.
struct ParsedURL: Sendable, Hashable {
    /// Lowercase: `https` or `http` (other schemes are rejected).
    var scheme: String
    /// As written, IPv6 in brackets: `panel.example.com`, `127.0.0.1`, `[::1]`.
    var host: String
    var path: String
    var hasUserInfo: Bool
    var hasQueryOrFragment: Bool

    /// Parses `text`; `.invalidURL` unless it is an absolute http(s) URL with a host (and, if
    /// given, a port from 1 to 65535).
    static func parse(_ text: String) -> Result<ParsedURL, TransportError> {
        let invalid = Result<ParsedURL, TransportError>.failure(.invalidURL(text))
        // Printable ASCII only, no backslash (some parsers read it as a slash).
        guard text.utf8.allSatisfy({ $0 > 32 && $0 < 127 && $0 != UInt8(ascii: "\\") }),
              let schemeEnd = text.firstRange(of: "://")
        else { return invalid }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "https" || scheme == "http" else { return invalid }
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let afterAuthority = rest[authorityEnd...]

        let userInfoParts = authority.split(separator: "@", omittingEmptySubsequences: false)
        guard userInfoParts.count <= 2, let hostAndPort = userInfoParts.last,
              let host = hostPart(of: hostAndPort)
        else { return invalid }
        let queryStart = afterAuthority.firstIndex { $0 == "?" || $0 == "#" } ?? afterAuthority.endIndex
        let path = afterAuthority[..<queryStart]
        return .success(ParsedURL(
            scheme: scheme, host: String(host), path: path.isEmpty ? "/" : String(path),
            hasUserInfo: userInfoParts.count == 2,
            hasQueryOrFragment: queryStart != afterAuthority.endIndex))
    }

    /// The host of `host[:port]`, if both are well-formed: a name or IPv4 address of letters,
    /// digits, `.`, `-` and `_`, or an IPv6 address in brackets; a port of digits, 1...65535.
    private static func hostPart(of hostAndPort: Substring) -> Substring? {
        let host: Substring
        let port: Substring?
        if hostAndPort.hasPrefix("[") {
            guard let close = hostAndPort.firstIndex(of: "]") else { return nil }
            host = hostAndPort[...close]
            let inside = host.dropFirst().dropLast()
            guard inside.contains(":"), inside.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                return nil
            }
            let after = hostAndPort[hostAndPort.index(after: close)...]
            guard after.isEmpty || after.hasPrefix(":") else { return nil }
            port = after.isEmpty ? nil : after.dropFirst()
        } else {
            let colon = hostAndPort.firstIndex(of: ":")
            host = hostAndPort[..<(colon ?? hostAndPort.endIndex)]
            port = colon.map { hostAndPort[hostAndPort.index(after: $0)...] }
            guard !host.isEmpty,
                  host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" })
            else { return nil }
        }
        if let port {
            guard !port.isEmpty, port.count <= 5, port.allSatisfy(\.isNumber),
                  let number = Int(port), (1...65535).contains(number)
            else { return nil }
        }
        return host
    }

    /// Whether the host is this machine: `localhost`, 127.0.0.0/8 written as a dotted quad, or
    /// `[::1]`. Other spellings (`[0:0::1]`, `2130706433`) count as remote: refusing them is the
    /// safe mistake.
    var isLoopback: Bool {
        let host = host.lowercased()
        if host == "localhost" || host == "[::1]" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { octet in
            !octet.isEmpty && octet.count <= 3 && octet.allSatisfy(\.isASCII) && octet.allSatisfy(\.isNumber)
                && (Int(octet) ?? 256) <= 255
        }
    }
}

/// Where a request may go: checked before any connection is made.
extension ParsedURL {
    /// The URL if the client may use it: `https` anywhere, `http` only to loopback (a token or a
    /// password must never cross a network in clear text).
    static func checkedTarget(_ text: String) -> Result<ParsedURL, TransportError> {
        parse(text).flatMap { url in
            url.scheme == "http" && !url.isLoopback ? .failure(.insecureURL(host: url.host)) : .success(url)
        }
    }
}
