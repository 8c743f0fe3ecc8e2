// A rows × columns grid of on/off toggles, some of them locked (message topics × channels).

// MARK: - ToggleGrid

/// The state of a toggle grid.
///
/// Keys: arrows move the focus; Tab/Shift-Tab move to the next/previous cell row by row and are
/// `.ignored` past the last/first cell so that the form can move on; Space (and Enter) toggle the
/// focused cell, or answer `.refused(reason)` when it is locked; Home/End go to the first/last cell.
///
/// Drawn as `[x]` on, `[ ]` off, `[#]` locked on, `[-]` locked off: the state shows in plain text.
public struct ToggleGrid: Sendable, Hashable {
    /// One toggle.
    public struct Toggle: Sendable, Hashable {
        public var isOn: Bool
        /// Why the toggle cannot be changed (nil: it can).
        public var lockReason: String?

        public init(isOn: Bool, lockReason: String? = nil) {
            self.isOn = isOn
            self.lockReason = lockReason
        }

        public var isLocked: Bool { lockReason != nil }
    }

    public var rowLabels: [String]
    public var columnLabels: [String]
    /// `toggles[row][column]`.
    public private(set) var toggles: [[Toggle]]
    /// The focused cell.
    public private(set) var focus: (row: Int, column: Int)

    /// A grid; `toggles` must have `rowLabels.count` rows of `columnLabels.count` toggles (missing
    /// ones are off, extra ones dropped). The focus starts on the first cell that can be changed.
    public init(rowLabels: [String], columnLabels: [String], toggles: [[Toggle]]) {
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        let grid = rowLabels.indices.map { row in
            columnLabels.indices.map { column in
                toggles.indices.contains(row) && toggles[row].indices.contains(column)
                    ? toggles[row][column] : Toggle(isOn: false)
            }
        }
        self.toggles = grid
        let cells = rowLabels.indices.flatMap { row in columnLabels.indices.map { (row, $0) } }
        focus = cells.first { grid[$0.0][$0.1].lockReason == nil } ?? (0, 0)
    }

    public static func == (lhs: ToggleGrid, rhs: ToggleGrid) -> Bool {
        lhs.rowLabels == rhs.rowLabels && lhs.columnLabels == rhs.columnLabels && lhs.toggles == rhs.toggles
            && lhs.focus == rhs.focus
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(toggles)
        hasher.combine(focus.row)
        hasher.combine(focus.column)
    }

    /// The toggle at (row, column).
    public subscript(row: Int, column: Int) -> Toggle { toggles[row][column] }

    /// Sets a toggle from outside (e.g. the server's answer), locked ones included.
    public mutating func set(row: Int, column: Int, to toggle: Toggle) {
        guard toggles.indices.contains(row), toggles[row].indices.contains(column) else { return }
        toggles[row][column] = toggle
    }

    /// Moves the focus to (row, column), clipped to the grid.
    public mutating func moveFocus(row: Int, column: Int) {
        guard !isEmpty else { return }
        focus = (min(max(0, row), rowLabels.count - 1), min(max(0, column), columnLabels.count - 1))
    }

    private var isEmpty: Bool { rowLabels.isEmpty || columnLabels.isEmpty }

    // MARK: Keys

    public mutating func handle(_ key: Key) -> KeyOutcome {
        guard !isEmpty else { return .ignored }
        let columns = columnLabels.count
        let linear = focus.row * columns + focus.column
        switch key {
        case .up: return move(row: focus.row - 1, column: focus.column)
        case .down: return move(row: focus.row + 1, column: focus.column)
        case .left: return move(row: focus.row, column: focus.column - 1)
        case .right: return move(row: focus.row, column: focus.column + 1)
        case .home: return move(row: 0, column: 0)
        case .end: return move(row: rowLabels.count - 1, column: columns - 1)
        case .tab:
            guard linear + 1 < rowLabels.count * columns else { return .ignored }
            return move(row: (linear + 1) / columns, column: (linear + 1) % columns)
        case .backTab:
            guard linear > 0 else { return .ignored }
            return move(row: (linear - 1) / columns, column: (linear - 1) % columns)
        case .character(" "), .enter:
            let toggle = toggles[focus.row][focus.column]
            if let reason = toggle.lockReason { return .refused(reason) }
            toggles[focus.row][focus.column].isOn.toggle()
            return .changed
        default:
            return .ignored
        }
    }

    private mutating func move(row: Int, column: Int) -> KeyOutcome {
        moveFocus(row: row, column: column)
        return .handled
    }

    // MARK: Rendering

    /// The width of the row-label column for `width` columns in all: the longest label, but
    /// leaving every toggle column its room.
    private func labelWidth(in width: Int) -> Int {
        let longest = rowLabels.map(DisplayWidth.of).max() ?? 0
        return max(0, min(longest + 1, width - columnWidths().reduce(0, +)))
    }

    /// Each column is as wide as its label (at least the 3 columns of `[x]`) plus a gap of 2.
    private func columnWidths() -> [Int] {
        columnLabels.map { max(3, DisplayWidth.of($0)) + 2 }
    }

    /// Where things go when the grid is drawn in `rect`: the row-label column, where each toggle
    /// column starts, and the first row shown (rows scroll so that the focused one is visible
    /// under the header).
    private struct Layout {
        var labelColumn: Int
        var widths: [Int]
        var columnStarts: [Int]
        var firstRow: Int
        var bodyHeight: Int
    }

    private func layout(in rect: Rect) -> Layout {
        let labelColumn = labelWidth(in: rect.width)
        let widths = columnWidths()
        var starts: [Int] = []
        var x = rect.x + labelColumn
        for width in widths {
            starts.append(x)
            x += width
        }
        let bodyHeight = rect.height - 1
        let first = bodyHeight > 0 ? max(0, focus.row - bodyHeight + 1) : 0
        return Layout(labelColumn: labelColumn, widths: widths, columnStarts: starts, firstRow: first,
                      bodyHeight: bodyHeight)
    }

    /// The first column of the `[x]` of the toggle at (row, column) when the grid is drawn in `rect`.
    private func toggleX(_ column: Int, _ layout: Layout) -> Int {
        layout.columnStarts[column] + (layout.widths[column] - 2 - 3) / 2
    }

    /// Where the `[x]` of the toggle at (row, column) is drawn when the grid is drawn in `rect`, or
    /// nil when it is not shown (scrolled out, clipped): screens mark a cell beside it (an error,
    /// an unsaved change).
    public func toggleOrigin(row: Int, column: Int, in rect: Rect) -> Point? {
        guard !rect.isEmpty, !isEmpty, toggles.indices.contains(row), columnLabels.indices.contains(column) else {
            return nil
        }
        let layout = layout(in: rect)
        let line = row - layout.firstRow
        guard line >= 0, line < layout.bodyHeight else { return nil }
        let origin = Point(x: toggleX(column, layout), y: rect.y + 1 + line)
        return origin.x + 3 <= rect.maxX ? origin : nil
    }

    /// Draws a header row of column labels and a row per row label in `rect`; the focused cell is
    /// `.selection` when the grid has the focus, locked cells `.locked`. Returns the cursor (on the
    /// focused toggle) when focused and visible.
    @discardableResult
    public func render(in rect: Rect, into canvas: inout Canvas, focused: Bool) -> Point? {
        guard !rect.isEmpty, !isEmpty else { return nil }
        let layout = layout(in: rect)
        for (column, label) in columnLabels.enumerated() {
            let cellRect = Rect(x: layout.columnStarts[column], y: rect.y, width: layout.widths[column] - 2,
                                height: 1).intersection(rect)
            canvas.write(label, in: cellRect, role: .label, alignment: .center)
        }
        var cursor: Point?
        for (line, row) in (layout.firstRow..<rowLabels.count).enumerated() where line < layout.bodyHeight {
            let y = rect.y + 1 + line
            canvas.write(rowLabels[row], in: Rect(x: rect.x, y: y, width: layout.labelColumn - 1, height: 1),
                         role: .label)
            for column in columnLabels.indices {
                let toggle = toggles[row][column]
                let mark = toggle.isLocked ? (toggle.isOn ? "[#]" : "[-]") : (toggle.isOn ? "[x]" : "[ ]")
                let isFocused = focused && focus == (row, column)
                let role: Role = isFocused ? .selection : (toggle.isLocked ? .locked : .normal)
                let start = toggleX(column, layout)
                let drawn = canvas.put(mark, at: Point(x: start, y: y), role: role, clip: rect)
                if isFocused && drawn == 3 { cursor = Point(x: start + 1, y: y) }
            }
        }
        return cursor
    }
}
