import Foundation
import Testing

/// A real `haker-panel-server` on loopback with a database in a temporary folder, seeded with the
/// demo customers. Started in embedded mode: it prints its port (and a demo session) on one line
/// and ends when its standard input closes, so a test that crashes leaves no server behind.
/// Requests may come from several threads (`exchange` reads only constants), hence `@unchecked`.
final class PanelServerProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    /// A ready session of the individual demo customer (for checking changes through the API).
    let demoToken: String
    let databasePath: String
    private let stdinPipe = Pipe()

    var baseURL: String { "http://127.0.0.1:\(port)" }

    struct Handoff: Decodable {
        let port: Int
        let token: String
    }

    init(databasePath: String, extraArguments: [String] = []) throws {
        self.databasePath = databasePath
        process.executableURL = URL(fileURLWithPath: Binaries.server)
        process.arguments = ["--embedded", "--db", databasePath] + extraArguments
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = stdinPipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line on stdout is the hand-off.
        var line = Data()
        let reader = out.fileHandleForReading
        while true {
            let byte = reader.readData(ofLength: 1)
            if byte.isEmpty || byte == Data([0x0A]) { break }
            line.append(byte)
        }
        let handoff = try JSONDecoder().decode(Handoff.self, from: line)
        port = handoff.port
        demoToken = handoff.token
    }

    /// Ends the server the way the client does: closing its standard input.
    func stop() {
        try? stdinPipe.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning {
            try? stdinPipe.fileHandleForWriting.close()
            process.waitUntilExit()
        }
    }

    // MARK: - Checking through the API

    /// GET `path` with the demo session; returns the status and the body as JSON.
    func get(_ path: String, token: String? = nil) throws -> (status: Int, json: Any) {
        let (status, data) = try request("GET", path, token: token ?? demoToken)
        return (status, (try? JSONSerialization.jsonObject(with: data)) ?? [:])
    }

    func request(_ method: String, _ path: String, token: String?, body: Data? = nil,
                 headers: [String: String] = [:]) throws -> (Int, Data) {
        let answer = try exchange(method, path, token: token, body: body, headers: headers)
        return (answer.status, answer.body)
    }

    /// An answer: its status (0 when no answer came), headers (names in lower case) and body.
    struct Answer {
        var status: Int
        var headers: [String: String]
        var body: Data
    }

    /// One request through curl, with the answer's headers.
    func exchange(_ method: String, _ path: String, token: String?, body: Data? = nil,
                  headers: [String: String] = [:]) throws -> Answer {
        var arguments = ["-s", "-o", "-", "-D", "/dev/stderr", "-w", "\n%{http_code}", "-X", method, baseURL + path]
        if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        for (k, v) in headers { arguments += ["-H", "\(k): \(v)"] }
        if let body {
            arguments += ["-H", "Content-Type: application/json", "--data-binary", String(decoding: body, as: UTF8.self)]
        }
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = arguments
        let out = Pipe()
        let head = Pipe()
        curl.standardOutput = out
        curl.standardError = head
        try curl.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let headData = head.fileHandleForReading.readDataToEndOfFile()
        curl.waitUntilExit()
        var fields: [String: String] = [:]
        for line in String(decoding: headData, as: UTF8.self).split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let newline = text.lastIndex(of: "\n"), let status = Int(text[text.index(after: newline)...]) else {
            return Answer(status: 0, headers: fields, body: data)
        }
        return Answer(status: status, headers: fields, body: Data(text[..<newline].utf8))
    }
}
