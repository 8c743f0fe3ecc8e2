import PanelClient
import PanelModels
import Testing
import TerminalUI
@testable import PanelApp

/// The demo customer's grid: service updates refused by phone, everything else received; security
/// and billing notices required.
enum MessagesSample {
    static let topics = [
        MessageTopic(id: "service_updates", label: LocalizedText(tr: "Hizmet bilgilendirmeleri", en: "Service updates"),
                     description: LocalizedText(tr: "Hizmetlerinizdeki değişiklikler ve bakım duyuruları.",
                                                en: "Changes to and maintenance of your services."),
                     required: false),
        MessageTopic(id: "partner_updates",
                     label: LocalizedText(tr: "İş ortağı bilgilendirmeleri", en: "Partner updates"),
                     description: LocalizedText(tr: "İş ortaklarının hizmetleriyle ilgili duyurular.",
                                                en: "News about the services of Haker's partners."),
                     required: false),
        MessageTopic(id: "security_notices", label: LocalizedText(tr: "Güvenlik bildirimleri", en: "Security notices"),
                     description: LocalizedText(tr: "Hesabınızın güvenliğiyle ilgili uyarılar.",
                                                en: "Warnings about the security of your account."),
                     required: true,
                     requiredReason: LocalizedText(tr: "Hesabınızı korumak için gönderilir; kapatılamaz.",
                                                   en: "Sent to protect your account; cannot be turned off.")),
        MessageTopic(id: "billing_notices", label: LocalizedText(tr: "Fatura bildirimleri", en: "Billing notices"),
                     description: LocalizedText(tr: "Faturalar ve ödemeler.", en: "Invoices and payments."),
                     required: true,
                     requiredReason: LocalizedText(tr: "Sözleşmenin yürütülmesi için gereklidir; kapatılamaz.",
                                                   en: "Needed to perform the contract; cannot be turned off.")),
    ]
    static let channels = [
        MessageChannel(id: "email", label: LocalizedText(tr: "E-posta", en: "E-mail")),
        MessageChannel(id: "sms", label: LocalizedText(tr: "SMS", en: "SMS")),
        MessageChannel(id: "phone", label: LocalizedText(tr: "Telefon araması", en: "Phone call")),
    ]
    /// 2026-10-12T21:00:00Z: 13.10.2026 00:00 in Turkey.
    static let phoneRefusal = Timestamp(rfc3339: "2026-10-12T21:00:00Z")!
    /// 2026-11-26T21:00:00Z: 27.11.2026 00:00 in Turkey.
    static let nextBusinessDay = Timestamp(rfc3339: "2026-11-26T21:00:00Z")!

    static let history = [
        MessagePreferenceChange(at: Timestamp(rfc3339: "2026-11-14T01:22:00Z")!, topic: "partner_updates",
                                channel: "email", optedIn: true, source: .support),
        MessagePreferenceChange(at: Timestamp(rfc3339: "2026-10-12T01:22:00Z")!, topic: "service_updates",
                                channel: "phone", optedIn: false, source: .terminal, effectiveFrom: phoneRefusal),
        MessagePreferenceChange(at: Timestamp(rfc3339: "2026-07-29T01:22:00Z")!, topic: "partner_updates",
                                channel: "sms", optedIn: true, source: .link),
    ]

    /// The grid with some cells set otherwise (`[cell: (opted in, effective from)]`).
    static func preferences(_ overrides: [MessagesScreen.Cell: (Bool, Timestamp?)] = [:],
                            history: [MessagePreferenceChange] = history) -> MessagePreferences {
        var cells: [MessagePreference] = []
        for topic in topics {
            for channel in channels {
                let cell = MessagesScreen.Cell(topic: topic.id, channel: channel.id)
                var preference = MessagePreference(topic: topic.id, channel: channel.id, optedIn: true,
                                                   required: topic.required)
                if cell == phone {
                    preference.optedIn = false
                    preference.effectiveFrom = phoneRefusal
                }
                if let (on, from) = overrides[cell] {
                    preference.optedIn = on
                    preference.effectiveFrom = from
                }
                cells.append(preference)
            }
        }
        return MessagePreferences(topics: topics, channels: channels, preferences: cells, history: history)
    }

    static let partnerSMS = MessagesScreen.Cell(topic: "partner_updates", channel: "sms")
    static let partnerEmail = MessagesScreen.Cell(topic: "partner_updates", channel: "email")
    static let serviceEmail = MessagesScreen.Cell(topic: "service_updates", channel: "email")
    static let phone = MessagesScreen.Cell(topic: "service_updates", channel: "phone")
    static let securityEmail = MessagesScreen.Cell(topic: "security_notices", channel: "email")
}

@Suite struct MessagesScreenTests {
    typealias Cell = MessagesScreen.Cell

    static func context(_ language: Language = .tr, width: Int = 80, height: Int = 21) -> ScreenContext {
        ScreenContext(language: language, bodySize: Size(width: width, height: height))
    }

    /// The screen opened and loaded with `preferences` (ETag `"v1"`).
    static func opened(_ preferences: MessagePreferences = MessagesSample.preferences(),
                       _ language: Language = .tr) -> MessagesScreen {
        var screen = MessagesScreen()
        _ = screen.open(context(language))
        _ = screen.receive(.reply(.messagePreferences, .messagePreferences(.success(preferences, etag: "\"v1\""))),
                           context(language))
        return screen
    }

    static func lines(_ screen: MessagesScreen, _ language: Language = .tr, width: Int = 80,
                      height: Int = 21) -> [String] {
        var canvas = Canvas(size: Size(width: width, height: height))
        _ = screen.render(in: canvas.bounds, into: &canvas, context(language, width: width, height: height))
        return canvas.lines()
    }

    @discardableResult
    static func press(_ screen: inout MessagesScreen, _ keys: Key..., language: Language = .tr) -> [Effect] {
        var effects: [Effect] = []
        for key in keys {
            if case .handled(let more) = screen.handle(key, context(language)) { effects += more }
        }
        return effects
    }

    /// Focus on partner updates · SMS (row 1, column 1) and refuse it, then review and confirm.
    static func refusePartnerSMSAndSave(_ screen: inout MessagesScreen) -> [Effect] {
        press(&screen, .down, .right, .character(" "), .function(2))
        return press(&screen, .enter)
    }

    static let partnerSMSOff = MessagesScreen.Cell(topic: "partner_updates", channel: "sms")

    static func saveCall(_ cells: [(Cell, Bool)], etag: String) -> Effect {
        .call(.saveMessagePreferences(MessagePreferencesUpdate(preferences: cells.map {
            MessagePreferenceSetting(topic: $0.0.topic, channel: $0.0.channel, optedIn: $0.1)
        }), etag: etag))
    }

    // MARK: - Loading

    @Test func openingLoadsThePreferencesAndSaysSo() {
        var screen = MessagesScreen()
        #expect(screen.open(Self.context()) == [.call(.messagePreferences)])
        #expect(screen.busyText(Self.context()) == "Yükleniyor…")
        #expect(Self.lines(screen)[1].contains("Yükleniyor…"))
        #expect(!screen.hasUnsavedChanges)
    }

    @Test func aFailedLoadSaysWhyAndROpensItAgain() {
        var screen = MessagesScreen()
        _ = screen.open(Self.context())
        let failure = APIFailure.transport(.connectionRefused(host: "127.0.0.1"))
        _ = screen.receive(.reply(.messagePreferences, .messagePreferences(.failure(failure))), Self.context())
        #expect(screen.status?.kind == .error)
        #expect(screen.status?.text.contains("r'ye basın") == true)
        #expect(screen.keyHints(Self.context()).map(\.label).contains("r"))
        #expect(Self.press(&screen, .character("r")) == [.call(.messagePreferences)])
        #expect(screen.status == nil)
    }

    @Test func aCancelledLoadSaysHowToTryAgain() {
        var screen = MessagesScreen()
        _ = screen.open(Self.context())
        _ = screen.receive(.cancelled(.messagePreferences), Self.context())
        #expect(screen.status?.kind == .warning)
        #expect(screen.status?.text.contains("r.") == true)
    }

    // MARK: - The grid

    @Test func theGridShowsTopicsChannelsLockedNoticesAndTheLegendAt80x24() {
        let screen = Self.opened()
        let lines = Self.lines(screen)
        #expect(lines[0].contains("E-posta") && lines[0].contains("SMS") && lines[0].contains("Telefon araması"))
        #expect(lines[1].hasPrefix("  > Hizmet bilgilendirmeleri"))
        #expect(lines[1].contains("[x]") && lines[1].contains("[ ]"))
        #expect(lines[2].contains("İş ortağı bilgilendirmeleri"))
        #expect(lines[3].contains("Güvenlik bildirimleri") && lines[3].components(separatedBy: "[#]").count == 4)
        #expect(lines[4].contains("Fatura bildirimleri"))
        #expect(lines[5].contains("[x] alınıyor") && lines[5].contains("[#] zorunlu"))
        #expect(lines.contains { $0.contains("Reddetmek ücretsizdir") })
        #expect(lines.allSatisfy { DisplayWidth.of($0) == 80 })
    }

    @Test func focusStartsOnTheFirstCellThatCanBeChanged() {
        var preferences = MessagesSample.preferences()
        preferences.topics = Array(MessagesSample.topics.reversed())
        let screen = Self.opened(preferences)
        #expect(screen.focusedCell == Cell(topic: "partner_updates", channel: "email"))
    }

    @Test func spaceRefusesAMessageAndMarksItUnsavedUntilSaved() {
        var screen = Self.opened()
        Self.press(&screen, .down, .right, .character(" "))
        #expect(screen.value(of: MessagesSample.partnerSMS) == false)
        #expect(screen.hasUnsavedChanges)
        let lines = Self.lines(screen)
        #expect(lines[2].contains("[ ]*"))
        #expect(lines.contains { $0.contains("SMS: kaydedince, sonraki iş gününden itibaren reddedilir") })
        Self.press(&screen, .character(" "))
        #expect(!screen.hasUnsavedChanges, "toggled back: nothing to save")
    }

    @Test func aRequiredNoticeStaysOnAndTheStatusSaysWhy() {
        var screen = Self.opened()
        Self.press(&screen, .down, .down, .character(" "))
        #expect(screen.value(of: MessagesSample.securityEmail) == true)
        #expect(!screen.hasUnsavedChanges)
        #expect(screen.status == .warning("Güvenlik bildirimleri: Hesabınızı korumak için gönderilir; kapatılamaz."))
        #expect(Self.lines(screen).contains { $0.contains("Zorunlu bildirim: Hesabınızı korumak") })
    }

    @Test func theDetailsSayFromWhenEachRefusalApplies() {
        let screen = Self.opened()
        let lines = Self.lines(screen)
        #expect(lines.contains { $0.contains("Hizmet bilgilendirmeleri: Hizmetlerinizdeki değişiklikler") })
        #expect(lines.contains { $0.contains("Telefon araması: 13.10.2026 00:00'dan itibaren reddedildi") })
        let english = Self.lines(Self.opened(MessagesSample.preferences(), .en), .en)
        #expect(english.contains { $0.contains("Phone call: refused from 13.10.2026 00:00") })
    }

    @Test func longTopicLabelsAreCutWithTheEllipsisNeverOverflowing() {
        var preferences = MessagesSample.preferences()
        preferences.topics[1].label.tr = "Haker'in iş ortaklarının hizmetleri ve sağladıkları mallarla ilgili bilgilendirmeler"
        let screen = Self.opened(preferences)
        let lines = Self.lines(screen)
        #expect(lines[2].contains("…"))
        #expect(lines[2].contains("[x]"), "the toggles keep their room")
        #expect(lines.allSatisfy { DisplayWidth.of($0) == 80 })
    }

    // MARK: - History

    @Test func theHistorySaysWhenWhatAndFromWhere() {
        let lines = Self.lines(Self.opened())
        #expect(lines.contains { $0.contains("Değişiklik geçmişi") })
        let first = try! #require(lines.first { $0.contains("14.11.2026 04:22") })
        #expect(first.contains("İş ortağı bilgilendirmel… · E-posta → açık") && first.contains("Destek"))
        #expect(lines.contains { $0.contains("29.07.2026 04:22") && $0.contains("Ret bağlantısı") })
        #expect(lines.contains { $0.contains("12.10.2026 04:22") && $0.contains("Terminal") })
    }

    @Test func aLongHistoryScrollsWithPageKeysAndWithArrowsOnceTabbedInto() {
        let many = (0..<30).map { day in
            MessagePreferenceChange(at: Timestamp(seconds: 1_790_000_000 - Int64(day) * 86_400), topic: "service_updates",
                                    channel: "sms", optedIn: day % 2 == 0, source: .terminal)
        }
        var screen = Self.opened(MessagesSample.preferences(history: many))
        var lines = Self.lines(screen)
        #expect(lines[13].contains("1-7/30"))
        Self.press(&screen, .pageDown)
        #expect(screen.historyScroll == 6)
        Self.press(&screen, .end, .tab)
        #expect(screen.historyHasFocus)
        Self.press(&screen, .down, .down)
        #expect(screen.historyScroll == 8)
        lines = Self.lines(screen)
        #expect(lines[13].contains("> Değişiklik geçmişi") && lines[13].contains("9-15/30"))
        Self.press(&screen, .end)
        #expect(screen.historyScroll == 23)
        Self.press(&screen, .tab)
        #expect(!screen.historyHasFocus && screen.focusedCell == MessagesSample.serviceEmail)
    }

    // MARK: - Saving

    @Test func saveFirstShowsWhatWillChangeAndEnterSendsOnlyTheChangedCells() {
        var screen = Self.opened()
        Self.press(&screen, .down, .right, .character(" "), .function(2))
        #expect(screen.mode == .reviewing)
        let lines = Self.lines(screen)
        #expect(lines[1].contains("Kaydedilecek değişiklikler"))
        #expect(lines.contains { $0.contains("İş ortağı bilgilendirmeleri · SMS: açık → kapalı  (sonraki iş gününden)") })
        #expect(lines.contains { $0.contains("yasal süre en geç 3 iş") })
        #expect(screen.keyHints(Self.context()).map(\.label) == ["Enter", "Esc"])
        let effects = Self.press(&screen, .enter)
        #expect(effects == [Self.saveCall([(MessagesSample.partnerSMS, false)], etag: "\"v1\"")])
        #expect(screen.busyText(Self.context()) == "Kaydediliyor…")
    }

    @Test func escFromTheReviewGoesBackToTheGridWithTheChangesKept() {
        var screen = Self.opened()
        Self.press(&screen, .down, .right, .character(" "), .ctrl("s"))
        #expect(screen.mode == .reviewing)
        #expect(screen.handle(.escape, Self.context()) == .done)
        #expect(screen.mode == .editing)
        #expect(screen.value(of: MessagesSample.partnerSMS) == false && screen.hasUnsavedChanges)
    }

    @Test func savingWithoutChangesSaysThereIsNothingToSave() {
        var screen = Self.opened()
        #expect(Self.press(&screen, .function(2)).isEmpty)
        #expect(screen.mode == .editing)
        #expect(screen.status?.text == "Değişiklik yok: kaydedilecek bir şey yok.")
    }

    @Test func aSavedRefusalBecomesTheBaselineAndShowsTheServersDateAndTheHistoryEntry() {
        var screen = Self.opened()
        _ = Self.refusePartnerSMSAndSave(&screen)
        let entry = MessagePreferenceChange(at: Timestamp(rfc3339: "2026-11-25T10:00:00Z")!, topic: "partner_updates",
                                            channel: "sms", optedIn: false, source: .terminal,
                                            effectiveFrom: MessagesSample.nextBusinessDay)
        let saved = MessagesSample.preferences([MessagesSample.partnerSMS: (false, MessagesSample.nextBusinessDay)],
                                               history: [entry] + MessagesSample.history)
        let call = APICall.saveMessagePreferences(MessagePreferencesUpdate(preferences: []), etag: "\"v1\"")
        _ = screen.receive(.reply(call, .messagePreferences(.success(saved, etag: "\"v2\""))), Self.context())
        #expect(!screen.hasUnsavedChanges)
        #expect(screen.etag == "\"v2\"")
        #expect(screen.status == .success("Kaydedildi. Ret 27.11.2026 00:00'dan itibaren geçerli."))
        let lines = Self.lines(screen)
        #expect(lines[14].contains("25.11.2026 13:00") && lines[14].contains("İş ortağı bilgilendirmeleri · SMS → kapalı"))
        #expect(lines.contains { $0.contains("SMS: 27.11.2026 00:00'dan itibaren reddedildi") })
        #expect(screen.focusedCell == MessagesSample.partnerSMS, "the focus stays where it was")
        // The next save uses the new ETag.
        Self.press(&screen, .character(" "), .function(2))
        #expect(Self.press(&screen, .enter) == [Self.saveCall([(MessagesSample.partnerSMS, true)], etag: "\"v2\"")])
    }

    @Test func aFieldErrorLandsOnItsCellAndTheGridIsKept() {
        var screen = Self.opened()
        _ = Self.refusePartnerSMSAndSave(&screen)
        let problem = Problem(title: "Invalid", status: 422, code: ProblemCode.validationFailed,
                              errors: [FieldError(field: "preferences.partner_updates.sms",
                                                  code: FieldErrorCode.requiredTopic, message: "cannot be turned off")])
        let call = APICall.saveMessagePreferences(MessagePreferencesUpdate(preferences: []), etag: "\"v1\"")
        Self.press(&screen, .home)
        _ = screen.receive(.reply(call, .messagePreferences(.failure(.problem(problem)))), Self.context())
        #expect(screen.value(of: MessagesSample.partnerSMS) == false && screen.hasUnsavedChanges)
        #expect(screen.status == .error("İş ortağı bilgilendirmeleri · SMS: Zorunlu bildirim, kapatılamaz"))
        #expect(screen.focusedCell == MessagesSample.partnerSMS, "the focus goes to the cell in error")
        let lines = Self.lines(screen)
        #expect(lines[2].contains("[ ]✗"))
        #expect(lines.contains { $0.contains("✗ SMS: Zorunlu bildirim, kapatılamaz") })
        // Changing the cell clears its mark.
        Self.press(&screen, .character(" "))
        #expect(screen.cellErrors.isEmpty)
    }

    @Test func aNetworkFailureKeepsTheGridAndF2TriesAgain() {
        var screen = Self.opened()
        _ = Self.refusePartnerSMSAndSave(&screen)
        let call = APICall.saveMessagePreferences(MessagePreferencesUpdate(preferences: []), etag: "\"v1\"")
        let failure = APIFailure.transport(.connectionRefused(host: "127.0.0.1"))
        _ = screen.receive(.reply(call, .messagePreferences(.failure(failure))), Self.context())
        #expect(screen.value(of: MessagesSample.partnerSMS) == false && screen.hasUnsavedChanges)
        #expect(screen.status?.kind == .error)
        #expect(screen.status?.text.contains("bağlantı reddedildi") == true)
        #expect(screen.status?.text.hasPrefix("Kaydedilmedi, değişiklikleriniz duruyor (F2: yeniden dene).") == true)
        Self.press(&screen, .function(2))
        #expect(Self.press(&screen, .enter) == [Self.saveCall([(MessagesSample.partnerSMS, false)], etag: "\"v1\"")])
    }

    @Test func aServerErrorOrAMalformedReplyKeepsTheGrid() {
        let failures: [APIFailure] = [
            .problem(Problem(title: "Oops", status: 500, code: ProblemCode.internalError)),
            .malformed(MalformedReply(status: 200, mediaType: "text/html", reason: .notJSON)),
        ]
        for failure in failures {
            var screen = Self.opened()
            _ = Self.refusePartnerSMSAndSave(&screen)
            let call = APICall.saveMessagePreferences(MessagePreferencesUpdate(preferences: []), etag: "\"v1\"")
            _ = screen.receive(.reply(call, .messagePreferences(.failure(failure))), Self.context())
            #expect(screen.hasUnsavedChanges && screen.value(of: MessagesSample.partnerSMS) == false)
            #expect(screen.status?.kind == .error && screen.status?.text.contains("F2") == true)
            #expect(screen.saving == nil)
        }
    }

    @Test func aCancelledSaveKeepsTheGridAndSaysSo() {
        var screen = Self.opened()
        let effects = Self.refusePartnerSMSAndSave(&screen)
        guard case .call(let call)? = effects.first else { Issue.record("no call"); return }
        _ = screen.receive(.cancelled(call), Self.context())
        #expect(screen.hasUnsavedChanges && screen.value(of: MessagesSample.partnerSMS) == false)
        #expect(screen.status == .warning("Kaydetme iptal edildi; değişiklikleriniz duruyor. Yeniden denemek için F2."))
    }

    @Test func togglingWaitsWhileASaveIsInFlight() {
        var screen = Self.opened()
        _ = Self.refusePartnerSMSAndSave(&screen)
        Self.press(&screen, .character(" "))
        #expect(screen.value(of: MessagesSample.partnerSMS) == false)
        #expect(Self.press(&screen, .function(2)).isEmpty && screen.mode == .editing)
    }

    // MARK: - Conflicts

    /// The customer refused partner SMS; meanwhile a reject link refused service e-mails.
    static func conflicted() -> MessagesScreen {
        var screen = opened()
        _ = refusePartnerSMSAndSave(&screen)
        var changes = MessagesSample.history
        changes.insert(MessagePreferenceChange(at: Timestamp(rfc3339: "2026-11-25T09:00:00Z")!, topic: "service_updates",
                                               channel: "email", optedIn: false, source: .link,
                                               effectiveFrom: MessagesSample.nextBusinessDay), at: 0)
        let server = MessagesSample.preferences([MessagesSample.serviceEmail: (false, MessagesSample.nextBusinessDay)],
                                                history: changes)
        let conflict = Conflict(problem: Problem(title: "Stale", status: 412, code: ProblemCode.preconditionFailed),
                                current: server, etag: "\"v3\"")
        let call = APICall.saveMessagePreferences(MessagePreferencesUpdate(preferences: []), etag: "\"v1\"")
        _ = screen.receive(.reply(call, .messagePreferences(.conflict(conflict))), context())
        return screen
    }

    @Test func aConflictShowsWhichCellsDifferAndTakesTheServersOtherChanges() {
        let screen = Self.conflicted()
        guard case .conflict(let rows) = screen.mode else { Issue.record("no conflict view"); return }
        #expect(rows == [
            MessagesScreen.ConflictRow(cell: MessagesSample.serviceEmail, yours: false, servers: false,
                                       changedOnServer: true),
            MessagesScreen.ConflictRow(cell: MessagesSample.partnerSMS, yours: false, servers: true,
                                       changedOnServer: false),
        ])
        #expect(screen.value(of: MessagesSample.serviceEmail) == false, "the reject link's refusal is kept")
        #expect(screen.status?.kind == .warning)
        let lines = Self.lines(screen)
        #expect(lines[1].contains("Tercihleriniz başka bir yerden değişti"))
        let header = try! #require(lines.firstIndex { $0.contains("Konu · Kanal") })
        #expect(lines[header].contains("Sizin") && lines[header].contains("Sunucu"))
        #expect(lines[header + 1].contains("Hizmet bilgilendirmeleri · E-posta") && lines[header + 1].contains("Ret bağlantısı"))
        #expect(lines[header + 2].hasPrefix("  * İş ortağı bilgilendirmeleri · SMS"))
        #expect(lines[header + 2].contains("kapalı") && lines[header + 2].contains("açık"))
        #expect(lines.contains { $0.contains("Enter: benimkini kaydet") })
        #expect(screen.keyHints(Self.context()).map(\.label) == ["Enter", "s", "Esc"])
    }

    @Test func keepingMineSavesTheChangedCellsAgainWithTheNewETag() {
        var screen = Self.conflicted()
        let effects = Self.press(&screen, .enter)
        #expect(effects == [Self.saveCall([(MessagesSample.partnerSMS, false)], etag: "\"v3\"")])
        #expect(screen.mode == .editing)
    }

    @Test func takingTheServersDropsTheCustomersChanges() {
        var screen = Self.conflicted()
        Self.press(&screen, .character("s"))
        #expect(screen.mode == .editing && !screen.hasUnsavedChanges)
        #expect(screen.value(of: MessagesSample.partnerSMS) == true)
        #expect(screen.value(of: MessagesSample.serviceEmail) == false)
        #expect(screen.etag == "\"v3\"")
    }

    @Test func escFromAConflictGoesBackToTheMergedGrid() {
        var screen = Self.conflicted()
        Self.press(&screen, .escape)
        #expect(screen.mode == .editing && screen.hasUnsavedChanges)
        #expect(Self.lines(screen)[2].contains("[ ]*"))
        Self.press(&screen, .function(2))
        #expect(Self.press(&screen, .enter) == [Self.saveCall([(MessagesSample.partnerSMS, false)], etag: "\"v3\"")])
    }

    @Test func aConflictWithNothingToChooseTakesTheServersGridAndSaysSo() {
        var screen = Self.opened()
        _ = Self.refusePartnerSMSAndSave(&screen)
        // The save was cancelled in the customer's eyes but had reached the server.
        let server = MessagesSample.preferences([MessagesSample.partnerSMS: (false, MessagesSample.nextBusinessDay)])
        let conflict = Conflict(problem: Problem(title: "Stale", status: 412, code: ProblemCode.preconditionFailed),
                                current: server, etag: "\"v4\"")
        let call = APICall.saveMessagePreferences(MessagePreferencesUpdate(preferences: []), etag: "\"v1\"")
        _ = screen.receive(.reply(call, .messagePreferences(.conflict(conflict))), Self.context())
        #expect(screen.mode == .editing && !screen.hasUnsavedChanges)
        #expect(screen.etag == "\"v4\"")
        #expect(screen.status == .success("Sunucudaki tercihler zaten seçtiğiniz gibi."))
    }

    // MARK: - Language, sizes, keys

    @Test func switchingTheLanguageKeepsTheTogglesAndTranslatesEverything() {
        var screen = Self.opened()
        Self.press(&screen, .down, .right, .character(" "))
        Self.press(&screen, .down, .character(" "))
        #expect(screen.status?.text.hasPrefix("Güvenlik bildirimleri:") == true)
        _ = screen.languageChanged(Self.context(.en))
        #expect(screen.status == .warning("Security notices: Sent to protect your account; cannot be turned off."))
        #expect(screen.value(of: MessagesSample.partnerSMS) == false && screen.hasUnsavedChanges)
        let lines = Self.lines(screen, .en)
        #expect(lines[0].contains("E-mail") && lines[0].contains("Phone call"))
        #expect(lines[2].contains("Partner updates") && lines[2].contains("[ ]*"))
        #expect(lines.contains { $0.contains("Required notice: Sent to protect your account") })
        #expect(lines.contains { $0.contains("Refusing is free") })
    }

    @Test func at120x40TheHistoryGetsMoreRowsAndItsEffectiveDates() {
        let lines = Self.lines(Self.opened(), width: 120, height: 37)
        #expect(lines.allSatisfy { DisplayWidth.of($0) == 120 })
        let refusal = try! #require(lines.first { $0.contains("12.10.2026 04:22") })
        #expect(refusal.contains("Hizmet bilgilendirmeleri · Telefon araması → kapalı"))
        #expect(refusal.contains("13.10.2026'dan itibaren") && refusal.contains("Terminal"))
    }

    @Test func theKeysAreDrawnFromTheKeymap() {
        let screen = Self.opened()
        let hints = screen.keyHints(Self.context())
        #expect(hints.map(\.label) == ["Boşluk", "F2", "PgDn"])
        #expect(screen.helpEntries(Self.context()).contains { $0.label == "←↑↓→ Tab" })
        var copy = screen
        #expect(copy.handle(.character("q"), Self.context()) == .ignored, "q and Esc go back through the shell")
        #expect(copy.handle(.escape, Self.context()) == .ignored)
    }

    @Test func turkishSuffixesFollowHowTheNumberIsSpoken() {
        #expect(TurkishNumberSuffix.ablative(after: 2026) == "'dan")
        #expect(TurkishNumberSuffix.ablative(after: 2027) == "'den")
        #expect(TurkishNumberSuffix.ablative(after: 2030) == "'dan")
        #expect(TurkishNumberSuffix.ablative(after: 2040) == "'tan")
        #expect(TurkishNumberSuffix.ablative(after: 2100) == "'den")
        #expect(TurkishNumberSuffix.ablative(afterHour: 0, minute: 0) == "'dan")
        #expect(TurkishNumberSuffix.ablative(afterHour: 13, minute: 0) == "'ten")
        #expect(TurkishNumberSuffix.ablative(afterHour: 9, minute: 30) == "'dan")
    }
}
