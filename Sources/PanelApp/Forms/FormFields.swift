import PanelModels
import TerminalUI

/// The texts of a form's fields, by wire path, each with its editing state (cursor, scroll).
/// Fields that are not shown keep their text: a billing profile switched to corporate and back
/// still has the name typed before.
public struct FormFields: Sendable, Hashable {
    private var inputs: [FieldPath: TextField] = [:]
    /// Goes up whenever a text may have changed (not when only a cursor moves): the form compares
    /// it before and after a key instead of keeping a copy of every field (which made the key's
    /// edit copy the whole table) and comparing them all.
    private(set) var textRevision = 0

    public init() {}

    /// The text of the field at `path` (empty when it has none).
    public subscript(path: FieldPath) -> String {
        get { inputs[path]?.text ?? "" }
        set {
            inputs[path, default: TextField()].text = newValue
            textRevision += 1
        }
    }

    /// Equal when every field's text and editing state are (the revision is bookkeeping).
    public static func == (lhs: FormFields, rhs: FormFields) -> Bool { lhs.inputs == rhs.inputs }

    public func hash(into hasher: inout Hasher) { hasher.combine(inputs) }

    /// The text, or nil when it is empty: how optional fields go on the wire.
    public func optional(_ path: FieldPath) -> String? {
        let text = self[path]
        return text.isEmpty ? nil : text
    }

    /// The editing state of the field at `path`.
    func input(_ path: FieldPath) -> TextField {
        inputs[path] ?? TextField()
    }

    /// Applies an editing key to the field at `path`.
    mutating func edit(_ path: FieldPath, _ key: Key) -> KeyOutcome {
        let outcome = inputs[path, default: TextField()].handle(key)
        if outcome == .changed { textRevision += 1 }
        return outcome
    }

    /// Replaces every field of `fields` with its text in `texts` (the limits and masking from the
    /// field's description). A text longer than its limit (a row stored before today's rules) is
    /// kept whole, to be shown with its message and shortened by the customer, never cut silently:
    /// the limit only stops it from growing.
    mutating func fill(_ texts: [FieldPath: String], _ fields: [FormField]) {
        for field in fields {
            var input = TextField(texts[field.path] ?? "", isMasked: field.kind == .password)
            input.maxLength = field.maxLength
            inputs[field.path] = input
        }
        textRevision += 1
    }
}
