import Foundation

/// Where the built executables and the repository are, from this file's own path, so the tests
/// run the binaries `swift build` just made.
enum Binaries {
    static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var buildDirectory: URL {
        if let dir = ProcessInfo.processInfo.environment["HAKER_PANEL_BUILD_DIR"] {
            return URL(fileURLWithPath: dir)
        }
        return repository.appendingPathComponent(".build/debug")
    }

    static var client: String { buildDirectory.appendingPathComponent("haker-panel").path }
    static var server: String { buildDirectory.appendingPathComponent("haker-panel-server").path }

    /// A fresh temporary directory, removed by the caller's `defer`.
    static func temporaryDirectory(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("haker-panel-\(label)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
