import Testing
@testable import TerminalUI

@Suite struct GeometryTests {
    @Test func negativeSizesAreClippedToZero() {
        #expect(Size(width: -3, height: -1) == .zero)
        #expect(Rect(x: 2, y: 2, width: -5, height: 4).width == 0)
    }

    @Test func insetNeverGoesBelowZeroByZero() {
        let rect = Rect(x: 0, y: 0, width: 3, height: 2)
        #expect(rect.inset(by: 1) == Rect(x: 1, y: 1, width: 1, height: 0))
        #expect(rect.inset(by: 10).isEmpty)
        #expect(Rect.zero.inset(by: 1).isEmpty)
        #expect(rect.inset(by: -2) == rect)
    }

    @Test func takingAndDroppingRowsAndColumnsClips() {
        let rect = Rect(x: 1, y: 2, width: 10, height: 5)
        #expect(rect.top(2) == Rect(x: 1, y: 2, width: 10, height: 2))
        #expect(rect.bottom(2) == Rect(x: 1, y: 5, width: 10, height: 2))
        #expect(rect.left(3) == Rect(x: 1, y: 2, width: 3, height: 5))
        #expect(rect.right(3) == Rect(x: 8, y: 2, width: 3, height: 5))
        #expect(rect.top(99) == rect)
        #expect(rect.droppingTop(99).height == 0)
        #expect(rect.droppingLeft(4) == Rect(x: 5, y: 2, width: 6, height: 5))
        #expect(rect.row(4) == Rect(x: 1, y: 6, width: 10, height: 1))
        #expect(rect.row(5).isEmpty)
        #expect(rect.row(-1).isEmpty)
    }

    @Test func splittingGivesTheRestToTheLastPart() {
        let parts = Rect(x: 0, y: 0, width: 10, height: 1).splitColumns([3, 4, 1])
        #expect(parts.map(\.width) == [3, 4, 3])
        #expect(parts.map(\.x) == [0, 3, 7])
        let tiny = Rect(x: 0, y: 0, width: 2, height: 3).splitRows([5, 5])
        #expect(tiny.map(\.height) == [3, 0])
    }

    @Test func centeringClipsToTheContainer() {
        let screen = Rect(x: 0, y: 0, width: 80, height: 24)
        #expect(screen.centered(Size(width: 20, height: 4)) == Rect(x: 30, y: 10, width: 20, height: 4))
        #expect(Rect(x: 0, y: 0, width: 5, height: 1).centered(Size(width: 20, height: 4))
            == Rect(x: 0, y: 0, width: 5, height: 1))
    }

    @Test func intersectionOfDisjointRectanglesIsEmpty() {
        let a = Rect(x: 0, y: 0, width: 4, height: 4), b = Rect(x: 10, y: 10, width: 2, height: 2)
        #expect(a.intersection(b).isEmpty)
        #expect(a.intersection(Rect(x: 2, y: 1, width: 10, height: 1)) == Rect(x: 2, y: 1, width: 2, height: 1))
    }
}
