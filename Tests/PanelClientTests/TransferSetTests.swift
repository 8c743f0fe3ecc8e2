#if canImport(Glibc)
import Glibc
#endif
import ScriptedHTTP
import Testing
@testable import PanelClient

extension TransferSet {
    /// Waits (generously) until `count` transfers have finished, in the order they were reported.
    func finish(_ count: Int, on fds: [Int32] = []) -> [FinishedTransfer] {
        var finished: [FinishedTransfer] = []
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(20)
        while finished.count < count, clock.now < deadline {
            finished += wait(on: fds, timeoutMilliseconds: 1000).finished
        }
        return finished
    }

    /// Drives the transfers until `condition` holds (checked between short waits).
    func drive(until condition: () -> Bool) {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(20)
        while !condition(), clock.now < deadline {
            _ = wait(on: [], timeoutMilliseconds: 20)
        }
    }
}

@Suite("Several transfers at once, and the event-loop wait")
struct TransferSetTests {
    @Test func transfersFinishInTheOrderTheServerAnswersNotTheOrderTheyStarted() throws {
        let slowAnswer = Gate()
        let server = try ScriptedServer { request in
            request.target == "/slow" ? ScriptedReply(status: 200, gate: slowAnswer) : ScriptedReply(status: 201)
        }
        defer { server.stop() }
        let transfers = TransferSet()
        let slow = transfers.start(HTTPRequest(url: server.url + "/slow"))
        let fast = transfers.start(HTTPRequest(url: server.url + "/fast"))
        let first = transfers.finish(1)
        #expect(first.map(\.id) == [fast])
        #expect(transfers.inFlightCount == 1)
        slowAnswer.open()
        let second = transfers.finish(1)
        #expect(second.map(\.id) == [slow])
        #expect((try? second.first?.result.get().status) == 200)
        #expect(transfers.inFlightCount == 0)
    }

    @Test func cancellingATransferInFlightClosesItAndItIsNeverReported() throws {
        let server = try ScriptedServer { _ in ScriptedReply(neverAnswer: true) }
        defer { server.stop() }
        let transfers = TransferSet()
        let id = transfers.start(HTTPRequest(url: server.url + "/v1/me"))
        transfers.drive { server.received.count == 1 }
        #expect(transfers.cancel(id))
        #expect(transfers.inFlightCount == 0)
        // The server sees the connection go; nothing about the transfer comes back.
        var reported: [FinishedTransfer] = []
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(20)
        while server.closed == 0, clock.now < deadline {
            reported += transfers.wait(on: [], timeoutMilliseconds: 20).finished
        }
        #expect(server.closed == 1)
        #expect(reported.isEmpty)
        #expect(!transfers.cancel(id))
    }

    @Test func aCancelledTransferLeavesTheOthersRunning() throws {
        let server = try ScriptedServer { request in
            request.target == "/hang" ? ScriptedReply(neverAnswer: true) : ScriptedReply(status: 204)
        }
        defer { server.stop() }
        let transfers = TransferSet()
        let hanging = transfers.start(HTTPRequest(url: server.url + "/hang"))
        let other = transfers.start(HTTPRequest(url: server.url + "/ok"))
        #expect(transfers.cancel(hanging))
        #expect(transfers.finish(1).map(\.id) == [other])
    }

    @Test func waitWakesOnAReadableDescriptorWhileATransferIsInFlight() throws {
        let server = try ScriptedServer { _ in ScriptedReply(neverAnswer: true) }
        defer { server.stop() }
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]); close(ends[1]) }
        let transfers = TransferSet()
        _ = transfers.start(HTTPRequest(url: server.url + "/"))
        transfers.drive { server.received.count == 1 }
        let writeEnd = ends[1]
        spawnThread { _ = write(writeEnd, "k", 1) }
        // Without the wake-up this would sit out the whole 20 s and return nothing.
        let woke = transfers.wait(on: [ends[0]], timeoutMilliseconds: 20_000)
        #expect(woke.readable == [ends[0]])
        #expect(woke.finished.isEmpty)
        #expect(transfers.inFlightCount == 1)
    }

    @Test func aHungUpDescriptorCountsAsReadableSoTheLoopCanSeeTheEnd() {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        close(ends[1])
        defer { close(ends[0]) }
        let woke = TransferSet().wait(on: [ends[0]], timeoutMilliseconds: 20_000)
        #expect(woke.readable == [ends[0]])
    }

    @Test func waitWithNothingToDoReturnsEmptyAfterTheTimeout() {
        let woke = TransferSet().wait(on: [], timeoutMilliseconds: 30)
        #expect(woke.readable.isEmpty)
        #expect(woke.finished.isEmpty)
    }

    @Test func aRefusedURLIsReportedByTheNextWaitLikeAnyFailure() {
        let transfers = TransferSet()
        let id = transfers.start(HTTPRequest(url: "http://panel.example.com/"))
        let finished = transfers.wait(on: [], timeoutMilliseconds: 20_000).finished
        #expect(finished.map(\.id) == [id])
        #expect(finished.first?.result.failure == .insecureURL(host: "panel.example.com"))
    }

    @Test func performKeepsTheOtherFinishedTransfersForTheNextWait() throws {
        let server = try ScriptedServer { _ in ScriptedReply(status: 204) }
        defer { server.stop() }
        let transfers = TransferSet()
        let background = transfers.start(HTTPRequest(url: server.url + "/background"))
        let early = transfers.start(HTTPRequest(url: "not a url"))
        #expect(try transfers.perform(HTTPRequest(url: server.url + "/now")).get().status == 204)
        let rest = transfers.finish(2)
        #expect(Set(rest.map(\.id)) == [background, early])
    }

    @Test func manyTransfersLeaveNoStateBehind() throws {
        let server = try ScriptedServer { _ in .json(200, #"{"n":1}"#) }
        defer { server.stop() }
        let transfers = TransferSet()
        var states: [Weak] = []
        for _ in 0..<10 {
            let ids = (0..<10).map { _ in transfers.start(HTTPRequest(url: server.url + "/")) }
            states += ids.map { Weak(transfers.transferForTesting($0)) }
            let finished = transfers.finish(10)
            #expect(Set(finished.map(\.id)) == Set(ids))
            #expect(finished.allSatisfy { (try? $0.result.get().status) == 200 })
        }
        #expect(transfers.inFlightCount == 0)
        #expect(states.count == 100)
        #expect(states.allSatisfy { $0.object == nil })
    }
}

final class Weak {
    weak var object: AnyObject?
    init(_ object: AnyObject?) { self.object = object }
}
