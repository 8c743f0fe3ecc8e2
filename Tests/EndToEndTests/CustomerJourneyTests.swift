import Foundation
import Testing

/// The real `haker-panel` in tmux against the real server on a temporary database: what a customer
/// does, read back from the screen with `capture-pane`, and checked through the API.
@Suite(.serialized) struct CustomerJourneyTests {
    /// A client in tmux signed in to a fresh server, in `language`.
    struct Journey {
        let directory: URL
        let server: PanelServerProcess
        let tmux: TmuxSession

        init(language: String, width: Int = 80, height: Int = 24) throws {
            directory = try Binaries.temporaryDirectory("journey")
            server = try PanelServerProcess(databasePath: directory.appendingPathComponent("panel.sqlite").path)
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

    @Test func anUnreachableServerIsSaidOnTheSignInScreen() throws {
        let directory = try Binaries.temporaryDirectory("unreachable")
        defer { try? FileManager.default.removeItem(at: directory) }
        let tmux = try TmuxSession([Binaries.client, "--api", "http://127.0.0.1:9", "--lang", "en"],
                                   environment: ["HOME": directory.path, "XDG_CONFIG_HOME": directory.path])
        try tmux.waitFor("Sign in")
        try tmux.type("demo@example.com")
        try tmux.press("Tab")
        try tmux.type("demo1234")
        try tmux.press("Enter")
        try tmux.waitFor("connection was refused")
        try tmux.press("C-c")
        #expect(try tmux.waitForExit() == 0)
    }
}
