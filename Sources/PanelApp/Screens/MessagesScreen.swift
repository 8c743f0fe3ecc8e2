import PanelClient
import PanelModels
import TerminalUI

/// 4 Message preferences: the topic × channel grid of the messages the customer may refuse (the
/// policy: informational messages can be refused easily and free), required notices drawn locked
/// with why, for each refusal from when it applies, and the history of every change below.
///
/// Saving shows what will change and asks; a refusal's exact date is the server's (the next
/// business day, within the 3 business days the law allows), shown once saved. A conflict (the
/// reject link or support changed the grid meanwhile) shows both sides and lets the customer
/// keep theirs or take the server's. Nothing toggled is lost on a failure.
public struct MessagesScreen: PanelScreen {
    enum Action {
        case toggle, move, save, scrollHistory, reload, back
        case confirm, returnToGrid, keepMine, takeServers
    }

    /// One cell of the grid, by the server's ids.
    struct Cell: Hashable {
        var topic: String
        var channel: String
    }

    /// What the screen shows.
    enum Mode: Hashable {
        /// The grid, the details of the focused row and the history.
        case editing
        /// What a save will change, before it is sent.
        case reviewing
        /// A 412: the server's grid changed meanwhile; which cells differ.
        case conflict([ConflictRow])
    }

    /// A cell the customer and the server see differently after a 412.
    struct ConflictRow: Hashable {
        var cell: Cell
        var yours: Bool
        var servers: Bool
        /// The server's value is not the one the customer loaded.
        var changedOnServer: Bool
    }

    /// The last thing that happened, kept as a value so that the status line follows F3.
    enum Note: Hashable {
        case loadFailed(APIFailure)
        case loadCancelled
        case locked(Cell)
        case nothingToSave
        case saved([Cell])
        case invalid(Cell, code: String)
        case saveFailed(APIFailure)
        case saveCancelled
        case conflict
        case tookServers
        case alreadyOnServer
        case needsReload
    }

    /// The grid as the server last sent it (the baseline of "unsaved").
    private(set) var loaded: MessagePreferences?
    private(set) var etag: String?
    /// The grid as the customer toggled it; its rows and columns are `loaded`'s topics and channels.
    private(set) var grid: ToggleGrid?
    private(set) var mode = Mode.editing
    private(set) var historyHasFocus = false
    private(set) var historyScroll = 0
    /// 422 errors by cell: the field-error code.
    private(set) var cellErrors: [Cell: String] = [:]
    private(set) var isLoading = false
    /// The cells of the save in flight.
    private(set) var saving: [Cell]?
    private(set) var note: Note?
    public private(set) var status: StatusLine?

    public init() {}

    // MARK: - Keys

    static func keymap(_ s: Strings, mode: Mode, loaded: Bool) -> Keymap<Action> {
        switch mode {
        case .editing where !loaded:
            return Keymap([
                KeyBinding([.character("r")], label: "r", hint: s.retry, help: s.reloadHelp, priority: .high,
                           action: .reload),
                KeyBinding([.escape, .character("q")], label: "Esc", hint: s.back, help: s.backHelp,
                           priority: .normal, action: .back),
            ])
        case .editing:
            return Keymap([
                KeyBinding([.character(" "), .enter], label: s.spaceKey, hint: s.toggle, help: s.toggleCellHelp,
                           priority: .essential, action: .toggle),
                KeyBinding([.function(2), .ctrl("s")], label: "F2", hint: s.save, help: s.saveHelp,
                           priority: .essential, action: .save),
                KeyBinding([.pageUp, .pageDown], label: "PgDn", hint: s.history, help: s.historyScrollHelp,
                           priority: .normal, action: .scrollHistory),
                KeyBinding([.up, .down, .left, .right, .tab, .backTab, .home, .end], label: "←↑↓→ Tab",
                           hint: s.moveHint, help: s.moveCellsHelp, priority: .helpOnly, action: .move),
                // Esc is in every screen's help; the footer keeps its room for F3.
                KeyBinding([.escape, .character("q")], label: "Esc", hint: s.back, help: s.backHelp,
                           priority: .helpOnly, action: .back),
            ])
        case .reviewing:
            return Keymap([
                KeyBinding([.enter, .function(2), .ctrl("s")], label: "Enter", hint: s.save, help: s.confirmSaveHelp,
                           priority: .essential, action: .confirm),
                KeyBinding([.escape], label: "Esc", hint: s.backToGrid, help: s.backToGridHelp,
                           priority: .essential, action: .returnToGrid),
            ])
        case .conflict:
            return Keymap([
                KeyBinding([.enter], label: "Enter", hint: s.keepMine, help: s.keepMyPreferencesHelp, priority: .essential,
                           action: .keepMine),
                KeyBinding([.character("s"), .character("S")], label: "s", hint: s.takeServers,
                           help: s.takeServersPreferencesHelp,
                           priority: .essential, action: .takeServers),
                KeyBinding([.escape], label: "Esc", hint: s.backToGrid, help: s.backToGridHelp, priority: .high,
                           action: .returnToGrid),
            ])
        }
    }

    private func keymap(_ context: ScreenContext) -> Keymap<Action> {
        Self.keymap(context.strings, mode: mode, loaded: loaded != nil)
    }

    public func keyHints(_ context: ScreenContext) -> [KeyHint] { keymap(context).hints }

    public func helpEntries(_ context: ScreenContext) -> [(label: String, help: String)] {
        keymap(context).helpEntries
    }

    public var hasUnsavedChanges: Bool { !changes.isEmpty }

    public func busyText(_ context: ScreenContext) -> String {
        saving == nil ? context.strings.loading : context.strings.saving
    }

    public mutating func open(_ context: ScreenContext) -> [Effect] {
        load(context)
    }

    private mutating func load(_ context: ScreenContext) -> [Effect] {
        isLoading = true
        setNote(nil, context)
        return [.call(.messagePreferences)]
    }

    public mutating func handle(_ key: Key, _ context: ScreenContext) -> KeyResult {
        switch keymap(context).action(for: key) {
        case .reload?:
            return isLoading ? .done : .handled(load(context))
        case .back?, nil:
            return .ignored
        case .toggle?:
            toggle(context)
        case .move?:
            move(key, context)
        case .scrollHistory?:
            scrollHistory(by: key == .pageUp ? -historyPage(context) : historyPage(context), context)
        case .save?:
            review(context)
        case .confirm?, .keepMine?:
            return .handled(save(context))
        case .returnToGrid?:
            mode = .editing
        case .takeServers?:
            takeServers(context)
        }
        return .done
    }

    private mutating func toggle(_ context: ScreenContext) {
        guard var grid, saving == nil, !historyHasFocus else { return }
        let cell = focusedCell
        switch grid.handle(.character(" ")) {
        case .changed:
            self.grid = grid
            if let cell { cellErrors[cell] = nil }
            setNote(nil, context)
        case .refused:
            if let cell { setNote(.locked(cell), context) }
        default:
            break
        }
    }

    private mutating func move(_ key: Key, _ context: ScreenContext) {
        guard var grid else { return }
        if historyHasFocus {
            switch key {
            case .up: scrollHistory(by: -1, context)
            case .down: scrollHistory(by: 1, context)
            case .home: historyScroll = 0
            case .end: scrollHistory(by: loaded?.history.count ?? 0, context)
            case .tab, .backTab:
                // Out of the history, back to the first (Tab) or last (Shift-Tab) cell.
                historyHasFocus = false
                let end = key == .tab ? 0 : Int.max
                grid.moveFocus(row: end, column: end)
                self.grid = grid
            default: break
            }
            return
        }
        if grid.handle(key) == .ignored, key == .tab || key == .backTab {
            // Past the last cell (or before the first), Tab goes on to the history.
            historyHasFocus = true
        }
        self.grid = grid
    }

    private mutating func scrollHistory(by delta: Int, _ context: ScreenContext) {
        let count = loaded?.history.count ?? 0
        let room = Layout(context, topics: loaded?.topics.count ?? 0).history.height
        historyScroll = max(0, min(historyScroll + delta, count - room))
    }

    private func historyPage(_ context: ScreenContext) -> Int {
        max(1, Layout(context, topics: loaded?.topics.count ?? 0).history.height - 1)
    }

    // MARK: - Saving

    /// The cells whose toggle differs from what the server last sent, in grid order.
    var changes: [(cell: Cell, on: Bool)] {
        guard let loaded, let grid else { return [] }
        var found: [(cell: Cell, on: Bool)] = []
        for (row, topic) in loaded.topics.enumerated() {
            for (column, channel) in loaded.channels.enumerated() {
                let cell = Cell(topic: topic.id, channel: channel.id)
                let on = grid[row, column].isOn
                if Self.value(of: cell, in: loaded) != on { found.append((cell, on)) }
            }
        }
        return found
    }

    private mutating func review(_ context: ScreenContext) {
        guard saving == nil, loaded != nil else { return }
        guard etag != nil else {
            setNote(.needsReload, context)
            return
        }
        if changes.isEmpty {
            setNote(.nothingToSave, context)
        } else {
            mode = .reviewing
        }
    }

    private mutating func save(_ context: ScreenContext) -> [Effect] {
        guard saving == nil, let etag else { return [] }
        let changes = self.changes
        mode = .editing
        guard !changes.isEmpty else {
            setNote(.alreadyOnServer, context)
            return []
        }
        saving = changes.map(\.cell)
        setNote(nil, context)
        let update = MessagePreferencesUpdate(preferences: changes.map {
            MessagePreferenceSetting(topic: $0.cell.topic, channel: $0.cell.channel, optedIn: $0.on)
        })
        return [.call(.saveMessagePreferences(update, etag: etag))]
    }

    private mutating func takeServers(_ context: ScreenContext) {
        guard let loaded, let etag else { return }
        adopt(loaded, etag: etag, keeping: [:], context)
        mode = .editing
        setNote(.tookServers, context)
    }

    // MARK: - Replies

    public mutating func receive(_ incoming: Incoming, _ context: ScreenContext) -> [Effect] {
        switch incoming {
        case .reply(.messagePreferences, .messagePreferences(let result)):
            isLoading = false
            if case .success(let preferences, let etag) = result {
                adopt(preferences, etag: etag, keeping: [:], context)
                setNote(nil, context)
            } else if let failure = result.failure {
                setNote(.loadFailed(failure), context)
            }
        case .reply(.saveMessagePreferences, .messagePreferences(let result)):
            let sent = saving ?? []
            saving = nil
            switch result {
            case .success(let preferences, let etag):
                adopt(preferences, etag: etag, keeping: [:], context)
                cellErrors = [:]
                historyScroll = 0
                setNote(.saved(sent), context)
            case .conflict(let conflict):
                showConflict(conflict.current, etag: conflict.etag, context)
            case .failure(let failure):
                showFailure(failure, context)
            }
        case .cancelled(.messagePreferences):
            isLoading = false
            setNote(.loadCancelled, context)
        case .cancelled(.saveMessagePreferences):
            saving = nil
            setNote(.saveCancelled, context)
        default:
            break
        }
        return []
    }

    /// A 422 puts each error on its cell (`preferences.<topic>.<channel>`); anything else keeps the
    /// grid as toggled and says why.
    private mutating func showFailure(_ failure: APIFailure, _ context: ScreenContext) {
        var errors: [Cell: String] = [:]
        for error in failure.fieldErrors {
            let parts = error.field.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0] == "preferences" else { continue }
            errors[Cell(topic: String(parts[1]), channel: String(parts[2]))] = error.code
        }
        guard let loaded, let first = Self.cells(of: loaded).first(where: { errors[$0] != nil }) else {
            setNote(.saveFailed(failure), context)
            return
        }
        cellErrors = errors
        if let position = Self.position(of: first, in: loaded) {
            grid?.moveFocus(row: position.row, column: position.column)
            historyHasFocus = false
        }
        setNote(.invalid(first, code: errors[first]!), context)
    }

    /// A 412: the cells the customer changed keep the customer's value, the others take the
    /// server's (the customer never chose them); the view lists where the two sides differ.
    private mutating func showConflict(_ current: MessagePreferences, etag: String, _ context: ScreenContext) {
        guard let previous = loaded else { return }
        let mine = Dictionary(changes.map { ($0.cell, $0.on) }, uniquingKeysWith: { first, _ in first })
        adopt(current, etag: etag, keeping: mine, context)
        var rows: [ConflictRow] = []
        for cell in Self.cells(of: current) {
            guard let servers = Self.value(of: cell, in: current), let yours = value(of: cell) else { continue }
            let changedOnServer = Self.value(of: cell, in: previous).map { $0 != servers } ?? true
            if yours != servers || changedOnServer {
                rows.append(ConflictRow(cell: cell, yours: yours, servers: servers, changedOnServer: changedOnServer))
            }
        }
        guard rows.contains(where: { $0.yours != $0.servers }) else {
            // Nothing to choose: the server already has what the customer asked for (a cancelled
            // save that reached it, or the same refusal made elsewhere).
            mode = .editing
            setNote(.alreadyOnServer, context)
            return
        }
        mode = .conflict(rows)
        setNote(.conflict, context)
    }

    /// Takes `preferences` as the new baseline and rebuilds the grid from it, with `keeping`'s
    /// values on top (cells that are locked now keep the server's), the focus where it was.
    private mutating func adopt(_ preferences: MessagePreferences, etag: String?, keeping: [Cell: Bool],
                                _ context: ScreenContext) {
        let focused = grid == nil ? nil : focusedCell
        loaded = preferences
        self.etag = etag
        var grid = Self.makeGrid(preferences, context.language)
        for (cell, on) in keeping {
            guard let position = Self.position(of: cell, in: preferences),
                  !grid[position.row, position.column].isLocked else { continue }
            grid.set(row: position.row, column: position.column,
                     to: ToggleGrid.Toggle(isOn: on, lockReason: nil))
        }
        if let focused, let position = Self.position(of: focused, in: preferences) {
            grid.moveFocus(row: position.row, column: position.column)
        }
        self.grid = grid
        historyScroll = min(historyScroll, max(0, preferences.history.count - 1))
    }

    // MARK: - Language and size

    public mutating func languageChanged(_ context: ScreenContext) -> [Effect] {
        if let loaded, var grid {
            let fresh = Self.makeGrid(loaded, context.language)
            grid.rowLabels = fresh.rowLabels
            grid.columnLabels = fresh.columnLabels
            for row in fresh.rowLabels.indices {
                for column in fresh.columnLabels.indices where grid[row, column].isLocked {
                    grid.set(row: row, column: column, to: fresh[row, column])
                }
            }
            self.grid = grid
        }
        setNote(note, context)
        return []
    }

    public mutating func resized(_ context: ScreenContext) {
        scrollHistory(by: 0, context)
    }

    // MARK: - The grid and its cells

    static func makeGrid(_ preferences: MessagePreferences, _ language: Language) -> ToggleGrid {
        let toggles = preferences.topics.map { topic in
            preferences.channels.map { channel in
                let preference = preferences.preferences.first { $0.topic == topic.id && $0.channel == channel.id }
                let locked = topic.required || preference?.required == true
                return ToggleGrid.Toggle(isOn: preference?.optedIn ?? false,
                                         lockReason: locked ? (topic.requiredReason?[language] ?? "") : nil)
            }
        }
        return ToggleGrid(rowLabels: preferences.topics.map { $0.label[language] },
                          columnLabels: preferences.channels.map { $0.label[language] }, toggles: toggles)
    }

    static func cells(of preferences: MessagePreferences) -> [Cell] {
        preferences.topics.flatMap { topic in preferences.channels.map { Cell(topic: topic.id, channel: $0.id) } }
    }

    static func position(of cell: Cell, in preferences: MessagePreferences) -> (row: Int, column: Int)? {
        guard let row = preferences.topics.firstIndex(where: { $0.id == cell.topic }),
              let column = preferences.channels.firstIndex(where: { $0.id == cell.channel }) else { return nil }
        return (row, column)
    }

    static func value(of cell: Cell, in preferences: MessagePreferences) -> Bool? {
        preferences.preferences.first { $0.topic == cell.topic && $0.channel == cell.channel }?.optedIn
    }

    static func preference(_ cell: Cell, in preferences: MessagePreferences) -> MessagePreference? {
        preferences.preferences.first { $0.topic == cell.topic && $0.channel == cell.channel }
    }

    /// The customer's value of `cell` (the grid as toggled).
    func value(of cell: Cell) -> Bool? {
        guard let loaded, let grid, let position = Self.position(of: cell, in: loaded) else { return nil }
        return grid[position.row, position.column].isOn
    }

    var focusedCell: Cell? {
        guard let loaded, let grid, loaded.topics.indices.contains(grid.focus.row),
              loaded.channels.indices.contains(grid.focus.column) else { return nil }
        return Cell(topic: loaded.topics[grid.focus.row].id, channel: loaded.channels[grid.focus.column].id)
    }

    func topicLabel(_ id: String, _ language: Language) -> String {
        loaded?.topics.first { $0.id == id }?.label[language] ?? id
    }

    func channelLabel(_ id: String, _ language: Language) -> String {
        loaded?.channels.first { $0.id == id }?.label[language] ?? id
    }

    // MARK: - Status

    private mutating func setNote(_ note: Note?, _ context: ScreenContext) {
        self.note = note
        status = note.map { describe($0, context.strings) }
    }

    private func describe(_ note: Note, _ s: Strings) -> StatusLine {
        let language = s.language
        switch note {
        case .loadFailed(let failure):
            return .error(failure.message(in: language) + " " + s.pressRToRetry)
        case .loadCancelled:
            return .warning(s.loadCancelled)
        case .locked(let cell):
            let topic = loaded?.topics.first { $0.id == cell.topic }
            let reason = topic?.requiredReason?[language] ?? s.fieldError(FieldErrorCode.requiredTopic)
            return .warning(topicLabel(cell.topic, language) + ": " + reason)
        case .nothingToSave:
            return StatusLine(s.nothingToSave)
        case .saved(let cells):
            let dates = Set(cells.compactMap { cell in loaded.flatMap { Self.preference(cell, in: $0)?.effectiveFrom } })
            guard let date = dates.min() else { return .success(s.saved) }
            return .success(s.savedRefusal(s.fromTime(date)))
        case .invalid(let cell, let code):
            return .error(topicLabel(cell.topic, language) + " · " + channelLabel(cell.channel, language) + ": "
                          + s.fieldError(code))
        case .saveFailed(let failure):
            return .error(s.keptRetry + " " + failure.message(in: language))
        case .saveCancelled:
            return .warning(s.preferencesSaveCancelled)
        case .conflict:
            return .warning(s.conflictStatus)
        case .tookServers:
            return StatusLine(s.tookServersPreferences)
        case .alreadyOnServer:
            return .success(s.alreadyOnServer)
        case .needsReload:
            return .error(s.needsReload)
        }
    }

    // MARK: - Drawing

    /// Where each part goes in the body. At 80x21: the grid (header and 4 topics), the legend, the
    /// details of the focused row (description and up to 3 refusals), the line saying refusing is
    /// free, then the history in what is left.
    struct Layout {
        var grid: Rect
        var legend: Rect
        var description: Rect
        var refusals: Rect
        var free: Rect
        var historyTitle: Rect
        var history: Rect

        init(body: Rect, topics: Int) {
            let content = body.inset(top: 0, left: 2, bottom: 0, right: 2)
            let parts = content.splitRows([topics + 1, 1, 1, 2, 3, 1, 1, 0])
            grid = parts[0]
            legend = parts[1]
            description = parts[3]
            refusals = parts[4]
            free = parts[5]
            historyTitle = parts[6]
            history = parts[7]
        }

        init(_ context: ScreenContext, topics: Int) {
            self.init(body: Rect(size: context.bodySize), topics: topics)
        }
    }

    public func render(in body: Rect, into canvas: inout Canvas, _ context: ScreenContext) -> Point? {
        let s = context.strings
        let content = body.inset(top: 0, left: 2, bottom: 0, right: 2)
        guard let loaded, let grid else {
            let text = isLoading ? s.loading : s.pressRToRetry
            canvas.write(text, in: content.droppingTop(1).top(1), role: .muted)
            return nil
        }
        switch mode {
        case .editing:
            let layout = Layout(body: body, topics: loaded.topics.count)
            let cursor = renderGrid(grid, loaded, in: layout.grid, into: &canvas, context)
            canvas.write(s.legend, in: layout.legend, role: .muted)
            renderDetails(loaded, layout, into: &canvas, context)
            canvas.write(s.refusingIsFree, in: layout.free, role: .label)
            renderHistory(loaded.history, title: layout.historyTitle, rows: layout.history, into: &canvas, context)
            return historyHasFocus ? nil : cursor
        case .reviewing:
            renderReview(in: content, into: &canvas, context)
        case .conflict(let rows):
            renderConflict(rows, in: content, into: &canvas, context)
        }
        return nil
    }

    /// The grid with a `>` before the focused row, `*` after unsaved cells and `✗` after cells
    /// the server refused (colour is never the only signal).
    private func renderGrid(_ grid: ToggleGrid, _ loaded: MessagePreferences, in rect: Rect,
                            into canvas: inout Canvas, _ context: ScreenContext) -> Point? {
        let gridRect = rect.droppingLeft(2)
        let focused = !historyHasFocus && saving == nil
        let cursor = grid.render(in: gridRect, into: &canvas, focused: focused)
        if focused, let origin = grid.toggleOrigin(row: grid.focus.row, column: 0, in: gridRect) {
            canvas.put(">", at: Point(x: rect.x, y: origin.y), role: .selection, clip: rect)
        }
        for (row, topic) in loaded.topics.enumerated() {
            for (column, channel) in loaded.channels.enumerated() {
                guard let origin = grid.toggleOrigin(row: row, column: column, in: gridRect) else { continue }
                let cell = Cell(topic: topic.id, channel: channel.id)
                let after = Point(x: origin.x + 3, y: origin.y)
                if cellErrors[cell] != nil {
                    canvas.put(String(canvas.glyphs.error), at: after, role: .error, clip: gridRect)
                } else if Self.value(of: cell, in: loaded) != grid[row, column].isOn {
                    canvas.put("*", at: after, role: .warning, clip: gridRect)
                }
            }
        }
        return cursor
    }

    /// The focused row: the topic's description, then per channel why it cannot be refused, the
    /// error the server gave, or from when a refusal applies (or will, once saved).
    private func renderDetails(_ loaded: MessagePreferences, _ layout: Layout, into canvas: inout Canvas,
                               _ context: ScreenContext) {
        let s = context.strings
        let language = context.language
        guard let grid, loaded.topics.indices.contains(grid.focus.row) else { return }
        let topic = loaded.topics[grid.focus.row]
        canvas.putWrapped(topic.label[language] + ": " + topic.description[language], in: layout.description)
        var lines: [(text: String, role: Role)] = []
        for (column, channel) in loaded.channels.enumerated() {
            let cell = Cell(topic: topic.id, channel: channel.id)
            let name = channel.label[language]
            let saved = Self.preference(cell, in: loaded)
            let on = grid[grid.focus.row, column].isOn
            if let code = cellErrors[cell] {
                lines.append((name + ": " + s.fieldError(code), .error))
            } else if on && saved?.optedIn == false {
                lines.append((name + ": " + s.backOnceSaved, .warning))
            } else if !on && saved?.optedIn != false {
                lines.append((name + ": " + s.refusedOnceSaved, .warning))
            } else if !on, let from = saved?.effectiveFrom {
                lines.append((name + ": " + s.refusedFrom(s.fromTime(from)), .normal))
            }
        }
        if topic.required {
            lines.insert((s.requiredLine(topic.requiredReason?[language] ?? ""), .locked), at: 0)
        } else if lines.isEmpty {
            lines.append((s.receivingAll, .muted))
        }
        for (index, line) in lines.prefix(layout.refusals.height).enumerated() {
            canvas.putMessage(line.text, in: layout.refusals.row(index), role: line.role)
        }
    }

    private func renderHistory(_ history: [MessagePreferenceChange], title: Rect, rows: Rect,
                               into canvas: inout Canvas, _ context: ScreenContext) {
        let s = context.strings
        canvas.drawHorizontalLine(in: title)
        let heading = (historyHasFocus ? "> " : "") + s.historyTitle
        let used = canvas.write(" " + heading + " ", in: title.droppingLeft(1),
                                role: historyHasFocus ? .selection : .heading)
        if history.isEmpty {
            canvas.write(s.noHistory, in: rows.top(1), role: .muted)
            return
        }
        let start = min(historyScroll, max(0, history.count - rows.height))
        let end = min(history.count, start + rows.height)
        if history.count > rows.height {
            let position = " \(start + 1)-\(end)/\(history.count) "
            canvas.write(position, in: title.droppingLeft(used + 2), role: .muted, alignment: .right)
        }
        let sourceWidth = ChangeSource.allCases.map { DisplayWidth.of(s.source($0)) }.max() ?? 0
        // The effective date gets its own column when there is room (120 columns and up).
        let effectiveWidth = rows.width >= 100 ? DisplayWidth.of(s.fromDate(Timestamp(seconds: 0))) + 2 : 0
        for (line, change) in history[start..<end].enumerated() {
            let row = rows.row(line)
            let parts = row.splitColumns([16 + 2, max(0, row.width - 18 - effectiveWidth - sourceWidth - 2),
                                          effectiveWidth, 2, sourceWidth])
            canvas.write(change.at.turkeyDisplay, in: parts[0], role: .muted)
            let suffix = " · " + channelLabel(change.channel, context.language) + " " + Self.arrow(canvas) + " "
                + (change.optedIn ? s.onWord : s.offWord)
            canvas.write(Self.fitted(topicLabel(change.topic, context.language), suffix, width: parts[1].width,
                                     ellipsis: canvas.glyphs.ellipsis), in: parts[1])
            if effectiveWidth > 0, let from = change.effectiveFrom {
                canvas.write(s.fromDate(from), in: parts[2].droppingLeft(2), role: .muted)
            }
            canvas.write(s.source(change.source), in: parts[4], role: .label)
        }
    }

    private func renderReview(in content: Rect, into canvas: inout Canvas, _ context: ScreenContext) {
        let s = context.strings
        canvas.write(s.reviewTitle, in: content.droppingTop(1).top(1), role: .heading)
        let changes = self.changes
        let list = content.droppingTop(3)
        let room = max(0, list.height - 6)
        for (index, change) in changes.prefix(room).enumerated() {
            let row = list.row(index).droppingLeft(2)
            let from = loaded.flatMap { Self.value(of: change.cell, in: $0) } ?? !change.on
            let when = change.on ? s.atOnce : s.nextBusinessDay
            let suffix = " · " + channelLabel(change.cell.channel, context.language) + ": "
                + (from ? s.onWord : s.offWord) + " " + Self.arrow(canvas) + " " + (change.on ? s.onWord : s.offWord)
                + "  (" + when + ")"
            canvas.write(Self.fitted(topicLabel(change.cell.topic, context.language), suffix, width: row.width,
                                     ellipsis: canvas.glyphs.ellipsis), in: row)
        }
        let shown = min(changes.count, room)
        if changes.count > shown {
            canvas.write(s.andMore(changes.count - shown), in: list.row(shown).droppingLeft(2), role: .muted)
        }
        let note = list.droppingTop(shown + (changes.count > shown ? 1 : 0) + 1)
        let used = canvas.putWrapped(s.reviewExplanation, in: note.top(3), role: .muted)
        canvas.write(s.preferencesReviewKeys, in: note.droppingTop(used + 1).top(1), role: .label)
    }

    private func renderConflict(_ rows: [ConflictRow], in content: Rect, into canvas: inout Canvas,
                                _ context: ScreenContext) {
        let s = context.strings
        let language = context.language
        canvas.write(s.preferencesConflictTitle, in: content.droppingTop(1).top(1), role: .heading)
        let used = canvas.putWrapped(s.conflictExplanation, in: content.droppingTop(2).top(3))
        let table = content.droppingTop(3 + used)
        let stateWidth = max(DisplayWidth.of(s.yours), DisplayWidth.of(s.servers), DisplayWidth.of(s.offWord)) + 2
        let noteWidth = min(24, max(0, table.width / 4))
        let nameWidth = min(48, max(0, table.width - 2 * stateWidth - noteWidth - 2))
        func columns(_ row: Rect) -> [Rect] { row.droppingLeft(2).splitColumns([nameWidth, stateWidth, stateWidth, 0]) }
        let header = columns(table.row(0))
        canvas.write(s.cellColumn, in: header[0], role: .label)
        canvas.write(s.yours, in: header[1], role: .label)
        canvas.write(s.servers, in: header[2], role: .label)
        canvas.write(s.changedByColumn, in: header[3], role: .label)
        let room = max(0, table.height - 3)
        for (index, row) in rows.prefix(room).enumerated() {
            let line = table.row(index + 1)
            let parts = columns(line)
            if row.yours != row.servers { canvas.put("*", at: line.origin, role: .warning, clip: line) }
            canvas.write(Self.fitted(topicLabel(row.cell.topic, language), " · " + channelLabel(row.cell.channel, language),
                                     width: parts[0].width - 1, ellipsis: canvas.glyphs.ellipsis), in: parts[0])
            canvas.write(row.yours ? s.onWord : s.offWord, in: parts[1])
            canvas.write(row.servers ? s.onWord : s.offWord, in: parts[2])
            canvas.write(conflictNote(row, language, s), in: parts[3], role: .muted)
        }
        canvas.write(s.preferencesConflictKeys, in: table.row(min(rows.count, room) + 2), role: .label)
    }

    /// Who changed a conflicting cell: the server's latest history entry for it, or the customer.
    private func conflictNote(_ row: ConflictRow, _ language: Language, _ s: Strings) -> String {
        guard row.changedOnServer else { return s.yourChange }
        let latest = loaded?.history.first { $0.topic == row.cell.topic && $0.channel == row.cell.channel }
        return latest.map { s.source($0.source) } ?? s.changedOnServer
    }

    /// `→`, or `->` where the terminal shows ASCII only.
    static func arrow(_ canvas: Canvas) -> String {
        canvas.glyphs.isUnicode ? "→" : "->"
    }

    /// `topic + suffix` in `width` columns: the topic's label gives way (with the ellipsis) so that
    /// the channel and the state always show.
    static func fitted(_ topic: String, _ suffix: String, width: Int, ellipsis: String) -> String {
        let room = width - DisplayWidth.of(suffix)
        guard room >= 6 else { return TextLayout.truncate(topic + suffix, toWidth: width, ellipsis: ellipsis) }
        return TextLayout.truncate(topic, toWidth: room, ellipsis: ellipsis) + suffix
    }
}

// MARK: - Turkish suffixes after numbers

/// The ablative suffix after a number written in digits follows how its last word is spoken:
/// `2026'dan` (altı), `2027'den` (yedi), `13:00'ten` (üç), `00:00'dan` (sıfır).
enum TurkishNumberSuffix {
    /// `'dan`, `'den`, `'tan` or `'ten` after `number` (digits).
    static func ablative(after number: Int) -> String {
        let units = ["dan", "den", "den", "ten", "ten", "ten", "dan", "den", "den", "dan"]
        let tens = ["", "dan", "den", "dan", "tan", "den", "tan", "ten", "den", "dan"]
        let value = abs(number)
        if value % 10 != 0 || value == 0 { return "'" + units[value % 10] }
        if value % 100 != 0 { return "'" + tens[value / 10 % 10] }
        return "'den"  // yüz, bin
    }

    /// After a time `HH:MM`: the minutes when they are spoken, else the hour.
    static func ablative(afterHour hour: Int, minute: Int) -> String {
        ablative(after: minute == 0 ? hour : minute)
    }
}

extension Strings {
    var toggleCellHelp: String {
        pick("Odaktaki hücreyi aç ya da kapat (Boşluk ya da Enter)", "Turn the focused cell on or off (Space or Enter)")
    }
    var history: String { pick("Geçmiş", "History") }
    var historyScrollHelp: String {
        pick("Değişiklik geçmişini sayfa sayfa kaydır (PgUp/PgDn)", "Scroll the history of changes by page (PgUp/PgDn)")
    }
    var moveHint: String { pick("Gez", "Move") }
    var moveCellsHelp: String {
        pick("Tabloda gez; son hücreden sonra Tab geçmişe geçer (orada ↑↓)",
             "Move in the grid; Tab after the last cell goes to the history (↑↓)")
    }
    var backToGrid: String { pick("Tabloya dön", "Back to the grid") }
    var backToGridHelp: String {
        pick("Kaydetmeden tabloya dön; değişiklikleriniz duruyor", "Back to the grid without saving; your changes stay")
    }
    var keepMyPreferencesHelp: String {
        pick("Sizin seçtiklerinizi sunucunun güncel hâlinin üzerine kaydet",
             "Save your choices over the server's current preferences")
    }
    var takeServersPreferencesHelp: String {
        pick("Sunucudaki tercihleri al, kendi değişikliklerinizi bırakın",
             "Take the server's preferences and drop your changes")
    }

    var onWord: String { pick("açık", "on") }
    var offWord: String { pick("kapalı", "off") }
    var legend: String {
        pick("[x] alınıyor  [ ] reddedildi  [#] zorunlu, kapatılamaz  * kaydedilmedi",
             "[x] receiving  [ ] refused  [#] required, cannot be refused  * not saved")
    }
    var refusingIsFree: String {
        pick("Reddetmek ücretsizdir; her iletideki ret bağlantısını da kullanabilirsiniz.",
             "Refusing is free; you can also use the reject link in every message.")
    }
    var receivingAll: String {
        pick("Bu iletileri bütün kanallardan alıyorsunuz.", "You receive these messages on every channel.")
    }
    func requiredLine(_ reason: String) -> String { pick("Zorunlu bildirim: \(reason)", "Required notice: \(reason)") }
    /// `26.11.2026 00:00'dan itibaren` / `from 26.11.2026 00:00`.
    func fromTime(_ time: Timestamp) -> String {
        let local = time.turkeyTime
        return pick(time.turkeyDisplay + TurkishNumberSuffix.ablative(afterHour: local.hour, minute: local.minute)
                    + " itibaren", "from " + time.turkeyDisplay)
    }
    /// `27.11.2026'dan itibaren` / `from 27.11.2026`.
    func fromDate(_ time: Timestamp) -> String {
        pick(time.turkeyDate + TurkishNumberSuffix.ablative(after: time.turkeyTime.year) + " itibaren",
             "from " + time.turkeyDate)
    }
    func refusedFrom(_ from: String) -> String { pick("\(from) reddedildi", "refused \(from)") }
    var refusedOnceSaved: String {
        pick("kaydedince, sonraki iş gününden itibaren reddedilir", "refused from the next business day once saved")
    }
    var backOnceSaved: String { pick("kaydedince hemen yeniden açılır", "back on at once when saved") }
    var historyTitle: String { pick("Değişiklik geçmişi (en yeni üstte)", "History of changes (newest first)") }
    var noHistory: String { pick("Henüz bir değişiklik yok.", "No changes yet.") }
    func source(_ source: ChangeSource) -> String {
        switch source {
        case .terminal: "Terminal"
        case .link: pick("Ret bağlantısı", "Reject link")
        case .support: pick("Destek", "Support")
        case .system: pick("Sistem", "System")
        }
    }

    var atOnce: String { pick("hemen", "at once") }
    var nextBusinessDay: String { pick("sonraki iş gününden", "from the next business day") }
    func andMore(_ count: Int) -> String { pick("… ve \(count) değişiklik daha", "… and \(count) more") }
    var reviewExplanation: String {
        pick("Ret, sonraki iş gününün başından itibaren uygulanır (yasal süre en geç 3 iş günü); kesin tarihi "
             + "kaydettikten sonra görürsünüz. Yeniden açmak hemen geçerlidir.",
             "A refusal applies from the start of the next business day (the law allows at most 3 business days); "
             + "you see the exact date once saved. Turning a message back on applies at once.")
    }
    var preferencesReviewKeys: String { pick("Enter: kaydet   Esc: tabloya dön", "Enter: save   Esc: back to the grid") }
    func savedRefusal(_ from: String) -> String {
        pick("Kaydedildi. Ret \(from) geçerli.", "Saved. The refusal applies \(from).")
    }
    var keptRetry: String {
        pick("Kaydedilmedi, değişiklikleriniz duruyor (F2: yeniden dene).",
             "Not saved, your changes are kept (F2: try again).")
    }
    var preferencesSaveCancelled: String {
        pick("Kaydetme iptal edildi; değişiklikleriniz duruyor. Yeniden denemek için F2.",
             "Saving cancelled; your changes are kept. Press F2 to try again.")
    }
    var needsReload: String {
        pick("Tercihlerin sürümü bilinmiyor; kaydetmeden önce ekranı yeniden açın.",
             "The version of the preferences is unknown; open the screen again before saving.")
    }
    var conflictStatus: String {
        pick("Tercihleriniz siz düzenlerken başka bir yerden değişti.",
             "Your preferences were changed elsewhere while you were editing.")
    }
    var preferencesConflictTitle: String {
        pick("Tercihleriniz başka bir yerden değişti", "Your preferences were changed elsewhere")
    }
    var conflictExplanation: String {
        pick("Siz düzenlerken tercihleriniz değişti (örneğin bir ret bağlantısıyla ya da destek ekibince). "
             + "Dokunmadığınız hücreler sunucudaki hâliyle alındı; * iki tarafın farklı olduğu hücreleri gösterir.",
             "Your preferences changed while you were editing (for example through the reject link in a message, "
             + "or by support). Cells you did not touch now show the server's value; * marks the cells where yours "
             + "and the server's differ.")
    }
    var cellColumn: String { pick("Konu · Kanal", "Topic · Channel") }
    var yours: String { pick("Sizin", "Yours") }
    var servers: String { pick("Sunucu", "Server") }
    var changedByColumn: String { pick("Değiştiren", "Changed by") }
    var yourChange: String { pick("siz (kaydedilmedi)", "you (not saved)") }
    var changedOnServer: String { pick("sunucu", "the server") }
    var preferencesConflictKeys: String {
        pick("Enter: benimkini kaydet   s: sunucudakini al   Esc: tabloya dön",
             "Enter: keep mine   s: take the server's   Esc: back to the grid")
    }
    var tookServersPreferences: String {
        pick("Sunucudaki tercihler alındı; değişiklikleriniz bırakıldı.",
             "The server's preferences were taken; your changes were dropped.")
    }
    var alreadyOnServer: String {
        pick("Sunucudaki tercihler zaten seçtiğiniz gibi.", "The server's preferences already match your choices.")
    }
}
