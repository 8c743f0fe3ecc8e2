import Foundation
import Testing
import PanelClient
import PanelModels
import TerminalUI
@testable import PanelApp

/// The shell and the screens it starts with, driven by keys and replies as the customer and the
/// server would drive them.
@Suite struct ShellTests {
    static func problem(_ status: Int, _ code: String, retryAfter: Int? = nil) -> APIFailure {
        .problem(Problem(title: code, status: status, code: code, retryAfter: retryAfter))
    }

    static let session = SignedInSession(token: SessionToken("new-token"), expiresAt: Timestamp(seconds: 2_000_000_000),
                                         idleTimeoutMinutes: 30)

    func signInScreen(_ language: Language = .en) -> PanelProgram {
        var program = PanelProgram.forTests(language: language, signedIn: false)
        program.send(.resize(Size(width: 80, height: 24)))
        return program
    }

    func flight(_ program: PanelProgram, _ matches: (APICall) -> Bool) -> (TransferID, PanelProgram.InFlight)? {
        program.inFlight.first { matches($0.value.call) }.map { ($0.key, $0.value) }
    }

    // MARK: - Sign-in

    @Test func signingInOpensHomeAndLoadsTheCustomer() throws {
        var program = signInScreen()
        program.type("Demo@Example.com")
        program.press(.tab)
        program.type("demo1234")
        program.press(.enter)
        let (id, sent) = try #require(flight(program) { $0.isSignIn })
        #expect(sent.call == .signIn(email: "demo@example.com", password: "demo1234"))
        #expect(program.screenText().contains("Signing in…"))
        program.deliver(.signIn(.success(Self.session, etag: nil)), for: id)
        #expect(program.route == .home)
        #expect(flight(program) { $0 == .overview } != nil)
        program.answerCalls()
        #expect(program.screenText().contains("Hello, Ayşe Yılmaz"))
        #expect(program.screenText().contains("HK-100231"))
    }

    @Test func enterOnAnEmptyPasswordMovesToItInsteadOfSending() {
        var program = signInScreen()
        program.type("demo@example.com")
        program.press(.enter)
        #expect(program.inFlight.isEmpty)
        program.type("x")
        guard let screen = program.screen as? SignInScreen else { Issue.record("not on sign-in"); return }
        #expect(screen.password.text == "x")
    }

    @Test func wrongCredentialsClearThePasswordAndSaySo() throws {
        var program = signInScreen(.tr)
        program.type("demo@example.com")
        program.press(.tab)
        program.type("wrong")
        program.press(.enter)
        let (id, _) = try #require(flight(program) { $0.isSignIn })
        program.deliver(.signIn(.failure(Self.problem(401, ProblemCode.invalidCredentials))), for: id)
        let screen = try #require(program.screen as? SignInScreen)
        #expect(screen.password.text.isEmpty)
        #expect(screen.email.text == "demo@example.com")
        #expect(program.screenText().contains("E-posta ya da parola yanlış"))
        #expect(!program.screenText().contains("wrong"))
    }

    @Test func aLockOutShowsTheTimeLeftAndRefusesToSend() throws {
        var program = signInScreen()
        program.type("demo@example.com")
        program.press(.tab)
        program.type("wrong")
        program.press(.enter)
        let (id, _) = try #require(flight(program) { $0.isSignIn })
        program.deliver(.signIn(.failure(Self.problem(429, ProblemCode.tooManyAttempts, retryAfter: 886))), for: id)
        #expect(program.screenText().contains("Try again in 14:4"))
        program.type("x")
        program.press(.enter)
        #expect(program.inFlight.isEmpty, "no request while locked")
        #expect(program.nextDeadline() != nil, "the countdown redraws")
    }

    @Test func anUnreachableServerIsNamedAndEnterTriesAgain() throws {
        var program = signInScreen()
        program.type("demo@example.com")
        program.press(.tab)
        program.type("demo1234")
        program.press(.enter)
        let (id, _) = try #require(flight(program) { $0.isSignIn })
        program.deliver(.signIn(.failure(.transport(.connectionRefused(host: "127.0.0.1")))), for: id)
        #expect(program.screenText().contains("connection was refused"))
        program.press(.enter)
        #expect(flight(program) { $0.isSignIn } != nil)
    }

    // MARK: - Navigation

    @Test func digitsOpenScreensAndQGoesBackThenQuits() {
        var program = PanelProgram.forTests(language: .en)
        program.answerCalls()
        program.type("5")
        #expect(program.route == .privacy)
        program.answerCalls()
        #expect(program.screenText().contains("5 · Privacy policy"))
        program.type("q")
        #expect(program.route == .home)
        #expect(program.send(.key(.character("q"))) == .quit)
    }

    @Test func f10QuitsFromAnywhereAndF9SignsOut() {
        var program = PanelProgram.forTests(language: .en)
        program.answerCalls()
        program.type("6")
        #expect(program.send(.key(.function(10))) == .quit)

        var other = PanelProgram.forTests(language: .en)
        other.answerCalls()
        other.press(.function(9))
        #expect(other.route == .signIn)
        #expect(other.token == nil)
        #expect(other.inFlight.values.contains { $0.call == .signOut }, "the session is ended on the server")
    }

    @Test func escDuringALoadCancelsItAndRRetries() throws {
        var program = PanelProgram.forTests(language: .en)
        program.answerCalls()
        program.type("5")
        #expect(program.screenText().contains("Esc: cancel"))
        program.press(.escape)
        #expect(program.route == .privacy, "Esc cancels the request, it does not leave")
        #expect(!program.inFlight.values.contains { $0.owner == .privacy })
        #expect(program.screenText().contains("Loading cancelled"))
        program.type("r")
        #expect(program.inFlight.values.contains { $0.call == .policy(.privacy, .en) })
    }

    @Test func anExpiredSessionAsksForThePasswordAndThenRepeatsTheCall() throws {
        var program = PanelProgram.forTests(language: .tr)
        program.answerCalls()
        program.type("5")
        let (id, _) = try #require(flight(program) { $0 == .policy(.privacy, .tr) })
        program.deliver(.policy(.failure(Self.problem(401, ProblemCode.sessionExpired))), for: id)
        #expect(program.screenText().contains("Oturum sona erdi"))
        program.type("demo1234")
        #expect(!program.screenText().contains("demo1234"), "the password is masked")
        program.press(.enter)
        let (signIn, again) = try #require(flight(program) { $0.isSignIn })
        #expect(again.call == .signIn(email: "demo@example.com", password: "demo1234"))
        program.deliver(.signIn(.success(Self.session, etag: nil)), for: signIn)
        #expect(program.token == Self.session.token)
        #expect(flight(program) { $0 == .policy(.privacy, .tr) } != nil, "the refused call runs again")
        program.answerCalls()
        #expect(program.screenText().contains("Gizlilik Politikası"))
    }

    @Test func aWrongPasswordAtThePromptKeepsItOpen() throws {
        var program = PanelProgram.forTests(language: .en)
        program.answerCalls()
        program.type("6")
        let (id, _) = try #require(flight(program) { $0 == .policy(.cookies, .en) })
        program.deliver(.policy(.failure(Self.problem(401, ProblemCode.unauthorized))), for: id)
        program.type("nope")
        program.press(.enter)
        let (signIn, _) = try #require(flight(program) { $0.isSignIn })
        program.deliver(.signIn(.failure(Self.problem(401, ProblemCode.invalidCredentials))), for: signIn)
        #expect(program.screenText().contains("Session ended"))
        program.press(.escape)
        #expect(!program.screenText().contains("Session ended"))
        #expect(program.route == .cookies)
    }

    // MARK: - Language, help, size

    @Test func f3SwitchesTheLanguageAndThePolicyFollows() {
        var program = PanelProgram.forTests(language: .tr)
        program.answerCalls()
        program.type("5")
        program.answerCalls()
        program.press(.function(3))
        #expect(program.inFlight.values.contains { $0.call == .policy(.privacy, .en) })
        program.answerCalls()
        #expect(program.screenText().contains("5 · Privacy policy"))
        #expect(program.screenText().contains("Privacy Policy"))
        program.type("l")
        #expect(program.language == .tr)
    }

    @Test func helpListsEveryKeyOfTheScreenFromItsKeymap() {
        var program = PanelProgram.forTests(language: .en)
        program.answerCalls()
        program.type("5")
        program.answerCalls()
        program.press(.function(1))
        let text = program.screenText()
        for line in ["Help — 5 · Privacy policy", "Search the text", "Next (n) or previous (N)", "F10", "F3"] {
            #expect(text.contains(line), "\(line)")
        }
        program.press(.down)
        #expect(!program.screenText().contains("Help — 5"))
    }

    @Test func belowTheMinimumSizeAClearMessageThenRecovery() {
        var program = PanelProgram.forTests(language: .en)
        program.answerCalls()
        program.send(.resize(Size(width: 60, height: 20)))
        #expect(program.screenText(width: 60, height: 20).contains("Make the window at least 80x24 (now 60x20)"))
        program.send(.resize(Size(width: 80, height: 24)))
        #expect(program.screenText().contains("Hello, Ayşe Yılmaz"))
    }

    @Test func thePolicySearchFoldsCaseTheTurkishWay() throws {
        var program = PanelProgram.forTests(language: .tr)
        program.answerCalls()
        program.type("5")
        program.answerCalls()
        program.type("/")
        program.type("KİŞİSEL")
        program.press(.enter)
        let screen = try #require(program.screen as? PolicyScreen)
        #expect(!(screen.pager?.matches.isEmpty ?? true), "KİŞİSEL finds kişisel")
        program.type("/")
        program.type("DIŞINDA")
        program.press(.enter)
        let dotless = try #require(program.screen as? PolicyScreen)
        #expect(!(dotless.pager?.matches.isEmpty ?? true), "DIŞINDA finds dışında: I is ı in Turkish")
        program.type("/")
        program.type("DİŞİNDA")
        program.press(.enter)
        let dotted = try #require(program.screen as? PolicyScreen)
        #expect(dotted.pager?.matches.isEmpty ?? false, "İ is i, not ı: DİŞİNDA does not find dışında")
    }

    @Test func serverTextIsDrawnInertEvenInTheTitleBar() {
        var program = PanelProgram.forTests(language: .en)
        var hostile = Fixtures.overview
        hostile.firstName = "Ayşe\u{1B}[2J\u{202E}"
        program.answerCalls { call in call == .overview ? .overview(.success(hostile, etag: nil)) : nil }
        var canvas = Canvas(size: Size(width: 80, height: 24))
        _ = program.render(into: &canvas)
        let drawn = canvas.lines().joined()
        #expect(!drawn.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{202E}" })
        #expect(drawn.contains("Ayşe␛[2J"))
    }
}

extension ShellTests {
    @Test func afterTheEmailChangesSigningInAgainUsesTheNewOne() throws {
        var program = PanelProgram.forTests(language: .en)
        program.answerCalls()
        program.type("2")
        program.answerCalls()
        var saved = Fixtures.contact
        saved.email = "ayse@example.org"
        program.deliver(.contact(.success(saved, etag: "\"2\"")),
                        to: PanelProgram.InFlight(call: .saveContact(saved, etag: Fixtures.etag), owner: .contact))
        #expect(program.email == "ayse@example.org")
        program.run([.navigate(.cookies)])
        let (id, _) = try #require(flight(program) { $0 == .policy(.cookies, .en) })
        program.deliver(.policy(.failure(Self.problem(401, ProblemCode.sessionExpired))), for: id)
        program.type("demo1234")
        program.press(.enter)
        #expect(flight(program) { $0 == .signIn(email: "ayse@example.org", password: "demo1234") } != nil)
    }
}
