import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PanelModels
import Synchronization
import Testing

@testable import PanelServer

// MARK: - Injected time and passwords

/// A clock the tests move by hand: no test sleeps to let a session or a lock-out expire.
final class TestClock: Sendable {
    private let seconds: Mutex<Int64>

    /// Wednesday 25 November 2026, 10:00 UTC (13:00 in Turkey).
    init(start: Int64 = 1_795_600_800) {
        seconds = Mutex(start)
    }

    var now: Timestamp { Timestamp(seconds: seconds.withLock { $0 }) }

    func advance(minutes: Int64) {
        seconds.withLock { $0 += minutes * 60 }
    }
}

/// A password hasher that counts verifications and costs nothing (the tests are about the code
/// path, not about bcrypt, which has its own test with the real demo hashes).
final class CountingPasswords: PasswordHashing, Sendable {
    private let count = Mutex(0)

    var verifications: Int { count.withLock { $0 } }

    func hash(_ password: String) -> String { "test$" + password }

    func verify(_ password: String, hash: String) -> Bool {
        count.withLock { $0 += 1 }
        return hash == "test$" + password
    }
}

/// Log lines kept in memory, to check what the server writes.
final class LogCapture: Sendable {
    let lines = Mutex<[String]>([])

    var logger: Logger {
        Logger(label: "test") { _ in CapturingHandler(capture: self) }
    }

    struct CapturingHandler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            capture.lines.withLock { $0.append("\(event.level) \(event.message)") }
        }
    }
}

// MARK: - A server under test

/// A seeded server on an in-memory (or given) database, with injected clock and passwords.
struct Harness {
    static let demoEmail = "demo@example.com"
    static let corporateEmail = "kurumsal@example.com"
    static let password = "demo1234"

    let server: PanelServer
    let clock: TestClock
    let passwords: CountingPasswords

    init(
        databasePath: String = ":memory:", trustedProxy: String? = nil, logger: Logger? = nil,
        clock: TestClock = TestClock()
    ) throws {
        var configuration = ServerConfiguration()
        configuration.databasePath = databasePath
        configuration.seedDemo = true
        configuration.printRejectLinks = false
        configuration.trustedProxy = trustedProxy
        configuration.port = 0
        self.clock = clock
        configuration.clock = { [clock] in clock.now }
        passwords = CountingPasswords()
        configuration.passwords = passwords
        configuration.logger = logger ?? Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        server = try PanelServer(configuration: configuration)
        // The seed carries real bcrypt hashes (cost 12); the tests' hasher takes its own form.
        try server.store.db.write { db in
            try db.execute(sql: "UPDATE customers SET password_hash = ?", arguments: ["test$" + Self.password])
        }
    }

    var store: PanelStore { server.store }

    func run<T: Sendable>(_ setup: TestingSetup = .router, _ body: @Sendable (API) async throws -> T) async throws -> T
    {
        try await server.makeApplication().test(setup) { client in try await body(API(client: client)) }
    }

    func customerID(_ email: String) throws -> Int64 {
        try #require(try store.customer(email: email)).id
    }

    /// The demo customer's reject-link tokens are printed, never stored in clear: tests make their own.
    func rejectToken(email: String = demoEmail, topic: String, channel: String) throws -> String {
        let id = try customerID(email)
        return try store.db.write { db in
            try PanelStore.createRejectToken(db, customerID: id, topic: topic, channel: channel, now: clock.now)
        }
    }
}

// MARK: - A client that checks every answer against openapi.yaml

struct API: Sendable {
    let client: any TestClientProtocol

    struct Answer {
        var status: Int
        var headers: [String: String]
        var body: Data

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try JSONDecoder().decode(T.self, from: body)
        }

        var problem: Problem? { try? decode(Problem.self) }
        var text: String { String(decoding: body, as: UTF8.self) }

        func header(_ name: String) -> String? {
            headers.first { $0.key.lowercased() == name.lowercased() }?.value
        }

        var fieldCodes: [String: String] {
            Dictionary((problem?.errors ?? []).map { ($0.field, $0.code) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// Sends a request and checks the answer against the contract (recorded as a test issue).
    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ path: String, token: String? = nil, headers: [String: String] = [:],
        json: (any Encodable)? = nil, raw: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Answer {
        var fields = HTTPFields()
        if let token { fields[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json {
            fields[.contentType] = "application/json"
            body = ByteBuffer(bytes: try JSONEncoder().encode(json))
        } else if let raw {
            if fields[.contentType] == nil, headers["Content-Type"] == nil { fields[.contentType] = "application/json" }
            body = ByteBuffer(string: raw)
        }
        for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
        let response = try await client.executeRequest(uri: path, method: method, headers: fields, body: body)
        var headerMap: [String: String] = [:]
        for field in response.headers { headerMap[field.name.canonicalName] = field.value }
        let answer = Answer(
            status: Int(response.status.code), headers: headerMap,
            body: Data(response.body.readableBytesView))
        let problems = OpenAPIContract.shared.violations(
            method: method.rawValue, path: path, status: answer.status,
            headers: headerMap, body: answer.body)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))", sourceLocation: sourceLocation)
        return answer
    }

    func signIn(
        _ email: String = Harness.demoEmail, _ password: String = Harness.password,
        headers: [String: String] = [:]
    ) async throws -> Answer {
        try await call(.post, "/v1/session", headers: headers, json: SessionRequest(email: email, password: password))
    }

    /// Signs in and returns the token, failing the test otherwise.
    func token(_ email: String = Harness.demoEmail) async throws -> String {
        let answer = try await signIn(email)
        #expect(answer.status == 201)
        return try answer.decode(SessionGrant.self).token
    }

    /// GET a resource and its ETag.
    func tagged<R: Decodable>(_ path: String, _ type: R.Type, token: String) async throws -> (R, String) {
        let answer = try await call(.get, path, token: token)
        #expect(answer.status == 200)
        return (try answer.decode(R.self), try #require(answer.header("ETag")))
    }
}

/// A temporary folder, removed at the end of the scope: databases never land in the repo tree.
func withTemporaryDirectory<T>(_ body: (String) async throws -> T) async rethrows -> T {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("panel-tests-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try await body(path)
}
