// haker-panel: the Haker customer panel in the terminal, and its line-mode commands.

import ArgumentParser
import PanelApp
import PanelClient
import PanelModels

extension Language: ExpressibleByArgument {}
extension PolicyID: ExpressibleByArgument {}

struct HakerPanel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "haker-panel",
        abstract: "The Haker customer panel: see your data, correct your details, refuse messages, read the policies.",
        discussion: """
            Without a command, the full-screen panel. With no API configured (no --api, no HAKER_PANEL_API, no \
            api in the config file), the panel starts its own server on this computer with the demo customers \
            (data kept in $XDG_DATA_HOME/haker-panel/panel.sqlite) and opens Home; --demo uses a fresh in-memory \
            one instead, for demos over SSH.

            Line mode, for scripts, screen readers and terminals without a full screen: show, export, policy, \
            messages. Against a real API they ask for the e-mail (or --email) and, without echo, the password on \
            the terminal (or read it from standard input with --password-stdin), and sign out at the end.

            Configuration: flags beat the environment (HAKER_PANEL_API, HAKER_PANEL_LANG, NO_COLOR, LANG), which \
            beats $XDG_CONFIG_HOME/haker-panel/config.toml (api, language, color, ca_file).

            \(ExitStatus.help)
            """,
        version: ClientVersion.current,
        subcommands: [Show.self, Export.self, Policy.self, Messages.self]
    )

    @Option(help: ArgumentHelp("The panel API, e.g. https://panel.example.com.", valueName: "URL"))
    var api: String?

    @Option(help: "The language: tr or en (default: tr when LANG is tr_*, else en).")
    var lang: Language?

    @Option(help: ArgumentHelp("Open this screen after sign-in: home, my-data, contact, billing, messages, privacy, "
                               + "cookies (or its number).", valueName: "NAME"))
    var screen: String?

    @Flag(help: "No colours (as NO_COLOR=1): reverse, bold and underline carry the meaning.")
    var noColor = false

    @Flag(help: "A throw-away demo: a fresh in-memory panel for each run (for demos over SSH).")
    var demo = false

    @Option(help: ArgumentHelp("With --demo: end the session after this many minutes without a key (fractions "
                               + "allowed: 0.5 is 30 seconds).", valueName: "MINUTES"))
    var idleTimeout: Double = 15

    func validate() throws {
        if let screen, Route(argument: screen) == nil || Route(argument: screen) == .signIn {
            throw ValidationError("unknown screen '\(screen)': home, my-data, contact, billing, messages, privacy, cookies")
        }
        if !(idleTimeout > 0) { throw ValidationError("--idle-timeout takes a number of minutes above 0") }
    }

    func run() throws {
        let status = FullScreen.run(FullScreen.Request(
            configuration: try configuration(), initialScreen: screen.flatMap(Route.init(argument:)) ?? .home,
            demo: demo, idleTimeout: demo ? .milliseconds(Int64(idleTimeout * 60_000)) : nil,
            environment: ProcessEnvironment.current))
        throw ExitCode(status)
    }

    /// Flags, environment and config file, resolved; a bad config line is a usage error.
    func configuration() throws -> PanelConfiguration {
        let environment = ProcessEnvironment.current
        let file: ConfigFile?
        switch Result(catching: { () throws(ConfigFile.LineError) in try ConfigFile.load(environment: environment) }) {
        case .success(let loaded):
            file = loaded
        case .failure(let error):
            let language = lang ?? PanelConfiguration.languageFromLocale(environment)
            throw ValidationError("\(ConfigFile.displayPath(environment)): \(error.message(in: language))")
        }
        return PanelConfiguration.resolve(flags: .init(apiURL: api, language: lang, noColor: noColor),
                                          environment: environment, file: file)
    }
}

// MARK: - Line mode

/// What every line-mode command takes besides the root's --api, --lang and --demo.
struct SignInOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The e-mail to sign in with (else asked on the terminal).", valueName: "ADDRESS"))
    var email: String?

    @Flag(help: "Read the password from the first line of standard input (else asked on the terminal, unechoed).")
    var passwordStdin = false

    func request(_ root: HakerPanel) throws -> LineModeRequest {
        LineModeRequest(configuration: try root.configuration(), demo: root.demo, email: email,
                        passwordFromStandardInput: passwordStdin, environment: ProcessEnvironment.current)
    }
}

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print everything stored about you, by category, with purpose and retention.")

    @ParentCommand var root: HakerPanel
    @OptionGroup var signIn: SignInOptions

    @Flag(help: "JSON (as GET /v1/me/data answers) instead of text.")
    var json = false

    func run() throws {
        throw ExitCode(LineMode.show(try signIn.request(root), json: json))
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write your data, as the panel exports it (JSON), to FILE (mode 0600).")

    @ParentCommand var root: HakerPanel
    @OptionGroup var signIn: SignInOptions

    @Argument(help: ArgumentHelp("Where to write the export.", valueName: "FILE"))
    var file: String

    @Flag(help: "Overwrite FILE if it exists (never done otherwise).")
    var force = false

    func run() throws {
        throw ExitCode(LineMode.export(try signIn.request(root), path: file, force: force))
    }
}

struct Policy: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the privacy or the cookie policy (Markdown), in the language of --lang.")

    @ParentCommand var root: HakerPanel

    @Argument(help: ArgumentHelp("privacy or cookies.", valueName: "privacy|cookies"))
    var policy: PolicyID

    func run() throws {
        let request = LineModeRequest(configuration: try root.configuration(), demo: root.demo,
                                      environment: ProcessEnvironment.current)
        throw ExitCode(LineMode.policy(request, id: policy))
    }
}

struct Messages: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print your message preferences: the topic × channel grid, refusals and their dates, the history.",
        subcommands: [SetPreference.self])

    @ParentCommand var root: HakerPanel
    @OptionGroup var signIn: SignInOptions

    func run() throws {
        throw ExitCode(LineMode.messages(try signIn.request(root)))
    }
}

struct SetPreference: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Accept (on) or refuse (off) one topic on one channel, e.g. set partner_updates sms off.")

    enum Setting: String, ExpressibleByArgument, CaseIterable {
        case on, off
    }

    @ParentCommand var messages: Messages
    @OptionGroup var signIn: SignInOptions

    @Argument(help: ArgumentHelp("The topic, as `haker-panel messages` names it (e.g. partner_updates).",
                                 valueName: "TOPIC"))
    var topic: String

    @Argument(help: ArgumentHelp("email, sms or phone.", valueName: "CHANNEL"))
    var channel: String

    @Argument(help: ArgumentHelp("on or off.", valueName: "on|off"))
    var setting: Setting

    func run() throws {
        throw ExitCode(LineMode.setMessage(try signIn.request(messages.root), topic: topic, channel: channel,
                                           on: setting == .on))
    }
}

unblockInheritedSignals()
HakerPanel.main()
