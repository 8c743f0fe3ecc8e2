import TerminalUI

/// Placeholder until the screen lands.
public struct MyDataScreen: PanelScreen {
    public init() {}
    public func keyHints(_ context: ScreenContext) -> [KeyHint] { [] }
    public func helpEntries(_ context: ScreenContext) -> [(label: String, help: String)] { [] }
    public mutating func open(_ context: ScreenContext) -> [Effect] { [] }
    public mutating func handle(_ key: Key, _ context: ScreenContext) -> KeyResult { .ignored }
    public mutating func receive(_ incoming: Incoming, _ context: ScreenContext) -> [Effect] { [] }
    public func render(in body: Rect, into canvas: inout Canvas, _ context: ScreenContext) -> Point? { nil }
}
