import PanelModels
import TerminalUI

// Drawing a `FormScreen`: the form (rows scrolled to keep the focus in view, two lines about the
// focused field at the bottom, the province drop-down over the rows below it), the review and
// the conflict view, both drawn in the body as tables.

extension FormScreen {
    public func render(in body: Rect, into canvas: inout Canvas, _ context: ScreenContext) -> Point? {
        let s = context.strings
        let content = body.inset(top: 1, left: 1, bottom: 0, right: 1)
        switch mode {
        case .loading:
            canvas.write(s.loading, in: content.droppingLeft(2).top(1), role: .muted)
        case .loadFailed:
            canvas.write(s.formNotLoaded, in: content.droppingLeft(2).top(1), role: .muted)
        case .reviewing:
            renderTable(title: StatusLine(s.reviewTitle), intro: s.reviewIntro, keys: s.reviewKeys, in: body,
                        into: &canvas, s)
        case .conflict:
            renderTable(title: .warning(s.conflictTitle), intro: s.conflictIntro, keys: s.conflictKeys, in: body,
                        into: &canvas, s)
        case .editing, .saving:
            return renderForm(in: body, content: content, into: &canvas, context)
        }
        return nil
    }

    // MARK: - The form

    private func renderForm(in body: Rect, content: Rect, into canvas: inout Canvas, _ context: ScreenContext)
        -> Point?
    {
        let s = context.strings
        let all = fieldTable(s).byPath
        let lines = currentLines(context)?.lines ?? []
        let list = content.top(Self.listHeight(body.height))
        let focusIndex = lines.firstIndex { Self.isLine($0, of: focus) } ?? 0
        let top = Self.scroll(keeping: focusIndex, from: scroll, height: list.height, count: lines.count)
        let errors = fieldErrors()
        let editing = if case .editing = mode { true } else { false }
        var cursor: Point?
        var pickerAnchor: Rect?
        for (offset, line) in lines.dropFirst(top).prefix(list.height).enumerated() {
            let row = list.row(offset)
            switch line {
            case .gap:
                break
            case .heading(let title, let note):
                let used = canvas.write(title, in: row.droppingLeft(2), role: .heading)
                if let note { canvas.write(note, in: row.droppingLeft(used + 4), role: .muted, alignment: .right) }
            case .readOnly(let label, let value, let note):
                FormRow.renderReadOnly(label: label, value: value, note: note, in: row, into: &canvas)
            case .field(let path):
                guard let field = all[path] else { continue }
                let focused = focus == path
                let width = Self.fieldWidth(field, in: row)
                let here = FormRow(label: field.label, focused: focused, message: errors[path].map(s.fieldError))
                    .render(in: row, into: &canvas, fieldWidth: width) { rect, canvas in
                        drawValue(of: field, in: rect, focused: focused && editing, into: &canvas)
                    }
                if focused {
                    cursor = here
                    pickerAnchor = FormRow.fieldRect(in: row, fieldWidth: width)
                }
            }
        }
        let edge = list.right(1)
        if top > 0 { canvas.write(String(canvas.glyphs.arrowUp), in: edge.top(1), role: .muted) }
        if top + list.height < lines.count {
            canvas.write(String(canvas.glyphs.arrowDown), in: edge.bottom(1), role: .muted)
        }
        // The detail goes right under the form, or at the bottom when the form fills the body.
        let shown = min(list.height, lines.count - top)
        let detail = Rect(x: content.x, y: min(list.y + shown + 1, content.maxY - 2), width: content.width, height: 2)
        if editing { renderDetail(in: detail, errors: errors, into: &canvas, s) }
        if let picker, let pickerAnchor, editing {
            picker.render(under: pickerAnchor, in: body, into: &canvas, noMatches: s.noProvinceMatches)
        }
        return editing ? cursor : nil
    }

    /// Long fields grow with the window (up to 56 columns); short ones keep their width.
    static func fieldWidth(_ field: FormField, in row: Rect) -> Int {
        field.width < 30 ? field.width : min(56, field.width + max(0, row.width - 78))
    }

    /// A text field, or a choice as `(x) Bireysel  ( ) Kurumsal` (the marker shows the choice
    /// without colour).
    private func drawValue(of field: FormField, in rect: Rect, focused: Bool, into canvas: inout Canvas) -> Point? {
        guard field.choices.isEmpty else {
            var x = rect.x
            var cursor: Point?
            for choice in field.choices {
                let chosen = fields[field.path] == choice.value
                if chosen && focused { cursor = Point(x: x + 1, y: rect.y) }
                let role: Role = chosen ? (focused ? .fieldFocused : .field) : .normal
                x += canvas.put((chosen ? "(x) " : "( ) ") + choice.label, at: Point(x: x, y: rect.y), role: role,
                                clip: rect) + 2
            }
            return cursor
        }
        var input = fields.input(field.path)
        input.placeholder = field.placeholder
        // A long value reads from its start when the cursor is not in it.
        if !focused { _ = input.handle(.home) }
        return input.render(in: rect, into: &canvas, focused: focused)
    }

    /// Under the form: the focused field's error in full (beside the field it may be cut), or the
    /// form it will be stored in when that differs from what is typed (`+905321234567`); then
    /// what the field is for.
    private func renderDetail(in area: Rect, errors: [FieldPath: String], into canvas: inout Canvas, _ s: Strings) {
        guard let field = focusedField(s) else { return }
        if let code = errors[field.path] {
            canvas.putMessage(field.label + ": " + s.fieldError(code), in: area.row(0), role: .error)
        } else if field.kind != .password, field.choices.isEmpty {
            if let text = storedTexts[field.path], text != fields[field.path] {
                canvas.write(s.storedAs(text.isEmpty ? s.notGiven : text), in: area.row(0), role: .muted)
            }
        }
        if let hint = field.hint { canvas.write(hint, in: area.row(1), role: .muted) }
    }

    // MARK: - Review and conflict

    /// Where the review's and the conflict's table go in a body.
    static func tableArea(in body: Rect) -> Rect {
        body.inset(top: 6, left: 3, bottom: 2, right: 2)
    }

    private func renderTable(title: StatusLine, intro: String, keys: String, in body: Rect,
                             into canvas: inout Canvas, _ s: Strings) {
        let text = body.inset(top: 1, left: 3, bottom: 0, right: 3)
        if title.kind == .info {
            canvas.write(title.text, in: text.top(1), role: .heading)
        } else {
            canvas.putMessage(title.text, in: text.top(1), role: title.role)
        }
        canvas.putWrapped(intro, in: text.droppingTop(2).top(2), role: .normal)
        if let table = table(s), !table.changes.isEmpty {
            table.render(in: Self.tableArea(in: body), scroll: tableScroll, into: &canvas)
        }
        canvas.write(keys, in: text.bottom(1), role: .muted)
    }
}
