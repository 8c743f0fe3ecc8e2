import Crypto
import Foundation
import GRDB
import PanelModels

// MARK: - Message preferences

extension PanelStore {
    /// The grid (every topic × channel; a cell never set is opted in, as the policy describes),
    /// and the history, newest first.
    static func preferences(_ db: Database, customerID: Int64) throws -> MessagePreferences {
        var stored: [String: Row] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT * FROM message_preferences WHERE customer_id = ?",
            arguments: [customerID])
        {
            stored["\(row["topic"] as String)/\(row["channel"] as String)"] = row
        }
        var cells: [MessagePreference] = []
        for topic in MessageCatalog.topics {
            for channel in MessageCatalog.channels {
                let row = stored["\(topic.id)/\(channel.id)"]
                let optedIn = topic.required || ((row?["opted_in"] as Bool?) ?? true)
                let effective = optedIn ? nil : (row?["effective_from"] as Int64?).map(Timestamp.init(seconds:))
                cells.append(
                    MessagePreference(
                        topic: topic.id, channel: channel.id, optedIn: optedIn,
                        required: topic.required, effectiveFrom: effective))
            }
        }
        let history = try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM preference_changes WHERE customer_id = ? ORDER BY at DESC, id DESC
                """, arguments: [customerID]
        ).map { row in
            MessagePreferenceChange(
                at: Timestamp(seconds: row["at"]), topic: row["topic"], channel: row["channel"],
                optedIn: row["opted_in"],
                source: ChangeSource(rawValue: row["source"]) ?? .system,
                effectiveFrom: (row["effective_from"] as Int64?).map(Timestamp.init(seconds:)))
        }
        return MessagePreferences(
            topics: MessageCatalog.topics, channels: MessageCatalog.channels,
            preferences: cells, history: history)
    }

    func preferences(customerID: Int64) throws -> Tagged<MessagePreferences> {
        let value = try db.read { db in try Self.preferences(db, customerID: customerID) }
        return Tagged(value: value, etag: try ETag.of(value))
    }

    /// Applies settings already checked against the catalogue. A cell already in the asked state
    /// is left alone (no history entry); a refusal applies from the next business day, an opt-in
    /// at once. With `ifMatch` nil (the reject link) no precondition is checked.
    @discardableResult
    static func setPreferences(
        _ db: Database, customerID: Int64, settings: [MessagePreferenceSetting],
        source: ChangeSource, audit: Audit, action: String,
        now: Timestamp
    ) throws -> [MessagePreference] {
        let current = try preferences(db, customerID: customerID).preferences
        var changed: [MessagePreference] = []
        var changes: [FieldChange] = []
        for setting in settings {
            guard let cell = current.first(where: { $0.topic == setting.topic && $0.channel == setting.channel }),
                !cell.required, cell.optedIn != setting.optedIn
            else { continue }
            let effective = setting.optedIn ? nil : RefusalSchedule.effectiveFrom(refusedAt: now)
            try db.execute(
                sql: """
                    INSERT INTO message_preferences (customer_id, topic, channel, opted_in, effective_from, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (customer_id, topic, channel) DO UPDATE SET opted_in = excluded.opted_in,
                        effective_from = excluded.effective_from, updated_at = excluded.updated_at
                    """,
                arguments: [
                    customerID, setting.topic, setting.channel, setting.optedIn, effective?.seconds,
                    now.seconds,
                ])
            try db.execute(
                sql: """
                    INSERT INTO preference_changes (customer_id, at, topic, channel, opted_in, source, effective_from)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    customerID, now.seconds, setting.topic, setting.channel, setting.optedIn,
                    source.rawValue, effective?.seconds,
                ])
            changes.append(
                FieldChange(
                    field: "\(setting.topic).\(setting.channel)", old: String(cell.optedIn),
                    new: String(setting.optedIn)))
            changed.append(
                MessagePreference(
                    topic: setting.topic, channel: setting.channel,
                    optedIn: setting.optedIn, effectiveFrom: effective))
        }
        if !changes.isEmpty {
            try record(
                db, customerID: customerID, resource: "message_preferences", changes: changes, audit: audit,
                action: action, now: now)
        }
        return changed
    }

    func updatePreferences(
        customerID: Int64, ifMatch: String, settings: [MessagePreferenceSetting], audit: Audit,
        now: Timestamp
    ) async throws -> Tagged<MessagePreferences> {
        try await db.write { db in
            try Self.checkPrecondition(ifMatch, current: try Self.preferences(db, customerID: customerID))
            try Self.setPreferences(
                db, customerID: customerID, settings: settings, source: .terminal, audit: audit,
                action: "update_message_preferences", now: now)
            let value = try Self.preferences(db, customerID: customerID)
            return Tagged(value: value, etag: try ETag.of(value))
        }
    }

    // MARK: - Reject links

    /// What a reject-link token refers to.
    struct RejectLink: Sendable {
        var customerID: Int64
        var topic: String
        var channel: String
        var used: Bool
    }

    /// Creates a reject link's token for one topic on one channel; it is stored only hashed.
    static func createRejectToken(
        _ db: Database, customerID: Int64, topic: String, channel: String,
        now: Timestamp
    ) throws -> String {
        let token = randomToken()
        try db.execute(
            sql: """
                INSERT INTO unsubscribe_tokens (token_hash, customer_id, topic, channel, created_at)
                VALUES (?, ?, ?, ?, ?)
                """, arguments: [tokenHash(token), customerID, topic, channel, now.seconds])
        return token
    }

    func rejectLink(token: String) throws -> RejectLink? {
        try db.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM unsubscribe_tokens WHERE token_hash = ?",
                arguments: [Self.tokenHash(token)]
            ).map {
                RejectLink(
                    customerID: $0["customer_id"], topic: $0["topic"], channel: $0["channel"],
                    used: ($0["used_at"] as Int64?) != nil)
            }
        }
    }

    /// Uses a reject link: refuses its topic on its channel and marks the token used, at most once
    /// (nil when it was already used, even by a concurrent request).
    func useRejectLink(token: String, ip: String?, now: Timestamp) async throws -> MessagePreference? {
        try await db.write { db in
            let hash = Self.tokenHash(token)
            try db.execute(
                sql: "UPDATE unsubscribe_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL",
                arguments: [now.seconds, hash])
            guard db.changesCount == 1,
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM unsubscribe_tokens WHERE token_hash = ?",
                    arguments: [hash])
            else { return nil }
            let customerID: Int64 = row["customer_id"]
            let setting = MessagePreferenceSetting(topic: row["topic"], channel: row["channel"], optedIn: false)
            try Self.setPreferences(
                db, customerID: customerID, settings: [setting], source: .link,
                audit: Audit(actor: .customer, ip: ip, client: "reject link"),
                action: "unsubscribe", now: now)
            return try Self.preferences(db, customerID: customerID).preferences
                .first { $0.topic == setting.topic && $0.channel == setting.channel }
        }
    }

    // MARK: - Tokens

    /// 32 random bytes, base64url without padding (43 characters).
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
