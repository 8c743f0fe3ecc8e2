// The client's one event loop: one thread, one wait. Keys, resizes, signals, timers and finished
// background jobs (HTTP transfers) all wake the same `wait`, and the screen is redrawn once after
// each batch of events.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Waiting

/// What the event loop blocks in. PanelApp makes PanelClient's TransferSet conform (curl_multi_poll
/// with the fds as extra descriptors); tests and the first screen use `PollWaiter` (plain poll(2)).
public protocol EventWaiter {
    associatedtype Completion
    /// Blocks until one of `fds` is readable, one of the waiter's own jobs has finished, or
    /// `timeoutMilliseconds` passed (-1: no limit). EINTR is not an error: return early, empty.
    mutating func wait(on fds: [Int32], timeoutMilliseconds: Int32) -> WaitResult<Completion>
}

/// What one wait found.
public struct WaitResult<Completion> {
    /// Which of `fds` are readable (or hung up: a hang-up must wake the loop too).
    public var readable: [Int32]
    /// The waiter's own finished jobs.
    public var completions: [Completion]

    public init(readable: [Int32] = [], completions: [Completion] = []) {
        self.readable = readable
        self.completions = completions
    }
}

extension WaitResult: Sendable where Completion: Sendable {}

/// A waiter with no jobs of its own: poll(2) on the descriptors.
public struct PollWaiter: EventWaiter {
    public typealias Completion = Never

    public init() {}

    public mutating func wait(on fds: [Int32], timeoutMilliseconds: Int32) -> WaitResult<Never> {
        var descriptors = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        guard poll(&descriptors, nfds_t(descriptors.count), timeoutMilliseconds) > 0 else { return WaitResult() }
        return WaitResult(readable: descriptors.filter { $0.revents != 0 }.map(\.fd))
    }
}

// MARK: - The program

/// An event delivered to the program.
public enum TerminalEvent<Completion> {
    /// A key press. Ctrl-C arrives here as `.key(.ctrl("c"))` (`Key.interrupt`): bind it to quit.
    case key(Key)
    /// The terminal's size; also the very first event, before the first frame.
    case resize(Size)
    /// The deadline the program asked for (`nextDeadline()`) has come; `now` is the time.
    case tick(ContinuousClock.Instant)
    /// One of the waiter's jobs finished.
    case completion(Completion)
}

extension TerminalEvent: Sendable where Completion: Sendable {}

/// What the loop does after an event.
public enum LoopCommand: Sendable, Hashable {
    /// Nothing changed on screen.
    case none
    /// Draw a new frame (once, after the whole batch of events).
    case redraw
    /// Leave the loop.
    case quit
}

/// A full-screen program, in the shape of the Elm architecture: the loop feeds it events, it
/// updates its model, and it draws the model into a canvas when asked.
public protocol TerminalProgram {
    associatedtype Waiter: EventWaiter

    /// Handles one event and says what the loop does next. `waiter` is the loop's waiter, for
    /// programs that start background jobs on it (HTTP transfers).
    mutating func update(_ event: TerminalEvent<Waiter.Completion>, waiter: inout Waiter) -> LoopCommand

    /// Draws the whole screen and returns where the terminal cursor goes (nil: hidden). Screen
    /// readers follow the cursor: put it on the focused field or item.
    func render(into canvas: inout Canvas) -> Point?

    /// When the program next wants a `.tick` (a spinner frame), nil when it does not: an idle
    /// program must answer nil, so that the process sleeps until a key arrives.
    func nextDeadline() -> ContinuousClock.Instant?
}

extension TerminalProgram {
    public func nextDeadline() -> ContinuousClock.Instant? { nil }
}

/// Why the loop ended.
public enum LoopExit: Sendable, Hashable {
    /// The program returned `.quit`.
    case quit
    /// SIGHUP, SIGTERM or SIGINT arrived.
    case signal(Int32)
    /// The terminal's input ended (hang-up without a signal).
    case inputClosed

    /// The process exit status for this ending: 0, 128 + the signal, or 129 (as SIGHUP).
    public var exitStatus: Int32 {
        switch self {
        case .quit: 0
        case .signal(let number): 128 + number
        case .inputClosed: 128 + SIGHUP
        }
    }
}

// MARK: - EventLoop

/// Runs a `TerminalProgram` on a backend until it quits, a terminating signal arrives or the
/// input ends. The caller restores the terminal afterwards (`NcursesBackend.restore()`), on every
/// path, and exits with `LoopExit.exitStatus`.
///
/// Signals (when `handlesSignals`): SIGWINCH, SIGHUP, SIGTERM and SIGINT are caught for the
/// duration of `run` and written to a self-pipe that the loop waits on with the input.
/// SIGWINCH becomes a `.resize` event (the backend asks the kernel for the size and tells curses);
/// the other three end the loop with `.signal`.
public struct EventLoop<Backend: TerminalBackend, Waiter: EventWaiter> {
    public let backend: Backend
    public var waiter: Waiter
    public var handlesSignals: Bool

    public init(backend: Backend, waiter: Waiter, handlesSignals: Bool = true) {
        self.backend = backend
        self.waiter = waiter
        self.handlesSignals = handlesSignals
    }

    /// Runs `program`: first `.resize(size)` and a frame, then events until the end.
    /// (Inlinable so that it is specialised for the app's types: no generic dispatch per event.)
    @inlinable
    public mutating func run<Program: TerminalProgram>(_ program: inout Program) -> LoopExit
    where Program.Waiter == Waiter {
        let signalDescriptor = handlesSignals ? SignalPipe.install() : -1
        defer { if handlesSignals { SignalPipe.uninstall() } }

        if program.update(.resize(backend.size), waiter: &waiter) == .quit { return .quit }
        draw(program)
        while true {
            let deadline = program.nextDeadline()
            let fds = signalDescriptor >= 0 ? [backend.inputDescriptor, signalDescriptor] : [backend.inputDescriptor]
            let result = waiter.wait(on: fds, timeoutMilliseconds: Self.milliseconds(until: deadline))

            var events: [TerminalEvent<Waiter.Completion>] = []
            if signalDescriptor >= 0 && result.readable.contains(signalDescriptor) {
                let signals = SignalPipe.drain()
                if let ending = signals.first(where: { $0 != SIGWINCH }) { return .signal(ending) }
                if !signals.isEmpty { events.append(.resize(backend.updateSize())) }
            }
            if result.readable.contains(backend.inputDescriptor) {
                let inputs = backend.readInput()
                if inputs.isEmpty && backend.inputIsClosed() { return .inputClosed }
                for input in inputs {
                    switch input {
                    case .key(let key): events.append(.key(key))
                    case .resized(let size): events.append(.resize(size))
                    }
                }
            }
            events += result.completions.map { .completion($0) }
            let now = ContinuousClock.now
            if let deadline, now >= deadline { events.append(.tick(now)) }

            var redraw = false
            for event in events {
                switch program.update(event, waiter: &waiter) {
                case .quit: return .quit
                case .redraw: redraw = true
                case .none: break
                }
            }
            if redraw { draw(program) }
        }
    }

    @usableFromInline
    func draw<Program: TerminalProgram>(_ program: Program) {
        var canvas = Canvas(size: backend.size, glyphs: backend.glyphs)
        let cursor = program.render(into: &canvas)
        backend.present(canvas, cursor: cursor)
    }

    /// Milliseconds from now until `deadline`, rounded up (0 when past, -1 when there is none).
    @usableFromInline
    static func milliseconds(until deadline: ContinuousClock.Instant?) -> Int32 {
        guard let deadline else { return -1 }
        let left = deadline - ContinuousClock.now
        guard left > .zero else { return 0 }
        let (seconds, attoseconds) = left.components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: milliseconds)
    }
}

// MARK: - SignalPipe

/// The self-pipe: signal handlers only write the signal number to it (async-signal-safe), and the
/// loop reads it like any other input.
@usableFromInline
enum SignalPipe {
    /// The signals the loop handles.
    static let signals: [Int32] = [SIGWINCH, SIGHUP, SIGTERM, SIGINT]

    // Written once before the handlers are installed, then only read (also from the handlers).
    nonisolated(unsafe) private static var readEnd: Int32 = -1
    nonisolated(unsafe) private static var writeEnd: Int32 = -1

    /// Creates the pipe (once) and installs the handlers; returns the end to wait on.
    @usableFromInline
    static func install() -> Int32 {
        if readEnd < 0 {
            var fds: [Int32] = [-1, -1]
            guard pipe(&fds) == 0 else { return -1 }
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
            (readEnd, writeEnd) = (fds[0], fds[1])
        }
        _ = drain()
        for number in signals { setSignalHandler(number, handleSignal) }
        // A parent may have started us with these signals blocked (the mask is inherited across
        // exec: a test runner's worker thread, some daemons); then a resize or SIGTERM would
        // never arrive.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for number in signals { sigaddset(&unblock, number) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        return readEnd
    }

    /// Gives the signals back their default actions.
    @usableFromInline
    static func uninstall() {
        for number in signals { setSignalHandler(number, SIG_DFL) }
    }

    /// The signals received since the last call, in order, without repeats.
    @usableFromInline
    static func drain() -> [Int32] {
        var received: [Int32] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = read(readEnd, &buffer, buffer.count)
            guard count > 0 else { break }
            for byte in buffer[..<count] where !received.contains(Int32(byte)) { received.append(Int32(byte)) }
        }
        return received
    }

    private static let handleSignal: @convention(c) (Int32) -> Void = { number in
        let savedErrno = errno
        var byte = UInt8(truncatingIfNeeded: number)
        _ = write(SignalPipe.writeEnd, &byte, 1)
        errno = savedErrno
    }
}

/// sigaction(2) with a plain handler and no flags (so a blocking call returns EINTR); the previous
/// action goes to `previous` when given.
func setSignalHandler(
    _ number: Int32, _ handler: (@convention(c) (Int32) -> Void)?, previous: UnsafeMutablePointer<sigaction>? = nil
) {
    var action = sigaction()
    #if os(Linux)
    action.__sigaction_handler.sa_handler = handler
    #else
    action.__sigaction_u.__sa_handler = handler
    #endif
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    sigaction(number, &action, previous)
}
