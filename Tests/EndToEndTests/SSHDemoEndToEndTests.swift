import Foundation
import Testing

/// `haker-panel --demo` served by a real OpenSSH server, as a salesperson serves it: each visitor
/// connects with `ssh -tt` (inside tmux, as at a terminal), gets a sandbox of their own, and leaves
/// nothing behind when the connection drops.
struct SSHDemoEndToEndTests {
    @Test func aDroppedConnectionLeavesNothingBehindAndTheNextVisitorSeesFreshDemoData() throws {
        let demo = try SSHDemoServer()
        defer { demo.stop() }

        // The first visitor: Home in the demo, then a new phone number, saved.
        let first = try TmuxSession(demo.sshCommand, environment: ["HOME": demo.directory.path])
        let home = try first.waitFor("Hello, Ayşe Yılmaz")
        #expect(home.split(separator: "\n").first?.contains("DEMO") == true, "the title bar says DEMO:\n\(home)")
        let client = try #require(ProcessTable.waitFor("haker-panel", demo.marker.name, demo.marker.value))
        let server = try #require(ProcessTable.waitFor("haker-panel-server", demo.marker.name, demo.marker.value))
        #expect(ProcessTable.commandLine(server).contains("--db :memory:"))
        try first.press("2")
        try first.waitFor("[+905321234567")
        try first.press("Tab")
        try first.replaceAndSave("0532 765 43 21", storedAs: "+905327654321")
        try first.waitFor("Saved")
        try first.press("Escape")
        try first.waitFor("Hello, Ayşe Yılmaz")
        try first.press("2")
        try first.waitFor("[+905327654321")

        // The connection drops: the visitor's ssh client is killed outright.
        kill(try first.panePID(), SIGKILL)
        #expect(try first.waitForExit() == 128 + Int(SIGKILL))
        ProcessTable.waitUntilGone(demo.marker.name, demo.marker.value)
        #expect(ProcessTable.hasEnded(client))
        #expect(ProcessTable.hasEnded(server))
        demo.waitUntilNoConnectionIsLeft()

        // The next visitor: the demo data as seeded, not the first visitor's phone.
        let second = try TmuxSession(demo.sshCommand, environment: ["HOME": demo.directory.path])
        try second.waitFor("Hello, Ayşe Yılmaz")
        try second.press("2")
        let contact = try second.waitFor("[+905321234567")
        #expect(!contact.contains("+905327654321"))
        try second.press("F10")
        #expect(try second.waitForExit() == 0)
        ProcessTable.waitUntilGone(demo.marker.name, demo.marker.value)
        demo.waitUntilNoConnectionIsLeft()
    }
}

/// A real OpenSSH server (`sshd -D`) on 127.0.0.1 and a free port, set up in a temporary folder of
/// its own: a throw-away host key, a throw-away client key as the only authorised key, and
/// `haker-panel --demo` as the forced command, with every kind of forwarding off.
final class SSHDemoServer {
    /// Why the machine cannot run the test: said plainly instead of skipping it.
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    static let sshd = "/usr/sbin/sshd"
    let directory: URL
    let port: Int
    /// In the demo's environment (set by the forced command's wrapper), inherited by its server.
    let marker = ProcessTable.newMarker()
    private var pid: pid_t = 0
    private let user: String

    init() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.sshd) else {
            throw Unavailable(description: "OpenSSH's server is not installed (\(Self.sshd)): run scripts/deps.sh test")
        }
        directory = try Binaries.temporaryDirectory("sshd")
        user = String(cString: getpwuid(getuid()).pointee.pw_name)
        port = try LoopbackPort.unused()
        do {
            try Self.prepareSeparationDirectory()
            try Self.keygen(directory.appendingPathComponent("host_key").path)
            try Self.keygen(directory.appendingPathComponent("client_key").path)
            try FileManager.default.copyItem(at: directory.appendingPathComponent("client_key.pub"),
                                             to: directory.appendingPathComponent("authorized_keys"))
            try writeForcedCommand()
            try writeConfig()
            let log = directory.appendingPathComponent("sshd.log").path
            let config = directory.appendingPathComponent("sshd_config").path
            pid = try TmuxSession.spawn([Self.sshd, "-D", "-e", "-f", config],
                                        environment: ["PATH": "/usr/sbin:/usr/bin:/bin"], output: log)
            try waitUntilListening(log: log)
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    /// `ssh -tt` to the demo with the client key, trusting the throw-away host key.
    var sshCommand: [String] {
        ["/usr/bin/ssh", "-tt", "-F", "/dev/null", "-i", directory.appendingPathComponent("client_key").path,
         "-p", String(port), "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
         "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "\(user)@127.0.0.1"]
    }

    /// Waits until sshd's processes for the connections (its children) have all ended; records an
    /// issue naming them otherwise.
    func waitUntilNoConnectionIsLeft(timeout: Double = 30, sourceLocation: SourceLocation = #_sourceLocation) {
        let deadline = Date().addingTimeInterval(timeout)
        var left = ProcessTable.children(of: pid)
        while !left.isEmpty && Date() < deadline {
            usleep(50_000)
            left = ProcessTable.children(of: pid)
        }
        if !left.isEmpty {
            Issue.record("sshd still serves: \(left.map(\.command).joined(separator: "; "))",
                         sourceLocation: sourceLocation)
        }
    }

    /// Stops sshd and whatever it still serves, and removes the folder.
    func stop() {
        for child in ProcessTable.children(of: pid) { kill(child.pid, SIGKILL) }
        ProcessTable.killAll(marker.name, marker.value)
        kill(pid, SIGTERM)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        try? FileManager.default.removeItem(at: directory)
    }

    // MARK: - Setting up

    /// sshd refuses to start without its privilege separation directory (Debian's package makes
    /// it at boot; a container may not have it).
    private static func prepareSeparationDirectory() throws {
        guard !FileManager.default.fileExists(atPath: "/run/sshd") else { return }
        do {
            try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o755])
        } catch {
            throw Unavailable(description: "sshd needs /run/sshd, which could not be made: \(error)")
        }
    }

    private static func keygen(_ path: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ssh-keygen")
        process.arguments = ["-q", "-t", "ed25519", "-N", "", "-C", "haker-panel-e2e", "-f", path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            throw Unavailable(description: "ssh-keygen could not run (install openssh-client): \(error)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Unavailable(description: "ssh-keygen failed with status \(process.terminationStatus)")
        }
    }

    /// sshd gives the forced command a bare environment, so a wrapper sets the demo's own home,
    /// XDG folders (no config file of this machine is read), locale and the test's marker.
    private func writeForcedCommand() throws {
        let home = directory.appendingPathComponent("home").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let quote = TmuxSession.quote
        let script = """
            #!/bin/sh
            export HOME=\(quote(home)) XDG_CONFIG_HOME=\(quote(home)) XDG_DATA_HOME=\(quote(home))
            export LANG=C.UTF-8 \(marker.name)=\(quote(marker.value))
            exec \(quote(Binaries.client)) --demo

            """
        let path = directory.appendingPathComponent("demo.sh").path
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }

    /// The configuration the README recommends for demos, with this folder's keys and port.
    private func writeConfig() throws {
        let dir = directory.path
        let config = """
            ListenAddress 127.0.0.1:\(port)
            HostKey \(dir)/host_key
            PidFile none
            UsePAM no
            StrictModes no
            AuthorizedKeysFile \(dir)/authorized_keys
            PermitRootLogin prohibit-password
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            AllowUsers \(user)
            ForceCommand \(dir)/demo.sh
            PermitTTY yes
            AllowTcpForwarding no
            AllowStreamLocalForwarding no
            AllowAgentForwarding no
            X11Forwarding no
            PermitTunnel no
            PermitUserEnvironment no
            PermitUserRC no
            PrintMotd no
            PrintLastLog no
            LogLevel VERBOSE

            """
        try config.write(to: directory.appendingPathComponent("sshd_config"), atomically: true, encoding: .utf8)
    }

    /// Polls the port until sshd accepts connections; throws with its log if it ended first.
    private func waitUntilListening(log: String) throws {
        let deadline = Date().addingTimeInterval(30)
        var status: Int32 = 0
        while Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid {
                let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                throw Unavailable(description: "sshd ended at start (wait status \(status)); its log:\n\(text)")
            }
            if LoopbackPort.isListening(port) { return }
            usleep(50_000)
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
        throw Unavailable(description: "sshd did not listen on 127.0.0.1:\(port) within 30 s")
    }
}
