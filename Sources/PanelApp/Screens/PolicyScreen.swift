import PanelClient
import PanelModels
import TerminalUI

/// 5 Privacy policy and 6 Cookie policy: the text in a pager with its version and effective date;
/// `/` searches (the Turkish way in Turkish: `istanbul` finds `İSTANBUL`), `n`/`N` step through the
/// matches; F3 or `l` loads the other language.
public struct PolicyScreen: PanelScreen {
    enum Action {
        case scroll, search, next, reload
    }

    let policy: PolicyID
    private(set) var document: PolicyDocument?
    private(set) var pager: Pager?
    private(set) var failure: String?

    public init(_ policy: PolicyID) {
        self.policy = policy
    }

    static func keymap(_ s: Strings) -> Keymap<Action> {
        Keymap([
            KeyBinding([.character("/")], label: "/", hint: s.search, help: s.searchHelp, priority: .high,
                       action: .search),
            KeyBinding([.character("n"), .character("N")], label: "n/N", hint: s.nextMatch, help: s.nextMatchHelp,
                       priority: .normal, action: .next),
            KeyBinding([.up, .down, .pageUp, .pageDown, .home, .end, .character(" ")], label: "↑↓", hint: s.scroll,
                       help: s.scrollHelp, priority: .low, action: .scroll),
            KeyBinding([.character("r")], label: "r", hint: s.retry, help: s.reloadHelp, priority: .low,
                       action: .reload),
            KeyBinding([.escape, .character("q")], label: "Esc", hint: s.back, help: s.backHelp, priority: .normal,
                       action: .scroll),
        ])
    }

    public func keyHints(_ context: ScreenContext) -> [KeyHint] {
        Self.keymap(context.strings).hints.filter { $0.label != "r" || failure != nil }
    }

    public func helpEntries(_ context: ScreenContext) -> [(label: String, help: String)] {
        Self.keymap(context.strings).helpEntries
    }

    public var isEditingText: Bool { pager?.prompt != nil }

    public mutating func open(_ context: ScreenContext) -> [Effect] {
        failure = nil
        return [.call(.policy(policy, context.language))]
    }

    public mutating func languageChanged(_ context: ScreenContext) -> [Effect] {
        open(context)
    }

    public mutating func resized(_ context: ScreenContext) {
        pager?.resize(to: Self.pagerSize(context.bodySize))
    }

    static func pagerSize(_ body: Size) -> Size {
        Size(width: max(0, body.width - 4), height: max(0, body.height - 3))
    }

    public mutating func handle(_ key: Key, _ context: ScreenContext) -> KeyResult {
        if key == .character("r"), pager?.prompt == nil, failure != nil || document == nil {
            return .handled(open(context))
        }
        guard var pager else { return .ignored }
        let outcome = pager.handle(key)
        self.pager = pager
        return outcome == .ignored ? .ignored : .done
    }

    public mutating func receive(_ incoming: Incoming, _ context: ScreenContext) -> [Effect] {
        switch incoming {
        case .reply(.policy(_, let language), .policy(.success(let document, _))) where language == context.language:
            self.document = document
            failure = nil
            var pager = Pager(markdown: document.body, folding: language == .tr ? .turkish : .english,
                              strings: context.strings.pagerStrings)
            pager.resize(to: Self.pagerSize(context.bodySize))
            self.pager = pager
        case .reply(_, .policy(let result)):
            if let problem = result.failure { failure = problem.message(in: context.language) }
        case .cancelled:
            failure = context.strings.loadCancelled
        default:
            break
        }
        return []
    }

    public var status: StatusLine? {
        if let failure { return .error(failure) }
        return pager?.message.map { StatusLine($0.text, $0.role == .warning ? .warning : .info) }
    }

    public func render(in body: Rect, into canvas: inout Canvas, _ context: ScreenContext) -> Point? {
        let s = context.strings
        let content = body.inset(top: 0, left: 2, bottom: 0, right: 2)
        guard let document, let pager else {
            canvas.write(failure == nil ? s.loading : s.pressRToRetry, in: content.droppingTop(1).top(1),
                         role: .muted)
            return nil
        }
        canvas.write(document.title, in: content.top(1), role: .heading)
        let effective = Self.displayDate(document.effectiveDate)
        canvas.write(s.versionLine(document.version, effective), in: content.top(1), role: .muted, alignment: .right)
        canvas.drawHorizontalLine(in: content.droppingTop(1).top(1))
        return pager.render(in: content.droppingTop(2).top(Self.pagerSize(context.bodySize).height + 1), into: &canvas)
    }

    /// `2026-06-01` → `01.06.2026`.
    static func displayDate(_ date: String) -> String {
        let parts = date.split(separator: "-")
        guard parts.count == 3 else { return date }
        return "\(parts[2]).\(parts[1]).\(parts[0])"
    }
}

extension Strings {
    var search: String { pick("Ara", "Search") }
    var searchHelp: String {
        pick("Metinde ara (büyük/küçük harf ve İ/ı farkı gözetmez); Enter arar, Esc kapatır",
             "Search the text (case-insensitive); Enter searches, Esc closes")
    }
    var nextMatch: String { pick("Sonraki", "Next") }
    var nextMatchHelp: String { pick("Sonraki (n) ya da önceki (N) eşleşme", "Next (n) or previous (N) match") }
    var scroll: String { pick("Kaydır", "Scroll") }
    var scrollHelp: String { pick("Satır satır ya da sayfa sayfa kaydır (↑↓ PgUp PgDn Boşluk Home End)", "Scroll by line or page (↑↓ PgUp PgDn Space Home End)") }
    var reloadHelp: String { pick("Yüklenemediyse yeniden dene", "Try again when it could not be loaded") }
    var loadCancelled: String { pick("Yükleme iptal edildi. Yeniden denemek için r.", "Loading cancelled. Press r to try again.") }
    var pressRToRetry: String { pick("Yüklenemedi. Yeniden denemek için r'ye basın.", "Could not be loaded. Press r to try again.") }
    func versionLine(_ version: String, _ date: String) -> String {
        pick("Sürüm \(version) · yürürlük \(date)", "Version \(version) · effective \(date)")
    }
    var pagerStrings: PagerStrings {
        language == .tr
            ? PagerStrings(searchPrompt: "Ara: ", notFound: { "Bulunamadı: \($0)" }, wrapped: "Arama başa döndü",
                           position: { first, last, total in
                               "\(first)-\(last)/\(total) %\(total == 0 ? 100 : last * 100 / total)"
                           })
            : PagerStrings(searchPrompt: "Search: ", notFound: { "Not found: \($0)" }, wrapped: "Search wrapped",
                           position: Pager.linesAndPercent)
    }
}
