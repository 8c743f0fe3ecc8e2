import Foundation
import Testing
import PanelModels
import TerminalUI
@testable import PanelApp

/// The screen catalogue: every screen in both languages at 80x24 (and each in Turkish at
/// 120x40), rendered with the demo data and compared with the files in `Screens/`, which support
/// staff read. `make screens` re-records them (HAKER_PANEL_RECORD_SCREENS=1); a recording run
/// fails on purpose, so nobody records by accident: read the diff, then commit.
@Suite struct ScreenCatalogueTests {
    static let screensDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Screens")

    struct Entry: CustomTestStringConvertible, Sendable {
        var route: Route
        var language: Language
        var width = 80
        var height = 24
        /// The screen with its help (F1) open: every key it takes, drawn from its keymap.
        var help = false

        var fileName: String {
            let base = route.number.map { "\($0)-\(route.slug)" } ?? route.slug
            let size = width == 80 && height == 24 ? "" : ".\(width)x\(height)"
            return (help ? "help/" : "") + "\(base).\(language.rawValue)\(size).txt"
        }

        var testDescription: String { fileName }
    }

    /// The screens in the catalogue so far.
    static let catalogued: [Route] = Route.allCases

    static let entries: [Entry] = catalogued.flatMap { route in
        [Entry(route: route, language: .tr), Entry(route: route, language: .en),
         Entry(route: route, language: .tr, width: 120, height: 40),
         Entry(route: route, language: .tr, help: true), Entry(route: route, language: .en, help: true)]
    }

    static func render(_ entry: Entry) -> String {
        var program = PanelProgram.forTests(language: entry.language, signedIn: entry.route != .signIn,
                                            initialScreen: entry.route == .signIn ? .home : entry.route)
        program.send(.resize(Size(width: entry.width, height: entry.height)))
        program.answerCalls()
        if entry.help { program.press(.function(1)) }
        return program.screenText(width: entry.width, height: entry.height)
    }

    @Test(arguments: entries)
    func screenMatchesTheCatalogue(_ entry: Entry) throws {
        try SnapshotFile(Self.screensDirectory.appendingPathComponent(entry.fileName)).check(Self.render(entry))
    }
}

/// A text snapshot beside the tests: compared line by line; `HAKER_PANEL_RECORD_SCREENS=1`
/// writes it anew and fails the test.
struct SnapshotFile {
    let url: URL

    init(_ url: URL) {
        self.url = url
    }

    func check(_ actual: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if ProcessInfo.processInfo.environment["HAKER_PANEL_RECORD_SCREENS"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("re-recorded \(url.lastPathComponent): read the diff before committing",
                         sourceLocation: sourceLocation)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("no snapshot \(url.path); record it with `make screens`", sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let a = expected.components(separatedBy: "\n"), b = actual.components(separatedBy: "\n")
        var diff: [String] = []
        for i in 0..<max(a.count, b.count) where (i < a.count ? a[i] : nil) != (i < b.count ? b[i] : nil) {
            diff.append("\(i + 1) - " + (i < a.count ? a[i] : "∅"))
            diff.append("\(i + 1) + " + (i < b.count ? b[i] : "∅"))
        }
        let lines = diff.joined(separator: "\n")
        Issue.record("\(url.lastPathComponent) differs (- expected, + actual):\n\(lines)", sourceLocation: sourceLocation)
    }
}
