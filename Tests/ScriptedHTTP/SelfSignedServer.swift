#if canImport(Glibc)
import Glibc
#endif

// TLS against a real TLS server: `openssl s_server` with a throw-away self-signed certificate
// made for the test (scripts/deps.sh installs `openssl` for the tests).

/// A self-signed certificate in a temporary folder, and an `openssl s_server` serving it on a
/// loopback port for one connection.
public final class SelfSignedServer {
    public let folder: String
    public let certificate: String
    public let port: Int
    private let pid: pid_t

    /// - Parameter names: the certificate's subject alternative names.
    public init(names: String = "DNS:localhost,IP:127.0.0.1") throws {
        var template = Array("/tmp/panel-client-tls-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw Socket.Failure(description: "mkdtemp") }
        folder = String(cString: made)
        certificate = folder + "/cert.pem"
        let key = folder + "/key.pem"
        let generated = try Child.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                                       "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", certificate,
                                       "-days", "2", "-subj", "/CN=haker-panel-test", "-addext",
                                       "subjectAltName=\(names)"])
        guard generated.status == 0 else {
            Self.remove(folder)
            throw Socket.Failure(description: "openssl req failed: \(generated.output)")
        }
        let server = try Child.start(["openssl", "s_server", "-accept", "0", "-cert", certificate, "-key", key,
                                      "-www", "-naccept", "1"])
        pid = server.pid
        // s_server says `ACCEPT [::]:PORT` once it listens.
        guard let line = Child.readLine(server.output, containing: "ACCEPT", timeoutMilliseconds: 10_000),
              let port = line.split(separator: ":").last.flatMap({ Int($0) })
        else {
            kill(server.pid, SIGTERM)
            waitpid(server.pid, nil, 0)
            close(server.output)
            Self.remove(folder)
            throw Socket.Failure(description: "s_server did not start")
        }
        close(server.output)
        self.port = port
    }

    public func stop() {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        Self.remove(folder)
    }

    private static func remove(_ folder: String) {
        for file in ["cert.pem", "key.pem"] { unlink(folder + "/" + file) }
        rmdir(folder)
    }
}

/// Child processes without Foundation: posix_spawnp with stdout and stderr into a pipe.
public enum Child {
    public static func start(_ arguments: [String]) throws -> (pid: pid_t, output: Int32) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw Socket.Failure(description: "pipe") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
        posix_spawn_file_actions_adddup2(&actions, ends[1], 2)
        posix_spawn_file_actions_addclose(&actions, ends[0])
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
        close(ends[1])
        guard spawned == 0 else {
            close(ends[0])
            throw Socket.Failure(description: "cannot start \(arguments[0]): \(spawned)")
        }
        return (pid, ends[0])
    }

    /// Runs to the end; the exit status.
    public static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let child = try start(arguments)
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(child.output, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            output += buffer[..<count]
        }
        close(child.output)
        var status: Int32 = 0
        waitpid(child.pid, &status, 0)
        return ((status >> 8) & 0xFF, String(decoding: output, as: UTF8.self))
    }

    /// The first line of `fd`'s output that contains `text`, waiting at most the timeout.
    public static func readLine(_ fd: Int32, containing text: String, timeoutMilliseconds: Int32) -> String? {
        var pending: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
            guard poll(&fds, 1, timeoutMilliseconds) > 0, read(fd, &byte, 1) == 1 else { return nil }
            if byte != 10 {
                pending.append(byte)
                continue
            }
            let line = String(decoding: pending, as: UTF8.self)
            if line.contains(text) { return line }
            pending.removeAll()
        }
    }
}

