import PanelModels

/// The six rows of a postal address, shared by the contact form (`contact_address`) and the
/// billing form (`address`): line 1, line 2, district, province (picked from the 81 in Turkey),
/// postcode and country.
struct AddressFields: Sendable {
    /// The wire path of the address: its fields are `<prefix>.line1` and so on.
    let prefix: String
    // Stored, not joined at each use: the form reads them at every key.
    let line1: FieldPath
    let line2: FieldPath
    let district: FieldPath
    let province: FieldPath
    let postalCode: FieldPath
    let country: FieldPath

    init(prefix: String) {
        self.prefix = prefix
        line1 = prefix + ".line1"
        line2 = prefix + ".line2"
        district = prefix + ".district"
        province = prefix + ".province"
        postalCode = prefix + ".postal_code"
        country = prefix + ".country"
    }

    func fields(_ s: Strings) -> [FormField] {
        [
            FormField(line1, label: s.addressLine1, maxLength: FieldLimits.addressLine, width: 32,
                      hint: s.addressLine1Hint),
            FormField(line2, label: s.addressLine2, maxLength: FieldLimits.addressLine, width: 32,
                      hint: s.addressLine2Hint, placeholder: s.optionalField),
            FormField(district, label: s.district, maxLength: FieldLimits.district, width: 24, hint: s.districtHint),
            FormField(province, label: s.province, kind: .province(country: country),
                      maxLength: FieldLimits.province, width: 20, hint: s.provinceHint),
            FormField(postalCode, label: s.postalCode, maxLength: FieldLimits.postalCode, width: 10,
                      hint: s.postalCodeHint),
            FormField(country, label: s.country, maxLength: 2, width: 4, hint: s.countryHint),
        ]
    }

    /// The address block: a heading and its six rows.
    func lines(heading: String, note: String? = nil) -> [FormLine] {
        [.heading(heading, note: note)] + [line1, line2, district, province, postalCode, country].map(FormLine.field)
    }

    func texts(of address: Address) -> [FieldPath: String] {
        [
            line1: address.line1, line2: address.line2 ?? "", district: address.district,
            province: address.province, postalCode: address.postalCode, country: address.country,
        ]
    }

    func address(from fields: FormFields) -> Address {
        Address(line1: fields[line1], line2: fields.optional(line2), district: fields[district],
                province: fields[province], postalCode: fields[postalCode], country: fields[country])
    }

    /// Puts `address` into the fields (billing: "copy the contact address").
    func copy(_ address: Address, into fields: inout FormFields) {
        for (path, text) in texts(of: address) { fields[path] = text }
    }
}
