// The frame around every screen: the title bar, the footer of key hints, the spinner, and the
// notice shown when the terminal is too small.

// MARK: - TitleBar

/// The title bar: product, screen number and name on the left; customer and language on the right.
public struct TitleBar: Sendable, Hashable {
    /// The left part, e.g. `Haker Panel — 3 · Fatura adresi`.
    public var title: String
    /// An emphasised part drawn right after `title` (`.titleAccent`), e.g. a `DEMO` badge.
    public var accent: String
    /// The right part, e.g. `Ayşe Yılmaz · TR`.
    public var right: String

    public init(title: String, accent: String = "", right: String = "") {
        self.title = title
        self.accent = accent
        self.right = right
    }

    /// Draws the bar on the first row of `rect`. When the row is narrow the right part goes
    /// first, then the title is truncated with the ellipsis.
    public func render(in rect: Rect, into canvas: inout Canvas) {
        let row = rect.top(1)
        guard !row.isEmpty else { return }
        canvas.fill(row, role: .title)
        let inner = row.inset(horizontal: 1)
        let leftWidth = DisplayWidth.of(title) + (accent.isEmpty ? 0 : 1 + DisplayWidth.of(accent))
        let rightWidth = DisplayWidth.of(right)
        var left = inner
        if !right.isEmpty && leftWidth + 2 + rightWidth <= inner.width {
            canvas.write(right, in: inner.right(rightWidth), role: .title)
            left = inner.droppingRight(rightWidth + 2)
        }
        let used = canvas.write(title, in: left, role: .title)
        if !accent.isEmpty {
            canvas.write(accent, in: left.droppingLeft(used + 1), role: .titleAccent)
        }
    }
}

// MARK: - KeyHintBar

/// The footer: key hints like `F1 Yardım  F2 Kaydet  Esc Geri`, fitted to the width.
public enum KeyHintBar {
    /// Draws `hints` on the first row of `rect` (`.footer`, key names `.keyHint`), in their order.
    /// When they do not all fit, the hints of the lowest priority are left out first (the later
    /// one of equal priority first); a single hint too wide for the row is truncated.
    public static func render(_ hints: [KeyHint], in rect: Rect, into canvas: inout Canvas) {
        let row = rect.top(1)
        guard !row.isEmpty else { return }
        canvas.fill(row, role: .footer)
        let inner = row.inset(horizontal: 1)
        var x = inner.x
        for hint in fitted(hints, width: inner.width) {
            if x > inner.x { x += 2 }
            x += canvas.put(hint.label, at: Point(x: x, y: row.y), role: .keyHint, clip: inner)
            x += 1
            x += canvas.write(hint.text, in: Rect(x: x, y: row.y, width: inner.maxX - x, height: 1), role: .footer)
        }
    }

    /// Draws the hints of `keymap`.
    @inlinable
    public static func render<Action>(_ keymap: Keymap<Action>, in rect: Rect, into canvas: inout Canvas) {
        render(keymap.hints, in: rect, into: &canvas)
    }

    /// The hints that fit in `width` columns (2 columns between hints), in their original order.
    public static func fitted(_ hints: [KeyHint], width: Int) -> [KeyHint] {
        var kept = Array(hints.indices)
        func total() -> Int { kept.reduce(0) { $0 + hints[$1].width } + 2 * max(0, kept.count - 1) }
        while kept.count > 1 && total() > width {
            // Drop the lowest priority; among equals, the one furthest right.
            let victim = kept.indices.min { a, b in
                (hints[kept[a]].priority, -a) < (hints[kept[b]].priority, -b)
            }!
            kept.remove(at: victim)
        }
        return kept.map { hints[$0] }
    }
}

// MARK: - Spinner

/// An activity spinner whose frame follows the clock: no state changes on a tick, and the event
/// loop wakes only while it runs (see `nextDeadline(after:)`).
public struct Spinner: Sendable, Hashable {
    public var startedAt: ContinuousClock.Instant
    public var interval: Duration

    public init(startedAt: ContinuousClock.Instant, interval: Duration = .milliseconds(100)) {
        self.startedAt = startedAt
        self.interval = interval
    }

    /// The frame number at `now`.
    public func frameIndex(at now: ContinuousClock.Instant) -> Int {
        let elapsed = now - startedAt
        return elapsed < .zero ? 0 : Int(elapsed / interval)
    }

    /// When the next frame is due after `now` (for the program's `nextDeadline`).
    public func nextDeadline(after now: ContinuousClock.Instant) -> ContinuousClock.Instant {
        startedAt + interval * (frameIndex(at: now) + 1)
    }

    /// Draws the frame for `now`, then `label`, on the first row of `rect`.
    public func render(at now: ContinuousClock.Instant, label: String = "", in rect: Rect, into canvas: inout Canvas) {
        let frames = canvas.glyphs.spinnerFrames
        guard !frames.isEmpty else { return }
        let used = canvas.write(frames[frameIndex(at: now) % frames.count], in: rect.top(1), role: .spinner)
        if !label.isEmpty {
            canvas.write(label, in: rect.top(1).droppingLeft(used + 1), role: .normal)
        }
    }
}

// MARK: - MinimumSize

/// The smallest terminal the screens are laid out for, and what to show below it.
public struct MinimumSize: Sendable, Hashable {
    public var size: Size

    public init(_ size: Size = Size(width: 80, height: 24)) {
        self.size = size
    }

    /// When the canvas is smaller than `size`, fills it with `message` (word-wrapped, centred
    /// vertically) and returns true: the screen draws nothing else. The loop redraws on every
    /// resize, so the screen comes back as soon as the window grows.
    ///
    /// `message` gets the current size, e.g. `{ "Make the window at least 80x24 (now \($0))." }`.
    public func renderNotice(into canvas: inout Canvas, message: (Size) -> String) -> Bool {
        guard !canvas.size.contains(size) else { return false }
        canvas.fill(canvas.bounds)
        let text = message(canvas.size)
        let lines = TextLayout.wrap(text, width: canvas.size.width)
        let area = canvas.bounds.centered(Size(width: canvas.size.width, height: lines.count))
        for (index, line) in lines.enumerated() {
            canvas.write(line, in: area.row(index), role: .warning, alignment: .center)
        }
        return true
    }
}
