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

    // The hot queries' SQL is built once: the statement cache is keyed by it.
    private static let addressSQL =
        "SELECT \(StoredColumns.address("addresses")) FROM addresses WHERE customer_id = ? AND kind = ?"
    private static let billingSQL =
        "SELECT \(StoredColumns.billing("billing_profiles")) FROM billing_profiles WHERE customer_id = ?"
    private static let sessionSQL =
        "SELECT \(StoredColumns.session("sessions")) FROM sessions WHERE token_hash = ?"
    private static let sessionOverviewSQL = """
        SELECT \(StoredColumns.session("s")),
            c.customer_number, c.first_name, c.last_name, c.email, c.phone, c.fax, c.updated_at,
            \(StoredColumns.address("ca")), \(StoredColumns.billing("b")), \(StoredColumns.address("ba"))
        FROM sessions s
        LEFT JOIN customers c ON c.id = s.customer_id
        LEFT JOIN addresses ca ON ca.customer_id = s.customer_id AND ca.kind = 'contact'
        LEFT JOIN billing_profiles b ON b.customer_id = s.customer_id
        LEFT JOIN addresses ba ON ba.customer_id = s.customer_id AND ba.kind = 'billing'
        WHERE s.token_hash = ?
        """

    static func address(_ db: Database, customerID: Int64, kind: String) throws -> Address {
        StoredColumns.address(try db.cachedRow(sql: addressSQL, arguments: [customerID, kind]), at: 0)
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
        let row = try db.cachedRow(sql: billingSQL, arguments: [customerID])
        return StoredColumns.billing(
            row, at: 0, address: try address(db, customerID: customerID, kind: "billing"))
    }

    func contact(customerID: Int64) throws -> Tagged<ContactDetails> {
        let value = try db.read { db in try Self.contact(db, customerID: customerID) }
        return Tagged(value: value, etag: try ETag.of(value))
    }

    func billing(customerID: Int64) throws -> Tagged<BillingProfile> {
        let value = try db.read { db in try Self.billing(db, customerID: customerID) }
        return Tagged(value: value, etag: try ETag.of(value))
    }

    /// The session whose token hashes to `tokenHash`, with the overview of its customer, in one
    /// SELECT (one statement is its own snapshot: no transaction around it, one step instead of
    /// five; see BENCHMARKS.md). The overview is nil only if the customer row is missing.
    static func sessionOverview(_ db: Database, tokenHash: String) throws -> (StoredSession, Overview?)? {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sessionOverviewSQL), arguments: [tokenHash])
        // The cursor's row reads the statement's columns in place (no copy): decoded before `next`.
        guard let row = try rows.next() else { return nil }
        let session = StoredColumns.session(row)
        let customer = StoredColumns.sessionCount
        guard let customerNumber = row[customer] as String? else { return (session, nil) }
        let contactAddress = customer + 7
        let billing = contactAddress + StoredColumns.addressCount
        let billingAddress = billing + StoredColumns.billingCount
        let overview = Overview(
            customerNumber: customerNumber, firstName: row[customer + 1], lastName: row[customer + 2],
            email: row[customer + 3], phone: row[customer + 4], fax: row[customer + 5],
            contactAddress: StoredColumns.address(row, at: contactAddress),
            billing: StoredColumns.billing(
                row, at: billing, address: StoredColumns.address(row, at: billingAddress)),
            editable: ["email", "phone", "fax", "contact_address", "billing"],
            updatedAt: Timestamp(seconds: row[customer + 6]), lastSignIn: session.previousSignIn)
        return (session, overview)
    }

    /// Replaces the contact details if `ifMatch` is still their ETag (checked in the same
    /// transaction as the write, so two concurrent saves cannot both win).
    func replaceContact(
        customerID: Int64, ifMatch: String, with new: ContactDetails, audit: Audit,
        now: Timestamp
    ) async throws -> Tagged<ContactDetails> {
        try await db.write { db in
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
    ) async throws -> Tagged<BillingProfile> {
        try await db.write { db in
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

    func logIP(customerID: Int64, ip: String?, action: String, now: Timestamp) async throws {
        try await db.write { db in try Self.logIP(db, customerID: customerID, ip: ip, action: action, now: now) }
    }

    // MARK: - Sessions

    static func tokenHash(_ token: String) -> String {
        Hex.lowercase(SHA256.hash(data: Data(token.utf8)))
    }

    /// Creates a session and logs the sign-in; the token is returned once and stored only hashed.
    func createSession(
        customerID: Int64, audit: Audit, now: Timestamp, lifetime: Int64,
        idleMinutes: Int
    ) async throws -> SessionGrant {
        let token = Self.randomToken()
        let expires = now.adding(seconds: lifetime)
        try await db.write { db in
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

    /// The session whose token hashes to `tokenHash`.
    static func session(_ db: Database, tokenHash: String) throws -> StoredSession? {
        try db.cachedRow(sql: sessionSQL, arguments: [tokenHash]).map { StoredColumns.session($0) }
    }

    func touchSession(id: Int64, now: Timestamp) async throws {
        try await db.write { db in
            try db.execute(sql: "UPDATE sessions SET last_seen_at = ? WHERE id = ?", arguments: [now.seconds, id])
        }
    }

    func revokeSession(id: Int64, customerID: Int64, ip: String?, now: Timestamp) async throws {
        try await db.write { db in
            try db.execute(sql: "UPDATE sessions SET revoked_at = ? WHERE id = ?", arguments: [now.seconds, id])
            try Self.logIP(db, customerID: customerID, ip: ip, action: "sign_out", now: now)
        }
    }

    // MARK: - Sign-in attempts

    func recordSignInAttempt(email: String, ip: String, succeeded: Bool, customerID: Int64?, now: Timestamp) async throws {
        try await db.write { db in
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

// MARK: - Rows by column index

/// The column lists of the hot queries and their decoding by index (by name, every value was a
/// search of the row's column names). A list and its decoder stay side by side: change both.
enum StoredColumns {
    /// `id, customer_id, created_at, last_seen_at, expires_at, revoked_at, previous_sign_in_*` of `table`.
    static func session(_ table: String) -> String {
        ["id", "customer_id", "created_at", "last_seen_at", "expires_at", "revoked_at", "previous_sign_in_at",
         "previous_sign_in_ip"].map { "\(table).\($0)" }.joined(separator: ", ")
    }
    static let sessionCount = 8

    /// A session from the first `sessionCount` columns.
    static func session(_ row: Row) -> StoredSession {
        let previousAt: Int64? = row[6]
        return StoredSession(
            id: row[0], customerID: row[1], createdAt: Timestamp(seconds: row[2]),
            lastSeenAt: Timestamp(seconds: row[3]), expiresAt: Timestamp(seconds: row[4]),
            revoked: (row[5] as Int64?) != nil,
            previousSignIn: previousAt.map { SignInRecord(at: Timestamp(seconds: $0), ip: row[7]) })
    }

    static func address(_ table: String) -> String {
        ["line1", "line2", "district", "province", "postal_code", "country"]
            .map { "\(table).\($0)" }.joined(separator: ", ")
    }
    static let addressCount = 6

    /// The address in the `addressCount` columns from `index`; an empty Turkish one when the row, or
    /// the outer join's side, is missing (line1 is never NULL in a stored address).
    static func address(_ row: Row?, at index: Int) -> Address {
        guard let row, let line1 = row[index] as String? else {
            return Address(line1: "", district: "", province: "", postalCode: "", country: "TR")
        }
        return Address(
            line1: line1, line2: row[index + 1], district: row[index + 2], province: row[index + 3],
            postalCode: row[index + 4], country: row[index + 5])
    }

    static func billing(_ table: String) -> String {
        ["type", "full_name", "tckn", "company_name", "vkn", "tax_office", "e_invoice_email"]
            .map { "\(table).\($0)" }.joined(separator: ", ")
    }
    static let billingCount = 7

    /// The billing profile in the `billingCount` columns from `index` (an individual one when missing).
    static func billing(_ row: Row?, at index: Int, address: Address) -> BillingProfile {
        let type = (row?[index] as String?).flatMap(BillingType.init(rawValue:)) ?? .individual
        return BillingProfile(
            type: type, fullName: row?[index + 1], tckn: row?[index + 2], companyName: row?[index + 3],
            vkn: row?[index + 4], taxOffice: row?[index + 5], address: address, eInvoiceEmail: row?[index + 6])
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
