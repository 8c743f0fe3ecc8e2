#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PanelModels
import TerminalUI

/// Line mode's answers as lines of plain text in the chosen language: unwrapped (the terminal
/// wraps; scripts and screen readers read whole lines), times in Turkey's time as on the screens.
/// The lines hold server text as it came: `LineOutput` makes every line inert on the way out.
struct LineText {
    let language: Language
    var s: Strings { Strings(language) }

    // MARK: - show

    /// `GET /v1/me/data` as text: every category with its purpose and retention, the lists, and
    /// what is not stored.
    func dataReport(_ report: DataReport) -> [String] {
        var lines = [s.lineDataTitle(report.customerNumber), s.lineGenerated(report.generatedAt.turkeyDisplay)]
        for category in report.categories {
            lines.append("")
            let title = category.title[language]
            lines.append(category.count.map { "\(title) (\($0))" } ?? title)
            lines.append("  " + s.linePurpose + ": " + category.purpose[language])
            lines.append("  " + s.lineRetention + ": " + category.retention[language])
            lines += labelled(category.fields.map { ($0.label[language], $0.value ?? s.notGiven) }, indent: 2)
            lines += entries(of: category.id, in: report).map { "  " + $0 }
        }
        lines.append("")
        lines.append(s.lineNotStored)
        for item in report.notStored {
            lines.append("  " + item.title[language] + ": " + item.text[language])
        }
        return lines
    }

    /// The entries of a list category (`change_log`, `ip_log`, …); none for the others.
    private func entries(of category: String, in report: DataReport) -> [String] {
        switch category {
        case "change_log":
            return report.changeLog.flatMap { entry in
                let from = [entry.ip, entry.client].compactMap { $0 }.joined(separator: ", ")
                let head = "\(entry.at.turkeyDisplay)  \(s.lineActor(entry.actor))  \(entry.resource)"
                    + (from.isEmpty ? "" : "  (\(from))")
                return [head] + entry.changes.map {
                    "    \($0.field): \($0.old ?? s.notGiven) → \($0.new ?? s.notGiven)"
                }
            }
        case "ip_log":
            return report.ipLog.map { "\($0.at.turkeyDisplay)  \($0.ip)  \($0.action)" }
        case "support_threads":
            return report.supportThreads.map { "\($0.openedAt.turkeyDate)  \($0.status)  \($0.subject)" }
        case "sessions":
            return report.sessions.map { session in
                var parts = [s.lineSessionTimes(session.createdAt.turkeyDisplay, session.lastSeenAt.turkeyDisplay)]
                parts += [session.ip, session.client].compactMap { $0 }
                if session.current { parts.append(s.lineThisSession) }
                return parts.joined(separator: ", ")
            }
        case "message_preferences":
            return grid(report.messagePreferences)
        default:
            return []
        }
    }

    // MARK: - messages

    /// The topic × channel grid, the refusals with the date each applies from, the required
    /// topics with why, the names `messages set` takes, and the history.
    func preferences(_ preferences: MessagePreferences) -> [String] {
        var lines = [s.lineMessagesTitle, ""]
        lines += grid(preferences)
        let refusals = preferences.preferences.filter { !$0.optedIn && !$0.required }
        if !refusals.isEmpty {
            lines.append("")
            lines.append(s.lineRefusals)
            for cell in refusals {
                let applies = cell.effectiveFrom.map { s.lineAppliesFrom($0.turkeyDisplay) } ?? ""
                lines.append("  " + cellName(cell.topic, cell.channel, in: preferences) + ": " + s.lineOff
                             + (applies.isEmpty ? "" : ", " + applies))
            }
        }
        let required = preferences.topics.filter(\.required)
        if !required.isEmpty {
            lines.append("")
            lines.append(s.lineRequiredTopics)
            for topic in required {
                lines.append("  " + topic.label[language] + ": " + (topic.requiredReason?[language] ?? s.lineRequired))
            }
        }
        lines.append("")
        lines.append(s.lineSetUsage)
        lines.append("  " + s.lineTopics + ": " + preferences.topics.map(\.id).joined(separator: ", "))
        lines.append("  " + s.lineChannels + ": " + preferences.channels.map(\.id).joined(separator: ", "))
        lines.append("")
        lines.append(s.lineHistory)
        if preferences.history.isEmpty { lines.append("  " + s.none) }
        for change in preferences.history {
            let applies = change.effectiveFrom.map { ", " + s.lineAppliesFrom($0.turkeyDisplay) } ?? ""
            lines.append("  \(change.at.turkeyDisplay)  " + cellName(change.topic, change.channel, in: preferences)
                         + ": " + (change.optedIn ? s.lineOn : s.lineOff) + applies + " (" + s.lineSource(change.source) + ")")
        }
        return lines
    }

    /// Rows of topics, columns of channels: on, off or required in each cell.
    func grid(_ preferences: MessagePreferences) -> [String] {
        let header = [""] + preferences.channels.map { $0.label[language] }
        let rows = preferences.topics.map { topic in
            [topic.label[language]] + preferences.channels.map { channel in
                guard let cell = preferences.preferences.first(where: { $0.topic == topic.id && $0.channel == channel.id })
                else { return "–" }
                return cell.required ? s.lineRequired : cell.optedIn ? s.lineOn : s.lineOff
            }
        }
        return table([header] + rows)
    }

    /// `Partner updates · SMS`.
    func cellName(_ topic: String, _ channel: String, in preferences: MessagePreferences) -> String {
        let topicLabel = preferences.topics.first { $0.id == topic }?.label[language] ?? topic
        let channelLabel = preferences.channels.first { $0.id == channel }?.label[language] ?? channel
        return topicLabel + " · " + channelLabel
    }

    // MARK: - policy

    /// The policy's title, version and effective date, then its Markdown as it is.
    func policy(_ document: PolicyDocument) -> [String] {
        [document.title, s.linePolicyVersion(document.version, document.effectiveDate), ""]
            + document.body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
    }

    // MARK: - Layout

    /// `label   value` pairs with the values aligned.
    private func labelled(_ pairs: [(String, String)], indent: Int) -> [String] {
        table(pairs.map { [$0.0, $0.1] }).map { String(repeating: " ", count: indent) + $0 }
    }

    /// Columns padded to their widest cell (display width, after sanitising), two spaces apart.
    private func table(_ rows: [[String]]) -> [String] {
        let rows = rows.map { $0.map(Self.inert) }
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in
            rows.map { column < $0.count ? DisplayWidth.of($0[column]) : 0 }.max() ?? 0
        }
        return rows.map { row in
            row.enumerated().map { column, text in
                column < row.count - 1 ? TextLayout.pad(text, toWidth: widths[column] + 2) : text
            }.joined()
        }
    }

    // MARK: - Inert text

    /// One line made safe for a terminal: tabs become spaces, every control character and
    /// dangerous format character becomes visible and inert (`InertText`, as on the screen).
    static func inert(_ line: String) -> String {
        InertText.sanitize(line.replacing("\t", with: "    "))
    }

    /// JSON for a terminal: the scalars `InertText` would replace (C1 controls, bidirectional
    /// overrides, separators…) written as `\uXXXX` escapes. Valid JSON cannot hold them outside
    /// strings, and inside strings the escape means the same text, so a script reads what the
    /// server sent while the terminal sees nothing it would act on. Line feeds (the layout) stay.
    static func inertJSON(_ json: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            if scalar == "\n" || InertText.isInert(scalar) {
                result.append(scalar)
                continue
            }
            for unit in String(scalar).utf16 {
                let hex = String(unit, radix: 16)
                result.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            }
        }
        return String(result)
    }
}

// MARK: - Words

extension Strings {
    func lineDataTitle(_ number: String) -> String {
        pick("Hakkınızda saklanan veriler — müşteri \(number)", "The data stored about you — customer \(number)")
    }
    func lineGenerated(_ time: String) -> String {
        pick("Hazırlanma: \(time) (Türkiye saati)", "Generated \(time) (Turkey time)")
    }
    var linePurpose: String { pick("Amaç", "Purpose") }
    var lineRetention: String { pick("Saklama süresi", "Kept") }
    var lineNotStored: String { pick("Hakkınızda saklanmayanlar", "Not stored about you") }
    func lineSessionTimes(_ created: String, _ lastSeen: String) -> String {
        pick("açılış \(created), son etkinlik \(lastSeen)", "opened \(created), last seen \(lastSeen)")
    }
    var lineThisSession: String { pick("bu oturum", "this session") }
    func lineActor(_ actor: ChangeActor) -> String {
        switch actor {
        case .customer: pick("müşteri", "customer")
        case .support: pick("destek", "support")
        case .system: pick("sistem", "system")
        }
    }
    func lineSource(_ source: ChangeSource) -> String {
        switch source {
        case .terminal: pick("panelden", "in the panel")
        case .link: pick("ret bağlantısıyla", "by the reject link")
        case .support: pick("destek ekibince", "by support")
        case .system: pick("sistemce", "by the system")
        }
    }

    var lineMessagesTitle: String { pick("İleti tercihleri (konu × kanal)", "Message preferences (topic × channel)") }
    var lineOn: String { pick("açık", "on") }
    var lineOff: String { pick("kapalı", "off") }
    var lineRequired: String { pick("zorunlu", "required") }
    var lineRefusals: String { pick("Reddedilen iletiler:", "Refused messages:") }
    func lineAppliesFrom(_ time: String) -> String {
        pick("\(time) itibarıyla geçerli", "applies from \(time)")
    }
    var lineRequiredTopics: String { pick("Kapatılamayan bildirimler:", "Notices that cannot be refused:") }
    var lineSetUsage: String {
        pick("Değiştirmek için: haker-panel messages set KONU KANAL on|off",
             "To change one: haker-panel messages set TOPIC CHANNEL on|off")
    }
    var lineTopics: String { pick("konular", "topics") }
    var lineChannels: String { pick("kanallar", "channels") }
    var lineHistory: String { pick("Değişiklik geçmişi (en yenisi önce):", "History of changes (newest first):") }

    func linePolicyVersion(_ version: String, _ date: String) -> String {
        pick("Sürüm \(version) · yürürlük tarihi \(date)", "Version \(version) · effective \(date)")
    }
}
