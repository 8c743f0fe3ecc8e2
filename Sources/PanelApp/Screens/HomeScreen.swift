import PanelModels
import TerminalUI

/// 0 Home: the numbered menu of the six screens, who is signed in, and when they last signed in.
/// Digits 1–6 open a screen at once; ↑/↓ and Enter too; F9 or `s` signs out.
public struct HomeScreen: PanelScreen {
    enum Action {
        case open, move, signOut
    }

    static let destinations: [Route] = [.myData, .contact, .billing, .messages, .privacy, .cookies]

    private(set) var menu = SelectionList(items: Array(repeating: "", count: HomeScreen.destinations.count),
                                          numberShortcuts: true)

    public init() {}

    static func keymap(_ s: Strings) -> Keymap<Action> {
        Keymap([
            KeyBinding([.enter], label: "1-6", hint: s.open, help: s.openHelp, priority: .high, action: .open),
            KeyBinding([.up, .down, .home, .end], label: "↑↓", hint: s.select, help: s.selectHelp,
                       priority: .low, action: .move),
            KeyBinding([.function(9), .character("s")], label: "F9", hint: s.signOut, help: s.signOutHelp,
                       priority: .normal, action: .signOut),
        ])
    }

    public func keyHints(_ context: ScreenContext) -> [KeyHint] { Self.keymap(context.strings).hints }
    public func helpEntries(_ context: ScreenContext) -> [(label: String, help: String)] {
        Self.keymap(context.strings).helpEntries
    }

    public mutating func open(_ context: ScreenContext) -> [Effect] { [] }

    public mutating func handle(_ key: Key, _ context: ScreenContext) -> KeyResult {
        if Self.keymap(context.strings).action(for: key) == .signOut { return .handled([.signOut]) }
        switch menu.handle(key) {
        case .activated:
            guard let item = menu.selectedItem else { return .done }
            return .handled([.navigate(Self.destinations[item])])
        case .ignored:
            return .ignored
        default:
            return .done
        }
    }

    public mutating func receive(_ incoming: Incoming, _ context: ScreenContext) -> [Effect] { [] }

    public func render(in body: Rect, into canvas: inout Canvas, _ context: ScreenContext) -> Point? {
        let s = context.strings
        let content = body.inset(top: 1, left: 3, bottom: 0, right: 3)
        if let me = context.overview {
            canvas.write(s.hello(me.firstName + " " + me.lastName), in: content.top(1), role: .heading)
            canvas.write(s.customerNumber + ": " + me.customerNumber, in: content.row(1), role: .muted)
            let last = me.lastSignIn.map { s.lastSignIn($0.at.turkeyDisplay, ip: $0.ip) } ?? s.firstSignIn
            canvas.write(last, in: content.row(2), role: .muted)
        } else {
            canvas.write(s.loading, in: content.top(1), role: .muted)
        }
        canvas.write(s.whatToDo, in: content.row(4), role: .label)
        let list = content.droppingTop(6).top(Self.destinations.count * 2)
        var cursor: Point?
        for (index, route) in Self.destinations.enumerated() {
            let row = list.row(index * 2)
            let selected = menu.selectedItem == index
            let number = "\(index + 1)"
            // "> " in the bar's role, as SelectionList draws it: one attribute run per row, so a
            // key in the menu costs the terminal one colour change instead of two.
            if selected { canvas.put("> ", at: row.origin, role: .selection, clip: row) }
            let entry = Rect(x: row.x + 2, y: row.y, width: 26, height: 1)
            if selected { canvas.fill(entry, role: .selection) }
            canvas.write(" \(number)  " + route.name(context.language), in: entry, role: selected ? .selection : .normal)
            canvas.write(s.describe(route), in: row.droppingLeft(30), role: .muted)
            if selected { cursor = Point(x: entry.x + 1, y: row.y) }
        }
        return cursor
    }
}

extension Strings {
    var openHelp: String { pick("Seçili ekranı aç; 1-6 rakamları doğrudan açar", "Open the selected screen; digits 1-6 open one at once") }
    var selectHelp: String { pick("Menüde gez", "Move in the menu") }
    var signOut: String { pick("Oturumu kapat", "Sign out") }
    var signOutHelp: String { pick("Oturumu kapat ve giriş ekranına dön (F9 ya da s)", "Sign out and return to sign-in (F9 or s)") }
    func hello(_ name: String) -> String { pick("Merhaba, \(name)", "Hello, \(name)") }
    func lastSignIn(_ when: String, ip: String?) -> String {
        let from = ip.map { pick(" (\($0) adresinden)", " (from \($0))") } ?? ""
        return pick("Son girişiniz: \(when)\(from)", "Your last sign-in: \(when)\(from)")
    }
    var firstSignIn: String { pick("Bu, panele ilk girişiniz.", "This is your first sign-in to the panel.") }
    var whatToDo: String { pick("Ne yapmak istersiniz? Rakama basın:", "What would you like to do? Press a digit:") }
    func describe(_ route: Route) -> String {
        switch route {
        case .myData: pick("Sizinle ilgili sakladığımız her şey", "Everything we keep about you")
        case .contact: pick("E-posta, telefon, faks, adres", "E-mail, phone, fax, address")
        case .billing: pick("Bireysel ya da kurumsal fatura bilgisi", "Individual or corporate invoice details")
        case .messages: pick("İstemediğiniz iletileri reddedin", "Refuse the messages you do not want")
        case .privacy: pick("Verilerinizi nasıl koruduğumuz", "How we protect your data")
        case .cookies: pick("Yalnızca teknik çerezler", "Technical cookies only")
        default: ""
        }
    }
}
