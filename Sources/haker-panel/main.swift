// haker-panel: the Haker customer panel in the terminal.

import ArgumentParser
import PanelApp
import PanelClient
import PanelModels
#if canImport(Glibc)
import Glibc
#endif

extension Language: ExpressibleByArgument {}

struct HakerPanel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "haker-panel",
        abstract: "The Haker customer panel: see your data, correct your details, refuse messages, read the policies.",
        discussion: """
            With no API configured (no --api, no HAKER_PANEL_API, no api in the config file), the panel starts \
            its own server on this computer with the demo customers and opens Home.
            Configuration: flags beat the environment (HAKER_PANEL_API, HAKER_PANEL_LANG, NO_COLOR, LANG), which \
            beats $XDG_CONFIG_HOME/haker-panel/config.toml (api, language, color, ca_file).
            """,
        version: ClientVersion.current
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

    @Option(help: ArgumentHelp("With --demo: end the session after this many minutes without a key.",
                               valueName: "MINUTES"))
    var idleTimeout: Int = 15

    func validate() throws {
        if let screen, Route(argument: screen) == nil || Route(argument: screen) == .signIn {
            throw ValidationError("unknown screen '\(screen)': home, my-data, contact, billing, messages, privacy, cookies")
        }
        if idleTimeout < 1 { throw ValidationError("--idle-timeout takes a number of minutes, at least 1") }
    }

    func run() throws {
        let environment = ProcessEnvironment.current
        let file: ConfigFile?
        switch Result(catching: { () throws(ConfigFile.LineError) in try ConfigFile.load(environment: environment) }) {
        case .success(let loaded):
            file = loaded
        case .failure(let error):
            let language = lang ?? PanelConfiguration.languageFromLocale(environment)
            throw ValidationError("\(ConfigFile.displayPath(environment)): \(error.message(in: language))")
        }
        let configuration = PanelConfiguration.resolve(
            flags: .init(apiURL: api, language: lang, noColor: noColor), environment: environment, file: file)
        let status = FullScreen.run(FullScreen.Request(
            configuration: configuration, initialScreen: screen.flatMap(Route.init(argument:)) ?? .home, demo: demo,
            idleTimeout: demo ? .seconds(idleTimeout * 60) : nil, environment: environment))
        throw ExitCode(status)
    }
}

HakerPanel.main()
