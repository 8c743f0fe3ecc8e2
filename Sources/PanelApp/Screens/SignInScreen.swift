import PanelClient
import PanelModels
import TerminalUI

/// Sign-in: e-mail and masked password; Enter submits. Wrong credentials, a lock-out (with the time
/// left, counting down) and an unreachable server each get a clear message; nothing typed but a
/// refused password is cleared.
public struct SignInScreen: PanelScreen {
    enum Action {
        case submit, nextField, previousField
    }

    enum Field: Int {
        case email, password
    }

    private(set) var email: TextField
    private(set) var password = TextField("", maxLength: FieldLimits.password, isMasked: true)
    private(set) var focus: Field
    private(set) var submitting = false
    /// Until when the server refuses sign-ins (429), on the loop's clock.
    private(set) var lockedUntil: ContinuousClock.Instant?
    public private(set) var status: StatusLine?

    public init(email: String = "") {
        self.email = TextField(email, maxLength: EmailAddress.maxLength)
        focus = email.isEmpty ? .email : .password
    }

    static func keymap(_ s: Strings) -> Keymap<Action> {
        Keymap([
            KeyBinding([.enter], label: "Enter", hint: s.signInAction, help: s.signInHelp, priority: .essential,
                       action: .submit),
            KeyBinding([.tab, .down], label: "Tab", hint: s.nextField, help: s.fieldsHelp, priority: .low,
                       action: .nextField),
            KeyBinding([.backTab, .up], label: "S-Tab", hint: s.nextField, help: s.fieldsHelp, priority: .low,
                       action: .previousField),
        ])
    }

    public func keyHints(_ context: ScreenContext) -> [KeyHint] {
        Array(Self.keymap(context.strings).hints.prefix(2))
    }

    public func helpEntries(_ context: ScreenContext) -> [(label: String, help: String)] {
        Self.keymap(context.strings).helpEntries
    }

    public var isEditingText: Bool { true }

    public mutating func open(_ context: ScreenContext) -> [Effect] { [] }

    // MARK: - Keys

    public mutating func handle(_ key: Key, _ context: ScreenContext) -> KeyResult {
        guard !submitting else { return .ignored }
        switch Self.keymap(context.strings).action(for: key) {
        case .nextField?, .previousField?:
            focus = focus == .email ? .password : .email
            return .done
        case .submit?:
            return .handled(submit(context))
        case nil:
            let outcome = focus == .email ? email.handle(key) : password.handle(key)
            return outcome == .ignored ? .ignored : .done
        }
    }

    private mutating func submit(_ context: ScreenContext) -> [Effect] {
        let s = context.strings
        if let lockedUntil, lockedUntil > context.now {
            status = .error(s.locked(secondsLeft(context)))
            return []
        }
        guard !email.text.isEmpty else {
            focus = .email
            status = .error(s.enterEmail)
            return []
        }
        guard !password.text.isEmpty else {
            if focus == .password { status = .error(s.enterPassword) }
            focus = .password
            return []
        }
        submitting = true
        status = nil
        return [.call(.signIn(email: EmailAddress.normalized(email.text), password: password.text))]
    }

    private func secondsLeft(_ context: ScreenContext) -> Int {
        guard let lockedUntil else { return 0 }
        let left = lockedUntil - context.now
        return max(1, Int(left.components.seconds) + (left.components.attoseconds > 0 ? 1 : 0))
    }

    // MARK: - Replies

    public mutating func receive(_ incoming: Incoming, _ context: ScreenContext) -> [Effect] {
        let s = context.strings
        switch incoming {
        case .reply(_, .signIn(let result)):
            submitting = false
            switch result {
            case .success(let session, _):
                return [.signedIn(session, email: EmailAddress.normalized(email.text))]
            case .failure(let failure):
                if let wait = failure.retryAfterSeconds, failure.problemCode == ProblemCode.tooManyAttempts {
                    lockedUntil = context.now + .seconds(wait)
                    status = .error(s.locked(wait))
                } else if failure.problemCode == ProblemCode.invalidCredentials {
                    password = TextField("", maxLength: FieldLimits.password, isMasked: true)
                    focus = .password
                    status = .error(s.wrongCredentials)
                } else {
                    status = .error(failure.message(in: context.language) + " " + s.enterToRetry)
                }
            case .conflict:
                status = .error(s.enterToRetry)
            }
        case .cancelled:
            submitting = false
            status = .warning(s.signInCancelled)
        default:
            break
        }
        return []
    }

    public func nextDeadline(_ context: ScreenContext) -> ContinuousClock.Instant? {
        guard let lockedUntil, lockedUntil > context.now else { return nil }
        return context.now + .seconds(1)
    }

    public func busyText(_ context: ScreenContext) -> String { context.strings.signingIn }

    // MARK: - Drawing

    public func render(in body: Rect, into canvas: inout Canvas, _ context: ScreenContext) -> Point? {
        let s = context.strings
        let content = body.inset(top: 1, left: 3, bottom: 0, right: 3)
        canvas.write(s.signInWelcome, in: content.top(1), role: .heading)
        var y = 2 + canvas.putWrapped(s.signInIntro, in: content.droppingTop(2).top(3))
        var cursor: Point?
        for field in [Field.email, .password] {
            let row = content.droppingTop(y + 1).top(1)
            let focused = focus == field && !submitting
            let label = field == .email ? s.email : s.password
            let input = field == .email ? email : password
            let here = FormRow(label: label, focused: focus == field).render(in: row, into: &canvas) { rect, canvas in
                input.render(in: rect, into: &canvas, focused: focused)
            }
            if focus == field { cursor = here }
            y += 1
        }
        if let lockedUntil, lockedUntil > context.now {
            let row = content.droppingTop(y + 2).top(1)
            canvas.putMessage(s.locked(secondsLeft(context)), in: row, role: .error)
        }
        canvas.putWrapped(s.protectPassword, in: content.bottom(2), role: .muted)
        return cursor
    }
}

extension Strings {
    var signInAction: String { pick("Giriş yap", "Sign in") }
    var signInHelp: String {
        pick("Giriş yap (e-posta boşsa önce e-postaya gider)", "Sign in (goes to the e-mail first when it is empty)")
    }
    var signInWelcome: String { pick("Haker müşteri paneline hoş geldiniz", "Welcome to the Haker customer panel") }
    var signInIntro: String {
        pick("Sizinle ilgili sakladığımız kişisel verileri görmek, iletişim ve fatura bilgilerinizi düzeltmek ve "
             + "istemediğiniz iletileri reddetmek için e-posta adresiniz ve parolanızla giriş yapın.",
             "Sign in with your e-mail address and password to see the personal data we keep about you, correct "
             + "your contact details and billing address, and refuse the messages you do not want.")
    }
    var enterEmail: String { pick("E-posta adresinizi yazın.", "Type your e-mail address.") }
    var enterPassword: String { pick("Parolanızı yazın.", "Type your password.") }
    var wrongCredentials: String {
        pick("E-posta ya da parola yanlış. Yeniden deneyin.", "Wrong e-mail or password. Try again.")
    }
    func locked(_ seconds: Int) -> String {
        let time = "\(seconds / 60):" + (seconds % 60 < 10 ? "0" : "") + "\(seconds % 60)"
        return pick("Çok fazla başarısız deneme: giriş geçici olarak kilitli. \(time) sonra yeniden deneyin.",
                    "Too many failed attempts: sign-in is locked for now. Try again in \(time).")
    }
    var enterToRetry: String { pick("Yeniden denemek için Enter.", "Press Enter to try again.") }
    var signInCancelled: String { pick("Giriş iptal edildi.", "Sign-in cancelled.") }
    var signingIn: String { pick("Giriş yapılıyor…", "Signing in…") }
    var protectPassword: String {
        pick("Parolanızı kimseyle paylaşmayın: Haker sizden parolanızı hiçbir zaman istemez. Panel parolanızı "
             + "hiçbir yere kaydetmez.",
             "Never share your password: Haker will never ask you for it. The panel does not store your password "
             + "anywhere.")
    }
}
