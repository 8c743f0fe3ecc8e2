import Foundation
import HummingbirdTesting
import PanelModels
import Testing

@testable import PanelServer

@Suite struct RefusalScheduleTests {
    private func at(_ text: String) throws -> Timestamp { try #require(Timestamp(rfc3339: text)) }

    @Test func aRefusalAppliesFromTheStartOfTheNextBusinessDayInTurkey() throws {
        // Wednesday 13:00 in Turkey → Thursday 00:00 in Turkey (Wednesday 21:00 UTC).
        #expect(
            RefusalSchedule.effectiveFrom(refusedAt: try at("2026-11-25T10:00:00Z")).rfc3339 == "2026-11-25T21:00:00Z")
        // Wednesday 22:30 UTC is already Thursday 01:30 in Turkey → Friday 00:00.
        #expect(
            RefusalSchedule.effectiveFrom(refusedAt: try at("2026-11-25T22:30:00Z")).rfc3339 == "2026-11-26T21:00:00Z")
        // Friday, Saturday and Sunday → Monday 00:00 in Turkey.
        for day in ["2026-11-27T09:00:00Z", "2026-11-28T09:00:00Z", "2026-11-29T20:59:59Z"] {
            #expect(RefusalSchedule.effectiveFrom(refusedAt: try at(day)).rfc3339 == "2026-11-29T21:00:00Z", "\(day)")
        }
    }

    @Test func noRefusalWaitsLongerThanThreeBusinessDays() {
        var t = Timestamp(seconds: 1_795_600_800)
        for _ in 0..<(14 * 24) {
            let wait = RefusalSchedule.effectiveFrom(refusedAt: t).seconds - t.seconds
            #expect(wait > 0 && wait <= 3 * 86_400)
            t = t.adding(seconds: 3600)
        }
    }
}

@Suite struct MessagePreferenceTests {
    @Test func theGridHasEveryTopicAndChannelWithRequiredNoticesAlwaysOn() async throws {
        let harness = try Harness()
        try await harness.run { api in
            let token = try await api.token()
            let (prefs, _) = try await api.tagged("/v1/me/message-preferences", MessagePreferences.self, token: token)
            #expect(
                prefs.topics.map(\.id) == ["service_updates", "partner_updates", "security_notices", "billing_notices"])
            #expect(prefs.channels.map(\.id) == ["email", "sms", "phone"])
            #expect(prefs.preferences.count == 12)
            #expect(prefs.preferences.filter(\.required).allSatisfy { $0.optedIn })
            #expect(prefs.topics.allSatisfy { !$0.label.tr.isEmpty && !$0.description.en.isEmpty })
            #expect(prefs.history.map(\.source).contains(.link))
        }
    }

    @Test func aRefusalIsRecordedWithItsEffectiveDateAndOptingBackInIsImmediate() async throws {
        let harness = try Harness()
        try await harness.run { api in
            let token = try await api.token()
            let (_, etag) = try await api.tagged("/v1/me/message-preferences", MessagePreferences.self, token: token)
            let refuse = MessagePreferencesUpdate(preferences: [
                MessagePreferenceSetting(topic: "service_updates", channel: "email", optedIn: false)
            ])
            let missing = try await api.call(.put, "/v1/me/message-preferences", token: token, json: refuse)
            #expect(missing.status == 428)
            let saved = try await api.call(
                .put, "/v1/me/message-preferences", token: token,
                headers: ["If-Match": etag], json: refuse)
            #expect(saved.status == 200)
            let prefs = try saved.decode(MessagePreferences.self)
            let cell = try #require(prefs.preferences.first { $0.topic == "service_updates" && $0.channel == "email" })
            #expect(!cell.optedIn)
            #expect(cell.effectiveFrom?.rfc3339 == "2026-11-25T21:00:00Z")
            #expect(
                prefs.history.first
                    == MessagePreferenceChange(
                        at: harness.clock.now, topic: "service_updates",
                        channel: "email", optedIn: false, source: .terminal,
                        effectiveFrom: cell.effectiveFrom))
            let stale = try await api.call(
                .put, "/v1/me/message-preferences", token: token,
                headers: ["If-Match": etag], json: refuse)
            #expect(stale.status == 412)
            _ = try stale.decode(ConflictCurrent<MessagePreferences>.self)

            harness.clock.advance(minutes: 5)
            let optIn = MessagePreferencesUpdate(preferences: [
                MessagePreferenceSetting(topic: "service_updates", channel: "email", optedIn: true)
            ])
            let back = try await api.call(
                .put, "/v1/me/message-preferences", token: token,
                headers: ["If-Match": try #require(saved.header("ETag"))], json: optIn)
            let again = try back.decode(MessagePreferences.self)
            let cellAgain = try #require(
                again.preferences.first { $0.topic == "service_updates" && $0.channel == "email" })
            #expect(cellAgain.optedIn && cellAgain.effectiveFrom == nil)
            #expect(again.history.first?.effectiveFrom == nil && again.history.first?.optedIn == true)
            let log = try await api.call(.get, "/v1/me/data", token: token).decode(DataReport.self).changeLog
            #expect(log.prefix(2).allSatisfy { $0.resource == "message_preferences" })
        }
    }

    @Test func requiredTopicsAndUnknownNamesAre422sAtTheirCells() async throws {
        let harness = try Harness()
        try await harness.run { api in
            let token = try await api.token()
            let (_, etag) = try await api.tagged("/v1/me/message-preferences", MessagePreferences.self, token: token)
            let bad = MessagePreferencesUpdate(preferences: [
                MessagePreferenceSetting(topic: "security_notices", channel: "sms", optedIn: false),
                MessagePreferenceSetting(topic: "billing_notices", channel: "email", optedIn: true),
                MessagePreferenceSetting(topic: "lottery", channel: "email", optedIn: false),
                MessagePreferenceSetting(topic: "service_updates", channel: "pigeon", optedIn: false),
            ])
            let answer = try await api.call(
                .put, "/v1/me/message-preferences", token: token,
                headers: ["If-Match": etag], json: bad)
            #expect(answer.status == 422)
            #expect(
                answer.fieldCodes == [
                    "preferences.security_notices.sms": FieldErrorCode.requiredTopic,
                    "preferences.lottery.email": FieldErrorCode.unknownTopic,
                    "preferences.service_updates.pigeon": FieldErrorCode.unknownChannel,
                ])
        }
    }
}

@Suite struct RejectLinkTests {
    @Test func openingTheLinkChangesNothingAndPostingRefusesOnce() async throws {
        let harness = try Harness()
        let token = try harness.rejectToken(topic: "service_updates", channel: "sms")
        try await harness.run { api in
            let page = try await api.call(.get, "/v1/unsubscribe/\(token)", headers: ["Accept": "text/html"])
            #expect(page.status == 200)
            #expect(page.text.contains("Hizmet bilgilendirmeleri") && page.text.contains("Service updates"))
            #expect(page.header("Referrer-Policy") == "no-referrer")
            let json = try await api.call(.get, "/v1/unsubscribe/\(token)")
            let now = try json.decode(MessagePreference.self)
            #expect(now.topic == "service_updates" && now.channel == "sms" && now.optedIn)
            let session = try await api.token()
            let before = try await api.call(.get, "/v1/me/message-preferences", token: session)
                .decode(MessagePreferences.self)
            #expect(before.preferences.first { $0.topic == "service_updates" && $0.channel == "sms" }?.optedIn == true)

            let refused = try await api.call(
                .post, "/v1/unsubscribe/\(token)",
                headers: ["Content-Type": "application/x-www-form-urlencoded"],
                raw: "List-Unsubscribe=One-Click")
            #expect(refused.status == 200)
            let cell = try refused.decode(MessagePreference.self)
            #expect(!cell.optedIn && cell.effectiveFrom != nil)
            let after = try await api.call(.get, "/v1/me/message-preferences", token: session)
                .decode(MessagePreferences.self)
            #expect(after.history.first?.source == .link)

            let used = try await api.call(.post, "/v1/unsubscribe/\(token)")
            #expect(used.status == 410 && used.problem?.code == ProblemCode.gone)
            #expect(try await api.call(.get, "/v1/unsubscribe/\(token)").status == 410)
            let usedPage = try await api.call(.get, "/v1/unsubscribe/\(token)", headers: ["Accept": "text/html"])
            #expect(usedPage.status == 410 && usedPage.text.contains("already been used"))
        }
    }

    @Test func anUnknownLinkIs404() async throws {
        let harness = try Harness()
        try await harness.run { api in
            let unknown = String(repeating: "A", count: 43)
            for token in [unknown, "short", "%2E%2E"] {
                let answer = try await api.call(.post, "/v1/unsubscribe/\(token)")
                #expect(answer.status == 404 && answer.problem?.code == ProblemCode.notFound, "\(token)")
            }
            let page = try await api.call(.get, "/v1/unsubscribe/\(unknown)", headers: ["Accept": "text/html"])
            #expect(page.status == 404 && page.text.contains("not valid"))
        }
    }
}
