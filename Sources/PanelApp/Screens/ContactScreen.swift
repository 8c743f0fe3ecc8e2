import PanelClient
import PanelModels
import TerminalUI

/// 2 Contact details: e-mail, phone, fax and the contact address, edited as a `FormScreen`. The
/// name is shown read-only (changing it is a correction request). Changing the e-mail, which is
/// also the sign-in name, brings up a masked "current password" row that the save needs. A phone
/// may be typed the Turkish way (`0532 123 45 67`); the review shows it as stored (`+905321234567`).
public typealias ContactScreen = FormScreen<ContactForm>

/// `GET|PUT /v1/me/contact` as a form.
public enum ContactForm: FormSchema {
    static let email: FieldPath = "email"
    static let currentPassword: FieldPath = "current_password"
    static let phone: FieldPath = "phone"
    static let fax: FieldPath = "fax"
    static let address = AddressFields(prefix: "contact_address")

    public static let calls = FormCalls<ContactDetails>(load: .contact, save: { .saveContact($0, etag: $1) }) {
        if case .contact(let result) = $0 { result } else { nil }
    }

    public static func fields(_ s: Strings) -> [FormField] {
        [
            FormField(email, label: s.email, maxLength: EmailAddress.maxLength, width: 32, hint: s.contactEmailHint),
            FormField(currentPassword, label: s.currentPassword, kind: .password, maxLength: FieldLimits.password,
                      width: 24, hint: s.currentPasswordHint),
            FormField(phone, label: s.phone, maxLength: PhoneNumber.maxInputLength, width: 20, hint: s.phoneHint),
            FormField(fax, label: s.fax, maxLength: PhoneNumber.maxInputLength, width: 20, hint: s.faxHint,
                      placeholder: s.optionalField),
        ] + address.fields(s)
    }

    public static func layout(_ fields: FormFields, baseline: ContactDetails, _ context: ScreenContext) -> [FormLine] {
        let s = context.strings
        let name = context.overview.map { $0.firstName + " " + $0.lastName } ?? "…"
        var lines: [FormLine] = [.readOnly(label: s.nameAndSurname, value: name, note: s.nameCorrection), .gap,
                                 .field(email)]
        if emailChanged(fields[email], baseline) { lines.append(.field(currentPassword)) }
        return lines + [.field(phone), .field(fax), .gap] + address.lines(heading: s.contactAddress)
    }

    /// The lines change only with the e-mail (the password row); the address's lines are fixed.
    public static let layoutReads: [FieldPath]? = [email]

    /// True when `typed` is another sign-in name than the stored one: the save needs the password.
    static func emailChanged(_ typed: String, _ baseline: ContactDetails) -> Bool {
        EmailAddress.normalized(typed) != EmailAddress.normalized(baseline.email)
    }

    public static func texts(of value: ContactDetails) -> [FieldPath: String] {
        address.texts(of: value.contactAddress).merging([
            email: value.email, phone: value.phone, fax: value.fax ?? "", currentPassword: value.currentPassword ?? "",
        ]) { _, own in own }
    }

    public static func value(from fields: FormFields, baseline: ContactDetails) -> ContactDetails {
        ContactDetails(email: fields[email], phone: fields[phone], fax: fields.optional(fax),
                       contactAddress: address.address(from: fields),
                       currentPassword: emailChanged(fields[email], baseline) ? fields.optional(currentPassword) : nil)
    }

    /// The shared rules, and the password a new e-mail needs (the server checks that it is right).
    public static func validate(_ value: ContactDetails, baseline: ContactDetails) -> [FieldError] {
        var errors = ContactValidation.validate(value)
        if emailChanged(value.email, baseline), value.currentPassword == nil {
            errors.append(FieldError(field: currentPassword, code: FieldErrorCode.required,
                                     message: "changing the e-mail needs the current password"))
        }
        return errors
    }

    /// The e-mail, the phone numbers and the password rule read their own texts, the address's
    /// country and the baseline; the address rules read only the address. When the former are as
    /// they were (typing in an address line), their errors stand and only the address is checked.
    public static func validate(_ value: ContactDetails, baseline: ContactDetails, after previous: ContactDetails,
                                errors: [FieldError]) -> [FieldError] {
        guard onlyAddressLinesChanged(from: previous, to: value) else { return validate(value, baseline: baseline) }
        let addressPrefix = address.prefix + "."
        return errors.filter { !$0.field.hasPrefix(addressPrefix) }
            + AddressValidation.validate(value.contactAddress, path: address.prefix)
    }

    public static func normalized(_ value: ContactDetails) -> ContactDetails {
        ContactValidation.normalized(value)
    }

    /// Likewise: the e-mail and the phone numbers (read with the country) stay as they were stored.
    public static func normalized(_ value: ContactDetails, after previous: ContactDetails,
                                  stored: ContactDetails) -> ContactDetails {
        guard onlyAddressLinesChanged(from: previous, to: value) else { return normalized(value) }
        var result = stored
        result.contactAddress = AddressValidation.normalized(value.contactAddress)
        return result
    }

    /// True when the e-mail, the phone numbers, the password and the address's country are as in
    /// `previous`: what reads them is as it was.
    static func onlyAddressLinesChanged(from previous: ContactDetails, to value: ContactDetails) -> Bool {
        value.email == previous.email && value.phone == previous.phone && value.fax == previous.fax
            && value.currentPassword == previous.currentPassword
            && value.contactAddress.country == previous.contactAddress.country
    }
}

extension Strings {
    var nameAndSurname: String { pick("Ad soyad", "Name") }
    var nameCorrection: String {
        pick("(yalnızca düzeltme talebiyle değişir)", "(changed only through a correction request)")
    }
    var contactAddress: String { pick("İletişim adresi", "Contact address") }
    var contactEmailHint: String {
        pick("Giriş adınızdır; değiştirirseniz mevcut parolanız sorulur",
             "Your sign-in name: changing it asks for your current password")
    }
    var currentPasswordHint: String {
        pick("E-posta (giriş adınız) değiştiği için gerekir; hiçbir yere kaydedilmez",
             "Needed because the e-mail (your sign-in name) changes; it is never stored")
    }
    var phoneHint: String {
        pick("0532 123 45 67 yazabilirsiniz, +90 biçiminde kaydedilir; yurt dışı: +49 …",
             "Type 0532 123 45 67 or +90 532 123 45 67; abroad +49 …")
    }
    var faxHint: String { pick("İsteğe bağlı; telefon gibi yazılır", "Optional; written like the phone") }
}
