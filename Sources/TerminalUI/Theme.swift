// Semantic styles: screens say what a cell is (`Role`), a `Theme` chosen once at start-up says
// how it looks. No screen ever names a colour.
//
// Colour is never the only signal. In the monochrome theme reverse, bold and underline carry every
// meaning; in the colour themes the roles that mean something (focus, selection, errors, locks,
// search matches) carry an attribute as well as a colour; and the widgets draw text markers that
// survive any theme and show in the plain-text screen catalogue:
// - a selected list item starts with `>`; a focused dialog button is `< OK >`, the others `  OK  `;
// - the focused text field holds the terminal cursor and is reversed (monochrome) or bold on
//   another background (colour);
// - toggles are `[x]` on, `[ ]` off, `[#]` locked on, `[-]` locked off;
// - messages drawn with `Canvas.putMessage` start with a marker: `.error` with `Glyphs.error`
//   (✗ or !), `.warning` with `Glyphs.warning` (!), `.success` with `Glyphs.success` (✓ or +).

// MARK: - Role

/// What a cell shows, for the theme to style.
public enum Role: UInt8, CaseIterable, Sendable {
    /// Ordinary text.
    case normal
    /// The title bar.
    case title
    /// The emphasised part of the title bar (the screen number and name).
    case titleAccent
    /// The footer (status bar) background and hint texts.
    case footer
    /// A key name in the footer (`F2`).
    case keyHint
    /// A form label or a caption.
    case label
    /// Secondary text: dates, help lines, read-only values.
    case muted
    /// A heading inside content (the pager's Markdown headings, section titles).
    case heading
    /// An editable field.
    case field
    /// The editable field that has the focus.
    case fieldFocused
    /// The selected item of the focused list, the focused toggle, the focused button.
    case selection
    /// The selected item of a list that does not have the focus.
    case selectionUnfocused
    /// An error message.
    case error
    /// A warning.
    case warning
    /// A success message.
    case success
    /// A value the customer cannot change (a required notice).
    case locked
    /// Box and separator lines.
    case border
    /// A dialog's body.
    case dialog
    /// A dialog's title.
    case dialogTitle
    /// A search match in the pager.
    case searchMatch
    /// The current search match in the pager.
    case searchCurrent
    /// The activity spinner.
    case spinner
    /// A small label that stands out (`DEMO`, a count).
    case badge
}

// MARK: - Colours and attributes

/// A terminal colour; `.default` is the terminal's own foreground or background.
public enum TerminalColor: Hashable, Sendable {
    case `default`
    /// One of the 8 basic colours (0 black … 7 white) or, on 256-colour terminals, 0–255.
    case indexed(UInt8)

    public static let black = TerminalColor.indexed(0)
    public static let red = TerminalColor.indexed(1)
    public static let green = TerminalColor.indexed(2)
    public static let yellow = TerminalColor.indexed(3)
    public static let blue = TerminalColor.indexed(4)
    public static let magenta = TerminalColor.indexed(5)
    public static let cyan = TerminalColor.indexed(6)
    public static let white = TerminalColor.indexed(7)
}

/// Text attributes a terminal can show without colour.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let dim = TextAttributes(rawValue: 1 << 1)
    public static let underline = TextAttributes(rawValue: 1 << 2)
    public static let reverse = TextAttributes(rawValue: 1 << 3)
    public static let italic = TextAttributes(rawValue: 1 << 4)
}

/// How a role looks: colours and attributes.
public struct Style: Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var attributes: TextAttributes

    public init(
        foreground: TerminalColor = .default, background: TerminalColor = .default, attributes: TextAttributes = []
    ) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

// MARK: - Theme

/// The styles of every role, chosen once at start-up.
public struct Theme: Sendable {
    /// Which kind of terminal the theme is for.
    public enum Kind: String, Sendable {
        case colour256, colour8, monochrome
    }

    public let kind: Kind
    private let styles: [Style]

    /// A theme from a style per role (roles missing from `styles` are `.normal`-looking).
    public init(kind: Kind, styles: [Role: Style]) {
        self.kind = kind
        self.styles = Role.allCases.map { styles[$0] ?? Style() }
    }

    /// The style of `role`.
    public subscript(role: Role) -> Style { styles[Int(role.rawValue)] }

    /// True when the colour themes must not be used: `NO_COLOR` is set to a non-empty value
    /// (https://no-color.org) or the user asked for `--no-color`.
    public static func colourDisabled(environment noColor: String?, flag: Bool) -> Bool {
        flag || !(noColor ?? "").isEmpty
    }

    /// The theme for a terminal with `colours` colours (0 when it has none).
    public static func choose(colours: Int, colourDisabled: Bool) -> Theme {
        if colourDisabled || colours < 8 { return .monochrome }
        return colours >= 256 ? .colour256 : .colour8
    }

    // MARK: Built-in themes

    /// Attributes only: reverse, bold and underline carry every meaning.
    public static let monochrome = Theme(kind: .monochrome, styles: [
        .title: Style(attributes: [.reverse, .bold]),
        .titleAccent: Style(attributes: [.reverse, .bold, .underline]),
        .footer: Style(attributes: [.reverse]),
        .keyHint: Style(attributes: [.reverse, .bold]),
        .label: Style(),
        .muted: Style(attributes: [.dim]),
        .heading: Style(attributes: [.bold, .underline]),
        .field: Style(attributes: [.underline]),
        .fieldFocused: Style(attributes: [.reverse]),
        .selection: Style(attributes: [.reverse, .bold]),
        .selectionUnfocused: Style(attributes: [.underline]),
        .error: Style(attributes: [.bold]),
        .warning: Style(attributes: [.bold]),
        .success: Style(attributes: [.bold]),
        .locked: Style(attributes: [.dim]),
        .border: Style(),
        .dialog: Style(),
        .dialogTitle: Style(attributes: [.bold]),
        .searchMatch: Style(attributes: [.underline, .bold]),
        .searchCurrent: Style(attributes: [.reverse]),
        .spinner: Style(attributes: [.bold]),
        .badge: Style(attributes: [.reverse]),
    ])

    /// The eight basic colours (the Linux console, `TERM=xterm`, `vt100`-class terminals with colour).
    public static let colour8 = Theme(kind: .colour8, styles: [
        .title: Style(foreground: .white, background: .blue, attributes: [.bold]),
        .titleAccent: Style(foreground: .yellow, background: .blue, attributes: [.bold]),
        .footer: Style(foreground: .black, background: .white),
        .keyHint: Style(foreground: .blue, background: .white, attributes: [.bold]),
        .label: Style(foreground: .cyan),
        .muted: Style(attributes: [.dim]),
        .heading: Style(foreground: .cyan, attributes: [.bold]),
        .field: Style(foreground: .white, background: .blue),
        .fieldFocused: Style(foreground: .black, background: .cyan, attributes: [.bold]),
        .selection: Style(foreground: .black, background: .cyan, attributes: [.bold]),
        .selectionUnfocused: Style(foreground: .white, background: .blue),
        .error: Style(foreground: .red, attributes: [.bold]),
        .warning: Style(foreground: .yellow, attributes: [.bold]),
        .success: Style(foreground: .green, attributes: [.bold]),
        .locked: Style(foreground: .white, attributes: [.dim]),
        .border: Style(foreground: .blue),
        .dialog: Style(foreground: .black, background: .white),
        .dialogTitle: Style(foreground: .blue, background: .white, attributes: [.bold]),
        .searchMatch: Style(foreground: .black, background: .yellow, attributes: [.underline]),
        .searchCurrent: Style(foreground: .black, background: .yellow, attributes: [.reverse, .bold]),
        .spinner: Style(foreground: .cyan, attributes: [.bold]),
        .badge: Style(foreground: .black, background: .yellow, attributes: [.bold]),
    ])

    /// 256 colours: softer greys and blues.
    public static let colour256 = Theme(kind: .colour256, styles: [
        .title: Style(foreground: .indexed(231), background: .indexed(24), attributes: [.bold]),
        .titleAccent: Style(foreground: .indexed(229), background: .indexed(24), attributes: [.bold]),
        .footer: Style(foreground: .indexed(252), background: .indexed(237)),
        .keyHint: Style(foreground: .indexed(222), background: .indexed(237), attributes: [.bold]),
        .label: Style(foreground: .indexed(110)),
        .muted: Style(foreground: .indexed(245)),
        .heading: Style(foreground: .indexed(117), attributes: [.bold]),
        .field: Style(foreground: .indexed(252), background: .indexed(238)),
        .fieldFocused: Style(foreground: .indexed(231), background: .indexed(25), attributes: [.bold]),
        .selection: Style(foreground: .indexed(231), background: .indexed(25), attributes: [.bold]),
        .selectionUnfocused: Style(foreground: .indexed(252), background: .indexed(239)),
        .error: Style(foreground: .indexed(203), attributes: [.bold]),
        .warning: Style(foreground: .indexed(214), attributes: [.bold]),
        .success: Style(foreground: .indexed(114), attributes: [.bold]),
        .locked: Style(foreground: .indexed(244), attributes: [.dim]),
        .border: Style(foreground: .indexed(67)),
        .dialog: Style(foreground: .indexed(252), background: .indexed(236)),
        .dialogTitle: Style(foreground: .indexed(229), background: .indexed(236), attributes: [.bold]),
        .searchMatch: Style(foreground: .indexed(16), background: .indexed(179), attributes: [.underline]),
        .searchCurrent: Style(foreground: .indexed(16), background: .indexed(214), attributes: [.reverse, .bold]),
        .spinner: Style(foreground: .indexed(117), attributes: [.bold]),
        .badge: Style(foreground: .indexed(16), background: .indexed(150), attributes: [.bold]),
    ])
}

// MARK: - Glyphs

/// The characters the widgets draw with: Unicode where the locale and the terminal can show it,
/// ASCII otherwise (no `acsc` in terminfo, or a locale that is not UTF-8).
public struct Glyphs: Hashable, Sendable {
    public var isUnicode: Bool
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    /// Ends a truncated text.
    public var ellipsis: String
    /// Starts a list item in running text.
    public var bullet: Character
    /// Stands for one grapheme of a masked (password) field.
    public var mask: Character
    public var error: Character
    public var warning: Character
    public var success: Character
    public var arrowUp: Character
    public var arrowDown: Character
    /// The spinner's frames, advanced by time.
    public var spinnerFrames: [String]

    public static let unicode = Glyphs(
        isUnicode: true, horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└",
        bottomRight: "┘", ellipsis: "…", bullet: "•", mask: "•", error: "✗", warning: "!", success: "✓",
        arrowUp: "↑", arrowDown: "↓", spinnerFrames: ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
    )

    public static let ascii = Glyphs(
        isUnicode: false, horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+",
        bottomRight: "+", ellipsis: "...", bullet: "*", mask: "*", error: "!", warning: "!", success: "+",
        arrowUp: "^", arrowDown: "v", spinnerFrames: ["|", "/", "-", "\\"]
    )

    /// Unicode when both the locale is UTF-8 and the terminal can draw lines, else ASCII.
    public static func choose(localeIsUTF8: Bool, terminalDrawsLines: Bool) -> Glyphs {
        localeIsUTF8 && terminalDrawsLines ? .unicode : .ascii
    }
}
