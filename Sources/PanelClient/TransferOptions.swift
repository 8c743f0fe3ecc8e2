/// Limits and trust settings for every transfer of a `TransferSet`.
///
/// The defaults suit a person waiting at a terminal: five seconds to connect, thirty for the whole
/// answer, and an answer that trickles in slower than 64 bytes a second for ten seconds is
/// abandoned (a 1-byte-a-second body ends in `.timeout` rather than hanging).
public struct TransferOptions: Sendable, Hashable {
    /// Time allowed to resolve the name, connect and finish the TLS handshake.
    public var connectTimeout: Duration
    /// Time allowed for the whole transfer, connection included.
    public var totalTimeout: Duration
    /// With `lowSpeedTime`: a transfer slower than this many bytes a second for that long ends
    /// in `.timeout`.
    public var lowSpeedLimit: Int
    /// Rounded up to whole seconds (libcurl's unit), at least one.
    public var lowSpeedTime: Duration
    /// The largest answer body accepted; a larger one ends in `.tooLarge` as soon as it is known
    /// (from `Content-Length`, or when the bytes pass the cap).
    public var maxResponseBytes: Int
    /// A PEM file of CA certificates to trust instead of the system's (a company CA, a test CA).
    /// Verification of the peer and of the host name stays on either way.
    public var caFile: String?

    public init(connectTimeout: Duration = .seconds(5), totalTimeout: Duration = .seconds(30),
                lowSpeedLimit: Int = 64, lowSpeedTime: Duration = .seconds(10),
                maxResponseBytes: Int = 4 * 1024 * 1024, caFile: String? = nil) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.lowSpeedLimit = lowSpeedLimit
        self.lowSpeedTime = lowSpeedTime
        self.maxResponseBytes = maxResponseBytes
        self.caFile = caFile
    }
}

extension Duration {
    /// Whole milliseconds, rounded up so a short positive duration never becomes 0 (which
    /// libcurl reads as "no timeout").
    var roundedUpMilliseconds: Int {
        let (seconds, attoseconds) = components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int(clamping: max(milliseconds, attoseconds > 0 || seconds > 0 ? 1 : 0))
    }
}
