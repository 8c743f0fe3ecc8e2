import Foundation
import GRDB

// MARK: - Opening

/// Opens (and creates) the SQLite database and runs the migrations: WAL and synchronous=FULL for files,
/// foreign keys on.
enum PanelDatabase {
    static func open(path: String) throws -> any DatabaseWriter {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        let writer: any DatabaseWriter
        if path == ":memory:" {
            writer = try DatabaseQueue(configuration: configuration)
        } else {
            // DatabasePool turns WAL on: readers never wait for the writer.
            let pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB pairs WAL with synchronous=NORMAL, which survives a killed process but may lose
            // the last commits on power loss. Saves come at human pace, so an fsync per commit is
            // cheap: FULL makes every acknowledged save survive power loss too (RELIABILITY.md).
            // Only the writer connection commits, so only it needs the setting.
            try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
            writer = pool
        }
        do {
            try migrator.migrate(writer)
        } catch {
            // Two servers started at once on a fresh file (two terminals opening the panel for the
            // first time) both migrate: the one that lost the race finds the other's tables. Again,
            // it reads the migrations as applied.
            try migrator.migrate(writer)
        }
        return writer
    }

    // MARK: - Migrations

    /// Named migrations, never edited once released: a new need is a new migration.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("2026-11-01 customers") { db in
            try db.execute(
                sql: """
                    CREATE TABLE customers (
                        id INTEGER PRIMARY KEY,
                        customer_number TEXT NOT NULL UNIQUE,
                        first_name TEXT NOT NULL,
                        last_name TEXT NOT NULL,
                        email TEXT NOT NULL UNIQUE COLLATE NOCASE,
                        password_hash TEXT NOT NULL,
                        phone TEXT NOT NULL,
                        fax TEXT,
                        created_at INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL
                    );
                    CREATE TABLE addresses (
                        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
                        kind TEXT NOT NULL CHECK (kind IN ('contact', 'billing')),
                        line1 TEXT NOT NULL,
                        line2 TEXT,
                        district TEXT NOT NULL,
                        province TEXT NOT NULL,
                        postal_code TEXT NOT NULL,
                        country TEXT NOT NULL,
                        PRIMARY KEY (customer_id, kind)
                    );
                    CREATE TABLE billing_profiles (
                        customer_id INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
                        type TEXT NOT NULL,
                        full_name TEXT,
                        tckn TEXT,
                        company_name TEXT,
                        vkn TEXT,
                        tax_office TEXT,
                        e_invoice_email TEXT
                    );
                    """)
        }
        migrator.registerMigration("2026-11-02 message preferences") { db in
            try db.execute(
                sql: """
                    CREATE TABLE message_preferences (
                        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
                        topic TEXT NOT NULL,
                        channel TEXT NOT NULL,
                        opted_in INTEGER NOT NULL,
                        effective_from INTEGER,
                        updated_at INTEGER NOT NULL,
                        PRIMARY KEY (customer_id, topic, channel)
                    );
                    CREATE TABLE preference_changes (
                        id INTEGER PRIMARY KEY,
                        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
                        at INTEGER NOT NULL,
                        topic TEXT NOT NULL,
                        channel TEXT NOT NULL,
                        opted_in INTEGER NOT NULL,
                        source TEXT NOT NULL,
                        effective_from INTEGER
                    );
                    CREATE INDEX preference_changes_by_customer ON preference_changes(customer_id, at);
                    CREATE TABLE unsubscribe_tokens (
                        token_hash TEXT PRIMARY KEY,
                        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
                        topic TEXT NOT NULL,
                        channel TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        used_at INTEGER
                    );
                    """)
        }
        migrator.registerMigration("2026-11-03 logs and sessions") { db in
            try db.execute(
                sql: """
                    CREATE TABLE change_log (
                        id INTEGER PRIMARY KEY,
                        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
                        at INTEGER NOT NULL,
                        actor TEXT NOT NULL,
                        resource TEXT NOT NULL,
                        changes TEXT NOT NULL,
                        ip TEXT,
                        client TEXT
                    );
                    CREATE INDEX change_log_by_customer ON change_log(customer_id, at);
                    -- Append-only: the log is evidence, so the database itself refuses edits.
                    CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
                        BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
                    CREATE TABLE ip_log (
                        id INTEGER PRIMARY KEY,
                        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
                        at INTEGER NOT NULL,
                        ip TEXT NOT NULL,
                        action TEXT NOT NULL
                    );
                    CREATE INDEX ip_log_by_customer ON ip_log(customer_id, at);
                    CREATE TABLE sessions (
                        id INTEGER PRIMARY KEY,
                        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
                        token_hash TEXT NOT NULL UNIQUE,
                        created_at INTEGER NOT NULL,
                        last_seen_at INTEGER NOT NULL,
                        expires_at INTEGER NOT NULL,
                        revoked_at INTEGER,
                        ip TEXT,
                        client TEXT,
                        previous_sign_in_at INTEGER,
                        previous_sign_in_ip TEXT
                    );
                    CREATE TABLE sign_in_attempts (
                        id INTEGER PRIMARY KEY,
                        at INTEGER NOT NULL,
                        email TEXT NOT NULL,
                        ip TEXT NOT NULL,
                        succeeded INTEGER NOT NULL
                    );
                    CREATE INDEX sign_in_attempts_by_email ON sign_in_attempts(email, at);
                    CREATE INDEX sign_in_attempts_by_ip ON sign_in_attempts(ip, at);
                    CREATE TABLE support_threads (
                        id INTEGER PRIMARY KEY,
                        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
                        subject TEXT NOT NULL,
                        opened_at INTEGER NOT NULL,
                        status TEXT NOT NULL
                    );
                    """)
        }
        return migrator
    }
}
