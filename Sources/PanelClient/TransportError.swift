import CCurl
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a request got no HTTP answer. Every libcurl failure maps to one of these, and each has a
/// sentence for the customer in Turkish and English (`message(in:)`, in `Messages.swift`).
///
/// The texts carry no secret: a transfer's error never includes its headers or body, and `detail`
/// comes from libcurl's error buffer, which names hosts and certificates, not tokens.
public enum TransportError: Error, Sendable, Hashable {
    /// The URL is not an absolute `http(s)://host/…` URL.
    case invalidURL(String)
    /// Plain `http://` to a host that is not this machine; refused before any connection.
    case insecureURL(host: String)
    /// A header (name or value) holds CR, LF or NUL and would split the request.
    case invalidHeader(name: String)
    /// The host name did not resolve.
    case dnsFailure(host: String)
    /// The host answered the connection attempt with a refusal (nobody listens on the port).
    case connectionRefused(host: String)
    /// The host could not be reached at all (no route, network down).
    case unreachable(host: String)
    /// The proxy from `https_proxy`/`http_proxy` could not be resolved or used.
    case proxyFailure(detail: String)
    /// The server's certificate did not verify (self-signed, expired, wrong name, unknown CA).
    case untrustedCertificate(host: String, detail: String)
    /// The TLS handshake failed for another reason, or the CA file could not be read.
    case tlsFailure(host: String, detail: String)
    /// No connection within the connect timeout.
    case connectTimeout(host: String)
    /// Connected, but the answer did not complete within the total timeout, or it trickled in
    /// below the low-speed limit.
    case timeout
    /// The answer was larger than the set's cap; it was abandoned unread.
    case tooLarge(limit: Int)
    /// The connection broke before the answer was complete (closed mid-body, reset, nothing sent).
    case connectionLost
    /// Something answered, but not in HTTP (a wrong port, or TLS spoken to a plain port).
    case notHTTP(host: String)
    /// Anything else libcurl reports: its code and its English text.
    case other(code: Int, detail: String)
}

// MARK: - From libcurl

extension TransportError {
    /// What went wrong in a finished transfer, from libcurl's result and what the transfer saw.
    /// - Parameters:
    ///   - connected: whether a connection was made (CURLINFO_CONNECT_TIME_T > 0), which tells a
    ///     connect timeout from a slow answer;
    ///   - osErrno: CURLINFO_OS_ERRNO, which tells a refusal from an unreachable host;
    ///   - exceededLimit: the cap, when our own callbacks stopped the transfer for its size.
    static func from(code: CURLcode, host: String, detail: String, connected: Bool, osErrno: Int,
                     exceededLimit: Int?) -> TransportError {
        if let exceededLimit { return .tooLarge(limit: exceededLimit) }
        switch code {
        case CURLE_UNSUPPORTED_PROTOCOL where connected:
            // Schemes are checked before sending, so after connecting this is the server's answer
            // ("Received HTTP/0.9 when not allowed").
            return .notHTTP(host: host)
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            return .invalidURL(detail)
        case CURLE_COULDNT_RESOLVE_HOST:
            return .dnsFailure(host: host)
        case CURLE_COULDNT_RESOLVE_PROXY, CURLE_PROXY:
            return .proxyFailure(detail: detail)
        case CURLE_COULDNT_CONNECT:
            return osErrno == Int(ECONNREFUSED) ? .connectionRefused(host: host) : .unreachable(host: host)
        case CURLE_OPERATION_TIMEDOUT:
            return connected ? .timeout : .connectTimeout(host: host)
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS:
            return .untrustedCertificate(host: host, detail: detail)
        case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE,
             CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED,
             CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_SHUTDOWN_FAILED, CURLE_USE_SSL_FAILED,
             CURLE_SSL_CLIENTCERT:
            return .tlsFailure(host: host, detail: detail)
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE, CURLE_GOT_NOTHING, CURLE_HTTP2,
             CURLE_HTTP2_STREAM, CURLE_HTTP3:
            return .connectionLost
        case CURLE_WEIRD_SERVER_REPLY:
            return .notHTTP(host: host)
        default:
            return .other(code: Int(code.rawValue), detail: detail)
        }
    }
}
