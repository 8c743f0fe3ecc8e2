import Foundation
import GRDB
import HummingbirdBcrypt
import HummingbirdTesting
import PanelModels
import Testing

@testable import PanelServer

@Suite struct SessionTests {
    @Test func theDemoPasswordSignsInAndTheSignInIsLogged() async throws {
        let harness = try Harness()
        try await harness.run { api in
            let answer = try await api.signIn()
            #expect(answer.status == 201)
            let grant = try answer.decode(SessionGrant.self)
            #expect(grant.token.count == 43)
            #expect(grant.idleTimeoutMinutes == 30)
            #expect(grant.expiresAt == harness.clock.now.adding(seconds: 12 * 3600))
            let data = try await api.call(.get, "/v1/me/data", token: grant.token).decode(DataReport.self)
            #expect(data.ipLog.first?.action == "sign_in")
        }
    }

    @Test func tokensAreStoredOnlyAsTheirHash() async throws {
        let harness = try Harness()
        let token = try await harness.run { api in try await api.token() }
        let stored = try await harness.store.db.read { db in
            try String.fetchAll(db, sql: "SELECT token_hash FROM sessions")
        }
        #expect(!stored.contains(token))
        #expect(stored.contains(PanelStore.tokenHash(token)))
    }

    @Test func aWrongEmailAndAWrongPasswordGetTheSame401AfterOneVerificationEach() async throws {
        let harness = try Harness()
        try await harness.run { api in
            let before = harness.passwords.verifications
            let wrongEmail = try await api.signIn("nobody@example.com", "demo1234")
            let afterWrongEmail = harness.passwords.verifications
            let wrongPassword = try await api.signIn(Harness.demoEmail, "wrong-password")
            let afterWrongPassword = harness.passwords.verifications
            #expect(afterWrongEmail - before == 1)
            #expect(afterWrongPassword - afterWrongEmail == 1)
            #expect(wrongEmail.status == 401 && wrongPassword.status == 401)
            #expect(wrongEmail.body == wrongPassword.body)
            #expect(wrongEmail.problem?.code == ProblemCode.invalidCredentials)
        }
    }

    @Test func failedSignInsAreLoggedForTheAccountTheyName() async throws {
        let harness = try Harness()
        try await harness.run { api in
            _ = try await api.signIn(Harness.demoEmail, "wrong")
            let token = try await api.token()
            let log = try await api.call(.get, "/v1/me/data", token: token).decode(DataReport.self).ipLog
            #expect(log.prefix(2).map(\.action) == ["sign_in", "sign_in_failed"])
        }
    }

    @Test func fiveFailuresLockTheAccountUntilTheWindowPasses() async throws {
        let harness = try Harness()
        try await harness.run { api in
            for _ in 0..<5 {
                #expect(try await api.signIn(Harness.demoEmail, "wrong").status == 401)
            }
            let verificationsBefore = harness.passwords.verifications
            let locked = try await api.signIn()
            #expect(locked.status == 429)
            #expect(locked.problem?.code == ProblemCode.tooManyAttempts)
            #expect(locked.header("Retry-After") == "900")
            #expect(locked.problem?.retryAfter == 900)
            // The lock-out answers before any password is checked, even the right one.
            #expect(harness.passwords.verifications == verificationsBefore)
            harness.clock.advance(minutes: 14)
            #expect(try await api.signIn().status == 429)
            harness.clock.advance(minutes: 1)
            #expect(try await api.signIn().status == 201)
        }
    }

    @Test func aSuccessResetsTheAccountsCountButNotTheAddresses() async throws {
        let harness = try Harness(trustedProxy: "127.0.0.1")
        try await harness.run(.live) { api in
            func from(_ ip: String) -> [String: String] { ["X-Forwarded-For": ip] }
            for _ in 0..<4 { _ = try await api.signIn(Harness.demoEmail, "wrong", headers: from("192.0.2.1")) }
            #expect(try await api.signIn(headers: from("192.0.2.2")).status == 201)
            #expect(try await api.signIn(Harness.demoEmail, "wrong", headers: from("192.0.2.3")).status == 401)
            // Without the reset the account would have 5 failures now.
            #expect(try await api.signIn(headers: from("192.0.2.4")).status == 201)
            // The first address keeps its 4 failures: one more locks it.
            _ = try await api.signIn("other@example.com", "wrong", headers: from("192.0.2.1"))
            #expect(try await api.signIn(headers: from("192.0.2.1")).status == 429)
        }
    }

    @Test func fiveFailuresFromOneAddressLockThatAddressWhateverTheAccount() async throws {
        let harness = try Harness(trustedProxy: "127.0.0.1")
        try await harness.run(.live) { api in
            let attacker = ["X-Forwarded-For": "198.51.100.9"]
            for i in 0..<5 {
                #expect(try await api.signIn("user\(i)@example.com", "x", headers: attacker).status == 401)
            }
            #expect(try await api.signIn(Harness.demoEmail, Harness.password, headers: attacker).status == 429)
            // Another address (as the trusted proxy reports it) is not affected.
            let other = try await api.signIn(
                Harness.demoEmail, Harness.password, headers: ["X-Forwarded-For": "203.0.113.5"])
            #expect(other.status == 201)
        }
    }

    @Test func sessionsEndAfter30IdleMinutes() async throws {
        let harness = try Harness()
        try await harness.run { api in
            let token = try await api.token()
            harness.clock.advance(minutes: 29)
            #expect(try await api.call(.get, "/v1/me", token: token).status == 200)
            harness.clock.advance(minutes: 29)
            #expect(try await api.call(.get, "/v1/me", token: token).status == 200)
            harness.clock.advance(minutes: 30)
            let expired = try await api.call(.get, "/v1/me", token: token)
            #expect(expired.status == 401)
            #expect(expired.problem?.code == ProblemCode.sessionExpired)
        }
    }

    @Test func sessionsEndAfter12HoursEvenWhenBusy() async throws {
        let harness = try Harness()
        try await harness.run { api in
            let token = try await api.token()
            for _ in 0..<(12 * 60 / 20 - 1) {
                harness.clock.advance(minutes: 20)
                #expect(try await api.call(.get, "/v1/me", token: token).status == 200)
            }
            harness.clock.advance(minutes: 20)
            #expect(try await api.call(.get, "/v1/me", token: token).problem?.code == ProblemCode.sessionExpired)
        }
    }

    @Test func signingOutRevokesTheToken() async throws {
        let harness = try Harness()
        try await harness.run { api in
            let token = try await api.token()
            #expect(try await api.call(.delete, "/v1/session", token: token).status == 204)
            let after = try await api.call(.get, "/v1/me", token: token)
            #expect(after.status == 401)
            #expect(after.problem?.code == ProblemCode.unauthorized)
            #expect(try await api.call(.delete, "/v1/session", token: token).status == 401)
        }
    }

    @Test func aTokenRevokedInTheDatabaseFileByAnotherProcessIsRefusedByTheNextRequest() async throws {
        try await withTemporaryDirectory { dir in
            // A file database: the server reads through a pool of connections, as in production.
            let harness = try Harness(databasePath: dir + "/panel.sqlite")
            let other = try DatabaseQueue(path: dir + "/panel.sqlite")
            try await harness.run { api in
                let token = try await api.token()
                for _ in 0..<3 {  // the pool's readers have the session's statements cached
                    #expect(try await api.call(.get, "/v1/me", token: token).status == 200)
                    #expect(try await api.call(.get, "/v1/me/contact", token: token).status == 200)
                }
                try await other.write { db in
                    try db.execute(
                        sql: "UPDATE sessions SET revoked_at = ? WHERE token_hash = ?",
                        arguments: [harness.clock.now.seconds, PanelStore.tokenHash(token)])
                }
                #expect(try await api.call(.get, "/v1/me", token: token).problem?.code == ProblemCode.unauthorized)
                #expect(try await api.call(.get, "/v1/me/contact", token: token).status == 401)
            }
        }
    }

    @Test func requestsWithoutAValidTokenAre401() async throws {
        let harness = try Harness()
        try await harness.run { api in
            for path in [
                "/v1/me", "/v1/me/contact", "/v1/me/billing", "/v1/me/message-preferences", "/v1/me/data",
                "/v1/me/data/export",
            ] {
                let none = try await api.call(.get, path)
                #expect(none.status == 401 && none.header("WWW-Authenticate") == "Bearer", "\(path)")
                #expect(try await api.call(.get, path, token: "not-a-token").status == 401, "\(path)")
            }
            let basic = try await api.call(.get, "/v1/me", headers: ["Authorization": "Basic ZGVtbzpkZW1v"])
            #expect(basic.status == 401)
        }
    }

    @Test func malformedSignInBodiesAre400And415() async throws {
        let harness = try Harness()
        try await harness.run { api in
            #expect(try await api.call(.post, "/v1/session", raw: "{").status == 400)
            #expect(
                try await api.call(.post, "/v1/session", raw: "{\"email\":\"a@b.co\"}").problem?.code
                    == ProblemCode.badRequest)
            let form = try await api.call(.post, "/v1/session", headers: ["Content-Type": "text/plain"], raw: "x")
            #expect(form.status == 415)
            let huge = String(repeating: "a", count: 70_000)
            #expect(try await api.call(.post, "/v1/session", raw: "{\"email\":\"\(huge)\"}").status == 413)
        }
    }

    @Test func theDemoHashesAreRealBcryptOfTheDemoPassword() {
        #expect(Bcrypt.verify("demo1234", hash: DemoSeed.individualPasswordHash))
        #expect(Bcrypt.verify("demo1234", hash: DemoSeed.corporatePasswordHash))
        #expect(unknownAccountPasswordHash.hasPrefix("$2b$12$") && unknownAccountPasswordHash.count == 60)
        #expect(!Bcrypt.verify("demo1234", hash: unknownAccountPasswordHash))
    }
}
