import Foundation
import Glibc
import Testing

@testable import PanelApp

// The security review's disk half: the export is written 0600, never over an existing file unless
// the customer said so, and never through a symbolic link planted at its path.

@Suite("The export file: the customer's alone, never over another file unasked")
struct FileOutputTests {
    let folder: String

    init() throws {
        folder = try FileManager.default.url(for: .itemReplacementDirectory, in: .userDomainMask,
                                             appropriateFor: URL(fileURLWithPath: "/tmp"), create: true).path
    }

    func mode(_ path: String) -> mode_t {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o777 : 0
    }

    func contents(_ path: String) -> String? {
        try? String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func aNewFileIsReadableByTheCustomerAlone() {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/export.json"
        #expect(FileOutput.write(Data("{}".utf8), to: path, overwrite: false) == nil)
        #expect(mode(path) == 0o600)
        #expect(contents(path) == "{}")
    }

    @Test func anExistingFileIsLeftAsItWasWithoutConsentAndMadePrivateWithIt() {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/export.json"
        FileManager.default.createFile(atPath: path, contents: Data("old".utf8), attributes: [.posixPermissions: 0o644])
        #expect(FileOutput.write(Data("new".utf8), to: path, overwrite: false) == .exists)
        #expect(contents(path) == "old" && mode(path) == 0o644)
        #expect(FileOutput.write(Data("new".utf8), to: path, overwrite: true) == nil)
        #expect(contents(path) == "new" && mode(path) == 0o600)
    }

    @Test func aSymbolicLinkAtThePathIsNeverWrittenThrough() {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let victim = folder + "/victim", path = folder + "/export.json"
        FileManager.default.createFile(atPath: victim, contents: Data("keep".utf8),
                                       attributes: [.posixPermissions: 0o644])
        #expect(symlink(victim, path) == 0)
        #expect(FileOutput.write(Data("new".utf8), to: path, overwrite: false) != nil)
        #expect(FileOutput.write(Data("new".utf8), to: path, overwrite: true) != nil, "not even when told to overwrite")
        #expect(contents(victim) == "keep" && mode(victim) == 0o644)
    }
}
