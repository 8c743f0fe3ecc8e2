import PropertyTesting
import Testing

@testable import PanelModels

// Property tests of every validator: thousands of generated values each, valid and invalid ones
// made on purpose plus hostile text (controls, escapes, bidi overrides, combining marks, CJK,
// emoji, full-width and Arabic-Indic digits, huge strings). Each validator must never trap and
// must agree with a reference written here from the official rules, independently of
// Sources/PanelModels. A failure names its seed (see Tests/PropertyTesting).

// MARK: - References, from the rules

enum Reference {
    /// The ASCII digit values of `text`, or nil when any scalar is not '0'…'9'.
    static func digitValues(_ text: String) -> [Int]? {
        var values: [Int] = []
        for scalar in text.unicodeScalars {
            guard ("0"..."9").contains(scalar) else { return nil }
            values.append(Int(scalar.value) - 48)
        }
        return values
    }

    /// T.C. Kimlik No (Nüfus ve Vatandaşlık İşleri): 11 digits d1…d11, d1 ≠ 0,
    /// d10 = ((d1+d3+d5+d7+d9)·7 − (d2+d4+d6+d8)) mod 10, d11 = (d1+…+d10) mod 10.
    static func tcknCheckDigits(_ first9: [Int]) -> (Int, Int) {
        var odd = 0, even = 0
        for (position, digit) in zip(1...9, first9) {
            if position % 2 == 1 { odd += digit } else { even += digit }
        }
        var tenth = (odd * 7 - even) % 10
        if tenth < 0 { tenth += 10 }
        let eleventh = (first9.reduce(0, +) + tenth) % 10
        return (tenth, eleventh)
    }

    static func isTCKN(_ text: String) -> Bool {
        guard let d = digitValues(text), d.count == 11, d[0] != 0 else { return false }
        let (tenth, eleventh) = tcknCheckDigits(Array(d.prefix(9)))
        return d[9] == tenth && d[10] == eleventh
    }

    /// Vergi Kimlik No (Gelir İdaresi Başkanlığı): for positions i = 1…9,
    /// t = (dᵢ + 10 − i) mod 10; vᵢ = t · 2^(10−i) mod 9, and 9 instead of 0 when t ≠ 0;
    /// d10 = (10 − (Σvᵢ mod 10)) mod 10.
    static func vknCheckDigit(_ first9: [Int]) -> Int {
        var sum = 0
        for (position, digit) in zip(1...9, first9) {
            let t = (digit + 10 - position) % 10
            var power = 1
            for _ in 0..<(10 - position) { power *= 2 }
            let v = t * power % 9
            sum += (t != 0 && v == 0) ? 9 : v
        }
        return (10 - sum % 10) % 10
    }

    static func isVKN(_ text: String) -> Bool {
        guard let d = digitValues(text), d.count == 10 else { return false }
        return d[9] == vknCheckDigit(Array(d.prefix(9)))
    }

    /// PTT postcodes: 5 digits, the first two the plate code of a province, 01–81.
    static func isTurkishPostcode(_ text: String) -> Bool {
        guard let d = digitValues(text), d.count == 5 else { return false }
        return (1...81).contains(d[0] * 10 + d[1])
    }

    static let phoneSeparators: Set<Character> = [" ", ".", "-", "/", "(", ")"]

    /// E.164 (ITU-T): `+`, a country code not starting with 0, at most 15 digits in all (the panel
    /// asks for 7 at least). Turkey (+90): a national significant number of 10 digits whose first
    /// is 2, 3, 4 (fixed lines), 5 (mobile) or 8 (services). Written at home: a trunk 0 before
    /// the national number, or the national number alone; abroad: `+` or the `00` prefix.
    /// Separators: space . - / ( ) anywhere; `+` only before the first digit.
    static func e164(_ text: String, country: String) -> String? {
        guard text.count <= 32 else { return nil }
        let core = trimmedWhitespace(text)
        var digits: [Character] = []
        var sawPlus = false
        for character in core {
            if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
               ("0"..."9").contains(scalar) {
                digits.append(character)
            } else if character == "+" && !sawPlus && digits.isEmpty {
                sawPlus = true
            } else if !phoneSeparators.contains(character) {
                return nil
            }
        }
        let atHome = trimmedWhitespace(country).uppercased() == "TR"
        var international: [Character]
        if sawPlus {
            international = digits
        } else if digits.starts(with: ["0", "0"]) {
            international = Array(digits.dropFirst(2))
        } else if atHome {
            if digits.first == "0" {
                international = ["9", "0"] + digits.dropFirst()
            } else if digits.count == 12 && digits.starts(with: ["9", "0"]) {
                international = digits
            } else {
                international = ["9", "0"] + digits
            }
        } else {
            return nil
        }
        guard international.count >= 7, international.count <= 15, international.first != "0" else { return nil }
        if international.starts(with: ["9", "0"]) {
            let national = international.dropFirst(2)
            guard national.count == 10, let lead = national.first, "23458".contains(lead) else { return nil }
        }
        return "+" + String(international)
    }

    /// Unicode White_Space trimmed from both ends.
    static func trimmedWhitespace(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// The panel's e-mail rule (RFC 5321/5322's everyday subset): `local@domain`, 254 bytes at
    /// most; the local part 1–64 bytes of atext or non-ASCII letters, no dot first, last or twice;
    /// the domain 253 bytes at most, two labels or more, each 1–63 bytes of letters, digits and
    /// inner hyphens; the top-level label 2 characters or more, letters only or an `xn--` form.
    static func isEmail(_ raw: String) -> Bool {
        let text = trimmedWhitespace(raw)
        guard text.utf8.count <= 254, !hasControl(text), let at = text.firstIndex(of: "@") else { return false }
        let local = text[..<at]
        let domain = text[text.index(after: at)...]
        guard !domain.contains("@") else { return false }
        let atext = Set("!#$%&'*+-/=?^_`{|}~.")
        guard (1...64).contains(local.utf8.count), local.first != ".", local.last != ".", !local.contains("..")
        else { return false }
        for character in local {
            let asciiWord = character.isASCII && (character.isLetter || character.isNumber)
            guard asciiWord || atext.contains(character) || (!character.isASCII && character.isLetter)
            else { return false }
        }
        guard domain.utf8.count <= 253 else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard (1...63).contains(label.utf8.count), label.first != "-", label.last != "-",
                  label.allSatisfy({ $0 == "-" || $0.isLetter || $0.isNumber })
            else { return false }
        }
        let top = labels.last!
        return top.count >= 2 && (top.allSatisfy(\.isLetter) || top.lowercased().hasPrefix("xn--"))
    }

    /// What no field may hold: C0, DEL, C1, the line and paragraph separators, and the bidi
    /// marks, embeddings, overrides and isolates.
    static func hasControl(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.contains { scalar in
            let v = scalar.value
            return v < 0x20 || (0x7F...0x9F).contains(v) || [0x2028, 0x2029, 0x200E, 0x200F].contains(v)
                || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
        }
    }

    /// The code a single text field's first broken rule gives: required, control characters, too
    /// long (in characters, after trimming); nil when the text passes these three.
    static func textRuleCode(_ value: String?, required: Bool, max: Int) -> String? {
        guard let value, !trimmedWhitespace(value).isEmpty else { return required ? "required" : nil }
        if hasControl(value) { return "control_characters" }
        if trimmedWhitespace(value).count > max { return "too_long" }
        return nil
    }
}

// MARK: - Generated values

extension SeededRandom {
    /// A valid TC Kimlik No, built from 9 random digits and the two check digits.
    mutating func validTCKN() -> String {
        let first9 = [int(in: 1...9)] + digits(8)
        let (tenth, eleventh) = Reference.tcknCheckDigits(first9)
        return (first9 + [tenth, eleventh]).map(String.init).joined()
    }

    mutating func validVKN() -> String {
        let first9 = digits(9)
        return (first9 + [Reference.vknCheckDigit(first9)]).map(String.init).joined()
    }

    /// `valid` broken in one of the ways people and imports break numbers, or hostile text.
    mutating func damaged(_ valid: String) -> String {
        var characters = Array(valid)
        switch int(in: 0...8) {
        case 0:
            let index = int(in: 0...(characters.count - 1))
            characters[index] = Character(String(int(in: 0...9)))
        case 1:
            let index = int(in: 0...(characters.count - 2))
            characters.swapAt(index, index + 1)
        case 2: characters.removeLast()
        case 3: characters.append(Character(String(int(in: 0...9))))
        case 4: characters[0] = "0"
        case 5:
            let index = int(in: 0...(characters.count - 1))
            let digit = characters[index].unicodeScalars.first!.value - 48
            characters[index] = pick([Character(Unicode.Scalar(0xFF10 + digit)!),
                                      Character(Unicode.Scalar(0x660 + digit)!)])
        case 6:
            let at = int(in: 0...characters.count)
            return String(characters[..<at]) + piece(pick([.whitespace, .c0, .bidi, .combining]))
                + String(characters[at...])
        case 7: return hostileTextSometimesHuge()
        default: return String(repeating: Character(String(int(in: 0...9))), count: valid.count)
        }
        return String(characters)
    }

    /// A Turkish number in one of the ways it is written, and its E.164 form.
    mutating func writtenTurkishPhone() -> (written: String, e164: String) {
        let national = [pick([2, 3, 4, 5, 8])] + digits(9)
        let text = national.map(String.init).joined()
        let e164 = "+90" + text
        let a = text.prefix(3), b = text.dropFirst(3).prefix(3), c = text.dropFirst(6).prefix(2), d = text.suffix(2)
        let written = pick([
            "0\(a) \(b) \(c) \(d)", "0\(text)", "\(text)", "(0\(a)) \(b)-\(c)-\(d)", "+90 \(a) \(b) \(c) \(d)",
            "0090 \(text)", "+90\(text)", "90\(text)", "0\(a).\(b).\(c).\(d)", " 0\(a)/\(b)\(c)\(d)  ",
        ])
        return (written, e164)
    }

    /// Something phone-like: digits, separators, plus signs and the odd hostile piece.
    mutating func phoneLikeText() -> String {
        var text = ""
        for _ in 0..<int(in: 0...20) {
            switch int(in: 0...9) {
            case 0...5: text += String(int(in: 0...9))
            case 6: text += pick([" ", ".", "-", "/", "(", ")"])
            case 7: text += pick(["+", "00", "0", "90"])
            default: text += piece(pick(SeededRandom.Piece.allCases))
            }
        }
        return text
    }

    /// An address-like e-mail, valid or broken in one place.
    mutating func emailLikeText() -> String {
        let localPieces = ["ayse", "a.b", "x+tag", "_", "O'Brien", "çağrı", "..", ".", "-", "!#$", "a b", "\"q\""]
        let domainPieces = ["example", "haker", "com", "tr", "xn--haker-9ta", "-x", "x-", "", "123", "ışık", "a_b"]
        var local = (0..<int(in: 0...3)).map { _ in pick(localPieces) }.joined()
        if chance(10) { local = String(repeating: "a", count: int(in: 60...70)) }
        var labels = (0..<int(in: 1...4)).map { _ in pick(domainPieces) }
        if chance(10) { labels.insert(String(repeating: "b", count: int(in: 60...66)), at: 0) }
        if chance(5) { labels = (0..<int(in: 4...6)).map { _ in String(repeating: "c", count: 60) } + ["com"] }
        var text = local + (chance(95) ? "@" : "") + labels.joined(separator: ".")
        if chance(5) { text += "@" + pick(domainPieces) }
        if chance(15) { text.insert(contentsOf: piece(pick(SeededRandom.Piece.allCases)), at: text.startIndex) }
        if chance(10) { text += piece(pick([.whitespace, .c0, .bidi, .combining, .emoji])) }
        return text
    }
}

// MARK: - Single fields

@Suite("Validators agree with references written from the official rules")
struct ValidatorPropertyTests {
    static let cases = 4_000

    @Test func everyGeneratedTCKimlikNoIsJudgedAsTheRuleSays() {
        let outcome = Property.check("tckn", cases: Self.cases) { random in
            let valid = random.validTCKN()
            guard TCKN.isValid(valid), Reference.isTCKN(valid) else { return "valid \(valid) refused" }
            let other = random.chance(50) ? random.damaged(valid) : random.hostileTextSometimesHuge()
            let expected = Reference.isTCKN(other)
            return TCKN.isValid(other) == expected ? nil : "\(other.debugEscaped): reference says \(expected)"
        }
        #expect(outcome.passed, "\(outcome)")
        #expect(Reference.isTCKN("10000000146") && Reference.isTCKN("17291716060"), "the reference knows the examples")
    }

    @Test func everyGeneratedVKNIsJudgedAsTheRuleSays() {
        let outcome = Property.check("vkn", cases: Self.cases) { random in
            let valid = random.validVKN()
            guard VKN.isValid(valid) else { return "valid \(valid) refused" }
            let other = random.chance(50) ? random.damaged(valid) : random.hostileTextSometimesHuge()
            let expected = Reference.isVKN(other)
            return VKN.isValid(other) == expected ? nil : "\(other.debugEscaped): reference says \(expected)"
        }
        #expect(outcome.passed, "\(outcome)")
        #expect(Reference.isVKN("4540536920"), "the reference knows the example")
    }

    @Test func everyGeneratedPostcodeIsJudgedAsTheRuleSaysAndMatchesOnlyItsProvince() {
        let outcome = Property.check("postcode", cases: Self.cases) { random in
            let plate = random.int(in: 0...99)
            let postcode = (plate < 10 ? "0\(plate)" : "\(plate)") + random.digits(3).map(String.init).joined()
            let text = random.chance(60) ? postcode : random.damaged(postcode)
            let expected = Reference.isTurkishPostcode(text)
            guard TurkishPostalCode.isWellFormed(text) == expected else {
                return "\(text.debugEscaped): reference says \(expected)"
            }
            let province = Province.all[random.int(in: 0...80)]
            let belongs = expected && Int(text.prefix(2)) == province.plateCode
            return TurkishPostalCode.matches(text, province: province) == belongs
                ? nil : "\(text.debugEscaped) in \(province.name): reference says \(belongs)"
        }
        #expect(outcome.passed, "\(outcome)")
    }

    @Test func everyWayOfWritingATurkishNumberBecomesItsE164() {
        let outcome = Property.check("phone-written", cases: Self.cases) { random in
            let (written, e164) = random.writtenTurkishPhone()
            let got = PhoneNumber.e164(written, country: random.pick(["TR", "tr", " TR "]))
            return got == e164 ? nil : "\(written.debugEscaped) gave \(got ?? "nil"), not \(e164)"
        }
        #expect(outcome.passed, "\(outcome)")
    }

    @Test func everyGeneratedPhoneTextNormalisesAsTheReferenceSays() {
        let outcome = Property.check("phone", cases: Self.cases) { random in
            let text: String
            switch random.int(in: 0...9) {
            case 0...2: text = random.writtenTurkishPhone().written
            case 3: text = random.pick(["+", "00"]) + String(random.int(in: 1...999)) + " "
                + random.digits(random.int(in: 3...13)).map(String.init).joined()
            case 4...7: text = random.phoneLikeText()
            default: text = random.hostileTextSometimesHuge()
            }
            let country = random.pick(["TR", "DE", "us", "", "\u{1B}TR"])
            let expected = Reference.e164(text, country: country)
            let got = PhoneNumber.e164(text, country: country)
            guard got == expected else {
                return "\(text.debugEscaped) (\(country.debugEscaped)) gave \(got ?? "nil"), reference \(expected ?? "nil")"
            }
            // What is accepted is stored in a form that passes again unchanged.
            if let got, PhoneNumber.e164(got, country: country) != got { return "\(got) is not stable" }
            return nil
        }
        #expect(outcome.passed, "\(outcome)")
    }

    @Test func everyGeneratedEmailIsJudgedAsTheReferenceSays() {
        let outcome = Property.check("email", cases: Self.cases) { random in
            let text = random.chance(80) ? random.emailLikeText() : random.hostileTextSometimesHuge()
            let expected = Reference.isEmail(text)
            guard EmailAddress.isValid(text) == expected else {
                return "\(text.debugEscaped): reference says \(expected)"
            }
            if expected, !EmailAddress.isValid(EmailAddress.normalized(text)) {
                return "\(text.debugEscaped) is refused once normalised"
            }
            return nil
        }
        #expect(outcome.passed, "\(outcome)")
    }

    @Test func controlCharacterDetectionAgreesOnEveryScalarAndOnHostileText() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(scalar)
            if TextRules.containsControlCharacters(text) != Reference.hasControl(text) {
                Issue.record("U+\(String(value, radix: 16)) judged differently")
                return
            }
        }
        let outcome = Property.check("controls", cases: Self.cases) { random in
            let text = random.hostileTextSometimesHuge()
            return TextRules.containsControlCharacters(text) == Reference.hasControl(text)
                ? nil : "\(text.debugEscaped) judged differently"
        }
        #expect(outcome.passed, "\(outcome)")
    }
}

// MARK: - Whole resources

extension SeededRandom {
    /// A field value: nil, empty, ordinary, at or over a limit, or hostile.
    mutating func fieldValue(limit: Int, ordinary: String) -> String? {
        switch int(in: 0...9) {
        case 0: return nil
        case 1: return pick(["", "   ", "\u{3000}"])
        case 2: return String(repeating: pick(["a", "ş", "😀", "e\u{301}"]), count: limit + int(in: -1...1))
        case 3, 4: return hostileTextSometimesHuge()
        default: return ordinary
        }
    }

    mutating func address() -> Address {
        let province = Province.all[int(in: 0...80)]
        return Address(
            line1: fieldValue(limit: FieldLimits.addressLine, ordinary: "Atatürk Cad. No: 12/3") ?? "",
            line2: fieldValue(limit: FieldLimits.addressLine, ordinary: "Kızılay Mah."),
            district: fieldValue(limit: FieldLimits.district, ordinary: "Çankaya") ?? "",
            province: fieldValue(limit: FieldLimits.province, ordinary: province.name) ?? "",
            postalCode: fieldValue(limit: FieldLimits.postalCode,
                                   ordinary: province.plateCodeText + digits(3).map(String.init).joined()) ?? "",
            country: pick(["TR", "tr", "DE", "XX", "", " TR"])
        )
    }
}

@Suite("Whole forms: every field's first broken rule, never a trap")
struct ResourcePropertyTests {
    static let cases = 3_000

    /// The code `errors` gives `field`, if any.
    static func code(_ errors: [FieldError], _ field: String) -> String? {
        errors.first { $0.field == field }?.code
    }

    /// Checks the presence/controls/length rules of `fields` against the reference; the format
    /// rules after them are the single-field properties'.
    static func checkTextRules(_ errors: [FieldError], _ fields: [(String, String?, Bool, Int)]) -> String? {
        let paths = errors.map(\.field)
        guard Set(paths).count == paths.count else { return "two errors for one field: \(paths)" }
        for (field, value, required, max) in fields {
            let got = code(errors, field)
            if let expected = Reference.textRuleCode(value, required: required, max: max) {
                if got != expected { return "\(field) \(value?.debugEscaped ?? "nil"): \(got ?? "nil"), not \(expected)" }
            } else if let got, ["required", "control_characters", "too_long"].contains(got) {
                return "\(field) \(value?.debugEscaped ?? "nil"): unexpected \(got)"
            }
        }
        return nil
    }

    @Test func contactDetailsGetTheErrorsTheRulesGiveAndValidOnesNormaliseStably() {
        let outcome = Property.check("contact", cases: Self.cases, Self.contactCase)
        #expect(outcome.passed, "\(outcome)")
    }

    static func contactCase(_ random: inout SeededRandom) -> String? {
            let phone = random.writtenTurkishPhone().written
            let contact = ContactDetails(
                email: random.fieldValue(limit: EmailAddress.maxLength, ordinary: "ayse@example.com") ?? "",
                phone: random.fieldValue(limit: PhoneNumber.maxInputLength, ordinary: phone) ?? "",
                fax: random.fieldValue(limit: PhoneNumber.maxInputLength, ordinary: phone),
                contactAddress: random.address())
            let errors = ContactValidation.validate(contact)
            let a = contact.contactAddress
            let inTurkey = Reference.trimmedWhitespace(a.country).uppercased() == "TR"
            if let failure = Self.checkTextRules(errors, [
                ("email", contact.email, true, 254), ("phone", contact.phone, true, 32),
                ("fax", contact.fax, false, 32), ("contact_address.line1", a.line1, true, 120),
                ("contact_address.line2", a.line2, false, 120), ("contact_address.district", a.district, true, 60),
                ("contact_address.province", a.province, inTurkey, 60),
                ("contact_address.postal_code", a.postalCode, inTurkey, 16),
            ]) { return failure }
            if Reference.textRuleCode(contact.email, required: true, max: 254) == nil,
               (Self.code(errors, "email") == nil) != Reference.isEmail(contact.email) {
                return "email \(contact.email.debugEscaped) judged unlike the reference"
            }
            guard errors.isEmpty else { return nil }
            // Valid input is stored normalised, and what is stored is valid and stays as it is.
            let stored = ContactValidation.normalized(contact)
            guard ContactValidation.validate(stored).isEmpty, ContactValidation.normalized(stored) == stored else {
                return "normalising \(contact) is not stable"
            }
            return nil
    }

    @Test func billingProfilesGetTheErrorsTheRulesGiveAndValidOnesNormaliseStably() {
        let outcome = Property.check("billing", cases: Self.cases, Self.billingCase)
        #expect(outcome.passed, "\(outcome)")
    }

    static func billingCase(_ random: inout SeededRandom) -> String? {
            let individual = random.chance(50)
            let validTCKN = random.validTCKN(), validVKN = random.validVKN()
            let tckn = random.chance(50) ? validTCKN : random.damaged(validTCKN)
            let vkn = random.chance(50) ? validVKN : random.damaged(validVKN)
            let billing = BillingProfile(
                type: individual ? .individual : .corporate,
                fullName: random.fieldValue(limit: FieldLimits.name, ordinary: "Ayşe Yılmaz"),
                tckn: random.chance(80) ? tckn : random.fieldValue(limit: 11, ordinary: tckn),
                companyName: random.fieldValue(limit: FieldLimits.companyName, ordinary: "Haker Bilişim A.Ş."),
                vkn: random.chance(80) ? vkn : random.fieldValue(limit: 10, ordinary: vkn),
                taxOffice: random.fieldValue(limit: FieldLimits.taxOffice, ordinary: "Çankaya"),
                address: random.address(),
                eInvoiceEmail: random.fieldValue(limit: EmailAddress.maxLength, ordinary: "fatura@example.com"))
            let errors = BillingValidation.validate(billing)
            let inTurkey = Reference.trimmedWhitespace(billing.address.country).uppercased() == "TR"
            let mine: [(String, String?, Bool, Int)] = individual
                ? [("full_name", billing.fullName, true, 120), ("tckn", billing.tckn, inTurkey, 11)]
                : [("company_name", billing.companyName, true, 200), ("vkn", billing.vkn, inTurkey, 10),
                   ("tax_office", billing.taxOffice, inTurkey, 80)]
            let others = individual ? [("company_name", billing.companyName), ("vkn", billing.vkn),
                                       ("tax_office", billing.taxOffice)]
                                    : [("full_name", billing.fullName), ("tckn", billing.tckn)]
            for (field, value) in others {
                let filled = !(value.map(Reference.trimmedWhitespace) ?? "").isEmpty
                if filled != (Self.code(errors, field) == "not_allowed") {
                    return "\(field) of the other type \(value?.debugEscaped ?? "nil"): \(Self.code(errors, field) ?? "nil")"
                }
            }
            if let failure = Self.checkTextRules(errors, mine) { return failure }
            let idField = individual ? "tckn" : "vkn"
            let idValue = individual ? billing.tckn : billing.vkn
            let idRule: (String) -> Bool = individual ? { Reference.isTCKN($0) } : { Reference.isVKN($0) }
            if Reference.textRuleCode(idValue, required: inTurkey, max: individual ? 11 : 10) == nil,
               let idValue, !Reference.trimmedWhitespace(idValue).isEmpty,
               (Self.code(errors, idField) == nil) != idRule(Reference.trimmedWhitespace(idValue)) {
                return "\(idField) \(idValue.debugEscaped) judged unlike the reference"
            }
            guard errors.isEmpty else { return nil }
            let stored = BillingValidation.normalized(billing)
            guard BillingValidation.validate(stored).isEmpty, BillingValidation.normalized(stored) == stored else {
                return "normalising \(billing) is not stable"
            }
            return nil
    }

    @Test func addressesInTurkeyNeedAKnownProvinceAndItsPostcode() {
        let outcome = Property.check("address", cases: Self.cases) { random in
            let address = random.address()
            let errors = AddressValidation.validate(address, path: "a")
            guard Reference.trimmedWhitespace(address.country).uppercased() == "TR",
                  Reference.textRuleCode(address.province, required: true, max: 60) == nil,
                  Reference.textRuleCode(address.postalCode, required: true, max: 16) == nil
            else { return nil }
            // Which spellings name a province is Province.named's to say (tested in ValidationTests).
            let province = Province.named(address.province)
            let postcode = Reference.trimmedWhitespace(address.postalCode)
            let expectedProvince = province == nil ? "unknown_province" : nil
            let expectedPostcode: String? = !Reference.isTurkishPostcode(postcode) ? "invalid_postal_code"
                : province.map { Int(postcode.prefix(2)) == $0.plateCode } == false ? "postal_code_province_mismatch"
                : nil
            let got = (Self.code(errors, "a.province"), Self.code(errors, "a.postal_code"))
            return got == (expectedProvince, expectedPostcode)
                ? nil : "\(address): \(got), not \((expectedProvince, expectedPostcode))"
        }
        #expect(outcome.passed, "\(outcome)")
    }
}
