import PanelModels
import TerminalUI

/// The drop-down under a province field: the provinces matching what is typed (`izm` and `İZM`
/// find İzmir, `35` finds it by plate code), best first. ↑/↓ move, Enter picks, Esc closes it.
struct ProvincePicker: Sendable, Hashable {
    /// Rows of provinces shown at most.
    static let visibleRows = 8

    private(set) var list: SelectionList

    init(query: String) {
        list = SelectionList(items: Province.matching(query).map(\.name))
        list.viewHeight = Self.visibleRows
    }

    /// The highlighted province, if any matches.
    var selectedName: String? {
        list.selectedItem.map { list.items[$0] }
    }

    mutating func move(_ key: Key) {
        _ = list.handle(key)
    }

    /// Draws the drop-down under `field` (the field's rectangle between its brackets), or above it
    /// when `area` has no room below, as a box as wide as the field and its brackets.
    func render(under field: Rect, in area: Rect, into canvas: inout Canvas, noMatches: String) {
        let height = max(1, min(Self.visibleRows, list.items.count)) + 2
        let below = field.maxY
        let y = area.maxY - below >= height || below - area.y < height ? below : field.y - height
        let box = Rect(x: field.x - 1, y: y, width: field.width + 2, height: height).intersection(area)
        guard box.height >= 3 else { return }
        canvas.fill(box, role: .dialog)
        canvas.drawBox(box, role: .dialog)
        let inner = box.inset(by: 1)
        if list.items.isEmpty {
            canvas.write(noMatches, in: inner, role: .muted)
        } else {
            list.render(in: inner, into: &canvas, focused: true)
        }
    }
}
