import Testing
import PanelModels
@testable import PanelApp

@Suite struct PanelConfigurationTests {
    @Test func flagsBeatTheEnvironmentWhichBeatsTheFile() throws {
        let file = try ConfigFile.parse("""
            # my panel
            api = "https://file.example.com"
            language = "tr"
            color = "never"
            """)
        let fromFile = PanelConfiguration.resolve(flags: .init(), environment: [:], file: file)
        #expect(fromFile == PanelConfiguration(apiURL: "https://file.example.com", language: .tr, color: false))

        let fromEnvironment = PanelConfiguration.resolve(
            flags: .init(), environment: ["HAKER_PANEL_API": "https://env.example.com", "HAKER_PANEL_LANG": "en"],
            file: file)
        #expect(fromEnvironment.apiURL == "https://env.example.com")
        #expect(fromEnvironment.language == .en)

        let fromFlags = PanelConfiguration.resolve(
            flags: .init(apiURL: "https://flag.example.com", language: .tr, noColor: true),
            environment: ["HAKER_PANEL_API": "https://env.example.com", "HAKER_PANEL_LANG": "en"], file: file)
        #expect(fromFlags == PanelConfiguration(apiURL: "https://flag.example.com", language: .tr, color: false))
    }

    @Test func withNothingConfiguredTheEmbeddedPanelIsUsedInTheLocaleLanguage() {
        let config = PanelConfiguration.resolve(flags: .init(), environment: ["LANG": "tr_TR.UTF-8"], file: nil)
        #expect(config.apiURL == nil)
        #expect(config.language == .tr)
        #expect(config.color)
        #expect(PanelConfiguration.resolve(flags: .init(), environment: ["LANG": "de_DE.UTF-8"], file: nil).language == .en)
        #expect(PanelConfiguration.resolve(flags: .init(), environment: ["LC_ALL": "tr_TR.UTF-8", "LANG": "C"],
                                           file: nil).language == .tr)
    }

    @Test func theXDGDirectoriesAreUsedWhenAbsoluteAndIgnoredWhenRelative() {
        let absolute = ["XDG_DATA_HOME": "/srv/data", "XDG_CONFIG_HOME": "/srv/config", "HOME": "/home/ayse"]
        #expect(PanelConfiguration.dataDirectory(absolute) == "/srv/data/haker-panel")
        #expect(PanelConfiguration.configFilePath(absolute) == "/srv/config/haker-panel/config.toml")
        let relative = ["XDG_DATA_HOME": "data", "XDG_CONFIG_HOME": "", "HOME": "/home/ayse"]
        #expect(PanelConfiguration.dataDirectory(relative) == "/home/ayse/.local/share/haker-panel")
        #expect(PanelConfiguration.configFilePath(relative) == "/home/ayse/.config/haker-panel/config.toml")
        #expect(PanelConfiguration.dataDirectory(["HOME": "relative"]) == nil)
    }

    @Test func noColorNeedsANonEmptyValue() {
        #expect(!PanelConfiguration.resolve(flags: .init(), environment: ["NO_COLOR": "1"], file: nil).color)
        #expect(PanelConfiguration.resolve(flags: .init(), environment: ["NO_COLOR": ""], file: nil).color)
    }

    @Test func aFileWithWindowsLineEndingsReadsTheSame() throws {
        let file = try ConfigFile.parse("# mine\r\napi = \"https://panel.example.com\"\r\nlanguage = \"tr\"\r\n")
        #expect(file.values == ["api": "https://panel.example.com", "language": "tr"])
        #expect(throws: ConfigFile.LineError.self) { try ConfigFile.parse("api = \"x\"\r\ntheme = \"dark\"\r\n") }
    }

    @Test func aBadLineIsReportedWithItsNumber() {
        let cases: [(String, Int, ConfigFile.LineError.Reason)] = [
            ("api = \"x\"\n\nlanguage tr", 3, .notKeyValue),
            ("# c\ntheme = \"dark\"", 2, .unknownKey("theme")),
            ("api = https://x", 1, .unquotedValue),
            ("\nlanguage = \"de\"", 2, .badValue("tr, en")),
            ("api = \"x\" trailing", 1, .notKeyValue),
        ]
        for (text, line, reason) in cases {
            #expect(throws: ConfigFile.LineError(line: line, text: text.split(separator: "\n",
                omittingEmptySubsequences: false)[line - 1].description, reason: reason)) {
                try ConfigFile.parse(text)
            }
        }
        let error = ConfigFile.LineError(line: 3, text: "x", reason: .notKeyValue)
        #expect(error.message(in: .en).hasPrefix("line 3:"))
        #expect(error.message(in: .tr).hasPrefix("satır 3:"))
    }

    @Test func commentsAfterAValueAndBlankLinesAreFine() throws {
        let file = try ConfigFile.parse("  api = \"https://a.example\"   # production\n\n\t# done\n")
        #expect(file.values == ["api": "https://a.example"])
    }

    @Test func screensHaveStableNumbersAndNames() {
        #expect(Route.numbered(3) == .billing)
        #expect(Route.billing.title(.tr) == "3 · Fatura adresi")
        #expect(Route(argument: "billing") == .billing)
        #expect(Route(argument: "4") == .messages)
        #expect(Route(argument: "nope") == nil)
        #expect(Set(Route.allCases.compactMap(\.number)) == Set(0...6))
    }
}
