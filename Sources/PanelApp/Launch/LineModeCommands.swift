#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PanelClient
import PanelModels

// The line-mode commands. Each reaches the panel, does its one thing, signs out, and returns the
// process's exit status; an error is said on standard error in the chosen language.

extension LineMode {
    /// `haker-panel show [--json]`: everything stored about the customer (`GET /v1/me/data`).
    public static func show(_ request: LineModeRequest, json: Bool) -> Int32 {
        run(request) { connection throws(LineModeError) in
            let (report, _) = try connection.value(PanelAPI.dataReport())
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                guard let data = try? encoder.encode(report) else {
                    throw LineModeError(Strings(request.language).lineCannotEncode, status: ExitStatus.failure)
                }
                LineOutput.write(LineText.inertJSON(String(decoding: data, as: UTF8.self)) + "\n", to: 1)
            } else {
                LineOutput.print(LineText(language: request.language).dataReport(report))
            }
        }
    }

    /// `haker-panel export FILE [--force]`: the export as the server sends it, written 0600, never
    /// over an existing file unless `force`.
    public static func export(_ request: LineModeRequest, path: String, force: Bool) -> Int32 {
        let s = Strings(request.language)
        // Said before the password is asked for, not after.
        if !force && FileOutput.exists(path) {
            return report(LineModeError(s.lineFileExists(path), status: ExitStatus.failure))
        }
        return run(request) { connection throws(LineModeError) in
            let (data, _) = try connection.value(PanelAPI.dataExport())
            if let error = FileOutput.write(data, to: path, overwrite: force) {
                throw LineModeError(error == .exists ? s.lineFileExists(path) : path + ": " + error.message(in: s.language),
                                    status: ExitStatus.failure)
            }
            LineOutput.print([s.lineExported(path, bytes: data.count)])
        }
    }

    /// `haker-panel policy privacy|cookies`: the policy's Markdown, plainly (no sign-in needed).
    public static func policy(_ request: LineModeRequest, id: PolicyID) -> Int32 {
        run(request, signIn: false) { connection throws(LineModeError) in
            let (document, _) = try connection.value(PanelAPI.policy(id, language: request.language))
            LineOutput.print(LineText(language: request.language).policy(document))
        }
    }

    /// `haker-panel messages`: the grid, the refusals and the history.
    public static func messages(_ request: LineModeRequest) -> Int32 {
        run(request) { connection throws(LineModeError) in
            let (preferences, _) = try connection.value(PanelAPI.messagePreferences())
            LineOutput.print(LineText(language: request.language).preferences(preferences))
        }
    }

    /// `haker-panel messages set TOPIC CHANNEL on|off`: reads the preferences for their ETag, then
    /// changes the one cell; someone else's change in between (412) is retried once with the
    /// fresh ETag. A required topic is refused with the server's reason, before any change.
    public static func setMessage(_ request: LineModeRequest, topic: String, channel: String, on: Bool) -> Int32 {
        run(request) { connection throws(LineModeError) in
            let text = LineText(language: request.language)
            let s = text.s
            let (preferences, etag) = try connection.value(PanelAPI.messagePreferences())
            guard let topicEntry = preferences.topics.first(where: { $0.id == topic.lowercased() }) else {
                throw LineModeError(s.lineUnknownTopic(topic, known: preferences.topics.map(\.id)),
                                    status: ExitStatus.usage)
            }
            guard let channelEntry = preferences.channels.first(where: { $0.id == channel.lowercased() }) else {
                throw LineModeError(s.lineUnknownChannel(channel, known: preferences.channels.map(\.id)),
                                    status: ExitStatus.usage)
            }
            let name = text.cellName(topicEntry.id, channelEntry.id, in: preferences)
            if topicEntry.required && !on {
                throw LineModeError(s.lineRequiredRefused(name, reason: topicEntry.requiredReason?[s.language]),
                                    status: ExitStatus.failure)
            }
            let setting = MessagePreferenceSetting(topic: topicEntry.id, channel: channelEntry.id, optedIn: on)
            let (cell, changed) = try change(setting, preferences, etag: etag, language: request.language) {
                connection.result(PanelAPI.updateMessagePreferences(MessagePreferencesUpdate(preferences: [setting]),
                                                                    ifMatch: $0))
            }
            LineOutput.print([describe(cell, name, s, changed: changed)])
        }
    }

    /// Sets one cell: nothing is sent when it already is as asked; a 412 (changed elsewhere since
    /// it was read) is tried once more with the fresh version and its ETag. Returns the cell as
    /// the server has it, and whether this call changed it.
    static func change(_ setting: MessagePreferenceSetting, _ read: MessagePreferences, etag: String?,
                       language: Language, save: (_ etag: String) -> APIResult<MessagePreferences>)
        throws(LineModeError) -> (MessagePreference, changed: Bool) {
        let s = Strings(language)
        var (preferences, etag) = (read, etag)
        for attempt in 1...2 {
            guard let current = cell(setting, in: preferences) else {
                throw LineModeError(s.lineUnknownTopic(setting.topic, known: preferences.topics.map(\.id)),
                                    status: ExitStatus.usage)
            }
            if current.optedIn == setting.optedIn { return (current, attempt > 1) }
            guard let currentETag = etag else { throw LineModeError(s.lineNoETag, status: ExitStatus.failure) }
            switch save(currentETag) {
            case .success(let saved, _):
                return (cell(setting, in: saved) ?? current, true)
            case .conflict(let conflict) where attempt == 1:
                (preferences, etag) = (conflict.current, conflict.etag)
            case .conflict(let conflict):
                throw LineModeError(.problem(conflict.problem), language: language)
            case .failure(let failure):
                if let field = failure.fieldErrors.first {
                    throw LineModeError(s.fieldError(field.code), status: ExitStatus.failure)
                }
                throw LineModeError(failure, language: language)
            }
        }
        throw LineModeError(.problem(Problem(title: "", status: 412, code: ProblemCode.preconditionFailed)),
                            language: language)
    }

    // MARK: - Running a command

    /// Opens the connection, runs `body`, and closes the connection on every path; returns the
    /// exit status.
    static func run(_ request: LineModeRequest, signIn: Bool = true,
                    _ body: (LineModeConnection) throws(LineModeError) -> Void) -> Int32 {
        let connection: LineModeConnection
        do {
            connection = try LineModeConnection.open(request, signIn: signIn)
        } catch {
            return report(error)
        }
        defer { connection.close() }
        do {
            try body(connection)
            return ExitStatus.success
        } catch {
            return report(error)
        }
    }

    private static func cell(_ setting: MessagePreferenceSetting, in preferences: MessagePreferences)
        -> MessagePreference? {
        preferences.preferences.first { $0.topic == setting.topic && $0.channel == setting.channel }
    }

    /// `Partner updates · SMS: off, applies from 28.11.2026 13:00` (or `… already off`).
    private static func describe(_ cell: MessagePreference, _ name: String, _ s: Strings, changed: Bool) -> String {
        let state = cell.optedIn ? s.lineOn : s.lineOff
        let applies = cell.optedIn ? "" : cell.effectiveFrom.map { ", " + s.lineAppliesFrom($0.turkeyDisplay) } ?? ""
        return name + ": " + (changed ? state : s.lineAlready(state)) + applies
    }
}

extension Strings {
    var lineCannotEncode: String { pick("Veriler JSON'a dönüştürülemedi.", "The data could not be written as JSON.") }
    func lineFileExists(_ path: String) -> String {
        pick("\(path) zaten var; üzerine yazmak için --force verin.",
             "\(path) already exists; give --force to overwrite it.")
    }
    func lineExported(_ path: String, bytes: Int) -> String {
        pick("Verileriniz \(path) dosyasına yazıldı (\(bytes) bayt, yalnızca sizin okuyabileceğiniz biçimde).",
             "Your data was written to \(path) (\(bytes) bytes, readable by you alone).")
    }
    func lineUnknownTopic(_ topic: String, known: [String]) -> String {
        pick("Bilinmeyen konu '\(topic)'. Konular: \(known.joined(separator: ", ")).",
             "Unknown topic '\(topic)'. Topics: \(known.joined(separator: ", ")).")
    }
    func lineUnknownChannel(_ channel: String, known: [String]) -> String {
        pick("Bilinmeyen kanal '\(channel)'. Kanallar: \(known.joined(separator: ", ")).",
             "Unknown channel '\(channel)'. Channels: \(known.joined(separator: ", ")).")
    }
    func lineRequiredRefused(_ name: String, reason: String?) -> String {
        pick("\(name) zorunlu bir bildirimdir, kapatılamaz", "\(name) is a required notice and cannot be refused")
            + (reason.map { ": " + $0 } ?? ".")
    }
    var lineNoETag: String {
        pick("Sunucu tercihlerin sürümünü (ETag) göndermedi; değişiklik yapılmadı.",
             "The server sent no version (ETag) of the preferences; nothing was changed.")
    }
    func lineAlready(_ state: String) -> String { pick("zaten \(state)", "already \(state)") }
}
