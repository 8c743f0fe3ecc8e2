#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Testing
import PanelClient
import PanelModels
import TerminalUI
@testable import PanelApp

@Suite struct MyDataScreenTests {
    // MARK: - Fixtures

    static func time(_ text: String) -> Timestamp { Timestamp(rfc3339: text)! }

    static func field(_ tr: String, _ en: String, _ value: String?) -> DataField {
        DataField(label: LocalizedText(tr: tr, en: en), value: value)
    }

    static func text(_ tr: String, _ en: String) -> LocalizedText { LocalizedText(tr: tr, en: en) }

    /// A report shaped like the demo customer's (HK-100231).
    static func report(subject: String = "SSL sertifikası yenileme") -> DataReport {
        let always = text("Hizmet sürdüğü müddetçe.", "For as long as the service runs.")
        let categories = [
            DataCategory(id: "identity", title: text("Kimlik", "Identity"),
                         purpose: text("Sizi müşteri olarak tanımak.", "To know you as a customer."), retention: always,
                         fields: [field("Müşteri numarası", "Customer number", "HK-100231"),
                                  field("Ad", "First name", "Ayşe"), field("Soyad", "Last name", "Yılmaz")]),
            DataCategory(id: "contact", title: text("İletişim bilgileri", "Contact details"),
                         purpose: text("Sizinle iletişim kurmak.", "To reach you."), retention: always,
                         fields: [field("E-posta", "E-mail", "demo@example.com"),
                                  field("Telefon", "Phone", "+905321234567"), field("Faks", "Fax", nil)]),
            DataCategory(id: "addresses", title: text("Adresler", "Addresses"),
                         purpose: text("Yazışma ve faturalama.", "Correspondence and invoicing."), retention: always,
                         fields: [field("İletişim: Adres satırı 1", "Contact: Address line 1", "Atatürk Cad. No: 12/3"),
                                  field("İletişim: İl", "Contact: Province", "Ankara"),
                                  field("Fatura: Adres satırı 1", "Billing: Address line 1", "Atatürk Cad. No: 12/3")]),
            DataCategory(id: "billing", title: text("Fatura bilgileri", "Billing details"),
                         purpose: text("Yasaya uygun fatura düzenlemek.", "To issue lawful invoices."),
                         retention: text("Vergi mevzuatının öngördüğü süre.", "As long as tax law requires."),
                         fields: [field("Tür", "Type", "individual"), field("T.C. Kimlik No", "Turkish ID number",
                                                                             "10000000146"),
                                  field("Vergi dairesi", "Tax office", nil)]),
            DataCategory(id: "change_log", title: text("Değişiklik kaydı", "Change log"),
                         purpose: text("Kimin neyi değiştirdiğini göstermek.", "To show who changed what."),
                         retention: always, count: 2),
            DataCategory(id: "ip_log", title: text("IP kayıtları", "IP log"),
                         purpose: text("Yasal ve teknik nedenler.", "Legal and technical reasons."),
                         retention: text("Mevzuatın öngördüğü süre.", "As long as the law requires."), count: 3),
        ]
        let preferences = MessagePreferences(
            topics: [
                MessageTopic(id: "partner_updates", label: text("İş ortağı bilgilendirmeleri", "Partner updates"),
                             description: text("", ""), required: false),
                MessageTopic(id: "security", label: text("Güvenlik bildirimleri", "Security notices"),
                             description: text("", ""), required: true),
            ],
            channels: [MessageChannel(id: "email", label: text("E-posta", "E-mail")),
                       MessageChannel(id: "sms", label: text("SMS", "SMS"))],
            preferences: [
                MessagePreference(topic: "partner_updates", channel: "email", optedIn: true),
                MessagePreference(topic: "partner_updates", channel: "sms", optedIn: false,
                                  effectiveFrom: time("2026-07-30T10:00:00Z")),
                MessagePreference(topic: "security", channel: "email", optedIn: true, required: true),
                MessagePreference(topic: "security", channel: "sms", optedIn: true, required: true),
            ],
            history: [])
        return DataReport(
            customerNumber: "HK-100231", generatedAt: time("2026-11-25T10:00:00Z"), categories: categories,
            messagePreferences: preferences,
            changeLog: [
                ChangeLogEntry(at: time("2026-10-26T10:00:00Z"), actor: .customer, resource: "contact",
                               changes: [FieldChange(field: "phone", old: "+905321112233", new: "+905321234567")],
                               ip: "203.0.113.24", client: "haker-panel/0.1.0"),
                ChangeLogEntry(at: time("2026-05-09T10:00:00Z"), actor: .support, resource: "billing",
                               changes: [FieldChange(field: "billing.address.postal_code", old: "06400", new: "06420")],
                               ip: nil, client: "support desk"),
                ChangeLogEntry(at: time("2026-05-01T10:00:00Z"), actor: .customer, resource: "message_preferences",
                               changes: [FieldChange(field: "partner_updates.sms", old: "true", new: "false")],
                               ip: nil, client: nil),
            ],
            ipLog: [
                IPLogEntry(at: time("2026-11-23T10:00:00Z"), ip: "203.0.113.24", action: "sign_in"),
                IPLogEntry(at: time("2026-11-22T10:00:00Z"), ip: "203.0.113.99", action: "sign_in_failed"),
                IPLogEntry(at: time("2026-10-26T10:00:00Z"), ip: "203.0.113.24", action: "update_contact"),
            ],
            supportThreads: [
                SupportThread(subject: "E-posta kotası artırımı", openedAt: time("2026-11-20T10:00:00Z"), status: "open"),
                SupportThread(subject: subject, openedAt: time("2026-09-26T10:00:00Z"), status: "answered"),
            ],
            sessions: [
                SessionRecord(createdAt: time("2026-11-25T09:58:00Z"), lastSeenAt: time("2026-11-25T10:00:00Z"),
                              ip: "127.0.0.1", client: "haker-panel/0.1.0", current: true),
                SessionRecord(createdAt: time("2026-11-23T10:00:00Z"), lastSeenAt: time("2026-11-23T10:20:00Z"),
                              ip: "203.0.113.24", client: "haker-panel/0.1.0", current: false),
            ],
            notStored: [
                NotStoredItem(id: "card_data", title: text("Kart bilgileri", "Card data"),
                              text: text("Kredi kartı bilgileriniz saklanmaz. Ödemeler bankanın sanal POS'u ile alınır.",
                                         "Your card data is never stored. Payments go through the bank's virtual POS.")),
                NotStoredItem(id: "anonymous_statistics", title: text("Gezinti istatistikleri", "Browsing statistics"),
                              text: text("Anonimdir ve kimliğinizle ilişkilendirilmez.", "Anonymous, not tied to you.")),
            ])
    }

    static func context(_ language: Language = .tr, size: Size = Size(width: 80, height: 21),
                        busy: Bool = false) -> ScreenContext {
        ScreenContext(language: language, wallClock: time("2026-11-25T10:00:00Z"), isBusy: busy,
                      homeDirectory: "/home/ayse", bodySize: size)
    }

    /// The screen with the report loaded.
    static func loaded(_ language: Language = .tr, size: Size = Size(width: 80, height: 21),
                       report: DataReport = report()) -> MyDataScreen {
        var screen = MyDataScreen()
        _ = screen.open(context(language, size: size))
        _ = screen.receive(.reply(.dataReport, .dataReport(.success(report, etag: nil))), context(language, size: size))
        return screen
    }

    static func lines(_ screen: MyDataScreen, _ language: Language = .tr,
                      size: Size = Size(width: 80, height: 21)) -> [String] {
        var canvas = Canvas(size: size)
        _ = screen.render(in: canvas.bounds, into: &canvas, context(language, size: size))
        return canvas.lines()
    }

    /// The whole document as text, one string per paragraph.
    static func documentText(_ screen: MyDataScreen) -> [String] {
        screen.pager?.paragraphs.map { String($0.characters) } ?? []
    }

    static func press(_ keys: [Key], on screen: inout MyDataScreen, _ language: Language = .tr) -> [Effect] {
        var effects: [Effect] = []
        for key in keys {
            if case .handled(let more) = screen.handle(key, context(language)) { effects += more }
        }
        return effects
    }

    static func type(_ text: String) -> [Key] { text.map { .character($0) } }

    // MARK: - Loading

    @Test func openingLoadsTheReportAndSaysSo() {
        var screen = MyDataScreen()
        #expect(screen.open(Self.context()) == [.call(.dataReport)])
        let lines = Self.lines(screen)
        #expect(lines.contains { $0.contains("Verileriniz yükleniyor…") })
        #expect(screen.busyText(Self.context()) == "Verileriniz yükleniyor…")
    }

    @Test func theFirstPageShowsIdentityAndContactDetailsWithEmptyFieldsSaidToBeEmpty() {
        let lines = Self.lines(Self.loaded())
        #expect(lines[0].contains("Sizinle ilgili sakladığımız veriler"))
        #expect(lines[0].hasSuffix("HK-100231 · 25.11.2026 13:00 itibarıyla  "))
        #expect(lines[2].contains("Kimlik ve iletişim bilgileriniz"))
        let page = lines.joined(separator: "\n")
        for expected in ["Müşteri numarası          HK-100231", "Ad                        Ayşe",
                         "Soyad                     Yılmaz", "E-posta                   demo@example.com",
                         "Telefon                   +905321234567", "Faks                      (boş)",
                         "İletişim: Adres satırı 1  Atatürk Cad. No: 12/3"] {
            #expect(page.contains(expected), "\(expected) on the first page")
        }
    }

    @Test func billingTypeIsInWordsAndEveryStoredFieldIsListed() {
        let text = Self.documentText(Self.loaded())
        #expect(text.contains { $0.hasPrefix("Tür") && $0.hasSuffix("Bireysel") })
        #expect(text.contains { $0.hasPrefix("T.C. Kimlik No") && $0.hasSuffix("10000000146") })
        #expect(text.contains { $0.hasPrefix("Vergi dairesi") && $0.hasSuffix("(boş)") })
        #expect(text.contains { $0.hasPrefix("Fatura: Adres satırı 1") })
    }

    @Test func everyCategoryHasItsPurposeAndRetentionInTheCurrentLanguage() {
        let tr = Self.documentText(Self.loaded())
        #expect(tr.contains("Neyi, neden ve ne kadar süre saklıyoruz"))
        #expect(tr.contains("IP kayıtları (3 kayıt)"))
        #expect(tr.contains("Amaç: Yasal ve teknik nedenler."))
        #expect(tr.contains("Saklama süresi: Mevzuatın öngördüğü süre."))
        #expect(tr.contains("Saklama süresi: Vergi mevzuatının öngördüğü süre."))
        let en = Self.documentText(Self.loaded(.en))
        #expect(en.contains("IP log (3 entries)"))
        #expect(en.contains("Purpose: Legal and technical reasons."))
        #expect(en.contains("Kept for: As long as tax law requires."))
    }

    @Test func theChangeLogSaysWhenWhoWhatAndFromWhere() {
        let text = Self.documentText(Self.loaded())
        #expect(text.contains("26.10.2026 13:00 · İletişim bilgileri · değiştiren: siz"))
        #expect(text.contains("Telefon: +905321112233 → +905321234567"))
        #expect(text.contains("IP: 203.0.113.24 · istemci: haker-panel/0.1.0"))
        #expect(text.contains("09.05.2026 13:00 · Fatura bilgileri · değiştiren: müşteri hizmetleri"))
        #expect(text.contains("Fatura adresi, posta kodu: 06400 → 06420"))
        #expect(text.contains("istemci: support desk"))
        #expect(text.contains("İş ortağı bilgilendirmeleri, SMS: onaylı → reddedildi"))
        #expect(text.contains("IP ve istemci kaydı yok"))
        let en = Self.documentText(Self.loaded(.en))
        #expect(en.contains("09.05.2026 13:00 · Billing details · changed by: customer support"))
        #expect(en.contains("Billing address, postcode: 06400 → 06420"))
        #expect(en.contains("Partner updates, SMS: opted in → refused"))
    }

    @Test func theIPLogThreadsAndSessionsAreListsInWords() {
        let tr = Self.documentText(Self.loaded())
        #expect(tr.contains("23.11.2026 13:00 · 203.0.113.24 · Giriş yapıldı"))
        #expect(tr.contains("22.11.2026 13:00 · 203.0.113.99 · Başarısız giriş denemesi"))
        #expect(tr.contains("26.10.2026 13:00 · 203.0.113.24 · İletişim bilgileri değiştirildi"))
        #expect(tr.contains("20.11.2026 13:00 · Açık · E-posta kotası artırımı"))
        #expect(tr.contains("26.09.2026 13:00 · Yanıtlandı · SSL sertifikası yenileme"))
        #expect(tr.contains(
            "25.11.2026 12:58 · 127.0.0.1 · haker-panel/0.1.0 · son etkinlik 25.11.2026 13:00 · şu an kullandığınız oturum"))
        #expect(tr.contains("23.11.2026 13:00 · 203.0.113.24 · haker-panel/0.1.0 · son etkinlik 23.11.2026 13:20"))
        let en = Self.documentText(Self.loaded(.en))
        #expect(en.contains("22.11.2026 13:00 · 203.0.113.99 · Failed sign-in attempt"))
        #expect(en.contains("26.09.2026 13:00 · Answered · SSL sertifikası yenileme"))
        #expect(en.contains { $0.hasSuffix("the session you are using now") })
    }

    @Test func messagePreferencesSayWhatIsRefusedAndFromWhen() {
        let text = Self.documentText(Self.loaded())
        #expect(text.contains("E-posta: onaylı · SMS: reddedildi (30.07.2026 13:00 itibarıyla)"))
        #expect(text.contains("E-posta: zorunlu bildirim · SMS: zorunlu bildirim"))
    }

    @Test func whatIsNotStoredComesLastInWords() {
        let screen = Self.loaded()
        let text = Self.documentText(screen)
        let heading = try! #require(text.firstIndex(of: "Sizinle ilgili saklamadıklarımız"))
        #expect(screen.document?.sections.last == heading)
        #expect(text[heading...].contains("Kart bilgileri"))
        #expect(text[heading...].contains { $0.contains("sanal POS") })
        #expect(text[heading...].contains("Anonimdir ve kimliğinizle ilişkilendirilmez."))
        var end = screen
        _ = Self.press([.end], on: &end)
        let lines = Self.lines(end).joined(separator: "\n")
        #expect(lines.contains("Sizinle ilgili saklamadıklarımız"))
        #expect(lines.contains("Kredi kartı bilgileriniz saklanmaz."))
    }

    @Test func anEmptyListSaysNothingIsRecorded() {
        var report = Self.report()
        report.supportThreads = []
        let text = Self.documentText(Self.loaded(report: report))
        let heading = try! #require(text.firstIndex(of: "Destek yazışmaları"))
        #expect(text[heading + 1] == "Kayıt yok.")
    }

    @Test func serverTextIsDrawnInert() {
        let screen = Self.loaded(report: Self.report(subject: "Kötü\u{1B}[2J\u{07}konu"))
        var found = screen
        _ = Self.press([.end], on: &found)
        var canvas = Canvas(size: Size(width: 80, height: 21))
        _ = found.render(in: canvas.bounds, into: &canvas, Self.context())
        let all = canvas.lines().joined()
        #expect(!all.contains("\u{1B}"))
        #expect(!all.contains("\u{07}"))
    }

    // MARK: - Scrolling, sections, search

    @Test func pageKeysScrollAndTabJumpsBetweenSections() {
        var screen = Self.loaded()
        _ = Self.press([.pageDown], on: &screen)
        #expect(Self.lines(screen)[2].contains("Kimlik ve iletişim") == false)
        _ = Self.press([.home], on: &screen)
        #expect(Self.lines(screen)[2].contains("Kimlik ve iletişim bilgileriniz"))
        _ = Self.press([.tab], on: &screen)
        #expect(Self.lines(screen)[2].contains("Neyi, neden ve ne kadar süre saklıyoruz"))
        _ = Self.press([.tab, .tab], on: &screen)
        #expect(Self.lines(screen)[2].contains("Değişiklik kaydı"))
        _ = Self.press([.backTab], on: &screen)
        #expect(Self.lines(screen)[2].contains("İleti tercihleriniz"))
    }

    @Test func searchFoldsTheTurkishWayAndKeysAreLettersWhileTyping() {
        var screen = Self.loaded()
        _ = Self.press([.character("/")], on: &screen)
        #expect(screen.isEditingText)
        #expect(screen.handle(.character("q"), Self.context()) == .done, "q is a letter in the search prompt")
        _ = Self.press([.backspace] + Self.type("İLETİŞİM BİLGİLERİ DEĞİŞTİRİLDİ") + [.enter], on: &screen)
        #expect(!screen.isEditingText)
        let pager = try! #require(screen.pager)
        #expect(pager.matches.count == 1)
        let lines = Self.lines(screen)
        #expect(lines.contains { $0.contains("İletişim bilgileri değiştirildi") })
        _ = Self.press(Self.type("/") + Self.type("ıp kayıtları") + [.enter], on: &screen)
        #expect(screen.pager!.matches.count >= 2, "“ıp” finds “IP” in Turkish")
        _ = Self.press(Self.type("/zzz") + [.enter], on: &screen)
        #expect(Self.lines(screen)[20].hasPrefix("  ! Bulunamadı: zzz"))
        #expect(screen.status == nil, "said once, in the pager's row")
    }

    @Test func switchingTheLanguageRebuildsTheSameReportInPlaceWithoutLoading() {
        var screen = Self.loaded()
        _ = Self.press([.tab, .tab, .tab], on: &screen)
        #expect(Self.lines(screen)[2].contains("Değişiklik kaydı"))
        #expect(screen.languageChanged(Self.context(.en)).isEmpty)
        let lines = Self.lines(screen, .en)
        #expect(lines[0].contains("The data we keep about you"))
        #expect(lines[2].contains("Change log: who changed what, and when"))
        #expect(screen.pager?.folding == .english)
    }

    @Test func resizingRewrapsAndKeepsThePlace() {
        var screen = Self.loaded()
        _ = Self.press([.tab, .tab, .tab], on: &screen)
        let wide = Size(width: 120, height: 37)
        screen.resized(Self.context(size: wide))
        let lines = Self.lines(screen, size: wide)
        #expect(lines.contains { $0.contains("Değişiklik kaydı") }, "the end of the text is on screen from there")
        #expect(lines[0].hasSuffix("HK-100231 · 25.11.2026 13:00 itibarıyla  "))
        #expect(lines[36].hasSuffix("%100  "), "the pager's position row is the last row of the body")
    }

    // MARK: - Load failures

    @Test func aNetworkFailureSaysWhyAndRRetries() {
        var screen = MyDataScreen()
        _ = screen.open(Self.context())
        let failure = APIFailure.transport(.connectionRefused(host: "127.0.0.1"))
        _ = screen.receive(.reply(.dataReport, .dataReport(.failure(failure))), Self.context())
        #expect(screen.status?.kind == .error)
        #expect(screen.status?.text.contains("bağlantı reddedildi") == true)
        #expect(screen.status?.text.hasSuffix("Yeniden denemek için r.") == true)
        let lines = Self.lines(screen)
        #expect(lines.contains { $0.contains("✗ 127.0.0.1 sunucusuna bağlanılamadı: bağlantı reddedildi.") },
                "the whole reason in the body")
        #expect(lines.contains { $0.contains("Yüklenemedi. Yeniden denemek için r'ye basın.") })
        #expect(screen.keyHints(Self.context()).contains { $0.label == "r" })
        #expect(Self.press([.character("r")], on: &screen) == [.call(.dataReport)])
        #expect(screen.status == nil)
    }

    @Test func aServerErrorAndAMalformedReplyAreFailuresToo() {
        for failure in [APIFailure.problem(Problem(title: "boom", status: 500, code: ProblemCode.internalError)),
                        .malformed(MalformedReply(status: 200, mediaType: "text/html", reason: .notJSON))] {
            var screen = MyDataScreen()
            _ = screen.open(Self.context())
            _ = screen.receive(.reply(.dataReport, .dataReport(.failure(failure))), Self.context())
            #expect(screen.status?.kind == .error)
            #expect(screen.status?.text == failure.message(in: .tr) + " Yeniden denemek için r.")
            #expect(screen.pager == nil)
        }
    }

    @Test func aCancelledLoadSaysSoAndRRetries() {
        var screen = MyDataScreen()
        _ = screen.open(Self.context())
        _ = screen.receive(.cancelled(.dataReport), Self.context())
        #expect(screen.status == .warning("Yükleme iptal edildi. Yeniden denemek için r."))
        #expect(Self.press([.character("r")], on: &screen) == [.call(.dataReport)])
    }

    @Test func aFailedReloadKeepsTheReportOnScreen() {
        var screen = Self.loaded()
        #expect(Self.press([.character("r")], on: &screen) == [.call(.dataReport)])
        _ = screen.receive(.reply(.dataReport, .dataReport(.failure(.transport(.timeout)))), Self.context())
        #expect(screen.status?.kind == .error)
        #expect(Self.lines(screen)[2].contains("Kimlik ve iletişim bilgileriniz"))
        #expect(screen.keyHints(Self.context()).contains { $0.label == "r" }, "the footer says how to retry")
    }

    @Test func rDoesNotStartASecondLoadWhileOneIsInFlight() {
        var screen = MyDataScreen()
        _ = screen.open(Self.context())
        #expect(screen.handle(.character("r"), Self.context(busy: true)) == .ignored)
    }

    // MARK: - Export

    @Test func eOpensTheExportPromptWithADatedPathInTheHomeFolder() {
        var screen = Self.loaded()
        _ = Self.press([.character("e")], on: &screen)
        #expect(screen.isEditingText)
        #expect(screen.export?.path.text == "~/haker-panel-verilerim-HK-100231-2026-11-25.json")
        let page = Self.lines(screen).joined(separator: "\n")
        #expect(page.contains("Verilerimi dışa aktar"))
        #expect(page.contains("[~/haker-panel-verilerim-HK-100231-2026-11-25.json"))
        #expect(page.contains("Tam yol: /home/ayse/haker-panel-verilerim-HK-100231-2026-11-25.json"))
        #expect(page.contains("izin 0600"))
        var english = Self.loaded(.en)
        _ = Self.press([.character("e")], on: &english, .en)
        #expect(english.export?.path.text == "~/haker-panel-my-data-HK-100231-2026-11-25.json")
    }

    @Test func exportingDownloadsThenWritesWithoutOverwritingAndShowsTheFullPath() {
        var screen = Self.loaded()
        _ = Self.press([.character("e")], on: &screen)
        #expect(Self.press([.enter], on: &screen) == [.call(.dataExport)])
        #expect(screen.busyText(Self.context()) == "Verileriniz dışa aktarılıyor…")
        let bytes = Data(#"{"customer_number":"HK-100231"}"#.utf8)
        let path = "/home/ayse/haker-panel-verilerim-HK-100231-2026-11-25.json"
        let effects = screen.receive(.reply(.dataExport, .dataExport(.success(bytes, etag: nil))), Self.context())
        #expect(effects == [.writeFile(path: path, data: bytes, overwrite: false)])
        _ = screen.receive(.fileWritten(path: path, error: nil), Self.context())
        #expect(screen.status == .success("Verileriniz şuraya kaydedildi: " + path))
        let page = Self.lines(screen).joined(separator: "\n")
        #expect(page.contains("Dışa aktarıldı"))
        #expect(page.contains("Verileriniz şuraya kaydedildi:"))
        #expect(page.contains(path), "the whole path, which the status line may have to cut")
        #expect(screen.keyHints(Self.context()).map(\.label) == ["Enter"])
        _ = Self.press([.enter], on: &screen)
        #expect(screen.export == nil)
        #expect(!screen.isEditingText)
        #expect(screen.status == .success("Verileriniz şuraya kaydedildi: " + path))
    }

    @Test func anExistingFileIsOverwrittenOnlyWhenTheCustomerSaysYes() {
        var screen = Self.loaded()
        _ = Self.press([.character("e"), .enter], on: &screen)
        let bytes = Data("{}".utf8)
        let path = "/home/ayse/haker-panel-verilerim-HK-100231-2026-11-25.json"
        _ = screen.receive(.reply(.dataExport, .dataExport(.success(bytes, etag: nil))), Self.context())
        _ = screen.receive(.fileWritten(path: path, error: .exists), Self.context())
        #expect(screen.export?.isAskingToOverwrite == true)
        let page = Self.lines(screen).joined(separator: "\n")
        #expect(page.contains("Dosya zaten var"))
        #expect(page.contains("Üzerine yazılsın mı?"))
        #expect(page.contains("< Hayır >"), "No is the default")

        var refused = screen
        #expect(Self.press([.enter], on: &refused).isEmpty, "Enter on No writes nothing")
        #expect(refused.export?.phase == .editing)
        #expect(refused.export?.path.text == "~/haker-panel-verilerim-HK-100231-2026-11-25.json")
        var escaped = screen
        #expect(Self.press([.escape], on: &escaped).isEmpty)
        #expect(escaped.export?.phase == .editing, "Esc answers No and keeps the prompt")

        #expect(Self.press([.left, .enter], on: &screen) == [.writeFile(path: path, data: bytes, overwrite: true)])
        _ = screen.receive(.fileWritten(path: path, error: nil), Self.context())
        #expect(screen.status == .success("Verileriniz şuraya kaydedildi: " + path))
    }

    @Test func aFolderThatDoesNotExistIsAnErrorAndThePathIsKeptToTryAgain() {
        var screen = Self.loaded()
        _ = Self.press([.character("e"), .ctrl("u")] + Self.type("/yok/x.json") + [.enter], on: &screen)
        let effects = screen.receive(.reply(.dataExport, .dataExport(.success(Data("{}".utf8), etag: nil))),
                                     Self.context())
        #expect(effects == [.writeFile(path: "/yok/x.json", data: Data("{}".utf8), overwrite: false)])
        _ = screen.receive(.fileWritten(path: "/yok/x.json", error: .system(2)), Self.context())
        #expect(screen.export?.phase == .editing)
        #expect(screen.export?.path.text == "/yok/x.json")
        #expect(Self.lines(screen).joined().contains("Dosya yazılamadı: klasör yok."))
        #expect(Self.press([.enter], on: &screen) == [.call(.dataExport)], "Enter tries again")
    }

    @Test func aFailedOrCancelledDownloadKeepsThePromptAndSaysWhy() {
        var screen = Self.loaded()
        _ = Self.press([.character("e"), .enter], on: &screen)
        _ = screen.receive(.reply(.dataExport, .dataExport(.failure(.transport(.timeout)))), Self.context())
        #expect(screen.export?.phase == .editing)
        #expect(Self.lines(screen).joined().contains("Sunucu zamanında yanıt vermedi."))
        _ = Self.press([.enter], on: &screen)
        _ = screen.receive(.cancelled(.dataExport), Self.context())
        #expect(screen.export?.phase == .editing)
        #expect(screen.export?.path.text == "~/haker-panel-verilerim-HK-100231-2026-11-25.json")
        #expect(Self.lines(screen).joined().contains("Dışa aktarma iptal edildi."))
    }

    @Test func escClosesThePromptAndAnEmptyPathIsRefused() {
        var screen = Self.loaded()
        _ = Self.press([.character("e"), .ctrl("u"), .enter], on: &screen)
        #expect(screen.export?.problem == .emptyPath)
        #expect(Self.lines(screen).joined().contains("Dosyanın kaydedileceği yolu yazın."))
        #expect(screen.handle(.character("q"), Self.context()) == .done, "q is a letter in the path")
        #expect(screen.export?.path.text == "q")
        _ = Self.press([.escape], on: &screen)
        #expect(screen.export == nil)
        #expect(!screen.isEditingText)
        #expect(screen.handle(.escape, Self.context()) == .ignored, "Esc now goes back")
    }

    @Test func pathsAreTakenInTheHomeFolderUnlessAbsolute() {
        typealias Prompt = MyDataScreen.ExportPrompt
        #expect(Prompt.resolve("~/a.json", home: "/home/ayse") == "/home/ayse/a.json")
        #expect(Prompt.resolve("  ~/a b.json ", home: "/home/ayse") == "/home/ayse/a b.json")
        #expect(Prompt.resolve("a.json", home: "/home/ayse") == "/home/ayse/a.json")
        #expect(Prompt.resolve("/tmp/a.json", home: "/home/ayse") == "/tmp/a.json")
        #expect(Prompt.resolve("   ", home: "/home/ayse") == "")
    }

    @Test func exportWorksBeforeTheReportHasLoaded() {
        var screen = MyDataScreen()
        _ = screen.open(Self.context())
        _ = screen.receive(.cancelled(.dataReport), Self.context())
        _ = Self.press([.character("e")], on: &screen)
        #expect(screen.export?.path.text == "~/haker-panel-verilerim-2026-11-25.json")
    }

    @Test func theFooterFollowsWhatTheKeysDo() {
        var screen = Self.loaded()
        let labels = screen.keyHints(Self.context()).map(\.label)
        #expect(labels.starts(with: ["e", "/", "Tab"]))
        #expect(!labels.contains("r"))
        _ = Self.press([.character("e")], on: &screen)
        #expect(screen.keyHints(Self.context()).map(\.label) == ["Enter", "Esc"])
        #expect(screen.helpEntries(Self.context()).contains { $0.label == "S-Tab" })
    }

    @Test func theExportPromptFitsAt80x24AndAt120x40() {
        for size in [Size(width: 80, height: 21), Size(width: 120, height: 37)] {
            var screen = Self.loaded(size: size)
            _ = screen.handle(.character("e"), Self.context(size: size))
            let lines = Self.lines(screen, size: size)
            #expect(lines.contains { $0.contains("Enter: Kaydet   Esc: Vazgeç") })
            #expect(lines.contains { $0.contains("┌ Verilerimi dışa aktar") })
            #expect(lines.contains { $0.contains("└") })
        }
    }
}
