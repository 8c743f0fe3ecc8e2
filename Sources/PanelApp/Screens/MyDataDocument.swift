import PanelModels
import TerminalUI

/// The report of `GET /v1/me/data` as a document for the pager: the stored fields first (what a
/// customer asking "what do you keep about me" wants to see at once), then every category with its
/// purpose and retention, the message preferences, the change log, the IP log, the support
/// threads, the sessions, and last what is not stored. Built in one language from the same report,
/// so switching the language rebuilds it without loading anything; both languages have the same
/// paragraphs in the same order, so a position in one is the same place in the other.
struct MyDataDocument {
    /// The paragraphs, in reading order.
    private(set) var paragraphs: [Pager.Paragraph] = []
    /// The paragraph index of each section's heading (Tab and Shift-Tab jump between them).
    private(set) var sections: [Int] = []

    /// Columns for a stored field's label (longer labels push their value right).
    static let maxLabelWidth = 28
    /// Hanging indentation under a list item's bullet.
    private static let itemIndent = "    "

    init(report: DataReport, strings: Strings) {
        words = strings
        let s = strings
        let language = s.language
        storedFields(report, s)
        categories(report, s)
        preferences(report.messagePreferences, s)

        section(s.changeLogHeading)
        list(report.changeLog) { entry in
            var lines: [Pager.Paragraph] = [
                Self.item(entry.at.turkeyDisplay + " · " + s.changedResource(entry.resource) + " · "
                     + s.changedBy(entry.actor))
            ]
            lines += entry.changes.map { Self.detail(s.describeChange($0, preferences: report.messagePreferences)) }
            lines.append(Self.detail(s.changeOrigin(ip: entry.ip, client: entry.client), role: .muted))
            return lines
        }

        section(s.ipLogHeading)
        list(report.ipLog) { entry in
            [Self.item(entry.at.turkeyDisplay + " · " + entry.ip + " · " + s.ipAction(entry.action))]
        }

        section(s.supportThreadsHeading)
        list(report.supportThreads) { thread in
            [Self.item(thread.openedAt.turkeyDisplay + " · " + s.threadStatus(thread.status) + " · " + thread.subject)]
        }

        section(s.sessionsHeading)
        list(report.sessions) { session in
            let parts = [session.createdAt.turkeyDisplay, session.ip ?? s.noIP, session.client ?? s.unknownClient,
                         s.lastSeen(session.lastSeenAt.turkeyDisplay)]
            let text = parts.joined(separator: " · ") + (session.current ? " · " + s.currentSession : "")
            return [Self.item(text, role: session.current ? .heading : .normal)]
        }

        section(s.notStoredHeading)
        for entry in report.notStored {
            add(Pager.Paragraph(entry.title[language], role: .success, firstPrefix: "• ", restPrefix: "  "))
            add(Pager.Paragraph(entry.text[language], firstPrefix: "  ", restPrefix: "  "))
        }
    }

    // MARK: - Sections

    /// Identity, contact, addresses, billing and the other categories stored as fields: label and
    /// value, every field, empty ones said to be empty.
    private mutating func storedFields(_ report: DataReport, _ s: Strings) {
        section(s.storedFieldsHeading)
        let withFields = report.categories.filter { !$0.fields.isEmpty }
        let widest = withFields.flatMap(\.fields).map { DisplayWidth.of($0.label[s.language]) }.max() ?? 0
        let labelWidth = min(widest, Self.maxLabelWidth)
        for category in withFields {
            add(Pager.Paragraph(category.title[s.language], role: .label))
            for field in category.fields {
                let value = field.value.map { category.id == "billing" ? s.storedBillingType($0) : $0 } ?? s.notGiven
                let label = TextLayout.pad(field.label[s.language], toWidth: labelWidth)
                add(Pager.Paragraph(label + "  " + value, firstPrefix: "  ", restPrefix: "  "))
            }
        }
        add(Pager.Paragraph(s.howToCorrect, role: .muted))
    }

    /// Every category: why it is kept and for how long.
    private mutating func categories(_ report: DataReport, _ s: Strings) {
        section(s.categoriesHeading)
        for category in report.categories {
            let count = category.count.map { " (" + s.entries($0) + ")" } ?? ""
            add(Pager.Paragraph(category.title[s.language] + count, role: .label, firstPrefix: "• ",
                                restPrefix: "  "))
            add(Self.detail(s.purposeLabel + category.purpose[s.language]))
            add(Self.detail(s.retentionLabel + category.retention[s.language]))
        }
    }

    /// One line per topic: each channel opted in or refused (and from when), required ones said so.
    private mutating func preferences(_ preferences: MessagePreferences, _ s: Strings) {
        section(s.preferencesHeading)
        list(preferences.topics) { topic in
            let cells = preferences.channels.compactMap { channel -> String? in
                guard let cell = preferences.preferences.first(where: { $0.topic == topic.id && $0.channel == channel.id })
                else { return nil }
                return channel.label[s.language] + ": " + s.preferenceState(cell)
            }
            return [Self.item(topic.label[s.language]), Self.detail(cells.joined(separator: " · "))]
        }
        add(Pager.Paragraph(s.preferencesWhere, role: .muted))
    }

    // MARK: - Building blocks

    private mutating func add(_ paragraph: Pager.Paragraph) {
        paragraphs.append(paragraph)
    }

    /// A heading, after a blank line unless it is the first.
    private mutating func section(_ title: String) {
        if !paragraphs.isEmpty { add(Pager.Paragraph("")) }
        sections.append(paragraphs.count)
        add(Pager.Paragraph(title, role: .heading))
    }

    /// The entries of a list, or "nothing recorded".
    private mutating func list<Entry>(_ entries: [Entry], _ lines: (Entry) -> [Pager.Paragraph]) {
        guard !entries.isEmpty else {
            add(Pager.Paragraph(words.nothingRecorded, role: .muted, firstPrefix: "  ", restPrefix: "  "))
            return
        }
        for entry in entries { paragraphs += lines(entry) }
    }

    private let words: Strings

    private static func item(_ text: String, role: Role = .normal) -> Pager.Paragraph {
        Pager.Paragraph(text, role: role, firstPrefix: "• ", restPrefix: "  ")
    }

    private static func detail(_ text: String, role: Role = .normal) -> Pager.Paragraph {
        Pager.Paragraph(text, role: role, firstPrefix: Self.itemIndent, restPrefix: Self.itemIndent)
    }
}

// MARK: - Words

extension Strings {
    var storedFieldsHeading: String { pick("Kimlik ve iletişim bilgileriniz", "Your identity and contact details") }
    var howToCorrect: String {
        pick("Yanlış bir bilgi varsa düzeltebilirsiniz: iletişim bilgileri 2, fatura bilgileri 3 numaralı ekranda.",
             "If something is wrong, correct it: contact details on screen 2, billing details on screen 3.")
    }
    var categoriesHeading: String { pick("Neyi, neden ve ne kadar süre saklıyoruz", "What we keep, why, and for how long") }
    var purposeLabel: String { pick("Amaç: ", "Purpose: ") }
    var retentionLabel: String { pick("Saklama süresi: ", "Kept for: ") }
    func entries(_ count: Int) -> String {
        pick("\(count) kayıt", count == 1 ? "1 entry" : "\(count) entries")
    }
    var nothingRecorded: String { pick("Kayıt yok.", "Nothing recorded.") }

    var preferencesHeading: String { pick("İleti tercihleriniz", "Your message preferences") }
    var preferencesWhere: String {
        pick("Tercihlerinizi değiştirmek ve geçmişini görmek için: 4 numaralı ekran.",
             "To change them and see their history: screen 4.")
    }
    func preferenceState(_ cell: MessagePreference) -> String {
        if cell.required { return pick("zorunlu bildirim", "required notice") }
        if cell.optedIn { return pick("onaylı", "opted in") }
        guard let from = cell.effectiveFrom else { return pick("reddedildi", "refused") }
        return pick("reddedildi (\(from.turkeyDisplay) itibarıyla)", "refused (from \(from.turkeyDisplay))")
    }

    var changeLogHeading: String {
        pick("Değişiklik kaydı: kim, neyi, ne zaman değiştirdi", "Change log: who changed what, and when")
    }
    func changedBy(_ actor: ChangeActor) -> String {
        switch actor {
        case .customer: pick("değiştiren: siz", "changed by: you")
        case .support: pick("değiştiren: müşteri hizmetleri", "changed by: customer support")
        case .system: pick("değiştiren: sistem", "changed by: the system")
        }
    }
    func changedResource(_ resource: String) -> String {
        switch resource {
        case "contact": pick("İletişim bilgileri", "Contact details")
        case "billing": pick("Fatura bilgileri", "Billing details")
        case "message_preferences": pick("İleti tercihleri", "Message preferences")
        case "email": pick("E-posta", "E-mail")
        default: resource
        }
    }
    /// A changed field's wire name in words: `contact_address.postal_code` → "İletişim adresi,
    /// posta kodu".
    func changedFieldName(_ field: String) -> String {
        if field.hasPrefix("contact_address.") {
            return pick("İletişim adresi, ", "Contact address, ") + addressPart(String(field.dropFirst(16)))
        }
        if field.hasPrefix("billing.address.") {
            return pick("Fatura adresi, ", "Billing address, ") + addressPart(String(field.dropFirst(16)))
        }
        switch field {
        case "email": return email
        case "phone": return phone
        case "fax": return fax
        case "billing.type": return pick("Fatura türü", "Billing type")
        case "billing.full_name": return pick("Faturadaki ad soyad", "Full name on invoices")
        case "billing.tckn": return pick("T.C. Kimlik No", "Turkish ID number")
        case "billing.company_name": return pick("Şirket unvanı", "Company name")
        case "billing.vkn": return pick("Vergi kimlik no", "Tax number")
        case "billing.tax_office": return pick("Vergi dairesi", "Tax office")
        case "billing.e_invoice_email": return pick("E-fatura e-postası", "E-invoice e-mail")
        default: return field
        }
    }
    private func addressPart(_ part: String) -> String {
        let name = switch part {
        case "line1": addressLine1
        case "line2": addressLine2
        case "district": district
        case "province": province
        case "postal_code": postalCode
        case "country": country
        default: part
        }
        return (language == .tr ? CaseFolding.turkish : .english).fold(name)
    }
    /// One change in words: `Telefon: +905321112233 → +905321234567`; a preference cell by its
    /// topic's and channel's labels, `true`/`false` as opted in/refused; empty values said so.
    func describeChange(_ change: FieldChange, preferences: MessagePreferences) -> String {
        let parts = change.field.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 2, let topic = preferences.topics.first(where: { $0.id == parts[0] }) {
            let channel = preferences.channels.first { $0.id == parts[1] }?.label[language] ?? parts[1]
            let word = { (value: String?) in
                switch value {
                case "true": self.pick("onaylı", "opted in")
                case "false": self.pick("reddedildi", "refused")
                default: value ?? self.notGiven
                }
            }
            return topic.label[language] + ", " + channel + ": " + word(change.old) + " → " + word(change.new)
        }
        let shown = { (value: String?) in
            value.map { change.field == "billing.type" ? self.storedBillingType($0) : $0 } ?? self.notGiven
        }
        return changedFieldName(change.field) + ": " + shown(change.old) + " → " + shown(change.new)
    }
    /// `individual` and `corporate` in words; any other value as it is.
    func storedBillingType(_ value: String) -> String {
        switch BillingType(rawValue: value) {
        case .individual?: pick("Bireysel", "Individual")
        case .corporate?: pick("Kurumsal", "Corporate")
        case nil: value
        }
    }
    func changeOrigin(ip: String?, client: String?) -> String {
        let parts = [ip.map { "IP: " + $0 }, client.map { pick("istemci: ", "client: ") + $0 }].compactMap { $0 }
        return parts.isEmpty ? pick("IP ve istemci kaydı yok", "No IP or client recorded") : parts.joined(separator: " · ")
    }

    var ipLogHeading: String { pick("IP kayıtları: ne zaman, nereden, ne yapıldı", "IP log: when, from where, what") }
    func ipAction(_ action: String) -> String {
        switch action {
        case "sign_in": pick("Giriş yapıldı", "Signed in")
        case "sign_in_failed": pick("Başarısız giriş denemesi", "Failed sign-in attempt")
        case "sign_out": pick("Oturum kapatıldı", "Signed out")
        case "update_contact": pick("İletişim bilgileri değiştirildi", "Contact details changed")
        case "update_billing": pick("Fatura bilgileri değiştirildi", "Billing details changed")
        case "update_message_preferences": pick("İleti tercihleri değiştirildi", "Message preferences changed")
        case "export": pick("Veriler dışa aktarıldı", "Data exported")
        case "unsubscribe": pick("Ret bağlantısıyla ileti reddedildi", "A message refused through its reject link")
        default: action
        }
    }

    var supportThreadsHeading: String { pick("Destek yazışmaları", "Support correspondence") }
    func threadStatus(_ status: String) -> String {
        switch status {
        case "open": pick("Açık", "Open")
        case "answered": pick("Yanıtlandı", "Answered")
        case "closed": pick("Kapandı", "Closed")
        default: status
        }
    }

    var sessionsHeading: String { pick("Oturumlar", "Sessions") }
    var noIP: String { pick("IP yok", "no IP") }
    var unknownClient: String { pick("istemci bilinmiyor", "unknown client") }
    func lastSeen(_ when: String) -> String { pick("son etkinlik \(when)", "last active \(when)") }
    var currentSession: String { pick("şu an kullandığınız oturum", "the session you are using now") }

    var notStoredHeading: String { pick("Sizinle ilgili saklamadıklarımız", "What we do not keep about you") }
}
