#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The one JSON line `haker-panel-server --embedded` writes to its standard output once it listens:
/// where it listens and a ready session for the demo customer, so the client opens Home without a
/// sign-in (and without the server spending a bcrypt run at start-up).
///
/// `{"port": 40123, "token": "…", "expires_at": "2026-11-25T22:00:00Z", "idle_timeout_minutes": 30,
///   "email": "demo@example.com"}`
public struct EmbeddedHandshake: Codable, Sendable, Hashable {
    /// The loopback port (on 127.0.0.1).
    public var port: Int
    public var token: String
    public var expiresAt: Timestamp
    public var idleTimeoutMinutes: Int
    /// Who the session belongs to.
    public var email: String

    public init(port: Int, token: String, expiresAt: Timestamp, idleTimeoutMinutes: Int, email: String) {
        self.port = port
        self.token = token
        self.expiresAt = expiresAt
        self.idleTimeoutMinutes = idleTimeoutMinutes
        self.email = email
    }

    /// The session part, as `POST /v1/session` would have answered it.
    public var grant: SessionGrant {
        SessionGrant(token: token, expiresAt: expiresAt, idleTimeoutMinutes: idleTimeoutMinutes)
    }

    enum CodingKeys: String, CodingKey {
        case port, token, email
        case expiresAt = "expires_at"
        case idleTimeoutMinutes = "idle_timeout_minutes"
    }
}
