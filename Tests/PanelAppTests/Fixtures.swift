import Foundation
import PanelClient
import PanelModels
import TerminalUI
@testable import PanelApp

/// The demo customer's data as the real server sends it, frozen in `Fixtures/` (captured from
/// `haker-panel-server --embedded`), so the screen catalogue does not change with the clock.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func decode<T: Decodable>(_ name: String, as type: T.Type = T.self) -> T {
        let url = directory.appendingPathComponent(name + ".json")
        do {
            return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
        } catch {
            fatalError("fixture \(name): \(error)")
        }
    }

    static let overview: Overview = decode("me")
    static let contact: ContactDetails = decode("me-contact")
    static let billing: BillingProfile = decode("me-billing")
    static let messagePreferences: MessagePreferences = decode("me-message-preferences")
    static let dataReport: DataReport = decode("me-data")

    static func policy(_ id: PolicyID, _ language: Language) -> PolicyDocument {
        decode("policy-\(id.rawValue)-\(language.rawValue)")
    }

    static let etag = "\"fixture-1\""

    /// The answer the demo server gives to `call`, or nil for calls that change something.
    static func reply(to call: APICall) -> APIReply? {
        switch call {
        case .overview: .overview(.success(overview, etag: nil))
        case .contact: .contact(.success(contact, etag: etag))
        case .billing: .billing(.success(billing, etag: etag))
        case .messagePreferences: .messagePreferences(.success(messagePreferences, etag: etag))
        case .dataReport: .dataReport(.success(dataReport, etag: nil))
        case .policy(let id, let language): .policy(.success(policy(id, language), etag: nil))
        default: nil
        }
    }
}

extension PanelProgram {
    /// A program as the demo starts it: signed in, nothing sent anywhere (the transfers point at a
    /// port nobody listens on and are never waited for; replies are handed over by the test).
    /// With `base`, `transfers` and `settle()`, it talks to a (fake) server for real.
    static func forTests(language: Language, signedIn: Bool = true, initialScreen: Route = .home,
                         base: String = "http://127.0.0.1:9", transfers: TransferSet = TransferSet()) -> PanelProgram {
        let base = try! APIBase(base)
        let session = SignedInSession(token: SessionToken("test-token"), expiresAt: Timestamp(seconds: 2_000_000_000),
                                      idleTimeoutMinutes: 30)
        return PanelProgram(options: LaunchOptions(base: base, language: language,
                                                   session: signedIn ? session : nil,
                                                   email: signedIn ? "demo@example.com" : nil, isDemo: signedIn,
                                                   initialScreen: initialScreen, homeDirectory: "/home/ayse"),
                            transfers: transfers)
    }

    /// Runs the event loop's wait until no call is in flight (or `timeout` passed), feeding each
    /// finished transfer to the program as the loop would.
    mutating func settle(timeout: Duration = .seconds(15)) {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while !inFlight.isEmpty && clock.now < deadline {
            for finished in transfers.wait(on: [], timeoutMilliseconds: 100).finished {
                send(.completion(finished))
            }
        }
    }

    /// Answers every call in flight that `answer` knows, as the server would, until none is left.
    mutating func answerCalls(_ answer: (APICall) -> APIReply? = Fixtures.reply(to:)) {
        while let (id, flight) = inFlight.first(where: { answer($0.value.call) != nil }) {
            deliver(answer(flight.call)!, for: id)
        }
    }

    /// Feeds an event, as the loop would.
    @discardableResult
    mutating func send(_ event: TerminalEvent<FinishedTransfer>) -> LoopCommand {
        var waiter = transfers
        return update(event, waiter: &waiter)
    }

    /// Presses keys, as the customer would.
    mutating func press(_ keys: Key...) {
        for key in keys { send(.key(key)) }
    }

    /// Types text, one key per character.
    mutating func type(_ text: String) {
        for character in text { send(.key(.character(character))) }
    }

    /// The screen as text, lines without trailing spaces.
    func screenText(width: Int = 80, height: Int = 24) -> String {
        var canvas = Canvas(size: Size(width: width, height: height))
        _ = render(into: &canvas)
        return canvas.lines().map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
            .joined(separator: "\n") + "\n"
    }
}
