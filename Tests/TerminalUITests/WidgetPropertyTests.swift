import PropertyTesting
import Testing

@testable import TerminalUI

// Property tests of every widget's editing and drawing: random key sequences with random Unicode
// (Turkish, combining marks, CJK, emoji, controls, escape sequences, bidi overrides, huge pastes)
// and random rectangles down to 0x0. Nothing may trap, each widget's invariants hold after every
// key, nothing is drawn outside the widget's rectangle, and no C0, ESC, DEL, C1, bidi control or
// line separator ever reaches a canvas cell. A failure names its seed (see Tests/PropertyTesting).

// MARK: - What the canvas may never hold

enum CanvasCheck {
    /// The first dangerous scalar on `canvas`, as a description, or nil.
    static func dangerousCell(in canvas: Canvas) -> String? {
        for y in 0..<canvas.size.height {
            for (x, cell) in canvas.cells(row: y).enumerated() {
                if let bad = cell.character.unicodeScalars.first(where: TerminalSafety.isDangerous) {
                    return "U+\(String(bad.value, radix: 16)) at \(x),\(y)"
                }
            }
        }
        return nil
    }

    /// Where `after` differs from `before` outside `rect`, or nil. Both canvases have one size.
    static func changeOutside(_ rect: Rect, before: Canvas, after: Canvas) -> String? {
        for y in 0..<after.size.height {
            let old = before.cells(row: y), new = after.cells(row: y)
            for x in 0..<new.count where old[x] != new[x] && !rect.contains(Point(x: x, y: y)) {
                // Overwriting half of a wide character blanks its other half, just outside.
                let halfOfWide = (old[x].width == 2 && rect.contains(Point(x: x + 1, y: y)))
                    || (old[x].width == 0 && rect.contains(Point(x: x - 1, y: y)))
                if halfOfWide && new[x].character == " " { continue }
                return "drew at \(x),\(y) outside \(rect)"
            }
        }
        return nil
    }

    /// Every row of the canvas as wide as the canvas, and every wide cell followed by its half.
    static func rowsWellFormed(_ canvas: Canvas) -> String? {
        let lines = canvas.lines()
        for y in 0..<canvas.size.height {
            let cells = canvas.cells(row: y)
            guard cells.count == canvas.size.width else { return "row \(y) has \(cells.count) cells" }
            var x = 0
            while x < cells.count {
                switch cells[x].width {
                case 1: x += 1
                case 2:
                    guard x + 1 < cells.count, cells[x + 1].width == 0 else { return "wide cell at \(x),\(y) cut" }
                    x += 2
                default: return "orphan half at \(x),\(y)"
                }
            }
            let width = lines[y].reduce(0) { $0 + DisplayWidth.of($1) }
            guard width == canvas.size.width else { return "row \(y) is \(width) columns wide" }
        }
        return nil
    }

    /// All three checks after drawing in `rect`.
    static func afterDrawing(in rect: Rect, before: Canvas, after: Canvas) -> String? {
        dangerousCell(in: after) ?? changeOutside(rect, before: before, after: after) ?? rowsWellFormed(after)
    }
}

// MARK: - Random keys and rectangles

extension SeededRandom {
    /// Any key: editing and movement keys, function keys, and characters of hostile text.
    mutating func key() -> Key {
        switch int(in: 0...9) {
        case 0...4:
            let text = hostileText(maxLength: 3)
            return .character(text.first ?? "a")
        case 5:
            return pick([.enter, .tab, .backTab, .escape, .backspace, .delete, .insert, .function(int(in: 1...12)),
                         .unknown(Int32(int(in: -5...600)))])
        case 6: return pick([.up, .down, .left, .right, .home, .end, .pageUp, .pageDown])
        case 7: return .ctrl(pick(Array("abdefknpuw")))
        case 8: return .alt(pick(Array("ab/\u{1B}ş")))
        default: return .character(pick(Array("/nNjkgGb 123456789")))
        }
    }

    /// A sequence of keys, sometimes with a paste of hundreds of characters in the middle.
    mutating func keys(_ count: Int) -> [Key] {
        var keys = (0..<count).map { _ in key() }
        if chance(10) {
            let paste = hostileText(maxLength: int(in: 100...600)).map(Key.character)
            keys.insert(contentsOf: paste, at: int(in: 0...keys.count))
        }
        return keys
    }

    /// A canvas size from 0x0 up, and a rectangle that may stick out of it anywhere (or be empty).
    mutating func canvasAndRect() -> (Size, Rect) {
        let size = Size(width: int(in: 0...40), height: int(in: 0...8))
        let rect = Rect(x: int(in: -5...size.width + 2), y: int(in: -2...size.height + 1),
                        width: int(in: -1...30), height: int(in: -1...6))
        return (size, rect)
    }

    /// A fresh canvas with a random pattern already on it, so overwrites can be seen.
    mutating func paintedCanvas(_ size: Size) -> Canvas {
        var canvas = Canvas(size: size, role: pick(Role.allCases))
        for y in 0..<size.height where chance(50) {
            canvas.put(pick(["ab😀cd", "şğü界x", "------"]), at: Point(x: int(in: -1...3), y: y))
        }
        return canvas
    }
}

// MARK: - Widgets

@Suite("Widgets under random keys and random text")
struct WidgetPropertyTests {
    /// Cases per widget; each case is one widget and up to `keysPerCase` keys.
    static let cases = 1_500
    static let keysPerCase = 30

    /// Renders with `draw` on a painted canvas and checks it drew only inside `rect`, safely.
    static func checkDrawing(_ random: inout SeededRandom,
                             _ draw: (Rect, inout Canvas) -> Point?) -> String? {
        let (size, rect) = random.canvasAndRect()
        let before = random.paintedCanvas(size)
        var after = before
        let cursor = draw(rect, &after)
        // (A cursor off the canvas is hidden by the backend; inside the widget it must be.)
        if let cursor, !rect.contains(cursor) {
            return "cursor \(cursor) outside \(rect) on \(size)"
        }
        return CanvasCheck.afterDrawing(in: rect, before: before, after: after)
    }

    @Test func aTextFieldKeepsItsCursorInItsTextAndDrawsOnlyInItsRow() {
        let outcome = Property.check("text-field", cases: Self.cases) { random in
            let maxLength = random.chance(50) ? random.int(in: 0...40) : nil
            var field = TextField(random.hostileTextSometimesHuge(hugeLength: 2_000), maxLength: maxLength,
                                  isMasked: random.chance(30))
            field.viewWidth = random.int(in: 0...30)
            for key in random.keys(Self.keysPerCase) {
                let before = field.characters
                let outcome = field.handle(key)
                guard (0...field.characters.count).contains(field.cursor) else {
                    return "cursor \(field.cursor) outside 0...\(field.characters.count) after \(key)"
                }
                if let maxLength, field.characters.count > max(maxLength, before.count) {
                    return "grew past \(maxLength) after \(key)"
                }
                if outcome == .ignored, field.characters != before { return "an ignored \(key) changed the text" }
            }
            if field.characters.contains(where: { String($0).count != 1 }) { return "a cell is not one cluster" }
            let focused = random.chance(50)
            let masked = field.isMasked && !field.characters.isEmpty
            let secret = Set(field.characters.filter { $0 != " " && $0 != "•" && $0 != "*" })
            return Self.checkDrawing(&random) { rect, canvas in
                let before = canvas
                let cursor = field.render(in: rect, into: &canvas, focused: focused)
                // The row is never wider than the field, and a masked field shows none of its text.
                let row = rect.top(1).intersection(canvas.bounds)
                if masked, !row.isEmpty,
                   canvas.cells(row: row.y)[row.x..<row.maxX].contains(where: { secret.contains($0.character) }),
                   !before.cells(row: row.y)[row.x..<row.maxX].contains(where: { secret.contains($0.character) }) {
                    return Point(x: -999, y: -999)
                }
                return cursor.map { rect.top(1).contains($0) ? $0 : Point(x: -999, y: -999) }
            }
        }
        #expect(outcome.passed, "\(outcome)")
    }

    @Test func aSelectionListKeepsItsSelectionOnAShownItem() {
        let outcome = Property.check("selection-list", cases: Self.cases) { random in
            let items = (0..<random.int(in: 0...15)).map { _ in random.hostileText(maxLength: 16) }
            var list = SelectionList(items: items, selected: random.int(in: -3...35),
                                     numberShortcuts: random.chance(50), filters: random.chance(50))
            list.viewHeight = random.int(in: 0...12)
            for key in random.keys(Self.keysPerCase) {
                _ = list.handle(key)
                if random.chance(3) { list.setItems((0..<random.int(in: 0...8)).map { _ in random.hostileText() }) }
                if random.chance(3) { list.select(item: random.int(in: -2...40)) }
                let shown = list.shownItems
                guard shown.allSatisfy(list.items.indices.contains) else { return "shows an item that is not there" }
                guard shown.isEmpty ? list.selectedItem == nil
                        : (0..<shown.count).contains(list.selection) && list.selectedItem == shown[list.selection]
                else { return "selection \(list.selection) of \(shown.count) after \(key)" }
                guard list.scroll >= 0, list.scroll <= max(0, list.selection) else {
                    return "scroll \(list.scroll) past the selection \(list.selection)"
                }
            }
            let focused = random.chance(50)
            return Self.checkDrawing(&random) { rect, canvas in
                list.viewHeight = max(0, rect.height)
                return list.render(in: rect, into: &canvas, focused: focused)
            }
        }
        #expect(outcome.passed, "\(outcome)")
    }

    @Test func aToggleGridKeepsItsFocusInsideAndLockedCellsAsTheyWere() {
        let outcome = Property.check("toggle-grid", cases: Self.cases) { random in
            let rows = random.int(in: 0...5), columns = random.int(in: 0...4)
            let toggles = (0..<rows).map { _ in
                (0..<columns).map { _ in
                    ToggleGrid.Toggle(isOn: random.chance(50), lockReason: random.chance(30) ? random.hostileText() : nil)
                }
            }
            var grid = ToggleGrid(rowLabels: (0..<rows).map { _ in random.hostileText(maxLength: 30) },
                                  columnLabels: (0..<columns).map { _ in random.hostileText(maxLength: 12) },
                                  toggles: toggles)
            for key in random.keys(Self.keysPerCase) {
                _ = grid.handle(key)
                if rows > 0 && columns > 0 {
                    guard (0..<rows).contains(grid.focus.row), (0..<columns).contains(grid.focus.column) else {
                        return "focus \(grid.focus) outside \(rows)x\(columns) after \(key)"
                    }
                }
                for r in 0..<rows {
                    for c in 0..<columns where toggles[r][c].isLocked && grid[r, c] != toggles[r][c] {
                        return "locked cell \(r),\(c) changed after \(key)"
                    }
                }
            }
            let focused = random.chance(50)
            return Self.checkDrawing(&random) { rect, canvas in grid.render(in: rect, into: &canvas, focused: focused) }
        }
        #expect(outcome.passed, "\(outcome)")
    }

    @Test func aPagerSearchesAndScrollsWithinItsTextAtAnySize() {
        let outcome = Property.check("pager", cases: Self.cases / 2) { random in
            let markdown = (0..<random.int(in: 0...12)).map { _ in
                random.pick(["", "# ", "- ", "1. ", "**"]) + random.hostileText(maxLength: 80)
            }.joined(separator: random.pick(["\n", "\n\n"]))
            var pager = Pager(markdown: markdown, folding: random.pick([.turkish, .english]))
            pager.resize(to: Size(width: random.int(in: 0...50), height: random.int(in: 0...12)))
            for key in random.keys(Self.keysPerCase) {
                _ = pager.handle(key)
                if random.chance(5) { pager.resize(to: Size(width: random.int(in: 0...50), height: random.int(in: 0...12))) }
                if random.chance(3) { _ = pager.search(random.hostileText(maxLength: 6)) }
                guard pager.top >= 0, pager.top <= max(0, pager.lineCount - 1) else {
                    return "top \(pager.top) of \(pager.lineCount) lines after \(key)"
                }
                if let current = pager.currentMatch, !pager.matches.indices.contains(current) {
                    return "current match \(current) of \(pager.matches.count)"
                }
                for match in pager.matches {
                    guard pager.paragraphs.indices.contains(match.paragraph),
                          match.range.upperBound <= pager.paragraphs[match.paragraph].characters.count
                    else { return "match \(match) outside its paragraph" }
                }
            }
            return Self.checkDrawing(&random) { rect, canvas in
                pager.resize(to: Size(width: max(0, rect.width), height: max(0, rect.height)))
                return pager.render(in: rect, into: &canvas)
            }
        }
        #expect(outcome.passed, "\(outcome)")
    }
}

// MARK: - Canvas and InertText

@Suite("The canvas and the sanitiser under random text and rectangles")
struct CanvasPropertyTests {
    static let cases = 3_000

    @Test func everyDrawingCallClipsToItsRectangleAndDrawsNothingDangerous() {
        let outcome = Property.check("canvas", cases: Self.cases) { random in
            let (size, rect) = random.canvasAndRect()
            let before = random.paintedCanvas(size)
            var canvas = before
            let text = random.hostileTextSometimesHuge(hugeLength: 20_000)
            let role = random.pick(Role.allCases)
            switch random.int(in: 0...6) {
            case 0: canvas.put(text, at: rect.origin, role: role, clip: rect)
            case 1: canvas.write(text, in: rect, role: role, alignment: random.pick([.left, .center, .right]))
            case 2: canvas.putMessage(text, in: rect, role: role)
            case 3: canvas.putWrapped(text, in: rect, role: role)
            case 4: canvas.drawBox(rect, role: role, title: random.chance(50) ? text : nil)
            case 5: canvas.fill(rect, role: role, with: text.first ?? " ")
            default: canvas.drawHorizontalLine(in: rect, role: role)
            }
            guard canvas.lines().count == size.height else { return "\(canvas.lines().count) rows on \(size)" }
            return CanvasCheck.afterDrawing(in: rect, before: before, after: canvas)
        }
        #expect(outcome.passed, "\(outcome)")
    }

    @Test func sanitisedTextHoldsNothingDangerousAndSanitisingTwiceChangesNothing() {
        let outcome = Property.check("inert-text", cases: Self.cases) { random in
            let text = random.hostileTextSometimesHuge(hugeLength: 20_000)
            let once = InertText.sanitize(text)
            if let bad = once.unicodeScalars.first(where: TerminalSafety.isDangerous) {
                return "\(text.debugEscaped) kept U+\(String(bad.value, radix: 16))"
            }
            guard InertText.sanitize(once) == once else { return "\(text.debugEscaped) is not stable" }
            guard InertText.clusters(text) == Array(once) else { return "\(text.debugEscaped): clusters differ" }
            return nil
        }
        #expect(outcome.passed, "\(outcome)")
    }
}
