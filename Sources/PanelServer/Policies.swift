import Foundation
import PanelModels

// MARK: - Policy library

/// The privacy and cookie policies in Turkish and English. Each is a file `<id>.<lang>.md`
/// (`privacy.tr.md`, `privacy.en.md`, `cookies.tr.md`, `cookies.en.md`) that starts with a front
/// matter of `title`, `version` and `effective_date` (`YYYY-MM-DD`) between `---` lines, followed by
/// the Markdown body. The bundled texts use the same format.
struct PolicyLibrary: Sendable {
    private var documents: [String: PolicyDocument]

    struct LoadError: Error, CustomStringConvertible {
        var description: String
    }

    /// The bundled texts.
    static let bundled: PolicyLibrary = {
        do {
            return try PolicyLibrary { BundledPolicies.files[$0] }
        } catch {
            fatalError("bundled policies are malformed: \(error)")
        }
    }()

    /// The four files from an operator's folder; every one must be there and well-formed.
    static func load(directory: String) throws -> PolicyLibrary {
        try PolicyLibrary { name in
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: path) else {
                throw LoadError(description: "\(path): cannot read the file")
            }
            return String(decoding: data, as: UTF8.self)
        }
    }

    private init(read: (String) throws -> String?) throws {
        var documents: [String: PolicyDocument] = [:]
        for id in PolicyID.allCases {
            for language in Language.allCases {
                let name = "\(id.rawValue).\(language.rawValue).md"
                guard let text = try read(name) else { throw LoadError(description: "\(name): missing") }
                documents[name] = try Self.parse(text, id: id, language: language, name: name)
            }
        }
        self.documents = documents
    }

    func document(_ id: PolicyID, _ language: Language) -> PolicyDocument {
        documents["\(id.rawValue).\(language.rawValue).md"]!
    }

    var summaries: [PolicySummary] {
        PolicyID.allCases.map { id in
            let tr = document(id, .tr)
            let en = document(id, .en)
            return PolicySummary(
                id: id, title: LocalizedText(tr: tr.title, en: en.title), version: en.version,
                effectiveDate: en.effectiveDate)
        }
    }

    // MARK: Front matter

    static func parse(_ text: String, id: PolicyID, language: Language, name: String) throws -> PolicyDocument {
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") else {
            throw LoadError(description: "\(name): no front matter (a first line ---, fields, then ---)")
        }
        var fields: [String: String] = [:]
        for line in lines[1..<end] where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let colon = line.firstIndex(of: ":") else {
                throw LoadError(description: "\(name): front matter line without a colon: \(line)")
            }
            fields[line[..<colon].trimmingCharacters(in: .whitespaces)] =
                line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        lines.removeSubrange(0...end)
        guard let title = fields["title"], !title.isEmpty, let version = fields["version"], !version.isEmpty,
            let date = fields["effective_date"],
            date.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil
        else {
            throw LoadError(description: "\(name): front matter needs title, version and effective_date (YYYY-MM-DD)")
        }
        let body = lines.joined(separator: "\n").trimmingCharacters(in: .newlines) + "\n"
        return PolicyDocument(
            id: id, language: language, title: title, version: version, effectiveDate: date,
            body: body)
    }
}
