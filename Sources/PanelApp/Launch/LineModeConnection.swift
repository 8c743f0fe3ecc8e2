import Glibc
import PanelClient
import PanelModels

/// How a line-mode command reaches the panel: what the command line and the configuration say.
public struct LineModeRequest: Sendable {
    public var configuration: PanelConfiguration
    /// `--demo`: a fresh in-memory embedded panel, whatever API is configured.
    public var demo: Bool
    /// `--email`; nil: asked on the terminal when a real API needs it.
    public var email: String?
    /// `--password-stdin`: the password is the first line of standard input.
    public var passwordFromStandardInput: Bool
    public var environment: [String: String]

    public init(configuration: PanelConfiguration, demo: Bool = false, email: String? = nil,
                passwordFromStandardInput: Bool = false, environment: [String: String]) {
        self.configuration = configuration
        self.demo = demo
        self.email = email
        self.passwordFromStandardInput = passwordFromStandardInput
        self.environment = environment
    }

    var language: Language { configuration.language }
    var usesEmbeddedPanel: Bool { demo || configuration.apiURL == nil }
}

/// One line-mode command's way to the panel: the embedded panel (its hand-off session, as the
/// full screen uses) or a real API (signed in with the e-mail and password), and back out:
/// `close()` signs out and stops the embedded panel.
final class LineModeConnection {
    let transfers: TransferSet
    let base: APIBase
    let language: Language
    private(set) var token: SessionToken?
    private let embedded: EmbeddedPanel?

    private init(transfers: TransferSet, base: APIBase, language: Language, token: SessionToken?,
                 embedded: EmbeddedPanel?) {
        self.transfers = transfers
        self.base = base
        self.language = language
        self.token = token
        self.embedded = embedded
    }

    /// Reaches the panel; with `signIn`, a real API asks for the e-mail and password first.
    static func open(_ request: LineModeRequest, signIn: Bool) throws(LineModeError) -> LineModeConnection {
        let language = request.language
        let transfers = TransferSet(options: TransferOptions(caFile: request.configuration.caFile))
        if request.usesEmbeddedPanel {
            let (panel, base) = try FullScreen.startEmbedded(demo: request.demo, environment: request.environment,
                                                             language: language)
            return LineModeConnection(transfers: transfers, base: base, language: language,
                                      token: SessionToken(panel.token), embedded: panel)
        }
        let base: APIBase
        do {
            base = try APIBase(request.configuration.apiURL ?? "")
        } catch {
            throw LineModeError(error, language: language)
        }
        let connection = LineModeConnection(transfers: transfers, base: base, language: language, token: nil,
                                            embedded: nil)
        if signIn { try connection.signIn(request) }
        return connection
    }

    /// Calls `endpoint` and waits for its outcome.
    func result<Response>(_ endpoint: Endpoint<Response>) -> APIResult<Response> {
        transfers.perform(endpoint, base: base, token: token)
    }

    /// Calls `endpoint`; a failure becomes the command's error.
    func value<Response>(_ endpoint: Endpoint<Response>) throws(LineModeError) -> (Response, etag: String?) {
        let outcome = result(endpoint)
        if case .success(let value, let etag) = outcome { return (value, etag) }
        throw LineModeError(outcome.failure ?? .malformed(MalformedReply(status: 0, mediaType: nil,
                                                                         reason: .unexpectedStatus)),
                            language: language)
    }

    /// Signs out (the customer is leaving: a short wait at most) and stops the embedded panel.
    func close() {
        if token != nil {
            transfers.options.totalTimeout = .milliseconds(1500)
            _ = transfers.perform(PanelAPI.signOut(), base: base, token: token)
            token = nil
        }
        embedded?.stop()
    }

    // MARK: - Signing in

    private func signIn(_ request: LineModeRequest) throws(LineModeError) {
        let s = Strings(language)
        guard let email = request.email ?? LineModePrompt.ask(s.email + ": ", echo: true), !email.isEmpty else {
            throw LineModeError(s.lineNoEmail, status: ExitStatus.usage)
        }
        let password = request.passwordFromStandardInput
            ? LineModePrompt.readStandardInput()
            : LineModePrompt.ask(s.password + ": ", echo: false)
        guard let password, !password.isEmpty else {
            throw LineModeError(request.passwordFromStandardInput ? s.lineNoPasswordOnStdin : s.lineNoPassword,
                                status: ExitStatus.usage)
        }
        let (session, _) = try value(PanelAPI.signIn(email: email, password: password))
        token = session.token
    }
}

extension Strings {
    var lineNoEmail: String {
        pick("E-posta adresi sorulamadı (terminal yok): --email ile verin.",
             "No terminal to ask for the e-mail address on: give it with --email.")
    }
    var lineNoPassword: String {
        pick("Parola sorulamadı (terminal yok): --password-stdin ile standart girişten verin.",
             "No terminal to ask for the password on: pass it on standard input with --password-stdin.")
    }
    var lineNoPasswordOnStdin: String {
        pick("--password-stdin verildi ama standart girişte parola yok.",
             "--password-stdin was given but standard input holds no password.")
    }
}
