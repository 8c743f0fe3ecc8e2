import PanelModels
import TerminalUI

/// One row of a form: `> Label        [value                    ]  ✗ message`. The focused
/// row starts with `>` and its field is drawn focused, so the focus shows without colour; the
/// brackets show where a field starts and ends on any terminal (and in the screen catalogue).
public struct FormRow {
    /// Columns for the label (the marker and a space come before it).
    public static let labelWidth = 18
    /// Columns for the field between its brackets, at 80 columns.
    public static let fieldWidth = 34

    public var label: String
    public var focused: Bool
    /// A message beside the field (an error, or a hint when `messageRole` says so).
    public var message: String?
    public var messageRole: Role

    public init(label: String, focused: Bool, message: String? = nil, messageRole: Role = .error) {
        self.label = label
        self.focused = focused
        self.message = message
        self.messageRole = messageRole
    }

    /// The rectangle of the field between the brackets, in the row `row`.
    public static func fieldRect(in row: Rect, fieldWidth: Int = FormRow.fieldWidth) -> Rect {
        Rect(x: row.x + 2 + labelWidth + 1, y: row.y, width: min(fieldWidth, max(0, row.maxX - row.x - 2 - labelWidth - 2)),
             height: 1)
    }

    /// Draws the marker, the label, the brackets and the message; `drawField` draws the value into
    /// the rectangle between the brackets and returns the cursor.
    @discardableResult
    public func render(in row: Rect, into canvas: inout Canvas, fieldWidth: Int = FormRow.fieldWidth,
                       drawField: (Rect, inout Canvas) -> Point?) -> Point? {
        let row = row.top(1)
        guard !row.isEmpty else { return nil }
        if focused { canvas.put(">", at: row.origin, role: .selection, clip: row) }
        canvas.write(label, in: Rect(x: row.x + 2, y: row.y, width: Self.labelWidth - 1, height: 1),
                     role: focused ? .heading : .label)
        let field = Self.fieldRect(in: row, fieldWidth: fieldWidth)
        canvas.put("[", at: Point(x: field.x - 1, y: row.y), role: .border, clip: row)
        let cursor = drawField(field, &canvas)
        canvas.put("]", at: Point(x: field.maxX, y: row.y), role: .border, clip: row)
        if let message {
            let rest = row.droppingLeft(field.maxX + 2 - row.x)
            canvas.putMessage(message, in: rest, role: messageRole)
        }
        return cursor
    }

    /// A read-only row: the label and the value, muted, without brackets.
    public static func renderReadOnly(label: String, value: String, note: String? = nil, in row: Rect,
                                      into canvas: inout Canvas) {
        let row = row.top(1)
        canvas.write(label, in: Rect(x: row.x + 2, y: row.y, width: labelWidth - 1, height: 1), role: .label)
        let used = canvas.write(value, in: row.droppingLeft(2 + labelWidth + 1), role: .muted)
        if let note {
            canvas.write(note, in: row.droppingLeft(2 + labelWidth + 1 + used + 2), role: .muted)
        }
    }
}
