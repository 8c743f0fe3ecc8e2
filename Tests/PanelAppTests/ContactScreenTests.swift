import PanelClient
import PanelModels
import Testing
import TerminalUI

@testable import PanelApp

@Suite struct ContactScreenTests {
    let context = FormFixtures.context()

    func loaded() -> ContactScreen {
        ContactScreen.loaded(FormFixtures.contact)
    }

    // MARK: - Loading

    @Test func openingLoadsTheContactDetailsAndFocusesTheEmail() {
        var screen = ContactScreen()
        #expect(screen.open(context) == [.call(.contact)])
        #expect(screen.lines().contains { $0.contains("Yükleniyor") })
        _ = screen.receive(.reply(.contact, .contact(.success(FormFixtures.contact, etag: "\"v1\""))), context)
        #expect(screen.focus == "email")
        #expect(screen.isEditingText)
        #expect(!screen.hasUnsavedChanges)
        let lines = screen.lines()
        #expect(lines.contains { $0.contains("Ad soyad") && $0.contains("Ayşe Yılmaz") && $0.contains("düzeltme") })
        #expect(screen.line(containing: "> E-posta").contains("[demo@example.com"))
        #expect(screen.line(containing: "Telefon").contains("+905321234567"))
        #expect(screen.line(containing: "İl  ").contains("Ankara"))
    }

    @Test func aFailedLoadSaysWhyAndRLoadsAgain() {
        var screen = ContactScreen()
        _ = screen.open(context)
        _ = screen.receive(.reply(.contact, .contact(.failure(FormFixtures.refused))), context)
        #expect(screen.status?.kind == .error)
        #expect(screen.status?.text.contains("r'ye basın") == true)
        #expect(screen.handle(.character("q"), context) == .ignored)
        #expect(screen.handle(.character("r"), context) == .handled([.call(.contact)]))
    }

    @Test func aCancelledLoadSaysSoAndOffersARetry() {
        var screen = ContactScreen()
        _ = screen.open(context)
        _ = screen.receive(.cancelled(.contact), context)
        #expect(screen.status?.text.contains("iptal") == true)
        #expect(screen.handle(.function(5), context) == .handled([.call(.contact)]))
    }

    // MARK: - Checking as the customer types

    @Test func aPostcodeOfAnotherProvinceIsMarkedBesideItAndF2GoesThere() {
        var screen = loaded()
        screen.replace("contact_address.province", with: "İzmir")
        screen.press(.enter)
        #expect(screen.line(containing: "Posta kodu").contains("✗"))
        screen.focus(on: "email")
        screen.press(.function(2))
        #expect(screen.focus == "contact_address.postal_code")
        guard case .editing = screen.mode else { Issue.record("left the form"); return }
        #expect(screen.status?.kind == .error)
        #expect(screen.status?.text.contains("1 alan var; imleç ilkinde (Posta kodu)") == true)
        #expect(screen.lines().last { !$0.trimmingSpaces.isEmpty }?.contains("plaka") == true)
        #expect(screen.lines().contains { $0.contains("✗ Posta kodu: Posta kodu bu ile ait değil") })
    }

    @Test func anInvalidPhoneIsMarkedAsTyped() {
        var screen = loaded()
        screen.replace("phone", with: "12")
        #expect(screen.line(containing: "> Telefon").contains("✗ Geçerli bir telefon"))
        screen.replace("phone", with: "0532 123 45 68")
        #expect(!screen.line(containing: "> Telefon").contains("✗"))
        #expect(screen.lines().contains { $0.contains("Kaydedilecek hâli: +905321234568") })
    }

    @Test func checkingOnlyWhatAChangeReachesFindsWhatAWholeCheckFinds() {
        // The form checks and normalises again only the address when the e-mail, phones, password
        // and country are as before: every step here must agree with doing the whole value.
        let bad = ContactDetails(email: "ayse@", phone: "12", fax: "x", contactAddress: FormFixtures.ankara)
        let abroad = Address(line1: "", district: "Berlin", province: "", postalCode: "", country: "DE")
        var steps: [ContactDetails] = [FormFixtures.contact, bad]
        for change in [
            { (value: inout ContactDetails) in value.contactAddress.line2 = "Kat 3" },
            { $0.contactAddress.line1 = "" },
            { $0.contactAddress.postalCode = "35210" },
            { $0.contactAddress.province = "İzmir" },
            { $0.contactAddress = abroad },
            { $0.phone = "+49 30 1234567" },
            { $0.email = "yeni@example.com" },
            { $0.currentPassword = "parola" },
            { $0.contactAddress.line2 = "\u{7}" },
        ] as [(inout ContactDetails) -> Void] {
            var next = steps[steps.count - 1]
            change(&next)
            steps.append(next)
            var fromGood = FormFixtures.contact
            change(&fromGood)
            steps.append(fromGood)
        }
        let baseline = FormFixtures.contact
        for (previous, value) in zip(steps, steps.dropFirst()) {
            let whole = ContactForm.validate(value, baseline: baseline)
            let again = ContactForm.validate(value, baseline: baseline, after: previous,
                                             errors: ContactForm.validate(previous, baseline: baseline))
            #expect(Set(again.map { "\($0.field) \($0.code)" }) == Set(whole.map { "\($0.field) \($0.code)" }),
                    "\(previous) -> \(value)")
            let stored = ContactForm.normalized(value, after: previous, stored: ContactForm.normalized(previous))
            #expect(stored == ContactForm.normalized(value), "\(previous) -> \(value)")
        }
    }

    // MARK: - The province picker

    @Test func typingIzmOpensTheListAndEnterPicksIzmir() {
        var screen = loaded()
        screen.replace("contact_address.province", with: "izm")
        #expect(screen.picker != nil)
        #expect(screen.lines().contains { $0.contains("│> İzmir") })
        screen.press(.enter)
        #expect(screen.picker == nil)
        #expect(screen.fields["contact_address.province"] == "İzmir")
        #expect(screen.focus == "contact_address.province")
    }

    @Test func asciiTypingFindsTurkishNamesAndArrowsMoveInTheList() {
        var screen = loaded()
        screen.replace("contact_address.province", with: "cank")
        #expect(screen.picker?.selectedName == "Çankırı")
        screen.replace("contact_address.province", with: "ka")
        let first = screen.picker?.selectedName
        screen.press(.down)
        #expect(screen.picker?.selectedName != first)
        #expect(screen.focus == "contact_address.province")
    }

    @Test func escClosesTheProvinceListWithoutLeavingTheScreen() {
        var screen = loaded()
        screen.replace("contact_address.province", with: "iz")
        #expect(screen.handle(.escape, context) == .done)
        #expect(screen.picker == nil)
        #expect(screen.fields["contact_address.province"] == "iz")
        #expect(screen.handle(.escape, context) == .ignored)
    }

    @Test func enterOnTheProvinceOpensTheListAndTabClosesIt() {
        var screen = loaded()
        screen.focus(on: "contact_address.province")
        screen.press(.enter)
        #expect(screen.picker?.selectedName == "Ankara")
        screen.press(.tab)
        #expect(screen.picker == nil)
        #expect(screen.focus == "contact_address.postal_code")
    }

    @Test func outsideTurkeyTheProvinceIsFreeTextAndThePostcodeFree() {
        var screen = loaded()
        screen.replace("contact_address.country", with: "DE")
        screen.replace("contact_address.province", with: "Bayern")
        #expect(screen.picker == nil)
        screen.replace("contact_address.postal_code", with: "80331")
        screen.replace("phone", with: "+49 89 1234567")
        #expect(screen.fieldErrors().isEmpty)
    }

    // MARK: - Changing the e-mail

    @Test func changingTheEmailAsksForTheCurrentPasswordAndSendsIt() {
        var screen = loaded()
        #expect(!screen.lines().contains { $0.contains("Mevcut parola") })
        screen.replace("email", with: "Ayse@Example.com")
        #expect(screen.line(containing: "Mevcut parola").contains("✗ Zorunlu alan"))
        screen.press(.function(2))
        #expect(screen.focus == "current_password")
        screen.type("demo1234")
        #expect(screen.line(containing: "Mevcut parola").contains("••••••••"))
        #expect(!screen.lines().joined().contains("demo1234"))
        let effects = screen.saveThroughReview()
        var expected = FormFixtures.contact
        expected.email = "ayse@example.com"
        expected.currentPassword = "demo1234"
        #expect(effects == [.call(.saveContact(expected, etag: FormFixtures.etag))])
    }

    @Test func theFormIsLaidOutAgainWhenTheEmailChangesAndOnlyThen() {
        // ContactForm.layoutReads is [email]: the lines are kept while other fields change. After
        // every step they must be those a fresh layout of the texts gives.
        var screen = loaded()
        func freshOrder() -> [FieldPath] {
            ContactForm.layout(screen.fields, baseline: FormFixtures.contact, context).compactMap { line in
                if case .field(let path) = line { return path }
                return nil
            }
        }
        for (path, text) in [("contact_address.line2", "Kat 3"), ("email", "yeni@example.com"),
                             ("contact_address.line1", "Başka sokak 1"), ("email", FormFixtures.contact.email),
                             ("phone", "0532 000 00 00")] {
            screen.replace(path, with: text)
            #expect(screen.currentLines(context)?.order == freshOrder(), "after \(path) = \(text)")
            let asksPassword = screen.fields["email"] != FormFixtures.contact.email
            #expect(screen.lines().contains { $0.contains("Mevcut parola") } == asksPassword, "after \(path) = \(text)")
        }
    }

    @Test func theReviewNeverShowsThePassword() {
        var screen = loaded()
        screen.replace("email", with: "yeni@example.com")
        screen.press(.tab)
        screen.type("gizli-parola")
        screen.press(.function(2))
        let text = screen.lines().joined(separator: "\n")
        #expect(text.contains("yeni@example.com"))
        #expect(!text.contains("gizli-parola"))
        #expect(!text.contains("Mevcut parola"))
    }

    @Test func aWrongPasswordLandsOnThePasswordFieldAndIsCleared() {
        var screen = loaded()
        screen.replace("email", with: "yeni@example.com")
        screen.press(.tab)
        screen.type("yanlis")
        screen.press(.tab)
        let effects = screen.saveThroughReview()
        guard case .call(let call)? = effects.first else { Issue.record("no save"); return }
        let refusal = FormFixtures.refusal(
            FieldError(field: "current_password", code: FieldErrorCode.incorrectPassword, message: "wrong"))
        _ = screen.receive(.reply(call, .contact(.failure(refusal))), context)
        #expect(screen.focus == "current_password")
        #expect(screen.fields["current_password"] == "")
        #expect(screen.line(containing: "Mevcut parola").contains("✗ Parola yanlış"))
        #expect(screen.fields["email"] == "yeni@example.com")
        screen.type("d")
        #expect(!screen.line(containing: "Mevcut parola").contains("✗"))
    }

    // MARK: - Saving

    @Test func aPhoneTypedTheTurkishWayIsReviewedAndSentAsStored() {
        var screen = loaded()
        screen.replace("phone", with: "0555 123 45 67")
        #expect(screen.hasUnsavedChanges)
        screen.press(.function(2))
        guard case .reviewing = screen.mode else { Issue.record("no review"); return }
        let review = screen.lines()
        #expect(review.contains { $0.contains("Kaydedilecek değişiklikler") })
        let row = review.first { $0.hasPrefix("   Telefon") } ?? ""
        #expect(row.contains("+905321234567") && row.contains("→") && row.contains("+905551234567"))
        #expect(review.filter { $0.contains("→") }.count == 1)
        #expect(screen.keyHints(context).first?.label == "Enter")
        guard case .handled(let effects) = screen.handle(.enter, context) else { Issue.record("not saved"); return }
        var expected = FormFixtures.contact
        expected.phone = "+905551234567"
        #expect(effects == [.call(.saveContact(expected, etag: FormFixtures.etag))])
        #expect(screen.busyText(context) == "Kaydediliyor…")
        #expect(screen.handle(.character("x"), context) == .done)
        #expect(screen.fields["phone"] == "0555 123 45 67")
    }

    @Test func escInTheReviewGoesBackToTheFormAsTyped() {
        var screen = loaded()
        screen.replace("fax", with: "0312 111 22 33")
        screen.press(.function(2))
        #expect(screen.handle(.escape, context) == .done)
        guard case .editing = screen.mode else { Issue.record("not back"); return }
        #expect(screen.fields["fax"] == "0312 111 22 33")
        #expect(screen.focus == "fax")
    }

    @Test func savingNothingChangedSaysSo() {
        var screen = loaded()
        screen.replace("phone", with: "0532 123 45 67")
        #expect(!screen.hasUnsavedChanges)
        #expect(screen.handle(.ctrl("s"), context) == .done)
        guard case .editing = screen.mode else { Issue.record("went on"); return }
        #expect(screen.status?.text.contains("Değişiklik yok") == true)
    }

    @Test func aSuccessfulSaveBecomesTheNewBaselineWithItsETag() {
        var screen = loaded()
        screen.replace("phone", with: "0555 123 45 67")
        let effects = screen.saveThroughReview()
        guard case .call(let call)? = effects.first else { Issue.record("no save"); return }
        var saved = FormFixtures.contact
        saved.phone = "+905551234567"
        _ = screen.receive(.reply(call, .contact(.success(saved, etag: "\"v2\""))), context)
        #expect(!screen.hasUnsavedChanges)
        #expect(screen.fields["phone"] == "+905551234567")
        #expect(screen.status == .success("Kaydedildi (14:32)."))
        #expect(screen.etag == "\"v2\"")
        screen.replace("fax", with: "+903121112233")
        guard case .call(.saveContact(_, let etag))? = screen.saveThroughReview().first else {
            Issue.record("no second save")
            return
        }
        #expect(etag == "\"v2\"")
    }

    @Test func a422PutsEachErrorBesideItsFieldAndKeepsTheForm() {
        var screen = loaded()
        screen.replace("phone", with: "0555 123 45 67")
        guard case .call(let call)? = screen.saveThroughReview().first else { Issue.record("no save"); return }
        let refusal = FormFixtures.refusal(
            FieldError(field: "email", code: FieldErrorCode.emailTaken, message: "taken"),
            FieldError(field: "contact_address.district", code: FieldErrorCode.tooLong, message: "long"))
        _ = screen.receive(.reply(call, .contact(.failure(refusal))), context)
        #expect(screen.focus == "email")
        #expect(screen.line(containing: "> E-posta").contains("✗ Bu e-posta başka"))
        #expect(screen.line(containing: "İlçe").contains("✗ Çok uzun"))
        #expect(screen.fields["phone"] == "0555 123 45 67")
        #expect(screen.status?.text.contains("2 alanı kabul etmedi") == true)
        #expect(screen.hasUnsavedChanges)
    }

    @Test func aNetworkFailureKeepsTheFormAndOffersARetryWithF2() {
        var screen = loaded()
        screen.replace("phone", with: "0555 123 45 67")
        guard case .call(let call)? = screen.saveThroughReview().first else { Issue.record("no save"); return }
        _ = screen.receive(.reply(call, .contact(.failure(FormFixtures.refused))), context)
        guard case .editing = screen.mode else { Issue.record("form not back"); return }
        #expect(screen.fields["phone"] == "0555 123 45 67")
        #expect(screen.status?.kind == .error)
        #expect(screen.status?.text.contains("bağlantı reddedildi") == true)
        #expect(screen.keyHints(context).first == KeyHint(label: "F2", text: "Yeniden dene", priority: 4))
        #expect(screen.saveThroughReview() == [.call(call)])
    }

    @Test func aMalformedReplyOrAServerErrorKeepsTheForm() {
        let failures: [APIFailure] = [
            .malformed(MalformedReply(status: 200, mediaType: "text/html", reason: .notJSON)),
            .problem(Problem(title: "Unavailable", status: 503, code: ProblemCode.serviceUnavailable)),
            .problem(Problem(title: "Too many", status: 429, code: ProblemCode.tooManyAttempts, retryAfter: 30)),
        ]
        for failure in failures {
            var screen = loaded()
            screen.replace("fax", with: "0312 111 22 33")
            guard case .call(let call)? = screen.saveThroughReview().first else { Issue.record("no save"); return }
            _ = screen.receive(.reply(call, .contact(.failure(failure))), context)
            #expect(screen.fields["fax"] == "0312 111 22 33")
            #expect(screen.status?.text == Strings(.tr).saveFailed(failure.message(in: .tr)))
            #expect(screen.hasUnsavedChanges)
        }
    }

    @Test func escDuringTheSaveKeepsTheFormAndSaysItWasNotSaved() {
        var screen = loaded()
        screen.replace("phone", with: "0555 123 45 67")
        guard case .call(let call)? = screen.saveThroughReview().first else { Issue.record("no save"); return }
        _ = screen.receive(.cancelled(call), context)
        guard case .editing = screen.mode else { Issue.record("form not back"); return }
        #expect(screen.fields["phone"] == "0555 123 45 67")
        #expect(screen.status?.kind == .warning)
        #expect(screen.status?.text.contains("kaydedilmemiş olabilir") == true)
    }

    @Test func theFocusedFieldSaysHowItWillBeStoredAsItIsTyped() {
        var screen = loaded()
        screen.replace("phone", with: "0532 765 43 21")
        #expect(screen.lines().contains { $0.contains("Kaydedilecek hâli: +905327654321") })
        screen.press(.backspace)
        #expect(screen.lines().contains { $0.contains("✗") && $0.contains("Telefon") })
        #expect(!screen.lines().contains { $0.contains("Kaydedilecek hâli") })
        screen.replace("phone", with: "+905327654321")
        #expect(!screen.lines().contains { $0.contains("Kaydedilecek hâli") }, "typed as it will be stored")
    }

    // MARK: - Conflicts

    func conflicted(server: ContactDetails) -> (ContactScreen, APICall) {
        var screen = loaded()
        screen.replace("phone", with: "0555 123 45 67")
        let call = screen.saveThroughReview().first.flatMap { effect -> APICall? in
            if case .call(let call) = effect { return call }
            return nil
        }
        let conflict = Conflict(problem: FormFixtures.stale, current: server, etag: "\"v9\"")
        _ = screen.receive(.reply(call ?? .contact, .contact(.conflict(conflict))), context)
        return (screen, call ?? .contact)
    }

    var serverVersion: ContactDetails {
        var server = FormFixtures.contact
        server.phone = "+905559998877"
        server.contactAddress.district = "Keçiören"
        return server
    }

    @Test func aConflictListsOnlyTheFieldsBothSidesChangedAndTakesTheServersOthers() {
        let (screen, _) = conflicted(server: serverVersion)
        guard case .conflict = screen.mode else { Issue.record("no conflict view"); return }
        let lines = screen.lines()
        #expect(lines.contains { $0.contains("başka bir yerde değiştirildi") })
        #expect(lines.contains { $0.contains("Sizin yazdığınız") && $0.contains("Sunucudaki") })
        #expect(lines.contains { $0.contains("Telefon  ") && $0.contains("+905551234567") && $0.contains("│ +90555999") })
        // The district only the other side changed is not a question: the form has it already.
        #expect(!lines.contains { $0.contains("İlçe") })
        #expect(screen.fields["contact_address.district"] == "Keçiören")
        #expect(!lines.contains { $0.contains("E-posta") })
        #expect(screen.keyHints(context).map(\.label) == ["Enter", "S", "Esc"])
        #expect(screen.status?.kind == .warning)
    }

    @Test func keepingMineSavesAgainWithTheConflictsETagThroughTheReview() {
        var (screen, _) = conflicted(server: serverVersion)
        screen.press(.enter)
        guard case .reviewing = screen.mode else { Issue.record("no review"); return }
        #expect(screen.lines().contains { $0.contains("+905559998877") && $0.contains("+905551234567") })
        #expect(!screen.lines().contains { $0.contains("Keçiören") }, "the other side's district is not undone")
        guard case .handled(let effects) = screen.handle(.enter, context),
              case .call(.saveContact(let value, let etag))? = effects.first
        else { Issue.record("no save"); return }
        #expect(etag == "\"v9\"")
        #expect(value.phone == "+905551234567")
        #expect(value.contactAddress.district == "Keçiören")
    }

    @Test func aConflictOnFieldsTheCustomerDidNotTouchMergesAndGoesStraightToTheReview() {
        var server = FormFixtures.contact
        server.fax = "+903121112233"
        var (screen, _) = conflicted(server: server)
        guard case .reviewing = screen.mode else { Issue.record("no review: \(screen.mode)"); return }
        #expect(screen.fields["fax"] == "+903121112233")
        #expect(screen.status?.text.contains("Faks") == true)
        #expect(!screen.lines().contains { $0.contains("+903121112233") }, "only the customer's change is reviewed")
        guard case .handled(let effects) = screen.handle(.enter, context),
              case .call(.saveContact(let value, let etag))? = effects.first
        else { Issue.record("no save"); return }
        #expect(etag == "\"v9\"")
        #expect(value.phone == "+905551234567")
        #expect(value.fax == "+903121112233")
    }

    @Test func takingTheServersKeepsTheCustomersOtherChangesTyped() {
        var screen = loaded()
        screen.replace("phone", with: "0555 123 45 67")
        screen.replace("contact_address.line2", with: "Bahçelievler")
        guard case .call(let call)? = screen.saveThroughReview().first else { Issue.record("no save"); return }
        let conflict = Conflict(problem: FormFixtures.stale, current: serverVersion, etag: "\"v9\"")
        _ = screen.receive(.reply(call, .contact(.conflict(conflict))), context)
        screen.press(.character("S"))
        guard case .editing = screen.mode else { Issue.record("not back"); return }
        #expect(screen.fields["phone"] == "+905559998877")
        #expect(screen.fields["contact_address.line2"] == "Bahçelievler")
        #expect(screen.hasUnsavedChanges)
        #expect(screen.etag == "\"v9\"")
    }

    @Test func takingTheServersReplacesTheFormAndItsETag() {
        var (screen, _) = conflicted(server: serverVersion)
        screen.press(.character("s"))
        guard case .editing = screen.mode else { Issue.record("not back"); return }
        #expect(screen.fields["phone"] == "+905559998877")
        #expect(screen.fields["contact_address.district"] == "Keçiören")
        #expect(!screen.hasUnsavedChanges)
        #expect(screen.etag == "\"v9\"")
        #expect(screen.status?.text.contains("Sunucudaki bilgiler forma yüklendi") == true)
    }

    @Test func aConflictWithWhatWasTypedAlreadyOnTheServerNeedsNoChoice() {
        var server = FormFixtures.contact
        server.phone = "+905551234567"
        let (screen, _) = conflicted(server: server)
        guard case .editing = screen.mode else { Issue.record("asked to choose"); return }
        #expect(screen.etag == "\"v9\"")
        #expect(!screen.hasUnsavedChanges)
        #expect(screen.status?.kind == .success)
    }

    @Test func escInTheConflictGoesBackToTheFormAsTyped() {
        var (screen, _) = conflicted(server: serverVersion)
        #expect(screen.handle(.escape, context) == .done)
        #expect(screen.fields["phone"] == "0555 123 45 67")
        #expect(screen.etag == FormFixtures.etag)
        #expect(screen.hasUnsavedChanges)
    }

    // MARK: - Typing, language, layout

    @Test func lettersTheShellUsesAreTypedInTextFields() {
        var screen = loaded()
        screen.replace("contact_address.line2", with: "")
        #expect(screen.isEditingText)
        #expect(screen.handle(.character("q"), context) == .done)
        #expect(screen.handle(.character("l"), context) == .done)
        #expect(screen.handle(.character("?"), context) == .done)
        #expect(screen.fields["contact_address.line2"] == "ql?")
    }

    @Test func switchingTheLanguageKeepsWhatWasTyped() {
        var screen = loaded()
        screen.replace("phone", with: "0555 123 45 67")
        screen.press(.function(2))
        let english = FormFixtures.context(.en)
        _ = screen.languageChanged(english)
        #expect(screen.lines(english).contains { $0.contains("What will change") })
        screen.press(.escape, in: english)
        #expect(screen.fields["phone"] == "0555 123 45 67")
        #expect(screen.line(containing: "> Phone", english).contains("0555 123 45 67"))
        #expect(screen.lines(english).contains { $0.contains("Contact address") })
    }

    @Test func theWholeFormFitsAt80x24AndUsesTheRoomAt120x40() {
        var screen = loaded()
        screen.replace("email", with: "yeni@example.com")
        let lines = screen.lines()
        for label in ["E-posta", "Mevcut parola", "Telefon", "Faks", "Adres satırı 1", "Adres satırı 2", "İlçe", "İl ",
                      "Posta kodu", "Ülke"] {
            #expect(lines.contains { $0.contains(label) }, "\(label) missing at 80x24")
        }
        let wide = FormFixtures.context(width: 120, height: 37)
        let row = screen.line(containing: "Adres satırı 1", wide)
        #expect(row.firstIndex(of: "]").map { row.distance(from: row.startIndex, to: $0) } ?? 0 > 60)
    }
}
