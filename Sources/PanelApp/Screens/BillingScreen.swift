import PanelClient
import PanelModels
import TerminalUI

/// 3 Billing address: what an invoice in Turkey carries about its buyer, edited as a `FormScreen`.
/// Individual (full name and TC Kimlik No) or corporate (trade name, VKN and tax office), chosen
/// with Space or ←/→; the address; an optional e-invoice e-mail. Switching the type keeps what was
/// typed for the other one (switching back restores it) but sends only the chosen type's fields.
/// F6 copies the contact address into the billing address, as an unsaved change.
public typealias BillingScreen = FormScreen<BillingForm>

/// `GET|PUT /v1/me/billing` as a form.
public enum BillingForm: FormSchema {
    public static let calls = FormCalls<BillingProfile>(load: .billing, save: { .saveBilling($0, etag: $1) }) {
        if case .billing(let result) = $0 { result } else { nil }
    }

    static let address = AddressFields(prefix: "address")
    static let type: FieldPath = "type"
    static let fullName: FieldPath = "full_name"
    static let tckn: FieldPath = "tckn"
    static let companyName: FieldPath = "company_name"
    static let vkn: FieldPath = "vkn"
    static let taxOffice: FieldPath = "tax_office"
    static let eInvoiceEmail: FieldPath = "e_invoice_email"

    public static func fields(_ s: Strings) -> [FormField] {
        let types = [FormChoice(value: BillingType.individual.rawValue, label: s.individual),
                     FormChoice(value: BillingType.corporate.rawValue, label: s.corporate)]
        return [
            FormField(type, label: s.billingType, kind: .choice(types), maxLength: 16, width: 29,
                      hint: s.billingTypeHint),
            FormField(fullName, label: s.fullName, maxLength: FieldLimits.name, width: 32, hint: s.fullNameHint),
            FormField(tckn, label: "TC Kimlik No", maxLength: 11, width: 13, hint: s.tcknHint),
            FormField(companyName, label: s.companyName, maxLength: FieldLimits.companyName, width: 32,
                      hint: s.companyNameHint),
            FormField(vkn, label: s.vknLabel, maxLength: 10, width: 12, hint: s.vknHint),
            FormField(taxOffice, label: s.taxOffice, maxLength: FieldLimits.taxOffice, width: 24,
                      hint: s.taxOfficeHint),
        ] + address.fields(s) + [
            FormField(eInvoiceEmail, label: s.eInvoiceEmail, maxLength: EmailAddress.maxLength, width: 32,
                      hint: s.eInvoiceEmailHint, placeholder: s.optionalField),
        ]
    }

    static func isCorporate(_ fields: FormFields) -> Bool {
        fields[type] == BillingType.corporate.rawValue
    }

    public static func layout(_ fields: FormFields, baseline: BillingProfile, _ context: ScreenContext) -> [FormLine] {
        let s = context.strings
        let own = isCorporate(fields) ? [companyName, vkn, taxOffice] : [fullName, tckn]
        return [.field(type)] + own.map(FormLine.field) + [.gap]
            + address.lines(heading: s.invoiceAddress, note: "F6: " + s.copyContactAddress)
            + [.gap, .field(eInvoiceEmail)]
    }

    public static func texts(of value: BillingProfile) -> [FieldPath: String] {
        address.texts(of: value.address).merging([
            type: value.type.rawValue, fullName: value.fullName ?? "", tckn: value.tckn ?? "",
            companyName: value.companyName ?? "", vkn: value.vkn ?? "", taxOffice: value.taxOffice ?? "",
            eInvoiceEmail: value.eInvoiceEmail ?? "",
        ]) { _, own in own }
    }

    /// Only the chosen type's fields: the other type's stay in the form, unsent.
    public static func value(from fields: FormFields, baseline: BillingProfile) -> BillingProfile {
        let corporate = isCorporate(fields)
        func own(_ path: FieldPath, corporateField: Bool) -> String? {
            corporate == corporateField ? fields.optional(path) : nil
        }
        return BillingProfile(
            type: corporate ? .corporate : .individual,
            fullName: own(fullName, corporateField: false), tckn: own(tckn, corporateField: false),
            companyName: own(companyName, corporateField: true), vkn: own(vkn, corporateField: true),
            taxOffice: own(taxOffice, corporateField: true),
            address: address.address(from: fields), eInvoiceEmail: fields.optional(eInvoiceEmail))
    }

    public static func validate(_ value: BillingProfile, baseline: BillingProfile) -> [FieldError] {
        BillingValidation.validate(value)
    }

    public static func normalized(_ value: BillingProfile) -> BillingProfile {
        BillingValidation.normalized(value)
    }

    public static func command(_ s: Strings) -> FormCommand? {
        FormCommand(keys: [.function(6)], label: "F6", hint: s.copyAddressHint, help: s.copyAddressHelp)
    }

    /// F6: the contact address (as the overview has it) into the billing address, unsaved.
    public static func runCommand(on fields: inout FormFields, _ context: ScreenContext) -> FormNotice? {
        guard let contact = context.overview?.contactAddress else {
            return FormNotice(.warning) { $0.contactAddressNotLoaded }
        }
        address.copy(contact, into: &fields)
        return FormNotice(.info) { $0.contactAddressCopied }
    }
}

extension Strings {
    var billingType: String { pick("Fatura türü", "Invoice type") }
    var individual: String { pick("Bireysel", "Individual") }
    var corporate: String { pick("Kurumsal", "Corporate") }
    var billingTypeHint: String {
        pick("Fatura kime kesilsin: size ya da şirketinize; Boşluk ya da ←/→ değiştirir",
             "Who the invoice is for: you or your company; Space or ←/→ changes it")
    }
    var fullName: String { pick("Ad soyad", "Full name") }
    var fullNameHint: String { pick("Faturada görünecek ad ve soyad", "The name shown on the invoice") }
    var tcknHint: String {
        pick("11 haneli; Türkiye'de bireysel faturada yasal olarak gerekir",
             "11 digits; required by law on individual invoices in Turkey")
    }
    var companyName: String { pick("Ticaret unvanı", "Company name") }
    var companyNameHint: String { pick("Vergi levhasındaki ticaret unvanı", "The trade name on the tax certificate") }
    var vknLabel: String { pick("Vergi kimlik no", "Tax number (VKN)") }
    var vknHint: String { pick("10 haneli vergi kimlik numarası", "The 10-digit tax number (Vergi Kimlik No)") }
    var taxOffice: String { pick("Vergi dairesi", "Tax office") }
    var taxOfficeHint: String {
        pick("Şirketin kayıtlı olduğu vergi dairesi", "The tax office the company is registered with")
    }
    var eInvoiceEmail: String { pick("Fatura e-postası", "E-invoice e-mail") }
    var eInvoiceEmailHint: String {
        pick("E-faturanın gönderileceği adres (isteğe bağlı)", "Where e-invoices are sent (optional)")
    }
    var invoiceAddress: String { pick("Faturadaki adres", "Address on the invoice") }
    var copyContactAddress: String { pick("iletişim adresini kopyala", "copy the contact address") }
    var copyAddressHint: String { pick("Adresi kopyala", "Copy address") }
    var copyAddressHelp: String {
        pick("İletişim adresinizi buraya kopyala; kaydetmeden önce gösterilir",
             "Copy your contact address here; shown for review before saving")
    }
    var contactAddressCopied: String {
        pick("İletişim adresi kopyalandı; kaydetmek için F2.", "The contact address was copied; press F2 to save it.")
    }
    var contactAddressNotLoaded: String {
        pick("İletişim adresi henüz yüklenmedi; biraz sonra yeniden deneyin.",
             "The contact address is not loaded yet; try again in a moment.")
    }
}
