import PanelModels
import TerminalUI

/// A field whose value differs between two versions of a resource, as the customer reads them.
struct FormChange: Sendable, Hashable {
    var path: FieldPath
    var label: String
    var before: String
    var after: String
}

/// The review ("what will change": field | now | new) and the conflict view (field | yours | on
/// the server): three columns, long values wrapped in their column, scrolled by whole lines.
struct ChangeTable {
    /// What stands between the two values: `→` (old becomes new) or `│` (two versions side by side).
    enum Separator {
        case becomes, versus
    }

    var headers: (field: String, before: String, after: String)
    var separator: Separator
    var changes: [FormChange]

    /// The columns for a width: the label's, then two equal ones.
    private static func columns(_ width: Int) -> (label: Int, value: Int) {
        let label = FormRow.labelWidth
        return (label, max(4, (width - label - 4) / 2))
    }

    /// The table as lines of cells (a change takes as many lines as its longest wrapped value).
    private func lines(width: Int) -> [(label: String, before: String, after: String)] {
        let value = Self.columns(width).value
        return changes.flatMap { change in
            let before = TextLayout.wrap(change.before, width: value)
            let after = TextLayout.wrap(change.after, width: value)
            return (0..<max(1, before.count, after.count)).map { index in
                (index == 0 ? change.label : "", before.indices.contains(index) ? before[index] : "",
                 after.indices.contains(index) ? after[index] : "")
            }
        }
    }

    /// How many lines the rows take at `width`.
    func lineCount(width: Int) -> Int {
        lines(width: width).count
    }

    /// Draws the header, a rule and the rows from line `scroll` on; an arrow in the last column
    /// says when there is more above or below.
    func render(in rect: Rect, scroll: Int, into canvas: inout Canvas) {
        guard rect.height > 2 else { return }
        let (label, value) = Self.columns(rect.width)
        let before = rect.droppingLeft(label + 1).left(value)
        let arrow = switch separator {
        case .becomes: canvas.glyphs.isUnicode ? "→" : "->"
        case .versus: String(canvas.glyphs.vertical)
        }
        let after = before.offsetColumns(value + 3)
        func put(_ cells: (String, String, String), row: Int, role: Role) {
            canvas.write(cells.0, in: rect.row(row).left(label), role: role == .normal ? .label : role)
            canvas.write(cells.1, in: before.row(row), role: role == .normal ? .muted : role)
            canvas.write(cells.2, in: after.row(row), role: role)
        }
        put((headers.field, headers.before, headers.after), row: 0, role: .heading)
        canvas.drawHorizontalLine(in: rect.row(1).left(label + 2 * value + 4))
        let all = lines(width: rect.width)
        let room = rect.height - 2
        let first = min(max(0, scroll), max(0, all.count - room))
        for (offset, line) in all.dropFirst(first).prefix(room).enumerated() {
            put(line, row: offset + 2, role: .normal)
            if !line.label.isEmpty {
                canvas.write(arrow, in: before.row(offset + 2).offsetColumns(value + 1).left(2), role: .muted)
            }
        }
        let edge = rect.row(0).right(1)
        if first > 0 { canvas.write(String(canvas.glyphs.arrowUp), in: edge.offsetRows(2), role: .muted) }
        if first + room < all.count {
            canvas.write(String(canvas.glyphs.arrowDown), in: edge.offsetRows(rect.height - 1), role: .muted)
        }
    }
}

extension Rect {
    /// The same rectangle moved `count` columns right.
    func offsetColumns(_ count: Int) -> Rect {
        Rect(x: x + count, y: y, width: width, height: height)
    }
}
