import PanelClient
import PanelModels
import Testing
import TerminalUI

@testable import PanelApp

@Suite struct BillingScreenTests {
    let context = FormFixtures.context()

    func loaded() -> BillingScreen {
        BillingScreen.loaded(FormFixtures.billing)
    }

    /// Switched to corporate with a valid trade name, VKN and tax office.
    func corporate() -> BillingScreen {
        var screen = loaded()
        screen.press(.character(" "))
        screen.replace("company_name", with: "Haker Yazılım A.Ş.")
        screen.replace("vkn", with: "4540536920")
        screen.replace("tax_office", with: "Kadıköy")
        return screen
    }

    @Test func openingLoadsTheBillingProfileAndFocusesTheTypeToggle() {
        var screen = BillingScreen()
        #expect(screen.open(context) == [.call(.billing)])
        _ = screen.receive(.reply(.billing, .billing(.success(FormFixtures.billing, etag: "\"v1\""))), context)
        #expect(screen.focus == "type")
        #expect(!screen.isEditingText)
        let lines = screen.lines()
        #expect(screen.line(containing: "> Fatura türü").contains("(x) Bireysel  ( ) Kurumsal"))
        #expect(screen.line(containing: "Ad soyad").contains("Ayşe Yılmaz"))
        #expect(screen.line(containing: "TC Kimlik No").contains("10000000146"))
        #expect(!lines.contains { $0.contains("Vergi dairesi") })
        #expect(lines.contains { $0.contains("Faturadaki adres") && $0.contains("F6: iletişim adresini kopyala") })
        #expect(screen.line(containing: "Fatura e-postası").contains("(isteğe bağlı)"))
        #expect(screen.keyHints(context).contains { $0.label == "Boşluk" })
    }

    @Test func spaceAndTheArrowsSwitchTheTypeAndTheRowsFollow() {
        var screen = loaded()
        screen.press(.character(" "))
        #expect(screen.fields["type"] == "corporate")
        let lines = screen.lines()
        for label in ["Ticaret unvanı", "Vergi kimlik no", "Vergi dairesi"] {
            #expect(lines.contains { $0.contains(label) })
        }
        #expect(!lines.contains { $0.contains("TC Kimlik No") })
        #expect(screen.line(containing: "Ticaret unvanı").contains("✗ Zorunlu alan"))
        screen.press(.left)
        #expect(screen.fields["type"] == "individual")
        screen.press(.right)
        #expect(screen.fields["type"] == "corporate")
    }

    @Test func switchingTypeKeepsTheOtherTypesFieldsButSendsOnlyTheChosenOnes() {
        var screen = corporate()
        screen.focus(on: "type")
        screen.press(.character(" "))
        #expect(screen.fields["full_name"] == "Ayşe Yılmaz")
        #expect(!screen.hasUnsavedChanges)
        screen.press(.character(" "))
        #expect(screen.fields["company_name"] == "Haker Yazılım A.Ş.")
        #expect(screen.fields["full_name"] == "Ayşe Yılmaz")
        let effects = screen.saveThroughReview()
        let expected = BillingProfile(type: .corporate, companyName: "Haker Yazılım A.Ş.", vkn: "4540536920",
                                      taxOffice: "Kadıköy", address: FormFixtures.ankara)
        #expect(effects == [.call(.saveBilling(expected, etag: FormFixtures.etag))])
    }

    @Test func theReviewShowsTheTypeChangeAndTheDroppedIndividualFields() {
        var screen = corporate()
        screen.press(.function(2))
        let lines = screen.lines()
        #expect(lines.contains { $0.contains("Fatura türü") && $0.contains("Bireysel") && $0.contains("Kurumsal") })
        #expect(lines.contains { $0.contains("TC Kimlik No") && $0.contains("10000000146") && $0.contains("(boş)") })
        #expect(lines.contains { $0.contains("Vergi kimlik no") && $0.contains("4540536920") })
    }

    @Test func anInvalidVKNIsMarkedBesideIt() {
        var screen = corporate()
        screen.replace("vkn", with: "4540536921")
        #expect(screen.line(containing: "> Vergi kimlik no").contains("✗ Geçerli bir vergi kimlik no değil"))
        screen.press(.function(2))
        #expect(screen.focus == "vkn")
    }

    @Test func anInvalidTCKNIsMarkedBesideIt() {
        var screen = loaded()
        screen.replace("tckn", with: "10000000147")
        #expect(screen.line(containing: "> TC Kimlik No").contains("✗ Geçerli bir TC Kimlik No değil"))
    }

    @Test func aStoredNameLongerThanTheLimitIsKeptWholeMarkedAndCanOnlyShrink() {
        // Found by the hostile-data tests: the form cut a 300-character name stored before
        // today's rules to 120, silently, and saving would have sent the cut name.
        var billing = FormFixtures.billing
        billing.fullName = String(repeating: "A", count: 300)
        var screen = BillingScreen.loaded(billing)
        #expect(screen.fields["full_name"].count == 300)
        #expect(screen.line(containing: "Ad soyad").contains("✗ Çok uzun"))
        screen.focus(on: "full_name")
        screen.type("B")
        #expect(screen.fields["full_name"].count == 300, "typing does not make it longer")
        screen.press(.backspace)
        #expect(screen.fields["full_name"].count == 299)
    }

    @Test func f6CopiesTheContactAddressAsAnUnsavedChange() {
        var screen = loaded()
        screen.focus(on: "tckn")
        #expect(screen.handle(.function(6), context) == .done)
        #expect(screen.fields["address.province"] == "İzmir")
        #expect(screen.fields["address.line2"] == "")
        #expect(screen.hasUnsavedChanges)
        #expect(screen.status?.text.contains("kopyalandı") == true)
        screen.press(.function(2))
        let lines = screen.lines()
        #expect(lines.contains { $0.contains("İl") && $0.contains("Ankara") && $0.contains("İzmir") })
        #expect(lines.contains { $0.contains("Posta kodu") && $0.contains("06420") && $0.contains("35210") })
    }

    @Test func f6BeforeTheOverviewIsLoadedSaysSo() {
        let bare = FormFixtures.context(overview: nil)
        var screen = BillingScreen.loaded(FormFixtures.billing, bare)
        screen.press(.function(6), in: bare)
        #expect(screen.fields["address.province"] == "Ankara")
        #expect(screen.status?.kind == .warning)
    }

    @Test func a422OnAFieldTheFormDoesNotShowIsSaidInTheStatusLine() {
        var screen = loaded()
        screen.replace("tckn", with: "17291716060")
        guard case .call(let call)? = screen.saveThroughReview().first else { Issue.record("no save"); return }
        let refusal = FormFixtures.refusal(
            FieldError(field: "vkn", code: FieldErrorCode.notAllowed, message: "not for individuals"))
        _ = screen.receive(.reply(call, .billing(.failure(refusal))), context)
        #expect(screen.status == .error("Kaydedilmedi: sunucu kabul etmedi (Vergi kimlik no: Bu türde kullanılmaz)."))
        #expect(screen.fields["tckn"] == "17291716060")
        #expect(screen.focus == "tckn")
    }

    @Test func lettersOnTheTypeToggleAreTheShells() {
        var screen = loaded()
        #expect(screen.handle(.character("q"), context) == .ignored)
        #expect(screen.handle(.character("l"), context) == .ignored)
    }

    @Test func aBillingConflictShowsTheServersTypeAndTakingItRestoresTheForm() {
        var screen = corporate()
        guard case .call(let call)? = screen.saveThroughReview().first else { Issue.record("no save"); return }
        var server = FormFixtures.billing
        server.type = .corporate
        server.companyName = "Başka Ltd."
        server.eInvoiceEmail = "fatura@example.com"
        let conflict = Conflict(problem: FormFixtures.stale, current: server, etag: "\"v3\"")
        _ = screen.receive(.reply(call, .billing(.conflict(conflict))), context)
        let lines = screen.lines()
        #expect(lines.contains { $0.contains("Ticaret unvanı") && $0.contains("Başka Ltd.") })
        #expect(!lines.contains { $0.contains("Fatura e-postası") }, "only the other side changed it: merged")
        #expect(screen.fields["e_invoice_email"] == "fatura@example.com")
        screen.press(.character("S"))
        #expect(screen.fields["type"] == "corporate")
        #expect(screen.fields["company_name"] == "Başka Ltd.")
        #expect(screen.fields["e_invoice_email"] == "fatura@example.com")
    }

    @Test func theCorporateFormFitsAt80x24InEnglishToo() {
        var screen = corporate()
        let english = FormFixtures.context(.en)
        _ = screen.languageChanged(english)
        let lines = screen.lines(english)
        for label in ["Invoice type", "Company name", "Tax number (VKN)", "Tax office", "Address line 1", "Postcode",
                      "Country", "E-invoice e-mail"] {
            #expect(lines.contains { $0.contains(label) }, "\(label) missing")
        }
        #expect(screen.line(containing: "Invoice type", english).contains("( ) Individual  (x) Corporate"))
    }
}
