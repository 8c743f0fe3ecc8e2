import Foundation
import PanelClient
import PanelModels
import PropertyTesting
import ScriptedHTTP
import TerminalUI
import Testing

@testable import PanelApp

// The whole client (the shell, the screens, PanelClient over libcurl) against a fake panel server
// on loopback (ScriptedHTTP's FakePanel) that puts escape sequences, C1 controls and bidi
// overrides into names and addresses, and answers with faults: a 10 MB body, malformed JSON,
// wrong types, 500, 503 with Retry-After, a body at one byte a second, a connection closed mid-body,
// a self-signed certificate. Whatever it does: no trap, no dangerous character on the screen,
// a clear sentence in Turkish and English, and the form as typed.

/// Short limits, so that the slow faults end in a second or two.
let impatient = TransferOptions(connectTimeout: .seconds(3), totalTimeout: .milliseconds(1500),
                                lowSpeedLimit: 64, lowSpeedTime: .seconds(1))

extension PanelProgram {
    /// A signed-in program on `route`, talking to `url` for real, drawn at 120x30 (room for whole
    /// sentences in the status line), after its first calls are answered.
    static func against(_ url: String, language: Language, route: Route, signedIn: Bool = true,
                        options: TransferOptions = impatient) -> PanelProgram {
        var program = PanelProgram.forTests(language: language, signedIn: signedIn, initialScreen: route,
                                            base: url, transfers: TransferSet(options: options))
        program.send(.resize(Size(width: 120, height: 30)))
        program.settle()
        return program
    }

    /// The screen at 120x30, and what no terminal may receive, if any is on it.
    func checkedScreen() -> (text: String, dangerous: String?) {
        var canvas = Canvas(size: Size(width: 120, height: 30))
        _ = render(into: &canvas)
        return (canvas.lines().joined(separator: "\n"), TerminalSafety.firstDangerous(in: canvas.lines()))
    }
}

/// What the customer must read for each fault (words of the sentence, in Turkish and English).
func expectedWords(_ fault: PanelFault, _ language: Language) -> [String] {
    let tr = language == .tr
    switch fault {
    case .tenMegabyteBody: return tr ? ["çok büyük", "4 MiB"] : ["too large", "4 MiB"]
    case .malformedJSON, .wrongTypes: return tr ? ["okunamadı", "HTTP 200"] : ["could not be read", "HTTP 200"]
    case .internalError: return tr ? ["Sunucuda bir hata oluştu"] : ["Something went wrong on the server"]
    case .unavailableWithRetryAfter:
        return tr ? ["hizmet veremiyor", "7 saniye sonra"] : ["not available right now", "Try again in 7 seconds"]
    case .oneBytePerSecond: return tr ? ["zamanında yanıt vermedi"] : ["did not answer in time"]
    case .closedMidBody: return tr ? ["bağlantı koptu"] : ["connection to the server broke"]
    }
}

@Suite("The client against a hostile panel server")
struct HostileServerTests {
    static let languages: [Language] = [.tr, .en]

    @Test(arguments: [Route.home, .myData, .contact, .billing, .messages, .privacy], languages)
    func escapeSequencesAndBidiOverridesInTheDataAreShownInertOnEveryScreen(route: Route, language: Language) throws {
        let panel = try FakePanel()
        defer { panel.stop() }
        let program = PanelProgram.against(panel.url, language: language, route: route)
        #expect(program.inFlight.isEmpty, "every call answered")
        let (text, dangerous) = program.checkedScreen()
        #expect(dangerous == nil, "\(dangerous ?? "")")
        #expect(!text.contains("Yükleniyor") && !text.contains("Loading"), "the screen loaded:\n\(text)")
        if [.home, .myData, .contact, .billing].contains(route) {
            #expect(text.contains("␛"), "the escape is shown as its picture, not dropped silently:\n\(text)")
        }
    }

    @Test(arguments: languages)
    func aStoredValueWithControlCharactersIsShownWithItsMessageBesideTheFieldAndCanBeFixed(language: Language)
        throws {
        let panel = try FakePanel()
        defer { panel.stop() }
        var program = PanelProgram.against(panel.url, language: language, route: .contact)
        let strings = Strings(language)
        let message = strings.fieldError(FieldErrorCode.controlCharacters)
        let line = try #require(program.checkedScreen().text.split(separator: "\n").first { $0.contains("␛[1;1H") })
        #expect(line.contains(message), "the message beside the field: \(line)")
        // The customer fixes the line and the district and saves: what is sent is the clean value.
        program.press(.tab, .tab, .tab, .ctrl("u"))
        program.type("Atatürk Cad. No: 12/3")
        program.press(.tab, .tab, .ctrl("u"))
        program.type("Çankaya")
        program.press(.function(2), .enter)
        program.settle()
        let saved = try #require(panel.server.received.last { $0.method == "PUT" }, "\(program.checkedScreen().text)")
        let sent = try JSONDecoder().decode(ContactDetails.self, from: Data(saved.body))
        #expect(sent.contactAddress.line1 == "Atatürk Cad. No: 12/3")
        #expect(sent.contactAddress.district == "Çankaya")
        #expect(program.checkedScreen().dangerous == nil)
    }

    @Test(arguments: PanelFault.allCases, languages)
    func aFaultyLoadIsSaidClearlyAndOffersARetry(fault: PanelFault, language: Language) throws {
        let panel = try FakePanel(fault: fault) { method, path in method == "GET" && path == "/v1/me/contact" }
        defer { panel.stop() }
        var program = PanelProgram.against(panel.url, language: language, route: .contact)
        let (text, dangerous) = program.checkedScreen()
        #expect(dangerous == nil, "\(dangerous ?? "")")
        for word in expectedWords(fault, language) {
            #expect(text.contains(word), "\(word) for \(fault):\n\(text)")
        }
        #expect(program.route == .contact)
        program.press(.character("r"))
        #expect(program.inFlight.values.contains { $0.call == .contact }, "r loads again")
    }

    @Test(arguments: PanelFault.allCases, languages)
    func aFaultySaveKeepsEveryTypedValueAndSaysWhy(fault: PanelFault, language: Language) throws {
        let panel = try FakePanel(clean: true, fault: fault) { method, _ in method == "PUT" }
        defer { panel.stop() }
        var program = PanelProgram.against(panel.url, language: language, route: .contact)
        program.press(.tab, .ctrl("u"))
        program.type("0555 123 45 67")
        program.press(.tab, .ctrl("u"))
        program.type("0312 111 22 33")
        program.press(.function(2), .enter)
        program.settle()
        #expect(panel.server.received.contains { $0.method == "PUT" }, "the save was sent")
        let (text, dangerous) = program.checkedScreen()
        #expect(dangerous == nil, "\(dangerous ?? "")")
        let notSaved = language == .tr ? "Kaydedilemedi" : "Not saved"
        #expect(text.contains(notSaved), "\(text)")
        for word in expectedWords(fault, language) {
            #expect(text.contains(word), "\(word) for \(fault):\n\(text)")
        }
        #expect(text.contains("[0555 123 45 67") && text.contains("[0312 111 22 33"), "the form as typed:\n\(text)")
        #expect(program.route == .contact)
    }

    @Test(arguments: languages)
    func aSelfSignedCertificateIsRefusedAtSignInAndTheEmailStaysTyped(language: Language) throws {
        let server = try SelfSignedServer()
        defer { server.stop() }
        var program = PanelProgram.against("https://localhost:\(server.port)", language: language, route: .signIn,
                                           signedIn: false)
        program.type("ayse@example.com")
        program.press(.tab)
        program.type("gizli-parola-123")
        program.press(.enter)
        program.settle()
        let (text, dangerous) = program.checkedScreen()
        #expect(dangerous == nil)
        #expect(text.contains(language == .tr ? "sertifikasına güvenilmiyor" : "its certificate is not trusted"),
                "\(text)")
        #expect(text.contains("ayse@example.com"))
        #expect(!text.contains("gizli-parola-123"), "the password is masked")
    }

    @Test func theCAFileOptionTrustsThePrivateCAAndVerificationStaysOn() throws {
        let server = try SelfSignedServer()
        defer { server.stop() }
        var options = impatient
        options.caFile = server.certificate
        var program = PanelProgram.against("https://localhost:\(server.port)", language: .en, route: .signIn,
                                           signedIn: false, options: options)
        program.type("ayse@example.com")
        program.press(.tab)
        program.type("gizli-parola-123")
        program.press(.enter)
        program.settle()
        // TLS passed: what fails is `openssl s_server -www`, which answers no POST in time (or with
        // an HTML page), not the certificate or the handshake.
        let text = program.checkedScreen().text
        #expect(text.contains("did not answer in time") || text.contains("could not be read"), "\(text)")
        #expect(!text.contains("not trusted") && !text.contains("secure connection"), "\(text)")
    }
}
