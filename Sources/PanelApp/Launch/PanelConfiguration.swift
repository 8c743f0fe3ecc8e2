#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PanelModels
import Glibc

/// What the client is configured with, from three places: flags beat the environment, which beats
/// the config file (`$XDG_CONFIG_HOME/haker-panel/config.toml`).
public struct PanelConfiguration: Equatable, Sendable {
    /// The panel API; nil means the embedded panel (a `haker-panel-server` child on loopback).
    public var apiURL: String?
    public var language: Language
    /// False with `NO_COLOR`, `--no-color` or `color = "never"` in the file.
    public var color: Bool
    /// A CA bundle for TLS (`ca_file`), for panels behind a private CA.
    public var caFile: String?

    public init(apiURL: String? = nil, language: Language = .en, color: Bool = true, caFile: String? = nil) {
        self.apiURL = apiURL
        self.language = language
        self.color = color
        self.caFile = caFile
    }

    /// The command-line flags that override everything else (nil: not given).
    public struct Flags: Sendable {
        public var apiURL: String?
        public var language: Language?
        public var noColor: Bool

        public init(apiURL: String? = nil, language: Language? = nil, noColor: Bool = false) {
            self.apiURL = apiURL
            self.language = language
            self.noColor = noColor
        }
    }

    /// Resolves flags, environment and file, in that order of precedence.
    public static func resolve(flags: Flags, environment: [String: String], file: ConfigFile?) -> PanelConfiguration {
        var config = PanelConfiguration()
        // The file first, then the environment and the flags on top.
        if let file {
            config.apiURL = file.values["api"]
            if let lang = file.values["language"].flatMap(Language.init(rawValue:)) { config.language = lang }
            else { config.language = languageFromLocale(environment) }
            if let color = file.values["color"] { config.color = color != "never" }
            config.caFile = file.values["ca_file"]
        } else {
            config.language = languageFromLocale(environment)
        }
        if let api = environment["HAKER_PANEL_API"], !api.isEmpty { config.apiURL = api }
        if let lang = environment["HAKER_PANEL_LANG"].flatMap(Language.init(rawValue:)) { config.language = lang }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { config.color = false }
        if let api = flags.apiURL { config.apiURL = api }
        if let lang = flags.language { config.language = lang }
        if flags.noColor { config.color = false }
        return config
    }

    /// `tr_*` in LC_ALL, LC_MESSAGES or LANG (the first set, as POSIX orders them) → Turkish.
    public static func languageFromLocale(_ environment: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.hasPrefix("tr") ? .tr : .en
            }
        }
        return .en
    }

    /// `$XDG_CONFIG_HOME/haker-panel/config.toml`, or `~/.config/haker-panel/config.toml`.
    public static func configFilePath(_ environment: [String: String]) -> String? {
        xdgDirectory("XDG_CONFIG_HOME", else: ".config", environment).map { $0 + "/haker-panel/config.toml" }
    }

    /// `$XDG_DATA_HOME/haker-panel`, or `~/.local/share/haker-panel`: the embedded panel's database.
    public static func dataDirectory(_ environment: [String: String]) -> String? {
        xdgDirectory("XDG_DATA_HOME", else: ".local/share", environment).map { $0 + "/haker-panel" }
    }

    /// The XDG base directory in `variable`, or `$HOME/fallback`. A relative value is ignored, as the
    /// XDG spec says (it would depend on the folder the panel happens to start in).
    private static func xdgDirectory(_ variable: String, else fallback: String, _ environment: [String: String])
        -> String?
    {
        if let xdg = environment[variable], xdg.hasPrefix("/") { return xdg }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/" + fallback }
        return nil
    }
}

/// The config file: a small subset of TOML, `key = "value"` lines, `#` comments and blank lines.
/// Read by these few lines rather than a TOML library (the one in the package set pulls in
/// Foundation, which the client does without).
public struct ConfigFile: Equatable, Sendable {
    /// The keys the client understands.
    public static let knownKeys: Set<String> = ["api", "language", "color", "ca_file"]

    public var values: [String: String]

    /// A line the parser refused, with its number (from 1).
    public struct LineError: Error, Equatable, Sendable {
        public var line: Int
        public var text: String
        public var reason: Reason

        public enum Reason: Equatable, Sendable {
            case notKeyValue, unknownKey(String), unquotedValue, badValue(String)
        }

        public func message(in language: Language) -> String {
            let what: String
            switch (reason, language) {
            case (.notKeyValue, .tr): what = "key = \"değer\" biçiminde değil"
            case (.notKeyValue, .en): what = "not of the form key = \"value\""
            case (.unknownKey(let k), .tr): what = "bilinmeyen anahtar '\(k)' (bilinenler: api, language, color, ca_file)"
            case (.unknownKey(let k), .en): what = "unknown key '\(k)' (known: api, language, color, ca_file)"
            case (.unquotedValue, .tr): what = "değer çift tırnak içinde olmalı"
            case (.unquotedValue, .en): what = "the value must be in double quotes"
            case (.badValue(let hint), .tr): what = "geçersiz değer (\(hint))"
            case (.badValue(let hint), .en): what = "invalid value (\(hint))"
            }
            return language == .tr ? "satır \(line): \(what)" : "line \(line): \(what)"
        }
    }

    public init(values: [String: String]) {
        self.values = values
    }

    /// Parses the text; the first bad line is reported with its number.
    public static func parse(_ text: String) throws(LineError) -> ConfigFile {
        var values: [String: String] = [:]
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = trimmed(raw)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let number = index + 1
            guard let eq = line.firstIndex(of: "=") else {
                throw LineError(line: number, text: String(raw), reason: .notKeyValue)
            }
            let key = trimmed(line[..<eq])
            var value = trimmed(line[line.index(after: eq)...])
            // A comment after the closing quote.
            if value.hasPrefix("\""), let close = value.dropFirst().firstIndex(of: "\"") {
                let rest = trimmed(value[value.index(after: close)...])
                guard rest.isEmpty || rest.hasPrefix("#") else {
                    throw LineError(line: number, text: String(raw), reason: .notKeyValue)
                }
                value = String(value[...close])
            }
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0 == "_" }) else {
                throw LineError(line: number, text: String(raw), reason: .notKeyValue)
            }
            guard knownKeys.contains(key) else {
                throw LineError(line: number, text: String(raw), reason: .unknownKey(key))
            }
            guard value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") else {
                throw LineError(line: number, text: String(raw), reason: .unquotedValue)
            }
            let unquoted = String(value.dropFirst().dropLast())
            switch key {
            case "language" where Language(rawValue: unquoted) == nil:
                throw LineError(line: number, text: String(raw), reason: .badValue("tr, en"))
            case "color" where !["auto", "never"].contains(unquoted):
                throw LineError(line: number, text: String(raw), reason: .badValue("auto, never"))
            default:
                break
            }
            values[key] = unquoted
        }
        return ConfigFile(values: values)
    }
}

/// The text without spaces and tabs at either end.
private func trimmed(_ text: some StringProtocol) -> String {
    let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
    guard let first = text.firstIndex(where: { !isBlank($0) }), let last = text.lastIndex(where: { !isBlank($0) })
    else { return "" }
    return String(text[first...last])
}

extension ConfigFile {
    /// Reads the config file when there is one; nil when there is none.
    public static func load(environment: [String: String]) throws(LineError) -> ConfigFile? {
        guard let path = PanelConfiguration.configFilePath(environment), let text = readText(path) else { return nil }
        return try parse(text)
    }

    /// The path as the customer would type it, for messages.
    public static func displayPath(_ environment: [String: String]) -> String {
        PanelConfiguration.configFilePath(environment) ?? "config.toml"
    }

    /// A small file's text, or nil when it cannot be read.
    static func readText(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while bytes.count < 1 << 20 {
            let n = read(fd, &chunk, chunk.count)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            bytes += chunk[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The process's environment, as a dictionary.
public enum ProcessEnvironment {
    public static var current: [String: String] { ProcessInfo.processInfo.environment }
}
