#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import TerminalUI

/// A waiter that plays a script: each wait runs the next step (which may feed the backend, raise a
/// signal or finish a job) and records the timeout it was given.
struct ScriptedWaiter: EventWaiter {
    typealias Completion = String
    typealias Step = (_ backend: TestBackend, _ fds: [Int32]) -> WaitResult<String>

    let backend: TestBackend
    var steps: [Step]
    var timeouts: [Int32] = []

    mutating func wait(on fds: [Int32], timeoutMilliseconds: Int32) -> WaitResult<String> {
        timeouts.append(timeoutMilliseconds)
        guard !steps.isEmpty else {
            backend.closeInput()
            return WaitResult(readable: [backend.inputDescriptor])
        }
        return steps.removeFirst()(backend, fds)
    }
}

/// A program that records what reaches it: `q` quits, a tick quits when `quitOnTick`.
struct RecordingProgram<Waiter: EventWaiter>: TerminalProgram where Waiter.Completion: Equatable {
    var keys: [Key] = []
    var sizes: [Size] = []
    var completions: [Waiter.Completion] = []
    var ticks = 0
    var deadline: ContinuousClock.Instant?
    var quitOnTick = false

    mutating func update(_ event: TerminalEvent<Waiter.Completion>, waiter: inout Waiter) -> LoopCommand {
        switch event {
        case .key(.character("q")): return .quit
        case .key(let key): keys.append(key)
        case .resize(let size): sizes.append(size)
        case .completion(let completion): completions.append(completion)
        case .tick:
            ticks += 1
            deadline = nil
            if quitOnTick { return .quit }
        }
        return .redraw
    }

    func render(into canvas: inout Canvas) -> Point? {
        canvas.put("keys \(keys.count) ticks \(ticks)", at: .zero)
        return Point(x: 1, y: 1)
    }

    func nextDeadline() -> ContinuousClock.Instant? { deadline }
}

@Suite struct EventLoopTests {
    @Test func eventsReachTheProgramAndEachBatchIsDrawnOnce() {
        let backend = TestBackend(size: Size(width: 40, height: 10))
        let waiter = ScriptedWaiter(backend: backend, steps: [
            { backend, _ in
                backend.feed([.character("a"), .down])
                return WaitResult(readable: [backend.inputDescriptor])
            },
            { backend, _ in
                backend.resize(to: Size(width: 60, height: 20))
                return WaitResult(readable: [backend.inputDescriptor])
            },
            { _, _ in WaitResult(completions: ["profile loaded"]) },
            { backend, _ in
                backend.feed([.character("q")])
                return WaitResult(readable: [backend.inputDescriptor])
            },
        ])
        var loop = EventLoop(backend: backend, waiter: waiter, handlesSignals: false)
        var program = RecordingProgram<ScriptedWaiter>()
        #expect(loop.run(&program) == .quit)
        #expect(program.keys == [.character("a"), .down])
        #expect(program.sizes == [Size(width: 40, height: 10), Size(width: 60, height: 20)])
        #expect(program.completions == ["profile loaded"])
        #expect(backend.frames.count == 4, "the first frame, then one per batch; none after quit")
        #expect(backend.frames[1].lines[0].hasPrefix("keys 2 ticks 0"))
        #expect(backend.frames.last?.canvas.size == Size(width: 60, height: 20))
        #expect(backend.frames.last?.cursor == Point(x: 1, y: 1))
    }

    @Test func anIdleProgramWaitsWithoutATimeout() {
        let backend = TestBackend()
        var loop = EventLoop(backend: backend, waiter: ScriptedWaiter(backend: backend, steps: []),
                             handlesSignals: false)
        var program = RecordingProgram<ScriptedWaiter>()
        #expect(loop.run(&program) == .inputClosed)
        #expect(loop.waiter.timeouts == [-1])
    }

    @Test func aDeadlineBecomesATickAfterTheWait() {
        let backend = TestBackend()
        var loop = EventLoop(backend: backend, waiter: PollWaiter(), handlesSignals: false)
        let start = ContinuousClock.now
        var program = RecordingProgram<PollWaiter>(deadline: start + .milliseconds(30), quitOnTick: true)
        #expect(loop.run(&program) == .quit)
        #expect(program.ticks == 1)
        #expect(ContinuousClock.now - start >= .milliseconds(30))
    }

    @Test func keysFedToTheTestBackendWakeAPollWaiter() {
        let backend = TestBackend()
        backend.feed([.character("ş"), .function(2), .character("q")])
        var loop = EventLoop(backend: backend, waiter: PollWaiter(), handlesSignals: false)
        var program = RecordingProgram<PollWaiter>()
        #expect(loop.run(&program) == .quit)
        #expect(program.keys == [.character("ş"), .function(2)])
    }

    @Test func theWaitTimeoutIsRoundedUpAndNeverNegative() {
        #expect(EventLoop<TestBackend, PollWaiter>.milliseconds(until: nil) == -1)
        #expect(EventLoop<TestBackend, PollWaiter>.milliseconds(until: .now - .seconds(1)) == 0)
        let soon = EventLoop<TestBackend, PollWaiter>.milliseconds(until: .now + .microseconds(1500))
        #expect(soon >= 1 && soon <= 2)
    }

    @Test func exitStatusesFollowTheShellConvention() {
        #expect(LoopExit.quit.exitStatus == 0)
        #expect(LoopExit.signal(SIGTERM).exitStatus == 143)
        #expect(LoopExit.inputClosed.exitStatus == 129)
    }
}
