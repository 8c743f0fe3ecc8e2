import Foundation
import PanelModels
import Testing

@testable import PanelServer

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real `haker-panel-server` binary, as issue 5's client starts it.
@Suite struct EmbeddedModeTests {
    static var binary: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("haker-panel-server")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/haker-panel-server")
    }

    @Test func theEmbeddedServerHandsOverASessionAndEndsWhenStdinCloses() async throws {
        try await withTemporaryDirectory { dir in
            let process = Process()
            process.executableURL = Self.binary
            process.arguments = ["--embedded", "--db", "\(dir)/panel.sqlite"]
            let input = Pipe()
            let output = Pipe()
            let errors = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            // One line, then nothing else on stdout.
            var line = Data()
            while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8)
            {
                line += byte
            }
            let handshake = try JSONDecoder().decode(EmbeddedHandshake.self, from: line)
            #expect(handshake.email == "demo@example.com" && handshake.idleTimeoutMinutes == 30 && handshake.port > 0)
            #expect(handshake.token.count == 43)

            // The session works over real HTTP.
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(handshake.port)/v1/me")!)
            request.setValue("Bearer \(handshake.token)", forHTTPHeaderField: "Authorization")
            let (body, response) = try await URLSession.shared.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            #expect(try JSONDecoder().decode(Overview.self, from: body).customerNumber == "HK-100231")

            // Closing stdin (the parent's end of the pipe) ends it, with nothing more on stdout.
            try input.fileHandleForWriting.close()
            let deadline = Date().addingTimeInterval(60)
            while process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
            #expect(!process.isRunning)
            if process.isRunning { process.terminate() }
            #expect(process.terminationStatus == 0)
            #expect(try output.fileHandleForReading.readToEnd() == nil)
        }
    }
}

@Suite struct ServerProcessTests {
    /// Runs the binary until it prints its listening line, then sends SIGTERM; returns stdout and the
    /// exit status.
    func runUntilListening(_ arguments: [String]) async throws -> (lines: [String], status: Int32) {
        let process = Process()
        process.executableURL = EmbeddedModeTests.binary
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var first = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            first += byte
        }
        process.terminate()  // SIGTERM: a graceful shutdown
        let rest = try output.fileHandleForReading.readToEnd() ?? Data()
        process.waitUntilExit()
        let text = String(decoding: first, as: UTF8.self) + "\n" + String(decoding: rest, as: UTF8.self)
        return (text.split(separator: "\n").map(String.init), process.terminationStatus)
    }

    @Test func seedingPrintsTheRejectLinksOnceAndSIGTERMEndsTheServerCleanly() async throws {
        try await withTemporaryDirectory { dir in
            let arguments = ["--port", "0", "--seed-demo", "--db", "\(dir)/panel.sqlite"]
            let first = try await runUntilListening(arguments)
            #expect(first.status == 0)
            #expect(first.lines.first?.hasPrefix("haker-panel-server listening on http://127.0.0.1:") == true)
            let links = first.lines.filter { $0.hasPrefix("reject link for ") }
            #expect(links.count == 12)  // 2 customers × 2 refusable topics × 3 channels
            #expect(links.allSatisfy { $0.contains("/v1/unsubscribe/") })
            let second = try await runUntilListening(arguments)
            #expect(second.status == 0)
            #expect(second.lines.filter { $0.hasPrefix("reject link") }.isEmpty)
        }
    }

    @Test func aMissingPoliciesFolderStopsTheStartWithItsName() async throws {
        let process = Process()
        process.executableURL = EmbeddedModeTests.binary
        process.arguments = ["--port", "0", "--db", ":memory:", "--policies", "/nonexistent/policies"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: try errors.fileHandleForReading.readToEnd() ?? Data(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(message.contains("/nonexistent/policies/privacy.tr.md"))
    }
}

@Suite struct ContractTests {
    @Test func openapiYamlLoadsAndDocumentsEveryRoute() {
        let contract = OpenAPIContract.shared
        #expect(contract.isLoaded)
        let documented = Set(contract.operations)
        let served = Set(
            PanelServer.routeTable.flatMap { route in route.methods.map { "\($0.rawValue) \(route.path)" } })
        #expect(documented == served)
    }

    @Test func theCheckerCatchesUndocumentedStatusesAndNonConformingBodies() {
        let contract = OpenAPIContract.shared
        let json = ["Content-Type": "application/json"]
        #expect(!contract.violations(method: "GET", path: "/healthz", status: 418, headers: [:], body: Data()).isEmpty)
        #expect(
            !contract.violations(
                method: "GET", path: "/healthz", status: 200, headers: json,
                body: Data("{\"status\":\"bad\"}".utf8)
            ).isEmpty)
        let contact = contract.violations(
            method: "GET", path: "/v1/me/contact", status: 200, headers: json,
            body: Data("{\"email\":1,\"extra\":true}".utf8))
        #expect(contact.count >= 5)  // no ETag, email not a string, phone and address missing, extra member
        #expect(
            contract.violations(
                method: "GET", path: "/healthz", status: 200, headers: json,
                body: Data("{\"status\":\"ok\"}".utf8)
            ).isEmpty)
    }
}
