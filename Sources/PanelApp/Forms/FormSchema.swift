import PanelClient
import PanelModels
import TerminalUI

// What a form screen is made of. The contact details (screen 2) and the billing address (screen 3)
// are both `FormScreen`s: one generic screen that loads a resource, edits it field by field, checks
// it as the customer types, shows what will change, saves it with its ETag, and handles a 422, a 412
// and a failed save. Each form only describes its resource in a `FormSchema`: its fields, how they
// are laid out, how a value turns into field texts and back, and its validation.
//
// Fields are known by their wire path (`phone`, `contact_address.postal_code`, `tckn`): the same
// string names the field's text, its row and the server's field errors about it, so a 422 lands on
// its row without a mapping table.

/// The wire path of a field: the key of its text in the form, of its row, and of the server's
/// field errors about it.
public typealias FieldPath = String

// MARK: - Fields and lines

/// One of two or more values a field can take (the billing type).
public struct FormChoice: Sendable, Hashable {
    /// The value on the wire (`individual`).
    public var value: String
    /// What the customer reads (`Bireysel`).
    public var label: String

    public init(value: String, label: String) {
        self.value = value
        self.label = label
    }
}

/// A field of a form: its path, label, what kind of input it is, and how it is drawn.
public struct FormField: Sendable {
    public enum Kind: Sendable, Hashable {
        case text
        /// Masked, never shown in the review or the conflict view, cleared when the server refuses it.
        case password
        /// A province: while the field at `country` says `TR`, typing opens a drop-down of the 81
        /// that filters as the customer types; elsewhere free text.
        case province(country: FieldPath)
        /// One of a few values, changed with Space or ←/→.
        case choice([FormChoice])
    }

    public var path: FieldPath
    public var label: String
    public var kind: Kind
    /// The most characters the field takes.
    public var maxLength: Int
    /// Columns between the brackets at 80 columns; fields of 30 columns or more grow on wider windows.
    public var width: Int
    /// A line under the form while the field has the focus (what it is for, how to fill it).
    public var hint: String?
    /// Shown while the field is empty (`(isteğe bağlı)`).
    public var placeholder: String

    public init(_ path: FieldPath, label: String, kind: Kind = .text, maxLength: Int, width: Int,
                hint: String? = nil, placeholder: String = "") {
        self.path = path
        self.label = label
        self.kind = kind
        self.maxLength = maxLength
        self.width = width
        self.hint = hint
        self.placeholder = placeholder
    }

    /// The choices of a `.choice` field (empty otherwise).
    var choices: [FormChoice] {
        if case .choice(let choices) = kind { return choices }
        return []
    }

    /// `text` as the customer reads it: a choice's label, `(boş)` for nothing.
    func display(_ text: String, _ s: Strings) -> String {
        if let choice = choices.first(where: { $0.value == text }) { return choice.label }
        return text.isEmpty ? s.notGiven : text
    }
}

/// A line of a form, top to bottom.
public enum FormLine: Sendable {
    /// The row of the field at this path.
    case field(FieldPath)
    /// A section title, with a muted note at the right (a key that acts on the section).
    case heading(String, note: String?)
    /// A value the customer cannot change here, with why.
    case readOnly(label: String, value: String, note: String?)
    /// An empty line.
    case gap
}

/// The calls that load and save a form's resource, and how its result is found in a reply.
public struct FormCalls<Value: Sendable>: Sendable {
    /// The call that loads the resource (`.contact`).
    public var load: APICall
    /// The call that saves a value with the ETag it replaces (`.saveContact(value, etag:)`).
    public var save: @Sendable (Value, String) -> APICall
    /// The result in a reply, when the reply is about this resource.
    public var result: @Sendable (APIReply) -> APIResult<Value>?

    public init(load: APICall, save: @escaping @Sendable (Value, String) -> APICall,
                result: @escaping @Sendable (APIReply) -> APIResult<Value>?) {
        self.load = load
        self.save = save
        self.result = result
    }
}

/// The screen's own key, besides the form's (billing: F6 copies the contact address).
public struct FormCommand: Sendable {
    public var keys: [Key]
    public var label: String
    public var hint: String
    public var help: String

    public init(keys: [Key], label: String, hint: String, help: String) {
        self.keys = keys
        self.label = label
        self.hint = hint
        self.help = help
    }
}

/// What the status line says, in whichever language is current when it is drawn (F3 may switch
/// the language between the event and the drawing).
public struct FormNotice: Sendable {
    public var kind: StatusLine.Kind
    public var text: @Sendable (Strings) -> String

    public init(_ kind: StatusLine.Kind, _ text: @escaping @Sendable (Strings) -> String) {
        self.kind = kind
        self.text = text
    }
}

// MARK: - Schema

/// A resource a `FormScreen` edits: everything the form needs to know about it.
public protocol FormSchema {
    associatedtype Value: Hashable & Sendable

    /// How the resource is loaded and saved.
    static var calls: FormCalls<Value> { get }

    /// Every field, in the order the review lists changes.
    static func fields(_ s: Strings) -> [FormField]
    /// The lines shown now (fields may come and go with what is typed). It may read `fields`,
    /// `baseline`, the language and `context.overview`, nothing else of the context: the screen
    /// keeps the lines until one of these changes.
    static func layout(_ fields: FormFields, baseline: Value, _ context: ScreenContext) -> [FormLine]
    /// The fields whose texts `layout` reads, or nil for "any of them": the screen lays the form out
    /// again when one of these changes, not at every letter typed elsewhere. The default is nil.
    static var layoutReads: [FieldPath]? { get }

    /// The text of each field for `value`.
    static func texts(of value: Value) -> [FieldPath: String]
    /// The value the fields make, as it would be sent (`baseline`: what was loaded).
    static func value(from fields: FormFields, baseline: Value) -> Value
    /// The customer's mistakes, with the server's paths and codes.
    static func validate(_ value: Value, baseline: Value) -> [FieldError]
    /// The same, knowing that `previous` (checked last, against the same baseline) had `errors`: a
    /// schema whose rules fall into independent parts checks again only the parts a change reaches
    /// (the form checks at every key, and a key changes one field). The default checks everything.
    static func validate(_ value: Value, baseline: Value, after previous: Value, errors: [FieldError]) -> [FieldError]
    /// `value` as the server stores it.
    static func normalized(_ value: Value) -> Value
    /// The same, knowing that `previous` is stored as `stored`: as with `validate(_:baseline:after:errors:)`,
    /// a schema whose fields are normalised apart redoes only the parts a change reaches (the "will
    /// be stored as" lines are worked out at every key). The default normalises everything.
    static func normalized(_ value: Value, after previous: Value, stored: Value) -> Value

    /// The screen's own key, if any.
    static func command(_ s: Strings) -> FormCommand?
    /// Runs the screen's own key on the fields and says what it did.
    static func runCommand(on fields: inout FormFields, _ context: ScreenContext) -> FormNotice?
}

extension FormSchema {
    public static func validate(_ value: Value, baseline: Value, after previous: Value, errors: [FieldError])
        -> [FieldError]
    {
        validate(value, baseline: baseline)
    }

    public static var layoutReads: [FieldPath]? { nil }

    public static func normalized(_ value: Value, after previous: Value, stored: Value) -> Value {
        normalized(value)
    }

    public static func command(_ s: Strings) -> FormCommand? { nil }
    public static func runCommand(on fields: inout FormFields, _ context: ScreenContext) -> FormNotice? { nil }
}
