import CCurl

/// The parts of an absolute URL, as libcurl's own URL parser sees them.
///
/// The parser is libcurl's (`curl_url`) on purpose: the host we check is then exactly the host
/// libcurl will connect to, so no `http://127.0.0.1@evil.example/` trick can pass the loopback
/// rule. `curl_url` needs no `curl_global_init`, so checking `--api` at start-up stays cheap.
struct ParsedURL: Sendable, Hashable {
    /// Lowercase: `https` or `http` (other schemes are rejected).
    var scheme: String
    /// As written, IPv6 in brackets: `panel.example.com`, `127.0.0.1`, `[::1]`.
    var host: String
    var path: String
    var hasUserInfo: Bool
    var hasQueryOrFragment: Bool

    /// Parses `text`; `.invalidURL` unless it is an absolute http(s) URL with a host.
    static func parse(_ text: String) -> Result<ParsedURL, TransportError> {
        guard let handle = curl_url() else { return .failure(.invalidURL(text)) }
        defer { curl_url_cleanup(handle) }
        guard curl_url_set(handle, CURLUPART_URL, text, 0) == CURLUE_OK,
              let scheme = part(handle, CURLUPART_SCHEME)?.lowercased(), scheme == "https" || scheme == "http",
              let host = part(handle, CURLUPART_HOST), !host.isEmpty
        else { return .failure(.invalidURL(text)) }
        return .success(ParsedURL(
            scheme: scheme, host: host, path: part(handle, CURLUPART_PATH) ?? "/",
            hasUserInfo: part(handle, CURLUPART_USER) != nil || part(handle, CURLUPART_PASSWORD) != nil,
            hasQueryOrFragment: part(handle, CURLUPART_QUERY) != nil || part(handle, CURLUPART_FRAGMENT) != nil))
    }

    private static func part(_ handle: OpaquePointer, _ which: CURLUPart) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard curl_url_get(handle, which, &value, 0) == CURLUE_OK, let value else { return nil }
        defer { curl_free(value) }
        return String(cString: value)
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
