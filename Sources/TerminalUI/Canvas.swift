// The in-memory screen every view draws into. Only a backend ever talks to the terminal.

// MARK: - Cell

/// One terminal cell: a grapheme cluster, its display width and its role.
public struct Cell: Hashable, Sendable {
    /// The grapheme cluster shown (already sanitised: never a control character).
    public var character: Character
    /// 1 or 2 columns; 0 marks the right half of the wide character in the cell to the left.
    public var width: UInt8
    public var role: Role

    public init(character: Character, width: UInt8, role: Role) {
        self.character = character
        self.width = width
        self.role = role
    }

    /// A space of `role`.
    public static func blank(_ role: Role = .normal) -> Cell {
        Cell(character: " ", width: 1, role: role)
    }
}

// MARK: - Canvas

/// A grid of cells. Drawing outside the grid or a clip rectangle is cut off, never trapped, down to
/// a 0x0 canvas; a wide character that does not fit at the right edge is not drawn at all.
///
/// Every string goes through `InertText.sanitize` on its way in, so text from outside can never
/// reach the terminal as control sequences.
public struct Canvas: Sendable {
    /// A cell as stored: a plain value (no reference counting), so that a frame is created,
    /// copied and compared with the previous one at memory speed. `code` is the scalar of a
    /// one-scalar cluster, or `clusterFlag` plus an index into `clusters` for longer ones.
    struct PackedCell: Hashable, Sendable {
        /// `code` in the low 32 bits, `width` in the next 8, the role's raw value in the 8 above:
        /// one word, so that the rows of two frames compare word by word.
        private var bits: UInt64

        init(code: UInt32, width: UInt8, role: Role) {
            bits = UInt64(code) | UInt64(width) << 32 | UInt64(role.rawValue) << 40
        }

        var code: UInt32 { UInt32(truncatingIfNeeded: bits) }
        var width: UInt8 { UInt8(truncatingIfNeeded: bits >> 32) }
        var role: Role {
            get { Role(rawValue: UInt8(truncatingIfNeeded: bits >> 40)) ?? .normal }
            set { bits = bits & 0xFFFF_00FF_FFFF_FFFF | UInt64(newValue.rawValue) << 40 }
        }

        static let clusterFlag: UInt32 = 0x8000_0000

        static func blank(_ role: Role) -> PackedCell { PackedCell(code: 0x20, width: 1, role: role) }
    }

    public let size: Size
    /// The characters widgets draw lines, ellipses and markers with.
    public var glyphs: Glyphs
    private(set) var packed: [PackedCell]
    /// The grapheme clusters of more than one scalar (combining marks, emoji sequences, flags).
    private var clusters: [Character] = []

    /// A canvas of spaces of `role`.
    public init(size: Size, glyphs: Glyphs = .unicode, role: Role = .normal) {
        self.size = size
        self.glyphs = glyphs
        self.packed = Array(repeating: .blank(role), count: size.width * size.height)
    }

    /// The whole canvas.
    public var bounds: Rect { Rect(size: size) }

    /// The cell at `point`, or nil outside the canvas.
    public func cell(at point: Point) -> Cell? {
        bounds.contains(point) ? unpack(packed[point.y * size.width + point.x]) : nil
    }

    /// The grapheme cluster a stored cell shows.
    func character(of cell: PackedCell) -> Character {
        cell.code & PackedCell.clusterFlag != 0
            ? clusters[Int(cell.code & ~PackedCell.clusterFlag)]
            : Character(Unicode.Scalar(cell.code) ?? " ")
    }

    private func unpack(_ cell: PackedCell) -> Cell {
        Cell(character: character(of: cell), width: cell.width, role: cell.role)
    }

    // MARK: Text

    /// Draws `text` on one row from `point`, cut to `clip` (and the canvas). Returns the columns from
    /// `point.x` to the end of what was drawn; text cut at the right edge is not counted, so
    /// `x += canvas.put(...)` places the next piece right after this one.
    @discardableResult
    public mutating func put(_ text: String, at point: Point, role: Role = .normal, clip: Rect? = nil) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        guard point.y >= area.y, point.y < area.maxY else { return 0 }
        var x = point.x
        if InertText.isPrintableASCII(text) {
            // One column per byte: the cells drawn are known at once and stored as one run.
            guard point.x < area.maxX else { return 0 }
            let end = min(point.x + text.utf8.count, area.maxX), start = max(point.x, area.x)
            guard start < end else { return end - point.x }
            var bytes = text
            bytes.withUTF8 { bytes in
                setNarrowRun(y: point.y, from: start, to: end) { x in
                    PackedCell(code: UInt32(bytes[x - point.x]), width: 1, role: role)
                }
            }
            return end - point.x
        }
        // Plain text (Turkish included) is drawn scalar by scalar, skipping grapheme segmentation.
        if InertText.isPlain(text) {
            for scalar in text.unicodeScalars {
                guard place(scalar.value, columns: DisplayWidth.of(scalar), at: &x, y: point.y, in: area,
                            role: role) else { break }
            }
            return x - point.x
        }
        let units = TextUnits(text)
        return put(units, 0..<units.count, at: point, role: role, clip: clip)
    }

    /// Puts one cell code (a scalar, or a cluster reference) at `x` and advances it; false when it
    /// does not fit before the right edge of `area` (drawing stops there).
    private mutating func place(
        _ code: UInt32, columns: Int, at x: inout Int, y: Int, in area: Rect, role: Role
    ) -> Bool {
        guard columns > 0 else { return true }
        if x + columns > area.maxX { return false }
        if x >= area.x {
            set(PackedCell(code: code, width: UInt8(columns), role: role), x: x, y: y)
        } else if x + columns > area.x {
            // A wide character cut by the left edge: its visible half is a space.
            set(.blank(role), x: area.x, y: y)
        }
        x += columns
        return true
    }

    /// Where text goes in `write(_:in:role:alignment:)`.
    public enum Alignment: Sendable {
        case left, center, right
    }

    /// Draws `text` on the first row of `rect`, truncated with the ellipsis to its width and
    /// aligned in it. Returns the columns drawn.
    @discardableResult
    public mutating func write(
        _ text: String, in rect: Rect, role: Role = .normal, alignment: Alignment = .left
    ) -> Int {
        guard !rect.isEmpty else { return 0 }
        let fitted = TextLayout.truncate(text, toWidth: rect.width, ellipsis: glyphs.ellipsis)
        let width = DisplayWidth.of(fitted)
        let x: Int
        switch alignment {
        case .left: x = rect.x
        case .center: x = rect.x + (rect.width - width) / 2
        case .right: x = rect.maxX - width
        }
        return put(fitted, at: Point(x: x, y: rect.y), role: role, clip: rect)
    }

    /// Draws a message that starts with the marker of its role (`✗` for `.error`, `!` for
    /// `.warning`, `✓` for `.success`, nothing otherwise), so colour is never its only signal.
    @discardableResult
    public mutating func putMessage(_ text: String, in rect: Rect, role: Role) -> Int {
        let marker: Character? = switch role {
        case .error: glyphs.error
        case .warning: glyphs.warning
        case .success: glyphs.success
        default: nil
        }
        return write(marker.map { "\($0) \(text)" } ?? text, in: rect, role: role)
    }

    /// Draws `text` word-wrapped to `rect`'s width, one line per row, and returns the rows used
    /// (lines beyond the rectangle are not drawn, the last visible one ends with the ellipsis).
    /// Newlines in `text` start new paragraphs.
    @discardableResult
    public mutating func putWrapped(_ text: String, in rect: Rect, role: Role = .normal) -> Int {
        guard !rect.isEmpty else { return 0 }
        // Split on the byte: splitting a String by Character would segment every grapheme.
        let paragraphs = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false)
        var row = 0
        for (number, paragraph) in paragraphs.enumerated() {
            let units = TextUnits(Substring(paragraph))
            let lines = units.wrapped(to: rect.width)
            for (index, line) in lines.enumerated() {
                guard row < rect.height else { return row }
                let isCut = row == rect.height - 1 && (index < lines.count - 1 || number < paragraphs.count - 1)
                let room = isCut ? rect.width - DisplayWidth.of(glyphs.ellipsis) : rect.width
                let drawn = put(units, line, at: Point(x: rect.x, y: rect.y + row), role: role,
                                clip: rect.row(row).left(room))
                if isCut { put(glyphs.ellipsis, at: Point(x: rect.x + drawn, y: rect.y + row), role: role, clip: rect) }
                row += 1
            }
        }
        return row
    }

    /// Draws `range` of prepared text units from `point` (see `put(_:at:role:clip:)`).
    @discardableResult
    mutating func put(_ units: TextUnits, _ range: Range<Int>, at point: Point, role: Role, clip: Rect? = nil) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        guard point.y >= area.y, point.y < area.maxY else { return 0 }
        var x = point.x
        for index in range {
            var code = units.codes[index]
            if code & PackedCell.clusterFlag != 0 {
                clusters.append(units.clusters[Int(code & ~PackedCell.clusterFlag)])
                code = PackedCell.clusterFlag | UInt32(clusters.count - 1)
            }
            let columns = Int(units.widths[index])
            guard place(code, columns: columns, at: &x, y: point.y, in: area, role: role) else { break }
        }
        return x - point.x
    }

    // MARK: Areas and lines

    /// Fills `rect` with `character` (a space by default) of `role`.
    public mutating func fill(_ rect: Rect, role: Role = .normal, with character: Character = " ") {
        let area = rect.intersection(bounds)
        let scalars = InertText.sanitize(String(character)).unicodeScalars
        let code = scalars.count == 1 && DisplayWidth.of(scalars.first!) == 1 ? scalars.first!.value : 0x20
        let cell = PackedCell(code: code, width: 1, role: role)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            setNarrowRun(y: y, from: area.x, to: area.maxX) { _ in cell }
        }
    }

    /// Gives the cells of `rect` another role, keeping their text (highlights, selections).
    public mutating func setRole(_ role: Role, in rect: Rect) {
        let area = rect.intersection(bounds)
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { packed[y * size.width + x].role = role }
        }
    }

    /// Draws a horizontal line across the first row of `rect`.
    public mutating func drawHorizontalLine(in rect: Rect, role: Role = .border) {
        fill(rect.top(1), role: role, with: glyphs.horizontal)
    }

    /// Draws a box along the edges of `rect`, with `title` in its top edge when given. The inside
    /// is left as it is. A box needs at least 2x2 cells; smaller rectangles get what fits.
    public mutating func drawBox(_ rect: Rect, role: Role = .border, title: String? = nil, titleRole: Role? = nil) {
        guard !rect.isEmpty else { return }
        fill(rect.top(1), role: role, with: glyphs.horizontal)
        fill(rect.bottom(1), role: role, with: glyphs.horizontal)
        fill(rect.left(1), role: role, with: glyphs.vertical)
        fill(rect.right(1), role: role, with: glyphs.vertical)
        let corners: [(Point, Character)] = [
            (Point(x: rect.x, y: rect.y), glyphs.topLeft), (Point(x: rect.maxX - 1, y: rect.y), glyphs.topRight),
            (Point(x: rect.x, y: rect.maxY - 1), glyphs.bottomLeft),
            (Point(x: rect.maxX - 1, y: rect.maxY - 1), glyphs.bottomRight),
        ]
        for (point, character) in corners where rect.width > 1 && rect.height > 1 {
            put(String(character), at: point, role: role, clip: rect)
        }
        if let title, !title.isEmpty, rect.width > 4 {
            write(" \(title) ", in: rect.top(1).inset(horizontal: 1), role: titleRole ?? role, alignment: .left)
        }
    }

    // MARK: Reading back

    /// The canvas as plain text, one string per row, every row exactly `size.width` columns wide
    /// (the screen catalogue and the golden tests compare these).
    public func lines() -> [String] {
        (0..<size.height).map { y in
            var line = ""
            for cell in row(y) where cell.width > 0 { line.append(character(of: cell)) }
            return line
        }
    }

    /// The roles of row `y`, one per column (the right half of a wide character repeats its role).
    public func roles(row y: Int) -> [Role] {
        guard y >= 0, y < size.height else { return [] }
        return row(y).map(\.role)
    }

    /// All cells of row `y`, continuation halves included.
    public func cells(row y: Int) -> [Cell] {
        guard y >= 0, y < size.height else { return [] }
        return row(y).map(unpack)
    }

    /// The stored cells of row `y` (which must exist).
    func row(_ y: Int) -> ArraySlice<PackedCell> {
        packed[(y * size.width)..<((y + 1) * size.width)]
    }

    /// True when row `y` of this canvas and of `other` (of the same size) show the same thing.
    func sameRow(_ y: Int, as other: Canvas) -> Bool {
        let mine = row(y)
        // Every row of every frame is compared: a plain loop over the storage (one word a cell),
        // not the slices' generic `==`.
        let equal = packed.withUnsafeBufferPointer { cells in
            other.packed.withUnsafeBufferPointer { theirs in
                !mine.indices.contains { cells[$0] != theirs[$0] }
            }
        }
        guard equal else { return false }
        // Equal cluster references may point at different clusters in the two side tables (with
        // no clusters on this canvas there are none to look up: the common case, checked first).
        return clusters.isEmpty || !mine.contains { $0.code & PackedCell.clusterFlag != 0 }
            || mine.indices.allSatisfy { sameCell(at: $0, as: other) }
    }

    /// True when the cells at `index` of this canvas and of `other` show the same thing.
    func sameCell(at index: Int, as other: Canvas) -> Bool {
        let mine = packed[index], theirs = other.packed[index]
        let mineIsCluster = mine.code & PackedCell.clusterFlag != 0
        let theirsIsCluster = theirs.code & PackedCell.clusterFlag != 0
        if !mineIsCluster && !theirsIsCluster { return mine == theirs }
        return mineIsCluster && theirsIsCluster && mine.width == theirs.width && mine.role == theirs.role
            && character(of: mine) == other.character(of: theirs)
    }

    // MARK: Private

    /// Stores one-column cells at `from..<to` of row `y` (not empty, inside the canvas): what
    /// `set` does cell by cell, with the repairs only at the ends (a wide character cut there
    /// loses its other half); inside the run every half is overwritten anyway.
    private mutating func setNarrowRun(y: Int, from: Int, to: Int, _ cell: (Int) -> PackedCell) {
        let first = y * size.width + from, last = y * size.width + to - 1
        if packed[first].width == 0 && from > 0 { packed[first - 1] = .blank(packed[first - 1].role) }
        if packed[last].width == 2 && to < size.width { packed[last + 1] = .blank(packed[last + 1].role) }
        packed.withUnsafeMutableBufferPointer { cells in
            for x in from..<to { cells[first + x - from] = cell(x) }
        }
    }

    /// Stores `cell` at (x, y), repairing wide characters it overwrites half of. The caller has
    /// checked that the cell (and, for a wide one, its right half) is inside the canvas.
    private mutating func set(_ cell: PackedCell, x: Int, y: Int) {
        let index = y * size.width + x
        if packed[index].width == 0 && x > 0 {
            packed[index - 1] = .blank(packed[index - 1].role)
        }
        if packed[index].width == 2 && x + 1 < size.width {
            packed[index + 1] = .blank(packed[index + 1].role)
        }
        packed[index] = cell
        if cell.width == 2 {
            if packed[index + 1].width == 2 && x + 2 < size.width {
                packed[index + 2] = .blank(packed[index + 2].role)
            }
            packed[index + 1] = PackedCell(code: 0x20, width: 0, role: cell.role)
        }
    }
}
