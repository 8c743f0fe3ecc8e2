// The boundary between the canvas and a terminal. `NcursesBackend` is the real one;
// `TestBackend` records frames for tests.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - TerminalBackend

/// Something the event loop draws frames to and reads input from.
public protocol TerminalBackend: AnyObject {
    /// The terminal's size now.
    var size: Size { get }
    /// What to draw lines and markers with (Unicode or ASCII).
    var glyphs: Glyphs { get }
    /// The descriptor that becomes readable when input arrives (stdin for a terminal).
    var inputDescriptor: Int32 { get }
    /// Every input available now, without blocking.
    func readInput() -> [BackendInput]
    /// True when the input is gone for good (the terminal hung up, end of file): the loop stops.
    func inputIsClosed() -> Bool
    /// Learns the terminal's new size after SIGWINCH and returns it.
    func updateSize() -> Size
    /// Shows `canvas`, with the terminal cursor at `cursor` (hidden when nil).
    func present(_ canvas: Canvas, cursor: Point?)
}

/// One input from a backend.
public enum BackendInput: Hashable, Sendable {
    case key(Key)
    /// The backend noticed a new size itself (test backends; ncurses reports through SIGWINCH).
    case resized(Size)
}

// MARK: - TestBackend

/// A backend for tests: keys are fed in, every frame presented is recorded.
///
/// Its input descriptor is a pipe, so the real event loop with `PollWaiter` wakes up when a test
/// feeds keys. Not for concurrent use.
public final class TestBackend: TerminalBackend {
    /// A presented frame.
    public struct Frame: Sendable {
        public var canvas: Canvas
        public var cursor: Point?
        /// The frame as plain text lines.
        public var lines: [String] { canvas.lines() }
    }

    public private(set) var size: Size
    public var glyphs: Glyphs
    /// Every frame presented, oldest first.
    public private(set) var frames: [Frame] = []
    private var pending: [BackendInput] = []
    private let wakePipe: (read: Int32, write: Int32)
    private var closed = false

    public init(size: Size = Size(width: 80, height: 24), glyphs: Glyphs = .unicode) {
        self.size = size
        self.glyphs = glyphs
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) != 0 { fatalError("TestBackend: pipe() failed") }
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        wakePipe = (fds[0], fds[1])
    }

    deinit {
        close(wakePipe.read)
        close(wakePipe.write)
    }

    /// The last frame presented.
    public var lastFrame: Frame? { frames.last }

    /// Queues keys and wakes the loop.
    public func feed(_ keys: [Key]) {
        feed(inputs: keys.map(BackendInput.key))
    }

    /// Queues a new size (as a terminal resize) and wakes the loop.
    public func resize(to newSize: Size) {
        feed(inputs: [.resized(newSize)])
    }

    /// Makes the input end: the loop then stops with `.inputClosed`.
    public func closeInput() {
        closed = true
        wake()
    }

    private func feed(inputs: [BackendInput]) {
        pending += inputs
        wake()
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(wakePipe.write, &byte, 1)
    }

    public var inputDescriptor: Int32 { wakePipe.read }

    public func readInput() -> [BackendInput] {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(wakePipe.read, &buffer, buffer.count) > 0 {}
        let inputs = pending
        pending = []
        for case .resized(let newSize) in inputs { size = newSize }
        return inputs
    }

    public func inputIsClosed() -> Bool { closed && pending.isEmpty }

    public func updateSize() -> Size { size }

    public func present(_ canvas: Canvas, cursor: Point?) {
        frames.append(Frame(canvas: canvas, cursor: cursor))
    }
}
