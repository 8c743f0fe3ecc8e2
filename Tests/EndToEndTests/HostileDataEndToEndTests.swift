import Foundation
import ScriptedHTTP
import Testing

/// The real `haker-panel` in tmux showing hostile data: from a fake panel on loopback, and from
/// the real server's own database with rows written before today's rules (inserted straight into
/// SQLite). Every byte the client writes to the terminal is recorded (`pipe-pane`) and checked:
/// nothing from the data reaches the terminal as a control, and no secret reaches it or the disk.
@Suite(.serialized) struct HostileDataEndToEndTests {
    /// What a terminal must never receive from the data, as the bytes would arrive: the OSC title
    /// change, any C1 control (UTF-8 C2 80…C2 9F), DEL, the bidi marks, embeddings, overrides and
    /// isolates, and the line and paragraph separators. (ncurses itself writes only 7-bit
    /// sequences, none of these.)
    static func dangerousBytes(in output: [UInt8]) -> String? {
        let forbidden: [(String, [UInt8])] = [("OSC title", Array("\u{1B}]0;pwned".utf8)), ("DEL", [0x7F]),
                                              ("U+061C", Array("\u{061C}".utf8))]
            + (0x80...0x9F).map { ("C1 U+00\(String($0, radix: 16))", [0xC2, UInt8($0)]) }
            + ([0x200E, 0x200F, 0x2028, 0x2029] + Array(0x202A...0x202E) + Array(0x2066...0x2069)).map {
                ("U+\(String($0, radix: 16))", Array(String(Unicode.Scalar(UInt32($0))!).utf8))
            }
        for (name, bytes) in forbidden where output.firstRange(of: bytes) != nil {
            return name
        }
        return nil
    }

    /// Starts the client in tmux against `api`, recording its output, and signs in.
    static func signedInClient(api: String, directory: URL, language: String = "tr") throws
        -> (tmux: TmuxSession, output: URL) {
        let output = directory.appendingPathComponent("terminal-output")
        let tmux = try TmuxSession([Binaries.client, "--api", api, "--lang", language],
                                   environment: ["HOME": directory.path, "XDG_CONFIG_HOME": directory.path,
                                                 "XDG_DATA_HOME": directory.path])
        try tmux.recordOutput(to: output.path)
        try tmux.waitFor("[")
        try tmux.type("demo@example.com")
        try tmux.press("Tab")
        try tmux.type("demo1234")
        try tmux.press("Enter")
        return (tmux, output)
    }

    static func checkOutput(_ output: URL, tmux: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation)
        throws {
        let bytes = Array(try Data(contentsOf: output))
        #expect(bytes.count > 1000, "the output was recorded", sourceLocation: sourceLocation)
        let found = dangerousBytes(in: bytes)
        #expect(found == nil, "\(found ?? "") reached the terminal", sourceLocation: sourceLocation)
        #expect(try tmux.paneTitle() != "pwned", "the title was not changed", sourceLocation: sourceLocation)
    }

    @Test func escapesFromAHostileServerNeverReachTheTerminal() throws {
        let directory = try Binaries.temporaryDirectory("hostile")
        defer { try? FileManager.default.removeItem(at: directory) }
        let panel = try FakePanel()
        defer { panel.stop() }
        let (tmux, output) = try Self.signedInClient(api: panel.url, directory: directory)
        try tmux.waitFor("Ayşe␛]0;pwned␇")
        try tmux.press("1")
        try tmux.waitFor("Sizinle ilgili sakladığımız veriler")
        try tmux.press("Escape")
        try tmux.waitFor("Merhaba")
        try tmux.press("2")
        try tmux.waitFor("Atatürk Cad.␛[1;1H␛[?1049l")
        try tmux.waitFor("Denetim karakteri içeremez")
        try tmux.press("Escape")
        try tmux.waitFor("Merhaba")
        try tmux.press("5")
        try tmux.waitFor("Sürüm")
        try tmux.press("F10")
        #expect(try tmux.waitForExit() == 0)
        try Self.checkOutput(output, tmux: tmux)
        // The password typed at sign-in and the token the panel gave: not on the terminal, not in
        // any file the client left in its home and XDG folders.
        let secrets = ["demo1234", "fake-token"]
        let terminal = String(decoding: try Data(contentsOf: output), as: UTF8.self)
        #expect(secrets.allSatisfy { !terminal.contains($0) }, "a secret reached the terminal")
        let files = FileManager.default.enumerator(atPath: directory.path)?.compactMap { $0 as? String } ?? []
        for file in files where file != output.lastPathComponent {
            let bytes = (try? Data(contentsOf: directory.appendingPathComponent(file))) ?? Data()
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(secrets.allSatisfy { !text.contains($0) }, "a secret in \(file)")
        }
    }

    /// Rows as an import or an older version left them: a 300-character name, ESC and a bidi
    /// override in the name and the address, a province not among the 81 and a postcode of none,
    /// an invalid TC Kimlik No, NULL fax and second line.
    static let legacyRows = """
        .timeout 10000
        UPDATE customers SET first_name = 'Ayşe' || char(27) || ']0;pwned' || char(7) || char(8238) || 'gpj.exe',
            last_name = printf('%.300c', 'Y'), fax = NULL WHERE email = 'demo@example.com';
        UPDATE addresses SET line1 = 'Atatürk' || char(27) || '[2J Cad.' || char(155), line2 = NULL,
            province = 'Narnia', postal_code = '99999'
            WHERE kind = 'contact' AND customer_id = (SELECT id FROM customers WHERE email = 'demo@example.com');
        UPDATE billing_profiles SET tckn = '12345678901', full_name = printf('%.300c', 'A')
            WHERE customer_id = (SELECT id FROM customers WHERE email = 'demo@example.com');
        """

    @Test func legacyRowsInTheServersDatabaseAreServedShownInertAndCanBeFixed() throws {
        let directory = try Binaries.temporaryDirectory("legacy")
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try PanelServerProcess(databasePath: directory.appendingPathComponent("panel.sqlite").path)
        defer { server.stop() }
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [server.databasePath]
        let input = Pipe()
        sqlite.standardInput = input
        try sqlite.run()
        input.fileHandleForWriting.write(Data(Self.legacyRows.utf8))
        try input.fileHandleForWriting.close()
        sqlite.waitUntilExit()
        try #require(sqlite.terminationStatus == 0, "the legacy rows were written")

        for path in ["/v1/me", "/v1/me/contact", "/v1/me/billing", "/v1/me/data", "/v1/me/data/export"] {
            let (status, _) = try server.request("GET", path, token: server.demoToken)
            #expect(status == 200, "GET \(path) answered \(status)")
        }

        let (tmux, output) = try Self.signedInClient(api: server.baseURL, directory: directory)
        try tmux.waitFor("Merhaba, Ayşe␛]0;pwned␇�gpj.exe")
        try tmux.press("2")
        let contact = try tmux.waitFor("81 ilden biri olmalı")
        #expect(contact.contains("Atatürk␛[2J Cad.�"), "\(contact)")
        #expect(contact.split(separator: "\n").contains { $0.contains("␛[2J") && $0.contains("Denetim karakteri") },
                "the message beside the line:\n\(contact)")
        try tmux.press("Escape")
        try tmux.waitFor("Merhaba")
        try tmux.press("3")
        let billing = try tmux.waitFor("Geçerli bir TC Kimlik No değil")
        #expect(billing.contains("Çok uzun"), "the 300-character name is marked:\n\(billing)")
        // Fixing the name and the number saves the profile.
        try tmux.press("Tab")
        try tmux.press("C-u")
        try tmux.type("Ayşe Yılmaz")
        try tmux.press("Tab")
        try tmux.press("C-u")
        try tmux.type("10000000146")
        try tmux.waitForAbsence(of: "Geçerli bir TC Kimlik No değil")
        try tmux.press("F2")
        try tmux.waitFor("Kaydedilecek değişiklikler")
        try tmux.press("Enter")
        try tmux.waitFor("Kaydedildi")
        try tmux.press("F10")
        #expect(try tmux.waitForExit() == 0)
        try Self.checkOutput(output, tmux: tmux)

        let (_, billingNow) = try server.get("/v1/me/billing")
        let stored = billingNow as? [String: Any]
        #expect(stored?["tckn"] as? String == "10000000146")
        #expect(stored?["full_name"] as? String == "Ayşe Yılmaz")
    }
}
