import Foundation
import Testing
import TerminalUI
@testable import PanelApp
@testable import PanelClient
import PanelModels

/// `haker-panel --demo` serves visitors of an SSH demo: nothing they do may outlive their session,
/// so the shell writes no file for them.
struct DemoSessionTests {
    @Test(arguments: [Language.en, .tr])
    func anExportInTheDemoWritesNoFileAndSaysWhy(language: Language) throws {
        let home = FileManager.default.temporaryDirectory
            .appendingPathComponent("haker-panel-demo-export-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let session = SignedInSession(token: SessionToken("test-token"), expiresAt: Timestamp(seconds: 2_000_000_000),
                                      idleTimeoutMinutes: 30)
        var program = PanelProgram(
            options: LaunchOptions(base: try APIBase("http://127.0.0.1:9"), language: language, session: session,
                                   email: "demo@example.com", isDemo: true, initialScreen: .myData,
                                   idleTimeout: .seconds(900), homeDirectory: home.path, writesFiles: false),
            transfers: TransferSet())
        let answer: (APICall) -> APIReply? = { call in
            call == .dataExport ? .dataExport(.success(Data("{}".utf8), etag: nil)) : Fixtures.reply(to: call)
        }
        program.answerCalls(answer)
        program.press(.character("e"))
        #expect(program.screenText().contains(".json"), "the export asks for a path first")
        program.press(.enter)
        program.answerCalls(answer)

        let refusal = FileWriteError.notInTheDemo.message(in: language)
        let words = refusal.split(separator: " ").prefix(4).joined(separator: " ")
        #expect(program.screenText().contains(words), "the screen says why:\n\(program.screenText())")
        #expect(try FileManager.default.contentsOfDirectory(atPath: home.path).isEmpty)
    }
}
