import Foundation
import Testing

/// The real `haker-panel` in tmux against the real server on a temporary database: what a customer
/// does, read back from the screen with `capture-pane`, and checked through the API.
@Suite(.serialized) struct CustomerJourneyTests {
    /// A client in tmux signed in to a fresh server (or to `other`'s server), in `language`.
    struct Journey {
        let directory: URL
        let server: PanelServerProcess
        let tmux: TmuxSession

        init(language: String, width: Int = 80, height: Int = 24, sharingServerOf other: Journey? = nil) throws {
            directory = try Binaries.temporaryDirectory("journey")
            server = try other?.server
                ?? PanelServerProcess(databasePath: directory.appendingPathComponent("panel.sqlite").path)
            tmux = try TmuxSession([Binaries.client, "--api", server.baseURL, "--lang", language],
                                   width: width, height: height,
                                   environment: ["HOME": directory.path, "XDG_CONFIG_HOME": directory.path,
                                                 "XDG_DATA_HOME": directory.path])
        }

        func signIn(email: String = "demo@example.com", password: String = "demo1234") throws {
            try tmux.waitFor("[")
            try tmux.type(email)
            try tmux.press("Tab")
            try tmux.type(password)
            try tmux.press("Enter")
        }

        func finish() {
            server.stop()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    @Test func signInReadAndSearchThePolicyResizeAndQuit() throws {
        let journey = try Journey(language: "tr")
        defer { journey.finish() }
        let tmux = journey.tmux
        try tmux.waitFor("Haker Panel — Giriş")
        try journey.signIn(password: "yanlış")
        try tmux.waitFor("E-posta ya da parola yanlış")
        try tmux.type("demo1234")
        try tmux.press("Enter")
        try tmux.waitFor("Merhaba, Ayşe Yılmaz")
        try tmux.waitFor("Son girişiniz:")

        try tmux.press("5")
        let first = try tmux.waitFor("Sürüm")
        #expect(!first.contains("Çerezler"), "the cookie section is further down")
        try tmux.type("/")
        try tmux.type("çerezler")
        try tmux.press("Enter")
        try tmux.waitFor("Çerezler")

        try tmux.resize(width: 120, height: 40)
        try tmux.waitUntil(what: "a 120-column frame") { screen in
            screen.split(separator: "\n").first?.hasSuffix("Ayşe Yılmaz · TR") == true
                && screen.split(separator: "\n", omittingEmptySubsequences: false).first?.count ?? 0 > 100
        }
        try tmux.resize(width: 60, height: 20)
        try tmux.waitFor("şu an 60x20")
        try tmux.resize(width: 80, height: 24)
        try tmux.waitFor("Gizlilik politikası")

        try tmux.press("F3")
        try tmux.waitFor("Privacy policy")
        try tmux.press("Escape")
        try tmux.waitFor("Hello, Ayşe Yılmaz")
        try tmux.press("F10")
        #expect(try tmux.waitForExit() == 0)
        #expect(!(try tmux.screen()).contains("Haker Panel"), "the shell's screen is back")
    }

    @Test func changePhoneAndBillingRefusePartnerSMSSearchAndExportThenCheckThroughTheAPI() throws {
        let journey = try Journey(language: "tr")
        defer { journey.finish() }
        let tmux = journey.tmux
        try journey.signIn()
        try tmux.waitFor("Merhaba, Ayşe Yılmaz")

        // 2 Contact details: the phone, typed the way people say it.
        try tmux.press("2")
        try tmux.waitFor("[demo@example.com")
        try tmux.press("Tab")
        try tmux.replaceAndSave("0532 765 43 21", storedAs: "+905327654321")
        try tmux.waitFor("Kaydedildi")
        try tmux.press("Escape")
        try tmux.waitFor("Merhaba, Ayşe Yılmaz")

        // 3 Billing address: the first address line.
        try tmux.press("3")
        try tmux.waitFor("Fatura türü")
        try tmux.press("Tab", "Tab", "Tab")
        try tmux.replaceAndSave("İnönü Bulvarı No: 5", storedAs: "İnönü Bulvarı No: 5")
        try tmux.waitFor("Kaydedildi")
        try tmux.press("Escape")
        try tmux.waitFor("Merhaba, Ayşe Yılmaz")

        // 4 Message preferences: refuse SMS about partners' services.
        try tmux.press("4")
        try tmux.waitFor("İş ortağı bilgilendirmeleri")
        try tmux.press("Down", "Right", "Space")
        try tmux.press("F2")
        try tmux.waitFor("açık → kapalı")
        try tmux.press("Enter")
        try tmux.waitFor("Kaydedildi")
        try tmux.press("Escape")
        try tmux.waitFor("Merhaba, Ayşe Yılmaz")

        // 5 Privacy policy: a Turkish word typed in capitals finds it in lower case.
        try tmux.press("5")
        try tmux.waitFor("Sürüm")
        try tmux.type("/")
        try tmux.type("ÜÇÜNCÜ")
        try tmux.press("Enter")
        try tmux.waitFor("üçüncü")
        try tmux.press("Escape")
        try tmux.waitFor("Merhaba, Ayşe Yılmaz")

        // 1 My data: export to the suggested file in the home folder.
        try tmux.press("1")
        try tmux.waitFor("HK-100231")
        try tmux.press("e")
        try tmux.waitFor(".json")
        try tmux.press("Enter")
        try tmux.waitFor(journey.directory.path)
        let files = try FileManager.default.contentsOfDirectory(atPath: journey.directory.path)
            .filter { $0.hasSuffix(".json") }
        #expect(files.count == 1)
        let export = journey.directory.appendingPathComponent(try #require(files.first))
        let mode = try FileManager.default.attributesOfItem(atPath: export.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let exported = try JSONSerialization.jsonObject(with: Data(contentsOf: export)) as? [String: Any]
        #expect(exported?["customer_number"] as? String == "HK-100231")

        // Every change, through the API.
        let contact = try journey.server.get("/v1/me/contact").json as? [String: Any]
        #expect(contact?["phone"] as? String == "+905327654321")
        let billing = try journey.server.get("/v1/me/billing").json as? [String: Any]
        #expect((billing?["address"] as? [String: Any])?["line1"] as? String == "İnönü Bulvarı No: 5")
        let preferences = try journey.server.get("/v1/me/message-preferences").json as? [String: Any]
        let cells = preferences?["preferences"] as? [[String: Any]] ?? []
        let partnerSMS = cells.first { $0["topic"] as? String == "partner_updates" && $0["channel"] as? String == "sms" }
        #expect(partnerSMS?["opted_in"] as? Bool == false)
        #expect(partnerSMS?["effective_from"] is String)
        let data = try journey.server.get("/v1/me/data").json as? [String: Any]
        let log = data?["change_log"] as? [[String: Any]] ?? []
        let resources = Set(log.compactMap { $0["resource"] as? String })
        #expect(resources.isSuperset(of: ["contact", "billing"]), "\(resources)")
        #expect(log.contains { ($0["client"] as? String)?.hasPrefix("haker-panel/") == true })

        try tmux.press("F10")
        #expect(try tmux.waitForExit() == 0)
    }

    /// `/proc/PID/maps`, read to its end (its size reads as 0, so no read by size).
    static func mappedFiles(of pid: pid_t) throws -> String {
        let file = try FileHandle(forReadingFrom: URL(fileURLWithPath: "/proc/\(pid)/maps"))
        defer { try? file.close() }
        let text = String(decoding: try file.readToEnd() ?? Data(), as: UTF8.self)
        #expect(text.contains("haker-panel"), "the maps of the client itself")
        return text
    }

    @Test func anUnreachableServerIsSaidOnTheSignInScreenAndLibcurlLoadsOnlyForTheRequest() throws {
        let directory = try Binaries.temporaryDirectory("unreachable")
        defer { try? FileManager.default.removeItem(at: directory) }
        let tmux = try TmuxSession([Binaries.client, "--api", "http://127.0.0.1:9", "--lang", "en"],
                                   environment: ["HOME": directory.path, "XDG_CONFIG_HOME": directory.path])
        try tmux.waitFor("Sign in")
        // Issue 7: the sign-in screen is painted without libcurl (and OpenSSL...) in the process.
        let pid = try tmux.panePID()
        #expect(try !Self.mappedFiles(of: pid).contains("libcurl"))
        try tmux.type("demo@example.com")
        try tmux.press("Tab")
        try tmux.type("demo1234")
        try tmux.press("Enter")
        try tmux.waitFor("connection was refused")
        #expect(try Self.mappedFiles(of: pid).contains("libcurl"))
        try tmux.press("C-c")
        #expect(try tmux.waitForExit() == 0)
    }
}
