import Foundation
import Testing
import S1CheckCore
import S1CheckTestSupport
@testable import s1check

/// The one way s1check replaces a file: whole or not at all, beside the target, with the options a
/// report and a rewritten plan need.
@Suite struct AtomicFileTests {
    func leftovers(_ s: Scratch) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: s.url.path).filter { $0.contains(".s1check-") }
    }

    @Test func replacesTheFileKeepingItsPermissions() throws {
        let s = Scratch()
        let path = s.write("plan.plan.json", "old")
        chmod(path, 0o640)
        try AtomicFile(replacing: FilePath(path), options: .keepPermissions).replace(with: Array("new".utf8))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        var st = stat()
        #expect(stat(path, &st) == 0 && st.st_mode & 0o777 == 0o640)
        #expect(try leftovers(s).isEmpty)
        // Without the option the new file has s1check's own permissions.
        try AtomicFile(replacing: FilePath(path), options: []).replace(with: Array("newer".utf8))
        #expect(stat(path, &st) == 0 && st.st_mode & 0o777 == 0o644 & ~umaskValue())
    }

    @Test func makesAFileThatWasNotThere() throws {
        let s = Scratch()
        let path = s.url.appendingPathComponent("new.json").path
        try AtomicFile(replacing: FilePath(path), options: [.keepPermissions, .refuseSymlink]).replace(with: Array("{}".utf8))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{}")
    }

    @Test func refusesASymlinkWhenAskedAndLeavesBothAsTheyWere() throws {
        let s = Scratch()
        let real = s.write("real.plan.json", "real")
        let link = s.url.appendingPathComponent("link.plan.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        #expect(throws: Diagnostics.self) {
            try AtomicFile(replacing: FilePath(link), options: .refuseSymlink).replace(with: Array("new".utf8))
        }
        #expect(try String(contentsOfFile: real, encoding: .utf8) == "real")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real)
        #expect(try leftovers(s).isEmpty)
    }

    /// The rename fails (a folder is in the way): the temporary file goes, and what was there stays.
    @Test func aFailedReplacementLeavesTheTargetAndNoTemporaryFile() throws {
        let s = Scratch()
        let inside = s.write("report.json/kept", "kept")
        #expect(throws: Diagnostics.self) {
            try AtomicFile(replacing: FilePath(s.path("report.json")), options: .keepPermissions).replace(with: Array("new".utf8))
        }
        #expect(try String(contentsOfFile: inside, encoding: .utf8) == "kept")
        #expect(try leftovers(s).isEmpty)
        #expect(throws: Diagnostics.self) {
            try AtomicFile(replacing: FilePath(s.path("no/such/folder/x.json")), options: []).replace(with: Array("new".utf8))
        }
    }

    func umaskValue() -> mode_t {
        let m = umask(0)
        umask(m)
        return m
    }
}
