import Foundation
import Testing

/// The line-mode commands of the real `haker-panel`, as a script runs them: against a real server
/// on a temporary database (signing in with --password-stdin), and on the embedded panel.
@Suite struct LineModeEndToEndTests {
    static let password = "demo1234"
    static let signIn = ["--email", "demo@example.com", "--password-stdin"]

    /// A real server and a home folder of the test's own.
    final class Fixture {
        let home: URL
        let server: PanelServerProcess

        init(_ label: String) throws {
            home = try Binaries.temporaryDirectory(label)
            server = try PanelServerProcess(databasePath: home.appendingPathComponent("panel.sqlite").path)
        }

        deinit {
            server.stop()
            try? FileManager.default.removeItem(at: home)
        }

        /// `haker-panel COMMAND… --api URL --email demo@example.com --password-stdin`, the password on stdin.
        func run(_ arguments: [String], password: String = LineModeEndToEndTests.password,
                 environment: [String: String] = [:]) throws -> ClientRun {
            try ClientRun.run(arguments + ["--api", server.baseURL] + LineModeEndToEndTests.signIn,
                              input: password + "\n", home: home, environment: environment)
        }

        /// How many times the IP log says the demo customer signed out.
        func signOuts() throws -> Int {
            let report = try server.get("/v1/me/data").json as? [String: Any]
            let log = report?["ip_log"] as? [[String: Any]] ?? []
            return log.filter { $0["action"] as? String == "sign_out" }.count
        }

        func cell(_ topic: String, _ channel: String) throws -> Bool? {
            let body = try server.get("/v1/me/message-preferences").json as? [String: Any]
            let cells = body?["preferences"] as? [[String: Any]] ?? []
            return cells.first { $0["topic"] as? String == topic && $0["channel"] as? String == channel }?["opted_in"]
                as? Bool
        }
    }

    // MARK: - Against a real server

    @Test func showPrintsTheStoredDataAsTextAndSignsOutAtTheEnd() throws {
        let fixture = try Fixture("line-show")
        let before = try fixture.signOuts()
        let run = try fixture.run(["show"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("The data stored about you — customer HK-100231"))
        #expect(run.stdout.contains("Ayşe"))
        #expect(run.stdout.contains("Not stored about you"))
        #expect(try fixture.signOuts() == before + 1)

        let turkish = try fixture.run(["show", "--lang", "tr"])
        #expect(turkish.stdout.contains("Hakkınızda saklanan veriler — müşteri HK-100231"))
    }

    @Test func showJSONIsTheDataReport() throws {
        let fixture = try Fixture("line-json")
        let run = try fixture.run(["show", "--json"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(json?["customer_number"] as? String == "HK-100231")
        #expect((json?["categories"] as? [Any])?.isEmpty == false)
    }

    @Test func aWrongPasswordIsRefusedWithItsOwnExitStatus() throws {
        let fixture = try Fixture("line-wrong")
        let run = try fixture.run(["messages"], password: "not-the-password")
        #expect(run.status == 3)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "haker-panel: The e-mail address or the password is wrong.\n")
        let turkish = try fixture.run(["messages", "--lang", "tr"], password: "yanlış")
        #expect(turkish.status == 3)
        #expect(turkish.stderr.contains("E-posta adresi ya da parola yanlış."))
    }

    @Test func anUnreachableServerHasItsOwnExitStatus() throws {
        let home = try Binaries.temporaryDirectory("line-unreachable")
        defer { try? FileManager.default.removeItem(at: home) }
        let run = try ClientRun.run(["show", "--api", "http://127.0.0.1:\(try LoopbackPort.unused())"] + Self.signIn,
                                    input: "x\n", home: home)
        #expect(run.status == 4)
        #expect(run.stderr.contains("the connection was refused"))
    }

    @Test func passwordStdinWithNothingOnStdinIsAUsageError() throws {
        let fixture = try Fixture("line-nostdin")
        let run = try fixture.run(["show"], password: "")
        #expect(run.status == 64)
        #expect(run.stderr.contains("standard input holds no password"))
    }

    @Test func withoutATerminalTheEmailMustBeGiven() throws {
        let fixture = try Fixture("line-noemail")
        // setsid: no controlling terminal, so /dev/tty cannot be opened, as under cron.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        process.arguments = ["-w", Binaries.client, "show", "--api", fixture.server.baseURL, "--password-stdin"]
        process.environment = ClientRun.cleanEnvironment(home: fixture.home)
        let err = Pipe()
        process.standardError = err
        process.standardInput = Pipe()
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 64)
        #expect(text.contains("--email"))
    }

    @Test func messagesSetChangesOneCellAndRefusesARequiredTopic() throws {
        let fixture = try Fixture("line-set")
        #expect(try fixture.cell("partner_updates", "phone") == false)
        let on = try fixture.run(["messages", "set", "partner_updates", "phone", "on"])
        #expect(on.status == 0, "stderr: \(on.stderr)")
        #expect(on.stdout == "Partner updates · Phone call: on\n")
        #expect(try fixture.cell("partner_updates", "phone") == true)

        let off = try fixture.run(["messages", "set", "service_updates", "email", "off", "--lang", "tr"])
        #expect(off.status == 0)
        #expect(off.stdout.contains("Hizmet bilgilendirmeleri · E-posta: kapalı, "))
        #expect(off.stdout.contains("itibarıyla geçerli"))
        #expect(try fixture.cell("service_updates", "email") == false)

        let required = try fixture.run(["messages", "set", "security_notices", "sms", "off"])
        #expect(required.status == 1)
        #expect(required.stderr.contains("Security notices · SMS is a required notice and cannot be refused"))
        #expect(try fixture.cell("security_notices", "sms") == true)

        let unknown = try fixture.run(["messages", "set", "newsletters", "sms", "off"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("Topics: service_updates, partner_updates"))

        let listed = try fixture.run(["messages"])
        #expect(listed.stdout.contains("Partner updates   on        on        on"))
        #expect(listed.stdout.contains("Service updates · E-mail: off"))
    }

    @Test func exportWritesTheServersBytesPrivatelyAndNeverOverwritesUnlessForced() throws {
        let fixture = try Fixture("line-export")
        let file = fixture.home.appendingPathComponent("export.json")
        let first = try fixture.run(["export", file.path])
        #expect(first.status == 0, "stderr: \(first.stderr)")
        #expect(first.stdout.contains(file.path))
        let written = try Data(contentsOf: file)
        let json = try JSONSerialization.jsonObject(with: written) as? [String: Any]
        #expect(json?["customer_number"] as? String == "HK-100231")
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        try Data("mine".utf8).write(to: file)
        let again = try fixture.run(["export", file.path])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists; give --force"))
        #expect(try Data(contentsOf: file) == Data("mine".utf8))

        let forced = try fixture.run(["export", file.path, "--force"])
        #expect(forced.status == 0)
        #expect(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) is [String: Any])
    }

    @Test func thePolicyNeedsNoSignIn() throws {
        let fixture = try Fixture("line-policy")
        let run = try ClientRun.run(["policy", "privacy", "--lang", "tr", "--api", fixture.server.baseURL],
                                    home: fixture.home)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.hasPrefix("Gizlilik Politikası\nSürüm "))
        #expect(run.stdout.contains("\n# "))
    }

    // MARK: - On the embedded panel

    @Test func onTheEmbeddedPanelTheCommandsUseTheDemoCustomerAndKeepTheirChanges() throws {
        let home = try Binaries.temporaryDirectory("line-embedded")
        defer { try? FileManager.default.removeItem(at: home) }
        let marker = ProcessTable.newMarker()
        let env = [marker.name: marker.value]
        let set = try ClientRun.run(["messages", "set", "partner_updates", "phone", "on"], home: home,
                                    environment: env)
        #expect(set.status == 0, "stderr: \(set.stderr)")
        #expect(set.stdout == "Partner updates · Phone call: on\n")
        let listed = try ClientRun.run(["messages"], home: home, environment: env)
        #expect(listed.stdout.contains("Partner updates   on        on        on"))
        let show = try ClientRun.run(["show"], home: home, environment: env)
        #expect(show.stdout.contains("HK-100231"))
        let policy = try ClientRun.run(["policy", "cookies", "--lang", "en"], home: home, environment: env)
        #expect(policy.stdout.hasPrefix("Cookie Policy\n"))
        #expect(FileManager.default.fileExists(atPath: home.appendingPathComponent("haker-panel/panel.sqlite").path))
        // Each command stopped its server on the way out.
        #expect(ProcessTable.processes(withEnvironment: marker.name, marker.value).isEmpty)
    }

    @Test func withDemoEveryRunStartsFromFreshDemoData() throws {
        let home = try Binaries.temporaryDirectory("line-demo")
        defer { try? FileManager.default.removeItem(at: home) }
        let set = try ClientRun.run(["--demo", "messages", "set", "partner_updates", "phone", "on"], home: home)
        #expect(set.stdout == "Partner updates · Phone call: on\n")
        let listed = try ClientRun.run(["--demo", "messages"], home: home)
        #expect(listed.stdout.contains("Partner updates   on        on        off"))
        #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent("haker-panel").path))
    }
}
