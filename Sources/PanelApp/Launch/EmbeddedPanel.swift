#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc
import PanelModels

/// The embedded panel: the sibling `haker-panel-server` binary started as a direct child on a
/// free loopback port. The child hands over its port and a ready session for the demo customer on
/// one line of its standard output, so no password hashing stands between start and Home; it ends
/// when its standard input (a pipe only this process holds) closes, which happens however this
/// process ends — `SIGKILL` included — and it also asks the kernel for a signal when its parent
/// dies. The client never links the server's code.
public struct EmbeddedPanel: Sendable {
    public let pid: pid_t
    public let port: Int
    public let token: String
    public let expiresAt: Timestamp
    public let email: String
    private let lifeline: Int32

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// What the child writes on its first line of standard output.
    struct Handoff: Decodable {
        var port: Int
        var token: String
        var expiresAt: Timestamp
        var email: String

        enum CodingKeys: String, CodingKey {
            case port, token, email
            case expiresAt = "expires_at"
        }
    }

    public enum StartError: Error, Equatable, Sendable {
        case serverMissing(path: String)
        case spawnFailed(errno: Int32)
        case exited(status: Int32)
        case noHandoff
        case timedOut

        public func message(in language: Language) -> String {
            switch (self, language) {
            case (.serverMissing(let path), .tr):
                "Gömülü panel başlatılamadı: \(path) bulunamadı. --api ile bir panel adresi verin."
            case (.serverMissing(let path), .en):
                "Could not start the embedded panel: \(path) is missing. Give a panel address with --api."
            case (.spawnFailed(let e), .tr): "Gömülü panel başlatılamadı (hata \(e))."
            case (.spawnFailed(let e), .en): "Could not start the embedded panel (error \(e))."
            case (.exited(let s), .tr):
                "Gömülü panel hemen kapandı (çıkış \(s)). Nedeni için: haker-panel-server --embedded"
            case (.exited(let s), .en):
                "The embedded panel stopped at once (exit \(s)). To see why: haker-panel-server --embedded"
            case (.noHandoff, .tr): "Gömülü panel beklenen yanıtı vermedi."
            case (.noHandoff, .en): "The embedded panel did not answer as expected."
            case (.timedOut, .tr): "Gömülü panel 15 saniyede hazır olmadı."
            case (.timedOut, .en): "The embedded panel was not ready within 15 seconds."
            }
        }
    }

    /// The server binary beside this executable.
    public static func siblingServerPath() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return "haker-panel-server" }
        let exe = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let dir = exe.lastIndex(of: "/").map { String(exe[..<$0]) } ?? "."
        return dir + "/haker-panel-server"
    }

    /// Starts the child with the database at `databasePath` (`:memory:` for a fresh demo) and waits
    /// for its hand-off.
    public static func start(serverPath: String = siblingServerPath(), databasePath: String,
                             timeoutMilliseconds: Int32 = 15_000) throws(StartError) -> EmbeddedPanel {
        guard access(serverPath, X_OK) == 0 else { throw .serverMissing(path: serverPath) }
        var toChild: [Int32] = [-1, -1]
        var fromChild: [Int32] = [-1, -1]
        // Close-on-exec, so no other child inherits the lifeline (pipe2 needs _GNU_SOURCE).
        guard pipe(&toChild) == 0, pipe(&fromChild) == 0 else { throw .spawnFailed(errno: errno) }
        for fd in toChild + fromChild { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)

        let arguments = [serverPath, "--embedded", "--db", databasePath]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer { envp.forEach { free($0) } }

        // The child starts with no signal blocked and the terminating ones at their defaults,
        // whatever this process inherited: its parent-death signal and SIGTERM must work.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var terminating = sigset_t()
        sigemptyset(&terminating)
        for number in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&terminating, number) }
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &terminating)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, serverPath, &actions, &attributes, &argv, &envp)
        close(toChild[0])
        close(fromChild[1])
        guard spawned == 0 else {
            close(toChild[1])
            close(fromChild[0])
            throw .spawnFailed(errno: spawned)
        }
        defer { close(fromChild[0]) }
        do {
            let line = try readLine(from: fromChild[0], pid: pid, timeoutMilliseconds: timeoutMilliseconds)
            guard let handoff = try? JSONDecoder().decode(Handoff.self, from: Data(line)) else { throw StartError.noHandoff }
            return EmbeddedPanel(pid: pid, port: handoff.port, token: handoff.token, expiresAt: handoff.expiresAt,
                                 email: handoff.email, lifeline: toChild[1])
        } catch {
            close(toChild[1])
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            throw error as! StartError  // the only error thrown above
        }
    }

    /// Reads one line from `fd`, waiting at most `timeoutMilliseconds` in all.
    private static func readLine(from fd: Int32, pid: pid_t, timeoutMilliseconds: Int32) throws(StartError) -> [UInt8] {
        var line: [UInt8] = []
        var byte: UInt8 = 0
        var clock = timespec()
        clock_gettime(CLOCK_MONOTONIC, &clock)
        let deadline = Int64(clock.tv_sec) * 1000 + Int64(clock.tv_nsec) / 1_000_000 + Int64(timeoutMilliseconds)
        while true {
            clock_gettime(CLOCK_MONOTONIC, &clock)
            let left = deadline - (Int64(clock.tv_sec) * 1000 + Int64(clock.tv_nsec) / 1_000_000)
            guard left > 0 else { throw .timedOut }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, Int32(left))
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { throw .timedOut }
            let n = read(fd, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                var status: Int32 = 0
                waitpid(pid, &status, 0)
                throw .exited(status: (status >> 8) & 0xFF)
            }
            if byte == UInt8(ascii: "\n") { return line }
            line.append(byte)
            if line.count > 64 * 1024 { throw .noHandoff }
        }
    }

    /// Ends the child: closes its lifeline and reaps it (SIGTERM, then SIGKILL, if it lingers).
    public func stop() {
        close(lifeline)
        var status: Int32 = 0
        for attempt in 0..<60 {
            if waitpid(pid, &status, WNOHANG) != 0 { return }
            if attempt == 40 { kill(pid, SIGTERM) }
            usleep(25_000)
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
    }
}
