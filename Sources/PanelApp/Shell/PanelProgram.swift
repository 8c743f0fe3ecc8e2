#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PanelClient
import PanelModels
import TerminalUI

// The shell: one `TerminalProgram` that owns the current screen, the session, the calls in
// flight and the overlays (help, confirmations, the password prompt of an expired session), and
// draws the frame around every screen: the title bar with the screen's number and name, the
// status line (spinner or the screen's last message) and the key hints.

/// The transfers of the event loop are curl's: `curl_multi_poll` wakes on keys, signals and
/// finished requests alike.
extension TransferSet: EventWaiter {
    public typealias Completion = FinishedTransfer

    public func wait(on fds: [Int32], timeoutMilliseconds: Int32) -> WaitResult<FinishedTransfer> {
        let outcome: (readable: [Int32], finished: [FinishedTransfer]) = wait(on: fds,
                                                                              timeoutMilliseconds: timeoutMilliseconds)
        return WaitResult(readable: outcome.readable, completions: outcome.finished)
    }
}

/// How the program starts.
public struct LaunchOptions: Sendable {
    public var base: APIBase
    public var language: Language
    /// A session handed over by the embedded panel; nil starts on the sign-in screen.
    public var session: SignedInSession?
    /// The e-mail of that session (shown as the sign-in name, used to sign in again).
    public var email: String?
    /// The embedded demo: the title bar says DEMO.
    public var isDemo: Bool
    /// `--screen`: where to go after sign-in (default Home).
    public var initialScreen: Route
    /// `--demo`'s idle timeout; nil: none.
    public var idleTimeout: Duration?
    public var homeDirectory: String
    /// False for `--demo`: a visitor of an SSH demo leaves no file on the server's disk (an export
    /// is refused with a sentence instead).
    public var writesFiles: Bool

    public init(base: APIBase, language: Language, session: SignedInSession? = nil, email: String? = nil,
                isDemo: Bool = false, initialScreen: Route = .home, idleTimeout: Duration? = nil,
                homeDirectory: String = "/tmp", writesFiles: Bool = true) {
        self.base = base
        self.language = language
        self.session = session
        self.email = email
        self.isDemo = isDemo
        self.initialScreen = initialScreen
        self.idleTimeout = idleTimeout
        self.homeDirectory = homeDirectory
        self.writesFiles = writesFiles
    }
}

public struct PanelProgram: TerminalProgram {
    public typealias Waiter = TransferSet

    /// An overlay over the current screen.
    enum Overlay {
        case help
        /// A question; `onYes` runs when the first button is chosen.
        case confirm(Dialog, onYes: Effect)
        /// The session expired: the password, then the calls that were refused run again.
        case reauthenticate(ReauthPrompt)
    }

    /// The password prompt of an expired session.
    struct ReauthPrompt {
        var password = TextField("", maxLength: FieldLimits.password, isMasked: true)
        var error: String?
        var isSubmitting = false
    }

    /// A call in flight: which call, for which screen (nil: the shell's own).
    struct InFlight {
        var call: APICall
        var owner: Route?
    }

    // MARK: - State

    let transfers: TransferSet
    let base: APIBase
    private(set) var language: Language
    private(set) var route: Route
    private(set) var screen: any PanelScreen
    private(set) var overlay: Overlay?
    private(set) var token: SessionToken?
    private(set) var email: String?
    private(set) var overview: Overview?
    let isDemo: Bool
    let initialScreen: Route
    let homeDirectory: String
    let writesFiles: Bool
    private var calls = PendingCalls<APIReply>()
    private(set) var inFlight: [TransferID: InFlight] = [:]
    /// Calls refused for an expired session, to run again once the customer has signed in again.
    private var refused: [InFlight] = []
    private var busySince: ContinuousClock.Instant?
    private let idleTimeout: Duration?
    private var lastActivity = ContinuousClock.now
    /// Said on the terminal after it is restored (the idle timeout).
    public private(set) var farewell: String?
    private(set) var size = Size(width: 80, height: 24)

    public init(options: LaunchOptions, transfers: TransferSet) {
        self.transfers = transfers
        base = options.base
        language = options.language
        isDemo = options.isDemo
        initialScreen = options.initialScreen
        idleTimeout = options.idleTimeout
        homeDirectory = options.homeDirectory
        writesFiles = options.writesFiles
        email = options.email
        route = .signIn
        screen = SignInScreen(email: options.email ?? "")
        if let session = options.session {
            token = session.token
            start(.overview, owner: nil)
            navigate(to: options.initialScreen)
        } else {
            run(screen.open(context))
        }
    }

    var context: ScreenContext {
        ScreenContext(language: language, overview: overview, email: email, isDemo: isDemo, now: .now,
                      wallClock: .now(), isBusy: inFlight.values.contains { $0.owner == route && $0.owner != nil },
                      homeDirectory: homeDirectory,
                      bodySize: Size(width: size.width, height: max(0, size.height - 3)))
    }

    var strings: Strings { Strings(language) }

    // MARK: - Events

    public mutating func update(_ event: TerminalEvent<FinishedTransfer>, waiter: inout TransferSet) -> LoopCommand {
        switch event {
        case .resize(let newSize):
            size = newSize
            screen.resized(context)
        case .tick(let now):
            if let idleTimeout, now - lastActivity >= idleTimeout {
                farewell = strings.idleEnded
                return .quit
            }
        case .completion(let finished):
            guard let reply = calls.finish(finished) else { return .none }
            deliver(reply, for: finished.id)
        case .key(let key):
            lastActivity = .now
            handle(key)
        }
        return farewell != nil || quitting ? .quit : .redraw
    }

    private(set) var quitting = false

    // MARK: - Keys

    mutating func handle(_ key: Key) {
        if overlay != nil {
            handleOverlay(key)
            return
        }
        switch key {
        case .function(10), .interrupt:
            requestQuit()
            return
        case .function(1):
            overlay = .help
            return
        case .function(3):
            switchLanguage()
            return
        case .escape where context.isBusy:
            cancelCalls(of: route)
            return
        default:
            break
        }
        let result = screen.handle(key, context)
        if case .handled(let effects) = result {
            run(effects)
            return
        }
        let typing = screen.isEditingText
        switch key {
        case .escape where route != .home && route != .signIn:
            requestBack()
        case .character("q") where !typing:
            requestBack()
        case .character("?") where !typing:
            overlay = .help
        case .character("l") where !typing:
            switchLanguage()
        default:
            break
        }
    }

    private mutating func handleOverlay(_ key: Key) {
        switch overlay {
        case .help:
            overlay = nil
            if key == .function(10) || key == .interrupt { requestQuit() }
        case .confirm(var dialog, let onYes):
            switch dialog.handle(key) {
            case .activated where dialog.focusedButton == 0:
                overlay = nil
                run([onYes])
            case .activated, .cancelled:
                overlay = nil
            default:
                overlay = .confirm(dialog, onYes: onYes)
            }
        case .reauthenticate(var prompt):
            if prompt.isSubmitting {
                if key == .escape { giveUpSigningInAgain() }
                return
            }
            switch key {
            case .enter where !prompt.password.text.isEmpty:
                prompt.isSubmitting = true
                prompt.error = nil
                overlay = .reauthenticate(prompt)
                start(.signIn(email: email ?? "", password: prompt.password.text), owner: nil)
            case .escape, .function(10), .interrupt:
                giveUpSigningInAgain()
            default:
                _ = prompt.password.handle(key)
                overlay = .reauthenticate(prompt)
            }
        case nil:
            break
        }
    }

    private mutating func requestQuit() {
        if screen.hasUnsavedChanges {
            overlay = .confirm(Dialog(kind: .warning, title: strings.unsavedTitle, message: strings.unsavedLeave,
                                      buttons: [strings.discard, strings.stay], focusedButton: 1, cancelButton: 1),
                               onYes: .quit)
        } else {
            run([.quit])
        }
    }

    private mutating func requestBack() {
        if route == .home || route == .signIn {
            run([.quit])
        } else if screen.hasUnsavedChanges {
            overlay = .confirm(Dialog(kind: .warning, title: strings.unsavedTitle, message: strings.unsavedLeave,
                                      buttons: [strings.discard, strings.stay], focusedButton: 1, cancelButton: 1),
                               onYes: .navigate(.home))
        } else {
            run([.back])
        }
    }

    private mutating func switchLanguage() {
        language = language == .tr ? .en : .tr
        run(screen.languageChanged(context))
    }

    // MARK: - Effects

    mutating func run(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .call(let call):
                start(call, owner: route)
            case .navigate(let target):
                navigate(to: target)
            case .back:
                if route == .home { quit() } else { navigate(to: .home) }
            case .signedIn(let session, let email):
                token = session.token
                self.email = email
                start(.overview, owner: nil)
                navigate(to: initialScreen)
            case .signOut:
                if token != nil { start(.signOut, owner: nil) }
                token = nil
                overview = nil
                navigate(to: .signIn)
            case .quit:
                quit()
            case .writeFile(let path, let data, let overwrite):
                let error = writesFiles ? FileOutput.write(data, to: path, overwrite: overwrite) : .notInTheDemo
                run(screen.receive(.fileWritten(path: path, error: error), context))
            }
        }
    }

    private mutating func quit() {
        quitting = true
    }

    private mutating func navigate(to target: Route) {
        cancelCalls(of: route, tellScreen: false)
        overlay = nil
        route = target
        screen = Self.makeScreen(target, email: email ?? "")
        run(screen.open(context))
    }

    static func makeScreen(_ route: Route, email: String) -> any PanelScreen {
        switch route {
        case .signIn: SignInScreen(email: email)
        case .home: HomeScreen()
        case .myData: MyDataScreen()
        case .contact: ContactScreen()
        case .billing: BillingScreen()
        case .messages: MessagesScreen()
        case .privacy: PolicyScreen(.privacy)
        case .cookies: PolicyScreen(.cookies)
        }
    }

    // MARK: - Calls

    private mutating func start(_ call: APICall, owner: Route?) {
        let id: TransferID
        switch call {
        case .signIn(let email, let password):
            id = calls.start(PanelAPI.signIn(email: email, password: password), on: transfers, base: base,
                             token: nil) { .signIn($0) }
        case .signOut:
            id = calls.start(PanelAPI.signOut(), on: transfers, base: base, token: token) { .signOut($0) }
        case .overview:
            id = calls.start(PanelAPI.overview(), on: transfers, base: base, token: token) { .overview($0) }
        case .contact:
            id = calls.start(PanelAPI.contact(), on: transfers, base: base, token: token) { .contact($0) }
        case .saveContact(let contact, let etag):
            id = calls.start(PanelAPI.updateContact(contact, ifMatch: etag), on: transfers, base: base,
                             token: token) { .contact($0) }
        case .billing:
            id = calls.start(PanelAPI.billing(), on: transfers, base: base, token: token) { .billing($0) }
        case .saveBilling(let billing, let etag):
            id = calls.start(PanelAPI.updateBilling(billing, ifMatch: etag), on: transfers, base: base,
                             token: token) { .billing($0) }
        case .messagePreferences:
            id = calls.start(PanelAPI.messagePreferences(), on: transfers, base: base, token: token) {
                .messagePreferences($0)
            }
        case .saveMessagePreferences(let update, let etag):
            id = calls.start(PanelAPI.updateMessagePreferences(update, ifMatch: etag), on: transfers, base: base,
                             token: token) { .messagePreferences($0) }
        case .dataReport:
            id = calls.start(PanelAPI.dataReport(), on: transfers, base: base, token: token) { .dataReport($0) }
        case .dataExport:
            id = calls.start(PanelAPI.dataExport(), on: transfers, base: base, token: token) { .dataExport($0) }
        case .policy(let policy, let language):
            id = calls.start(PanelAPI.policy(policy, language: language), on: transfers, base: base, token: nil) {
                .policy($0)
            }
        }
        inFlight[id] = InFlight(call: call, owner: owner)
        if busySince == nil { busySince = .now }
    }

    /// Cancels the calls of `owner`'s screen (Esc during a request, or leaving the screen); the
    /// screen is told, so that it keeps its form and says so.
    private mutating func cancelCalls(of owner: Route, tellScreen: Bool = true) {
        for (id, flight) in inFlight where flight.owner == owner {
            calls.cancel(id, on: transfers)
            inFlight[id] = nil
            if tellScreen { run(screen.receive(.cancelled(flight.call), context)) }
        }
        if inFlight.isEmpty { busySince = nil }
    }

    /// A finished call: to the shell, to the screen that made it, or (when the session expired)
    /// kept to run again after the password prompt.
    mutating func deliver(_ reply: APIReply, for id: TransferID) {
        guard let flight = inFlight.removeValue(forKey: id) else { return }
        if inFlight.isEmpty { busySince = nil }
        deliver(reply, to: flight)
    }

    /// Same, for a call known by its value (tests and the screen catalogue feed replies this way).
    mutating func deliver(_ reply: APIReply, to flight: InFlight) {
        if case .signIn = flight.call, flight.owner == nil {
            finishSigningInAgain(reply)
            return
        }
        if let failure = reply.failure, failure.needsSignIn, token != nil, email != nil, flight.call != .signOut {
            refused.append(flight)
            if case .reauthenticate = overlay {} else { overlay = .reauthenticate(ReauthPrompt()) }
            return
        }
        switch (flight.call, reply) {
        case (.overview, .overview(.success(let value, _))):
            overview = value
        case (.saveContact, .contact(.success(let saved, _))):
            // The e-mail is also the sign-in name: signing in again (an expired session) uses the new one.
            email = saved.email
            start(.overview, owner: nil)
        case (.saveBilling, .billing(.success)):
            start(.overview, owner: nil)
        default:
            break
        }
        guard let owner = flight.owner, owner == route else { return }
        run(screen.receive(.reply(flight.call, reply), context))
    }

    private mutating func finishSigningInAgain(_ reply: APIReply) {
        guard case .reauthenticate(var prompt) = overlay else { return }
        guard case .signIn(let result) = reply else { return }
        switch result {
        case .success(let session, _):
            token = session.token
            overlay = nil
            let again = refused
            refused = []
            for flight in again { start(flight.call, owner: flight.owner) }
        case .failure, .conflict:
            prompt.isSubmitting = false
            prompt.password = TextField("", maxLength: FieldLimits.password, isMasked: true)
            prompt.error = result.failure.map { $0.message(in: language) }
            overlay = .reauthenticate(prompt)
        }
    }

    /// Esc at the password prompt: the refused calls are reported cancelled; forms stay as typed.
    private mutating func giveUpSigningInAgain() {
        overlay = nil
        for (id, flight) in inFlight where flight.owner == nil && flight.call.isSignIn {
            calls.cancel(id, on: transfers)
            inFlight[id] = nil
        }
        let given = refused
        refused = []
        for flight in given where flight.owner == route {
            run(screen.receive(.cancelled(flight.call), context))
        }
    }

    // MARK: - Ending

    /// Ends the session on the server (on quit), waiting at most a moment: the customer is leaving.
    public func endSession() {
        guard let token else { return }
        transfers.options.totalTimeout = .milliseconds(1500)
        _ = transfers.perform(PanelAPI.signOut().request(base: base, token: token))
    }

    // MARK: - Drawing

    public func nextDeadline() -> ContinuousClock.Instant? {
        let now = ContinuousClock.now
        var deadlines: [ContinuousClock.Instant] = []
        if let busySince, showsSpinner {
            deadlines.append(Spinner(startedAt: busySince).nextDeadline(after: now))
        }
        if let own = screen.nextDeadline(context) { deadlines.append(own) }
        if let idleTimeout { deadlines.append(lastActivity + idleTimeout) }
        return deadlines.min()
    }

    private var showsSpinner: Bool {
        if case .reauthenticate(let prompt) = overlay, prompt.isSubmitting { return true }
        return context.isBusy
    }

    public func render(into canvas: inout Canvas) -> Point? {
        let strings = self.strings
        if MinimumSize().renderNotice(into: &canvas, message: { strings.tooSmall($0.description) }) { return nil }
        let area = canvas.bounds
        let context = self.context
        TitleBar(title: strings.productName + " — " + route.title(language), accent: isDemo ? strings.demoBadge : "",
                 right: titleRight).render(in: area, into: &canvas)
        let body = Rect(x: 0, y: 1, width: area.width, height: max(0, area.height - 3))
        var cursor = screen.render(in: body, into: &canvas, context)
        renderStatus(in: area.bottom(2).top(1), into: &canvas, context)
        KeyHintBar.render(footerHints(context), in: area.bottom(1), into: &canvas)
        switch overlay {
        case .help:
            HelpOverlay.render(entries: helpEntries(context), title: strings.help + " — " + route.title(language),
                               footer: strings.closeHelp, in: area, into: &canvas)
            cursor = nil
        case .confirm(let dialog, _):
            cursor = dialog.render(in: area, into: &canvas)
        case .reauthenticate(let prompt):
            cursor = renderPrompt(prompt, in: area, into: &canvas)
        case nil:
            break
        }
        return cursor
    }

    private var titleRight: String {
        let name = overview.map { "\($0.firstName) \($0.lastName)" } ?? ""
        return name.isEmpty ? strings.languageCode : name + " · " + strings.languageCode
    }

    private func renderStatus(in row: Rect, into canvas: inout Canvas, _ context: ScreenContext) {
        if let busySince, context.isBusy {
            Spinner(startedAt: busySince).render(at: context.now, label: screen.busyText(context), in: row.inset(horizontal: 1),
                                                 into: &canvas)
            canvas.write(strings.cancelRequest, in: row.inset(horizontal: 1), role: .muted, alignment: .right)
        } else if let status = screen.status {
            canvas.putMessage(status.text, in: row.inset(horizontal: 1), role: status.role)
        }
    }

    private var globalBindings: [(hint: KeyHint, help: String)] {
        [
            (KeyHint(label: "F1", text: strings.help, priority: 3), strings.helpHelp),
            (KeyHint(label: "F3", text: strings.otherLanguage, priority: 1), strings.languageHelp),
            (KeyHint(label: "F10", text: strings.quit, priority: 4), route == .home ? strings.quitHomeHelp : strings.quitHelp),
        ]
    }

    private func footerHints(_ context: ScreenContext) -> [KeyHint] {
        let global = globalBindings.map(\.hint)
        return [global[0]] + screen.keyHints(context) + global[1...]
    }

    private func helpEntries(_ context: ScreenContext) -> [(label: String, help: String)] {
        screen.helpEntries(context) + globalBindings.map { ($0.hint.label, $0.help) }
    }

    private func renderPrompt(_ prompt: ReauthPrompt, in area: Rect, into canvas: inout Canvas) -> Point? {
        let width = min(64, area.width - 4)
        let box = area.centered(Size(width: width, height: 11))
        canvas.fill(box, role: .dialog)
        canvas.drawBox(box, role: .dialog, title: strings.sessionExpiredTitle, titleRole: .dialogTitle)
        let inner = box.inset(top: 1, left: 2, bottom: 1, right: 2)
        let used = canvas.putWrapped(strings.sessionExpired, in: inner.top(3), role: .dialog)
        let emailRow = inner.droppingTop(used + 1).top(1)
        canvas.write(strings.email, in: emailRow.left(12), role: .label)
        canvas.write(email ?? "", in: emailRow.droppingLeft(13), role: .dialog)
        let passwordRow = emailRow.offsetRows(1)
        canvas.write(strings.password, in: passwordRow.left(12), role: .label)
        let cursor = prompt.password.render(in: passwordRow.droppingLeft(13), into: &canvas, focused: !prompt.isSubmitting)
        if let error = prompt.error {
            canvas.putMessage(error, in: passwordRow.offsetRows(1), role: .error)
        }
        canvas.write("Enter: " + strings.ok + "   Esc: " + strings.cancel, in: inner.bottom(1), role: .muted)
        return cursor
    }
}

extension APICall {
    var isSignIn: Bool {
        if case .signIn = self { return true }
        return false
    }
}

extension Rect {
    /// The same rectangle moved `count` rows down.
    func offsetRows(_ count: Int) -> Rect {
        Rect(x: x, y: y + count, width: width, height: height)
    }
}
