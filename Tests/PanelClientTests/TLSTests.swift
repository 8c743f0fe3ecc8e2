#if canImport(Glibc)
import Glibc
#endif
import ScriptedHTTP
import Testing
@testable import PanelClient

// TLS against a real TLS server: `openssl s_server` with a throw-away self-signed certificate
// (ScriptedHTTP's SelfSignedServer).

@Suite("TLS: verified by default, a CA file to trust more")
struct TLSTests {
    @Test func aSelfSignedCertificateIsRefusedByDefault() throws {
        let server = try SelfSignedServer()
        defer { server.stop() }
        let result = send(HTTPRequest(url: "https://localhost:\(server.port)/"))
        guard case .untrustedCertificate(let host, _) = result.failure else {
            Issue.record("expected untrustedCertificate, got \(result)")
            return
        }
        #expect(host == "localhost")
    }

    @Test func theSameCertificateIsAcceptedWhenItsCAFileIsGiven() throws {
        let server = try SelfSignedServer()
        defer { server.stop() }
        let options = TransferOptions(caFile: server.certificate)
        let response = try send(HTTPRequest(url: "https://localhost:\(server.port)/"), options: options).get()
        #expect(response.status == 200)
    }

    @Test func aTrustedCertificateForAnotherNameIsStillRefused() throws {
        let server = try SelfSignedServer(names: "DNS:panel.example.com")
        defer { server.stop() }
        let options = TransferOptions(caFile: server.certificate)
        let result = send(HTTPRequest(url: "https://localhost:\(server.port)/"), options: options)
        guard case .untrustedCertificate = result.failure else {
            Issue.record("expected untrustedCertificate, got \(result)")
            return
        }
    }

    @Test func anUnreadableCAFileIsATLSFailure() throws {
        let server = try SelfSignedServer()
        defer { server.stop() }
        let options = TransferOptions(caFile: server.folder + "/missing.pem")
        let result = send(HTTPRequest(url: "https://localhost:\(server.port)/"), options: options)
        guard case .tlsFailure(let host, _) = result.failure else {
            Issue.record("expected tlsFailure, got \(result)")
            return
        }
        #expect(host == "localhost")
    }
}
