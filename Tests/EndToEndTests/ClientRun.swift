import Foundation
import Testing

/// One run of the real `haker-panel` without a terminal (pipes for its standard streams), as a
/// script would run it: its exit status and what it wrote.
struct ClientRun {
    let status: Int32
    let stdout: String
    let stderr: String

    /// Runs `haker-panel arguments…` with `input` on standard input, in a clean environment of its
    /// own (`home` for HOME and the XDG folders, so no config file or database of the machine is
    /// seen) plus `environment`. A run still going after `timeout` seconds is killed and recorded.
    static func run(_ arguments: [String], input: String? = nil, home: URL, environment: [String: String] = [:],
                    timeout: Double = 60, sourceLocation: SourceLocation = #_sourceLocation) throws -> ClientRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binaries.client)
        process.arguments = arguments
        process.environment = cleanEnvironment(home: home).merging(environment) { $1 }
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        // Read both pipes while it runs, so a large output never blocks it.
        let outReader = PipeReader(stdout.fileHandleForReading)
        let errReader = PipeReader(stderr.fileHandleForReading)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            Issue.record("haker-panel \(arguments.joined(separator: " ")) still ran after \(timeout) s",
                         sourceLocation: sourceLocation)
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        return ClientRun(status: process.terminationStatus, stdout: outReader.text(), stderr: errReader.text())
    }

    /// PATH, a UTF-8 locale, and `home` as HOME, XDG_CONFIG_HOME and XDG_DATA_HOME.
    static func cleanEnvironment(home: URL) -> [String: String] {
        ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LANG": "C.UTF-8",
         "HOME": home.path, "XDG_CONFIG_HOME": home.path, "XDG_DATA_HOME": home.path]
    }
}

/// Collects a pipe's bytes on a thread of its own until end of file.
final class PipeReader: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                lock.withLock { data.append(chunk) }
            }
            done.signal()
        }
    }

    /// Everything read, once the writer closed its end.
    func text() -> String {
        done.wait()
        return lock.withLock { String(decoding: data, as: UTF8.self) }
    }
}

extension TmuxSession {
    /// A command for `TmuxSession` that runs `command`, then says `exit status N` and keeps the
    /// pane open: tmux may drop the last output of a program that ends at once (and cannot always
    /// tell how a killed one ended), a shell after it makes both plain to read.
    static func keepingThePaneOpen(_ command: [String]) -> [String] {
        ["/bin/sh", "-c", "\"$0\" \"$@\"; echo \"exit status $?\"; exec sleep 600"] + command
    }
}

/// Loopback ports for the tests.
enum LoopbackPort {
    /// A loopback port nobody listens on (bound, then released).
    static func unused() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = loopback(0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something accepts connections on the loopback `port`.
    static func isListening(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = loopback(port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    private static func loopback(_ port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return address
    }
}
