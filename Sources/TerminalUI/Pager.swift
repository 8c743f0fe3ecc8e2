// A pager for long text (the privacy and cookie policies): word-wrapped, scrolled, searchable.

// MARK: - PagerStrings

/// The pager's few words, in the app's language.
public struct PagerStrings: Sendable {
    /// Shown before the query being typed.
    public var searchPrompt: String
    /// The message when a search finds nothing.
    public var notFound: @Sendable (_ query: String) -> String
    /// The message when `n`/`N` went past the end and started over.
    public var wrapped: String
    /// The position indicator from the first and last line shown (1-based) and the line count.
    public var position: @Sendable (_ first: Int, _ last: Int, _ total: Int) -> String

    public init(
        searchPrompt: String = "/", notFound: @escaping @Sendable (String) -> String, wrapped: String,
        position: @escaping @Sendable (Int, Int, Int) -> String
    ) {
        self.searchPrompt = searchPrompt
        self.notFound = notFound
        self.wrapped = wrapped
        self.position = position
    }

    /// English texts: `Not found: x`, `Search wrapped`, `12-33/120 27%`.
    public static let english = PagerStrings(
        notFound: { "Not found: \($0)" }, wrapped: "Search wrapped", position: Pager.linesAndPercent
    )
}

// MARK: - Pager

/// The state of a pager.
///
/// Keys: ↑/↓ (also `k`/`j`) a line, PgUp/PgDn (also `b`/Space) a page, Home/End (also `g`/`G`);
/// `/` opens the search prompt at the bottom, where Enter searches (an empty query repeats the
/// last one) and Esc closes it; `n`/`N` go to the next/previous match, wrapping around. Matches
/// are highlighted (`.searchMatch`, the current one `.searchCurrent`). Search is case-insensitive
/// by `folding`: the Turkish way for Turkish text. Other keys (`q`, Esc, F-keys) are `.ignored`.
///
/// The text is wrapped to the width given to `resize(to:)`; call it whenever the rectangle the
/// pager is drawn in changes (and once at the start).
public struct Pager: Sendable {
    /// A paragraph of the document: its text and how its lines start.
    public struct Paragraph: Sendable, Hashable {
        public var characters: [Character]
        public var role: Role
        /// Drawn before the first line (a bullet, a number, an indentation).
        public var firstPrefix: String
        /// Drawn before the following lines (the hanging indentation).
        public var restPrefix: String

        public init(_ text: String, role: Role = .normal, firstPrefix: String = "", restPrefix: String = "") {
            self.characters = InertText.clusters(text)
            self.role = role
            self.firstPrefix = firstPrefix
            self.restPrefix = restPrefix
        }
    }

    /// A search match: grapheme-cluster offsets in a paragraph.
    public struct Match: Sendable, Hashable {
        public var paragraph: Int
        public var range: Range<Int>
    }

    /// One screen line: part of a paragraph.
    struct Line: Sendable, Hashable {
        var paragraph: Int
        var range: Range<Int>
        var isFirst: Bool
    }

    public private(set) var paragraphs: [Paragraph]
    public var folding: CaseFolding
    public var strings: PagerStrings
    /// The size the pager is drawn at (the last row is the status and search row).
    public private(set) var viewSize = Size.zero
    /// The first line shown.
    public private(set) var top = 0
    /// The last query searched.
    public private(set) var query = ""
    /// Every match of `query`, in reading order.
    public private(set) var matches: [Match] = []
    /// The index in `matches` of the current match.
    public private(set) var currentMatch: Int?
    /// The search prompt while the user types a query.
    public private(set) var prompt: TextField?
    /// A message in the status row (not found, wrapped), until the next key.
    public private(set) var message: (text: String, role: Role)?
    private var lines: [Line] = []

    /// A pager over `paragraphs`.
    public init(paragraphs: [Paragraph], folding: CaseFolding, strings: PagerStrings = .english) {
        self.paragraphs = paragraphs
        self.folding = folding
        self.strings = strings
    }

    /// A pager over Markdown, rendered plainly: headings in `.heading`, bullets and numbered items
    /// with a hanging indent, emphasis and code marks removed, links as `text (url)`.
    public init(markdown: String, folding: CaseFolding, strings: PagerStrings = .english) {
        self.init(paragraphs: MarkdownText.paragraphs(markdown), folding: folding, strings: strings)
    }

    /// A pager over plain text, one paragraph per line.
    public init(plainText: String, folding: CaseFolding, strings: PagerStrings = .english) {
        let paragraphs = plainText.split(separator: "\n", omittingEmptySubsequences: false)
            .map { Paragraph(String($0)) }
        self.init(paragraphs: paragraphs, folding: folding, strings: strings)
    }

    /// The number of screen lines at the current width.
    public var lineCount: Int { lines.count }

    /// The text rows (the view minus the status row).
    private var pageHeight: Int { max(0, viewSize.height - 1) }
    /// The last first line: at least one line stays shown, even with no room (top stays a line).
    private var maxTop: Int { max(0, lines.count - max(1, pageHeight)) }

    /// Wraps the text for a new size, keeping the first line shown where it was in the text.
    public mutating func resize(to size: Size) {
        let anchor = lines.indices.contains(top) ? (lines[top].paragraph, lines[top].range.lowerBound) : nil
        if size.width != viewSize.width || lines.isEmpty {
            lines = Self.wrap(paragraphs, width: size.width)
        }
        viewSize = size
        top = anchor.map { lineIndex(paragraph: $0.0, offset: $0.1) } ?? top
        top = min(top, maxTop)
    }

    // MARK: Keys

    public mutating func handle(_ key: Key) -> KeyOutcome {
        if prompt != nil { return handlePrompt(key) }
        message = nil
        let page = max(1, pageHeight - 1)
        switch key {
        case .up, .character("k"): return scroll(to: top - 1)
        case .down, .character("j"), .enter: return scroll(to: top + 1)
        case .pageDown, .character(" "), .ctrl("f"): return scroll(to: top + page)
        case .pageUp, .character("b"), .ctrl("b"): return scroll(to: top - page)
        case .home, .character("g"): return scroll(to: 0)
        case .end, .character("G"): return scroll(to: maxTop)
        case .character("/"):
            prompt = TextField()
            return .handled
        case .character("n"): return step(by: 1)
        case .character("N"): return step(by: -1)
        default: return .ignored
        }
    }

    private mutating func handlePrompt(_ key: Key) -> KeyOutcome {
        switch key {
        case .escape:
            prompt = nil
            return .handled
        case .enter:
            let typed = prompt?.text ?? ""
            prompt = nil
            search(typed.isEmpty ? query : typed)
            return .handled
        case .backspace where prompt?.characters.isEmpty == true:
            prompt = nil
            return .handled
        default:
            return prompt!.handle(key)
        }
    }

    private mutating func scroll(to line: Int) -> KeyOutcome {
        top = min(max(0, line), maxTop)
        return .handled
    }

    /// The paragraph the first line shown belongs to (nil before `resize(to:)` or for no text).
    public var firstParagraphShown: Int? {
        lines.indices.contains(top) ? lines[top].paragraph : nil
    }

    /// Scrolls so that paragraph `index` starts the view, as far as the end of the text allows
    /// (a document with sections jumps between its headings this way).
    public mutating func scroll(toParagraph index: Int) {
        guard !lines.isEmpty else { return }
        _ = scroll(to: lineIndex(paragraph: index, offset: 0))
    }

    /// Searches for `text`, from the first line shown onwards (wrapping to the start), and shows
    /// the first match. Returns whether anything matched.
    @discardableResult
    public mutating func search(_ text: String) -> Bool {
        query = text
        matches = paragraphs.indices.flatMap { index in
            folding.ranges(of: text, in: paragraphs[index].characters).map { Match(paragraph: index, range: $0) }
        }
        currentMatch = nil
        guard !matches.isEmpty else {
            if !text.isEmpty { message = (strings.notFound(text), .warning) }
            return false
        }
        if let next = matches.firstIndex(where: { line(of: $0) >= top }) {
            show(match: next, wrapped: false)
        } else {
            show(match: 0, wrapped: true)
        }
        return true
    }

    private mutating func step(by direction: Int) -> KeyOutcome {
        guard !matches.isEmpty else {
            if !query.isEmpty { message = (strings.notFound(query), .warning) }
            return .handled
        }
        guard let current = currentMatch else {
            search(query)
            return .handled
        }
        let next = current + direction
        let wrapped = next < 0 || next >= matches.count
        show(match: (next + matches.count) % matches.count, wrapped: wrapped)
        return .handled
    }

    /// Makes `index` the current match and scrolls it into view (to the top, as `less` does).
    private mutating func show(match index: Int, wrapped: Bool) {
        currentMatch = index
        if wrapped { message = (strings.wrapped, .muted) }
        let line = line(of: matches[index])
        if line < top || line >= top + pageHeight { top = min(line, maxTop) }
    }

    /// The screen line holding a match's first character.
    private func line(of match: Match) -> Int {
        lineIndex(paragraph: match.paragraph, offset: match.range.lowerBound)
    }

    private func lineIndex(paragraph: Int, offset: Int) -> Int {
        // Lines are in paragraph order: binary search for the paragraph, then walk its lines.
        var low = 0, high = lines.count
        while low < high {
            let middle = (low + high) / 2
            if lines[middle].paragraph < paragraph { low = middle + 1 } else { high = middle }
        }
        var index = low
        while index + 1 < lines.count && lines[index + 1].paragraph == paragraph
            && lines[index + 1].range.lowerBound <= offset {
            index += 1
        }
        return min(index, max(0, lines.count - 1))
    }

    // MARK: Wrapping

    static func wrap(_ paragraphs: [Paragraph], width: Int) -> [Line] {
        guard width > 0 else { return [] }
        var lines: [Line] = []
        for (index, paragraph) in paragraphs.enumerated() {
            let indent = max(DisplayWidth.of(paragraph.firstPrefix), DisplayWidth.of(paragraph.restPrefix))
            let ranges = TextLayout.wrapRanges(paragraph.characters, width: max(1, width - indent))
            for (number, range) in ranges.enumerated() {
                lines.append(Line(paragraph: index, range: range, isFirst: number == 0))
            }
        }
        return lines
    }

    // MARK: Rendering

    /// Draws the text in `rect` minus its last row, and in that row the search prompt or a message
    /// on the left and the position on the right. Returns the cursor while the prompt is open.
    @discardableResult
    public func render(in rect: Rect, into canvas: inout Canvas) -> Point? {
        guard !rect.isEmpty else { return nil }
        // A screen that forgot `resize(to:)` still gets the text wrapped to the rectangle.
        let lines = rect.width == viewSize.width ? self.lines : Self.wrap(paragraphs, width: rect.width)
        let textRect = rect.droppingBottom(1)
        let first = min(top, max(0, lines.count - textRect.height))
        for row in 0..<textRect.height where first + row < lines.count {
            draw(lines[first + row], in: textRect.row(row), into: &canvas)
        }
        return renderStatus(in: rect.bottom(1), first: first, shown: textRect.height, total: lines.count,
                            into: &canvas)
    }

    private func draw(_ line: Line, in row: Rect, into canvas: inout Canvas) {
        let paragraph = paragraphs[line.paragraph]
        let prefix = line.isFirst ? paragraph.firstPrefix : paragraph.restPrefix
        let indent = max(DisplayWidth.of(paragraph.firstPrefix), DisplayWidth.of(paragraph.restPrefix))
        canvas.put(prefix, at: row.origin, role: paragraph.role, clip: row)
        let textX = row.x + indent
        canvas.put(String(paragraph.characters[line.range]), at: Point(x: textX, y: row.y), role: paragraph.role,
                   clip: row)
        // Matches are in reading order: start at the paragraph's first one.
        var low = 0, high = matches.count
        while low < high {
            let middle = (low + high) / 2
            if matches[middle].paragraph < line.paragraph { low = middle + 1 } else { high = middle }
        }
        for index in low..<matches.count {
            let match = matches[index]
            guard match.paragraph == line.paragraph, match.range.lowerBound < line.range.upperBound else { break }
            let overlap = match.range.clamped(to: line.range)
            guard !overlap.isEmpty else { continue }
            let x = textX + columns(paragraph.characters[line.range.lowerBound..<overlap.lowerBound])
            let width = columns(paragraph.characters[overlap])
            canvas.setRole(index == currentMatch ? .searchCurrent : .searchMatch,
                           in: Rect(x: x, y: row.y, width: width, height: 1).intersection(row))
        }
    }

    private func columns(_ characters: ArraySlice<Character>) -> Int {
        characters.reduce(0) { $0 + DisplayWidth.of($1) }
    }

    private func renderStatus(in row: Rect, first: Int, shown: Int, total: Int, into canvas: inout Canvas) -> Point? {
        let position = total == 0 ? "" : strings.position(first + 1, min(first + shown, total), total)
        let positionWidth = min(DisplayWidth.of(position), row.width)
        canvas.write(position, in: row.right(positionWidth), role: .muted)
        let left = row.droppingRight(positionWidth + 1)
        if let prompt {
            let used = canvas.write(strings.searchPrompt, in: left, role: .normal)
            return prompt.render(in: left.droppingLeft(used), into: &canvas, focused: true)
        }
        if let message {
            canvas.putMessage(message.text, in: left, role: message.role)
        }
        return nil
    }

    /// `12-33/120 27%`: the default position indicator (the percentage is how far the last line
    /// shown is through the text).
    public static func linesAndPercent(first: Int, last: Int, total: Int) -> String {
        "\(first)-\(last)/\(total) \(total == 0 ? 100 : last * 100 / total)%"
    }
}

// MARK: - MarkdownText

/// Markdown turned into plain pager paragraphs. Not a full Markdown parser: enough for policies.
enum MarkdownText {
    static func paragraphs(_ markdown: String) -> [Pager.Paragraph] {
        var result: [Pager.Paragraph] = []
        var pending: (text: String, first: String, rest: String)?
        var inFence = false
        func flush() {
            if let item = pending {
                result.append(Pager.Paragraph(item.text, firstPrefix: item.first, restPrefix: item.rest))
            }
            pending = nil
        }
        for rawLine in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            // Tabs become spaces (the sanitiser would show them as ␉); a CRLF's CR goes.
            let line = (rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : String(rawLine))
                .replacing("\t", with: "    ")
            let trimmed = String(line.drop { $0 == " " })
            let indent = String(repeating: " ", count: min(line.count - trimmed.count, 8))
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                flush()
                inFence.toggle()
            } else if inFence {
                result.append(Pager.Paragraph(line))
            } else if trimmed.isEmpty || trimmed.allSatisfy({ "-*_".contains($0) }) && trimmed.count >= 3 {
                flush()
                if result.last.map({ !$0.characters.isEmpty }) ?? false { result.append(Pager.Paragraph("")) }
            } else if let heading = heading(trimmed) {
                flush()
                result.append(Pager.Paragraph(inline(heading), role: .heading))
            } else if let (marker, rest) = listItem(trimmed) {
                flush()
                let hanging = String(repeating: " ", count: DisplayWidth.of(marker))
                pending = (inline(rest), indent + marker, indent + hanging)
            } else if trimmed.hasPrefix("|") || trimmed.hasPrefix(">") {
                flush()
                result.append(Pager.Paragraph(inline(trimmed)))
            } else if let item = pending {
                pending = (item.text + " " + inline(trimmed), item.first, item.rest)
            } else {
                pending = (inline(trimmed), "", "")
            }
        }
        flush()
        while result.last?.characters.isEmpty == true { result.removeLast() }
        return result
    }

    /// The text of an ATX heading (`## Title ##` → `Title`).
    private static func heading(_ line: String) -> String? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        var text = line.dropFirst(hashes).trimmingSpaces
        while text.hasSuffix("#") { text = String(text.dropLast()) }
        return text.trimmingSpaces
    }

    /// A bullet (`- `, `* `, `+ `) becomes `• `; a number (`3. `, `3) `) is kept.
    private static func listItem(_ line: String) -> (marker: String, rest: String)? {
        if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " {
            return ("• ", String(line.dropFirst(2)))
        }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        let after = line.dropFirst(digits.count)
        if !digits.isEmpty, digits.count <= 3, let mark = after.first, ".)".contains(mark),
           after.dropFirst().first == " " {
            return (digits + String(mark) + " ", String(after.dropFirst(2)))
        }
        return nil
    }

    /// Removes emphasis and code marks and writes links as `text (url)`.
    static func inline(_ text: String) -> String {
        var output = ""
        var rest = Substring(text)
        while let character = rest.first {
            if rest.hasPrefix("**") || rest.hasPrefix("__") {
                rest = rest.dropFirst(2)
            } else if character == "`" {
                rest = rest.dropFirst()
            } else if character == "[", let close = rest.firstIndex(of: "]"),
                      rest[rest.index(after: close)...].hasPrefix("("),
                      let end = rest[close...].firstIndex(of: ")") {
                let label = rest[rest.index(after: rest.startIndex)..<close]
                let url = rest[rest.index(close, offsetBy: 2)..<end]
                output += label == url ? String(label) : "\(label) (\(url))"
                rest = rest[rest.index(after: end)...]
            } else {
                output.append(character)
                rest = rest.dropFirst()
            }
        }
        return output
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces.
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
