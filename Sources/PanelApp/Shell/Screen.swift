import PanelClient
import PanelModels
import TerminalUI

// The contract between the shell (`PanelProgram`) and each screen. A screen is a value: its
// state, `handle(key)` and `receive(incoming)` that change it and return `Effect`s, and `render`
// that draws it into the body of the window (between the title bar and the status line). The
// shell draws the frame: title bar, status line (spinner or the screen's message), key hints.

/// What every screen may read but not change.
public struct ScreenContext: Sendable {
    public var language: Language
    /// The customer, once signed in (`GET /v1/me`).
    public var overview: Overview?
    /// The e-mail the customer signed in with.
    public var email: String?
    /// True in the embedded demo panel.
    public var isDemo: Bool
    /// Now, for countdowns and the spinner.
    public var now: ContinuousClock.Instant
    /// Now on the wall clock, for "from when a refusal applies" and export file names.
    public var wallClock: Timestamp
    /// True while a call of this screen is in flight (the shell shows the spinner).
    public var isBusy: Bool
    /// The customer's home folder, for the export's default path.
    public var homeDirectory: String
    /// The size of the screen's body (the window less the title bar, status line and footer).
    public var bodySize: Size

    public init(language: Language, overview: Overview? = nil, email: String? = nil, isDemo: Bool = false,
                now: ContinuousClock.Instant = .now, wallClock: Timestamp = Timestamp(seconds: 0),
                isBusy: Bool = false, homeDirectory: String = "/tmp", bodySize: Size = Size(width: 80, height: 21)) {
        self.language = language
        self.overview = overview
        self.email = email
        self.isDemo = isDemo
        self.now = now
        self.wallClock = wallClock
        self.isBusy = isBusy
        self.homeDirectory = homeDirectory
        self.bodySize = bodySize
    }

    public var strings: Strings { Strings(language) }
}

/// A one-line message under the body: what happened last on this screen.
public struct StatusLine: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case info, success, warning, error
    }

    public var text: String
    public var kind: Kind

    public init(_ text: String, _ kind: Kind = .info) {
        self.text = text
        self.kind = kind
    }

    public static func error(_ text: String) -> StatusLine { StatusLine(text, .error) }
    public static func success(_ text: String) -> StatusLine { StatusLine(text, .success) }
    public static func warning(_ text: String) -> StatusLine { StatusLine(text, .warning) }

    public var role: Role {
        switch kind {
        case .info: .muted
        case .success: .success
        case .warning: .warning
        case .error: .error
        }
    }
}

/// What a screen did with a key.
public enum KeyResult: Hashable, Sendable {
    /// Not the screen's: the shell may use it (Esc and `q` go back, `?` opens help, `l` switches
    /// the language).
    case ignored
    /// Handled; run these effects (often none) and redraw.
    case handled([Effect])

    public static let done = KeyResult.handled([])
}

/// A screen of the panel.
public protocol PanelScreen {
    /// The effects to run when the screen opens (usually: load its data).
    mutating func open(_ context: ScreenContext) -> [Effect]

    /// A key press (after the shell's own: F10, F1, F3, Ctrl-C).
    mutating func handle(_ key: Key, _ context: ScreenContext) -> KeyResult

    /// An answer to one of this screen's calls, a cancellation, or a written file.
    mutating func receive(_ incoming: Incoming, _ context: ScreenContext) -> [Effect]

    /// The language changed (F3): the effects to run (the policy screens load the other text).
    mutating func languageChanged(_ context: ScreenContext) -> [Effect]

    /// The window changed size (`context.bodySize` is the new body): re-wrap what needs it.
    mutating func resized(_ context: ScreenContext)

    /// Draws the screen into `body` and returns where the terminal cursor goes (the focused field
    /// or item; nil hides it).
    func render(in body: Rect, into canvas: inout Canvas, _ context: ScreenContext) -> Point?

    /// The screen's keys, for the footer and the help overlay (drawn from the same keymap the
    /// screen uses, so they cannot drift).
    func keyHints(_ context: ScreenContext) -> [KeyHint]
    func helpEntries(_ context: ScreenContext) -> [(label: String, help: String)]

    /// True while a text field has the focus: then `q`, `l` and `?` are letters, not commands.
    var isEditingText: Bool { get }
    /// True when leaving would lose something typed: the shell asks first.
    var hasUnsavedChanges: Bool { get }
    /// The last thing that happened, for the status line (nil: nothing to say).
    var status: StatusLine? { get }
    /// What the spinner says while one of the screen's calls is in flight.
    func busyText(_ context: ScreenContext) -> String
    /// When the screen next wants to be drawn again without an event (a countdown), or nil.
    func nextDeadline(_ context: ScreenContext) -> ContinuousClock.Instant?
}

extension PanelScreen {
    public mutating func languageChanged(_ context: ScreenContext) -> [Effect] { [] }
    public mutating func resized(_ context: ScreenContext) {}
    public var isEditingText: Bool { false }
    public var hasUnsavedChanges: Bool { false }
    public var status: StatusLine? { nil }
    public func busyText(_ context: ScreenContext) -> String { context.strings.loading }
    public func nextDeadline(_ context: ScreenContext) -> ContinuousClock.Instant? { nil }
}
