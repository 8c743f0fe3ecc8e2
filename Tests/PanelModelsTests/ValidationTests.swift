import Testing

@testable import PanelModels

// MARK: - Single fields

@Suite struct FieldFormatTests {
    @Test func knownValidTCKimlikNumbersPassAndAlteredOnesFail() {
        #expect(TCKN.isValid("10000000146"))
        #expect(TCKN.isValid("17291716060"))
        for bad in [
            "10000000147", "10000000136", "00000000146", "1000000014", "100000001466", "1000000014a",
            "", " 10000000146", "１0000000146",
        ] {
            #expect(!TCKN.isValid(bad), "\(bad)")
        }
    }

    @Test func everyCheckDigitButTheRightOneIsRefusedForTCKN() {
        let valid = "17291716060"
        for position in [9, 10] {
            for digit in 0...9 {
                var chars = Array(valid)
                let original = chars[position]
                chars[position] = Character(String(digit))
                #expect(TCKN.isValid(String(chars)) == (chars[position] == original))
            }
        }
    }

    @Test func knownValidVKNPassesAndOtherCheckDigitsFail() {
        #expect(VKN.isValid("4540536920"))
        for digit in 1...9 {
            #expect(!VKN.isValid("454053692\(digit)"))
        }
        for bad in ["", "454053692", "45405369200", "454053692a", "4540536920 "] {
            #expect(!VKN.isValid(bad), "\(bad)")
        }
    }

    @Test func turkishPhoneNumbersBecomeE164WhicheverWayTheyAreWritten() {
        for input in [
            "0532 123 45 67", "05321234567", "532 123 45 67", "(0532) 123-45-67", "+90 532 123 45 67",
            "0090 532 123 45 67", "+905321234567", "90 532 123 4567", "  0532.123.45.67  ",
        ] {
            #expect(PhoneNumber.e164(input, country: "TR") == "+905321234567", "\(input)")
        }
        #expect(PhoneNumber.e164("0312 555 12 34", country: "TR") == "+903125551234")
        #expect(PhoneNumber.e164("0850 222 00 00", country: "tr") == "+908502220000")
    }

    @Test func numbersThatAreNotPhoneNumbersAreRefused() {
        for input in [
            "", "0532 123 45 6", "0532 123 45 678", "0132 123 45 67", "abc", "0532 123 45 67 x",
            "+", "++905321234567", "0532+1234567", "0032", "+0123456789", "+90 632 123 45 67",
            String(repeating: "1", count: 40),
        ] {
            #expect(PhoneNumber.e164(input, country: "TR") == nil, "\(input)")
        }
    }

    @Test func outsideTurkeyOnlyTheInternationalFormIsAccepted() {
        #expect(PhoneNumber.e164("+49 30 1234567", country: "DE") == "+49301234567")
        #expect(PhoneNumber.e164("0049 30 1234567", country: "DE") == "+49301234567")
        #expect(PhoneNumber.e164("030 1234567", country: "DE") == nil)
        #expect(PhoneNumber.e164("+90 532 123 45 67", country: "DE") == "+905321234567")
    }

    @Test func everydayEmailAddressesAreAcceptedAndBrokenOnesRefused() {
        for good in [
            "demo@example.com", "ayse.yilmaz+panel@haker.com.tr", "A_B@sub.example.org",
            "x@xn--haker-9ta.com.tr", "  demo@example.com ",
        ] {
            #expect(EmailAddress.isValid(good), "\(good)")
        }
        for bad in [
            "", "demo", "demo@", "@example.com", "demo@example", "demo@@example.com", "de mo@example.com",
            ".demo@example.com", "demo.@example.com", "de..mo@example.com", "demo@-example.com",
            "demo@example.c", "demo@example.123", "demo@exa_mple.com", "demo@exam\nple.com",
            String(repeating: "a", count: 65) + "@example.com",
        ] {
            #expect(!EmailAddress.isValid(bad), "\(bad)")
        }
        #expect(EmailAddress.normalized("  Demo@Example.COM ") == "demo@example.com")
    }

    @Test func controlCharactersAndBidiOverridesAreFoundButTurkishLettersAreNot() {
        #expect(!TextRules.containsControlCharacters("ÇĞİÖŞÜ çğıöşü Hakkâri"))
        for bad in [
            "a\u{0}b", "tab\there", "line\n", "esc\u{1B}[31m", "del\u{7F}", "c1\u{85}", "\u{202E}evil",
            "\u{2066}iso\u{2069}", "sep\u{2028}",
        ] {
            #expect(TextRules.containsControlCharacters(bad), "\(bad)")
        }
    }

    @Test func countryCodesAreTheAssignedAlpha2Codes() {
        #expect(CountryCode.assigned.count == 249)
        #expect(CountryCode.isValid("TR") && CountryCode.isValid(" de ") && CountryCode.isValid("gb"))
        for bad in ["", "T", "TUR", "UK", "XX", "EU", "T1"] {
            #expect(!CountryCode.isValid(bad), "\(bad)")
        }
        #expect(CountryCode.normalized(" tr ") == "TR")
    }
}

// MARK: - Provinces

@Suite struct ProvinceTests {
    @Test func thereAre81ProvincesNumberedByPlateCode() {
        #expect(Province.all.count == 81)
        #expect(Set(Province.all.map(\.name)).count == 81)
        #expect(Province.withPlateCode(6)?.name == "Ankara")
        #expect(Province.withPlateCode(34)?.name == "İstanbul")
        #expect(Province.withPlateCode(81)?.name == "Düzce")
        #expect(Province.withPlateCode(0) == nil && Province.withPlateCode(82) == nil)
        #expect(Province.withPlateCode(1)?.plateCodeText == "01")
    }

    @Test func aProvinceIsFoundWhateverTheKeyboard() {
        for spelling in ["İstanbul", "istanbul", "ISTANBUL", "Istanbul", "İSTANBUL", "  istanbul "] {
            #expect(Province.named(spelling)?.plateCode == 34, "\(spelling)")
        }
        #expect(Province.named("sanliurfa")?.name == "Şanlıurfa")
        #expect(Province.named("IGDIR")?.name == "Iğdır")
        #expect(Province.named("Hakkari")?.name == "Hakkâri")
        #expect(Province.named("kirikkale")?.name == "Kırıkkale")
        #expect(Province.named("İçel")?.name == "Mersin")
        // A decomposed `ş` (s + combining cedilla) is the same letter.
        #expect(Province.named("Eskis\u{327}ehir")?.name == "Eskişehir")
        #expect(Province.named("Atlantis") == nil)
        #expect(Province.named("") == nil)
    }

    @Test func typingNarrowsTheListPrefixMatchesFirst() {
        #expect(Province.matching("").count == 81)
        #expect(Province.matching("").first?.name == "Adana")
        let kir = Province.matching("kir").map(\.name)
        #expect(kir.starts(with: ["Kırıkkale", "Kırklareli", "Kırşehir"]))
        #expect(Province.matching("ist").map(\.name) == ["İstanbul"])
        #expect(Province.matching("06").map(\.name) == ["Ankara"])
        #expect(Province.matching("6").map(\.name) == ["Ankara"])
        #expect(Province.matching("99").isEmpty)
        #expect(Province.matching("bur").map(\.name) == ["Burdur", "Bursa", "Bayburt"])
        // Names that contain the text follow those that start with it.
        #expect(Province.matching("sak").map(\.name) == ["Sakarya", "Uşak"])
    }

    @Test func turkishAlphabeticalOrderPutsÇAfterCAndIBeforeİ() throws {
        let names = Province.matching("").map(\.name)
        func index(_ name: String) throws -> Int { try #require(names.firstIndex(of: name)) }
        #expect(try index("Bursa") < index("Çanakkale"))
        #expect(try index("Çorum") < index("Denizli"))
        #expect(try index("Iğdır") < index("İstanbul"))
        #expect(try index("Şırnak") > index("Sivas"))
    }

    @Test func postcodesMustStartWithTheProvincesPlateCode() throws {
        let ankara = try #require(Province.named("Ankara"))
        #expect(TurkishPostalCode.matches("06420", province: ankara))
        #expect(!TurkishPostalCode.matches("34420", province: ankara))
        #expect(!TurkishPostalCode.isWellFormed("00420"))
        #expect(!TurkishPostalCode.isWellFormed("82000"))
        #expect(!TurkishPostalCode.isWellFormed("0642"))
        #expect(!TurkishPostalCode.isWellFormed("06420a"))
    }
}

// MARK: - Resources

@Suite struct ResourceValidationTests {
    static let ankara = Address(
        line1: "Atatürk Cad. No: 12/3", line2: "Kızılay Mah.", district: "Çankaya",
        province: "Ankara", postalCode: "06420", country: "TR")
    static let contact = ContactDetails(
        email: "demo@example.com", phone: "0532 123 45 67", fax: nil,
        contactAddress: ankara)

    @Test func validContactDetailsHaveNoErrorsAndNormaliseForStorage() {
        var input = Self.contact
        input.email = " Demo@Example.com "
        input.fax = "  "
        input.contactAddress.province = "ankara"
        input.contactAddress.country = "tr"
        input.contactAddress.line2 = ""
        #expect(ContactValidation.validate(input).isEmpty)
        let stored = ContactValidation.normalized(input)
        #expect(stored.email == "demo@example.com")
        #expect(stored.phone == "+905321234567")
        #expect(stored.fax == nil)
        #expect(stored.contactAddress.province == "Ankara")
        #expect(stored.contactAddress.country == "TR")
        #expect(stored.contactAddress.line2 == nil)
        #expect(ContactValidation.validate(stored).isEmpty)
    }

    @Test func eachBadContactFieldGetsItsOwnErrorWithTheWirePath() {
        var input = Self.contact
        input.email = "not-an-email"
        input.phone = "12"
        input.fax = "abc"
        input.contactAddress = Address(
            line1: "", line2: "ok", district: "Çankaya\u{1B}[2J",
            province: "Atlantis", postalCode: "6420", country: "TR")
        let errors = Dictionary(uniqueKeysWithValues: ContactValidation.validate(input).map { ($0.field, $0.code) })
        #expect(
            errors == [
                "email": FieldErrorCode.invalidEmail,
                "phone": FieldErrorCode.invalidPhone,
                "fax": FieldErrorCode.invalidPhone,
                "contact_address.line1": FieldErrorCode.required,
                "contact_address.district": FieldErrorCode.controlCharacters,
                "contact_address.province": FieldErrorCode.unknownProvince,
                "contact_address.postal_code": FieldErrorCode.invalidPostalCode,
            ])
    }

    @Test func aPostcodeFromAnotherProvinceIsAMismatch() {
        var input = Self.contact
        input.contactAddress.postalCode = "34420"
        let errors = ContactValidation.validate(input)
        #expect(errors.map(\.field) == ["contact_address.postal_code"])
        #expect(errors.first?.code == FieldErrorCode.postalCodeProvinceMismatch)
    }

    @Test func tooLongFieldsAndUnknownCountriesAreRefused() {
        var input = Self.contact
        input.contactAddress.line1 = String(repeating: "a", count: FieldLimits.addressLine + 1)
        input.contactAddress.country = "XX"
        let codes = Dictionary(uniqueKeysWithValues: ContactValidation.validate(input).map { ($0.field, $0.code) })
        #expect(codes["contact_address.line1"] == FieldErrorCode.tooLong)
        #expect(codes["contact_address.country"] == FieldErrorCode.invalidCountry)
    }

    @Test func abroadTheProvinceAndPostcodeAreFreeAndThePhoneInternational() {
        let berlin = Address(
            line1: "Unter den Linden 1", district: "Berlin", province: "", postalCode: "10117",
            country: "DE")
        var input = ContactDetails(email: "a@example.de", phone: "+49 30 1234567", contactAddress: berlin)
        #expect(ContactValidation.validate(input).isEmpty)
        input.phone = "030 1234567"
        #expect(ContactValidation.validate(input).map(\.code) == [FieldErrorCode.invalidPhone])
    }

    @Test func anIndividualNeedsAFullNameAndAValidTCKN() {
        let good = BillingProfile(
            type: .individual, fullName: "Ayşe Yılmaz", tckn: "10000000146", address: Self.ankara)
        #expect(BillingValidation.validate(good).isEmpty)
        var bad = good
        bad.fullName = nil
        bad.tckn = "10000000147"
        bad.vkn = "4540536920"
        bad.eInvoiceEmail = "nope"
        let codes = Dictionary(uniqueKeysWithValues: BillingValidation.validate(bad).map { ($0.field, $0.code) })
        #expect(
            codes == [
                "full_name": FieldErrorCode.required, "tckn": FieldErrorCode.invalidTCKN,
                "vkn": FieldErrorCode.notAllowed, "e_invoice_email": FieldErrorCode.invalidEmail,
            ])
    }

    @Test func aCompanyNeedsItsNameVKNAndTaxOffice() {
        let good = BillingProfile(
            type: .corporate, companyName: "Kuzey Yazılım A.Ş.", vkn: "4540536920",
            taxOffice: "Kavaklıdere", address: Self.ankara, eInvoiceEmail: "Fatura@Kuzey.com.tr")
        #expect(BillingValidation.validate(good).isEmpty)
        #expect(BillingValidation.normalized(good).eInvoiceEmail == "fatura@kuzey.com.tr")
        var bad = good
        bad.companyName = " "
        bad.vkn = "4540536921"
        bad.taxOffice = nil
        bad.tckn = "10000000146"
        bad.address.postalCode = ""
        let codes = Dictionary(uniqueKeysWithValues: BillingValidation.validate(bad).map { ($0.field, $0.code) })
        #expect(
            codes == [
                "company_name": FieldErrorCode.required, "vkn": FieldErrorCode.invalidVKN,
                "tax_office": FieldErrorCode.required, "tckn": FieldErrorCode.notAllowed,
                "address.postal_code": FieldErrorCode.required,
            ])
    }

    @Test func abroadTheTaxNumbersAreOptional() {
        let vienna = Address(line1: "Ring 1", district: "Wien", province: "", postalCode: "1010", country: "AT")
        #expect(
            BillingValidation.validate(
                BillingProfile(
                    type: .individual, fullName: "Anna Gruber",
                    address: vienna)
            ).isEmpty)
        #expect(
            BillingValidation.validate(
                BillingProfile(
                    type: .corporate, companyName: "Gruber GmbH",
                    address: vienna)
            ).isEmpty)
    }

    @Test func normalisingDropsTheOtherTypesFields() {
        let mixed = BillingProfile(
            type: .individual, fullName: " Ayşe Yılmaz ", tckn: "10000000146",
            companyName: "", vkn: nil, taxOffice: " ", address: Self.ankara)
        let stored = BillingValidation.normalized(mixed)
        #expect(stored.fullName == "Ayşe Yılmaz")
        #expect(stored.companyName == nil && stored.taxOffice == nil && stored.vkn == nil)
        #expect(BillingValidation.validate(mixed).isEmpty)
    }
}
