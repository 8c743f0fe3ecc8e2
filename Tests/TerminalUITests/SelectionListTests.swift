import Testing
@testable import TerminalUI

@Suite struct SelectionListTests {
    static let provinces = ["Adana", "Ankara", "Antalya", "Çankırı", "Iğdır", "İstanbul", "İzmir", "Kırklareli",
                            "Muğla", "Şanlıurfa", "Uşak", "Zonguldak"]

    @Test func arrowsPagesAndEndsMoveTheSelectionWithinBounds() {
        var list = SelectionList(items: Self.provinces)
        list.viewHeight = 5
        #expect(list.handle(.up) == .handled)
        #expect(list.selection == 0)
        _ = list.handle(.down)
        #expect(list.selectedItem == 1)
        _ = list.handle(.pageDown)
        #expect(list.selection == 5)
        _ = list.handle(.end)
        #expect(list.selection == 11)
        _ = list.handle(.pageDown)
        #expect(list.selection == 11)
        _ = list.handle(.pageUp)
        #expect(list.selection == 7)
        _ = list.handle(.home)
        #expect(list.selection == 0)
        #expect(list.handle(.enter) == .activated)
        #expect(list.handle(.tab) == .ignored)
    }

    @Test func theSelectionStaysVisibleWhileScrolling() {
        var list = SelectionList(items: Self.provinces)
        list.viewHeight = 3
        for _ in 0..<4 { _ = list.handle(.down) }
        var canvas = Canvas(size: Size(width: 12, height: 3))
        let cursor = list.render(in: canvas.bounds, into: &canvas, focused: true)
        #expect(canvas.lines() == ["  Antalya   ", "  Çankırı   ", "> Iğdır     "])
        #expect(cursor == Point(x: 0, y: 2))
        #expect(canvas.roles(row: 2)[3] == .selection)
        list.render(in: canvas.bounds, into: &canvas, focused: false)
        #expect(canvas.roles(row: 2)[3] == .selectionUnfocused)
    }

    @Test func numberShortcutsSelectAndActivate() {
        var menu = SelectionList(items: ["Verilerim", "İletişim", "Fatura"], numberShortcuts: true)
        #expect(menu.handle(.character("3")) == .activated)
        #expect(menu.selectedItem == 2)
        #expect(menu.handle(.character("9")) == .handled)
        #expect(menu.selectedItem == 2)
        var canvas = Canvas(size: Size(width: 14, height: 3))
        menu.render(in: canvas.bounds, into: &canvas, focused: true)
        #expect(canvas.lines() == ["  1 Verilerim ", "  2 İletişim  ", "> 3 Fatura    "])
    }

    @Test func aDigitWithAMarkOrAKeycapIsNoShortcutAndNeverTraps() {
        // Found by the property tests: these sort between "1" and "9" but are no number.
        var menu = SelectionList(items: ["Verilerim", "İletişim", "Fatura"], numberShortcuts: true)
        for key in ["2\u{301}", "2\u{FE0F}\u{20E3}", "5\u{FE0F}"] {
            #expect(menu.handle(.character(Character(key))) == .ignored)
        }
        #expect(menu.selectedItem == 0)
    }

    @Test func typingFiltersWithoutTurkishLetters() {
        var picker = SelectionList(items: Self.provinces, filters: true)
        for character in "izm" { #expect(picker.handle(.character(character)) == .changed) }
        #expect(picker.shownItems.map { Self.provinces[$0] } == ["İzmir"])
        #expect(picker.handle(.enter) == .activated)
        #expect(picker.selectedItem == 6)
        _ = picker.handle(.ctrl("u"))
        for character in "an" { _ = picker.handle(.character(character)) }
        #expect(picker.shownItems.map { Self.provinces[$0] } == ["Ankara", "Antalya", "Adana", "Çankırı",
                                                                  "İstanbul", "Şanlıurfa"])
        _ = picker.handle(.backspace)
        _ = picker.handle(.backspace)
        for character in "cank" { _ = picker.handle(.character(character)) }
        #expect(picker.shownItems.map { Self.provinces[$0] } == ["Çankırı"])
    }

    @Test func escClearsTheFilterThenIsLeftToTheScreen() {
        var picker = SelectionList(items: Self.provinces, filters: true)
        _ = picker.handle(.character("x"))
        _ = picker.handle(.character("y"))
        #expect(picker.shownItems.isEmpty)
        #expect(picker.selectedItem == nil)
        #expect(picker.handle(.enter) == .handled)
        #expect(picker.handle(.escape) == .changed)
        #expect(picker.shownItems.count == Self.provinces.count)
        #expect(picker.handle(.escape) == .ignored)
    }

    @Test func replacingItemsKeepsTheSelectedOne() {
        var list = SelectionList(items: ["a", "b", "c"], selected: 2)
        list.setItems(["c", "a"])
        #expect(list.selectedItem == 0)
        list.select(item: 1)
        #expect(list.selectedItem == 1)
    }

    @Test func anEmptyListRendersNothingAndNeverTraps() {
        var list = SelectionList(items: [])
        #expect(list.handle(.down) == .handled)
        var canvas = Canvas(size: Size(width: 1, height: 1))
        #expect(list.render(in: canvas.bounds, into: &canvas, focused: true) == nil)
        let one = SelectionList(items: ["Ankara"])
        #expect(one.render(in: canvas.bounds, into: &canvas, focused: true) == .zero)
        #expect(canvas.lines() == [">"], "the selection marker comes first")
    }
}

@Suite struct ToggleGridTests {
    static func preferences() -> ToggleGrid {
        ToggleGrid(
            rowLabels: ["Güvenlik", "Kampanyalar", "İş ortakları"],
            columnLabels: ["E-posta", "SMS", "Arama"],
            toggles: [
                [.init(isOn: true, lockReason: "Güvenlik bildirimleri kapatılamaz")] + Array(
                    repeating: .init(isOn: true, lockReason: "Güvenlik bildirimleri kapatılamaz"), count: 2),
                [.init(isOn: true), .init(isOn: false), .init(isOn: false)],
                [.init(isOn: false), .init(isOn: true), .init(isOn: false)],
            ])
    }

    @Test func focusStartsOnTheFirstChangeableCell() {
        let grid = Self.preferences()
        #expect(grid.focus.row == 1 && grid.focus.column == 0)
    }

    @Test func spaceTogglesAndLockedCellsRefuseWithTheirReason() {
        var grid = Self.preferences()
        #expect(grid.handle(.character(" ")) == .changed)
        #expect(!grid[1, 0].isOn)
        _ = grid.handle(.up)
        #expect(grid.handle(.character(" ")) == .refused("Güvenlik bildirimleri kapatılamaz"))
        #expect(grid[0, 0].isOn)
    }

    @Test func arrowsAndTabMoveTheFocusAndTabLeavesAtTheEnds() {
        var grid = Self.preferences()
        _ = grid.handle(.right)
        _ = grid.handle(.right)
        _ = grid.handle(.right)
        #expect(grid.focus.column == 2)
        #expect(grid.handle(.tab) == .handled)
        #expect(grid.focus.row == 2 && grid.focus.column == 0)
        _ = grid.handle(.end)
        #expect(grid.handle(.tab) == .ignored)
        _ = grid.handle(.home)
        #expect(grid.handle(.backTab) == .ignored)
        _ = grid.handle(.down)
        #expect(grid.handle(.backTab) == .handled)
        #expect(grid.focus.row == 0 && grid.focus.column == 2)
    }

    @Test func renderingShowsStatesInPlainText() {
        let grid = Self.preferences()
        var canvas = Canvas(size: Size(width: 34, height: 4))
        let cursor = grid.render(in: canvas.bounds, into: &canvas, focused: true)
        #expect(canvas.lines() == [
            "             E-posta  SMS  Arama  ",
            "Güvenlik       [#]    [#]   [#]   ",
            "Kampanyalar    [x]    [ ]   [ ]   ",
            "İş ortakları   [ ]    [x]   [ ]   ",
        ])
        #expect(cursor == Point(x: 16, y: 2))
        #expect(canvas.roles(row: 1)[15] == .locked)
        #expect(canvas.roles(row: 2)[15] == .selection)
    }

    @Test func toggleOriginIsWhereTheToggleIsDrawnAndNilWhenNotShown() throws {
        let grid = Self.preferences()
        var canvas = Canvas(size: Size(width: 34, height: 4))
        grid.render(in: canvas.bounds, into: &canvas, focused: false)
        let origin = try #require(grid.toggleOrigin(row: 2, column: 1, in: canvas.bounds))
        #expect(origin == Point(x: 22, y: 3))
        #expect(canvas.cells(row: 3)[22...24].map(\.character) == ["[", "x", "]"])
        // Two rows: the header and the focused row (1); row 2 is scrolled out.
        #expect(grid.toggleOrigin(row: 2, column: 1, in: Rect(x: 0, y: 0, width: 34, height: 2)) == nil)
        #expect(grid.toggleOrigin(row: 1, column: 2, in: Rect(x: 0, y: 0, width: 34, height: 2)) == Point(x: 28, y: 1))
        #expect(grid.toggleOrigin(row: 0, column: 2, in: Rect(x: 0, y: 0, width: 16, height: 4)) == nil)
        #expect(grid.toggleOrigin(row: 9, column: 0, in: canvas.bounds) == nil)
    }

    @Test func tinyRectanglesNeverTrap() {
        let grid = Self.preferences()
        for size in [Size.zero, Size(width: 1, height: 1), Size(width: 5, height: 2)] {
            var canvas = Canvas(size: size)
            grid.render(in: canvas.bounds, into: &canvas, focused: true)
            #expect(canvas.lines().count == size.height)
        }
        var empty = ToggleGrid(rowLabels: [], columnLabels: [], toggles: [])
        #expect(empty.handle(.down) == .ignored)
    }
}
