import Testing
@testable import TerminalUI

@Suite struct PagerTests {
    static let policy = """
        # Gizlilik Politikası

        Haker, **kişisel verilerinizi** yalnızca hizmet için işler. İSTANBUL merkezli
        sunucularımızda saklanır.

        - Kart bilgileri saklanmaz; ödemeler bankanın sanal POS'u üzerinden yapılır.
        - Bülten için [buradan](https://haker.example/ret) ret verebilirsiniz.

        1. ılık bir sabah
        2. ILIK bir akşam
        """

    private func pager(_ text: String = policy, width: Int = 40, height: Int = 8,
                       folding: CaseFolding = .turkish) -> Pager {
        var pager = Pager(markdown: text, folding: folding)
        pager.resize(to: Size(width: width, height: height))
        return pager
    }

    private func screen(
        _ pager: Pager, width: Int = 40, height: Int = 8
    ) -> (lines: [String], canvas: Canvas, cursor: Point?) {
        var canvas = Canvas(size: Size(width: width, height: height))
        let cursor = pager.render(in: canvas.bounds, into: &canvas)
        return (canvas.lines(), canvas, cursor)
    }

    @Test func markdownIsWrappedAndRenderedPlainly() {
        let pager = pager()
        let lines = screen(pager).lines
        #expect(lines[0].hasPrefix("Gizlilik Politikası"))
        #expect(lines[2].hasPrefix("Haker, kişisel verilerinizi yalnızca"))
        #expect(lines[3].hasPrefix("hizmet için işler. İSTANBUL merkezli"))
        #expect(lines[6].hasPrefix("• Kart bilgileri saklanmaz; ödemeler"))
        #expect(lines[7].hasSuffix(" 1-7/15 46%"), "the last row shows the position")
        #expect(screen(pager).canvas.roles(row: 0)[0] == .heading)
        #expect(pager.paragraphs.contains { String($0.characters).contains("buradan (https://haker.example/ret)") })
    }

    @Test func bulletsAndNumbersGetAHangingIndent() {
        var pager = pager()
        _ = pager.handle(.character("G"))
        let lines = screen(pager).lines
        #expect(lines.contains { $0.hasPrefix("• Bülten için buradan") })
        #expect(lines.contains { $0.hasPrefix("  (https://haker.example/ret) ret") })
        #expect(lines.contains { $0.hasPrefix("1. ılık bir sabah") })
    }

    @Test func scrollingKeysStayWithinTheText() {
        var pager = pager()
        #expect(pager.handle(.up) == .handled)
        #expect(pager.top == 0)
        _ = pager.handle(.down)
        #expect(pager.top == 1)
        _ = pager.handle(.end)
        let last = pager.top
        #expect(last == pager.lineCount - 7)
        _ = pager.handle(.pageDown)
        #expect(pager.top == last)
        _ = pager.handle(.home)
        #expect(pager.top == 0)
        _ = pager.handle(.character(" "))
        #expect(pager.top == 6)
        #expect(pager.handle(.character("q")) == .ignored)
        #expect(pager.handle(.escape) == .ignored)
    }

    @Test func slashOpensAPromptWhereEnterSearches() {
        var pager = pager()
        #expect(pager.handle(.character("/")) == .handled)
        for character in "sunucu" { #expect(pager.handle(.character(character)) == .changed) }
        let prompting = screen(pager)
        #expect(prompting.lines[7].hasPrefix("/sunucu"))
        #expect(prompting.cursor == Point(x: 7, y: 7))
        #expect(pager.handle(.enter) == .handled)
        #expect(pager.prompt == nil)
        #expect(pager.matches.count == 1)
        let found = screen(pager)
        let row = found.lines.firstIndex { $0.contains("sunucularımızda") }!
        let column = DisplayWidth.of(String(found.lines[row].prefix { $0 != "s" }))
        #expect(found.canvas.roles(row: row)[column] == .searchCurrent)
        #expect(found.cursor == nil)
    }

    @Test func turkishSearchFoldsDottedAndDotlessI() {
        var pager = pager()
        pager.search("istanbul")
        #expect(pager.matches.count == 1)
        pager.search("ILIK")
        #expect(pager.matches.count == 2, "ılık and ILIK")
        pager.search("ılık")
        #expect(pager.matches.count == 2)
        pager.search("Istanbul")
        #expect(pager.matches.isEmpty, "in Turkish I is ı, which İSTANBUL does not contain")
    }

    @Test func englishSearchFoldsIToi() {
        var pager = pager("ISTANBUL and istanbul; İSTANBUL too", folding: .english)
        pager.search("Istanbul")
        #expect(pager.matches.count == 2)
    }

    @Test func nextAndPreviousWrapAroundWithAMessage() {
        var pager = pager(String(repeating: "satır\n\n", count: 30) + "kelime son\n" + "kelime ilk", height: 6)
        pager.search("kelime")
        #expect(pager.currentMatch == 0)
        _ = pager.handle(.character("n"))
        #expect(pager.currentMatch == 1)
        _ = pager.handle(.character("n"))
        #expect(pager.currentMatch == 0)
        #expect(screen(pager, height: 6).lines[5].contains("Search wrapped"))
        _ = pager.handle(.character("N"))
        #expect(pager.currentMatch == 1)
        _ = pager.handle(.down)
        #expect(pager.message == nil, "a message lasts until the next key")
    }

    @Test func aSearchThatFindsNothingSaysSo() {
        var pager = pager()
        pager.strings = PagerStrings(notFound: { "Bulunamadı: \($0)" }, wrapped: "Başa dönüldü",
                                     position: Pager.linesAndPercent)
        pager.search("yokböyleşey")
        #expect(pager.matches.isEmpty)
        #expect(screen(pager).lines[7].hasPrefix("! Bulunamadı: yokböyleşey"))
    }

    @Test func escClosesThePromptAndEnterWithNothingRepeatsTheLastSearch() {
        var pager = pager()
        _ = pager.handle(.character("/"))
        #expect(pager.handle(.escape) == .handled)
        #expect(pager.prompt == nil)
        pager.search("bir")
        _ = pager.handle(.character("/"))
        _ = pager.handle(.enter)
        #expect(pager.query == "bir")
        #expect(pager.matches.count == 2)
    }

    @Test func resizingRewrapsAndKeepsThePlace() {
        var pager = pager()
        _ = pager.handle(.end)
        let before = pager.paragraphs[3]
        pager.resize(to: Size(width: 20, height: 8))
        let lines = screen(pager, width: 20).lines
        #expect(lines.allSatisfy { DisplayWidth.of($0) == 20 })
        #expect(pager.lineCount > 10)
        #expect(before == pager.paragraphs[3])
    }

    @Test func aMatchAcrossALineBreakIsHighlightedOnBothLines() {
        var pager = Pager(plainText: "kişisel veriler korunur", folding: .turkish)
        pager.resize(to: Size(width: 10, height: 4))
        pager.search("veriler korunur")
        var canvas = Canvas(size: Size(width: 10, height: 4))
        pager.render(in: canvas.bounds, into: &canvas)
        #expect(canvas.lines()[0...2] == ["kişisel   ", "veriler   ", "korunur   "])
        #expect(canvas.roles(row: 0)[0] == .normal)
        #expect(canvas.roles(row: 1)[0...6].allSatisfy { $0 == .searchCurrent })
        #expect(canvas.roles(row: 2)[0...6].allSatisfy { $0 == .searchCurrent })
        #expect(canvas.roles(row: 2)[7] == .normal)
    }

    @Test func withNoRoomForTextTheFirstLineShownIsStillALine() {
        var pager = pager(height: 1)
        _ = pager.handle(.end)
        #expect(pager.top == pager.lineCount - 1)
        #expect(pager.firstParagraphShown != nil)
    }

    @Test func tinySizesNeverTrap() {
        var pager = pager()
        for size in [Size.zero, Size(width: 1, height: 1), Size(width: 1, height: 4), Size(width: 3, height: 2)] {
            pager.resize(to: size)
            _ = pager.handle(.end)
            pager.search("i")
            var canvas = Canvas(size: size)
            pager.render(in: canvas.bounds, into: &canvas)
            #expect(canvas.lines().count == size.height)
        }
    }
}
