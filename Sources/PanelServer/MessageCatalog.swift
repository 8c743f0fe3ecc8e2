import PanelModels

// MARK: - Topics and channels

/// The kinds of message the company sends and the channels it sends them through. The client
/// draws its grid from these, so a new topic needs no client release.
enum MessageCatalog {
    static let channels: [MessageChannel] = [
        MessageChannel(id: "email", label: LocalizedText(tr: "E-posta", en: "E-mail")),
        MessageChannel(id: "sms", label: LocalizedText(tr: "SMS", en: "SMS")),
        MessageChannel(id: "phone", label: LocalizedText(tr: "Telefon araması", en: "Phone call")),
    ]

    static let topics: [MessageTopic] = [
        MessageTopic(
            id: "service_updates",
            label: LocalizedText(tr: "Hizmet bilgilendirmeleri", en: "Service updates"),
            description: LocalizedText(
                tr: "Haker'in size sunduğu hizmetlerdeki değişiklikler, kullanım ve bakım duyuruları.",
                en: "Changes to, use and maintenance of the services Haker provides to you."),
            required: false),
        MessageTopic(
            id: "partner_updates",
            label: LocalizedText(tr: "İş ortağı bilgilendirmeleri", en: "Partner updates"),
            description: LocalizedText(
                tr: "Haker'in iş ortaklarının hizmetleri ve sağladıkları mallarla ilgili değişiklik, kullanım "
                    + "ve "
                    + "bakım duyuruları.",
                en: "Changes to, use and maintenance of the services and goods of Haker's partners."),
            required: false),
        MessageTopic(
            id: "security_notices",
            label: LocalizedText(tr: "Güvenlik bildirimleri", en: "Security notices"),
            description: LocalizedText(
                tr: "Hesabınızın ve hizmetlerinizin güvenliğiyle ilgili uyarılar.",
                en: "Warnings about the security of your account and services."),
            required: true,
            requiredReason: LocalizedText(
                tr: "Hesabınızı korumak için gönderilir; kapatılamaz.",
                en: "Sent to protect your account; cannot be turned off.")),
        MessageTopic(
            id: "billing_notices",
            label: LocalizedText(tr: "Fatura bildirimleri", en: "Billing notices"),
            description: LocalizedText(
                tr: "Faturalar, ödemeler ve hizmet yenilemeleri.",
                en: "Invoices, payments and service renewals."),
            required: true,
            requiredReason: LocalizedText(
                tr: "Sözleşmenin yürütülmesi için gereklidir; kapatılamaz.",
                en: "Needed to perform the contract; cannot be turned off.")),
    ]

    static func topic(_ id: String) -> MessageTopic? { topics.first { $0.id == id } }
    static func isChannel(_ id: String) -> Bool { channels.contains { $0.id == id } }

    /// The topics a customer may refuse.
    static var refusable: [MessageTopic] { topics.filter { !$0.required } }
}

// MARK: - When a refusal applies

/// Law 6563 gives the company at most 3 business days to act on a refusal. The panel applies it
/// from the start (00:00 in Turkey, UTC+3) of the next business day, Monday to Friday. Public
/// holidays are not modelled: on a holiday the refusal still applies sooner than the law requires.
enum RefusalSchedule {
    static func effectiveFrom(refusedAt now: Timestamp) -> Timestamp {
        let offset = Timestamp.turkeyOffsetSeconds
        let localDayStart = (now.seconds + offset).floorDiv(86_400) * 86_400
        var day = localDayStart + 86_400
        // CivilTime.weekday: 0 = Monday … 6 = Sunday.
        while CivilTime(seconds: day).weekday >= 5 {
            day += 86_400
        }
        return Timestamp(seconds: day - offset)
    }
}

extension Int64 {
    /// Division rounding towards minus infinity (times before 1970 stay on the right day).
    func floorDiv(_ d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
