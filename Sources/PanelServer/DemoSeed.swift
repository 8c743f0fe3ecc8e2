import Foundation
import GRDB
import PanelModels

// MARK: - Demo data

/// The demo customers of `--seed-demo`: an individual (`demo@example.com`) and a company
/// (`kurumsal@example.com`), both with the password `demo1234`. Their bcrypt hashes (cost 12) were
/// computed once with `haker-panel-server --hash-password` and pasted here, so seeding costs no
/// hashing and the embedded panel starts at once. Addresses from documentation IP ranges only.
enum DemoSeed {
    static let password = "demo1234"
    static let individualEmail = "demo@example.com"
    static let corporateEmail = "kurumsal@example.com"
    static let individualPasswordHash = "$2b$12$RGY4YWAv37dU1L6gX78HieuHxLFwhij0TbnIWuCHLcC.gNQw5.hY6"
    static let corporatePasswordHash = "$2b$12$AZ5cqhRa/sHXhMpL78PnQ.Q45i.HO/rZW9l5YwDXJ5wvx0y8R4yCu"

    /// A reject link made while seeding, for printing once.
    struct RejectLink: Sendable {
        var email: String
        var topic: String
        var channel: String
        var token: String
    }

    /// Adds each demo customer that is absent; returns the reject links made for them.
    static func seed(_ writer: any DatabaseWriter, now: Timestamp) throws -> [RejectLink] {
        try writer.write { db in
            var links: [RejectLink] = []
            if try !exists(db, individualEmail) {
                links += try seedIndividual(db, now: now)
            }
            if try !exists(db, corporateEmail) {
                links += try seedCorporate(db, now: now)
            }
            return links
        }
    }

    private static func exists(_ db: Database, _ email: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM customers WHERE email = ?", arguments: [email]) ?? false
    }

    private static let day: Int64 = 86_400

    private static func seedIndividual(_ db: Database, now: Timestamp) throws -> [RejectLink] {
        let ankara = Address(
            line1: "Atatürk Cad. No: 12/3", line2: "Kızılay Mah.", district: "Çankaya",
            province: "Ankara", postalCode: "06420", country: "TR")
        let id = try insertCustomer(
            db, number: "HK-100231", first: "Ayşe", last: "Yılmaz", email: individualEmail,
            hash: individualPasswordHash, phone: "+905321234567", fax: nil, address: ankara,
            billing: BillingProfile(type: .individual, fullName: "Ayşe Yılmaz", tckn: "10000000146", address: ankara),
            created: now.adding(seconds: -400 * day), updated: now.adding(seconds: -30 * day))
        try history(
            db, id, now,
            [
                (-120, "partner_updates", "phone", false, .link),
                (-45, "service_updates", "phone", false, .terminal),
                (-44, "partner_updates", "email", false, .terminal),
                (-12, "partner_updates", "email", true, .support),
            ])
        try changeLog(
            db, id, at: now.adding(seconds: -30 * day), actor: .customer, resource: "contact",
            changes: [FieldChange(field: "phone", old: "+905321112233", new: "+905321234567")],
            ip: "203.0.113.24", client: "haker-panel/0.1.0")
        try changeLog(
            db, id, at: now.adding(seconds: -200 * day), actor: .support, resource: "billing",
            changes: [FieldChange(field: "billing.address.postal_code", old: "06400", new: "06420")],
            ip: nil, client: "support desk")
        try ipLog(
            db, id, now,
            [
                (-200, "198.51.100.7", "sign_in"), (-45, "203.0.113.24", "sign_in"),
                (-45, "203.0.113.24", "update_message_preferences"),
                (-30, "203.0.113.24", "update_contact"), (-3, "203.0.113.99", "sign_in_failed"),
                (-2, "203.0.113.24", "sign_in"),
            ])
        try threads(
            db, id, now,
            [
                (-300, "Alan adı yönlendirmesi çalışmıyor", "closed"),
                (-60, "SSL sertifikası yenileme", "answered"),
                (-5, "E-posta kotası artırımı", "open"),
            ])
        return try rejectLinks(db, id, email: individualEmail, now: now)
    }

    private static func seedCorporate(_ db: Database, now: Timestamp) throws -> [RejectLink] {
        let istanbul = Address(
            line1: "Bağdat Cad. No: 215 Kat: 4", line2: "Caddebostan Mah.", district: "Kadıköy",
            province: "İstanbul", postalCode: "34728", country: "TR")
        let id = try insertCustomer(
            db, number: "HK-100232", first: "Mehmet", last: "Kaya", email: corporateEmail,
            hash: corporatePasswordHash, phone: "+902165550101", fax: "+902165550102", address: istanbul,
            billing: BillingProfile(
                type: .corporate, companyName: "Kaya Bilişim Hizmetleri Ltd. Şti.",
                vkn: "4540536920", taxOffice: "Kadıköy", address: istanbul,
                eInvoiceEmail: "fatura@kayabilisim.example.com"),
            created: now.adding(seconds: -700 * day), updated: now.adding(seconds: -90 * day))
        try history(db, id, now, [(-90, "partner_updates", "phone", false, .terminal)])
        try changeLog(
            db, id, at: now.adding(seconds: -90 * day), actor: .customer, resource: "billing",
            changes: [FieldChange(field: "billing.tax_office", old: "Göztepe", new: "Kadıköy")],
            ip: "192.0.2.44", client: "haker-panel/0.1.0")
        try ipLog(
            db, id, now,
            [
                (-90, "192.0.2.44", "sign_in"), (-90, "192.0.2.44", "update_billing"),
                (-7, "192.0.2.44", "sign_in"),
            ])
        try threads(
            db, id, now,
            [
                (-400, "Fatura unvanı değişikliği", "closed"),
                (-20, "Sunucu yedekleme planı", "answered"),
            ])
        return try rejectLinks(db, id, email: corporateEmail, now: now)
    }

    // MARK: Rows

    private static func insertCustomer(
        _ db: Database, number: String, first: String, last: String, email: String,
        hash: String, phone: String, fax: String?, address: Address,
        billing: BillingProfile, created: Timestamp, updated: Timestamp
    ) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO customers (customer_number, first_name, last_name, email, password_hash, phone, fax,
                                       created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [number, first, last, email, hash, phone, fax, created.seconds, updated.seconds])
        let id = db.lastInsertedRowID
        try PanelStore.writeAddress(db, customerID: id, kind: "contact", address)
        try PanelStore.writeBilling(db, customerID: id, billing)
        return id
    }

    /// Preference changes, oldest first, applied as they happened (days relative to now).
    private static func history(
        _ db: Database, _ id: Int64, _ now: Timestamp,
        _ changes: [(Int64, String, String, Bool, ChangeSource)]
    ) throws {
        for (days, topic, channel, optedIn, source) in changes {
            try PanelStore.setPreferences(
                db, customerID: id,
                settings: [MessagePreferenceSetting(topic: topic, channel: channel, optedIn: optedIn)],
                source: source, audit: Audit(actor: source == .support ? .support : .customer, ip: nil, client: nil),
                action: "update_message_preferences", now: now.adding(seconds: days * day))
        }
        // setPreferences wrote IP-log entries without an address; the seed's own IP log replaces them.
        try db.execute(sql: "DELETE FROM ip_log WHERE customer_id = ?", arguments: [id])
    }

    private static func changeLog(
        _ db: Database, _ id: Int64, at: Timestamp, actor: ChangeActor, resource: String,
        changes: [FieldChange], ip: String?, client: String?
    ) throws {
        try PanelStore.appendChangeLog(
            db, customerID: id, at: at, resource: resource, changes: changes,
            audit: Audit(actor: actor, ip: ip, client: client))
    }

    private static func ipLog(
        _ db: Database, _ id: Int64, _ now: Timestamp, _ entries: [(Int64, String, String)]
    ) throws {
        for (days, ip, action) in entries {
            try PanelStore.logIP(db, customerID: id, ip: ip, action: action, now: now.adding(seconds: days * day))
        }
    }

    private static func threads(_ db: Database, _ id: Int64, _ now: Timestamp, _ list: [(Int64, String, String)]) throws
    {
        for (days, subject, status) in list {
            try db.execute(
                sql: "INSERT INTO support_threads (customer_id, subject, opened_at, status) VALUES (?, ?, ?, ?)",
                arguments: [id, subject, now.seconds + days * day, status])
        }
    }

    private static func rejectLinks(_ db: Database, _ id: Int64, email: String, now: Timestamp) throws -> [RejectLink] {
        var links: [RejectLink] = []
        for topic in MessageCatalog.refusable {
            for channel in MessageCatalog.channels {
                let token = try PanelStore.createRejectToken(
                    db, customerID: id, topic: topic.id, channel: channel.id,
                    now: now)
                links.append(RejectLink(email: email, topic: topic.id, channel: channel.id, token: token))
            }
        }
        return links
    }
}
