import Foundation
import Testing

/// Drives a real program inside tmux, as a user at a terminal would, and reads the screen back
/// with `capture-pane`. Each session runs on its own tmux server (`-L`), so tests in parallel never
/// see each other, and the server ends with the session.
final class TmuxSession {
    let socket: String
    let name = "panel"
    private(set) var width: Int
    private(set) var height: Int

    /// Starts `command` in a detached tmux session of `width`x`height`. `environment` is added to a
    /// clean UTF-8 environment (TERM inside tmux is tmux's own, `tmux-256color` unless overridden).
    init(_ command: [String], width: Int = 80, height: Int = 24, environment: [String: String] = [:],
         directory: String? = nil) throws {
        socket = "e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        self.width = width
        self.height = height
        var env = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color",
                   "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                   "HOME": ProcessInfo.processInfo.environment["HOME"] ?? "/tmp"]
        // tmux passes the server's environment to the pane; the command's own overrides go first.
        let exports = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }
        let shellCommand = (directory.map { "cd \(Self.quote($0)) && " } ?? "")
            + "exec " + (exports.isEmpty ? "" : "env " + exports.joined(separator: " ") + " ")
            + command.map(Self.quote).joined(separator: " ")
        env["TMUX"] = nil
        // Options in a config file, so that they hold from the first moment: a program that ends
        // at once still leaves its pane (and its exit status) to read.
        let config = FileManager.default.temporaryDirectory.appendingPathComponent(socket + ".conf")
        try "set -g remain-on-exit on\nset -g status off\n"
            .write(to: config, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: config) }
        try Self.run(["-L", socket, "-f", config.path, "new-session", "-d", "-s", name,
                      "-x", String(width), "-y", String(height), shellCommand], environment: env, capture: false)
        // (In the config file, `window-size manual` makes tmux 3.3a's server exit at start.)
        try? Self.run(["-L", socket, "set-option", "-g", "window-size", "manual"])
    }

    deinit {
        try? Self.run(["-L", socket, "kill-server"])
    }

    // MARK: - Input

    /// Sends tmux key names (`Enter`, `Tab`, `BTab`, `Escape`, `F10`, `Down`, `C-s`, `BSpace`).
    func press(_ keys: String...) throws {
        try Self.run(["-L", socket, "send-keys", "-t", name] + keys)
    }

    /// Types text literally (Turkish letters included).
    func type(_ text: String) throws {
        try Self.run(["-L", socket, "send-keys", "-t", name, "-l", text])
    }

    /// Resizes the window, as a user dragging the terminal's corner.
    func resize(width: Int, height: Int) throws {
        self.width = width
        self.height = height
        try Self.run(["-L", socket, "resize-window", "-t", name, "-x", String(width), "-y", String(height)])
        let now = try Self.run(["-L", socket, "display-message", "-p", "-t", name, "#{window_width}x#{window_height}"])
        if now.trimmingCharacters(in: .whitespacesAndNewlines) != "\(width)x\(height)" {
            throw TmuxError.failed("resize-window left the window at \(now)")
        }
    }

    /// Replaces the focused form field with `typed`, opens the review (F2), waits for `stored` (the
    /// value as the server will keep it) and confirms (Enter).
    func replaceAndSave(_ typed: String, storedAs stored: String) throws {
        try press("C-e", "C-u")
        try type(typed)
        try press("F2")
        try waitFor(stored)
        try press("Enter")
    }

    // MARK: - Output

    /// Appends every byte the program writes to the terminal from now on to the file at `path`
    /// (`pipe-pane`), to check what reached the terminal, not only what it shows.
    func recordOutput(to path: String) throws {
        try Self.run(["-L", socket, "pipe-pane", "-t", name, "-o", "cat >> " + Self.quote(path)])
    }

    /// The pane's title, as the program (or an escape sequence it let through) set it.
    func paneTitle() throws -> String {
        try Self.run(["-L", socket, "display-message", "-p", "-t", name, "#{pane_title}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The screen as text, one line per row, trailing spaces trimmed.
    func screen() throws -> String {
        try Self.run(["-L", socket, "capture-pane", "-p", "-t", name])
    }

    /// Waits until `text` is on screen (or `timeout` seconds pass: then the test fails with the
    /// screen as it was). Polls: the machine may be slow, the test never is flaky for that.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 30, sourceLocation: SourceLocation = #_sourceLocation)
        throws -> String {
        try waitUntil(timeout: timeout, what: "\"\(text)\"", sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// Waits until `text` is no longer on screen.
    @discardableResult
    func waitForAbsence(of text: String, timeout: Double = 30, sourceLocation: SourceLocation = #_sourceLocation)
        throws -> String {
        try waitUntil(timeout: timeout, what: "no \"\(text)\"", sourceLocation: sourceLocation) { !$0.contains(text) }
    }

    /// Waits until `condition` holds for the screen.
    @discardableResult
    func waitUntil(timeout: Double = 30, what: String, sourceLocation: SourceLocation = #_sourceLocation,
                   _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            usleep(50_000)
        }
        Issue.record("timed out waiting for \(what); the screen was:\n\(last)", sourceLocation: sourceLocation)
        throw TmuxError.timedOut(what)
    }

    /// The pid of the program in the pane (the first process tmux started).
    func panePID() throws -> pid_t {
        let text = try Self.run(["-L", socket, "display-message", "-p", "-t", name, "#{pane_pid}"])
        return pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// The program's exit status once it ended (tmux keeps the dead pane): 128 + the signal when a
    /// signal ended it; nil while it runs.
    func exitStatus() throws -> Int? {
        let text = try Self.run(["-L", socket, "display-message", "-p", "-t", name,
                                 "#{pane_dead}:#{pane_dead_status}:#{pane_dead_signal}"])
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts[0] == "1" else { return nil }
        if let status = Int(parts[1]) { return status }
        if let signal = Int(parts[2]) { return 128 + signal }
        return try Self.zombieStatus(of: panePID())
    }

    /// The exit status of a process that ended and was not reaped, from `/proc/PID/stat` (field 52,
    /// as `waitpid` reports it). Debian's tmux 3.3a sometimes never reaps a pane's process: when the
    /// pane's end is read before the process's SIGCHLD arrives, utempter's helper runs with SIGCHLD
    /// set to its default, and that SIGCHLD is lost. The zombie still holds its status.
    static func zombieStatus(of pid: pid_t) -> Int? {
        guard pid > 0, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(whereSeparator: { $0 == " " || $0 == "\n" })
        // fields[0] is field 3 (the state), so field 52 is fields[49].
        guard fields.count > 49, fields[0] == "Z", let raw = Int(fields[49]) else { return nil }
        return raw & 0x7F == 0 ? (raw >> 8) & 0xFF : 128 + raw & 0x7F
    }

    /// Waits for the program to end and returns its exit status.
    func waitForExit(timeout: Double = 20, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let status = try exitStatus() { return status }
            usleep(50_000)
        }
        let pid = (try? panePID()) ?? 0
        let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? "gone"
        let stack = (try? String(contentsOfFile: "/proc/\(pid)/wchan", encoding: .utf8)) ?? ""
        Issue.record("the program (\(state) \(stack)) did not exit; the screen was:\n\((try? screen()) ?? "")",
                     sourceLocation: sourceLocation)
        throw TmuxError.timedOut("exit")
    }

    // MARK: - tmux

    enum TmuxError: Error {
        case failed(String)
        case timedOut(String)
    }

    @discardableResult
    static func run(_ arguments: [String], environment: [String: String]? = nil, capture: Bool = true) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tmux")
        process.arguments = ["-u"] + arguments
        if let environment { process.environment = environment }
        guard capture else {
            // The command that starts the tmux server: the server is forked from it and would keep
            // every descriptor it inherits (Foundation's Process watches one to see its child end),
            // so it is spawned directly, with nothing but /dev/null, and reaped with waitpid.
            let status = try spawnDetached(["/usr/bin/tmux", "-u"] + arguments, environment: environment ?? [:])
            guard status == 0 else { throw TmuxError.failed("tmux \(arguments.joined(separator: " ")): \(status)") }
            return ""
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TmuxError.failed("tmux \(arguments.joined(separator: " ")): "
                                   + (String(data: errData, encoding: .utf8) ?? ""))
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// posix_spawn with standard input, output and error on /dev/null and every other descriptor
    /// closed; waits for the program and returns its exit status.
    static func spawnDetached(_ arguments: [String], environment: [String: String]) throws -> Int32 {
        let pid = try spawn(arguments, environment: environment)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status >> 8) & 0xFF
    }

    /// posix_spawn with standard input on /dev/null, output and error appended to `output`
    /// (/dev/null unless given) and every other descriptor closed; returns the pid, for the
    /// caller to reap.
    static func spawn(_ arguments: [String], environment: [String: String],
                      output: String = "/dev/null") throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        for fd in Int32(1)...2 {
            posix_spawn_file_actions_addopen(&actions, fd, output, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        }
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap(Int32.init) where fd > 2 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        // The test runner's threads block signals, and a blocked mask survives exec: tmux would
        // never see SIGCHLD (no exit status) and its panes never SIGWINCH. Start it with none
        // blocked and default actions.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], &actions, &attributes, &argv, &envp)
        guard spawned == 0 else { throw TmuxError.failed("posix_spawn \(arguments[0]): \(spawned)") }
        return pid
    }

    static func quote(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
