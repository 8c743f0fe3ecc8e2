import PanelClient
import PanelModels
import TerminalUI
import Testing

@testable import PanelApp

// The security review's screen half: a typed password is masked wherever it can be seen (sign-in,
// the session-expired prompt, the current-password field, help over a form, the review, a 422,
// the conflict view), at 80x24 and 120x40, in both languages; the session token never shows.

@Suite("No password or token on the screen")
struct SecretsOnScreenTests {
    static let password = "Gizli-Parola-42"

    /// Fails when the password or the session token is anywhere on the screen at either size.
    static func expectNoSecret(_ program: PanelProgram, _ step: String,
                               sourceLocation: SourceLocation = #_sourceLocation) {
        for (width, height) in [(80, 24), (120, 40)] {
            let text = program.screenText(width: width, height: height)
            #expect(!text.contains(password) && !text.contains("Parola-42") && !text.contains("test-token"),
                    "\(step) at \(width)x\(height):\n\(text)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [Language.tr, .en])
    func signInMasksThePasswordAlsoUnderHelpAndAfterARefusal(language: Language) throws {
        var program = PanelProgram.forTests(language: language, signedIn: false, initialScreen: .signIn)
        program.send(.resize(Size(width: 80, height: 24)))
        program.type("demo@example.com")
        program.press(.tab)
        program.type(Self.password)
        Self.expectNoSecret(program, "typed")
        #expect(program.screenText().contains(String(repeating: "•", count: 8)), "the mask is shown")
        program.press(.function(1))
        Self.expectNoSecret(program, "help")
        program.press(.escape)
        program.press(.enter)
        let call = try #require(program.inFlight.first { $0.value.call.isSignIn }?.key)
        Self.expectNoSecret(program, "signing in")
        program.deliver(.signIn(.failure(.problem(Problem(title: "no", status: 401,
                                                          code: ProblemCode.invalidCredentials)))), for: call)
        Self.expectNoSecret(program, "refused")
    }

    @Test func theCurrentPasswordIsMaskedInTheFormHelpReviewRefusalAndConflict() throws {
        var program = PanelProgram.forTests(language: .tr, initialScreen: .contact)
        program.send(.resize(Size(width: 80, height: 24)))
        program.answerCalls()
        program.press(.end, .ctrl("u"))
        program.type("yeni@example.com")
        program.press(.tab)
        program.type(Self.password)
        Self.expectNoSecret(program, "typed")
        program.press(.function(1))
        Self.expectNoSecret(program, "help over the form")
        program.press(.escape)
        program.press(.function(2))
        Self.expectNoSecret(program, "review")
        program.press(.enter)
        let save = try #require(program.inFlight.first { $0.value.call.isSave }?.key)
        Self.expectNoSecret(program, "saving")
        program.deliver(.contact(.failure(.problem(Problem(
            title: "Unprocessable", status: 422, code: ProblemCode.validationFailed,
            errors: [FieldError(field: "current_password", code: FieldErrorCode.incorrectPassword, message: "wrong")])))),
                        for: save)
        Self.expectNoSecret(program, "wrong password")
        program.type(Self.password)
        program.press(.function(2), .enter)
        let again = try #require(program.inFlight.first { $0.value.call.isSave }?.key)
        var server = Fixtures.contact
        server.email = "baska@example.com"
        program.deliver(.contact(.conflict(Conflict(problem: Problem(title: "stale", status: 412,
                                                                     code: ProblemCode.preconditionFailed),
                                                    current: server, etag: "\"v9\""))), for: again)
        #expect(program.screenText().contains("baska@example.com"), "the conflict view is shown")
        Self.expectNoSecret(program, "conflict")
    }

    @Test func theSessionExpiredPromptMasksThePassword() throws {
        var program = PanelProgram.forTests(language: .en, initialScreen: .contact)
        program.send(.resize(Size(width: 80, height: 24)))
        let load = try #require(program.inFlight.first { $0.value.call == .contact }?.key)
        program.deliver(.contact(.failure(.problem(Problem(title: "expired", status: 401,
                                                           code: ProblemCode.sessionExpired)))), for: load)
        #expect(program.screenText().contains("Session ended"))
        program.type(Self.password)
        Self.expectNoSecret(program, "session prompt")
    }
}
