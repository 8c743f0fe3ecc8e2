import Foundation
import PanelClient

// A fake panel API on loopback for the hostile-server tests: the demo customer's data (the
// PanelAppTests fixtures, captured from the real server) with escape sequences, C1 controls and
// bidi overrides written into names and addresses, and one route answering with a fault.

/// What the fake panel does wrong on the route it was told to.
public enum PanelFault: String, CaseIterable, Sendable, CustomStringConvertible {
    case tenMegabyteBody, malformedJSON, wrongTypes, internalError, unavailableWithRetryAfter, oneBytePerSecond
    case closedMidBody

    public var description: String { rawValue }

    /// The answer that carries the fault; `valid` is the body a correct server would send.
    public func reply(valid: [UInt8]) -> ScriptedReply {
        switch self {
        case .tenMegabyteBody:
            let padding = [UInt8](repeating: UInt8(ascii: " "), count: 10 * 1024 * 1024)
            return .json(200, "", headers: ["ETag": "\"big\""]).with(body: valid.dropLast() + padding + [125])
        case .malformedJSON:
            return .json(200, "{\"email\": \"demo@example.com\", \"phone\": ", headers: ["ETag": "\"m\""])
        case .wrongTypes:
            return .json(200, #"{"email": 42, "phone": ["+905321234567"], "fax": {}, "contact_address": "Ankara"}"#,
                         headers: ["ETag": "\"w\""])
        case .internalError:
            return .problem(500, #"{"type":"about:blank","title":"Internal error","status":500,"code":"internal_error"}"#)
        case .unavailableWithRetryAfter:
            return .problem(503, #"{"type":"about:blank","title":"Unavailable","status":503,"code":"service_unavailable"}"#,
                            headers: ["Retry-After": "7"])
        case .oneBytePerSecond:
            var reply = ScriptedReply.json(200, "", headers: ["ETag": "\"slow\""]).with(body: valid)
            reply.millisecondsPerByte = 1000
            return reply
        case .closedMidBody:
            var reply = ScriptedReply.json(200, "", headers: ["ETag": "\"cut\""]).with(body: valid)
            reply.closeAfterBodyBytes = valid.count / 2
            return reply
        }
    }
}

extension ScriptedReply {
    func with(body: [UInt8]) -> ScriptedReply {
        var copy = self
        copy.body = body
        return copy
    }
}

/// The fake panel: answers sign-in, sign-out and every GET from the fixtures (made hostile), and
/// `fault` on the routes `faulty` says.
public final class FakePanel: @unchecked Sendable {
    /// Text no terminal may ever receive as it is: an OSC title change, a CSI colour and screen
    /// clear, a C1 CSI, and the bidi override that would show `gpj.exe` as `exe.jpg`.
    public static let titleChange = "\u{1B}]0;pwned\u{07}"
    public static let hostileName = "Ayşe\(titleChange)\u{1B}[31m\u{1B}[2J"
    public static let hostileSurname = "Yılmaz\u{202E}gpj.exe\u{202C}\u{9B}6n"
    public static let hostileLine1 = "Atatürk Cad.\u{1B}[1;1H\u{1B}[?1049l No: 12/3\u{7F}\u{85}"
    public static let hostileDistrict = "Çan\u{2067}kaya\u{2069}\u{200F}"

    public let server: ScriptedServer
    public var url: String { server.url }

    /// - Parameters:
    ///   - clean: the fixtures as they are, without hostile text (for the faults of a save).
    ///   - fault: what goes wrong, on the requests `faulty` picks (method and path).
    public init(clean: Bool = false, fault: PanelFault? = nil,
                faulty: @escaping @Sendable (String, String) -> Bool = { _, _ in false }) throws {
        let documents = try Self.documents(hostile: !clean)
        server = try ScriptedServer { request in
            let path = String(request.target.split(separator: "?").first ?? "")
            let valid = documents[path] ?? []
            if let fault, faulty(request.method, path) {
                return fault.reply(valid: request.method == "PUT" ? request.body : valid)
            }
            switch (request.method, path) {
            case ("POST", "/v1/session"):
                return .json(201, #"{"token":"fake-token","expires_at":"2030-01-01T00:00:00Z","idle_timeout_minutes":30}"#)
            case ("DELETE", "/v1/session"):
                return ScriptedReply(status: 204)
            case ("PUT", _):
                return .json(200, request.bodyText, headers: ["ETag": "\"saved\""])
            case ("GET", _) where documents[path] != nil:
                return .json(200, "", headers: ["ETag": "\"hostile-1\""]).with(body: valid)
            default:
                return .problem(404, #"{"type":"about:blank","title":"Not found","status":404,"code":"not_found"}"#)
            }
        }
    }

    public func stop() { server.stop() }

    // MARK: - Data

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("PanelAppTests/Fixtures")

    /// The fixture documents by path, with hostile text in names and addresses unless not `hostile`.
    static func documents(hostile: Bool) throws -> [String: [UInt8]] {
        let files = ["/v1/me": "me", "/v1/me/contact": "me-contact", "/v1/me/billing": "me-billing",
                     "/v1/me/data": "me-data", "/v1/me/message-preferences": "me-message-preferences",
                     "/v1/policies/privacy": "policy-privacy-tr", "/v1/policies/cookies": "policy-cookies-tr"]
        var documents: [String: [UInt8]] = [:]
        for (path, file) in files {
            let data = try Data(contentsOf: fixtures.appendingPathComponent(file + ".json"))
            let json = try JSONSerialization.jsonObject(with: data)
            documents[path] = Array(try JSONSerialization.data(withJSONObject: hostile ? Self.hostile(json) : json))
        }
        return documents
    }

    /// `json` with every name, address line and district replaced by its hostile form, and an
    /// escape sequence appended to every other string that is neither a code nor a number.
    static func hostile(_ json: Any, key: String = "") -> Any {
        switch json {
        case let object as [String: Any]:
            return Dictionary(uniqueKeysWithValues: object.map { ($0.key, hostile($0.value, key: $0.key)) })
        case let array as [Any]:
            return array.map { hostile($0, key: key) }
        case let text as String:
            switch key {
            case "first_name", "full_name": return hostileName
            case "last_name": return hostileSurname
            case "line1": return hostileLine1
            case "district": return hostileDistrict
            case "title", "subject", "label", "purpose", "body", "description":
                return text + titleChange + "\u{202E}"
            default: return text
            }
        default:
            return json
        }
    }
}
