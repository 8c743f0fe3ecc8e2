import Foundation
import GRDB
import PanelModels

// MARK: - Everything stored about a customer (KVKK art. 11)

extension PanelStore {
    func dataReport(session: AuthenticatedSession, now: Timestamp) throws -> DataReport {
        try db.read { db in
            let id = session.customerID
            guard let customer = try Self.customer(db, id: id) else { throw APIProblem.unauthorized }
            let contact = try Self.contact(db, customerID: id)
            let billing = try Self.billing(db, customerID: id)
            let preferences = try Self.preferences(db, customerID: id)
            let changeLog = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM change_log WHERE customer_id = ? ORDER BY at DESC, id DESC
                    """, arguments: [id]
            ).map { row in
                ChangeLogEntry(
                    at: Timestamp(seconds: row["at"]),
                    actor: ChangeActor(rawValue: row["actor"]) ?? .system, resource: row["resource"],
                    changes: (try? JSONDecoder().decode(
                        [FieldChange].self,
                        from: Data((row["changes"] as String).utf8))) ?? [],
                    ip: row["ip"], client: row["client"])
            }
            let ipLog = try Row.fetchAll(
                db, sql: "SELECT * FROM ip_log WHERE customer_id = ? ORDER BY at DESC, id DESC",
                arguments: [id]
            ).map {
                IPLogEntry(at: Timestamp(seconds: $0["at"]), ip: $0["ip"], action: $0["action"])
            }
            let threads = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM support_threads WHERE customer_id = ? ORDER BY opened_at DESC, id DESC
                    """, arguments: [id]
            ).map {
                SupportThread(
                    subject: $0["subject"], openedAt: Timestamp(seconds: $0["opened_at"]), status: $0["status"])
            }
            let sessions = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM sessions WHERE customer_id = ? ORDER BY created_at DESC, id DESC
                    """, arguments: [id]
            ).map {
                PanelModels.SessionRecord(
                    createdAt: Timestamp(seconds: $0["created_at"]),
                    lastSeenAt: Timestamp(seconds: $0["last_seen_at"]), ip: $0["ip"],
                    client: $0["client"], current: ($0["id"] as Int64) == session.sessionID)
            }
            let categories = DataCatalog.categories(
                customer: customer, contact: contact, billing: billing,
                counts: [
                    "message_preferences": preferences.history.count, "change_log": changeLog.count,
                    "ip_log": ipLog.count, "support_threads": threads.count, "sessions": sessions.count,
                ])
            return DataReport(
                customerNumber: customer.customerNumber, generatedAt: now, categories: categories,
                messagePreferences: preferences, changeLog: changeLog, ipLog: ipLog,
                supportThreads: threads, sessions: sessions, notStored: DataCatalog.notStored)
        }
    }
}

// MARK: - Why and how long

/// The categories of data, each with its purpose and retention in both languages, as the privacy
/// policy states them.
enum DataCatalog {
    private static let whileServiceRuns = LocalizedText(
        tr: "Hizmet sürdüğü müddetçe; hizmet sona erdikten sonra yasal saklama süreleri boyunca.",
        en: "For as long as the service runs; after it ends, for the periods the law requires.")

    static func categories(
        customer: CustomerRecord, contact: ContactDetails, billing: BillingProfile,
        counts: [String: Int]
    ) -> [DataCategory] {
        func field(_ tr: String, _ en: String, _ value: String?) -> DataField {
            DataField(label: LocalizedText(tr: tr, en: en), value: value)
        }
        func addressFields(_ a: Address) -> [DataField] {
            [
                field("Adres satırı 1", "Address line 1", a.line1),
                field("Adres satırı 2", "Address line 2", a.line2),
                field("İlçe", "District", a.district), field("İl", "Province", a.province),
                field("Posta kodu", "Postcode", a.postalCode), field("Ülke", "Country", a.country),
            ]
        }
        return [
            DataCategory(
                id: "identity", title: LocalizedText(tr: "Kimlik", en: "Identity"),
                purpose: LocalizedText(
                    tr: "Sizi müşteri olarak tanımak ve hizmet sözleşmesini yürütmek.",
                    en: "To know you as a customer and perform the service contract."),
                retention: whileServiceRuns,
                fields: [
                    field("Müşteri numarası", "Customer number", customer.customerNumber),
                    field("Ad", "First name", customer.firstName), field("Soyad", "Last name", customer.lastName),
                ]),
            DataCategory(
                id: "contact", title: LocalizedText(tr: "İletişim bilgileri", en: "Contact details"),
                purpose: LocalizedText(
                    tr: "Hizmetle ilgili sizinle iletişim kurmak; e-posta aynı zamanda giriş adınızdır.",
                    en: "To reach you about the service; the e-mail is also your sign-in name."),
                retention: whileServiceRuns,
                fields: [
                    field("E-posta", "E-mail", contact.email), field("Telefon", "Phone", contact.phone),
                    field("Faks", "Fax", contact.fax),
                ]),
            DataCategory(
                id: "addresses", title: LocalizedText(tr: "Adresler", en: "Addresses"),
                purpose: LocalizedText(tr: "Yazışma ve faturalama.", en: "Correspondence and invoicing."),
                retention: whileServiceRuns,
                fields: addressFields(contact.contactAddress).map { f in
                    DataField(
                        label: LocalizedText(tr: "İletişim: " + f.label.tr, en: "Contact: " + f.label.en),
                        value: f.value)
                }
                    + addressFields(billing.address).map { f in
                        DataField(
                            label: LocalizedText(tr: "Fatura: " + f.label.tr, en: "Billing: " + f.label.en),
                            value: f.value)
                    }),
            DataCategory(
                id: "billing", title: LocalizedText(tr: "Fatura bilgileri", en: "Billing details"),
                purpose: LocalizedText(
                    tr: "Yasaya uygun fatura düzenlemek (alıcının adı/unvanı, vergi dairesi ve numarası).",
                    en: "To issue lawful invoices (buyer's name, tax office and tax number)."),
                retention: LocalizedText(
                    tr: "Hizmet süresince; faturalar vergi mevzuatının öngördüğü süre boyunca saklanır.",
                    en: "For as long as the service runs; invoices for as long as tax law requires."),
                fields: [
                    field("Tür", "Type", billing.type.rawValue), field("Ad soyad", "Full name", billing.fullName),
                    field("T.C. Kimlik No", "Turkish ID number", billing.tckn),
                    field("Şirket unvanı", "Company name", billing.companyName),
                    field("Vergi kimlik no", "Tax number", billing.vkn),
                    field("Vergi dairesi", "Tax office", billing.taxOffice),
                    field("E-fatura e-postası", "E-invoice e-mail", billing.eInvoiceEmail),
                ]),
            DataCategory(
                id: "credentials", title: LocalizedText(tr: "Giriş bilgileri", en: "Sign-in credentials"),
                purpose: LocalizedText(
                    tr: "Hesabınıza yalnızca sizin girebilmeniz.",
                    en: "So that only you can sign in to your account."),
                retention: whileServiceRuns,
                fields: [
                    field(
                        "Parola", "Password",
                        "bcrypt (geri çevrilemez özet) / bcrypt (one-way hash); never stored in clear")
                ]),
            DataCategory(
                id: "message_preferences", title: LocalizedText(tr: "İleti tercihleri", en: "Message preferences"),
                purpose: LocalizedText(
                    tr: "Hangi bilgilendirme iletilerini almak istemediğinize uymak ve bunu kanıtlamak.",
                    en: "To honour the messages you refused, and to be able to show that we did."),
                retention: whileServiceRuns, count: counts["message_preferences"]),
            DataCategory(
                id: "change_log", title: LocalizedText(tr: "Değişiklik kaydı", en: "Change log"),
                purpose: LocalizedText(
                    tr: "Bilgilerinizi kimin, ne zaman, nereden değiştirdiğini gösterebilmek.",
                    en: "To show who changed your data, when and from where."),
                retention: whileServiceRuns, count: counts["change_log"]),
            DataCategory(
                id: "ip_log", title: LocalizedText(tr: "IP kayıtları", en: "IP log"),
                purpose: LocalizedText(
                    tr: "Yasal ve teknik nedenler; yasal merciler dışında üçüncü kişilerle asla paylaşılmaz.",
                    en: "Legal and technical reasons; never shared with third parties except the authorities."),
                retention: LocalizedText(
                    tr: "Mevzuatın öngördüğü süre boyunca.", en: "For as long as the law requires."),
                count: counts["ip_log"]),
            DataCategory(
                id: "support_threads", title: LocalizedText(tr: "Destek yazışmaları", en: "Support correspondence"),
                purpose: LocalizedText(
                    tr: "Teknik destek ve hizmet esaslarına ilişkin yazışmalar.",
                    en: "Technical support and correspondence about the service."),
                retention: whileServiceRuns, count: counts["support_threads"]),
            DataCategory(
                id: "sessions", title: LocalizedText(tr: "Oturumlar", en: "Sessions"),
                purpose: LocalizedText(
                    tr: "Girişinizi açık tutmak; oturum anahtarı yalnızca özet olarak saklanır.",
                    en: "To keep you signed in; the session key is stored only as a hash."),
                retention: LocalizedText(
                    tr: "30 dakika hareketsizlikte veya 12 saatte sona erer; kaydı IP kayıtlarıyla saklanır.",
                    en: "Ends after 30 idle minutes or 12 hours; its record is kept with the IP log."),
                count: counts["sessions"]),
        ]
    }

    static let notStored: [NotStoredItem] = [
        NotStoredItem(
            id: "card_data", title: LocalizedText(tr: "Kart bilgileri", en: "Card data"),
            text: LocalizedText(
                tr: "Kredi kartı bilgileriniz saklanmaz. Ödemeler bankanın sanal POS'u ve bankanın güvenlik "
                    + "önlemleriyle alınır.",
                en: "Your card data is never stored. Payments go through the bank's virtual POS and its security "
                    + "measures.")),
        NotStoredItem(
            id: "anonymous_statistics", title: LocalizedText(tr: "Gezinti istatistikleri", en: "Browsing statistics"),
            text: LocalizedText(
                tr: "Site içi gezinti istatistikleri anonimdir ve kimliğinizle ilişkilendirilmez.",
                en: "Statistics about browsing the site are anonymous and are not tied to you.")),
    ]
}
