#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import ScriptedHTTP
import Testing
@testable import PanelClient

/// One request through a fresh set, blocking.
func send(_ request: HTTPRequest,
          options: TransferOptions = TransferOptions()) -> Result<HTTPResponse, TransportError> {
    TransferSet(options: options).perform(request)
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

@Suite("HTTP over libcurl against a scripted server")
struct TransportTests {
    // MARK: - Answers

    @Test func statusHeadersAndBodyComeBackWithCaseInsensitiveLookup() throws {
        let server = try ScriptedServer { _ in
            .json(200, #"{"ok":true}"#, headers: ["ETag": "\"v7\"", "Retry-After": "120", "X-Twice": "a",
                                                   "x-twice": "b"], type: "application/json; charset=utf-8")
        }
        defer { server.stop() }
        let response = try send(HTTPRequest(url: server.url + "/v1/me")).get()
        #expect(response.status == 200)
        #expect(response.headers["etag"] == "\"v7\"")
        #expect(response.headers.etag == "\"v7\"")
        #expect(response.headers["CONTENT-TYPE"] == "application/json; charset=utf-8")
        #expect(response.headers.mediaType == "application/json")
        #expect(response.headers.retryAfterSeconds == 120)
        #expect(response.headers.values(for: "X-TWICE") == ["a", "b"])
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"ok":true}"#)
    }

    @Test(arguments: [201, 204, 304, 404, 412, 500, 503])
    func everyHTTPStatusIsAnAnswerNotAnError(status: Int) throws {
        let server = try ScriptedServer { _ in ScriptedReply(status: status) }
        defer { server.stop() }
        #expect(try send(HTTPRequest(url: server.url + "/")).get().status == status)
    }

    @Test func theServerReceivesMethodPathHeadersAndTheExactBody() throws {
        let server = try ScriptedServer { _ in .json(200, "{}") }
        defer { server.stop() }
        let body = Data(#"{"phone":"+905321234567","city":"Çankaya"}"#.utf8)
        let request = HTTPRequest(method: .put, url: server.url + "/v1/me/contact?x=1",
                                  headers: ["Content-Type": "application/json", "If-Match": "\"abc\""],
                                  body: body, bearerToken: SessionToken("s3cr3t-token"))
        _ = try send(request).get()
        let received = try #require(server.received.first)
        #expect(received.method == "PUT")
        #expect(received.target == "/v1/me/contact?x=1")
        #expect(received.headers["If-Match"] == "\"abc\"")
        #expect(received.headers["Authorization"] == "Bearer s3cr3t-token")
        #expect(received.headers["User-Agent"] == "haker-panel/\(ClientVersion.current)")
        #expect(received.headers["Content-Type"] == "application/json")
        #expect(received.headers["Expect"] == nil)
        #expect(received.body == Array(body))
    }

    @Test func aLargeBodyIsSentWholeWithoutWaitingForContinue() throws {
        let server = try ScriptedServer { _ in ScriptedReply(status: 204) }
        defer { server.stop() }
        let body = Data(repeating: UInt8(ascii: "x"), count: 200_000)
        _ = try send(HTTPRequest(method: .post, url: server.url + "/", body: body)).get()
        #expect(server.received.first?.body.count == 200_000)
    }

    @Test(arguments: [HTTPMethod.get, .post, .put, .delete])
    func eachMethodIsSentAsItself(method: HTTPMethod) throws {
        let server = try ScriptedServer { _ in ScriptedReply(status: 204) }
        defer { server.stop() }
        _ = try send(HTTPRequest(method: method, url: server.url + "/v1/session")).get()
        let received = try #require(server.received.first)
        #expect(received.method == method.rawValue)
        #expect(received.body.isEmpty)
    }

    @Test func localhostIsAllowedOverPlainHTTP() throws {
        let server = try ScriptedServer { _ in ScriptedReply(status: 204) }
        defer { server.stop() }
        #expect(try send(HTTPRequest(url: "http://localhost:\(server.port)/")).get().status == 204)
    }

    // MARK: - Failures

    @Test func aPortNobodyListensOnIsAConnectionRefused() throws {
        let (fd, port) = try Socket.listenOnLoopback(listening: false)
        defer { close(fd) }
        let result = send(HTTPRequest(url: "http://127.0.0.1:\(port)/"))
        #expect(result.failure == .connectionRefused(host: "127.0.0.1"))
    }

    @Test func anUnknownHostIsADNSFailure() {
        let result = send(HTTPRequest(url: "https://no-such-host.invalid/v1/me"))
        #expect(result.failure == .dnsFailure(host: "no-such-host.invalid"))
    }

    @Test func aServerThatNeverAnswersTimesOut() throws {
        let server = try ScriptedServer { _ in ScriptedReply(neverAnswer: true) }
        defer { server.stop() }
        let options = TransferOptions(totalTimeout: .milliseconds(300))
        let result = send(HTTPRequest(url: server.url + "/"), options: options)
        #expect(result.failure == .timeout)
    }

    @Test func aBodyAtOneByteASecondEndsInATimeoutNotAHang() throws {
        let server = try ScriptedServer { _ in
            ScriptedReply(body: Array(repeating: UInt8(ascii: "a"), count: 60), millisecondsPerByte: 1000)
        }
        defer { server.stop() }
        let options = TransferOptions(lowSpeedLimit: 100, lowSpeedTime: .seconds(1))
        #expect(send(HTTPRequest(url: server.url + "/"), options: options).failure == .timeout)
    }

    @Test func aDeclaredTenMegabyteBodyIsRefusedAtTheDefaultCap() throws {
        let server = try ScriptedServer { _ in ScriptedReply(body: Array(repeating: 0x20, count: 10 << 20)) }
        defer { server.stop() }
        #expect(send(HTTPRequest(url: server.url + "/")).failure == .tooLarge(limit: 4 << 20))
    }

    @Test func anUndeclaredBodyIsCutAtTheCap() throws {
        let server = try ScriptedServer { _ in
            ScriptedReply(body: Array(repeating: 0x20, count: 1 << 20), declaresLength: false)
        }
        defer { server.stop() }
        let options = TransferOptions(maxResponseBytes: 64 << 10)
        #expect(send(HTTPRequest(url: server.url + "/"), options: options).failure == .tooLarge(limit: 64 << 10))
    }

    @Test func aBodyExactlyAtTheCapIsAccepted() throws {
        let server = try ScriptedServer { _ in
            ScriptedReply(body: Array(repeating: 0x20, count: 1000), declaresLength: false)
        }
        defer { server.stop() }
        let options = TransferOptions(maxResponseBytes: 1000)
        let response = try send(HTTPRequest(url: server.url + "/"), options: options).get()
        #expect(response.body.count == 1000)
    }

    @Test func endlessHeadersAreCutAtTheHeaderCap() throws {
        var headers = HTTPHeaders()
        for index in 0..<2000 { headers.add("X-Filler-\(index)", String(repeating: "z", count: 60)) }
        let server = try ScriptedServer { [headers] _ in ScriptedReply(headers: headers) }
        defer { server.stop() }
        #expect(send(HTTPRequest(url: server.url + "/")).failure == .tooLarge(limit: Transfer.maxHeaderBytes))
    }

    @Test func aConnectionClosedMidBodyIsALostConnection() throws {
        let server = try ScriptedServer { _ in
            ScriptedReply(body: Array(repeating: 0x20, count: 1000), closeAfterBodyBytes: 100)
        }
        defer { server.stop() }
        #expect(send(HTTPRequest(url: server.url + "/")).failure == .connectionLost)
    }

    @Test func aConnectionClosedWithoutAnAnswerIsALostConnection() throws {
        let server = try ScriptedServer { _ in ScriptedReply(raw: []) }
        defer { server.stop() }
        #expect(send(HTTPRequest(url: server.url + "/")).failure == .connectionLost)
    }

    @Test func somethingThatIsNotHTTPIsSaidSo() throws {
        let server = try ScriptedServer { _ in ScriptedReply(raw: Array("SSH-2.0-OpenSSH_9.2\r\n".utf8)) }
        defer { server.stop() }
        #expect(send(HTTPRequest(url: server.url + "/")).failure == .notHTTP(host: "127.0.0.1"))
    }

    @Test(arguments: ["http://panel.example.com/v1/me", "http://10.0.0.1/", "http://[::2]/",
                      "http://127.0.0.1@panel.example.com/", "http://128.0.0.1/", "http://localhost.example.com/",
                      "http://127.0.0.1%2f@panel.example.com/", "http://127.1/", "http://LOCALHOST.:8080/"])
    func plainHTTPToAnotherMachineIsRefusedBeforeConnecting(url: String) throws {
        let failure = send(HTTPRequest(url: url)).failure
        guard case .insecureURL = failure else {
            Issue.record("expected insecureURL, got \(String(describing: failure))")
            return
        }
    }

    @Test(arguments: ["not a url", "ftp://example.com/file", "file:///etc/passwd", "https://", "/v1/me", "",
                      "http://127.0.0.1:99999/", "http://127.0.0.1:/", "http://127.0.0.1:0/", "http://127.0.0.1:8o/",
                      "http://a@b@127.0.0.1/", "http://127.0.0.1\\@panel.example.com/", "http://[::1%25lo]/",
                      "http://[::1/", "http://[panel]/", "http://pan el.example.com/", "https://bücher.example/",
                      "https:/panel.example.com/", "https://:443/"])
    func aURLThatIsNotHTTPSIsInvalid(url: String) {
        #expect(send(HTTPRequest(url: url)).failure == .invalidURL(url))
    }

    @Test func aHeaderWithALineBreakIsRefusedAndNothingIsSent() throws {
        let server = try ScriptedServer { _ in ScriptedReply(status: 204) }
        defer { server.stop() }
        let request = HTTPRequest(method: .put, url: server.url + "/", headers: ["If-Match": "\"x\"\r\nX-Evil: 1"])
        #expect(send(request).failure == .invalidHeader(name: "If-Match"))
        let token = HTTPRequest(url: server.url + "/", bearerToken: SessionToken("a\nb"))
        #expect(send(token).failure == .invalidHeader(name: "Authorization"))
        #expect(server.received.isEmpty)
    }
}
