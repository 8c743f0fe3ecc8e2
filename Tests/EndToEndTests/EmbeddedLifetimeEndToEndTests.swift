import Foundation
import Testing

/// The embedded panel never outlives the client: however `haker-panel` ends — quit, SIGTERM,
/// SIGHUP (the terminal closed), SIGKILL — no `haker-panel-server` is left behind. The client and
/// its child are found by a marker in their environment, which the child inherits.
@Suite struct EmbeddedLifetimeEndToEndTests {
    enum Ending: String, CaseIterable, CustomTestStringConvertible {
        case quit, sigterm, sighup, sigkill
        var testDescription: String { rawValue }
    }

    @Test(arguments: Ending.allCases)
    func theFullScreenLeavesNoServerBehind(_ ending: Ending) throws {
        let home = try Binaries.temporaryDirectory("lifetime-\(ending)")
        let marker = ProcessTable.newMarker()
        defer {
            ProcessTable.killAll(marker.name, marker.value)
            try? FileManager.default.removeItem(at: home)
        }
        let tmux = try TmuxSession(TmuxSession.keepingThePaneOpen([Binaries.client, "--lang", "en"]),
                                   environment: Self.environment(home, marker))
        try tmux.waitFor("Hello, Ayşe Yılmaz")
        let client = try #require(ProcessTable.waitFor("haker-panel", marker.name, marker.value))
        let server = try #require(ProcessTable.waitFor("haker-panel-server", marker.name, marker.value))
        #expect(ProcessTable.commandLine(server).contains(home.path + "/haker-panel/panel.sqlite"))
        switch ending {
        case .quit:
            try tmux.press("F10")
            try tmux.waitFor("exit status 0")
        case .sigterm:
            kill(client, SIGTERM)
            try tmux.waitFor("exit status \(128 + SIGTERM)")
        case .sighup:
            // The terminal goes away: tmux hangs up on the pane.
            try TmuxSession.run(["-L", tmux.socket, "kill-server"])
        case .sigkill:
            kill(client, SIGKILL)
            try tmux.waitFor("exit status \(128 + SIGKILL)")
        }
        ProcessTable.waitUntilGone(marker.name, marker.value)
    }

    @Test(arguments: [SIGTERM, SIGKILL])
    func aLineModeCommandLeavesNoServerBehind(_ signal: Int32) throws {
        let home = try Binaries.temporaryDirectory("lifetime-line-\(signal)")
        let marker = ProcessTable.newMarker()
        defer {
            ProcessTable.killAll(marker.name, marker.value)
            try? FileManager.default.removeItem(at: home)
        }
        // Exporting into a FIFO nobody reads blocks in open(2): the command is caught mid-way, its
        // server running.
        let fifo = home.appendingPathComponent("export.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binaries.client)
        process.arguments = ["export", fifo, "--force"]
        process.environment = ClientRun.cleanEnvironment(home: home).merging([marker.name: marker.value]) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        _ = try #require(ProcessTable.waitFor("haker-panel-server", marker.name, marker.value))
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        ProcessTable.waitUntilGone(marker.name, marker.value)
    }

    @Test func aLineModeCommandStopsItsServerWhenItIsDone() throws {
        let home = try Binaries.temporaryDirectory("lifetime-line-done")
        let marker = ProcessTable.newMarker()
        defer {
            ProcessTable.killAll(marker.name, marker.value)
            try? FileManager.default.removeItem(at: home)
        }
        let run = try ClientRun.run(["messages"], home: home, environment: [marker.name: marker.value])
        #expect(run.status == 0)
        // Stopped and reaped before the client exited: nothing to wait for.
        #expect(ProcessTable.processes(withEnvironment: marker.name, marker.value).isEmpty)
    }

    @Test func theDemoEndsPolitelyAfterItsIdleTimeout() throws {
        let home = try Binaries.temporaryDirectory("lifetime-idle")
        let marker = ProcessTable.newMarker()
        defer {
            ProcessTable.killAll(marker.name, marker.value)
            try? FileManager.default.removeItem(at: home)
        }
        // 0.05 minutes: three seconds without a key.
        let tmux = try TmuxSession(
            TmuxSession.keepingThePaneOpen([Binaries.client, "--demo", "--idle-timeout", "0.05", "--lang", "en"]),
            environment: Self.environment(home, marker))
        try tmux.waitFor("Hello, Ayşe Yılmaz")
        #expect(try tmux.screen().contains("DEMO"))
        let screen = try tmux.waitFor("exit status", timeout: 60)
        #expect(screen.contains("The session was closed after a long time without activity. See you soon!"))
        #expect(screen.contains("exit status 0"))
        ProcessTable.waitUntilGone(marker.name, marker.value)
        #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent("haker-panel").path))
    }

    /// A clean environment in `home`, with the test's marker.
    static func environment(_ home: URL, _ marker: (name: String, value: String)) -> [String: String] {
        ClientRun.cleanEnvironment(home: home).merging([marker.name: marker.value]) { $1 }
    }
}
