#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

// Validation of the editable resources, shared by the client's forms and the server.
//
// How to use it: `validate(_:)` lists one `FieldError` per bad field (empty when the value may be
// saved), with the same field paths and codes the server's 422 carries, so a form can put each
// message beside its field before sending anything. `normalized(_:)` returns the value the server
// stores for valid input: strings trimmed, empty optionals nil, phones in E.164, e-mails lower-case,
// the country upper-case, a Turkish province in its official spelling. Validation looks at the
// input as `normalized` would leave it, so ` Ankara ` and `ankara` are fine.

// MARK: - Limits

/// The longest value of each text field, in characters.
public enum FieldLimits {
    public static let addressLine = 120
    public static let district = 60
    public static let province = 60
    public static let postalCode = 16
    public static let name = 120
    public static let companyName = 200
    public static let taxOffice = 80
    public static let password = 1_024
}

// MARK: - Address

/// Rules for `contact_address` and the billing `address`.
///
/// In Turkey (`country` `TR`): `province` is one of the 81 (any spelling `Province.named` knows),
/// `postal_code` is 5 digits starting with that province's plate code. Elsewhere: `province` is
/// optional free text and `postal_code` optional free text. `line1` and `district` (the town or
/// city abroad) are required everywhere; `line2` is optional.
public enum AddressValidation {
    public static func validate(_ address: Address, path: String) -> [FieldError] {
        var errors = FieldErrorList(prefix: path + ".")
        let country = CountryCode.normalized(address.country)
        errors.text("line1", address.line1, required: true, max: FieldLimits.addressLine)
        errors.text("line2", address.line2, required: false, max: FieldLimits.addressLine)
        errors.text("district", address.district, required: true, max: FieldLimits.district)
        let inTurkey = country == "TR"
        let provinceOK = errors.text("province", address.province, required: inTurkey, max: FieldLimits.province)
        let postalOK = errors.text("postal_code", address.postalCode, required: inTurkey, max: FieldLimits.postalCode)
        if errors.text("country", address.country, required: true, max: 64), !CountryCode.isValid(country) {
            errors.add("country", FieldErrorCode.invalidCountry, "not an ISO 3166-1 alpha-2 country code")
        }
        guard inTurkey else { return errors.list }
        var province: Province?
        if provinceOK {
            province = Province.named(address.province)
            if province == nil {
                errors.add("province", FieldErrorCode.unknownProvince, "not one of Turkey's 81 provinces")
            }
        }
        if postalOK {
            let postal = TextRules.trimmed(address.postalCode)
            if !TurkishPostalCode.isWellFormed(postal) {
                errors.add(
                    "postal_code", FieldErrorCode.invalidPostalCode,
                    "a Turkish postcode is 5 digits starting with a plate code (01-81)")
            } else if let province, !TurkishPostalCode.matches(postal, province: province) {
                errors.add(
                    "postal_code", FieldErrorCode.postalCodeProvinceMismatch,
                    "postcodes in \(province.name) start with \(province.plateCodeText)")
            }
        }
        return errors.list
    }

    public static func normalized(_ address: Address) -> Address {
        let country = CountryCode.normalized(address.country)
        let province = TextRules.trimmed(address.province)
        return Address(
            line1: TextRules.trimmed(address.line1),
            line2: TextRules.trimmedOrNil(address.line2),
            district: TextRules.trimmed(address.district),
            province: country == "TR" ? (Province.named(province)?.name ?? province) : province,
            postalCode: TextRules.trimmed(address.postalCode).uppercased(),
            country: country
        )
    }
}

// MARK: - Contact details

/// Rules for `PUT /v1/me/contact`: e-mail required and well-formed; phone required, fax optional,
/// both phone numbers in the sense of `PhoneNumber.e164` for the contact address's country; the
/// contact address as `AddressValidation` says. `current_password` is the server's to check.
public enum ContactValidation {
    public static func validate(_ contact: ContactDetails) -> [FieldError] {
        var errors = FieldErrorList(prefix: "")
        if errors.text("email", contact.email, required: true, max: EmailAddress.maxLength),
            !EmailAddress.isValid(contact.email)
        {
            errors.add("email", FieldErrorCode.invalidEmail, "not an e-mail address")
        }
        let country = contact.contactAddress.country
        let phones: [(String, String?, Bool)] = [("phone", contact.phone, true), ("fax", contact.fax, false)]
        for (field, value, required) in phones {
            if errors.text(field, value, required: required, max: PhoneNumber.maxInputLength),
                let value, !TextRules.trimmed(value).isEmpty, PhoneNumber.e164(value, country: country) == nil
            {
                errors.add(
                    field, FieldErrorCode.invalidPhone,
                    "not a phone number (abroad, write it with + and the country code)")
            }
        }
        return errors.list + AddressValidation.validate(contact.contactAddress, path: "contact_address")
    }

    /// The contact details as stored; `current_password` is passed through untouched.
    public static func normalized(_ contact: ContactDetails) -> ContactDetails {
        let country = contact.contactAddress.country
        func phone(_ text: String) -> String {
            PhoneNumber.e164(text, country: country) ?? TextRules.trimmed(text)
        }
        return ContactDetails(
            email: EmailAddress.normalized(contact.email),
            phone: phone(contact.phone),
            fax: TextRules.trimmedOrNil(contact.fax).map(phone),
            contactAddress: AddressValidation.normalized(contact.contactAddress),
            currentPassword: contact.currentPassword
        )
    }
}

// MARK: - Billing

/// Rules for `PUT /v1/me/billing`, after what a Turkish invoice carries about its buyer.
///
/// - `individual`: `full_name` required; `tckn` required when the billing address is in Turkey
///   (optional abroad, checked when given); `company_name`, `vkn` and `tax_office` must be empty.
/// - `corporate`: `company_name` required; `vkn` and `tax_office` required when the billing
///   address is in Turkey (optional abroad, the VKN checked when given); `full_name` and `tckn`
///   must be empty.
/// - `e_invoice_email` optional, an e-mail address when given; `address` as `AddressValidation`.
public enum BillingValidation {
    public static func validate(_ billing: BillingProfile) -> [FieldError] {
        var errors = FieldErrorList(prefix: "")
        let inTurkey = CountryCode.normalized(billing.address.country) == "TR"
        let individual = billing.type == .individual
        let otherTypeFields: [(String, String?)] =
            individual
            ? [("company_name", billing.companyName), ("vkn", billing.vkn), ("tax_office", billing.taxOffice)]
            : [("full_name", billing.fullName), ("tckn", billing.tckn)]
        for (field, value) in otherTypeFields {
            if TextRules.trimmedOrNil(value) != nil {
                errors.add(field, FieldErrorCode.notAllowed, "not part of a \(billing.type.rawValue) billing profile")
            }
        }
        if individual {
            errors.text("full_name", billing.fullName, required: true, max: FieldLimits.name)
            if errors.text("tckn", billing.tckn, required: inTurkey, max: 11),
                let tckn = TextRules.trimmedOrNil(billing.tckn), !TCKN.isValid(tckn)
            {
                errors.add("tckn", FieldErrorCode.invalidTCKN, "not a valid T.C. Kimlik No")
            }
        } else {
            errors.text("company_name", billing.companyName, required: true, max: FieldLimits.companyName)
            if errors.text("vkn", billing.vkn, required: inTurkey, max: 10),
                let vkn = TextRules.trimmedOrNil(billing.vkn), !VKN.isValid(vkn)
            {
                errors.add("vkn", FieldErrorCode.invalidVKN, "not a valid Vergi Kimlik No")
            }
            errors.text("tax_office", billing.taxOffice, required: inTurkey, max: FieldLimits.taxOffice)
        }
        if errors.text("e_invoice_email", billing.eInvoiceEmail, required: false, max: EmailAddress.maxLength),
            let email = TextRules.trimmedOrNil(billing.eInvoiceEmail), !EmailAddress.isValid(email)
        {
            errors.add("e_invoice_email", FieldErrorCode.invalidEmail, "not an e-mail address")
        }
        return errors.list + AddressValidation.validate(billing.address, path: "address")
    }

    /// The billing profile as stored: the other type's fields dropped, strings trimmed.
    public static func normalized(_ billing: BillingProfile) -> BillingProfile {
        let individual = billing.type == .individual
        return BillingProfile(
            type: billing.type,
            fullName: individual ? TextRules.trimmedOrNil(billing.fullName) : nil,
            tckn: individual ? TextRules.trimmedOrNil(billing.tckn) : nil,
            companyName: individual ? nil : TextRules.trimmedOrNil(billing.companyName),
            vkn: individual ? nil : TextRules.trimmedOrNil(billing.vkn),
            taxOffice: individual ? nil : TextRules.trimmedOrNil(billing.taxOffice),
            address: AddressValidation.normalized(billing.address),
            eInvoiceEmail: TextRules.trimmedOrNil(billing.eInvoiceEmail).map(EmailAddress.normalized)
        )
    }
}

// MARK: - Collecting errors

/// One error per field at most: the first rule a field breaks is the one reported.
struct FieldErrorList {
    let prefix: String
    private(set) var list: [FieldError] = []
    private var failed: Set<String> = []

    init(prefix: String) {
        self.prefix = prefix
    }

    mutating func add(_ field: String, _ code: String, _ message: String) {
        guard failed.insert(field).inserted else { return }
        list.append(FieldError(field: prefix + field, code: code, message: message))
    }

    /// Checks presence, control characters and length; true when the field passed and holds a value
    /// worth checking further.
    @discardableResult
    mutating func text(_ field: String, _ value: String?, required: Bool, max: Int) -> Bool {
        let trimmed = TextRules.trimmedOrNil(value)
        guard let value, let trimmed else {
            if required { add(field, FieldErrorCode.required, "required") }
            return false
        }
        if TextRules.containsControlCharacters(value) {
            add(field, FieldErrorCode.controlCharacters, "contains control characters")
            return false
        }
        if trimmed.count > max {
            add(field, FieldErrorCode.tooLong, "longer than \(max) characters")
            return false
        }
        return true
    }
}
