#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PanelModels
import ScriptedHTTP
import Testing
@testable import PanelClient

let contactJSON = """
    {"email":"demo@example.com","phone":"+905321234567","fax":null,
     "contact_address":{"line1":"Atatürk Cad. No: 12/3","line2":"Kızılay Mah.","district":"Çankaya",
                        "province":"Ankara","postal_code":"06420","country":"TR"}}
    """

let sampleContact = ContactDetails(
    email: "demo@example.com", phone: "+905321234567",
    contactAddress: Address(line1: "Atatürk Cad. No: 12/3", line2: "Kızılay Mah.", district: "Çankaya",
                            province: "Ankara", postalCode: "06420"))

/// A scripted server and a base URL pointing at it, for one test.
struct APIFixture {
    let server: ScriptedServer
    let base: APIBase
    let transfers = TransferSet()

    init(prefix: String = "", _ script: @escaping @Sendable (ReceivedRequest) -> ScriptedReply) throws {
        server = try ScriptedServer(script)
        base = try APIBase(server.url + prefix)
    }

    func call<R>(_ endpoint: Endpoint<R>, token: SessionToken? = SessionToken("tok-123")) -> APIResult<R> {
        transfers.perform(endpoint, base: base, token: token)
    }
}

@Suite("The typed panel API client")
struct PanelAPITests {
    // MARK: - Requests

    @Test func signInPostsTheCredentialsWithoutATokenAndWrapsTheGrantedToken() throws {
        let api = try APIFixture { _ in
            .json(201, #"{"token":"granted-token","expires_at":"2026-11-25T22:00:00Z","idle_timeout_minutes":30}"#)
        }
        defer { api.server.stop() }
        let session = try api.call(PanelAPI.signIn(email: "demo@example.com", password: "pa55 wörd"), token: nil).get()
        #expect(session.token == SessionToken("granted-token"))
        #expect(session.expiresAt == Timestamp(rfc3339: "2026-11-25T22:00:00Z"))
        #expect(session.idleTimeoutMinutes == 30)
        let received = try #require(api.server.received.first)
        #expect(received.method == "POST")
        #expect(received.target == "/v1/session")
        #expect(received.headers["Authorization"] == nil)
        #expect(received.headers["Content-Type"] == "application/json")
        let sent = try JSONDecoder().decode(SessionRequest.self, from: Data(received.body))
        #expect(sent == SessionRequest(email: "demo@example.com", password: "pa55 wörd"))
    }

    @Test func aGetSendsTheTokenAndDecodesTheResourceWithItsETag() throws {
        let api = try APIFixture { _ in .json(200, contactJSON, headers: ["ETag": "\"c-1\""]) }
        defer { api.server.stop() }
        let result = api.call(PanelAPI.contact())
        #expect(result == .success(sampleContact, etag: "\"c-1\""))
        let received = try #require(api.server.received.first)
        #expect(received.method == "GET")
        #expect(received.target == "/v1/me/contact")
        #expect(received.headers["Authorization"] == "Bearer tok-123")
        #expect(received.headers["Accept"]?.contains("application/problem+json") == true)
    }

    @Test func aPutSendsIfMatchAndSnakeCaseJSONAndReturnsTheNewETag() throws {
        let api = try APIFixture { request in .json(200, request.bodyText, headers: ["ETag": "\"c-2\""]) }
        defer { api.server.stop() }
        let result = api.call(PanelAPI.updateContact(sampleContact, ifMatch: "\"c-1\""))
        #expect(result == .success(sampleContact, etag: "\"c-2\""))
        let received = try #require(api.server.received.first)
        #expect(received.method == "PUT")
        #expect(received.headers["If-Match"] == "\"c-1\"")
        #expect(received.bodyText.contains(#""postal_code":"06420""#))
        #expect(received.bodyText.contains(#""contact_address""#))
    }

    @Test(arguments: ["", "/", "/panel", "/panel/"])
    func theBaseURLMayHaveATrailingSlashAndAPathPrefix(prefix: String) throws {
        let api = try APIFixture(prefix: prefix) { _ in .json(200, #"{"policies":[]}"#) }
        defer { api.server.stop() }
        #expect(api.call(PanelAPI.policies()).value == PolicyList(policies: []))
        let expected = (prefix.hasPrefix("/panel") ? "/panel" : "") + "/v1/policies"
        #expect(api.server.received.first?.target == expected)
    }

    @Test func aPolicyIsAskedForInALanguageWithoutTheToken() throws {
        let api = try APIFixture { _ in
            .json(200, ##"{"id":"privacy","lang":"tr","title":"Gizlilik","version":"3","##
                + ##""effective_date":"2024-01-01","body":"# Gizlilik"}"##)
        }
        defer { api.server.stop() }
        let document = try api.call(PanelAPI.policy(.privacy, language: .tr)).get()
        #expect(document.language == .tr && document.body == "# Gizlilik")
        #expect(api.server.received.first?.target == "/v1/policies/privacy?lang=tr")
        #expect(api.server.received.first?.headers["Authorization"] == nil)
    }

    @Test func theExportComesBackAsTheRawBytes() throws {
        let bytes = #"{"customer_number":"HK-100231", "weird": "\u001b[31m"}"#
        let api = try APIFixture { _ in .json(200, bytes) }
        defer { api.server.stop() }
        #expect(api.call(PanelAPI.dataExport()).value == Data(bytes.utf8))
    }

    @Test func signOutAndHealthNeedNoBody() throws {
        let api = try APIFixture { _ in ScriptedReply(status: 204) }
        defer { api.server.stop() }
        #expect(api.call(PanelAPI.signOut()) == .success(NoContent(), etag: nil))
        #expect(api.call(PanelAPI.health()) == .success(NoContent(), etag: nil))
        #expect(api.server.received.map(\.method) == ["DELETE", "GET"])
    }

    // MARK: - Problems

    @Test func a412CarriesTheServersCurrentResourceAndETag() throws {
        let api = try APIFixture { _ in
            .problem(412, """
                {"type":"about:blank","title":"Precondition Failed","status":412,"code":"precondition_failed",
                 "current":\(contactJSON),"etag":"\\"c-9\\""}
                """)
        }
        defer { api.server.stop() }
        let result = api.call(PanelAPI.updateContact(sampleContact, ifMatch: "\"c-1\""))
        guard case .conflict(let conflict) = result else {
            Issue.record("expected a conflict, got \(result)")
            return
        }
        #expect(conflict.current == sampleContact)
        #expect(conflict.etag == "\"c-9\"")
        #expect(conflict.problem.code == ProblemCode.preconditionFailed)
        #expect(result.etag == "\"c-9\"")
        #expect(result.failure?.problemCode == ProblemCode.preconditionFailed)
    }

    @Test func a412WithoutTheCurrentResourceIsMalformed() throws {
        let api = try APIFixture { _ in .problem(412, #"{"title":"x","status":412,"code":"precondition_failed"}"#) }
        defer { api.server.stop() }
        let result = api.call(PanelAPI.updateContact(sampleContact, ifMatch: "e"))
        guard case .failure(.malformed(let reply)) = result else {
            Issue.record("expected malformed")
            return
        }
        #expect(reply.reason == .unexpectedShape("current: missing"))
    }

    @Test func a422ListsTheBadFields() throws {
        let api = try APIFixture { _ in
            .problem(422, """
                {"type":"about:blank","title":"Unprocessable","status":422,"code":"validation_failed",
                 "errors":[{"field":"phone","code":"invalid_phone","message":"bad"},
                           {"field":"contact_address.postal_code","code":"postal_code_province_mismatch",
                            "message":"x"}]}
                """)
        }
        defer { api.server.stop() }
        let failure = try #require(api.call(PanelAPI.updateContact(sampleContact, ifMatch: "e")).failure)
        #expect(failure.status == 422)
        #expect(failure.problemCode == ProblemCode.validationFailed)
        #expect(failure.fieldErrors.map(\.field) == ["phone", "contact_address.postal_code"])
        #expect(failure.fieldErrors.map(\.code)
            == [FieldErrorCode.invalidPhone, FieldErrorCode.postalCodeProvinceMismatch])
    }

    @Test(arguments: [(ProblemCode.sessionExpired, true), (ProblemCode.unauthorized, true),
                      (ProblemCode.invalidCredentials, false)])
    func a401AsksForSignInUnlessTheCredentialsWereWrong(code: String, needsSignIn: Bool) throws {
        let api = try APIFixture { _ in .problem(401, #"{"title":"No","status":401,"code":"\#(code)"}"#) }
        defer { api.server.stop() }
        let failure = try #require(api.call(PanelAPI.overview()).failure)
        #expect(failure.problemCode == code)
        #expect(failure.needsSignIn == needsSignIn)
    }

    @Test(arguments: [429, 503])
    func retryAfterComesFromTheHeaderWhenTheBodyHasNone(status: Int) throws {
        let api = try APIFixture { _ in
            .problem(status, #"{"title":"Wait","status":\#(status),"code":"too_many_attempts"}"#,
                     headers: ["Retry-After": "300"])
        }
        defer { api.server.stop() }
        let failure = try #require(api.call(PanelAPI.signIn(email: "a@b.c", password: "p"), token: nil).failure)
        #expect(failure.retryAfterSeconds == 300)
        #expect(failure.message(in: .tr) == "Çok fazla deneme yapıldı. 5 dakika sonra yeniden deneyin.")
        #expect(failure.message(in: .en) == "Too many attempts. Try again in 5 minutes.")
    }

    @Test func theHTTPStatusWinsOverTheStatusInTheBody() throws {
        let api = try APIFixture { _ in .problem(404, #"{"title":"x","status":200,"code":"not_found"}"#) }
        defer { api.server.stop() }
        #expect(api.call(PanelAPI.overview()).failure?.status == 404)
    }

    // MARK: - Malformed replies

    @Test func anHTMLPageFromAProxyIsMalformedNotJSON() throws {
        let api = try APIFixture { _ in
            .json(502, "<html><body><h1>502 Bad Gateway</h1></body></html>", type: "text/html")
        }
        defer { api.server.stop() }
        let failure = try #require(api.call(PanelAPI.overview()).failure)
        #expect(failure == .malformed(MalformedReply(status: 502, mediaType: "text/html", reason: .notJSON)))
        #expect(failure.message(in: .en).contains("502"))
        #expect(failure.message(in: .tr).contains("502"))
    }

    @Test func brokenJSONInASuccessIsMalformed() throws {
        let api = try APIFixture { _ in .json(200, #"{"email": "demo@"#) }
        defer { api.server.stop() }
        guard case .failure(.malformed(let reply)) = api.call(PanelAPI.contact()) else {
            Issue.record("expected malformed")
            return
        }
        #expect(reply.status == 200)
        if case .unexpectedShape = reply.reason {} else {
            Issue.record("expected unexpectedShape, got \(reply.reason)")
        }
    }

    @Test func wrongTypesAreMalformedAndSayWhere() throws {
        let wrong = contactJSON.replacing(#""06420""#, with: "6420")
        let api = try APIFixture { _ in .json(200, wrong) }
        defer { api.server.stop() }
        let result = api.call(PanelAPI.contact())
        #expect(result.failure == .malformed(MalformedReply(
            status: 200, mediaType: "application/json",
            reason: .unexpectedShape("contact_address.postal_code: type mismatch"))))
    }

    @Test func aJSONErrorThatIsNotAProblemIsMalformed() throws {
        let api = try APIFixture { _ in .json(500, #"{"error":"boom"}"#) }
        defer { api.server.stop() }
        #expect(api.call(PanelAPI.overview()).failure == .malformed(MalformedReply(
            status: 500, mediaType: "application/json", reason: .unexpectedShape("not a problem document"))))
    }

    @Test func aRedirectIsAnUnexpectedStatus() throws {
        let api = try APIFixture { _ in
            ScriptedReply(status: 302, headers: ["Location": "https://elsewhere.example/"])
        }
        defer { api.server.stop() }
        #expect(api.call(PanelAPI.overview()).failure == .malformed(MalformedReply(
            status: 302, mediaType: nil, reason: .unexpectedStatus)))
        #expect(api.server.received.count == 1)
    }

    @Test func noAnswerIsATransportFailure() throws {
        let api = try APIFixture { _ in ScriptedReply(raw: []) }
        defer { api.server.stop() }
        #expect(api.call(PanelAPI.overview()).failure == .transport(.connectionLost))
    }

    @Test func theSameEndpointWorksThroughStartAndDecode() throws {
        let api = try APIFixture { _ in .json(200, contactJSON, headers: ["ETag": "\"c-1\""]) }
        defer { api.server.stop() }
        let endpoint = PanelAPI.contact()
        let id = api.transfers.start(endpoint, base: api.base, token: SessionToken("t"))
        let finished = try #require(api.transfers.finish(1).first)
        #expect(finished.id == id)
        #expect(endpoint.decode(finished.result) == .success(sampleContact, etag: "\"c-1\""))
    }

    @Test func pendingCallsTurnFinishedTransfersIntoTheAppsEventsAndForgetCancelledOnes() throws {
        enum Event: Equatable {
            case contact(APIResult<ContactDetails>)
            case health(APIResult<NoContent>)
        }
        let api = try APIFixture { request in
            request.target == "/healthz" ? ScriptedReply(neverAnswer: true)
                : .json(200, contactJSON, headers: ["ETag": "\"c-1\""])
        }
        defer { api.server.stop() }
        var calls = PendingCalls<Event>()
        let health = calls.start(PanelAPI.health(), on: api.transfers, base: api.base, token: nil) { .health($0) }
        calls.start(PanelAPI.contact(), on: api.transfers, base: api.base, token: SessionToken("t")) { .contact($0) }
        #expect(calls.count == 2)
        let cancelled = calls.cancel(health, on: api.transfers)
        #expect(cancelled)
        let events = api.transfers.finish(1).compactMap { calls.finish($0) }
        #expect(events == [.contact(.success(sampleContact, etag: "\"c-1\""))])
        #expect(calls.count == 0)
        let late = calls.finish(FinishedTransfer(id: health, result: .failure(.timeout)))
        #expect(late == nil)
    }

    // MARK: - Base URL

    @Test func theBaseURLIsCheckedWhenItIsRead() throws {
        #expect(try APIBase("https://panel.example.com/").url == "https://panel.example.com")
        #expect(try APIBase(" https://example.com/panel// ").url == "https://example.com/panel")
        #expect(try APIBase("http://127.0.0.1:8080").isLoopback)
        #expect(try APIBase("HTTP://LocalHost:8080/panel/").url == "HTTP://LocalHost:8080/panel")
        #expect(try APIBase("http://[::1]:8080").isLoopback)
        #expect(try !APIBase("https://[2001:db8::1]:8443").isLoopback)
        #expect(try !APIBase("https://panel_1.example.com").isLoopback)
        #expect(throws: TransportError.invalidURL("https://demo@panel.example.com")) {
            try APIBase("https://demo@panel.example.com")
        }
        #expect(throws: TransportError.invalidURL("https://panel.example.com/?x=1")) {
            try APIBase("https://panel.example.com/?x=1")
        }
        #expect(throws: TransportError.insecureURL(host: "panel.example.com")) {
            try APIBase("http://panel.example.com")
        }
        for bad in ["panel.example.com", "https://user:pw@panel.example.com", "https://panel.example.com/?a=b",
                    "https://panel.example.com/#top", "ftp://panel.example.com"] {
            #expect(throws: TransportError.self) { try APIBase(bad) }
        }
    }

    // MARK: - Secrets

    @Test func theTokenAndThePasswordNeverAppearInDescriptionsOrMessages() throws {
        let token = SessionToken("tok-SECRET-42")
        let base = try APIBase("https://panel.example.com")
        let signIn = PanelAPI.signIn(email: "demo@example.com", password: "pw-SECRET-42")
        let request = PanelAPI.overview().request(base: base, token: token)
        let session = SignedInSession(token: token, expiresAt: Timestamp(seconds: 0), idleTimeoutMinutes: 30)
        let results: [APIResult<SignedInSession>] = [
            .success(session, etag: nil), .failure(.transport(.timeout)),
            signIn.decode(HTTPResponse(status: 201, body: Data(#"{"token":"tok-SECRET-42"}"#.utf8))),
        ]
        var texts: [String] = [
            String(describing: token), String(reflecting: token), "\(token)",
            String(describing: request), String(reflecting: request),
            String(describing: signIn), String(describing: signIn.request(base: base, token: nil)),
            String(describing: session), String(reflecting: session),
        ]
        for value in [token, request, session, signIn.request(base: base, token: nil)] as [Any] {
            var dumped = ""
            dump(value, to: &dumped)
            texts.append(dumped)
        }
        texts += results.flatMap { [String(describing: $0), String(reflecting: $0)] }
        texts += results.compactMap(\.failure).flatMap { failure in Language.allCases.map { failure.message(in: $0) } }
        for text in texts {
            #expect(!text.contains("SECRET"), "leaked in: \(text)")
        }
        #expect(request.headers["Authorization"] == nil)  // added only inside the transfer
    }
}
