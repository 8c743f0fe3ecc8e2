// A one-line text input, edited by grapheme cluster.

// MARK: - KeyOutcome

/// What a widget did with a key.
public enum KeyOutcome: Hashable, Sendable {
    /// Not for this widget: the screen's keymap may use it (Tab past the last cell, F2, Esc…).
    case ignored
    /// Consumed without changing the value (the cursor, the focus or the scroll position moved).
    case handled
    /// Consumed, and the value changed.
    case changed
    /// Enter on an item or a button, or a numeric shortcut: the screen acts on the selection.
    case activated
    /// Esc in a dialog or a prompt: the screen closes it.
    case cancelled
    /// Consumed but not allowed (a locked toggle), with the reason to show.
    case refused(String)

    /// True unless `.ignored`.
    public var consumed: Bool { self != .ignored }
}

// MARK: - TextField

/// The state of a one-line text field: the text as grapheme clusters, the cursor, the horizontal
/// scroll. Editing keys: printable characters insert; Backspace, Delete; ←/→, Home/End; and as in
/// readline Ctrl-A (start), Ctrl-E (end), Ctrl-B/Ctrl-F (left/right), Ctrl-D (delete),
/// Ctrl-U (delete to start), Ctrl-K (delete to end), Ctrl-W (delete the word before the cursor).
/// Enter, Tab, Esc and every other key are `.ignored`, for the form to handle.
public struct TextField: Sendable, Hashable {
    /// The text, one element per grapheme cluster.
    public private(set) var characters: [Character]
    /// The cursor, as a grapheme-cluster index from 0 (before the first) to `characters.count`.
    public private(set) var cursor: Int
    /// The first grapheme cluster shown (kept so that the view does not jump while editing).
    public private(set) var scroll = 0
    /// The most grapheme clusters the field accepts (nil: no limit).
    public var maxLength: Int?
    /// Shows one `Glyphs.mask` per grapheme cluster instead of the text (passwords).
    public var isMasked: Bool
    /// Shown (in `.muted`) while the field is empty.
    public var placeholder: String
    /// The width the field is drawn at, when the screen knows it: editing then keeps `scroll` so
    /// that the cursor stays visible. Rendering corrects the scroll for the actual width anyway.
    public var viewWidth = 0

    /// A field holding `text`, the cursor at its end.
    public init(_ text: String = "", maxLength: Int? = nil, isMasked: Bool = false, placeholder: String = "") {
        self.characters = Array(text)
        self.maxLength = maxLength
        self.isMasked = isMasked
        self.placeholder = placeholder
        if let maxLength, characters.count > maxLength { characters.removeLast(characters.count - maxLength) }
        self.cursor = characters.count
    }

    /// The text.
    public var text: String {
        get { String(characters) }
        set {
            characters = Array(newValue)
            if let maxLength, characters.count > maxLength { characters.removeLast(characters.count - maxLength) }
            cursor = characters.count
            scroll = 0
            keepCursorVisible()
        }
    }

    // MARK: Keys

    /// Applies an editing key.
    public mutating func handle(_ key: Key) -> KeyOutcome {
        let outcome = apply(key)
        keepCursorVisible()
        return outcome
    }

    private mutating func apply(_ key: Key) -> KeyOutcome {
        switch key {
        case .character(let character): return insert(character)
        case .left, .ctrl("b"): return move(to: cursor - 1)
        case .right, .ctrl("f"): return move(to: cursor + 1)
        case .home, .ctrl("a"): return move(to: 0)
        case .end, .ctrl("e"): return move(to: characters.count)
        case .backspace: return cursor > 0 ? remove(cursor - 1..<cursor) : .handled
        case .delete, .ctrl("d"): return cursor < characters.count ? remove(cursor..<cursor + 1) : .handled
        case .ctrl("u"): return remove(0..<cursor)
        case .ctrl("k"): return remove(cursor..<characters.count)
        case .ctrl("w"): return remove(previousWordStart()..<cursor)
        default: return .ignored
        }
    }

    /// Inserts at the cursor. A combining mark joins the cluster before it; the result is
    /// re-segmented so that the array always holds whole grapheme clusters.
    private mutating func insert(_ character: Character) -> KeyOutcome {
        let before = String(characters[..<cursor]) + String(character)
        let joined = Array(before + String(characters[cursor...]))
        if let maxLength, joined.count > maxLength, joined.count > characters.count { return .handled }
        characters = joined
        cursor = min(Array(before).count, joined.count)
        return .changed
    }

    private mutating func move(to position: Int) -> KeyOutcome {
        cursor = min(max(0, position), characters.count)
        return .handled
    }

    private mutating func remove(_ range: Range<Int>) -> KeyOutcome {
        guard !range.isEmpty else { return .handled }
        characters.removeSubrange(range)
        cursor = range.lowerBound
        return .changed
    }

    /// Start of the word before the cursor, as readline's Ctrl-W: skip spaces, then non-spaces.
    private func previousWordStart() -> Int {
        var index = cursor
        while index > 0 && characters[index - 1] == " " { index -= 1 }
        while index > 0 && characters[index - 1] != " " { index -= 1 }
        return index
    }

    private mutating func keepCursorVisible() {
        scroll = visibleStart(width: viewWidth > 0 ? viewWidth : Int.max)
    }

    // MARK: Rendering

    /// The first cluster to draw at `width` columns: `scroll`, moved just enough that the cursor
    /// (which needs one column, after the last cluster too) is on screen.
    private func visibleStart(width: Int) -> Int {
        guard width < Int.max else { return 0 }
        var start = min(scroll, cursor)
        var columns = columnsBetween(start, cursor)
        while start < cursor && columns > width - 1 {
            columns -= DisplayWidth.of(characters[start])
            start += 1
        }
        return start
    }

    private func columnsBetween(_ from: Int, _ to: Int) -> Int {
        isMasked ? to - from : characters[from..<to].reduce(0) { $0 + DisplayWidth.of($1) }
    }

    /// Draws the field on the first row of `rect` (`.field`, or `.fieldFocused` when focused) and
    /// returns where the terminal cursor goes when focused (nil otherwise or when nothing fits).
    @discardableResult
    public func render(in rect: Rect, into canvas: inout Canvas, focused: Bool) -> Point? {
        let row = rect.top(1)
        guard !row.isEmpty else { return nil }
        let role: Role = focused ? .fieldFocused : .field
        canvas.fill(row, role: role)
        if characters.isEmpty {
            canvas.write(placeholder, in: row, role: focused ? .fieldFocused : .muted)
            return focused ? row.origin : nil
        }
        let start = visibleStart(width: row.width)
        let visible = characters[start...]
        let text = isMasked ? String(repeating: canvas.glyphs.mask, count: visible.count) : String(visible)
        canvas.put(text, at: row.origin, role: role, clip: row)
        let column = columnsBetween(start, cursor)
        return focused && column < row.width ? Point(x: row.x + column, y: row.y) : nil
    }
}
