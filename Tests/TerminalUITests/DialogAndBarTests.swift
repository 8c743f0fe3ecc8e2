import Testing
@testable import TerminalUI

@Suite struct DialogTests {
    @Test func buttonsCycleWithArrowsAndTabAndEnterChooses() {
        var dialog = Dialog.confirm(title: "Kaydet", message: "Değişiklikler kaydedilsin mi?", yes: "Evet", no: "Hayır")
        #expect(dialog.focusedButton == 0)
        #expect(dialog.handle(.right) == .handled)
        #expect(dialog.focusedButton == 1)
        _ = dialog.handle(.tab)
        #expect(dialog.focusedButton == 0)
        _ = dialog.handle(.left)
        #expect(dialog.focusedButton == 1)
        _ = dialog.handle(.backTab)
        #expect(dialog.focusedButton == 0)
        #expect(dialog.handle(.enter) == .activated)
        #expect(dialog.handle(.escape) == .cancelled)
        #expect(dialog.cancelButton == 1)
        #expect(dialog.handle(.character("x")) == .handled, "a dialog is modal")
    }

    @Test func aConfirmDialogIsCentredBoxedAndShowsTheFocusInText() {
        let dialog = Dialog.confirm(title: "Kaydet", message: "Değişiklikler kaydedilsin mi?", yes: "Evet", no: "Hayır")
        var canvas = Canvas(size: Size(width: 40, height: 9))
        let cursor = dialog.render(in: canvas.bounds, into: &canvas)
        let lines = canvas.lines()
        #expect(lines.contains { $0.contains("┌ Kaydet ─") })
        #expect(lines.contains { $0.contains("│ Değişiklikler kaydedilsin mi? │") })
        #expect(lines.contains { $0.contains("< Evet >   Hayır  ") })
        let buttonRow = lines.firstIndex { $0.contains("< Evet >") }!
        #expect(cursor?.y == buttonRow)
        #expect(canvas.roles(row: buttonRow)[cursor!.x] == .selection)
    }

    @Test func anErrorCarriesTheErrorMarkerInItsTitle() {
        let dialog = Dialog.error(title: "Hata", message: "Sunucuya ulaşılamadı.", ok: "Tamam")
        var canvas = Canvas(size: Size(width: 40, height: 8))
        dialog.render(in: canvas.bounds, into: &canvas)
        #expect(canvas.lines().contains { $0.contains("┌ ✗ Hata ─") })
        var ascii = Canvas(size: Size(width: 40, height: 8), glyphs: .ascii)
        dialog.render(in: ascii.bounds, into: &ascii)
        #expect(ascii.lines().contains { $0.contains("+ ! Hata -") })
        var warning = Canvas(size: Size(width: 40, height: 8))
        Dialog(kind: .warning, title: "Dikkat", message: "Kaydedilmemiş değişiklikler var.", buttons: ["Çık", "Kal"])
            .render(in: warning.bounds, into: &warning)
        #expect(warning.lines().contains { $0.contains("┌ ! Dikkat ─") })
    }

    @Test func aLongMessageWrapsAndSmallScreensClipTheDialog() {
        let dialog = Dialog.info(title: "Bilgi", message: String(repeating: "uzun bir mesaj ", count: 20), ok: "Tamam")
        var canvas = Canvas(size: Size(width: 30, height: 10))
        dialog.render(in: canvas.bounds, into: &canvas)
        #expect(canvas.lines().allSatisfy { DisplayWidth.of($0) == 30 })
        #expect(canvas.lines()[0].hasPrefix("┌ Bilgi "))
        #expect(canvas.lines()[9].hasPrefix("└"))
        for size in [Size.zero, Size(width: 1, height: 1), Size(width: 4, height: 3)] {
            var tiny = Canvas(size: size)
            dialog.render(in: tiny.bounds, into: &tiny)
            #expect(tiny.lines().count == size.height)
        }
    }
}

@Suite struct BarTests {
    @Test func theTitleBarPutsTheCustomerOnTheRight() {
        var canvas = Canvas(size: Size(width: 51, height: 1))
        TitleBar(title: "Haker Panel — 3 · Fatura adresi", right: "Ayşe Yılmaz · TR")
            .render(in: canvas.bounds, into: &canvas)
        #expect(canvas.lines() == [" Haker Panel — 3 · Fatura adresi  Ayşe Yılmaz · TR "])
        #expect(canvas.roles(row: 0).allSatisfy { $0 == .title })
    }

    @Test func aNarrowTitleBarDropsTheRightPartThenTruncates() {
        var canvas = Canvas(size: Size(width: 20, height: 1))
        TitleBar(title: "Haker Panel — 3 · Fatura adresi", right: "Ayşe").render(in: canvas.bounds, into: &canvas)
        #expect(canvas.lines() == [" Haker Panel — 3 ·… "])
    }

    @Test func anAccentFollowsTheTitle() {
        var canvas = Canvas(size: Size(width: 24, height: 1))
        TitleBar(title: "Haker Panel", accent: "DEMO").render(in: canvas.bounds, into: &canvas)
        #expect(canvas.lines() == [" Haker Panel DEMO       "])
        #expect(canvas.roles(row: 0)[13] == .titleAccent)
    }

    @Test func theSpinnerFollowsTheClockAndAsksForTheNextFrame() {
        let start = ContinuousClock.now
        let spinner = Spinner(startedAt: start)
        #expect(spinner.frameIndex(at: start) == 0)
        #expect(spinner.frameIndex(at: start + .milliseconds(250)) == 2)
        #expect(spinner.nextDeadline(after: start + .milliseconds(250)) == start + .milliseconds(300))
        var canvas = Canvas(size: Size(width: 12, height: 1))
        spinner.render(at: start + .milliseconds(100), label: "Yükleniyor", in: canvas.bounds, into: &canvas)
        #expect(canvas.lines() == ["⠙ Yükleniyor"])
        var ascii = Canvas(size: Size(width: 3, height: 1), glyphs: .ascii)
        spinner.render(at: start + .milliseconds(100), in: ascii.bounds, into: &ascii)
        #expect(ascii.lines() == ["/  "])
    }

    @Test func belowTheMinimumSizeANoticeReplacesTheScreen() {
        let minimum = MinimumSize()
        var small = Canvas(size: Size(width: 30, height: 5))
        #expect(minimum.renderNotice(into: &small) { "Pencereyi en az 80x24 yapın (şu an \($0))." })
        let text = small.lines().joined(separator: " ")
        #expect(text.contains("Pencereyi en az 80x24"))
        #expect(text.contains("30x5"))
        var large = Canvas(size: Size(width: 80, height: 24))
        #expect(!minimum.renderNotice(into: &large) { _ in "unused" })
        var none = Canvas(size: .zero)
        #expect(minimum.renderNotice(into: &none) { "\($0)" })
    }

    @Test func theHelpOverlayListsEveryBindingOfTheKeymap() {
        enum Action: Sendable { case help, quit, hidden }
        let keymap = Keymap<Action>([
            KeyBinding([.function(1)], label: "F1", hint: "Yardım", help: "Bu yardımı gösterir", action: .help),
            KeyBinding([.function(10)], label: "F10", hint: "Çıkış", help: "Panelden çıkar", action: .quit),
            KeyBinding([.ctrl("l")], label: "Ctrl-L", hint: "", help: "Ekranı yeniden çizer", priority: .helpOnly,
                       action: .hidden),
        ])
        var canvas = Canvas(size: Size(width: 50, height: 12))
        HelpOverlay.render(keymap, title: "Yardım", footer: "Esc: kapat", in: canvas.bounds, into: &canvas)
        let lines = canvas.lines()
        #expect(lines.contains { $0.contains("F1      Bu yardımı gösterir") })
        #expect(lines.contains { $0.contains("F10     Panelden çıkar") })
        #expect(lines.contains { $0.contains("Ctrl-L  Ekranı yeniden çizer") })
        #expect(lines.contains { $0.contains("Esc: kapat") })
        var tiny = Canvas(size: Size(width: 30, height: 6))
        HelpOverlay.render(keymap, title: "Yardım", footer: "Esc: kapat", in: tiny.bounds, into: &tiny)
        #expect(tiny.lines().contains { $0.contains("…") })
    }

    @Test func aHelpTooLongForTheBoxWrapsUnderItselfAndLosesNoWord() {
        let keymap = Keymap<Int>([
            KeyBinding([.character("/")], label: "/", hint: "Ara",
                       help: "Metinde ara (büyük/küçük harf ve İ/ı farkı gözetmez); Enter arar, Esc kapatır", action: 1),
        ])
        var canvas = Canvas(size: Size(width: 40, height: 12))
        HelpOverlay.render(keymap, title: "Yardım", footer: "Esc: kapat", in: canvas.bounds, into: &canvas)
        let lines = canvas.lines()
        #expect(!lines.joined().contains("…"))
        #expect(lines.contains { $0.contains("│ /  Metinde ara") })
        #expect(lines.contains { $0.contains("kapatır") })
        // The continuation lines sit under the help text, not under the label.
        let continued = lines.filter { $0.contains("gözetmez") || $0.contains("kapatır") }
        #expect(continued.allSatisfy { $0.contains("│    ") })
    }
}

@Suite struct ThemeTests {
    @Test func noColorMeansMonochrome() {
        #expect(Theme.colourDisabled(environment: "1", flag: false))
        #expect(!Theme.colourDisabled(environment: "", flag: false), "NO_COLOR set but empty does not count")
        #expect(!Theme.colourDisabled(environment: nil, flag: false))
        #expect(Theme.colourDisabled(environment: nil, flag: true))
        #expect(Theme.choose(colours: 256, colourDisabled: true).kind == .monochrome)
        #expect(Theme.choose(colours: 0, colourDisabled: false).kind == .monochrome)
        #expect(Theme.choose(colours: 8, colourDisabled: false).kind == .colour8)
        #expect(Theme.choose(colours: 256, colourDisabled: false).kind == .colour256)
    }

    @Test func monochromeUsesNoColourAndGivesEveryMeaningAnAttribute() {
        let theme = Theme.monochrome
        for role in Role.allCases {
            #expect(theme[role].foreground == .default && theme[role].background == .default)
        }
        let meaningful: [Role] = [.title, .footer, .keyHint, .field, .fieldFocused, .selection, .selectionUnfocused,
                                  .error, .warning, .success, .locked, .searchMatch, .searchCurrent, .badge, .heading]
        for role in meaningful { #expect(!theme[role].attributes.isEmpty, "\(role)") }
        #expect(theme[.field] != theme[.fieldFocused])
        #expect(theme[.selection] != theme[.selectionUnfocused])
        #expect(theme[.searchMatch] != theme[.searchCurrent])
    }

    @Test func colourThemesNeverRelyOnColourAloneForFocusAndErrors() {
        for theme in [Theme.colour8, Theme.colour256] {
            for role: Role in [.fieldFocused, .selection, .error, .warning, .success, .searchCurrent] {
                #expect(!theme[role].attributes.isEmpty, "\(theme.kind) \(role)")
            }
        }
    }

    @Test func glyphsFallBackToAsciiWithoutUTF8OrLineDrawing() {
        #expect(Glyphs.choose(localeIsUTF8: true, terminalDrawsLines: true) == .unicode)
        #expect(Glyphs.choose(localeIsUTF8: false, terminalDrawsLines: true) == .ascii)
        #expect(Glyphs.choose(localeIsUTF8: true, terminalDrawsLines: false) == .ascii)
        for character in [Glyphs.ascii.horizontal, Glyphs.ascii.topLeft, Glyphs.ascii.mask, Glyphs.ascii.error] {
            #expect(character.isASCII)
        }
        #expect(Glyphs.ascii.spinnerFrames.allSatisfy { $0.allSatisfy(\.isASCII) })
    }
}
