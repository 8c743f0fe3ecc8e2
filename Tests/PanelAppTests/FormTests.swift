import PanelClient
import PanelModels
import Testing
import TerminalUI

@testable import PanelApp

// MARK: - Fixtures shared by the form tests

/// The demo customer's data, as the server seeds it.
enum FormFixtures {
    static let ankara = Address(line1: "Atatürk Cad. No: 12/3", line2: "Kızılay Mah.", district: "Çankaya",
                                province: "Ankara", postalCode: "06420", country: "TR")
    static let izmir = Address(line1: "Kordon Boyu 5", district: "Konak", province: "İzmir", postalCode: "35210")
    static let contact = ContactDetails(email: "demo@example.com", phone: "+905321234567", contactAddress: ankara)
    static let billing = BillingProfile(type: .individual, fullName: "Ayşe Yılmaz", tckn: "10000000146",
                                        address: ankara)
    static let overview = Overview(
        customerNumber: "HK-100231", firstName: "Ayşe", lastName: "Yılmaz", email: contact.email,
        phone: contact.phone, fax: nil, contactAddress: izmir, billing: billing,
        editable: ["email", "phone", "fax", "contact_address", "billing"], updatedAt: Timestamp(seconds: 0),
        lastSignIn: nil)
    static let etag = "\"v1\""

    static func context(_ language: Language = .tr, width: Int = 80, height: Int = 21,
                        overview: Overview? = FormFixtures.overview) -> ScreenContext {
        ScreenContext(language: language, overview: overview, email: contact.email,
                      wallClock: Timestamp(rfc3339: "2026-11-25T11:32:00Z")!,
                      bodySize: Size(width: width, height: height))
    }

    /// A transport failure, as when the server is gone.
    static let refused = APIFailure.transport(.connectionRefused(host: "127.0.0.1"))

    /// A 422 with these field errors.
    static func refusal(_ errors: FieldError...) -> APIFailure {
        .problem(Problem(title: "Unprocessable", status: 422, code: ProblemCode.validationFailed, errors: errors))
    }

    /// A 412's problem.
    static let stale = Problem(title: "Precondition failed", status: 412, code: ProblemCode.preconditionFailed)
}

/// Drives a form screen with keys, as a customer would.
extension FormScreen {
    /// The screen opened and loaded with `value`.
    static func loaded(_ value: Schema.Value, _ context: ScreenContext = FormFixtures.context()) -> Self {
        var screen = Self()
        _ = screen.open(context)
        _ = screen.receive(.reply(Schema.calls.load, reply(value, etag: FormFixtures.etag)), context)
        return screen
    }

    /// A success reply for this form's resource.
    static func reply(_ value: Schema.Value, etag: String) -> APIReply {
        wrap(.success(value, etag: etag))
    }

    static func wrap(_ result: APIResult<Schema.Value>) -> APIReply {
        switch result {
        case let result as APIResult<ContactDetails>: .contact(result)
        case let result as APIResult<BillingProfile>: .billing(result)
        default: fatalError("not a form resource")
        }
    }

    @discardableResult
    mutating func press(_ keys: Key..., in context: ScreenContext = FormFixtures.context()) -> [KeyResult] {
        keys.map { handle($0, context) }
    }

    mutating func type(_ text: String, in context: ScreenContext = FormFixtures.context()) {
        for character in text { _ = handle(.character(character), context) }
    }

    /// Tabs to the field at `path` (failing the test when it is not shown).
    mutating func focus(on path: FieldPath, in context: ScreenContext = FormFixtures.context()) {
        for _ in 0..<30 where focus != path { _ = handle(.tab, context) }
        #expect(focus == path)
    }

    /// Replaces the text of the field at `path` as a customer would: go there, Ctrl-U, type.
    mutating func replace(_ path: FieldPath, with text: String, in context: ScreenContext = FormFixtures.context()) {
        focus(on: path, in: context)
        press(.end, .ctrl("u"), in: context)
        type(text, in: context)
    }

    /// F2 then Enter: the effects of confirming the review.
    mutating func saveThroughReview(in context: ScreenContext = FormFixtures.context()) -> [Effect] {
        _ = handle(.function(2), context)
        guard case .reviewing = mode else { return [] }
        guard case .handled(let effects) = handle(.enter, context) else { return [] }
        return effects
    }

    func lines(_ context: ScreenContext = FormFixtures.context()) -> [String] {
        var canvas = Canvas(size: context.bodySize)
        _ = render(in: canvas.bounds, into: &canvas, context)
        return canvas.lines()
    }

    /// The rendered line holding `text`, or "" (for messages beside a field).
    func line(containing text: String, _ context: ScreenContext = FormFixtures.context()) -> String {
        lines(context).first { $0.contains(text) } ?? ""
    }
}

// MARK: - The shared machinery

@Suite struct FormTests {
    @Test func provincePickerFindsIzmirFromAsciiPrefixAndPlateCode() {
        #expect(ProvincePicker(query: "izm").selectedName == "İzmir")
        #expect(ProvincePicker(query: "İZM").selectedName == "İzmir")
        #expect(ProvincePicker(query: "35").selectedName == "İzmir")
        #expect(ProvincePicker(query: "cankiri").selectedName == "Çankırı")
        #expect(ProvincePicker(query: "xyz").selectedName == nil)
    }

    @Test func provincePickerMovesWithTheArrows() {
        var picker = ProvincePicker(query: "ka")
        let first = picker.selectedName
        picker.move(.down)
        #expect(picker.selectedName != first)
        #expect(picker.selectedName?.hasPrefix("Ka") == true)
    }

    @Test func aProvinceListWithNoMatchSaysSo() {
        var canvas = Canvas(size: Size(width: 80, height: 21))
        ProvincePicker(query: "qq").render(under: Rect(x: 21, y: 3, width: 20, height: 1), in: canvas.bounds,
                                          into: &canvas, noMatches: "Eşleşen il yok")
        #expect(canvas.lines()[5].contains("Eşleşen il yok"))
    }

    @Test func theProvinceListOpensAboveTheFieldWhenThereIsNoRoomBelow() {
        var canvas = Canvas(size: Size(width: 80, height: 21))
        ProvincePicker(query: "").render(under: Rect(x: 21, y: 18, width: 20, height: 1), in: canvas.bounds,
                                        into: &canvas, noMatches: "")
        let lines = canvas.lines()
        #expect(lines[17].contains("┘"))
        #expect(lines[19].trimmingSpaces.isEmpty)
    }

    @Test func addressFieldsRoundTripAnAddressUnderTheirPrefix() {
        let rows = AddressFields(prefix: "address")
        var fields = FormFields()
        rows.copy(FormFixtures.ankara, into: &fields)
        #expect(fields["address.postal_code"] == "06420")
        #expect(rows.address(from: fields) == FormFixtures.ankara)
        fields["address.line2"] = ""
        #expect(rows.address(from: fields).line2 == nil)
    }

    @Test func changeTableWrapsLongValuesInTheirColumn() {
        let long = String(repeating: "Uzun Sokak ", count: 6)
        let table = ChangeTable(headers: ("Alan", "Şu an", "Yeni"), separator: .becomes,
                                changes: [FormChange(path: "x", label: "Adres", before: "Kısa", after: long)])
        var canvas = Canvas(size: Size(width: 80, height: 10))
        table.render(in: canvas.bounds, scroll: 0, into: &canvas)
        let lines = canvas.lines()
        #expect(table.lineCount(width: 80) == 3)
        #expect(lines[0].hasPrefix("Alan"))
        #expect(lines[2].contains("Adres") && lines[2].contains("Kısa") && lines[2].contains("→"))
        #expect(lines[3].contains("Uzun Sokak"))
        #expect(!lines[3].contains("Adres"))
    }

    @Test func theFormScrollsToKeepTheFocusedRowVisibleInAShortWindow() {
        let short = FormFixtures.context(height: 10)
        var screen = ContactScreen.loaded(FormFixtures.contact, short)
        screen.focus(on: "contact_address.country", in: short)
        let lines = screen.lines(short)
        #expect(lines.contains { $0.contains("> Ülke") })
        #expect(!lines.contains { $0.contains("Ad soyad") })
        #expect(lines.contains { $0.contains("↑") })
        screen.press(.tab, in: short)  // wraps to the e-mail at the top
        #expect(screen.lines(short).contains { $0.contains("> E-posta") })
    }

    @Test func aResizeKeepsTheFocusedRowVisible() {
        var screen = ContactScreen.loaded(FormFixtures.contact)
        screen.focus(on: "contact_address.country")
        let short = FormFixtures.context(height: 8)
        screen.resized(short)
        #expect(screen.lines(short).contains { $0.contains("> Ülke") })
    }

    @Test func theReviewScrollsWhenItsRowsDoNotFit() {
        var screen = ContactScreen.loaded(FormFixtures.contact)
        screen.replace("contact_address.line1", with: String(repeating: "Çok Uzun Bir Sokak ", count: 6))
        screen.replace("contact_address.line2", with: String(repeating: "Uzun Mahalle ", count: 8))
        screen.replace("contact_address.district", with: "Karşıyaka")
        screen.replace("contact_address.province", with: "İzmir")
        screen.press(.enter)
        screen.replace("contact_address.postal_code", with: "35500")
        screen.replace("phone", with: "0555 111 22 33")
        let small = FormFixtures.context(height: 14)
        screen.press(.function(2), in: small)
        #expect(screen.lines(small).contains { $0.contains("↓") })
        screen.press(.pageDown, .pageDown, .pageDown, .pageDown, in: small)
        #expect(screen.lines(small).contains { $0.contains("35500") })
    }
}

extension String {
    var trimmingSpaces: String { TextRules.trimmed(self) }
}

// MARK: - In the shell

/// The forms inside the real shell: its cancel key, its password prompt, its "leave anyway?".
@Suite struct FormShellTests {
    /// The contact screen opened after sign-in, loaded, the phone changed and saved through the review.
    func savingAPhone() -> PanelProgram {
        var program = PanelProgram.forTests(language: .tr, initialScreen: .contact)
        program.send(.resize(Size(width: 80, height: 24)))
        program.answerCalls()
        program.press(.tab, .end, .ctrl("u"))
        program.type("0555 123 45 67")
        program.press(.function(2), .enter)
        return program
    }

    func saveInFlight(_ program: PanelProgram) -> TransferID? {
        program.inFlight.first { $0.value.call.isSave }?.key
    }

    @Test func escDuringTheSaveCancelsItAndTheFormStays() {
        var program = savingAPhone()
        #expect(saveInFlight(program) != nil)
        #expect(program.screenText().contains("Kaydediliyor…"))
        program.press(.escape)
        #expect(saveInFlight(program) == nil)
        #expect(program.route == .contact)
        let text = program.screenText()
        #expect(text.contains("[0555 123 45 67"))
        #expect(text.contains("Kaydetme iptal edildi"))
    }

    @Test func anExpiredSessionAsksForThePasswordAndThenSavesTheFormAsItWas() throws {
        var program = savingAPhone()
        let id = try #require(saveInFlight(program))
        program.deliver(.contact(.failure(.problem(Problem(title: "expired", status: 401,
                                                           code: ProblemCode.sessionExpired)))), for: id)
        #expect(program.screenText().contains("Oturum sona erdi"))
        program.type("demo1234")
        program.press(.enter)
        let signIn = try #require(program.inFlight.first { $0.value.call.isSignIn }?.key)
        program.deliver(.signIn(.success(SignedInSession(token: SessionToken("again"),
                                                         expiresAt: Timestamp(seconds: 2_000_000_000),
                                                         idleTimeoutMinutes: 30), etag: nil)), for: signIn)
        let again = try #require(program.inFlight.first { $0.value.call.isSave })
        var expected = FormFixtures.contact
        expected.phone = "+905551234567"
        guard case .saveContact(let sent, _) = again.value.call else { Issue.record("not the save"); return }
        #expect(sent.phone == expected.phone)
        program.deliver(.contact(.success(sent, etag: "\"v2\"")), for: again.key)
        #expect(program.screenText().contains("✓ Kaydedildi"))
    }

    @Test func leavingWithUnsavedChangesAsksFirst() {
        var program = PanelProgram.forTests(language: .tr, initialScreen: .billing)
        program.send(.resize(Size(width: 80, height: 24)))
        program.answerCalls()
        program.press(.character(" "), .character("q"))
        #expect(program.screenText().contains("Yine de çıkılsın mı?"))
        #expect(program.route == .billing)
        program.press(.escape, .character(" "), .character("q"))
        #expect(program.route == .home)
    }
}

extension FormTests {
    @Test func aLongValueReadsFromItsStartOutsideTheFocus() {
        var address = FormFixtures.contact
        address.contactAddress.line1 = "Cumhuriyet Bulvarı No: 140, Kat 3 Daire 7, Alsancak Mahallesi"
        var screen = ContactScreen.loaded(address)
        #expect(screen.line(containing: "Adres satırı 1").contains("[Cumhuriyet Bulvarı No: 140"))
        screen.focus(on: "contact_address.line1")
        #expect(screen.line(containing: "Adres satırı 1").contains("Alsancak Mahallesi"))
    }
}
