#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import S1CheckCore
import Synchronization

/// A plan file as `s1check fix` read it, and its replacement (docs/robustness.md, "Fixing plans"): the
/// bytes and what the file was when they were read, so that it is replaced only while it is still that
/// file with those bytes.
///
/// Refused before anything is written: a symlink (the rename would replace the link, and writing through
/// it would change a file the user did not name), and, to be written, a file that cannot be written (no
/// write permission bit, which a process running as root would otherwise override, or one this user may
/// not write: the rename would replace it all the same) or one with several hard links (the other names
/// would keep the old content).
struct PlanFile: Sendable {
    let path: FilePath
    let bytes: [UInt8]
    /// `lstat` of the path before it was read: identity, size and modification time.
    let before: stat

    static func read(_ path: FilePath, forWriting: Bool) -> Result<PlanFile, Diagnostic> {
        let name = path.display
        var st = stat()
        if path.withCString({ lstat($0, &st) }) != 0 {
            return .failure(.input(file: name, message: "cannot read this plan: \(SystemError.current)"))
        }
        if (st.st_mode & S_IFMT) == S_IFLNK {
            return .failure(.input(file: name, message: "is a symlink\(linkTarget(path).map { " (to \($0))" } ?? ""); s1check fix never changes a file through a symlink, nor replaces the link: give the file it leads to"))
        }
        if let problem = Files.regularFileProblem(st, path) { return .failure(problem) }
        if forWriting {
            if st.st_mode & 0o222 == 0 || path.withCString({ access($0, W_OK) }) != 0 {
                return .failure(.input(file: name, message: "is read-only (mode \(octal(st.st_mode & 0o7777))); s1check fix replaces only plans that may be written: make it writable (chmod u+w) to fix it"))
            }
            if st.st_nlink > 1 {
                return .failure(.input(file: name, message: "has \(st.st_nlink) hard links; replacing it would leave its other names with the old content, so s1check fix leaves it as it is"))
            }
        }
        switch Files.read(path) {
        case .failure(let e): return .failure(e)
        case .success(let c):
            if c.id != FileID(st) { return .failure(.input(file: name, message: "was replaced while s1check read it; run s1check fix again")) }
            return .success(PlanFile(path: path, bytes: c.bytes, before: st))
        }
    }

    /// Replaces the file with `bytes` (AtomicFile: a temporary file beside it, flushed, renamed over it,
    /// permissions kept), if right before the rename it is still the file read, with the bytes read. The
    /// caller flushes the folder (`AtomicFile.syncFolders`), once for all the plans of a folder.
    func replace(with bytes: [UInt8]) throws(Diagnostics) {
        try AtomicFile(replacing: path, options: [.keepPermissions, .refuseSymlink, .keepExtendedAttributes]).replace(with: bytes, syncFolder: false) {
            FixTestHook.pause(before: path)
            return changedSinceRead().map { "changed since s1check read it (\($0)), so it is left as it is: run s1check fix again" }
        }
    }

    /// How the file differs from when it was read (identity, size, modification time, then its bytes), or
    /// nil when it does not.
    func changedSinceRead() -> String? {
        var now = stat()
        if path.withCString({ lstat($0, &now) }) != 0 { return "it cannot be examined: \(SystemError.current)" }
        if (now.st_mode & S_IFMT) == S_IFLNK { return "it is now a symlink" }
        if FileID(now) != FileID(before) { return "another file is now in its place" }
        // The checks made when it was read, made again: a link or a chmod changes neither its bytes nor
        // its modification time.
        if now.st_nlink > 1 { return "it now has \(now.st_nlink) hard links, and replacing it would leave the others with the old content" }
        if now.st_mode & 0o222 == 0 || path.withCString({ access($0, W_OK) }) != 0 {
            return "it is now read-only (mode \(PlanFile.octal(now.st_mode & 0o7777)))"
        }
        if now.st_size != before.st_size { return "its size is now \(now.st_size) bytes, not \(before.st_size)" }
        if now.st_mtim.tv_sec != before.st_mtim.tv_sec || now.st_mtim.tv_nsec != before.st_mtim.tv_nsec { return "it was modified" }
        switch Files.read(path) {
        case .failure: return "it cannot be read again"
        case .success(let c): return c.bytes == bytes ? nil : "its content is not what was read"
        }
    }

    static func linkTarget(_ path: FilePath) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = path.withCString { readlink($0, &buffer, buffer.count - 1) }
        guard n > 0 else { return nil }
        return FilePath(buffer[..<n].map { UInt8(bitPattern: $0) }).display
    }

    static func octal(_ mode: mode_t) -> String {
        let s = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}

/// For the tests only: with `S1CHECK_TEST_FIX_PAUSE` set to a folder, `fix --write` creates `paused` there
/// once a plan's new content is written to its temporary file, and waits (up to a minute) for `resume`
/// to appear before it checks the plan is unchanged and renames, so a test can change the plan between
/// the read and the write. Unset, as in any real run, it does nothing.
///
/// With `S1CHECK_TEST_FIX_PAUSE_AT=N` as well, only the Nth plan to get there pauses (the others go on), so
/// a test can interrupt a run after any number of plans.
enum FixTestHook {
    static let folder: FilePath? = ProcessInfo.processInfo.environment["S1CHECK_TEST_FIX_PAUSE"].flatMap { $0.isEmpty ? nil : FilePath($0) }
    static let at: Int? = ProcessInfo.processInfo.environment["S1CHECK_TEST_FIX_PAUSE_AT"].flatMap { Int($0) }
    static let reached = Atomic<Int>(0)

    static func pause(before path: FilePath) {
        guard let folder else { return }
        if let at, reached.wrappingAdd(1, ordering: .sequentiallyConsistent).newValue != at { return }
        let paused = folder.appending(Array("paused".utf8)), resume = folder.appending(Array("resume".utf8))
        let fd = paused.withCString { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }
        if fd >= 0 { _ = path.bytes.withUnsafeBytes { Output.writeAll(fd, $0) }; close(fd) }
        for _ in 0..<6000 where !Files.exists(resume) { usleep(10_000) }
    }
}
