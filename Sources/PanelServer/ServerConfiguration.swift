import Foundation
import HummingbirdBcrypt
import Logging
import PanelModels

// MARK: - Configuration

/// Everything `buildApplication` needs. `main` fills it from the command line; tests inject a clock
/// and a cheap password hasher so nothing depends on timing or on bcrypt's cost.
public struct ServerConfiguration: Sendable {
    /// Address to bind (default loopback).
    public var host: String = "127.0.0.1"
    /// Port to bind; 0 picks a free one.
    public var port: Int = 8080
    /// SQLite file, created and migrated on start; `:memory:` for a throw-away database.
    public var databasePath: String = ":memory:"
    /// Folder of operator-supplied policy files; nil serves the bundled texts.
    public var policiesDirectory: String?
    /// Add the demo customers when absent.
    public var seedDemo: Bool = false
    /// Print the demo customers' reject links on standard output after seeding (not in embedded
    /// mode, whose standard output carries exactly one JSON line).
    public var printRejectLinks: Bool = true
    /// The one address whose `X-Forwarded-For` is believed.
    public var trustedProxy: String?
    /// The time, injectable so tests never sleep.
    public var clock: @Sendable () -> Timestamp = { Timestamp.now() }
    /// bcrypt by default; tests count calls or use a low cost.
    public var passwords: any PasswordHashing = BcryptPasswords(cost: 12)
    public var logger: Logger = Logger(label: "haker-panel-server")
    /// Session lifetime rules.
    public var idleTimeoutMinutes: Int = 30
    public var absoluteLifetimeSeconds: Int64 = 12 * 3600
    /// Sign-in lock-out: this many failures for one account or one IP within the window → 429.
    public var signInFailureLimit: Int = 5
    public var signInWindowSeconds: Int64 = 15 * 60
    /// Largest request body accepted (413 beyond).
    public var maxBodyBytes: Int = 64 * 1024

    public init() {}
}

// MARK: - Passwords

/// Hashing and verification of passwords. A protocol so that a test can count verifications
/// (both sign-in failure paths must run exactly one) and use a cheap cost.
public protocol PasswordHashing: Sendable {
    func hash(_ password: String) -> String
    func verify(_ password: String, hash: String) -> Bool
}

/// bcrypt, through hummingbird-auth.
public struct BcryptPasswords: PasswordHashing {
    public var cost: UInt8

    public init(cost: UInt8) {
        self.cost = cost
    }

    public func hash(_ password: String) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    public func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }
}

/// A bcrypt hash (cost 12) of a random password nobody knows. Signing in with an unknown e-mail
/// verifies against it, so that a wrong e-mail costs the same bcrypt run as a wrong password and
/// the answer's timing does not tell which accounts exist.
let unknownAccountPasswordHash = "$2b$12$hSEFEC7T9GXNKbrjfZXsHOuTEbaeIxzoy07Z3t3AGulbx4VYGbx0u"
