// A scrolling list or menu with a selection, optional numeric shortcuts and type-to-filter.

// MARK: - SelectionList

/// The state of a list: its items, the filter typed so far, the selection and the scroll.
///
/// Keys: ↑/↓ (also Ctrl-P/Ctrl-N), PgUp/PgDn, Home/End move the selection; Enter activates it.
/// With `numberShortcuts`, digits 1–9 select and activate the n-th item shown. With `filters`,
/// printable characters narrow the list (`LooseMatch`: `cankaya` finds `Çankaya`), Backspace
/// widens it again, Ctrl-U and Esc clear the filter (Esc is `.ignored` when it is already empty).
public struct SelectionList: Sendable, Hashable {
    /// Every item, in their own order.
    public private(set) var items: [String]
    /// What the user typed to filter (empty: every item shown).
    public private(set) var filter = ""
    /// Indices into `items` of the items shown: all of them, or the matches of `filter` best first.
    public private(set) var shownItems: [Int]
    /// The position of the selection in `shownItems`.
    public private(set) var selection = 0
    /// The first shown position drawn.
    public private(set) var scroll = 0
    /// Digits 1–9 pick the n-th item shown (a numbered menu).
    public var numberShortcuts: Bool
    /// Typing filters the list (a picker among many, e.g. the 81 provinces).
    public var filters: Bool
    /// The rows the list is drawn in, when the screen knows it: PgUp/PgDn move by this much and
    /// editing keeps the selection in view. Rendering corrects the scroll anyway.
    public var viewHeight = 10

    public init(items: [String], selected: Int = 0, numberShortcuts: Bool = false, filters: Bool = false) {
        self.items = items
        self.shownItems = Array(items.indices)
        self.numberShortcuts = numberShortcuts
        self.filters = filters
        self.selection = min(max(0, selected), max(0, items.count - 1))
        keepSelectionVisible()
    }

    /// The index in `items` of the selected item (nil when nothing is shown).
    public var selectedItem: Int? {
        shownItems.indices.contains(selection) ? shownItems[selection] : nil
    }

    /// Replaces the items, keeping the filter and, when it is still there, the selected item.
    public mutating func setItems(_ newItems: [String]) {
        let previous = selectedItem.map { items[$0] }
        items = newItems
        applyFilter(keeping: previous)
    }

    /// Selects the item at `index` in `items` (if shown).
    public mutating func select(item index: Int) {
        if let position = shownItems.firstIndex(of: index) {
            selection = position
            keepSelectionVisible()
        }
    }

    // MARK: Keys

    public mutating func handle(_ key: Key) -> KeyOutcome {
        let page = max(1, viewHeight - 1)
        switch key {
        case .up, .ctrl("p"): return move(to: selection - 1)
        case .down, .ctrl("n"): return move(to: selection + 1)
        case .pageUp: return move(to: selection - page)
        case .pageDown: return move(to: selection + page)
        case .home: return move(to: 0)
        case .end: return move(to: shownItems.count - 1)
        case .enter: return selectedItem == nil ? .handled : .activated
        // ASCII only: "5\u{301}" or the keycap "5\u{FE0F}" sort between "1" and "9" but are no number.
        case .character(let character) where numberShortcuts && character.isASCII && ("1"..."9").contains(character):
            let position = Int(String(character))! - 1
            guard position < shownItems.count else { return .handled }
            selection = position
            keepSelectionVisible()
            return .activated
        case .character(let character) where filters:
            return setFilter(filter + String(character))
        case .backspace where filters && !filter.isEmpty:
            return setFilter(String(filter.dropLast()))
        case .ctrl("u") where filters, .escape where filters && !filter.isEmpty:
            return setFilter("")
        default:
            return .ignored
        }
    }

    /// Sets the filter and returns `.changed` (the selection goes to the best match).
    @discardableResult
    public mutating func setFilter(_ text: String) -> KeyOutcome {
        filter = text
        applyFilter(keeping: nil)
        return .changed
    }

    private mutating func move(to position: Int) -> KeyOutcome {
        guard !shownItems.isEmpty else { return .handled }
        selection = min(max(0, position), shownItems.count - 1)
        keepSelectionVisible()
        return .handled
    }

    private mutating func applyFilter(keeping item: String?) {
        let ranked = items.indices.compactMap { index in
            LooseMatch.rank(of: items[index], for: filter).map { (rank: $0, index: index) }
        }
        shownItems = ranked.sorted { ($0.rank, $0.index) < ($1.rank, $1.index) }.map(\.index)
        selection = item.flatMap { wanted in shownItems.firstIndex { items[$0] == wanted } } ?? 0
        scroll = 0
        keepSelectionVisible()
    }

    private mutating func keepSelectionVisible() {
        scroll = visibleStart(height: viewHeight)
    }

    /// `scroll`, moved just enough that the selection is among `height` rows.
    private func visibleStart(height: Int) -> Int {
        guard height > 0 else { return selection }
        var start = min(scroll, selection)
        if selection >= start + height { start = selection - height + 1 }
        return max(0, min(start, max(0, shownItems.count - height)))
    }

    // MARK: Rendering

    /// Draws the shown items in `rect`, one per row: the selected one starts with `>` and is of
    /// role `.selection` (`.selectionUnfocused` when the list has no focus); numbered menus show
    /// `1 `…`9 ` before the first nine. Returns the cursor position (the selected row) when focused.
    @discardableResult
    public func render(in rect: Rect, into canvas: inout Canvas, focused: Bool) -> Point? {
        guard !rect.isEmpty else { return nil }
        let start = visibleStart(height: rect.height)
        var cursor: Point?
        for row in 0..<rect.height {
            let position = start + row
            guard position < shownItems.count else { break }
            let line = rect.row(row)
            let isSelected = position == selection
            let role: Role = isSelected ? (focused ? .selection : .selectionUnfocused) : .normal
            canvas.fill(line, role: role)
            var x = line.x + canvas.put(isSelected ? "> " : "  ", at: line.origin, role: role, clip: line)
            if numberShortcuts && position < 9 {
                canvas.put(String(position + 1), at: Point(x: x, y: line.y), role: role, clip: line)
            }
            x += numberShortcuts ? 2 : 0
            canvas.write(items[shownItems[position]], in: Rect(x: x, y: line.y, width: line.maxX - x, height: 1),
                         role: role)
            if isSelected && focused { cursor = line.origin }
        }
        return cursor
    }
}
