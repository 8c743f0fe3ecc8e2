import CCurl
#if canImport(Glibc)
import Glibc
#endif
import PanelModels
import Testing
@testable import PanelClient

/// One of every transport error.
let everyTransportError: [TransportError] = [
    .invalidURL("htp:/x"), .insecureURL(host: "panel.example.com"), .invalidHeader(name: "If-Match"),
    .dnsFailure(host: "panel.example.com"), .connectionRefused(host: "127.0.0.1"), .unreachable(host: "10.1.2.3"),
    .proxyFailure(detail: "proxy"), .untrustedCertificate(host: "localhost", detail: "self-signed"),
    .tlsFailure(host: "localhost", detail: "handshake"), .connectTimeout(host: "panel.example.com"), .timeout,
    .tooLarge(limit: 4 << 20), .connectionLost, .notHTTP(host: "127.0.0.1"), .other(code: 2, detail: "init"),
]

/// Problems for every code the API defines, one it does not, and bare statuses.
let everyProblem: [Problem] = [
    (401, ProblemCode.invalidCredentials), (401, ProblemCode.unauthorized), (401, ProblemCode.sessionExpired),
    (429, ProblemCode.tooManyAttempts), (404, ProblemCode.notFound), (410, ProblemCode.gone),
    (405, ProblemCode.methodNotAllowed), (428, ProblemCode.preconditionRequired),
    (412, ProblemCode.preconditionFailed), (422, ProblemCode.validationFailed), (413, ProblemCode.payloadTooLarge),
    (415, ProblemCode.unsupportedMediaType), (400, ProblemCode.badRequest), (500, ProblemCode.internalError),
    (503, ProblemCode.serviceUnavailable), (418, "teapot"), (401, ""), (403, ""), (404, ""), (409, ""),
    (429, ""), (502, ""), (451, ""),
].map { Problem(title: "t", status: $0.0, code: $0.1) }

let everyMalformedReply: [MalformedReply] = [
    MalformedReply(status: 502, mediaType: "text/html", reason: .notJSON),
    MalformedReply(status: 200, mediaType: "text/plain", reason: .notJSON),
    MalformedReply(status: 200, mediaType: "application/json", reason: .unexpectedShape("email: missing")),
    MalformedReply(status: 302, mediaType: nil, reason: .unexpectedStatus),
]

@Suite("What the customer reads, in Turkish and English")
struct MessagesTests {
    static let everyFailure: [APIFailure] = everyTransportError.map(APIFailure.transport)
        + everyProblem.map(APIFailure.problem) + everyMalformedReply.map(APIFailure.malformed)

    @Test(arguments: everyFailure)
    func everyFailureHasASentenceInBothLanguages(failure: APIFailure) {
        let tr = failure.message(in: .tr)
        let en = failure.message(in: .en)
        #expect(tr.count > 15 && en.count > 15)
        #expect(tr != en)
        #expect(tr.hasSuffix(".") || tr.hasSuffix("?") || tr.hasSuffix(")"))
        #expect(en.hasSuffix(".") || en.hasSuffix("?") || en.hasSuffix(")"))
    }

    @Test func turkishMessagesUseTurkishLetters() {
        #expect(TransportError.connectionRefused(host: "127.0.0.1").message(in: .tr)
            == "127.0.0.1 sunucusuna bağlanılamadı: bağlantı reddedildi. Sunucu çalışıyor mu?")
        #expect(TransportError.timeout.message(in: .tr)
            == "Sunucu zamanında yanıt vermedi. Biraz sonra yeniden deneyin.")
    }

    @Test func sizesAndWaitsAreSaidPlainly() {
        #expect(TransportError.tooLarge(limit: 4 << 20).message(in: .en).contains("4 MiB"))
        #expect(TransportError.size(1000) == "1000 bytes")
        #expect(TransportError.size(64 << 10) == "64 KiB")
        #expect(APIFailure.retryText(1, in: .en) == "Try again in 1 second.")
        #expect(APIFailure.retryText(45, in: .tr) == "45 saniye sonra yeniden deneyin.")
        #expect(APIFailure.retryText(61, in: .en) == "Try again in 2 minutes.")
        #expect(APIFailure.retryText(nil, in: .tr) == "Biraz sonra yeniden deneyin.")
    }
}

@Suite("libcurl's codes, as the customer's kinds of failure")
struct CurlCodeMappingTests {
    func map(_ code: CURLcode, connected: Bool = false, osErrno: Int32 = 0,
             exceededLimit: Int? = nil) -> TransportError {
        TransportError.from(code: code, host: "h", detail: "d", connected: connected, osErrno: Int(osErrno),
                            exceededLimit: exceededLimit)
    }

    @Test func connectingFailuresSayWhetherTheServerRefusedOrCouldNotBeReached() {
        #expect(map(CURLE_COULDNT_CONNECT, osErrno: ECONNREFUSED) == .connectionRefused(host: "h"))
        #expect(map(CURLE_COULDNT_CONNECT, osErrno: ENETUNREACH) == .unreachable(host: "h"))
        #expect(map(CURLE_COULDNT_RESOLVE_HOST) == .dnsFailure(host: "h"))
        #expect(map(CURLE_COULDNT_RESOLVE_PROXY) == .proxyFailure(detail: "d"))
    }

    @Test func aTimeoutBeforeConnectingIsAConnectTimeout() {
        #expect(map(CURLE_OPERATION_TIMEDOUT) == .connectTimeout(host: "h"))
        #expect(map(CURLE_OPERATION_TIMEDOUT, connected: true) == .timeout)
    }

    @Test func aWriteErrorIsTooLargeOnlyWhenOurCapStoppedIt() {
        #expect(map(CURLE_WRITE_ERROR, exceededLimit: 10) == .tooLarge(limit: 10))
        #expect(map(CURLE_WRITE_ERROR) == .other(code: Int(CURLE_WRITE_ERROR.rawValue), detail: "d"))
    }

    @Test func brokenConnectionsAreLost() {
        for code in [CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE, CURLE_GOT_NOTHING, CURLE_HTTP2_STREAM] {
            #expect(map(code, connected: true) == .connectionLost)
        }
    }

    @Test func certificateProblemsAreUntrustedAndOtherTLSProblemsAreFailures() {
        #expect(map(CURLE_PEER_FAILED_VERIFICATION) == .untrustedCertificate(host: "h", detail: "d"))
        #expect(map(CURLE_SSL_CONNECT_ERROR) == .tlsFailure(host: "h", detail: "d"))
        #expect(map(CURLE_SSL_CACERT_BADFILE) == .tlsFailure(host: "h", detail: "d"))
    }
}
