import Testing
@testable import TerminalUI

@Suite struct TextLayoutTests {
    @Test func truncationEndsWithTheEllipsisAndNeverSplitsAWideCharacter() {
        #expect(TextLayout.truncate("Merhaba dünya", toWidth: 8) == "Merhaba…")
        #expect(TextLayout.truncate("kısa", toWidth: 8) == "kısa")
        #expect(TextLayout.truncate("漢字漢字", toWidth: 4) == "漢…")
        #expect(TextLayout.truncate("abc", toWidth: 0) == "")
        #expect(TextLayout.truncate("abcdef", toWidth: 4, ellipsis: "...") == "a...")
        #expect(TextLayout.truncate("abcdef", toWidth: 2, ellipsis: "...") == "ab")
    }

    @Test func wrappingBreaksAtSpacesAndKeepsEveryWord() {
        let lines = TextLayout.wrap("Kişisel verileriniz yalnızca hizmet için işlenir.", width: 20)
        #expect(lines == ["Kişisel verileriniz", "yalnızca hizmet için", "işlenir."])
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 20 })
    }

    @Test func wrappingBreaksAWordLongerThanTheLine() {
        #expect(TextLayout.wrap("abcdefghij kl", width: 4) == ["abcd", "efgh", "ij", "kl"])
    }

    @Test func wrappingCountsWideCharactersAsTwoColumns() {
        #expect(TextLayout.wrap("漢字漢字漢", width: 5) == ["漢字", "漢字", "漢"])
    }

    @Test func wrappingKeepsLeadingIndentationAndEmptyParagraphs() {
        #expect(TextLayout.wrap("  indented text", width: 10) == ["  indented", "text"])
        #expect(TextLayout.wrap("", width: 10) == [""])
        #expect(TextLayout.wrap("anything", width: 0) == [])
        #expect(TextLayout.wrap("a  b", width: 1) == ["a", "b"])
    }

    @Test func paddingFillsToTheWidthInColumns() {
        #expect(TextLayout.pad("漢", toWidth: 4) == "漢  ")
        #expect(TextLayout.pad("toolong", toWidth: 3) == "toolong")
    }
}

@Suite struct CaseFoldingTests {
    @Test func turkishFoldsDottedAndDotlessIApart() {
        #expect(CaseFolding.turkish.fold("İSTANBUL") == "istanbul")
        #expect(CaseFolding.turkish.fold("ILIK") == "ılık")
        #expect(CaseFolding.turkish.fold("ÇĞÖŞÜ") == "çğöşü")
        #expect(CaseFolding.turkish.fold("I\u{307}zmir") == "izmir")
    }

    @Test func englishFoldsIToi() {
        #expect(CaseFolding.english.fold("ISTANBUL") == "istanbul")
        #expect(CaseFolding.english.fold("Privacy") == "privacy")
    }

    @Test func searchFindsEveryOccurrenceByGraphemeOffsets() {
        let text = Array("İstanbul ve istanbul, ISTANBUL değil")
        #expect(CaseFolding.turkish.ranges(of: "istanbul", in: text) == [0..<8, 12..<20])
        #expect(CaseFolding.english.ranges(of: "istanbul", in: text).count == 2, "en: I matches i, İ does not")
        #expect(CaseFolding.turkish.ranges(of: "ılık", in: Array("ILIK bir su")) == [0..<4])
        #expect(CaseFolding.turkish.ranges(of: "", in: text) == [])
        #expect(CaseFolding.turkish.ranges(of: "çok uzun bir arama metni burada", in: Array("kısa")) == [])
    }
}

@Suite struct LooseMatchTests {
    @Test func asciiQueriesFindTurkishNames() {
        #expect(LooseMatch.rank(of: "Çankaya", for: "cankaya") == .prefix)
        #expect(LooseMatch.rank(of: "İzmir", for: "izmir") == .prefix)
        #expect(LooseMatch.rank(of: "Iğdır", for: "igdir") == .prefix)
        #expect(LooseMatch.rank(of: "Şanlıurfa", for: "SANLI") == .prefix)
        #expect(LooseMatch.rank(of: "Muğla", for: "ğl") == .contained)
    }

    @Test func turkishQueriesFindTheSameNames() {
        #expect(LooseMatch.rank(of: "İzmir", for: "İZ") == .prefix)
        #expect(LooseMatch.rank(of: "Çankaya", for: "çan") == .prefix)
    }

    @Test func wordStartsRankBeforeOtherMatches() {
        #expect(LooseMatch.rank(of: "Afyon Karahisar", for: "kara") == .wordPrefix)
        #expect(LooseMatch.rank(of: "Ankara", for: "kara") == .contained)
        #expect(LooseMatch.rank(of: "Ankara", for: "xyz") == nil)
        #expect(LooseMatch.rank(of: "Ankara", for: "") == .prefix)
    }
}
