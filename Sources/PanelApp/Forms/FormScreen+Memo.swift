import PanelModels
import TerminalUI

// What a `FormScreen` works out from its state and keeps until that state changes: the fields of
// the language, the lines of the form and the keymap with its footer hints. Before, a Tab built the
// field list five times, the lines three times and the keymap twice (every label, hint and path
// string anew), which was the larger part of the key's work.
//
// Each entry says what it was made from. The lines are dropped whenever the baseline changes, and
// whenever the texts change unless the schema names the fields its layout reads (`layoutReads`):
// then the lines keep those fields' texts and stand while they are the same. A mutating step refreshes what is missing or out of date, and a reader
// (the drawing) that finds an entry made for other inputs computes afresh without storing, so an
// entry is never used for inputs it was not made from. The entries are not generic over the
// schema: the screen runs unspecialised behind `any PanelScreen`, where generic values are copied
// and compared through their metadata.

/// The keys of a form (`FormScreen.Action`).
enum FormAction: Hashable {
    case save, nextField, previousField, enter, change, command, back, scroll, keepMine, takeServers, reload
}

/// A form's remembered field table, lines and keymap.
struct FormMemo {
    /// `Schema.fields` in one language, and by path.
    struct FieldTable {
        let language: Language
        let all: [FormField]
        let byPath: [FieldPath: FormField]

        init(_ language: Language, _ all: [FormField]) {
            self.language = language
            self.all = all
            byPath = Dictionary(all.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// The lines of the form for the current texts and baseline, in a language, for a customer.
    struct Lines {
        let language: Language
        let overview: Overview?
        /// The texts of the schema's `layoutReads` fields the lines were made from.
        let readTexts: [String]
        let lines: [FormLine]
        /// The paths of the fields among `lines`, top to bottom.
        let order: [FieldPath]

        init(_ lines: [FormLine], _ context: ScreenContext, readTexts: [String]) {
            language = context.language
            overview = context.overview
            self.readTexts = readTexts
            self.lines = lines
            order = lines.compactMap { line in
                if case .field(let path) = line { return path }
                return nil
            }
        }

        func isFor(_ context: ScreenContext, readTexts: [String]) -> Bool {
            language == context.language && overview == context.overview && self.readTexts == readTexts
        }
    }

    /// What a keymap is made from.
    struct KeymapInputs: Hashable {
        var language: Language
        /// The mode's case (its associated values do not change the keys).
        var mode: Int
        var choiceFocused: Bool
        var offersRetry: Bool
    }

    /// A keymap and its footer hints.
    struct Keys {
        let inputs: KeymapInputs
        let keymap: Keymap<FormAction>
        let hints: [KeyHint]

        init(_ inputs: KeymapInputs, _ keymap: Keymap<FormAction>) {
            self.inputs = inputs
            self.keymap = keymap
            hints = keymap.hints
        }
    }

    var fields: FieldTable
    /// Nil after a change of the texts or the baseline.
    var lines: Lines?
    var keys: Keys?
}

extension FormScreen {
    // MARK: - Reading

    /// The fields in `s`'s language.
    func fieldTable(_ s: Strings) -> FormMemo.FieldTable {
        memo.fields.language == s.language ? memo.fields : FormMemo.FieldTable(s.language, Schema.fields(s))
    }

    /// The lines shown now (nil before the resource is loaded).
    func currentLines(_ context: ScreenContext) -> FormMemo.Lines? {
        // Remembered lines imply a baseline (its didSet drops them): no copy of it on this path.
        let readTexts = layoutReadTexts
        if let lines = memo.lines, lines.isFor(context, readTexts: readTexts) { return lines }
        guard let baseline else { return nil }
        return FormMemo.Lines(Schema.layout(fields, baseline: baseline, context), context, readTexts: readTexts)
    }

    /// The texts of the fields the layout reads (none when it may read any: the lines are then
    /// dropped at every change of the texts).
    private var layoutReadTexts: [String] {
        Schema.layoutReads.map { $0.map { fields[$0] } } ?? []
    }

    /// The keymap of the current mode and focus, with its hints.
    func currentKeys(_ s: Strings) -> FormMemo.Keys {
        let inputs = keymapInputs(s)
        if let keys = memo.keys, keys.inputs == inputs { return keys }
        return FormMemo.Keys(inputs, Self.keymap(s, for: mode, choiceFocused: inputs.choiceFocused,
                                                 offersRetry: inputs.offersRetry))
    }

    private func keymapInputs(_ s: Strings) -> FormMemo.KeymapInputs {
        let kind = switch mode {
        case .loading: 0
        case .loadFailed: 1
        case .editing: 2
        case .reviewing: 3
        case .saving: 4
        case .conflict: 5
        }
        return FormMemo.KeymapInputs(language: s.language, mode: kind,
                                     choiceFocused: focusedField(s).map { !$0.choices.isEmpty } ?? false,
                                     offersRetry: offersRetry)
    }

    // MARK: - Refreshing

    /// Brings every entry up to date (after each step that may have changed what they are made
    /// from), so that the frame drawn next finds them.
    mutating func refreshMemo(_ context: ScreenContext) {
        if memo.fields.language != context.language { memo.fields = fieldTable(context.strings) }
        _ = refreshedLines(context)
        let keys = currentKeys(context.strings)
        if memo.keys?.inputs != keys.inputs { memo.keys = keys }
    }

    /// The lines shown now, remembered (nil before the resource is loaded).
    mutating func refreshedLines(_ context: ScreenContext) -> FormMemo.Lines? {
        memo.lines = currentLines(context)
        return memo.lines
    }
}
