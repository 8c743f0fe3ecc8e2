#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PanelClient

// A small HTTP/1.1 server on 127.0.0.1 for the tests (PanelClientTests, PanelAppTests and the
// end-to-end tests): the fault injector. Each test scripts its
// answers (status, headers, body, a slow body, a body cut short, no answer at all) and reads
// back what the client sent. Plain POSIX sockets and threads: the tests block in
// `curl_multi_poll` on Swift Testing's few cooperative threads, so the server must not need them.

// MARK: - Script

/// A request as the server received it.
public struct ReceivedRequest: Sendable {
    public var method: String
    /// Path and query: `/v1/policies/privacy?lang=tr`.
    public var target: String
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// How the server answers one request.
public struct ScriptedReply: Sendable {
    public var status = 200
    public var headers: HTTPHeaders = [:]
    public var body: [UInt8] = []
    /// Send `Content-Length`; without it the body ends when the connection closes.
    public var declaresLength = true
    /// Close the connection after this many body bytes (a body cut short).
    public var closeAfterBodyBytes: Int?
    /// Send the body one byte at a time, this many milliseconds apart.
    public var millisecondsPerByte: Int?
    /// Hold the answer until this gate opens.
    public var gate: Gate?
    /// Read the request, then say nothing until the client gives up.
    public var neverAnswer = false
    /// Send these raw bytes instead of an HTTP answer, then close.
    public var raw: [UInt8]?

    public init(status: Int = 200, headers: HTTPHeaders = [:], body: [UInt8] = [], declaresLength: Bool = true,
                closeAfterBodyBytes: Int? = nil, millisecondsPerByte: Int? = nil, gate: Gate? = nil,
                neverAnswer: Bool = false, raw: [UInt8]? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.declaresLength = declaresLength
        self.closeAfterBodyBytes = closeAfterBodyBytes
        self.millisecondsPerByte = millisecondsPerByte
        self.gate = gate
        self.neverAnswer = neverAnswer
        self.raw = raw
    }

    public static func json(_ status: Int, _ text: String, headers: HTTPHeaders = [:],
                     type: String = "application/json") -> ScriptedReply {
        var all = headers
        all.add("Content-Type", type)
        return ScriptedReply(status: status, headers: all, body: Array(text.utf8))
    }

    public static func problem(_ status: Int, _ text: String, headers: HTTPHeaders = [:]) -> ScriptedReply {
        json(status, text, headers: headers, type: "application/problem+json")
    }
}

// MARK: - Server

public final class ScriptedServer: @unchecked Sendable {
    public let port: Int
    /// `http://127.0.0.1:<port>`.
    public var url: String { "http://127.0.0.1:\(port)" }

    private let listener: Int32
    private let stopSignal = Gate()
    private let script: @Sendable (ReceivedRequest) -> ScriptedReply
    private let lock = Lock()
    private var requests: [ReceivedRequest] = []
    private var closedConnections = 0

    public init(_ script: @escaping @Sendable (ReceivedRequest) -> ScriptedReply) throws {
        self.script = script
        (listener, port) = try Socket.listenOnLoopback()
        let server = self
        spawnThread { server.acceptLoop() }
    }

    /// What the server received so far, in order.
    public var received: [ReceivedRequest] { lock.locked { requests } }

    /// How many connections the client has closed or the server finished with.
    public var closed: Int { lock.locked { closedConnections } }

    /// Stops accepting, and releases every held or slow answer. Every test calls it (the
    /// accept thread keeps the server alive until then).
    public func stop() {
        stopSignal.open()
        shutdown(listener, Int32(SHUT_RDWR))
    }

    private func acceptLoop() {
        defer { close(listener) }
        while !stopSignal.isOpen {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                return
            }
            spawnThread { [self] in
                serve(connection)
                close(connection)
                lock.locked { closedConnections += 1 }
            }
        }
    }

    private func serve(_ connection: Int32) {
        guard let request = Socket.readRequest(connection) else { return }
        lock.locked { requests.append(request) }
        let reply = script(request)
        if let raw = reply.raw {
            _ = Socket.send(connection, raw)
            return
        }
        if reply.neverAnswer {
            Socket.waitUntilClosed(connection, or: stopSignal)
            return
        }
        if let gate = reply.gate { gate.wait(or: stopSignal) }
        var head = "HTTP/1.1 \(reply.status) Scripted\r\n"
        for field in reply.headers { head += "\(field.name): \(field.value)\r\n" }
        if reply.declaresLength { head += "Content-Length: \(reply.body.count)\r\n" }
        head += "Connection: close\r\n\r\n"
        guard Socket.send(connection, Array(head.utf8)) else { return }
        let body = reply.closeAfterBodyBytes.map { Array(reply.body.prefix($0)) } ?? reply.body
        if let interval = reply.millisecondsPerByte {
            for byte in body {
                guard Socket.send(connection, [byte]), !stopSignal.wait(milliseconds: interval) else { return }
            }
        } else {
            _ = Socket.send(connection, body)
        }
    }
}

// MARK: - Sockets

public enum Socket {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// A listening TCP socket on 127.0.0.1 and a port the kernel chose.
    public static func listenOnLoopback(listening: Bool = true) throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(fd, generic, length) == 0 && getsockname(fd, generic, &length) == 0
            }
        }
        guard bound, !listening || listen(fd, 64) == 0 else {
            close(fd)
            throw Failure(description: "bind/listen: \(errno)")
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// Reads one request: the head up to the blank line, then `Content-Length` bytes of body.
    public static func readRequest(_ fd: Int32) -> ReceivedRequest? {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        let separator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int?
        var expected = Int.max
        while data.count < expected {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            data += buffer[..<count]
            if headEnd == nil, let end = data.firstRange(of: separator)?.upperBound {
                headEnd = end
                let head = String(decoding: data[..<end], as: UTF8.self)
                let length = head.split(separator: "\r\n").compactMap { line -> Int? in
                    let parts = line.split(separator: ":", maxSplits: 1)
                    guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
                    return Int(parts[1].filter { $0 != " " })
                }.first ?? 0
                expected = end + length
            }
        }
        guard let headEnd else { return nil }
        let lines = String(decoding: data[..<(headEnd - 4)], as: UTF8.self).split(separator: "\r\n")
        let requestLine = lines.first?.split(separator: " ") ?? []
        guard requestLine.count >= 2 else { return nil }
        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            headers.add(String(parts[0]), String(parts[1].drop { $0 == " " }))
        }
        return ReceivedRequest(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers,
                               body: Array(data[headEnd...]))
    }

    /// Sends every byte; false when the peer is gone. MSG_NOSIGNAL: no SIGPIPE for the tests.
    public static func send(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 && errno == EINTR { continue }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    /// Blocks until the peer closes the connection or `stop` opens.
    public static func waitUntilClosed(_ fd: Int32, or stop: Gate) {
        var scratch = [UInt8](repeating: 0, count: 4096)
        while true {
            var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: stop.readEnd, events: Int16(POLLIN), revents: 0)]
            guard poll(&fds, 2, -1) >= 0 || errno == EINTR else { return }
            if fds[1].revents != 0 { return }
            if fds[0].revents != 0 {
                let count = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if count <= 0 { return }
            }
        }
    }
}

// MARK: - Threads and signals between them

/// A one-way latch over a pipe: once opened it stays open, and any number of threads, or a
/// `poll`, can wait for it.
public final class Gate: @unchecked Sendable {
    public let readEnd: Int32
    private let writeEnd: Int32
    private let lock = Lock()
    private var opened = false

    public init() {
        var ends: [Int32] = [0, 0]
        precondition(pipe(&ends) == 0, "pipe")
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    public var isOpen: Bool { lock.locked { opened } }

    public func open() {
        let first = lock.locked { () -> Bool in
            defer { opened = true }
            return !opened
        }
        if first { _ = write(writeEnd, [1], 1) }
    }

    /// Waits up to `milliseconds` (-1: forever); true when the gate is open.
    @discardableResult
    public func wait(milliseconds: Int) -> Bool {
        var fds = [pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)]
        return poll(&fds, 1, Int32(milliseconds)) > 0
    }

    /// Waits until this gate or `other` opens.
    public func wait(or other: Gate) {
        var fds = [pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: other.readEnd, events: Int16(POLLIN), revents: 0)]
        while poll(&fds, 2, -1) < 0 && errno == EINTR {}
    }
}

public final class Lock: @unchecked Sendable {
    private var mutex = pthread_mutex_t()

    public init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }

    public func locked<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return try body()
    }
}

/// Runs `body` on a new detached POSIX thread.
public func spawnThread(_ body: @escaping @Sendable () -> Void) {
    final class Box {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
    var thread = pthread_t()
    let box = Unmanaged.passRetained(Box(body)).toOpaque()
    let created = pthread_create(&thread, nil, { raw in
        let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
        box.body()
        return nil
    }, box)
    precondition(created == 0, "pthread_create")
    pthread_detach(thread)
}
