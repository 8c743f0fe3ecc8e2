import Foundation
import PanelModels
import Yams

// MARK: - openapi.yaml as a checker

/// The contract in `openapi.yaml`, loaded once, and a check of one response against it: the status
/// is documented for the operation, the required headers are there, and a JSON body conforms to the
/// schema (the JSON Schema subset the file uses: $ref, allOf, type, properties, required,
/// additionalProperties: false, items, enum, const, pattern, maxLength, formats date-time and date).
final class OpenAPIContract: @unchecked Sendable {
    static let shared = OpenAPIContract()

    private let document: [String: Any]
    private let paths: [(template: [Substring], item: [String: Any])]

    private init() {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("openapi.yaml")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        document = ((try? Yams.load(yaml: text)) as? [String: Any]) ?? [:]
        paths = ((document["paths"] as? [String: Any]) ?? [:]).map { key, value in
            (key.split(separator: "/", omittingEmptySubsequences: false), value as? [String: Any] ?? [:])
        }
    }

    var isLoaded: Bool { !paths.isEmpty }

    /// Every documented (path, method), for checking that the tests exercised each.
    var operations: [String] {
        paths.flatMap { path, item in
            item.keys.filter { ["get", "put", "post", "delete"].contains($0) }
                .map { "\($0.uppercased()) \(path.joined(separator: "/"))" }
        }
    }

    /// The documented operation a request hits, as `METHOD /template`.
    func operation(method: String, path: String) -> String? {
        guard let (template, item) = pathItem(path), item[method.lowercased()] != nil else { return nil }
        return "\(method.uppercased()) \(template.joined(separator: "/"))"
    }

    /// What is wrong with the response (empty when it conforms).
    func violations(method: String, path: String, status: Int, headers: [String: String], body: Data) -> [String] {
        guard let (_, item) = pathItem(path) else {
            // Paths outside the contract may only be the 404 problem.
            return status == 404 && headers.values.contains("application/problem+json")
                ? []
                : ["\(path) is not in openapi.yaml and answered \(status)"]
        }
        guard let operation = item[method.lowercased()] as? [String: Any] else {
            // An undocumented method must be refused with 405.
            return status == 405 ? [] : ["\(method) \(path) is not documented and answered \(status)"]
        }
        let responses = operation["responses"] as? [String: Any] ?? [:]
        guard var response = (responses[String(status)] ?? responses["default"]) as? [String: Any] else {
            return ["\(method) \(path): status \(status) is not documented"]
        }
        response = resolve(response)
        var problems: [String] = []
        for (name, header) in response["headers"] as? [String: Any] ?? [:] {
            let header = resolve(header as? [String: Any] ?? [:])
            let value = headers.first { $0.key.lowercased() == name.lowercased() }?.value
            if header["required"] as? Bool == true, value == nil {
                problems.append("\(method) \(path) \(status): header \(name) is missing")
            }
            if let value, let schema = header["schema"] as? [String: Any] {
                problems += validate(.string(value), schema, at: "header \(name)")
            }
        }
        let content = response["content"] as? [String: Any]
        let mediaType = headers.first { $0.key.lowercased() == "content-type" }?.value
            .split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let content else {
            if !body.isEmpty { problems.append("\(method) \(path) \(status): a body where none is documented") }
            return problems
        }
        guard let mediaType, let media = content[mediaType] as? [String: Any] else {
            return problems + ["\(method) \(path) \(status): content type \(mediaType ?? "none") is not documented"]
        }
        guard mediaType.hasSuffix("json"), let schema = media["schema"] as? [String: Any] else { return problems }
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: body) else {
            return problems + ["\(method) \(path) \(status): the body is not JSON"]
        }
        return problems + validate(json, schema, at: "\(method) \(path) \(status) body")
    }

    // MARK: Paths

    private func pathItem(_ path: String) -> ([Substring], [String: Any])? {
        let segments =
            path.split(separator: "?").first.map { $0.split(separator: "/", omittingEmptySubsequences: false) }
            ?? []
        return paths.first { template, _ in
            template.count == segments.count
                && zip(template, segments).allSatisfy { $0.hasPrefix("{") ? !$1.isEmpty : $0 == $1 }
        }
    }

    private func resolve(_ object: [String: Any]) -> [String: Any] {
        guard let ref = object["$ref"] as? String else { return object }
        var node: Any = document
        for part in ref.dropFirst(2).split(separator: "/") {
            node = (node as? [String: Any])?[String(part)] ?? [:]
        }
        return resolve(node as? [String: Any] ?? [:])
    }

    // MARK: Schemas

    private func validate(_ value: JSONValue, _ rawSchema: [String: Any], at path: String) -> [String] {
        let schema = resolve(rawSchema)
        var problems: [String] = []
        for part in schema["allOf"] as? [[String: Any]] ?? [] {
            problems += validate(value, part, at: path)
        }
        if let types = (schema["type"] as? [String]) ?? (schema["type"] as? String).map({ [$0] }),
            !types.contains(where: value.isOfType)
        {
            return problems + ["\(path): \(value.typeName) where \(types.joined(separator: "|")) is expected"]
        }
        if let allowed = schema["enum"] as? [Any], !allowed.contains(where: { value.equals($0) }) {
            problems.append("\(path): \(value) is not one of \(allowed)")
        }
        if let constant = schema["const"], !value.equals(constant) {
            problems.append("\(path): \(value) is not \(constant)")
        }
        switch value {
        case .string(let text):
            if let pattern = schema["pattern"] as? String, text.range(of: pattern, options: .regularExpression) == nil {
                problems.append("\(path): \(text) does not match \(pattern)")
            }
            if let max = schema["maxLength"] as? Int, text.count > max {
                problems.append("\(path): longer than \(max)")
            }
            if schema["format"] as? String == "date-time", Timestamp(rfc3339: text) == nil {
                problems.append("\(path): \(text) is not a date-time")
            }
            if schema["format"] as? String == "date",
                text.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) == nil
            {
                problems.append("\(path): \(text) is not a date")
            }
        case .array(let items):
            if let itemSchema = schema["items"] as? [String: Any] {
                for (i, item) in items.enumerated() { problems += validate(item, itemSchema, at: "\(path)[\(i)]") }
            }
        case .object(let members):
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for name in schema["required"] as? [String] ?? [] where members[name] == nil {
                problems.append("\(path): \(name) is missing")
            }
            for (name, member) in members {
                if let propertySchema = properties[name] as? [String: Any] {
                    problems += validate(member, propertySchema, at: "\(path).\(name)")
                } else if schema["additionalProperties"] as? Bool == false {
                    problems.append("\(path): \(name) is not documented")
                }
            }
        default:
            break
        }
        return problems
    }
}

/// A JSON value, decoded strictly (a number is never a boolean).
enum JSONValue: Decodable, CustomStringConvertible {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        if let c = try? decoder.container(keyedBy: AnyKey.self) {
            var members: [String: JSONValue] = [:]
            for key in c.allKeys { members[key.stringValue] = try c.decode(JSONValue.self, forKey: key) }
            self = .object(members)
        } else if var c = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !c.isAtEnd { items.append(try c.decode(JSONValue.self)) }
            self = .array(items)
        } else {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() {
                self = .null
            } else if let b = try? c.decode(Bool.self) {
                self = .bool(b)
            } else if let i = try? c.decode(Int.self) {
                self = .integer(i)
            } else if let d = try? c.decode(Double.self) {
                self = .number(d)
            } else {
                self = .string(try c.decode(String.self))
            }
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .integer: "integer"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    func isOfType(_ type: String) -> Bool {
        type == typeName || (type == "number" && typeName == "integer")
    }

    func equals(_ other: Any) -> Bool {
        switch self {
        case .string(let s): (other as? String) == s
        case .bool(let b): (other as? Bool) == b
        case .integer(let i): (other as? Int) == i
        default: false
        }
    }

    var description: String {
        switch self {
        case .string(let s): "\"\(s)\""
        case .bool(let b): String(b)
        case .integer(let i): String(i)
        default: typeName
        }
    }
}
