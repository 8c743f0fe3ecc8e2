import PanelClient
import PanelModels
import TerminalUI

/// A screen that edits one resource of the panel API (`ContactScreen`, `BillingScreen`).
///
/// It loads the resource when it opens and puts the focus on the first field. The customer edits
/// the fields; each is checked as they type with the validation the server uses, and its message
/// stands beside it. F2 (or Ctrl-S) shows what will change (old → new, as the server will store
/// it); Enter there saves with the ETag of what was loaded. A 200 makes the saved value the new
/// starting point; a 422 puts each error on its field; a 412 merges: a field only the other side
/// changed takes the server's value, a field only the customer changed keeps theirs, and only the
/// fields both changed, differently, are shown side by side for the customer to keep theirs (saved
/// with the new ETag, after the same review) or take the server's; with no such field, the merged
/// form goes straight to the review. Any other failure, or Esc during the save, keeps the form as
/// typed and says why in the status line (F2 tries again).
public struct FormScreen<Schema: FormSchema>: PanelScreen {
    enum Mode {
        /// Waiting for the resource (the shell shows the spinner).
        case loading
        /// The resource could not be loaded: `r` tries again.
        case loadFailed
        case editing
        /// "What will change": Enter saves, Esc goes back to the form.
        case reviewing
        /// The save is in flight: keys wait (Esc, the shell's, cancels it).
        case saving
        /// The server's version differs (412) on `clashing`: fields both sides changed, differently.
        case conflict(Conflict<Schema.Value>, clashing: Set<FieldPath>)
    }

    typealias Action = FormAction

    /// A 422 error on a field, shown while the field still holds the text it was about.
    struct ServerError {
        var code: String
        var text: String
    }

    private(set) var mode: Mode = .loading
    /// What the server has, as last loaded or saved: what "unsaved" and "what will change" compare with.
    private(set) var baseline: Schema.Value? {
        didSet { memo.lines = nil }
    }
    private(set) var etag: String?
    private(set) var fields = FormFields() {
        didSet { if Schema.layoutReads == nil { memo.lines = nil } }
    }
    private(set) var focus: FieldPath?
    /// The first line of the form shown (the form scrolls when the window is too short for it).
    private(set) var scroll = 0
    /// The first line of the review or conflict table shown.
    private(set) var tableScroll = 0
    /// The province drop-down, while open.
    private(set) var picker: ProvincePicker?
    private(set) var serverErrors: [FieldPath: ServerError] = [:]
    /// The first rule each field breaks as typed: checked once after each key or reply (one key
    /// changes one field), not again at every frame.
    private var typedErrors: [FieldPath: String] = [:]
    /// The value checked last, against which baseline, and what the check found.
    private var lastCheck: (value: Schema.Value, baseline: Schema.Value, errors: [FieldError], stored: Schema.Value)?
    /// Each field's text as the server will store it (`+905321234567` for `0532 123 45 67`), from
    /// the same check.
    private(set) var storedTexts: [FieldPath: String] = [:]
    private(set) var notice: FormNotice?
    /// The last save failed on the way (network, 5xx, 429…): F2 reads "try again" in the footer.
    private(set) var offersRetry = false
    private var language = Language.tr
    /// The field table, lines and keymap as last worked out (FormScreen+Memo.swift): read them
    /// through `fieldTable`, `refreshedLines`, `currentLines` and `currentKeys`.
    var memo = FormMemo(fields: FormMemo.FieldTable(.tr, Schema.fields(Strings(.tr))))

    public init() {}

    // MARK: - Keys

    static func keymap(_ s: Strings, for mode: Mode, choiceFocused: Bool = false, offersRetry: Bool = false)
        -> Keymap<Action>
    {
        let scroll = KeyBinding<Action>([.up, .down, .pageUp, .pageDown], label: "↑↓", hint: s.tableScrollHint,
                                        help: s.tableScrollHelp, priority: .helpOnly, action: .scroll)
        let backToForm = KeyBinding<Action>([.escape], label: "Esc", hint: s.backToForm, help: s.backToFormHelp,
                                            priority: .high, action: .back)
        switch mode {
        case .loading, .saving:
            return Keymap([])
        case .loadFailed:
            return Keymap([
                KeyBinding([.character("r"), .function(5)], label: "r", hint: s.retry, help: s.formReloadHelp,
                           priority: .high, action: .reload),
                KeyBinding([.escape], label: "Esc", hint: s.back, help: s.backHelp, priority: .normal, action: .back),
            ])
        case .reviewing:
            return Keymap([
                KeyBinding([.enter, .function(2), .ctrl("s")], label: "Enter", hint: s.save, help: s.confirmSaveHelp,
                           priority: .essential, action: .save),
                backToForm, scroll,
            ])
        case .conflict:
            return Keymap([
                KeyBinding([.enter, .function(2), .ctrl("s")], label: "Enter", hint: s.keepMine, help: s.keepMineHelp,
                           priority: .essential, action: .keepMine),
                KeyBinding([.character("s"), .character("S")], label: "S", hint: s.takeServers,
                           help: s.takeServersHelp, priority: .essential, action: .takeServers),
                backToForm, scroll,
            ])
        case .editing:
            var bindings: [KeyBinding<Action>] = [
                KeyBinding([.function(2), .ctrl("s")], label: "F2", hint: offersRetry ? s.retry : s.save,
                           help: s.saveHelp, priority: .essential, action: .save),
                KeyBinding([.tab, .down], label: "Tab", hint: s.nextField, help: s.fieldsHelp, priority: .low,
                           action: .nextField),
                KeyBinding([.backTab, .up], label: "S-Tab", hint: s.previousField, help: s.previousFieldHelp,
                           priority: .helpOnly, action: .previousField),
                KeyBinding([.enter], label: "Enter", hint: s.nextField, help: s.formEnterHelp, priority: .helpOnly,
                           action: .enter),
                KeyBinding([.character(" "), .left, .right], label: s.spaceKey, hint: s.toggle,
                           help: s.formChangeHelp, priority: choiceFocused ? .high : .helpOnly, action: .change),
                KeyBinding([], label: "↑↓ Enter", hint: s.select, help: s.provinceListHelp, priority: .helpOnly,
                           action: .enter),
            ]
            if let command = Schema.command(s) {
                bindings.append(KeyBinding(command.keys, label: command.label, hint: command.hint, help: command.help,
                                           priority: .normal, action: .command))
            }
            bindings.append(KeyBinding([.escape], label: "Esc", hint: s.back, help: s.formBackHelp,
                                       priority: .normal, action: .back))
            return Keymap(bindings)
        }
    }

    public func keyHints(_ context: ScreenContext) -> [KeyHint] {
        currentKeys(context.strings).hints
    }

    public func helpEntries(_ context: ScreenContext) -> [(label: String, help: String)] {
        currentKeys(context.strings).keymap.helpEntries
    }

    public mutating func handle(_ key: Key, _ context: ScreenContext) -> KeyResult {
        language = context.language
        let (textsBefore, baselineBefore) = (fields.textRevision, baseline)
        let action = currentKeys(context.strings).keymap.action(for: key)
        let result: KeyResult
        switch mode {
        case .loading:
            result = .ignored
        case .saving:
            result = .done
        case .loadFailed:
            result = action == .reload ? .handled(open(context)) : .ignored
        case .reviewing:
            result = handleReview(action, key, context)
        case .conflict(let conflict, let clashing):
            result = handleConflict(conflict, clashing, action, key, context)
        case .editing:
            result = handleEditing(key, action, context)
        }
        // Most keys move the focus or the cursor: only a changed text (or a new starting point)
        // needs the form checked again.
        if fields.textRevision != textsBefore || baseline != baselineBefore { recheck() }
        keepFocusVisible(context)
        refreshMemo(context)
        return result
    }

    private mutating func handleEditing(_ key: Key, _ action: Action?, _ context: ScreenContext) -> KeyResult {
        guard let field = focusedField(context.strings) else { return .ignored }
        if picker != nil, pickerTakes(key, field) { return .done }
        switch action {
        case .save?:
            beginSave(context)
        case .nextField?:
            moveFocus(by: 1, context)
        case .previousField?:
            moveFocus(by: -1, context)
        case .enter?:
            if picksProvince(field) {
                picker = ProvincePicker(query: fields[field.path])
            } else {
                moveFocus(by: 1, context)
            }
        case .change? where !field.choices.isEmpty:
            let choices = field.choices
            let index = choices.firstIndex { $0.value == fields[field.path] } ?? 0
            fields[field.path] = choices[(index + (key == .left ? -1 : 1) + choices.count) % choices.count].value
        case .command?:
            picker = nil
            notice = Schema.runCommand(on: &fields, context)
        case .back?:
            return .ignored
        default:
            guard field.choices.isEmpty else { return .ignored }
            let outcome = fields.edit(field.path, key)
            if outcome == .changed, picksProvince(field) { picker = ProvincePicker(query: fields[field.path]) }
            return outcome == .ignored ? .ignored : .done
        }
        return .done
    }

    /// The keys of the open province list; false for the keys it leaves to the form (typing
    /// filters it, Tab moves on and closes it).
    private mutating func pickerTakes(_ key: Key, _ field: FormField) -> Bool {
        switch key {
        case .up, .down, .pageUp, .pageDown:
            picker?.move(key)
        case .enter:
            if let name = picker?.selectedName { fields[field.path] = name }
            picker = nil
        case .escape:
            picker = nil
        default:
            return false
        }
        return true
    }

    private func picksProvince(_ field: FormField) -> Bool {
        guard case .province(let country) = field.kind else { return false }
        return CountryCode.normalized(fields[country]) == "TR"
    }

    private mutating func handleReview(_ action: Action?, _ key: Key, _ context: ScreenContext) -> KeyResult {
        switch action {
        case .save?:
            guard let baseline else { return .done }
            mode = .saving
            notice = nil
            offersRetry = false
            // What was reviewed is what is sent: the value as the server will store it.
            let value = Schema.normalized(currentValue(baseline))
            return .handled([.call(Schema.calls.save(value, etag ?? ""))])
        case .back?:
            mode = .editing
        case .scroll?:
            scrollTable(key, context)
        default:
            return .ignored
        }
        return .done
    }

    private mutating func handleConflict(_ conflict: Conflict<Schema.Value>, _ clashing: Set<FieldPath>,
                                         _ action: Action?, _ key: Key, _ context: ScreenContext) -> KeyResult {
        switch action {
        case .keepMine?:
            // The server's version is what the save now replaces: compare with it, send its ETag.
            baseline = conflict.current
            etag = conflict.etag
            beginSave(context)
        case .takeServers?:
            // The listed fields take the server's values; the customer's other changes stay typed.
            let stored = Schema.texts(of: conflict.current)
            for path in clashing { fields[path] = stored[path] ?? "" }
            baseline = conflict.current
            etag = conflict.etag
            serverErrors = [:]
            mode = .editing
            notice = hasUnsavedChanges ? FormNotice(.info) { $0.tookServersKeptOthers }
                : FormNotice(.info) { $0.tookServers }
        case .back?:
            mode = .editing
            notice = FormNotice(.warning) { $0.conflictNotSaved }
        case .scroll?:
            scrollTable(key, context)
        default:
            return .ignored
        }
        return .done
    }

    private mutating func scrollTable(_ key: Key, _ context: ScreenContext) {
        let area = Self.tableArea(in: Rect(size: context.bodySize))
        let count = table(context.strings)?.lineCount(width: area.width) ?? 0
        let page = max(1, area.height - 3)
        let delta = switch key {
        case .up: -1
        case .down: 1
        case .pageUp: -page
        default: page
        }
        tableScroll = max(0, min(tableScroll + delta, count - (area.height - 2)))
    }

    // MARK: - Focus

    /// The paths of the fields shown now, top to bottom.
    private mutating func fieldOrder(_ context: ScreenContext) -> [FieldPath] {
        refreshedLines(context)?.order ?? []
    }

    func focusedField(_ s: Strings) -> FormField? {
        focus.flatMap { fieldTable(s).byPath[$0] }
    }

    private mutating func moveFocus(by delta: Int, _ context: ScreenContext) {
        picker = nil
        let order = fieldOrder(context)
        guard !order.isEmpty else { return }
        guard let index = focus.flatMap(order.firstIndex(of:)) else {
            focus = order.first
            return
        }
        focus = order[(index + delta + order.count) % order.count]
    }

    /// Keeps the focus on a field that is shown and the form scrolled so that it is in view.
    private mutating func keepFocusVisible(_ context: ScreenContext) {
        guard let shown = refreshedLines(context) else { return }
        let (lines, order) = (shown.lines, shown.order)
        if let current = focus, !order.contains(current) { focus = order.first }
        guard let index = lines.firstIndex(where: { Self.isLine($0, of: focus) }) else { return }
        scroll = Self.scroll(keeping: index, from: scroll, height: Self.listHeight(context.bodySize.height),
                             count: lines.count)
    }

    static func isLine(_ line: FormLine, of path: FieldPath?) -> Bool {
        if case .field(let field) = line { return field == path }
        return false
    }

    /// Rows for the form's lines in a body `height` rows high: a margin above, a gap and two rows
    /// of detail about the focused field below.
    static func listHeight(_ height: Int) -> Int {
        max(1, height - 4)
    }

    /// The first line shown: `current`, moved just enough that line `index` is in view.
    static func scroll(keeping index: Int, from current: Int, height: Int, count: Int) -> Int {
        var top = min(current, index)
        if index >= top + height { top = index - height + 1 }
        return max(0, min(top, count - height))
    }

    // MARK: - Checking and saving

    private func currentValue(_ baseline: Schema.Value) -> Schema.Value {
        Schema.value(from: fields, baseline: baseline)
    }

    /// The row a field error belongs to: the field with its path, or the first field inside it
    /// (an error about a whole address lands on its first line).
    private static func rowPath(for path: FieldPath, _ all: [FormField]) -> FieldPath {
        if all.contains(where: { $0.path == path }) { return path }
        return all.first { $0.path.hasPrefix(path + ".") }?.path ?? path
    }

    /// Checks the typed value with the server's rules (`typedErrors`).
    private mutating func recheck() {
        typedErrors = [:]
        storedTexts = [:]
        guard let baseline else { return }
        let value = currentValue(baseline)
        let previous = lastCheck.flatMap { $0.baseline == baseline ? $0 : nil }
        let stored = previous.map { Schema.normalized(value, after: $0.value, stored: $0.stored) }
            ?? Schema.normalized(value)
        storedTexts = Schema.texts(of: stored)
        let errors = previous.map { Schema.validate(value, baseline: baseline, after: $0.value, errors: $0.errors) }
            ?? Schema.validate(value, baseline: baseline)
        lastCheck = (value, baseline, errors, stored)
        for error in errors where typedErrors[error.field] == nil {
            typedErrors[error.field] = error.code
        }
    }

    /// The error code of each bad field: the server's while the field holds what it refused,
    /// else the first rule the typed value breaks.
    func fieldErrors() -> [FieldPath: String] {
        var errors = typedErrors
        for (path, error) in serverErrors where fields[path] == error.text {
            errors[path] = error.code
        }
        // While the province list is open, the list is the answer to "not one of the 81".
        if picker != nil, let focus { errors[focus] = nil }
        return errors
    }

    /// F2: the first bad field gets the focus, or "nothing to save", or the review.
    private mutating func beginSave(_ context: ScreenContext) {
        picker = nil
        mode = .editing
        recheck()
        guard let baseline else { return }
        let s = context.strings
        let errors = fieldErrors()
        if !errors.isEmpty {
            let order = fieldOrder(context)
            let first = order.first { errors[$0] != nil } ?? errors.keys.sorted().first!
            if order.contains(first) { focus = first }
            let label = fieldTable(s).byPath[first]?.label ?? first
            let count = errors.count
            notice = FormNotice(.error) { $0.fixFields(count, first: label) }
            return
        }
        guard !changes(from: baseline, to: currentValue(baseline), s).isEmpty else {
            notice = FormNotice(.info) { $0.nothingToSave }
            return
        }
        mode = .reviewing
        tableScroll = 0
        notice = nil
    }

    /// The fields whose stored form differs between `old` and `new`, as the customer reads them.
    func changes(from old: Schema.Value, to new: Schema.Value, _ s: Strings) -> [FormChange] {
        let before = Schema.texts(of: Schema.normalized(old))
        let after = Schema.texts(of: Schema.normalized(new))
        return fieldTable(s).all.compactMap { field in
            let was = before[field.path] ?? "", will = after[field.path] ?? ""
            guard field.kind != .password, was != will else { return nil }
            return FormChange(path: field.path, label: field.label, before: field.display(was, s),
                              after: field.display(will, s))
        }
    }

    /// A 412: what was loaded (`baseline`), what is typed and the server's version now meet. A field
    /// only the server changed takes the server's value in the form; a field only the customer changed
    /// keeps what they typed. Returns the fields both changed, to different values, and the labels of
    /// those taken from the server.
    private mutating func merge(_ conflict: Conflict<Schema.Value>, _ s: Strings)
        -> (clashing: Set<FieldPath>, taken: [String])
    {
        guard let baseline else { return ([], []) }
        let loaded = Schema.texts(of: Schema.normalized(baseline))
        let typed = Schema.texts(of: Schema.normalized(currentValue(baseline)))
        let server = Schema.texts(of: Schema.normalized(conflict.current))
        let stored = Schema.texts(of: conflict.current)
        var clashing: Set<FieldPath> = [], taken: [String] = []
        for field in fieldTable(s).all where field.kind != .password {
            let was = loaded[field.path] ?? "", mine = typed[field.path] ?? "", theirs = server[field.path] ?? ""
            guard theirs != was else { continue }
            if mine == was {
                fields[field.path] = stored[field.path] ?? ""
                taken.append(field.label)
            } else if mine != theirs {
                clashing.insert(field.path)
            }
        }
        return (clashing, taken)
    }

    /// The review's or the conflict's table.
    func table(_ s: Strings) -> ChangeTable? {
        guard let baseline else { return nil }
        switch mode {
        case .reviewing:
            return ChangeTable(headers: (s.fieldColumn, s.nowColumn, s.newColumn), separator: .becomes,
                               changes: changes(from: baseline, to: currentValue(baseline), s))
        case .conflict(let conflict, let clashing):
            return ChangeTable(headers: (s.fieldColumn, s.yoursColumn, s.serverColumn), separator: .versus,
                               changes: changes(from: currentValue(baseline), to: conflict.current, s)
                                .filter { clashing.contains($0.path) })
        default:
            return nil
        }
    }

    /// Makes `value` the new starting point: the fields show it as stored, old errors go.
    private mutating func adopt(_ value: Schema.Value, etag: String?, _ s: Strings) {
        baseline = value
        if let etag { self.etag = etag }
        fields.fill(Schema.texts(of: value), fieldTable(s).all)
        serverErrors = [:]
        picker = nil
    }

    // MARK: - Replies

    public mutating func open(_ context: ScreenContext) -> [Effect] {
        language = context.language
        mode = .loading
        notice = nil
        refreshMemo(context)
        return [.call(Schema.calls.load)]
    }

    public mutating func receive(_ incoming: Incoming, _ context: ScreenContext) -> [Effect] {
        language = context.language
        switch incoming {
        case .reply(let call, let reply):
            guard let result = Schema.calls.result(reply) else { return [] }
            if call == Schema.calls.load { loaded(result, context) } else { saved(result, context) }
        case .cancelled(let call):
            if call == Schema.calls.load, case .loading = mode {
                mode = .loadFailed
                notice = FormNotice(.warning) { $0.formLoadCancelled }
            } else if case .saving = mode {
                mode = .editing
                notice = FormNotice(.warning) { $0.saveCancelled }
            }
        case .fileWritten:
            break
        }
        recheck()
        keepFocusVisible(context)
        refreshMemo(context)
        return []
    }

    private mutating func loaded(_ result: APIResult<Schema.Value>, _ context: ScreenContext) {
        guard case .success(let value, let etag) = result else {
            let failure = result.failure
            mode = .loadFailed
            notice = FormNotice(.error) { s in s.formLoadFailed(failure?.message(in: s.language) ?? "") }
            return
        }
        adopt(value, etag: etag, context.strings)
        mode = .editing
        focus = fieldOrder(context).first
        notice = nil
    }

    private mutating func saved(_ result: APIResult<Schema.Value>, _ context: ScreenContext) {
        mode = .editing
        switch result {
        case .success(let value, let etag):
            adopt(value, etag: etag, context.strings)
            let time = String(context.wallClock.turkeyDisplay.suffix(5))
            notice = FormNotice(.success) { $0.savedAt(time) }
        case .conflict(let conflict):
            let (clashing, taken) = merge(conflict, context.strings)
            tableScroll = 0
            if !clashing.isEmpty {
                mode = .conflict(conflict, clashing: clashing)
                notice = FormNotice(.warning) { $0.conflictFound }
                return
            }
            baseline = conflict.current
            etag = conflict.etag
            guard !changes(from: conflict.current, to: currentValue(conflict.current), context.strings).isEmpty else {
                // The server already has what was typed (a save cancelled too late, or the same
                // change made elsewhere): nothing to choose.
                notice = FormNotice(.success) { $0.alreadyStored }
                return
            }
            // Someone else's changes to other fields are kept; what is left is the customer's own,
            // reviewed again before it is saved over the new version.
            beginSave(context)
            if case .reviewing = mode { notice = FormNotice(.warning) { $0.mergedOthers(taken) } }
        case .failure(let failure) where !failure.fieldErrors.isEmpty:
            refused(failure.fieldErrors, context)
        case .failure(let failure):
            offersRetry = true
            notice = FormNotice(.error) { $0.saveFailed(failure.message(in: $0.language)) }
        }
    }

    /// A 422: each error on its row (a refused password is cleared, to be typed again), the focus
    /// on the first.
    private mutating func refused(_ errors: [FieldError], _ context: ScreenContext) {
        let all = fieldTable(context.strings).all
        for error in errors {
            let path = Self.rowPath(for: error.field, all)
            if all.first(where: { $0.path == path })?.kind == .password { fields[path] = "" }
            serverErrors[path] = ServerError(code: error.code, text: fields[path])
        }
        let count = errors.count
        if let first = fieldOrder(context).first(where: { serverErrors[$0] != nil }) {
            focus = first
            notice = FormNotice(.error) { $0.serverRefused(count) }
        } else {
            // No row to put it beside (a field this form does not show): say it here.
            let error = errors[0]
            let label = all.first { $0.path == Self.rowPath(for: error.field, all) }?.label ?? error.field
            notice = FormNotice(.error) { $0.serverRefusedField(label + ": " + $0.fieldError(error.code)) }
        }
    }

    public mutating func languageChanged(_ context: ScreenContext) -> [Effect] {
        language = context.language
        refreshMemo(context)
        return []
    }

    public mutating func resized(_ context: ScreenContext) {
        keepFocusVisible(context)
        refreshMemo(context)
    }

    // MARK: - What the shell asks

    public var isEditingText: Bool {
        guard case .editing = mode, let field = focusedField(Strings(language)) else { return false }
        return field.choices.isEmpty
    }

    public var hasUnsavedChanges: Bool {
        guard let baseline else { return false }
        switch mode {
        case .loading, .loadFailed: return false
        default: return Schema.normalized(currentValue(baseline)) != Schema.normalized(baseline)
        }
    }

    public var status: StatusLine? {
        notice.map { StatusLine($0.text(Strings(language)), $0.kind) }
    }

    public func busyText(_ context: ScreenContext) -> String {
        if case .saving = mode { return context.strings.saving }
        return context.strings.loading
    }
}
