#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PanelClient
import PanelModels
import TerminalUI

/// 1 My data: everything stored about the customer (`GET /v1/me/data`) as one long document in a
/// pager — the stored fields first, then every category with why and for how long, the message
/// preferences, the change log, the IP log, the support threads, the sessions, and what is not
/// stored. `/` searches (the Turkish way in Turkish), `n`/`N` step through matches, Tab and
/// Shift-Tab jump between sections, F3 rebuilds the same report in the other language. `e`
/// exports the report to a JSON file: the path is asked (pre-filled, editable), an existing file
/// is never overwritten without asking, and the full path written is shown.
public struct MyDataScreen: PanelScreen {
    enum Action {
        case export, search, next, nextSection, previousSection, scroll, reload, back
    }

    /// What the status line says when the pager has nothing to say.
    enum Note: Equatable {
        case loadFailed(APIFailure)
        case loadCancelled
        case exported(path: String)
    }

    private(set) var report: DataReport?
    private(set) var document: MyDataDocument?
    private(set) var pager: Pager?
    private(set) var note: Note?
    private(set) var export: ExportPrompt?
    /// The language of the texts kept in state (the status line has no context to ask).
    private var language: Language = .tr

    public init() {}

    static func keymap(_ s: Strings) -> Keymap<Action> {
        Keymap([
            KeyBinding([.character("e")], label: "e", hint: s.exportHint, help: s.exportHelp, priority: .high,
                       action: .export),
            KeyBinding([.character("/")], label: "/", hint: s.search, help: s.searchHelp, priority: .high,
                       action: .search),
            KeyBinding([.tab], label: "Tab", hint: s.sectionHint, help: s.sectionHelp, priority: .normal,
                       action: .nextSection),
            KeyBinding([.backTab], label: "S-Tab", hint: s.sectionHint, help: s.previousSectionHelp,
                       priority: .helpOnly, action: .previousSection),
            KeyBinding([.character("n"), .character("N")], label: "n/N", hint: s.nextMatch, help: s.nextMatchHelp,
                       priority: .low, action: .next),
            KeyBinding([.up, .down, .pageUp, .pageDown, .home, .end, .character(" ")], label: "↑↓", hint: s.scroll,
                       help: s.scrollHelp, priority: .low, action: .scroll),
            KeyBinding([.character("r")], label: "r", hint: s.retry, help: s.reloadDataHelp, priority: .low,
                       action: .reload),
            KeyBinding([.escape, .character("q")], label: "Esc", hint: s.back, help: s.backHelp, priority: .normal,
                       action: .back),
        ])
    }

    public func keyHints(_ context: ScreenContext) -> [KeyHint] {
        let s = context.strings
        if let export {
            switch export.phase {
            case .askingToOverwrite:
                return [KeyHint(label: "←→", text: s.select, priority: 2), KeyHint(label: "Enter", text: s.ok, priority: 3)]
            case .written:
                return [KeyHint(label: "Enter", text: s.ok, priority: 3)]
            case .editing, .downloading, .writing:
                return [KeyHint(label: "Enter", text: s.save, priority: 3),
                        KeyHint(label: "Esc", text: s.cancel, priority: 3)]
            }
        }
        let loaded = pager != nil
        let failed = note == .loadCancelled || { if case .loadFailed? = note { true } else { false } }()
        return Self.keymap(s).hints.filter { hint in
            switch hint.label {
            case "r": failed
            case "/", "Tab", "n/N", "↑↓": loaded
            default: true
            }
        }
    }

    public func helpEntries(_ context: ScreenContext) -> [(label: String, help: String)] {
        Self.keymap(context.strings).helpEntries + [("Enter", context.strings.exportEnterHelp)]
    }

    public var isEditingText: Bool { pager?.prompt != nil || export != nil }

    public var status: StatusLine? {
        // The pager says "not found" and "wrapped" in its own last row.
        let s = Strings(language)
        switch note {
        case .loadFailed(let failure)?: return .error(failure.message(in: language) + " " + s.pressRToRetryShort)
        case .loadCancelled?: return .warning(s.loadCancelled)
        case .exported(let path)?: return .success(s.exported(path))
        case nil: return nil
        }
    }

    public func busyText(_ context: ScreenContext) -> String {
        export?.phase == .downloading ? context.strings.exporting : context.strings.loadingData
    }

    // MARK: - Loading

    public mutating func open(_ context: ScreenContext) -> [Effect] {
        language = context.language
        if case .loadFailed? = note { note = nil }
        if note == .loadCancelled { note = nil }
        return [.call(.dataReport)]
    }

    public mutating func languageChanged(_ context: ScreenContext) -> [Effect] {
        language = context.language
        rebuild(context)
        return []
    }

    public mutating func resized(_ context: ScreenContext) {
        pager?.resize(to: Self.pagerSize(context.bodySize))
    }

    /// The pager takes the body less the document's title row and its rule.
    static func pagerSize(_ body: Size) -> Size {
        Size(width: max(0, body.width - 4), height: max(0, body.height - 2))
    }

    /// Lays the report out again (loaded, reloaded, or in the other language), keeping the reader
    /// at the same paragraph.
    private mutating func rebuild(_ context: ScreenContext) {
        guard let report else { return }
        let place = pager?.firstParagraphShown
        let document = MyDataDocument(report: report, strings: context.strings)
        var pager = Pager(paragraphs: document.paragraphs, folding: context.language == .tr ? .turkish : .english,
                          strings: context.strings.pagerStrings)
        pager.resize(to: Self.pagerSize(context.bodySize))
        if let place { pager.scroll(toParagraph: min(place, document.paragraphs.count - 1)) }
        self.document = document
        self.pager = pager
    }

    // MARK: - Keys

    public mutating func handle(_ key: Key, _ context: ScreenContext) -> KeyResult {
        language = context.language
        if export != nil { return handleExport(key, context) }
        if var pager, pager.prompt != nil {
            _ = pager.handle(key)
            self.pager = pager
            return .done
        }
        switch Self.keymap(context.strings).action(for: key) {
        case .export?:
            export = ExportPrompt(path: defaultExportPath(context))
            return .done
        case .reload? where !context.isBusy:
            return .handled(open(context))
        case .nextSection?, .previousSection?:
            jumpToSection(forward: key == .tab)
            return .done
        case .back?:
            return .ignored
        default:
            guard var pager else { return .ignored }
            let outcome = pager.handle(key)
            self.pager = pager
            return outcome == .ignored ? .ignored : .done
        }
    }

    private mutating func jumpToSection(forward: Bool) {
        guard var pager, let document, let here = pager.firstParagraphShown else { return }
        let target = forward ? document.sections.first { $0 > here } : document.sections.last { $0 < here }
        guard let target else { return }
        pager.scroll(toParagraph: target)
        self.pager = pager
    }

    /// `~/haker-panel-verilerim-HK-100231-2026-11-25.json` (the date in Turkey, year first so
    /// that exports sort by date).
    func defaultExportPath(_ context: ScreenContext) -> String {
        let number = report?.customerNumber ?? context.overview?.customerNumber
        let date = context.wallClock.turkeyDate.split(separator: ".").reversed().joined(separator: "-")
        return "~/" + context.strings.exportFileName(customerNumber: number, date: date)
    }

    // MARK: - Replies

    public mutating func receive(_ incoming: Incoming, _ context: ScreenContext) -> [Effect] {
        language = context.language
        switch incoming {
        case .reply(.dataReport, .dataReport(.success(let report, _))):
            self.report = report
            if case .exported? = note {} else { note = nil }
            rebuild(context)
        case .reply(.dataReport, .dataReport(let result)):
            if let failure = result.failure { note = .loadFailed(failure) }
        case .cancelled(.dataReport):
            note = .loadCancelled
        case .reply(.dataExport, .dataExport(let result)):
            return exportDownloaded(result, context)
        case .cancelled(.dataExport):
            export?.phase = .editing
            export?.problem = .cancelled
        case .fileWritten(let path, let error):
            return fileWritten(path: path, error: error)
        default:
            break
        }
        return []
    }

    // MARK: - Drawing

    public func render(in body: Rect, into canvas: inout Canvas, _ context: ScreenContext) -> Point? {
        let s = context.strings
        let content = body.inset(top: 0, left: 2, bottom: 0, right: 2)
        var cursor: Point?
        if let report, let pager {
            // The customer number and when the report was made; "as of" only where it fits.
            let titleWidth = DisplayWidth.of(s.myDataTitle) + 2
            let when = report.generatedAt.turkeyDisplay
            let full = report.customerNumber + " · " + s.reportTime(when)
            let right = DisplayWidth.of(full) + titleWidth <= content.width ? full : report.customerNumber + " · " + when
            let rightWidth = min(DisplayWidth.of(right), max(0, content.width - titleWidth))
            canvas.write(s.myDataTitle, in: content.top(1).droppingRight(rightWidth + 2), role: .heading)
            canvas.write(right, in: content.top(1).right(rightWidth), role: .muted, alignment: .right)
            canvas.drawHorizontalLine(in: content.droppingTop(1).top(1))
            cursor = pager.render(in: content.droppingTop(2).top(Self.pagerSize(body.size).height), into: &canvas)
        } else {
            // Not loaded yet, or the load failed: the reason in full (the status line may cut it).
            canvas.write(s.myDataTitle, in: content.top(1), role: .heading)
            let text: String
            switch note {
            case .loadFailed(let failure)?:
                let used = canvas.putWrapped("\(canvas.glyphs.error) " + failure.message(in: context.language),
                                            in: content.droppingTop(2).top(4), role: .error)
                canvas.write(s.pressRToRetry, in: content.droppingTop(3 + used).top(1), role: .normal)
                text = ""
            case .loadCancelled?: text = s.loadCancelled
            default: text = s.loadingData
            }
            canvas.putWrapped(text, in: content.droppingTop(2).top(2), role: .muted)
        }
        if let export {
            cursor = export.render(in: body, into: &canvas, context)
        }
        return cursor
    }
}

// MARK: - Export

extension MyDataScreen {
    /// The export prompt: the path, what went wrong last, and where the export is.
    struct ExportPrompt {
        enum Phase: Equatable {
            /// The customer edits the path.
            case editing
            /// `GET /v1/me/data/export` is in flight.
            case downloading
            /// The shell is writing `data` to `path`.
            case writing(path: String, data: Data)
            /// The file exists: overwrite it with `data`?
            case askingToOverwrite(Dialog, path: String, data: Data)
            /// Written: the full path, in a box of its own (the status line is too short for it).
            case written(Dialog)
        }

        enum Problem: Equatable {
            case emptyPath
            case cancelled
            case download(APIFailure)
            case write(FileWriteError)
        }

        var path: TextField
        var phase = Phase.editing
        var problem: Problem?

        init(path: String) {
            self.path = TextField(path)
        }

        var isAskingToOverwrite: Bool {
            if case .askingToOverwrite = phase { return true }
            return false
        }

        /// The path the file goes to: `~` is the home folder, and a path that does not start with
        /// `/` is taken inside the home folder too (never the folder the panel happened to start in).
        static func resolve(_ typed: String, home: String) -> String {
            let trimmed = String(typed.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
            guard !trimmed.isEmpty else { return "" }
            let expanded = FileOutput.expandingTilde(trimmed, home: home)
            if expanded.hasPrefix("/") { return expanded }
            return (home.hasSuffix("/") ? home : home + "/") + expanded
        }
    }

    private mutating func handleExport(_ key: Key, _ context: ScreenContext) -> KeyResult {
        guard var prompt = export else { return .ignored }
        defer { if export != nil { export = prompt } }
        switch prompt.phase {
        case .downloading, .writing:
            return .done
        case .written(var dialog):
            switch dialog.handle(key) {
            case .activated, .cancelled: export = nil
            default: prompt.phase = .written(dialog)
            }
            return .done
        case .askingToOverwrite(var dialog, let path, let data):
            switch dialog.handle(key) {
            case .activated where dialog.focusedButton == 0:
                prompt.phase = .writing(path: path, data: data)
                return .handled([.writeFile(path: path, data: data, overwrite: true)])
            case .activated, .cancelled:
                prompt.phase = .editing
                prompt.problem = nil
            default:
                prompt.phase = .askingToOverwrite(dialog, path: path, data: data)
            }
            return .done
        case .editing:
            switch key {
            case .escape:
                export = nil
                return .done
            case .enter:
                guard !ExportPrompt.resolve(prompt.path.text, home: context.homeDirectory).isEmpty else {
                    prompt.problem = .emptyPath
                    return .done
                }
                prompt.phase = .downloading
                prompt.problem = nil
                return .handled([.call(.dataExport)])
            default:
                if prompt.path.handle(key) == .changed { prompt.problem = nil }
                return .done
            }
        }
    }

    private mutating func exportDownloaded(_ result: APIResult<Data>, _ context: ScreenContext) -> [Effect] {
        guard var prompt = export else { return [] }
        defer { export = prompt }
        guard case .success(let data, _) = result else {
            prompt.phase = .editing
            if let failure = result.failure { prompt.problem = .download(failure) }
            return []
        }
        // Keys are held while the export downloads: the path is the one the customer confirmed.
        let path = ExportPrompt.resolve(prompt.path.text, home: context.homeDirectory)
        prompt.phase = .writing(path: path, data: data)
        return [.writeFile(path: path, data: data, overwrite: false)]
    }

    private mutating func fileWritten(path: String, error: FileWriteError?) -> [Effect] {
        guard var prompt = export, case .writing(_, let data) = prompt.phase else { return [] }
        switch error {
        case nil:
            let s = Strings(language)
            prompt.phase = .written(.info(title: s.exportedTitle, message: s.exported(path), ok: s.ok))
            note = .exported(path: path)
        case .exists?:
            let s = Strings(language)
            let dialog = Dialog(kind: .warning, title: s.overwriteTitle, message: s.overwriteQuestion(path),
                                buttons: [s.overwrite, s.no], focusedButton: 1, cancelButton: 1)
            prompt.phase = .askingToOverwrite(dialog, path: path, data: data)
        case let error?:
            prompt.phase = .editing
            prompt.problem = .write(error)
        }
        export = prompt
        return []
    }
}

// MARK: - Drawing the export prompt

extension MyDataScreen.ExportPrompt {
    /// A box in the middle of the body: what will happen, the path (editable), the full path it
    /// stands for, what went wrong last, and the keys; the overwrite question over it.
    func render(in body: Rect, into canvas: inout Canvas, _ context: ScreenContext) -> Point? {
        if case .written(let dialog) = phase { return dialog.render(in: body.inset(horizontal: 2), into: &canvas) }
        let s = context.strings
        let width = min(76, max(0, body.width - 4))
        let innerWidth = max(1, width - 4)
        let introLines = TextLayout.wrap(s.exportIntro, width: innerWidth).count
        let box = body.centered(Size(width: width, height: min(body.height, introLines + 9)))
        guard !box.isEmpty else { return nil }
        canvas.fill(box, role: .dialog)
        canvas.drawBox(box, role: .dialog, title: s.exportTitle, titleRole: .dialogTitle)
        let area = box.inset(top: 1, left: 2, bottom: 1, right: 2)
        canvas.putWrapped(s.exportIntro, in: area.top(introLines), role: .dialog)

        let fieldRow = area.droppingTop(introLines + 1).top(1)
        let editing = phase == .editing
        canvas.put("[", at: fieldRow.origin, role: .border, clip: fieldRow)
        var cursor = path.render(in: fieldRow.inset(horizontal: 1), into: &canvas, focused: editing)
        canvas.put("]", at: Point(x: fieldRow.maxX - 1, y: fieldRow.y), role: .border, clip: fieldRow)
        let resolved = Self.resolve(path.text, home: context.homeDirectory)
        if !resolved.isEmpty {
            canvas.putWrapped(s.fullPath(resolved), in: Rect(x: area.x + 1, y: fieldRow.y + 1, width: area.width - 2,
                                                             height: 2), role: .dialog)
        }
        if let problem {
            let rows = Rect(x: area.x, y: fieldRow.y + 3, width: area.width, height: 2)
            let marker = problem == .cancelled ? canvas.glyphs.warning : canvas.glyphs.error
            canvas.putWrapped("\(marker) " + message(problem, s), in: rows, role: problem == .cancelled ? .warning : .error)
        }
        canvas.write("Enter: " + s.save + "   Esc: " + s.cancel, in: area.bottom(1), role: .muted)
        if case .askingToOverwrite(let dialog, _, _) = phase {
            cursor = dialog.render(in: body.inset(horizontal: 2), into: &canvas)
        }
        return editing || isAskingToOverwrite ? cursor : nil
    }

    private func message(_ problem: Problem, _ s: Strings) -> String {
        switch problem {
        case .emptyPath: s.enterAPath
        case .cancelled: s.exportCancelled
        case .download(let failure): failure.message(in: s.language)
        case .write(let error): error.message(in: s.language)
        }
    }
}

// MARK: - Words

extension Strings {
    var myDataTitle: String { pick("Sizinle ilgili sakladığımız veriler", "The data we keep about you") }
    func reportTime(_ when: String) -> String { pick("\(when) itibarıyla", "as of \(when)") }
    var loadingData: String { pick("Verileriniz yükleniyor…", "Loading your data…") }
    var pressRToRetryShort: String { pick("Yeniden denemek için r.", "Press r to try again.") }
    var reloadDataHelp: String { pick("Verileri yeniden yükle", "Load the data again") }
    var sectionHint: String { pick("Bölüm", "Section") }
    var sectionHelp: String { pick("Sonraki bölüme geç (Tab)", "Jump to the next section (Tab)") }
    var previousSectionHelp: String { pick("Önceki bölüme dön (Shift-Tab)", "Back to the previous section (Shift-Tab)") }

    var exportHint: String { pick("Dışa aktar", "Export") }
    var exportHelp: String {
        pick("Bütün verilerinizi bir JSON dosyasına kaydedin; dosyanın yolunu siz seçersiniz",
             "Save all your data to a JSON file; you choose where")
    }
    var exportEnterHelp: String {
        pick("Dışa aktarma kutusunda: Enter kaydeder, Esc vazgeçer", "In the export box: Enter saves, Esc cancels")
    }
    var exportTitle: String { pick("Verilerimi dışa aktar", "Export my data") }
    var exportIntro: String {
        pick("Sakladığımız bütün verileriniz, sunucudan geldiği haliyle bir JSON dosyasına yazılacak. Dosyayı "
             + "yalnızca siz okuyabilirsiniz (izin 0600); var olan bir dosyanın üzerine sormadan yazılmaz.",
             "Everything we keep about you will be written, exactly as the server sends it, to a JSON file that "
             + "only you can read (mode 0600). An existing file is never overwritten without asking.")
    }
    /// The suggested file name; without a customer number when it is not known yet.
    func exportFileName(customerNumber: String?, date: String) -> String {
        let number = customerNumber.map { "-" + $0 } ?? ""
        return pick("haker-panel-verilerim", "haker-panel-my-data") + number + "-" + date + ".json"
    }
    func fullPath(_ path: String) -> String { pick("Tam yol: \(path)", "Full path: \(path)") }
    var enterAPath: String { pick("Dosyanın kaydedileceği yolu yazın.", "Type where the file should be saved.") }
    var exporting: String { pick("Verileriniz dışa aktarılıyor…", "Exporting your data…") }
    var exportCancelled: String {
        pick("Dışa aktarma iptal edildi. Yeniden denemek için Enter.", "The export was cancelled. Press Enter to try again.")
    }
    func exported(_ path: String) -> String {
        pick("Verileriniz şuraya kaydedildi: \(path)", "Your data was saved to: \(path)")
    }
    var exportedTitle: String { pick("Dışa aktarıldı", "Exported") }
    var overwriteTitle: String { pick("Dosya zaten var", "The file already exists") }
    func overwriteQuestion(_ path: String) -> String {
        pick("\(path)\nBu adda bir dosya zaten var. Üzerine yazılsın mı?",
             "\(path)\nA file of that name already exists. Overwrite it?")
    }
    var overwrite: String { pick("Üzerine yaz", "Overwrite") }
}
