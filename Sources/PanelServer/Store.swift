import Crypto
import Foundation
import GRDB
import PanelModels

// The panel's storage: every read and write of customer data goes through here, in SQL.
// Values already stored are served as they are, even where today's validation would refuse them
// (older versions, imports): reading never validates, so such rows never cause a 500.

/// Who made a change and from where, for the change log and the IP log.
struct Audit: Sendable {
    var actor: ChangeActor = .customer
    var ip: String?
    var client: String?
}

/// A customer as the sign-in and the overview need them.
struct CustomerRecord: Sendable {
    var id: Int64
    var customerNumber: String
    var firstName: String
    var lastName: String
    var email: String
    var passwordHash: String
    var updatedAt: Timestamp

    init(row: Row) {
        id = row["id"]
        customerNumber = row["customer_number"]
        firstName = row["first_name"]
        lastName = row["last_name"]
        email = row["email"]
        passwordHash = row["password_hash"]
        updatedAt = Timestamp(seconds: row["updated_at"])
    }
}

/// A session row, looked up by the hash of its token.
struct StoredSession: Sendable {
    var id: Int64
    var customerID: Int64
    var createdAt: Timestamp
    var lastSeenAt: Timestamp
    var expiresAt: Timestamp
    var revoked: Bool
    var previousSignIn: SignInRecord?

    /// What the routes behind the authenticator learn of it.
    var authenticated: AuthenticatedSession {
        AuthenticatedSession(
            sessionID: id, customerID: customerID, createdAt: createdAt, previousSignIn: previousSignIn)
    }
}

/// A resource and its strong ETag.
struct Tagged<Resource: Sendable>: Sendable {
    var value: Resource
    var etag: String
}

enum ETag {
    /// A strong ETag: the quoted start of the SHA-256 of the resource's canonical JSON. Each
    /// resource is hashed on its own, so saving one never makes another stale.
    static func of(_ value: some Encodable) throws -> String {
        let digest = SHA256.hash(data: try JSONBody.encode(value))
        return "\"" + Hex.lowercase(digest.prefix(12)) + "\""
    }
}

enum Hex {
    /// Lowercase hex digits of `bytes`. (String(format: "%02x") per byte cost more than the SHA-256
    /// it printed, on every authenticated request.)
    static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

extension Database {
    /// The first row of a query through the connection's statement cache: the queries every request
    /// runs (session, customer, contact, billing) are compiled and authorised once per connection
    /// instead of once per request (that was a fifth of GET /v1/me's time in a profile).
    func cachedRow(sql: String, arguments: StatementArguments) throws -> Row? {
        try Row.fetchOne(cachedStatement(sql: sql), arguments: arguments)
    }
}

struct PanelStore: Sendable {
    let db: any DatabaseWriter

    // MARK: - Customers

    func customer(email: String) throws -> CustomerRecord? {
        try db.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM customers WHERE email = ?", arguments: [email])
                .map(CustomerRecord.init)
        }
    }

    func customer(id: Int64) throws -> CustomerRecord? {
        try db.read { db in try Self.customer(db, id: id) }
    }

    static func customer(_ db: Database, id: Int64) throws -> CustomerRecord? {
        try db.cachedRow(sql: "SELECT * FROM customers WHERE id = ?", arguments: [id]).map(CustomerRecord.init)
    }

    // MARK: - Contact and billing

    static func address(_ db: Database, customerID: Int64, kind: String) throws -> Address {
        guard
            let row = try db.cachedRow(
                sql: "SELECT * FROM addresses WHERE customer_id = ? AND kind = ?",
                arguments: [customerID, kind])
        else { return Address(line1: "", district: "", province: "", postalCode: "", country: "TR") }
        return Address(
            line1: row["line1"], line2: row["line2"], district: row["district"], province: row["province"],
            postalCode: row["postal_code"], country: row["country"])
    }

    static func contact(_ db: Database, customerID: Int64) throws -> ContactDetails {
        let row = try db.cachedRow(
            sql: "SELECT email, phone, fax FROM customers WHERE id = ?",
            arguments: [customerID])
        return ContactDetails(
            email: row?["email"] ?? "", phone: row?["phone"] ?? "", fax: row?["fax"],
            contactAddress: try address(db, customerID: customerID, kind: "contact"))
    }

    static func billing(_ db: Database, customerID: Int64) throws -> BillingProfile {
        let row = try db.cachedRow(
            sql: "SELECT * FROM billing_profiles WHERE customer_id = ?",
            arguments: [customerID])
        let type = (row?["type"] as String?).flatMap(BillingType.init(rawValue:)) ?? .individual
        return BillingProfile(
            type: type, fullName: row?["full_name"], tckn: row?["tckn"],
            companyName: row?["company_name"], vkn: row?["vkn"], taxOffice: row?["tax_office"],
            address: try address(db, customerID: customerID, kind: "billing"),
            eInvoiceEmail: row?["e_invoice_email"])
    }

    func contact(customerID: Int64) throws -> Tagged<ContactDetails> {
        let value = try db.read { db in try Self.contact(db, customerID: customerID) }
        return Tagged(value: value, etag: try ETag.of(value))
    }

    func billing(customerID: Int64) throws -> Tagged<BillingProfile> {
        let value = try db.read { db in try Self.billing(db, customerID: customerID) }
        return Tagged(value: value, etag: try ETag.of(value))
    }

    /// The overview of the session's customer (the caller's read gives the snapshot).
    static func overview(_ db: Database, session: AuthenticatedSession) throws -> Overview {
        let id = session.customerID
        guard let customer = try customer(db, id: id) else { throw APIProblem.unauthorized }
        let contact = try contact(db, customerID: id)
        return Overview(
            customerNumber: customer.customerNumber, firstName: customer.firstName,
            lastName: customer.lastName, email: contact.email, phone: contact.phone,
            fax: contact.fax, contactAddress: contact.contactAddress,
            billing: try billing(db, customerID: id),
            editable: ["email", "phone", "fax", "contact_address", "billing"],
            updatedAt: customer.updatedAt, lastSignIn: session.previousSignIn)
    }

    /// Replaces the contact details if `ifMatch` is still their ETag (checked in the same
    /// transaction as the write, so two concurrent saves cannot both win).
    func replaceContact(
        customerID: Int64, ifMatch: String, with new: ContactDetails, audit: Audit,
        now: Timestamp
    ) throws -> Tagged<ContactDetails> {
        try db.write { db in
            let old = try Self.contact(db, customerID: customerID)
            try Self.checkPrecondition(ifMatch, current: old)
            if EmailAddress.normalized(old.email) != new.email,
                try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM customers WHERE email = ? AND id <> ?",
                    arguments: [new.email, customerID]) == true
            {
                throw APIProblem.validation([
                    FieldError(
                        field: "email", code: FieldErrorCode.emailTaken,
                        message: "another account uses this e-mail address")
                ])
            }
            var stored = new
            stored.currentPassword = nil
            let changes = Self.diff(old: fieldValues(old), new: fieldValues(stored))
            if !changes.isEmpty {
                try db.execute(
                    sql: "UPDATE customers SET email = ?, phone = ?, fax = ?, updated_at = ? WHERE id = ?",
                    arguments: [stored.email, stored.phone, stored.fax, now.seconds, customerID])
                try Self.writeAddress(db, customerID: customerID, kind: "contact", stored.contactAddress)
                try Self.record(
                    db, customerID: customerID, resource: "contact", changes: changes, audit: audit,
                    action: "update_contact", now: now)
            }
            return Tagged(value: stored, etag: try ETag.of(stored))
        }
    }

    func replaceBilling(
        customerID: Int64, ifMatch: String, with new: BillingProfile, audit: Audit,
        now: Timestamp
    ) throws -> Tagged<BillingProfile> {
        try db.write { db in
            let old = try Self.billing(db, customerID: customerID)
            try Self.checkPrecondition(ifMatch, current: old)
            let changes = Self.diff(
                old: fieldValues(old, prefix: "billing."), new: fieldValues(new, prefix: "billing."))
            if !changes.isEmpty {
                try Self.writeBilling(db, customerID: customerID, new)
                try db.execute(
                    sql: "UPDATE customers SET updated_at = ? WHERE id = ?",
                    arguments: [now.seconds, customerID])
                try Self.record(
                    db, customerID: customerID, resource: "billing", changes: changes, audit: audit,
                    action: "update_billing", now: now)
            }
            return Tagged(value: new, etag: try ETag.of(new))
        }
    }

    static func checkPrecondition<R: Codable & Sendable>(_ ifMatch: String, current: R) throws {
        let etag = try ETag.of(current)
        guard IfMatch.matches(ifMatch, etag: etag) else {
            throw APIProblem.preconditionFailed(current: current, etag: etag)
        }
    }

    static func writeAddress(_ db: Database, customerID: Int64, kind: String, _ a: Address) throws {
        try db.execute(
            sql: """
                INSERT INTO addresses (customer_id, kind, line1, line2, district, province, postal_code, country)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (customer_id, kind) DO UPDATE SET line1 = excluded.line1, line2 = excluded.line2,
                    district = excluded.district, province = excluded.province, postal_code = excluded.postal_code,
                    country = excluded.country
                """, arguments: [customerID, kind, a.line1, a.line2, a.district, a.province, a.postalCode, a.country])
    }

    static func writeBilling(_ db: Database, customerID: Int64, _ b: BillingProfile) throws {
        try db.execute(
            sql: """
                INSERT INTO billing_profiles (customer_id, type, full_name, tckn, company_name, vkn, tax_office,
                                              e_invoice_email)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (customer_id) DO UPDATE SET type = excluded.type, full_name = excluded.full_name,
                    tckn = excluded.tckn, company_name = excluded.company_name, vkn = excluded.vkn,
                    tax_office = excluded.tax_office, e_invoice_email = excluded.e_invoice_email
                """,
            arguments: [
                customerID, b.type.rawValue, b.fullName, b.tckn, b.companyName, b.vkn, b.taxOffice,
                b.eInvoiceEmail,
            ])
        try writeAddress(db, customerID: customerID, kind: "billing", b.address)
    }

    // MARK: - Change log and IP log

    static func diff(old: [(String, String?)], new: [(String, String?)]) -> [FieldChange] {
        zip(old, new).compactMap { o, n in o.1 == n.1 ? nil : FieldChange(field: n.0, old: o.1, new: n.1) }
    }

    /// Appends a change-log entry and an IP-log entry for a change.
    static func record(
        _ db: Database, customerID: Int64, resource: String, changes: [FieldChange], audit: Audit,
        action: String, now: Timestamp
    ) throws {
        try appendChangeLog(db, customerID: customerID, at: now, resource: resource, changes: changes, audit: audit)
        try logIP(db, customerID: customerID, ip: audit.ip, action: action, now: now)
    }

    /// Appends one entry to the change log (which the database keeps append-only).
    static func appendChangeLog(
        _ db: Database, customerID: Int64, at: Timestamp, resource: String, changes: [FieldChange], audit: Audit
    ) throws {
        let json = String(decoding: try JSONBody.encode(changes), as: UTF8.self)
        try db.execute(
            sql: """
                INSERT INTO change_log (customer_id, at, actor, resource, changes, ip, client)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [customerID, at.seconds, audit.actor.rawValue, resource, json, audit.ip, audit.client])
    }

    static func logIP(_ db: Database, customerID: Int64, ip: String?, action: String, now: Timestamp) throws {
        try db.execute(
            sql: "INSERT INTO ip_log (customer_id, at, ip, action) VALUES (?, ?, ?, ?)",
            arguments: [customerID, now.seconds, ip ?? "unknown", action])
    }

    func logIP(customerID: Int64, ip: String?, action: String, now: Timestamp) throws {
        try db.write { db in try Self.logIP(db, customerID: customerID, ip: ip, action: action, now: now) }
    }

    // MARK: - Sessions

    static func tokenHash(_ token: String) -> String {
        Hex.lowercase(SHA256.hash(data: Data(token.utf8)))
    }

    /// Creates a session and logs the sign-in; the token is returned once and stored only hashed.
    func createSession(
        customerID: Int64, audit: Audit, now: Timestamp, lifetime: Int64,
        idleMinutes: Int
    ) throws -> SessionGrant {
        let token = Self.randomToken()
        let expires = now.adding(seconds: lifetime)
        try db.write { db in
            let previous = try Row.fetchOne(
                db,
                sql: """
                    SELECT at, ip FROM ip_log WHERE customer_id = ? AND action = 'sign_in'
                    ORDER BY at DESC, id DESC LIMIT 1
                    """, arguments: [customerID])
            try db.execute(
                sql: """
                    INSERT INTO sessions (customer_id, token_hash, created_at, last_seen_at, expires_at, ip, client,
                                          previous_sign_in_at, previous_sign_in_ip)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    customerID, Self.tokenHash(token), now.seconds, now.seconds, expires.seconds,
                    audit.ip, audit.client, previous?["at"] as Int64?, previous?["ip"] as String?,
                ])
            try Self.logIP(db, customerID: customerID, ip: audit.ip, action: "sign_in", now: now)
        }
        return SessionGrant(token: token, expiresAt: expires, idleTimeoutMinutes: idleMinutes)
    }

    /// The session whose token is `token`, by the token's hash.
    static func session(_ db: Database, token: String) throws -> StoredSession? {
        guard
            let row = try db.cachedRow(
                sql: "SELECT * FROM sessions WHERE token_hash = ?", arguments: [tokenHash(token)])
        else { return nil }
        let previousAt: Int64? = row["previous_sign_in_at"]
        return StoredSession(
            id: row["id"], customerID: row["customer_id"], createdAt: Timestamp(seconds: row["created_at"]),
            lastSeenAt: Timestamp(seconds: row["last_seen_at"]), expiresAt: Timestamp(seconds: row["expires_at"]),
            revoked: (row["revoked_at"] as Int64?) != nil,
            previousSignIn: previousAt.map { SignInRecord(at: Timestamp(seconds: $0), ip: row["previous_sign_in_ip"]) })
    }

    func touchSession(id: Int64, now: Timestamp) throws {
        try db.write { db in
            try db.execute(sql: "UPDATE sessions SET last_seen_at = ? WHERE id = ?", arguments: [now.seconds, id])
        }
    }

    func revokeSession(id: Int64, customerID: Int64, ip: String?, now: Timestamp) throws {
        try db.write { db in
            try db.execute(sql: "UPDATE sessions SET revoked_at = ? WHERE id = ?", arguments: [now.seconds, id])
            try Self.logIP(db, customerID: customerID, ip: ip, action: "sign_out", now: now)
        }
    }

    // MARK: - Sign-in attempts

    func recordSignInAttempt(email: String, ip: String, succeeded: Bool, customerID: Int64?, now: Timestamp) throws {
        try db.write { db in
            try db.execute(
                sql: "INSERT INTO sign_in_attempts (at, email, ip, succeeded) VALUES (?, ?, ?, ?)",
                arguments: [now.seconds, email, ip, succeeded])
            if let customerID, !succeeded {
                try Self.logIP(db, customerID: customerID, ip: ip, action: "sign_in_failed", now: now)
            }
        }
    }

    /// Seconds until a sign-in may be tried again, or nil when neither the account nor the IP has
    /// reached `limit` failures within the window. A success resets the account's count (not the
    /// IP's: one good account must not unlock guessing at others from the same address).
    func signInLockout(email: String, ip: String, now: Timestamp, limit: Int, window: Int64) throws -> Int? {
        try db.read { db in
            let since = now.seconds - window
            // By row id, not time: a success and a failure can share a second.
            let lastSuccess =
                try Int64.fetchOne(
                    db,
                    sql: """
                        SELECT MAX(id) FROM sign_in_attempts WHERE email = ? AND succeeded = 1
                        """, arguments: [email]) ?? 0
            let byAccount = try Int64.fetchAll(
                db,
                sql: """
                    SELECT at FROM sign_in_attempts WHERE email = ? AND succeeded = 0 AND at > ? AND id > ?
                    ORDER BY at DESC
                    """, arguments: [email, since, lastSuccess])
            let byIP = try Int64.fetchAll(
                db,
                sql: """
                    SELECT at FROM sign_in_attempts WHERE ip = ? AND succeeded = 0 AND at > ? ORDER BY at DESC
                    """, arguments: [ip, since])
            // Locked until the failure that made the count reach the limit leaves the window.
            let waits = [byAccount, byIP].compactMap { times -> Int64? in
                times.count >= limit ? times[limit - 1] + window - now.seconds : nil
            }
            return waits.max().map { Int(max(1, $0)) }
        }
    }
}

// MARK: - If-Match

enum IfMatch {
    /// Strong comparison against a list of entity tags; `*` and weak tags never match, since
    /// the API wants proof of which version the client edited.
    static func matches(_ header: String, etag: String) -> Bool {
        header.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == etag }
    }
}

// MARK: - Field values for the change log

/// The fields of a resource as `(wire path, value)` pairs, in a fixed order, for diffs.
private func fieldValues(_ c: ContactDetails) -> [(String, String?)] {
    [("email", c.email), ("phone", c.phone), ("fax", c.fax)] + fieldValues(c.contactAddress, prefix: "contact_address.")
}

private func fieldValues(_ a: Address, prefix: String) -> [(String, String?)] {
    [
        ("line1", a.line1), ("line2", a.line2), ("district", a.district), ("province", a.province),
        ("postal_code", a.postalCode), ("country", a.country),
    ].map { (prefix + $0.0, $0.1) }
}

private func fieldValues(_ b: BillingProfile, prefix: String) -> [(String, String?)] {
    [
        ("type", b.type.rawValue), ("full_name", b.fullName), ("tckn", b.tckn), ("company_name", b.companyName),
        ("vkn", b.vkn), ("tax_office", b.taxOffice), ("e_invoice_email", b.eInvoiceEmail),
    ]
    .map { (prefix + $0.0, $0.1) } + fieldValues(b.address, prefix: prefix + "address.")
}
