import Foundation
import Hummingbird
import NIOCore
import PanelModels

// MARK: - Context

/// The per-request context: who is calling (set by `SessionAuthenticator`) and from where.
public struct PanelRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The socket's peer; nil in `.router` tests, where there is no socket.
    public let remoteAddress: SocketAddress?
    /// The signed-in customer, on the routes under `/v1/me` and `DELETE /v1/session`.
    var session: AuthenticatedSession?
    /// The client's IP as `ClientAddress` resolved it (proxy rule applied).
    var clientIP: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// Bodies are decoded by `decodeJSON`, which enforces the size limit and maps errors to 400.
    public var maxUploadSize: Int { 64 * 1024 }
}

/// The session a request carries.
struct AuthenticatedSession: Sendable {
    var sessionID: Int64
    var customerID: Int64
    var createdAt: Timestamp
    var previousSignIn: SignInRecord?
}

// MARK: - Client address

/// Where a request came from: the socket's address, or the last `X-Forwarded-For` entry when
/// (and only when) the socket's peer is the trusted proxy.
struct ClientAddress: Sendable {
    var trustedProxy: String?

    init(trustedProxy: String?) {
        self.trustedProxy = trustedProxy.flatMap(IPAddressText.canonical)
    }

    func resolve(socketIP: String?, forwardedFor: String?) -> String? {
        let peer = socketIP.flatMap(IPAddressText.canonical)
        guard let peer, let trustedProxy, peer == trustedProxy, let forwardedFor else { return peer }
        // The proxy appends the address it saw; entries before it were written by the client.
        let last = forwardedFor.split(separator: ",").last.map { String($0).trimmingCharacters(in: .whitespaces) }
        return last.flatMap(IPAddressText.canonical) ?? peer
    }
}

/// IP addresses as text: parsing, canonical form, and the masked form that logs may carry.
enum IPAddressText {
    /// The canonical text of an IPv4 or IPv6 address (IPv4-mapped IPv6 becomes IPv4), or nil.
    static func canonical(_ text: String) -> String? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return format(family: AF_INET, withUnsafeBytes(of: &v4) { Array($0) }) }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            return bytes[12..<16].map(String.init).joined(separator: ".")
        }
        return format(family: AF_INET6, bytes)
    }

    /// For logs: the last octet of an IPv4 address or the last 80 bits of an IPv6 address hidden
    /// (`192.0.2.x`, `2001:db8:1::/48`). Whatever is not an address becomes `-`.
    static func masked(_ text: String?) -> String {
        guard let text, let ip = canonical(text) else { return "-" }
        if !ip.contains(":"), let lastDot = ip.lastIndex(of: ".") {
            return ip[...lastDot] + "x"
        }
        var v6 = in6_addr()
        _ = inet_pton(AF_INET6, ip, &v6)
        let network = withUnsafeBytes(of: &v6) { Array($0.prefix(6)) } + Array(repeating: 0, count: 10)
        return (format(family: AF_INET6, network) ?? "-") + "/48"
    }

    /// inet_ntop of an address given as its bytes in network order.
    private static func format(family: Int32, _ address: [UInt8]) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let converted = address.withUnsafeBytes { raw in
            inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count)) != nil
        }
        guard converted else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
