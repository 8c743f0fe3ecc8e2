// The first screen, until the real screens land: the title, a short text in the chosen language,
// the list of the screens to come, and the key hints. Small on purpose; it shows TerminalUI at work.

import TerminalUI

// MARK: - WelcomeScreen

/// The welcome screen: a `TerminalProgram` for the event loop.
public struct WelcomeScreen: TerminalProgram {
    public typealias Waiter = PollWaiter

    /// The language of the texts.
    public enum Language: Sendable {
        case turkish, english

        /// Turkish when the locale (`LC_ALL`, else `LANG`) is `tr_*`, English otherwise.
        public static func fromLocale(_ locale: String?) -> Language {
            locale?.hasPrefix("tr") == true ? .turkish : .english
        }
    }

    enum Action: Sendable {
        case help, switchLanguage, move, open, quit
    }

    public private(set) var language: Language
    private var texts: Texts
    private(set) var keymap: Keymap<Action>
    private var menu: SelectionList
    private var showsHelp = false
    private var dialog: Dialog?
    private let minimumSize = MinimumSize()

    public init(language: Language) {
        self.language = language
        texts = Self.texts(language)
        keymap = Self.keymap(texts)
        menu = SelectionList(items: texts.screens, numberShortcuts: true)
    }

    static func keymap(_ texts: Texts) -> Keymap<Action> {
        Keymap([
            KeyBinding([.function(1), .character("?")], label: "F1", hint: texts.help, priority: .high, action: .help),
            KeyBinding([.up, .down, .home, .end], label: "↑↓", hint: texts.select, priority: .low, action: .move),
            KeyBinding([.enter], label: "Enter", hint: texts.open, action: .open),
            KeyBinding([.function(3), .character("l")], label: "F3", hint: texts.otherLanguage,
                       action: .switchLanguage),
            KeyBinding([.function(10), .character("q"), .interrupt], label: "F10", hint: texts.quit,
                       help: texts.quitHelp, priority: .essential, action: .quit),
        ])
    }

    // MARK: Update

    public mutating func update(_ event: TerminalEvent<Never>, waiter: inout PollWaiter) -> LoopCommand {
        guard case .key(let key) = event else { return .redraw }
        if dialog != nil {
            if [.activated, .cancelled].contains(dialog!.handle(key)) { dialog = nil }
            return key == .interrupt || key == .function(10) ? .quit : .redraw
        }
        let action = keymap.action(for: key)
        if showsHelp {
            if action == .quit { return .quit }
            showsHelp = false
            return .redraw
        }
        switch action {
        case .help: showsHelp = true
        case .switchLanguage:
            language = language == .turkish ? .english : .turkish
            texts = Self.texts(language)
            keymap = Self.keymap(texts)
            let selected = menu.selectedItem ?? 0
            menu = SelectionList(items: texts.screens, selected: selected, numberShortcuts: true)
        case .quit: return .quit
        case .move, .open, nil:
            if menu.handle(key) == .activated, let item = menu.selectedItem {
                dialog = .info(title: texts.screens[item], message: texts.notReady, ok: texts.ok)
            }
        }
        return .redraw
    }

    // MARK: Render

    public func render(into canvas: inout Canvas) -> Point? {
        if minimumSize.renderNotice(into: &canvas, message: texts.tooSmall) { return nil }
        let screen = canvas.bounds
        TitleBar(title: "Haker Panel", right: texts.languageName).render(in: screen, into: &canvas)
        KeyHintBar.render(keymap, in: screen.bottom(1), into: &canvas)

        let body = screen.inset(top: 2, left: 2, bottom: 2, right: 2)
        let used = canvas.putWrapped(texts.welcome, in: body)
        let menuArea = body.droppingTop(used + 1)
        canvas.write(texts.comingSoon, in: menuArea.top(1), role: .heading)
        var cursor = menu.render(in: menuArea.inset(top: 1, left: 2).top(texts.screens.count), into: &canvas,
                                 focused: !showsHelp && dialog == nil)
        canvas.write(texts.letters, in: menuArea.droppingTop(texts.screens.count + 2).top(1), role: .muted)

        if showsHelp {
            HelpOverlay.render(keymap, title: texts.help, footer: texts.closeHelp, in: screen, into: &canvas)
            cursor = nil
        }
        if let dialog { cursor = dialog.render(in: screen, into: &canvas) }
        return cursor
    }

    // MARK: Texts

    struct Texts: Sendable {
        var languageName, welcome, comingSoon, letters, help, select, open, otherLanguage, quit, quitHelp: String
        var closeHelp, notReady, ok: String
        var screens: [String]
        var tooSmall: @Sendable (Size) -> String
    }

    static func texts(_ language: Language) -> Texts {
        language == .turkish ? turkish : english
    }

    private static let turkish = Texts(
        languageName: "Türkçe",
        welcome: "Haker Panel'e hoş geldiniz. Bu panelde Haker'in sizinle ilgili sakladığı kişisel "
            + "verileri görebilir, iletişim ve fatura bilgilerinizi düzeltebilir, istemediğiniz "
            + "bilgilendirme iletilerini reddedebilir, gizlilik ve çerez politikalarını okuyabilirsiniz.",
        comingSoon: "Yakında", letters: "Türkçe harfler: ÇĞİÖŞÜ çğıöşü", help: "Yardım", select: "Seç",
        open: "Aç", otherLanguage: "English", quit: "Çıkış", quitHelp: "Panelden çık (q, Ctrl-C)",
        closeHelp: "Kapatmak için bir tuşa basın", notReady: "Bu ekran henüz hazır değil.", ok: "Tamam",
        screens: ["Verilerim", "İletişim bilgileri", "Fatura adresi", "İleti tercihleri",
                  "Gizlilik politikası", "Çerez politikası"],
        tooSmall: { "Pencereyi en az 80x24 yapın (şu an \($0))." })

    private static let english = Texts(
        languageName: "English",
        welcome: "Welcome to Haker Panel. Here you can see the personal data Haker keeps about you, "
            + "correct your contact details and billing address, refuse the informational messages "
            + "you do not want, and read the privacy and cookie policies.",
        comingSoon: "Coming soon", letters: "Turkish letters: ÇĞİÖŞÜ çğıöşü", help: "Help",
        select: "Select", open: "Open", otherLanguage: "Türkçe", quit: "Quit",
        quitHelp: "Leave the panel (q, Ctrl-C)", closeHelp: "Press any key to close",
        notReady: "This screen is not ready yet.", ok: "OK",
        screens: ["My data", "Contact details", "Billing address", "Message preferences",
                  "Privacy policy", "Cookie policy"],
        tooSmall: { "Make the window at least 80x24 (now \($0))." })

    /// The reason the full screen cannot start, in `language`.
    public static func message(for error: TerminalStartError, language: Language) -> String {
        switch (error, language) {
        case (.cannotAddressCursor(let type), .turkish), (.unknownTerminal(let type), .turkish):
            "bu terminal (TERM=\(type)) tam ekran paneli gösteremiyor; xterm gibi bir terminal kullanın."
        case (.notATerminal, .turkish):
            "tam ekran panel için standart giriş ve çıkış bir terminal olmalı."
        case (.noTerminalType, .turkish):
            "TERM tanımlı değil; terminal türü bilinmiyor."
        case (.initialisationFailed(let type), .turkish):
            "ncurses bu terminalde (TERM=\(type)) başlatılamadı."
        case (_, .english):
            error.description
        }
    }
}
