// Key bindings as data. A screen declares its keys once, with their labels and help texts; the
// footer and the help overlay are both drawn from that one table, so they cannot drift apart.

// MARK: - KeyBinding

/// One entry of a keymap: the keys, how the footer and the help name them, and the action.
///
/// Texts are already localised: the app builds its keymap in the current language.
public struct KeyBinding<Action> {
    /// How prominent the binding is in the footer. When the footer is too narrow, the hints of
    /// the lowest priority go first; `.helpOnly` bindings appear only in the help overlay.
    public enum Priority: Int, Comparable, Sendable {
        case helpOnly = 0, low, normal, high, essential

        public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The keys that trigger the action.
    public var keys: [Key]
    /// The key name shown in the footer and the help, e.g. `F2`, `Esc`, `↑↓`.
    public var label: String
    /// The short text beside the label in the footer, e.g. `Kaydet`.
    public var hint: String
    /// The longer explanation in the help overlay (defaults to `hint`).
    public var help: String
    public var priority: Priority
    public var action: Action

    @inlinable
    public init(
        _ keys: [Key], label: String, hint: String, help: String? = nil, priority: Priority = .normal, action: Action
    ) {
        self.keys = keys
        self.label = label
        self.hint = hint
        self.help = help ?? hint
        self.priority = priority
        self.action = action
    }
}

// MARK: - Keymap

/// The bindings of one screen, in the order the footer and the help list them.
public struct Keymap<Action> {
    public var bindings: [KeyBinding<Action>]

    @inlinable
    public init(_ bindings: [KeyBinding<Action>]) {
        self.bindings = bindings
    }

    /// The action bound to `key`, if any (the first binding wins).
    @inlinable
    public func action(for key: Key) -> Action? {
        bindings.first { $0.keys.contains(key) }?.action
    }

    /// The footer's hints (`label`, `hint`), in keymap order.
    @inlinable
    public var hints: [KeyHint] {
        bindings.filter { $0.priority > .helpOnly }
            .map { KeyHint(label: $0.label, text: $0.hint, priority: $0.priority.rawValue) }
    }

    /// The help overlay's lines (`label`, `help`), every binding, in keymap order.
    @inlinable
    public var helpEntries: [(label: String, help: String)] {
        bindings.map { ($0.label, $0.help) }
    }
}

extension KeyBinding: Sendable where Action: Sendable {}
extension Keymap: Sendable where Action: Sendable {}

// MARK: - KeyHint

/// A key hint as the footer shows it: `F2 Kaydet`.
public struct KeyHint: Hashable, Sendable {
    public var label: String
    public var text: String
    /// Higher stays longer when the footer is narrow.
    public var priority: Int

    @inlinable
    public init(label: String, text: String, priority: Int = 2) {
        self.label = label
        self.text = text
        self.priority = priority
    }

    /// The columns `label text` takes.
    var width: Int { DisplayWidth.of(label) + 1 + DisplayWidth.of(text) }
}
