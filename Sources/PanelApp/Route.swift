import PanelModels

/// The screens, each with a stable number and name that support staff can say on the phone
/// ("press 3"). The numbers are the Home menu's digits and never change.
public enum Route: Hashable, Sendable, CaseIterable {
    case signIn
    case home
    case myData
    case contact
    case billing
    case messages
    case privacy
    case cookies

    /// The stable number shown in the title bar; sign-in has none.
    public var number: Int? {
        switch self {
        case .signIn: nil
        case .home: 0
        case .myData: 1
        case .contact: 2
        case .billing: 3
        case .messages: 4
        case .privacy: 5
        case .cookies: 6
        }
    }

    /// The name used by `--screen` and in the file names of the screen catalogue.
    public var slug: String {
        switch self {
        case .signIn: "sign-in"
        case .home: "home"
        case .myData: "my-data"
        case .contact: "contact"
        case .billing: "billing"
        case .messages: "messages"
        case .privacy: "privacy"
        case .cookies: "cookies"
        }
    }

    /// The screen opened by digit `n` on Home.
    public static func numbered(_ n: Int) -> Route? {
        allCases.first { $0.number == n }
    }

    /// `--screen NAME`: the slug or the number.
    public init?(argument: String) {
        guard let route = Route.allCases.first(where: { $0.slug == argument || $0.number.map(String.init) == argument })
        else { return nil }
        self = route
    }

    /// The screen's name in `language`.
    public func name(_ language: Language) -> String {
        switch (self, language) {
        case (.signIn, .tr): "Giriş"
        case (.signIn, .en): "Sign in"
        case (.home, .tr): "Ana sayfa"
        case (.home, .en): "Home"
        case (.myData, .tr): "Verilerim"
        case (.myData, .en): "My data"
        case (.contact, .tr): "İletişim bilgileri"
        case (.contact, .en): "Contact details"
        case (.billing, .tr): "Fatura adresi"
        case (.billing, .en): "Billing address"
        case (.messages, .tr): "İleti tercihleri"
        case (.messages, .en): "Message preferences"
        case (.privacy, .tr): "Gizlilik politikası"
        case (.privacy, .en): "Privacy policy"
        case (.cookies, .tr): "Çerez politikası"
        case (.cookies, .en): "Cookie policy"
        }
    }

    /// `3 · Fatura adresi` (the number and the name, as the title bar shows them).
    public func title(_ language: Language) -> String {
        number.map { "\($0) · \(name(language))" } ?? name(language)
    }
}
