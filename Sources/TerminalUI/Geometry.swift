// Geometry of the cell grid: sizes, points and rectangles in columns and rows.
//
// Every operation clips instead of trapping: negative counts become 0, a rectangle never has a
// negative width or height, and splitting a 0x0 rectangle gives 0x0 rectangles. Layout code can
// therefore subtract freely on tiny terminals without checking first.

// MARK: - Size

/// A width in columns and a height in rows; never negative.
public struct Size: Hashable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    /// A size; negative values are clipped to 0.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public static let zero = Size(width: 0, height: 0)

    /// True when this size is at least `other` in both directions.
    public func contains(_ other: Size) -> Bool {
        width >= other.width && height >= other.height
    }

    /// `80x24`.
    public var description: String { "\(width)x\(height)" }
}

// MARK: - Point

/// A cell position: `x` is the column, `y` the row, both counted from 0 at the top left.
public struct Point: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int

    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }

    public static let zero = Point(x: 0, y: 0)

    /// The point moved by `dx` columns and `dy` rows.
    public func offset(dx: Int = 0, dy: Int = 0) -> Point {
        Point(x: x + dx, y: y + dy)
    }

    public var description: String { "(\(x),\(y))" }
}

// MARK: - Rect

/// A rectangle of cells. Its width and height are never negative; every helper clips.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    /// A rectangle; a negative width or height is clipped to 0.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The rectangle at `origin` with `size`.
    public init(origin: Point = .zero, size: Size) {
        self.init(x: origin.x, y: origin.y, width: size.width, height: size.height)
    }

    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    public var origin: Point { Point(x: x, y: y) }
    public var size: Size { Size(width: width, height: height) }
    /// One past the last column.
    public var maxX: Int { x + width }
    /// One past the last row.
    public var maxY: Int { y + height }
    /// True when the rectangle holds no cell.
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// True when `point` is one of the rectangle's cells.
    public func contains(_ point: Point) -> Bool {
        point.x >= x && point.x < maxX && point.y >= y && point.y < maxY
    }

    /// The cells both rectangles share (empty, at this rectangle's origin, when none).
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x), top = max(y, other.y)
        let right = min(maxX, other.maxX), bottom = min(maxY, other.maxY)
        if right <= left || bottom <= top { return Rect(x: x, y: y, width: 0, height: 0) }
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    // MARK: Insets

    /// The rectangle shrunk by `amount` on every side.
    public func inset(by amount: Int) -> Rect {
        inset(top: amount, left: amount, bottom: amount, right: amount)
    }

    /// The rectangle shrunk by `horizontal` columns left and right and `vertical` rows top and bottom.
    public func inset(horizontal: Int = 0, vertical: Int = 0) -> Rect {
        inset(top: vertical, left: horizontal, bottom: vertical, right: horizontal)
    }

    /// The rectangle shrunk on each side; it never grows and never goes below 0x0.
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        let top = min(max(0, top), height), left = min(max(0, left), width)
        let bottom = min(max(0, bottom), height - top), right = min(max(0, right), width - left)
        return Rect(x: x + left, y: y + top, width: width - left - right, height: height - top - bottom)
    }

    // MARK: Taking rows and columns

    /// The first `count` rows (all of them when there are fewer).
    public func top(_ count: Int) -> Rect {
        Rect(x: x, y: y, width: width, height: min(max(0, count), height))
    }

    /// The last `count` rows.
    public func bottom(_ count: Int) -> Rect {
        let taken = min(max(0, count), height)
        return Rect(x: x, y: maxY - taken, width: width, height: taken)
    }

    /// The first `count` columns.
    public func left(_ count: Int) -> Rect {
        Rect(x: x, y: y, width: min(max(0, count), width), height: height)
    }

    /// The last `count` columns.
    public func right(_ count: Int) -> Rect {
        let taken = min(max(0, count), width)
        return Rect(x: maxX - taken, y: y, width: taken, height: height)
    }

    /// Everything below the first `count` rows.
    public func droppingTop(_ count: Int) -> Rect { inset(top: count) }
    /// Everything above the last `count` rows.
    public func droppingBottom(_ count: Int) -> Rect { inset(bottom: count) }
    /// Everything right of the first `count` columns.
    public func droppingLeft(_ count: Int) -> Rect { inset(left: count) }
    /// Everything left of the last `count` columns.
    public func droppingRight(_ count: Int) -> Rect { inset(right: count) }

    /// Row `index` (0-based) as a one-row rectangle; empty when outside.
    public func row(_ index: Int) -> Rect {
        guard index >= 0, index < height else { return Rect(x: x, y: y, width: width, height: 0) }
        return Rect(x: x, y: y + index, width: width, height: 1)
    }

    /// The rectangle cut into consecutive column ranges of the given widths; the last part
    /// takes what remains when `widths` sums to less, and parts past the edge are empty.
    public func splitColumns(_ widths: [Int]) -> [Rect] {
        split(widths, take: { $0.left($1) }, drop: { $0.droppingLeft($1.width) })
    }

    /// The rectangle cut into consecutive row ranges of the given heights (see `splitColumns`).
    public func splitRows(_ heights: [Int]) -> [Rect] {
        split(heights, take: { $0.top($1) }, drop: { $0.droppingTop($1.height) })
    }

    private func split(_ lengths: [Int], take: (Rect, Int) -> Rect, drop: (Rect, Rect) -> Rect) -> [Rect] {
        var parts: [Rect] = []
        var rest = self
        for (index, length) in lengths.enumerated() {
            let part = index == lengths.count - 1 ? rest : take(rest, length)
            parts.append(part)
            rest = drop(rest, part)
        }
        return parts
    }

    /// A rectangle of `size` (clipped to this one) centred in this one.
    public func centered(_ size: Size) -> Rect {
        let width = min(size.width, self.width), height = min(size.height, self.height)
        return Rect(x: x + (self.width - width) / 2, y: y + (self.height - height) / 2, width: width, height: height)
    }

    public var description: String { "\(width)x\(height)@\(x),\(y)" }
}
