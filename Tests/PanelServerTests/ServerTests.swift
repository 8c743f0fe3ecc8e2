import Foundation
import HummingbirdTesting
import Logging
import PanelModels
import Testing

@testable import PanelServer

@Suite struct PolicyTests {
    @Test func bothPoliciesAreServedInBothLanguagesTurkishByDefault() async throws {
        let harness = try Harness()
        try await harness.run { api in
            let list = try await api.call(.get, "/v1/policies").decode(PolicyList.self)
            #expect(list.policies.map(\.id) == [.privacy, .cookies])
            #expect(list.policies[0].title.tr == "Gizlilik Politikası")
            for id in ["privacy", "cookies"] {
                for lang in ["tr", "en"] {
                    let doc = try await api.call(.get, "/v1/policies/\(id)?lang=\(lang)").decode(PolicyDocument.self)
                    #expect(
                        doc.language.rawValue == lang && doc.effectiveDate == "2026-11-01" && doc.body.hasPrefix("# "))
                }
            }
            let turkish = try await api.call(.get, "/v1/policies/cookies").decode(PolicyDocument.self)
            #expect(turkish.language == .tr && turkish.body.contains("teknik çerezler"))
            #expect(try await api.call(.get, "/v1/policies/cookies?lang=de").status == 400)
            #expect(try await api.call(.get, "/v1/policies/terms").status == 404)
        }
    }

    @Test func theBundledTextsStateThePolicysFacts() {
        let privacy = PolicyLibrary.bundled.document(.privacy, .en).body
        for fact in [
            "name", "fax", "billing address", "IP addresses", "never", "anonymous", "virtual POS",
            "free of charge", "reject link", "Cookie Policy", "password",
        ] {
            #expect(privacy.contains(fact), "\(fact)")
        }
        let cookies = PolicyLibrary.bundled.document(.cookies, .tr).body
        #expect(cookies.contains("teknik çerezler") && cookies.contains("asla"))
    }

    @Test func anOperatorsFolderReplacesTheTextsAndAMissingFileIsAClearError() async throws {
        try await withTemporaryDirectory { dir in
            for id in ["privacy", "cookies"] {
                for lang in ["tr", "en"] {
                    let text =
                        "---\ntitle: Policy \(id) \(lang)\nversion: 7\neffective_date: 2027-01-02\n---\nBody \(lang)\n"
                    try text.write(toFile: "\(dir)/\(id).\(lang).md", atomically: true, encoding: .utf8)
                }
            }
            let library = try PolicyLibrary.load(directory: dir)
            let doc = library.document(.cookies, .en)
            #expect(doc.title == "Policy cookies en" && doc.version == "7" && doc.effectiveDate == "2027-01-02")
            #expect(doc.body == "Body en\n")
            try FileManager.default.removeItem(atPath: "\(dir)/privacy.en.md")
            #expect(throws: PolicyLibrary.LoadError.self) { try PolicyLibrary.load(directory: dir) }
            try "no front matter".write(toFile: "\(dir)/privacy.en.md", atomically: true, encoding: .utf8)
            let error = try #require(throws: PolicyLibrary.LoadError.self) { try PolicyLibrary.load(directory: dir) }
            #expect(error.description.contains("privacy.en.md"))
        }
    }
}

@Suite struct DataReportTests {
    @Test func theReportListsEveryCategoryWithPurposeAndRetentionAndWhatIsNotStored() async throws {
        let harness = try Harness()
        try await harness.run { api in
            let token = try await api.token()
            let report = try await api.call(.get, "/v1/me/data", token: token).decode(DataReport.self)
            #expect(
                report.categories.map(\.id) == [
                    "identity", "contact", "addresses", "billing", "credentials",
                    "message_preferences", "change_log", "ip_log", "support_threads",
                    "sessions",
                ])
            #expect(report.categories.allSatisfy { !$0.purpose.tr.isEmpty && !$0.retention.en.isEmpty })
            #expect(report.notStored.map(\.id) == ["card_data", "anonymous_statistics"])
            #expect(report.supportThreads.count == 3)
            #expect(report.sessions.filter(\.current).count == 1)
            #expect(report.categories.first { $0.id == "ip_log" }?.count == report.ipLog.count)
            #expect(!report.changeLog.isEmpty && report.messagePreferences.history.count >= 3)
        }
    }

    @Test func theExportIsAnAttachmentAndIsLogged() async throws {
        let harness = try Harness()
        try await harness.run { api in
            let token = try await api.token()
            let export = try await api.call(.get, "/v1/me/data/export", token: token)
            #expect(export.header("Content-Disposition") == "attachment; filename=\"haker-panel-data-HK-100231.json\"")
            #expect(try export.decode(DataReport.self).customerNumber == "HK-100231")
            let report = try await api.call(.get, "/v1/me/data", token: token).decode(DataReport.self)
            #expect(report.ipLog.first?.action == "export")
        }
    }
}

@Suite struct PersistenceTests {
    @Test func aRestartKeepsEverySavedChangeAndItsChangeLogEntry() async throws {
        try await withTemporaryDirectory { dir in
            let path = "\(dir)/panel.sqlite"
            let clock = TestClock()
            let first = try Harness(databasePath: path, clock: clock)
            try await first.run { api in
                let token = try await api.token()
                let (contact, cTag) = try await api.tagged("/v1/me/contact", ContactDetails.self, token: token)
                var c = contact
                c.phone = "0533 444 55 66"
                #expect(
                    try await api.call(.put, "/v1/me/contact", token: token, headers: ["If-Match": cTag], json: c)
                        .status == 200)
                let (billing, bTag) = try await api.tagged("/v1/me/billing", BillingProfile.self, token: token)
                var b = billing
                b.eInvoiceEmail = "e@example.com"
                #expect(
                    try await api.call(.put, "/v1/me/billing", token: token, headers: ["If-Match": bTag], json: b)
                        .status == 200)
                let (_, pTag) = try await api.tagged(
                    "/v1/me/message-preferences", MessagePreferences.self, token: token)
                let refuse = MessagePreferencesUpdate(preferences: [
                    .init(
                        topic: "partner_updates", channel: "sms",
                        optedIn: false)
                ])
                #expect(
                    try await api.call(
                        .put, "/v1/me/message-preferences", token: token, headers: ["If-Match": pTag],
                        json: refuse
                    ).status == 200)
            }
            // A second server on the same file: the seed finds the customers and adds nothing.
            let second = try Harness(databasePath: path, clock: clock)
            #expect(second.server.demoRejectLinks.isEmpty)
            try await second.run { api in
                let token = try await api.token()
                #expect(
                    try await api.call(.get, "/v1/me/contact", token: token).decode(ContactDetails.self).phone
                        == "+905334445566")
                #expect(
                    try await api.call(.get, "/v1/me/billing", token: token).decode(BillingProfile.self)
                        .eInvoiceEmail == "e@example.com")
                let report = try await api.call(.get, "/v1/me/data", token: token).decode(DataReport.self)
                let today = report.changeLog.filter { $0.at == clock.now }
                #expect(Set(today.map(\.resource)) == ["contact", "billing", "message_preferences"])
                #expect(
                    report.messagePreferences.preferences.first {
                        $0.topic == "partner_updates" && $0.channel == "sms"
                    }?.optedIn == false)
            }
        }
    }

    @Test func theChangeLogRefusesEdits() async throws {
        let harness = try Harness()
        await #expect(throws: (any Error).self) {
            try await harness.store.db.write { db in try db.execute(sql: "UPDATE change_log SET actor = 'system'") }
        }
    }
}

@Suite struct ProtocolTests {
    @Test func unknownPathsAre404AndWrongMethods405WithAllow() async throws {
        let harness = try Harness()
        try await harness.run { api in
            let missing = try await api.call(.get, "/v2/nothing")
            #expect(missing.status == 404 && missing.problem?.code == ProblemCode.notFound)
            #expect(missing.header("Content-Type") == "application/problem+json")
            let wrong = try await api.call(.patch, "/v1/me/contact")
            #expect(wrong.status == 405 && wrong.header("Allow") == "GET, PUT")
            #expect(wrong.problem?.code == ProblemCode.methodNotAllowed)
            #expect(try await api.call(.get, "/healthz").text == "{\"status\":\"ok\"}")
        }
    }

    @Test func theClientAddressComesFromTheSocketUnlessTheTrustedProxyForwardsIt() {
        let plain = ClientAddress(trustedProxy: nil)
        #expect(plain.resolve(socketIP: "198.51.100.4", forwardedFor: "1.2.3.4") == "198.51.100.4")
        let proxied = ClientAddress(trustedProxy: "10.0.0.1")
        #expect(proxied.resolve(socketIP: "10.0.0.1", forwardedFor: "1.2.3.4, 203.0.113.7") == "203.0.113.7")
        #expect(proxied.resolve(socketIP: "10.0.0.2", forwardedFor: "203.0.113.7") == "10.0.0.2")
        #expect(proxied.resolve(socketIP: "10.0.0.1", forwardedFor: "garbage") == "10.0.0.1")
        #expect(proxied.resolve(socketIP: "::ffff:10.0.0.1", forwardedFor: "2001:db8::1") == "2001:db8::1")
    }

    @Test func logsCarryOnlyMaskedAddresses() {
        #expect(IPAddressText.masked("203.0.113.77") == "203.0.113.x")
        #expect(IPAddressText.masked("2001:db8:abcd:12:3456:789a:bcde:f012") == "2001:db8:abcd::/48")
        #expect(IPAddressText.masked(nil) == "-")
        #expect(IPAddressText.masked("not an address") == "-")
    }

    @Test func theRequestLogNeverHoldsAPasswordATokenOrAFullAddress() async throws {
        let capture = LogCapture()
        let harness = try Harness(trustedProxy: "127.0.0.1", logger: capture.logger)
        let link = try harness.rejectToken(topic: "partner_updates", channel: "email")
        let token = try await harness.run(.live) { api in
            let headers = ["X-Forwarded-For": "203.0.113.77"]
            _ = try await api.signIn(Harness.demoEmail, "wrong-secret", headers: headers)
            let token = try await api.token()
            _ = try await api.call(.get, "/v1/me", token: token, headers: headers)
            // A save with personal data and a password in the body: none of it reaches the log.
            let (contact, etag) = try await api.tagged("/v1/me/contact", ContactDetails.self, token: token)
            var edited = contact
            edited.email = "secret-new@example.com"
            edited.phone = "+905339998877"
            edited.currentPassword = "wrong-current-password"
            let refused = try await api.call(
                .put, "/v1/me/contact", token: token, headers: headers.merging(["If-Match": etag]) { a, _ in a },
                json: edited)
            #expect(refused.status == 422)
            _ = try await api.call(.get, "/v1/unsubscribe/\(link)")
            _ = try await api.call(.post, "/v1/unsubscribe/\(link)")
            return token
        }
        let lines = capture.lines.withLock { $0 }
        #expect(lines.count >= 6)
        #expect(lines.contains { $0.contains("GET /v1/me 200") && $0.contains("ip=203.0.113.x") })
        #expect(lines.contains { $0.contains("PUT /v1/me/contact 422") })
        for secret in [
            "wrong-secret", Harness.password, token, link, "203.0.113.77", "wrong-current-password",
            "secret-new@example.com", "+905339998877", "Atatürk",
        ] {
            #expect(!lines.contains { $0.contains(secret) }, "\(secret)")
        }
        // The test client's own address (the proxy's, here) is masked too.
        #expect(!lines.filter { $0.contains("ip=") }.contains { $0.contains("127.0.0.1") })
    }
}
