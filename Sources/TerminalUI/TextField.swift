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
    /// `String(characters)`, kept beside them: forms read it (and draw it) at every key and frame,
    /// and building it from the clusters each time was a large part of a frame's work.
    private var string: String {
        didSet { isNarrow = Self.isNarrow(string) }
    }
    /// True when every cluster is one column wide (Latin and Turkish text): columns are then counted
    /// without measuring each cluster.
    private var isNarrow: Bool
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
        self.string = text
        self.isNarrow = Self.isNarrow(text)
        self.maxLength = maxLength
        self.isMasked = isMasked
        self.placeholder = placeholder
        if let maxLength, characters.count > maxLength {
            characters.removeLast(characters.count - maxLength)
            string = String(characters)
        }
        self.cursor = characters.count
    }

    /// The text.
    public var text: String {
        get { string }
        set {
            characters = Array(newValue)
            string = newValue
            if let maxLength, characters.count > maxLength {
                characters.removeLast(characters.count - maxLength)
                string = String(characters)
            }
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
        if Self.standsAlone(character), cursor == 0 || Self.standsAlone(characters[cursor - 1]),
           cursor == characters.count || Self.standsAlone(characters[cursor]) {
            // Nothing to re-segment: no grapheme rule joins these characters to their neighbours.
            if let maxLength, characters.count >= maxLength { return .handled }
            characters.insert(character, at: cursor)
            cursor += 1
            if cursor == characters.count { string.append(character) } else { string = String(characters) }
            return .changed
        }
        let before = String(characters[..<cursor]) + String(character)
        let whole = before + String(characters[cursor...])
        let joined = Array(whole)
        if let maxLength, joined.count > maxLength, joined.count > characters.count { return .handled }
        characters = joined
        string = whole
        cursor = min(Array(before).count, joined.count)
        return .changed
    }

    /// True when every scalar of `text` stands alone and is not the soft hyphen (zero columns): each
    /// is then a cluster of its own and one column wide.
    private static func isNarrow(_ text: String) -> Bool {
        InertText.isPrintableASCII(text) || text.unicodeScalars.allSatisfy { standsAlone($0) && $0.value != 0xAD }
    }

    /// True for a one-scalar character that stands alone.
    private static func standsAlone(_ character: Character) -> Bool {
        let scalars = character.unicodeScalars
        guard let scalar = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex else {
            return false
        }
        return standsAlone(scalar)
    }

    /// True from space to U+02FF but the controls (Latin, Turkish letters included): no
    /// grapheme-breaking rule joins two of these, so an insertion between them needs no
    /// re-segmentation. (Combining marks start at U+0300; CR LF are controls.)
    private static func standsAlone(_ scalar: Unicode.Scalar) -> Bool {
        (0x20...0x7E).contains(scalar.value) || (0xA0...0x2FF).contains(scalar.value)
    }

    private mutating func move(to position: Int) -> KeyOutcome {
        cursor = min(max(0, position), characters.count)
        return .handled
    }

    private mutating func remove(_ range: Range<Int>) -> KeyOutcome {
        guard !range.isEmpty else { return .handled }
        characters.removeSubrange(range)
        string = String(characters)
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
        // One column per cluster: the cursor's column is known without walking to it.
        if isNarrow { return max(start, cursor - max(0, width - 1)) }
        var columns = columnsBetween(start, cursor)
        while start < cursor && columns > width - 1 {
            columns -= DisplayWidth.of(characters[start])
            start += 1
        }
        return start
    }

    private func columnsBetween(_ from: Int, _ to: Int) -> Int {
        isMasked || isNarrow ? to - from
            : characters[from..<to].reduce(0) { $0 + DisplayWidth.of($1) }
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
        let count = characters.count - start
        let shown = isMasked ? String(repeating: canvas.glyphs.mask, count: count)
            : start == 0 ? string : String(characters[start...])
        canvas.put(shown, at: row.origin, role: role, clip: row)
        let column = columnsBetween(start, cursor)
        return focused && column < row.width ? Point(x: row.x + column, y: row.y) : nil
    }
}
