import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import PanelModels
import Synchronization
import Testing

@testable import PanelServer

// The server's security review, as tests: who may call each route (the README's table), response
// headers, size and shape limits, and the password check behind an e-mail change.

// MARK: - Authorisation on every route

/// Who may call a route, as the README's `## Security` table says it.
enum Caller: Equatable {
    case anyone, customer, rejectLinkHolder

    init?(readme text: String) {
        if text.hasPrefix("anyone") {
            self = .anyone
        } else if text.hasPrefix("a signed-in customer") {
            self = .customer
        } else if text.hasPrefix("the reject-link token's holder") {
            self = .rejectLinkHolder
        } else {
            return nil
        }
    }
}

@Suite struct AuthorisationTests {
    enum ReadmeError: Error { case unknownCaller(String) }

    /// The README's table: `METHOD /path` → who may call it.
    static func readmeTable() throws -> [String: Caller] {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let section = try #require(text.components(separatedBy: "\n## Security\n").dropFirst().first)
            .components(separatedBy: "\n## ").first ?? ""
        var table: [String: Caller] = [:]
        for line in section.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let route = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            guard let caller = Caller(readme: cells[1]) else { throw ReadmeError.unknownCaller(String(line)) }
            table[route] = caller
        }
        return table
    }

    @Test func theReadmesTableListsExactlyTheRoutesOfTheContractAndTheRouter() throws {
        let table = try Self.readmeTable()
        let served = Set(PanelServer.routeTable.flatMap { r in r.methods.map { "\($0.rawValue) \(r.path)" } })
        #expect(Set(table.keys) == served)
        #expect(Set(table.keys) == Set(OpenAPIContract.shared.operations))
    }

    /// Every route, called as nobody, with a forged token and with another customer's token, answers
    /// as the table says: customer routes 401 without a live session and the caller's own data with
    /// one; reject-link routes 404 without a real link, whatever the bearer; public routes never 401.
    @Test func everyRouteAnswersOnlyTheCallersTheReadmeNames() async throws {
        let harness = try Harness()
        let link = try harness.rejectToken(topic: "partner_updates", channel: "email")
        let forgedLink = String(repeating: "A", count: 43)
        try await harness.run { api in
            let ayse = try await api.token(Harness.demoEmail)
            let company = try await api.token(Harness.corporateEmail)
            let forged = PanelStore.randomToken()
            // Ayşe's markers: none may appear in an answer to the company's token.
            let ayseMarkers = ["HK-100231", "demo@example.com", "Ayşe", "Atatürk Cad."]
            for (route, caller) in try Self.readmeTable().sorted(by: { $0.key < $1.key }) {
                let parts = route.split(separator: " ", maxSplits: 1).map(String.init)
                let method = HTTPRequest.Method(parts[0])!
                let template = parts[1]
                switch caller {
                case .anyone:
                    let path = template.replacing("{id}", with: "privacy")
                    #expect(try await api.call(method, path).status != 401, "\(route)")
                case .customer:
                    let none = try await api.call(method, template)
                    #expect(none.status == 401 && none.problem?.code == ProblemCode.unauthorized, "\(route)")
                    #expect(try await api.call(method, template, token: forged).status == 401, "\(route)")
                    guard method == .get else { continue }
                    let theirs = try await api.call(method, template, token: company)
                    #expect(theirs.status == 200, "\(route)")
                    #expect(!ayseMarkers.contains { theirs.text.contains($0) }, "\(route): \(theirs.text.prefix(300))")
                    let own = try await api.call(method, template, token: ayse)
                    #expect(own.status == 200 && own.text != theirs.text, "\(route)")
                case .rejectLinkHolder:
                    for token in [nil, ayse, company] {
                        let answer = try await api.call(
                            method, template.replacing("{token}", with: forgedLink), token: token)
                        #expect(answer.status == 404, "\(route)")
                    }
                    if method == .get {
                        let real = try await api.call(method, template.replacing("{token}", with: link))
                        #expect(real.status == 200, "\(route)")
                    }
                }
            }
            // The company's writes reached only the company: signing out ended its session alone.
            #expect(try await api.call(.delete, "/v1/session", token: company).status == 204)
            #expect(try await api.call(.get, "/v1/me", token: company).status == 401)
            #expect(try await api.call(.get, "/v1/me", token: ayse).status == 200)
        }
    }

    @Test func aRevokedOrExpiredTokenIsRefusedOnEveryCustomerRoute() async throws {
        let harness = try Harness()
        try await harness.run { api in
            let revoked = try await api.token()
            #expect(try await api.call(.delete, "/v1/session", token: revoked).status == 204)
            let stale = try await api.token()
            harness.clock.advance(minutes: 31)
            for (route, caller) in try Self.readmeTable() where caller == .customer {
                let parts = route.split(separator: " ", maxSplits: 1).map(String.init)
                let method = HTTPRequest.Method(parts[0])!
                #expect(try await api.call(method, parts[1], token: revoked).status == 401, "\(route)")
                let expired = try await api.call(method, parts[1], token: stale)
                #expect(expired.problem?.code == ProblemCode.sessionExpired, "\(route)")
            }
        }
    }
}

// MARK: - Tokens

@Suite struct TokenTests {
    @Test func tokensAre32RandomBytesInBase64URLAndNeverRepeat() {
        let tokens = (0..<1000).map { _ in PanelStore.randomToken() }
        #expect(Set(tokens).count == tokens.count)
        for token in tokens.prefix(50) {
            var base64 = token.replacing("-", with: "+").replacing("_", with: "/")
            base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
            #expect(Data(base64Encoded: base64)?.count == 32)
        }
    }

    @Test func aBusyClientTouchesItsSessionAtMostOnceAMinute() async throws {
        let harness = try Harness()
        try await harness.run { api in
            let token = try await api.token()
            func lastSeen() async throws -> Int64? {
                try await harness.store.db.read { db in
                    try Int64.fetchOne(db, sql: "SELECT last_seen_at FROM sessions ORDER BY id DESC LIMIT 1")
                }
            }
            let start = try await lastSeen()
            for _ in 0..<5 { #expect(try await api.call(.get, "/v1/me", token: token).status == 200) }
            #expect(try await lastSeen() == start)
            harness.clock.advance(minutes: 1)
            #expect(try await api.call(.get, "/v1/me", token: token).status == 200)
            #expect(try await lastSeen() == harness.clock.now.seconds)
        }
    }
}

// MARK: - The password behind an e-mail change

@Suite struct CurrentPasswordTests {
    @Test func wrongCurrentPasswordsCountAsFailedSignInsAndLockAfterFive() async throws {
        let harness = try Harness()
        try await harness.run { api in
            let token = try await api.token()
            let (contact, etag) = try await api.tagged("/v1/me/contact", ContactDetails.self, token: token)
            var edited = contact
            edited.email = "new-address@example.com"
            edited.currentPassword = "guess"
            for _ in 0..<5 {
                let wrong = try await api.call(
                    .put, "/v1/me/contact", token: token, headers: ["If-Match": etag], json: edited)
                #expect(wrong.fieldCodes["current_password"] == FieldErrorCode.incorrectPassword)
            }
            let verifications = harness.passwords.verifications
            edited.currentPassword = Harness.password
            let locked = try await api.call(
                .put, "/v1/me/contact", token: token, headers: ["If-Match": etag], json: edited)
            #expect(locked.status == 429 && locked.header("Retry-After") != nil)
            #expect(harness.passwords.verifications == verifications, "no password is checked while locked")
            #expect(try await api.signIn().status == 429, "the sign-in is locked too")
            harness.clock.advance(minutes: 15)
            let after = try await api.call(
                .put, "/v1/me/contact", token: token, headers: ["If-Match": etag], json: edited)
            #expect(after.status == 200)
        }
    }
}

// MARK: - Headers

@Suite struct ResponseHeaderTests {
    @Test func everyAnswerCarriesNosniffNoStoreAndNoServerVersion() async throws {
        let harness = try Harness()
        try await harness.run(.live) { api in
            let token = try await api.token()
            let answers = [
                try await api.call(.get, "/healthz"),
                try await api.call(.get, "/v1/me", token: token),
                try await api.call(.get, "/v1/me/data/export", token: token),
                try await api.call(.get, "/v1/me"),
                try await api.call(.get, "/v1/nothing"),
                try await api.call(.put, "/v1/me/contact", token: token),
            ]
            for answer in answers {
                #expect(answer.header("X-Content-Type-Options") == "nosniff")
                #expect(answer.header("Cache-Control") == "no-store")
                #expect(answer.header("Content-Security-Policy") == "default-src 'none'; frame-ancestors 'none'")
                #expect(answer.header("Referrer-Policy") == "no-referrer")
                #expect(answer.header("Server") == nil && answer.header("X-Powered-By") == nil)
            }
        }
    }
}

// MARK: - Size and shape

@Suite struct RequestLimitTests {
    @Test func aBodyAnnouncedAt10MBIsRefusedBeforeItIsSent() async throws {
        let harness = try Harness()
        try await harness.run(.live) { api in
            let token = try await api.token()
            let port = try #require(api.client.port)
            // Only the head is sent: the 413 must come without the server waiting for the body.
            let head = """
                PUT /v1/me/contact HTTP/1.1\r
                Host: 127.0.0.1\r
                Authorization: Bearer \(token)\r
                If-Match: "x"\r
                Content-Type: application/json\r
                Content-Length: 10485760\r
                \r
                {"email":
                """
            let answer = try RawHTTP.exchange(port: port, sending: head)
            #expect(answer.hasPrefix("HTTP/1.1 413"), "\(answer.prefix(200))")
            #expect(answer.contains("payload_too_large"))
        }
    }

    @Test func longFieldsAre422sAndJSONWithRepeatedKeysOrDeepNestingIs400() async throws {
        let harness = try Harness()
        try await harness.run { api in
            let token = try await api.token()
            let (contact, etag) = try await api.tagged("/v1/me/contact", ContactDetails.self, token: token)
            var long = contact
            long.contactAddress.line1 = String(repeating: "ç", count: 20_000)
            long.contactAddress.district = String(repeating: "d", count: 5_000)
            let tooLong = try await api.call(.put, "/v1/me/contact", token: token, headers: ["If-Match": etag], json: long)
            #expect(
                tooLong.fieldCodes == [
                    "contact_address.line1": FieldErrorCode.tooLong, "contact_address.district": FieldErrorCode.tooLong,
                ])

            let repeated = #"{"email":"demo@example.com","password":"x","password":"demo1234"}"#
            let twice = try await api.call(.post, "/v1/session", raw: repeated)
            #expect(twice.status == 400 && twice.problem?.detail?.contains("repeated") == true)
            let escaped = #"{"email":"demo@example.com","password":"x","p\u0061ssword":"demo1234"}"#
            #expect(try await api.call(.post, "/v1/session", raw: escaped).status == 400)
            // The same key in two different objects is fine.
            let nested = try JSONEncoder().encode(contact)
            #expect(JSONShape.problem(in: nested) == nil)

            let deep = String(repeating: "[", count: 30_000) + String(repeating: "]", count: 30_000)
            let tooDeep = try await api.call(.post, "/v1/session", raw: deep)
            #expect(tooDeep.status == 400 && tooDeep.problem?.detail?.contains("nested") == true)
            let deepObject = String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000)
            #expect(try await api.call(.post, "/v1/session", raw: deepObject).status == 400)
        }
    }

    @Test func theShapeScanSurvivesAnyBytes() {
        let samples = [#"{"a":"\"#, #"{"\"#, #"""#, "}}}]]]", #"{"a":1,"#, #"{"a\"":1,"a\"":2}"#, "\u{0}\u{FF}"]
        #expect(JSONShape.problem(in: Data(samples[5].utf8)) != nil)
        for sample in samples { _ = JSONShape.problem(in: Data(sample.utf8)) }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 0...64, using: &generator)).map { _ in
                Array("{}[]\",:\\ab1".utf8).randomElement(using: &generator)!
            }
            _ = JSONShape.problem(in: Data(bytes))
        }
    }
}

// MARK: - Storage

@Suite struct StorageSettingsTests {
    @Test func theDatabaseFileRunsInWALWithFullSynchronousCommits() async throws {
        try await withTemporaryDirectory { dir in
            let harness = try Harness(databasePath: "\(dir)/panel.sqlite")
            let (mode, synchronous) = try await harness.store.db.writeWithoutTransaction { db in
                (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
            }
            #expect(mode == "wal")
            #expect(synchronous == 2)  // FULL
        }
    }

    @Test func twoServersOpeningAFreshFileAtOnceBothStart() async throws {
        for _ in 0..<5 {
            try await withTemporaryDirectory { dir in
                let path = "\(dir)/panel.sqlite"
                let failures = Mutex<[String]>([])
                DispatchQueue.concurrentPerform(iterations: 2) { _ in
                    do {
                        let writer = try PanelDatabase.open(path: path)
                        _ = try DemoSeed.seed(writer, now: Timestamp(seconds: 1_795_000_000))
                    } catch {
                        failures.withLock { $0.append("\(error)") }
                    }
                }
                #expect(failures.withLock { $0 }.isEmpty)
                let writer = try PanelDatabase.open(path: path)
                #expect(try writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM customers") } == 2)
            }
        }
    }
}

// MARK: - A raw HTTP exchange

/// Sends bytes on a fresh loopback connection and reads the answer until the server closes or stops
/// sending: for requests no HTTP client would send as they are.
enum RawHTTP {
    static func exchange(port: Int, sending text: String) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let bytes = Array(text.utf8)
        guard send(fd, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else { throw POSIXError(.EPIPE) }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            answer += buffer[0..<count]
            // A whole answer: the head and as many body bytes as it announces.
            let text = String(decoding: answer, as: UTF8.self)
            if let split = text.range(of: "\r\n\r\n"),
                let lengthLine = text[..<split.lowerBound].split(separator: "\r\n")
                    .first(where: { $0.lowercased().hasPrefix("content-length:") }),
                let length = Int(lengthLine.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)),
                text[split.upperBound...].utf8.count >= length
            {
                break
            }
        }
        return String(decoding: answer, as: UTF8.self)
    }
}
