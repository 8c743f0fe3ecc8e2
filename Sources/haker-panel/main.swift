// haker-panel: for now, the first screen (the real screens and the full command line replace it).
// `haker-panel [--lang tr|en] [--no-color]`; the language defaults to Turkish when the locale is tr_*.

import PanelApp
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

func printError(_ text: String) {
    let bytes = Array("haker-panel: \(text)\n".utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

let locale = [getenv("LC_ALL"), getenv("LANG")].compactMap { $0.map { String(cString: $0) } }.first { !$0.isEmpty }
var language = WelcomeScreen.Language.fromLocale(locale)
var noColor = false
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case let option where option == "--lang" || option.hasPrefix("--lang="):
        let value = argument == "--lang" ? arguments.popFirst() : String(argument.dropFirst("--lang=".count))
        switch value {
        case "tr": language = .turkish
        case "en": language = .english
        default:
            printError("--lang takes tr or en")
            exit(2)
        }
    case "--no-color":
        noColor = true
    case "-h", "--help":
        print("usage: haker-panel [--lang tr|en] [--no-color]")
        exit(0)
    default:
        printError("unknown option \(argument) (see --help)")
        exit(2)
    }
}

do {
    let backend = try NcursesBackend(configuration: .standard(noColorFlag: noColor))
    var loop = EventLoop(backend: backend, waiter: PollWaiter())
    var screen = WelcomeScreen(language: language)
    let ending = loop.run(&screen)
    backend.restore()
    exit(ending.exitStatus)
} catch let error as TerminalStartError {
    printError(WelcomeScreen.message(for: error, language: language))
    exit(1)
}
