import Foundation
import Testing

/// The processes of this machine, read from /proc: to check that `haker-panel` and its
/// `haker-panel-server` child are gone once the client ended, however it ended.
enum ProcessTable {
    /// A marker unique to one test, put in the client's environment (which its server child
    /// inherits): `HAKER_PANEL_E2E_MARKER=<random>`.
    static func newMarker() -> (name: String, value: String) {
        ("HAKER_PANEL_E2E_MARKER", "m\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    }

    /// The live `haker-panel` and `haker-panel-server` processes (zombies excluded) whose
    /// environment holds `name=value`, with their command lines. (A shell or tmux that carries the
    /// marker too is not counted.)
    static func processes(withEnvironment name: String, _ value: String) -> [(pid: pid_t, command: String)] {
        let needle = Data("\(name)=\(value)".utf8)
        var found: [(pid_t, String)] = []
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = pid_t(entry), pid != getpid(), executable(pid).hasPrefix("haker-panel"), !isZombie(pid),
                  let environ = FileManager.default.contents(atPath: "/proc/\(pid)/environ"),
                  environ.split(separator: 0).contains(where: { Data($0) == needle })
            else { continue }
            found.append((pid, commandLine(pid)))
        }
        return found
    }

    /// The last path component of the first argument of `pid`'s command line.
    static func executable(_ pid: pid_t) -> String {
        let raw = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") ?? Data()
        let first = raw.split(separator: 0).first.map { String(decoding: $0, as: UTF8.self) } ?? ""
        return first.split(separator: "/").last.map(String.init) ?? ""
    }

    /// The command line of `pid`, arguments joined by spaces.
    static func commandLine(_ pid: pid_t) -> String {
        let raw = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") ?? Data()
        return raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
    }

    /// The live processes (zombies excluded) whose parent is `pid`, with their command lines.
    static func children(of pid: pid_t) -> [(pid: pid_t, command: String)] {
        var found: [(pid_t, String)] = []
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let child = pid_t(entry), !isZombie(child),
                  let stat = try? String(contentsOfFile: "/proc/\(child)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            // After the command's name: the state, then the parent's pid.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, pid_t(fields[1]) == pid { found.append((child, commandLine(child))) }
        }
        return found
    }

    /// Whether `pid` ended (it is gone, or a zombie nobody reaped yet).
    static func hasEnded(_ pid: pid_t) -> Bool { isZombie(pid) }

    static func isZombie(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    /// Waits until no live process carries the marker; records an issue naming the survivors if
    /// some remain after `timeout` seconds. Returns whether none remain.
    @discardableResult
    static func waitUntilGone(_ name: String, _ value: String, timeout: Double = 30,
                              sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var left = processes(withEnvironment: name, value)
        while !left.isEmpty && Date() < deadline {
            usleep(50_000)
            left = processes(withEnvironment: name, value)
        }
        if !left.isEmpty {
            let names = left.map { "\($0.pid) \($0.command)" }.joined(separator: "; ")
            Issue.record("still running after \(timeout) s: \(names)", sourceLocation: sourceLocation)
        }
        return left.isEmpty
    }

    /// Waits until a process with the marker runs `executable` (the last path component of its
    /// first argument); returns its pid.
    static func waitFor(_ executable: String, _ name: String, _ value: String, timeout: Double = 30,
                        sourceLocation: SourceLocation = #_sourceLocation) -> pid_t? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let running = processes(withEnvironment: name, value)
            if let match = running.first(where: { Self.executable($0.pid) == executable }) { return match.pid }
            usleep(50_000)
        }
        Issue.record("no \(executable) with the test's marker appeared in \(timeout) s", sourceLocation: sourceLocation)
        return nil
    }

    /// Ends whatever still carries the marker (after a failed test), by pid.
    static func killAll(_ name: String, _ value: String) {
        for process in processes(withEnvironment: name, value) { kill(process.pid, SIGKILL) }
    }
}
