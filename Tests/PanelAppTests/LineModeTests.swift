#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PanelClient
import PanelModels
import TerminalUI
import Testing
@testable import PanelApp

/// Line mode's text and its decisions, without a server: the binaries are driven end to end in
/// EndToEndTests/LineModeEndToEndTests.swift.
@Suite struct LineModeTests {
    // MARK: - Fixtures

    static let preferences = MessagePreferences(
        topics: [
            MessageTopic(id: "partner_updates", label: LocalizedText(tr: "İş ortağı", en: "Partner updates"),
                         description: LocalizedText(tr: "", en: ""), required: false),
            MessageTopic(id: "security_notices", label: LocalizedText(tr: "Güvenlik", en: "Security notices"),
                         description: LocalizedText(tr: "", en: ""), required: true,
                         requiredReason: LocalizedText(tr: "Kapatılamaz.", en: "Cannot be turned off.")),
        ],
        channels: [MessageChannel(id: "email", label: LocalizedText(tr: "E-posta", en: "E-mail")),
                   MessageChannel(id: "sms", label: LocalizedText(tr: "SMS", en: "SMS"))],
        preferences: [
            MessagePreference(topic: "partner_updates", channel: "email", optedIn: true),
            MessagePreference(topic: "partner_updates", channel: "sms", optedIn: false,
                              effectiveFrom: Timestamp(rfc3339: "2026-11-28T21:00:00Z")),
            MessagePreference(topic: "security_notices", channel: "email", optedIn: true, required: true),
            MessagePreference(topic: "security_notices", channel: "sms", optedIn: true, required: true),
        ],
        history: [MessagePreferenceChange(at: Timestamp(rfc3339: "2026-11-25T10:00:00Z")!, topic: "partner_updates",
                                          channel: "sms", optedIn: false, source: .link,
                                          effectiveFrom: Timestamp(rfc3339: "2026-11-28T21:00:00Z"))])

    static func preferences(smsOn: Bool) -> MessagePreferences {
        var copy = preferences
        copy.preferences[1].optedIn = smsOn
        return copy
    }

    // MARK: - Text

    @Test func theGridPutsTopicsInRowsAndChannelsInAlignedColumns() {
        let lines = LineText(language: .en).grid(Self.preferences)
        #expect(lines == [
            "                  E-mail    SMS",
            "Partner updates   on        off",
            "Security notices  required  required",
        ])
    }

    @Test func messagesSayFromWhenARefusalAppliesWhyANoticeIsRequiredAndTheHistoryInTurkish() {
        let lines = LineText(language: .tr).preferences(Self.preferences)
        #expect(lines.contains("  İş ortağı · SMS: kapalı, 29.11.2026 00:00 itibarıyla geçerli"))
        #expect(lines.contains("  Güvenlik: Kapatılamaz."))
        #expect(lines.contains("  konular: partner_updates, security_notices"))
        #expect(lines.contains(
            "  25.11.2026 13:00  İş ortağı · SMS: kapalı, 29.11.2026 00:00 itibarıyla geçerli (ret bağlantısıyla)"))
    }

    @Test func serverTextCannotDriveTheTerminal() {
        var hostile = Self.preferences
        hostile.topics[0].label.en = "Partner\u{1B}[2J\u{1B}]0;owned\u{07} \u{202E}updates\u{9B}31m"
        let output = LineText(language: .en).preferences(hostile).map(LineText.inert).joined(separator: "\n")
        #expect(!output.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(!output.unicodeScalars.contains { (0x80..<0xA0).contains($0.value) || $0 == "\u{202E}" })
        #expect(output.contains("Partner␛[2J␛]0;owned␇ �updates�31m"))
    }

    @Test func thePolicyIsItsMarkdownLineByLineUnderTitleVersionAndDate() {
        let document = PolicyDocument(id: .privacy, language: .en, title: "Privacy Policy", version: "2026.1",
                                      effectiveDate: "2026-11-01", body: "# Privacy\r\n\n- one\n\tindented")
        let lines = LineText(language: .en).policy(document)
        #expect(lines == ["Privacy Policy", "Version 2026.1 · effective 2026-11-01", "", "# Privacy", "", "- one",
                          "\tindented"])
        #expect(LineText.inert(lines[6]) == "    indented")
    }

    @Test func jsonForATerminalEscapesWhatWouldActOnItAndStillMeansTheSameText() throws {
        struct Holder: Codable, Equatable { var text: String }
        let original = Holder(text: "Ayşe \u{9B}2J \u{202E}evil \u{2028} İğüş 😀")
        let encoded = String(decoding: try JSONEncoder().encode(original), as: UTF8.self)
        let inert = LineText.inertJSON(encoded)
        #expect(inert.contains("\\u009b2J"))
        #expect(inert.contains("\\u202eevil"))
        #expect(inert.contains("İğüş 😀"))
        #expect(inert.unicodeScalars.allSatisfy { $0 == "\n" || InertText.isInert($0) })
        #expect(try JSONDecoder().decode(Holder.self, from: Data(inert.utf8)) == original)
    }

    // MARK: - Exit statuses

    @Test func eachKindOfFailureHasItsOwnExitStatus() {
        let refused = APIFailure.problem(Problem(title: "", status: 401, code: ProblemCode.invalidCredentials))
        let locked = APIFailure.problem(Problem(title: "", status: 429, code: ProblemCode.tooManyAttempts))
        let broken = APIFailure.problem(Problem(title: "", status: 500, code: ProblemCode.internalError))
        let unreachable = APIFailure.transport(.connectionRefused(host: "127.0.0.1"))
        #expect(LineModeError(refused, language: .en).status == ExitStatus.signInRefused)
        #expect(LineModeError(locked, language: .en).status == ExitStatus.signInRefused)
        #expect(LineModeError(broken, language: .en).status == ExitStatus.failure)
        #expect(LineModeError(unreachable, language: .tr).status == ExitStatus.unreachable)
        #expect(LineModeError(unreachable, language: .tr).message.contains("bağlanılamadı"))
        #expect(LineModeError(TransportError.insecureURL(host: "example.com"), language: .en).status == ExitStatus.usage)
        #expect(Set([ExitStatus.success, ExitStatus.failure, ExitStatus.signInRefused, ExitStatus.unreachable,
                     ExitStatus.usage]).count == 5)
    }

    // MARK: - messages set

    @Test func aStaleETagIsRetriedOnceWithTheFreshOne() throws {
        var sent: [String] = []
        let setting = MessagePreferenceSetting(topic: "partner_updates", channel: "sms", optedIn: true)
        let (cell, changed) = try LineMode.change(setting, Self.preferences, etag: "\"v1\"", language: .en) { etag in
            sent.append(etag)
            if sent.count == 1 {
                return .conflict(Conflict(problem: Problem(title: "", status: 412, code: ProblemCode.preconditionFailed),
                                          current: Self.preferences, etag: "\"v2\""))
            }
            return .success(Self.preferences(smsOn: true), etag: "\"v3\"")
        }
        #expect(sent == ["\"v1\"", "\"v2\""])
        #expect(cell.optedIn && changed)
    }

    @Test func aSecondConflictIsAFailureNotALoop() {
        var attempts = 0
        let setting = MessagePreferenceSetting(topic: "partner_updates", channel: "sms", optedIn: true)
        let conflict = APIResult<MessagePreferences>.conflict(Conflict(
            problem: Problem(title: "", status: 412, code: ProblemCode.preconditionFailed),
            current: Self.preferences, etag: "\"v9\""))
        #expect(throws: LineModeError.self) {
            try LineMode.change(setting, Self.preferences, etag: "\"v1\"", language: .en) { _ in
                attempts += 1
                return conflict
            }
        }
        #expect(attempts == 2)
    }

    @Test func aConflictThatAlreadyMadeTheChangeSendsNothingMore() throws {
        var attempts = 0
        let setting = MessagePreferenceSetting(topic: "partner_updates", channel: "sms", optedIn: true)
        let (cell, changed) = try LineMode.change(setting, Self.preferences, etag: "\"v1\"", language: .en) { _ in
            attempts += 1
            return .conflict(Conflict(problem: Problem(title: "", status: 412, code: ProblemCode.preconditionFailed),
                                      current: Self.preferences(smsOn: true), etag: "\"v2\""))
        }
        #expect(attempts == 1)
        #expect(cell.optedIn && changed)
    }

    @Test func aCellAlreadyAsAskedIsNotSent() throws {
        let setting = MessagePreferenceSetting(topic: "partner_updates", channel: "email", optedIn: true)
        let (_, changed) = try LineMode.change(setting, Self.preferences, etag: "\"v1\"", language: .en) { _ in
            Issue.record("nothing should be sent")
            return .failure(.transport(.timeout))
        }
        #expect(!changed)
    }

    @Test func theServersRefusalOfARequiredTopicIsSaidInTheClientsWords() {
        let setting = MessagePreferenceSetting(topic: "partner_updates", channel: "sms", optedIn: true)
        let refusal = APIFailure.problem(Problem(
            title: "", status: 422, code: ProblemCode.validationFailed,
            errors: [FieldError(field: "preferences.partner_updates.sms", code: FieldErrorCode.requiredTopic,
                                message: "required")]))
        do {
            _ = try LineMode.change(setting, Self.preferences, etag: "\"v1\"", language: .tr) { _ in .failure(refusal) }
            Issue.record("expected a refusal")
        } catch {
            #expect(error.message == "Zorunlu bildirim, kapatılamaz")
            #expect(error.status == ExitStatus.failure)
        }
    }
}
