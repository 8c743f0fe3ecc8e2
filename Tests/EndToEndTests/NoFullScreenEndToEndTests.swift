import Foundation
import Testing

/// Where there is no terminal for it, the full screen is not started: a message names the
/// line-mode commands and the exit status says so. And the password prompt of line mode gives
/// the terminal back as it found it.
@Suite struct NoFullScreenEndToEndTests {
    @Test func withoutATerminalTheFullScreenIsRefusedAndTheCommandsAreNamed() throws {
        let home = try Binaries.temporaryDirectory("no-tty")
        defer { try? FileManager.default.removeItem(at: home) }
        let run = try ClientRun.run([], home: home)
        #expect(run.status == 64)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("the full-screen panel needs a terminal"))
        for command in ["haker-panel show [--json]", "haker-panel export FILE", "haker-panel policy privacy|cookies",
                        "haker-panel messages", "haker-panel messages set TOPIC CHANNEL on|off"] {
            #expect(run.stderr.contains(command))
        }
        // Nothing was started for it.
        #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent("haker-panel").path))
    }

    @Test func onADumbTerminalTheFullScreenIsRefusedInTheChosenLanguage() throws {
        let home = try Binaries.temporaryDirectory("dumb")
        defer { try? FileManager.default.removeItem(at: home) }
        let tmux = try TmuxSession(TmuxSession.keepingThePaneOpen([Binaries.client, "--lang", "tr"]),
                                   environment: ClientRun.cleanEnvironment(home: home).merging(["TERM": "dumb"]) { $1 })
        let screen = try tmux.waitFor("exit status 64")
        #expect(screen.contains("bu terminal (TERM=dumb) tam ekran paneli gösteremiyor."))
        #expect(screen.contains("haker-panel messages set KONU KANAL on|off"))
    }

    @Test func thePasswordIsAskedWithoutEchoAndCtrlCGivesTheTerminalBack() throws {
        let home = try Binaries.temporaryDirectory("prompt")
        defer { try? FileManager.default.removeItem(at: home) }
        let server = try PanelServerProcess(databasePath: home.appendingPathComponent("panel.sqlite").path)
        defer { server.stop() }
        // A shell that survives the Ctrl-C (its trap), reports the status and the echo setting.
        let script = home.appendingPathComponent("run.sh")
        try """
            trap 'echo interrupted' INT
            '\(Binaries.client)' messages --api \(server.baseURL) --email demo@example.com
            echo "status=$?"
            '\(Binaries.client)' show --api \(server.baseURL)
            echo "status=$?"
            stty -a | tr ' ;' '\\n\\n' | grep -x -e echo -e -echo | sed 's/^/tty:/'
            """.write(to: script, atomically: true, encoding: .utf8)
        let tmux = try TmuxSession(["/bin/sh", script.path], width: 100, height: 40,
                                   environment: ClientRun.cleanEnvironment(home: home))
        try tmux.waitFor("Password:")
        try tmux.type("demo1234")
        try tmux.press("Enter")
        try tmux.waitFor("Message preferences (topic × channel)")
        #expect(!(try tmux.screen().contains("demo1234")))
        try tmux.waitFor("status=0")
        // The second run asks for the e-mail (echoed), then the password; Ctrl-C while typing it.
        try tmux.waitFor("E-mail:")
        try tmux.type("demo@example.com")
        try tmux.press("Enter")
        try tmux.waitUntil(what: "a second password prompt") { $0.components(separatedBy: "Password:").count == 3 }
        try tmux.type("half-typed")
        try tmux.press("C-c")
        let screen = try tmux.waitFor("tty:")
        #expect(screen.contains("demo@example.com"))
        #expect(!screen.contains("half-typed"))
        #expect(screen.contains("status=130"))
        #expect(screen.contains("tty:echo"))
        #expect(!screen.contains("tty:-echo"))
    }
}
