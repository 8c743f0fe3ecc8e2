import Foundation
import PanelModels
import Testing

/// The real server killed with SIGKILL in the middle of a stream of saves, then started again on
/// the same SQLite file: every save it acknowledged is there, with its change-log entry, and the
/// file passes `PRAGMA integrity_check`.
@Suite(.serialized) struct DurabilityTests {
    /// Saves of the demo customer's phone, one after the other, each with the ETag of the one before.
    final class SaveStream: @unchecked Sendable {
        private let lock = NSLock()
        private var acknowledged: [String] = []
        private var pending: String?
        private var stopped = false
        private(set) var failures: [String] = []

        var acknowledgedPhones: [String] { lock.withLock { acknowledged } }
        /// The phone of the save sent and not answered when the server died (it may or may not be stored).
        var unanswered: String? { lock.withLock { pending } }

        /// Runs on its own thread until a save gets no answer (the server is gone).
        func run(server: PanelServerProcess, startingAt first: Int) {
            guard let start = try? server.exchange("GET", "/v1/me/contact", token: server.demoToken),
                  var etag = start.headers["etag"],
                  var contact = try? JSONDecoder().decode(ContactDetails.self, from: start.body)
            else { return fail("GET /v1/me/contact gave no contact details and ETag") }
            var number = first
            while true {
                // Unique per save, so the change log shows each one.
                contact.phone = "+90532" + String(format: "%07d", number)
                number += 1
                lock.withLock { pending = contact.phone }
                guard let answer = try? server.exchange(
                    "PUT", "/v1/me/contact", token: server.demoToken, body: try? JSONEncoder().encode(contact),
                    headers: ["If-Match": etag]), answer.status != 0
                else { return }  // no answer: killed
                guard answer.status == 200, let next = answer.headers["etag"],
                      let saved = try? JSONDecoder().decode(ContactDetails.self, from: answer.body),
                      saved.phone == contact.phone
                else { return fail("PUT answered \(answer.status): \(String(decoding: answer.body, as: UTF8.self))") }
                etag = next
                lock.withLock {
                    acknowledged.append(saved.phone)
                    pending = nil
                }
            }
        }

        private func fail(_ message: String) {
            lock.withLock { failures.append(message) }
        }
    }

    @Test func everyAcknowledgedSaveSurvivesSIGKILLAndTheFileStaysIntact() throws {
        let directory = try Binaries.temporaryDirectory("durability")
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("panel.sqlite").path
        let rounds = 3
        var acknowledged: [String] = []
        var walBytesAtKill: [Int] = []
        var unansweredBefore: String?
        for round in 0..<rounds {
            let server = try PanelServerProcess(databasePath: database)
            // What the rounds before acknowledged is all there after the restart.
            if let last = acknowledged.last {
                let phone = try contactPhone(server)
                #expect(phone == last || phone == unansweredBefore, "round \(round): \(phone) after \(last)")
            }
            let stream = SaveStream()
            let thread = Thread { stream.run(server: server, startingAt: round * 1_000_000) }
            thread.start()
            // Kill at a moment that depends on the round, with saves in flight.
            let target = 20 + round * 7
            let deadline = Date().addingTimeInterval(60)
            while stream.acknowledgedPhones.count < target, stream.failures.isEmpty, Date() < deadline {
                usleep(2_000)
            }
            walBytesAtKill.append(Self.fileSize(database + "-wal"))
            kill(server.process.processIdentifier, SIGKILL)
            server.process.waitUntilExit()
            #expect(server.process.terminationReason == .uncaughtSignal)
            while !thread.isFinished { usleep(2_000) }
            #expect(stream.failures.isEmpty, "\(stream.failures)")
            #expect(stream.acknowledgedPhones.count >= target)
            acknowledged += stream.acknowledgedPhones
            unansweredBefore = stream.unanswered
        }

        // The last start: the last acknowledged value (or the one in flight at the kill), and a
        // change-log entry for every acknowledged save.
        let server = try PanelServerProcess(databasePath: database)
        let phone = try contactPhone(server)
        #expect(phone == acknowledged.last || phone == unansweredBefore)
        let report = try JSONDecoder().decode(
            DataReport.self, from: try server.exchange("GET", "/v1/me/data", token: server.demoToken).body)
        let logged = Set(report.changeLog.filter { $0.resource == "contact" }
            .flatMap(\.changes).filter { $0.field == "phone" }.compactMap(\.new))
        let missing = acknowledged.filter { !logged.contains($0) }
        #expect(missing.isEmpty, "acknowledged saves missing from the change log: \(missing)")
        server.stop()
        #expect(try Self.sqlite(database, "PRAGMA integrity_check") == "ok")
        #expect(try Self.sqlite(database, "PRAGMA journal_mode") == "wal")
        print("durability: \(rounds) SIGKILLs, \(acknowledged.count) acknowledged saves all present "
              + "(\(logged.count) phone changes in the change log), WAL bytes at each kill: \(walBytesAtKill), "
              + "integrity_check ok")
    }

    private func contactPhone(_ server: PanelServerProcess) throws -> String {
        let answer = try server.exchange("GET", "/v1/me/contact", token: server.demoToken)
        return try JSONDecoder().decode(ContactDetails.self, from: answer.body).phone
    }

    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    /// One statement through the sqlite3 command-line shell; its output, trimmed.
    static func sqlite(_ database: String, _ statement: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database, statement]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
