// Modal dialogs (confirm, error, info) and the help overlay: boxes centred over the screen.

// MARK: - Dialog

/// The state of a dialog: a title, a message and one to three buttons.
///
/// Keys: ←/→, Tab/Shift-Tab move between buttons; Enter answers `.activated` (the choice is
/// `focusedButton`); Esc answers `.cancelled` (the screen takes it as `cancelButton`). Every other
/// key is consumed (`.handled`): a dialog is modal.
public struct Dialog: Sendable, Hashable {
    /// What kind of dialog: an error's title starts with the error marker.
    public enum Kind: Sendable, Hashable {
        case confirm, info, error, warning
    }

    public var kind: Kind
    public var title: String
    public var message: String
    public var buttons: [String]
    /// The focused button.
    public private(set) var focusedButton: Int
    /// The button Esc stands for.
    public var cancelButton: Int

    /// A dialog with `buttons` (at least one), focus on `focusedButton`.
    public init(
        kind: Kind, title: String, message: String, buttons: [String], focusedButton: Int = 0, cancelButton: Int? = nil
    ) {
        self.kind = kind
        self.title = title
        self.message = message
        self.buttons = buttons.isEmpty ? ["OK"] : buttons
        self.focusedButton = min(max(0, focusedButton), self.buttons.count - 1)
        self.cancelButton = cancelButton ?? self.buttons.count - 1
    }

    /// A confirmation: `yes` focused, `no` what Esc means.
    public static func confirm(title: String, message: String, yes: String, no: String) -> Dialog {
        Dialog(kind: .confirm, title: title, message: message, buttons: [yes, no], focusedButton: 0, cancelButton: 1)
    }

    /// An error with one button.
    public static func error(title: String, message: String, ok: String) -> Dialog {
        Dialog(kind: .error, title: title, message: message, buttons: [ok])
    }

    /// Information with one button.
    public static func info(title: String, message: String, ok: String) -> Dialog {
        Dialog(kind: .info, title: title, message: message, buttons: [ok])
    }

    // MARK: Keys

    public mutating func handle(_ key: Key) -> KeyOutcome {
        switch key {
        case .left, .backTab:
            focusedButton = (focusedButton + buttons.count - 1) % buttons.count
        case .right, .tab:
            focusedButton = (focusedButton + 1) % buttons.count
        case .enter:
            return .activated
        case .escape:
            return .cancelled
        default:
            break
        }
        return .handled
    }

    // MARK: Rendering

    /// Draws the dialog centred in `area` (usually the whole screen), as large as its text needs and
    /// no larger than `area`. Buttons read `< Yes >` when focused and `  No  ` otherwise. Returns
    /// the cursor position: on the focused button.
    @discardableResult
    public func render(in area: Rect, into canvas: inout Canvas) -> Point? {
        let labels = buttons.enumerated().map { index, label in
            index == focusedButton ? "< \(label) >" : "  \(label)  "
        }
        let buttonsWidth = labels.reduce(0) { $0 + DisplayWidth.of($1) } + max(0, labels.count - 1)
        let shownTitle = switch kind {
        case .error: "\(canvas.glyphs.error) \(title)"
        case .warning: "\(canvas.glyphs.warning) \(title)"
        case .confirm, .info: title
        }
        let widest = message.split(separator: "\n").map { DisplayWidth.of(String($0)) }.max() ?? 0
        let innerWidth = min(max(widest, buttonsWidth, DisplayWidth.of(shownTitle) + 2, 20), max(0, area.width - 4))
        let messageLines = message.split(separator: "\n", omittingEmptySubsequences: false)
            .flatMap { TextLayout.wrap(String($0), width: innerWidth) }
        let box = area.centered(Size(width: innerWidth + 4, height: messageLines.count + 4))
        guard !box.isEmpty else { return nil }
        canvas.fill(box, role: .dialog)
        let titleRole: Role = switch kind {
        case .error: .error
        case .warning: .warning
        case .confirm, .info: .dialogTitle
        }
        canvas.drawBox(box, role: .dialog, title: shownTitle, titleRole: titleRole)
        let inner = box.inset(top: 1, left: 2, bottom: 1, right: 2)
        canvas.putWrapped(messageLines.joined(separator: "\n"), in: inner.droppingBottom(2), role: .dialog)
        // The buttons, centred on the row above the bottom edge.
        let row = inner.bottom(1)
        var x = row.x + max(0, (row.width - buttonsWidth) / 2)
        var cursor: Point?
        for (index, label) in labels.enumerated() {
            let isFocused = index == focusedButton
            let used = canvas.put(label, at: Point(x: x, y: row.y), role: isFocused ? .selection : .dialog, clip: row)
            if isFocused && used > 2 { cursor = Point(x: x + 2, y: row.y) }
            x += used + 1
        }
        return cursor
    }
}

// MARK: - HelpOverlay

/// The help overlay: every binding of a keymap, `label  help`, in a centred box.
public enum HelpOverlay {
    /// Draws the bindings' labels and help texts in a box centred in `area`, with `title` in the
    /// top edge and `footer` (e.g. `Esc: close`) on the last inner row. A help text too long for
    /// the box wraps under itself; when the rows run out, the last one shown is the ellipsis.
    public static func render<Action>(
        _ keymap: Keymap<Action>, title: String, footer: String, in area: Rect, into canvas: inout Canvas
    ) {
        render(entries: keymap.helpEntries, title: title, footer: footer, in: area, into: &canvas)
    }

    /// Same, from label/help pairs.
    public static func render(
        entries: [(label: String, help: String)], title: String, footer: String, in area: Rect,
        into canvas: inout Canvas
    ) {
        let labelWidth = (entries.map { DisplayWidth.of($0.label) }.max() ?? 0) + 2
        let helpWidth = entries.map { DisplayWidth.of($0.help) }.max() ?? 0
        let innerWidth = min(max(labelWidth + helpWidth, DisplayWidth.of(footer), DisplayWidth.of(title) + 2),
                             max(0, area.width - 4))
        // Each entry: its label on its first line, its help wrapped beside it.
        let lines: [(label: String, help: String)] = entries.flatMap { entry in
            let wrapped = TextLayout.wrap(entry.help, width: max(1, innerWidth - labelWidth))
            return (wrapped.isEmpty ? [""] : wrapped).enumerated().map { (index, text) in (index == 0 ? entry.label : "", text) }
        }
        let box = area.centered(Size(width: innerWidth + 4, height: lines.count + 4))
        guard !box.isEmpty else { return }
        canvas.fill(box, role: .dialog)
        canvas.drawBox(box, role: .dialog, title: title, titleRole: .dialogTitle)
        let inner = box.inset(top: 1, left: 2, bottom: 1, right: 2)
        let rows = inner.droppingBottom(2)
        for (index, line) in lines.enumerated() where index < rows.height {
            let row = rows.row(index)
            if index == rows.height - 1 && lines.count > rows.height {
                canvas.write(canvas.glyphs.ellipsis, in: row, role: .dialog)
                break
            }
            canvas.write(line.label, in: row.left(labelWidth - 1), role: .keyHint)
            canvas.write(line.help, in: row.droppingLeft(labelWidth), role: .dialog)
        }
        canvas.write(footer, in: inner.bottom(1), role: .muted)
    }
}
