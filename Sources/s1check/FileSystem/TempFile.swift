#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import S1CheckCore

/// The names of s1check's temporary files beside a report: `.NAME.s1check-tmp-PID-RANDOM`. A name stays
/// within NAME_MAX (255 bytes) however long the report's name: a name too long for the suffix is cut (at
/// a UTF-8 boundary) and given a hash of the whole, so two long names that share a beginning still differ.
/// The part before the process id depends only on the report's name, so a later run can recognise the
/// leftovers of an interrupted one.
enum TempName {
    static let nameMax = 255
    /// The most ".s1check-spool-" + a process id + "-" + 8 hex digits can take, and the leading dot.
    static let suffixBudget = 1 + ".s1check-".utf8.count + "spool".utf8.count + 1 + 10 + 1 + 8
    static let marker = Array(".s1check-".utf8)

    /// "." + the visible part of the report's name + ".s1check-".
    static func prefix(for name: [UInt8]) -> [UInt8] {
        var visible = name
        if name.count + suffixBudget > nameMax {
            var cut = nameMax - suffixBudget - 17
            while cut > 0 && (name[cut] & 0xC0) == 0x80 { cut -= 1 }
            visible = Array(name[..<cut]) + Array("~\(hex(fnv1a(name), digits: 16))".utf8)
        }
        return [UInt8(ascii: ".")] + visible + marker
    }

    static func make(for name: [UInt8], purpose: String) -> [UInt8] {
        prefix(for: name) + Array("\(purpose)-\(getpid())-\(hex(UInt64(UInt32.random(in: 0...UInt32.max)), digits: 8))".utf8)
    }

    /// The process id in `entry` when it is one of these names for a report whose names start with
    /// `prefix`: the prefix, then `tmp`, `old` or `spool` with an optional number, a process id and 8 hex
    /// digits. Nil for any other name.
    static func writer(of entry: [UInt8], prefix: [UInt8]) -> pid_t? {
        guard entry.count > prefix.count, entry.starts(with: prefix) else { return nil }
        let rest = String(decoding: entry[prefix.count...], as: UTF8.self)
        let parts = rest.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        let purpose = parts[0]
        let purposeOK = purposes.contains(String(purpose)) || (purpose.hasPrefix("spool") && purpose.dropFirst(5).allSatisfy { $0.isASCII && $0.isNumber })
        guard purposeOK, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let pid = pid_t(parts[1]), pid > 0,
              parts[2].count == 8, parts[2].allSatisfy({ $0.isHexDigit }) else { return nil }
        return pid
    }

    /// A report being written, and an old report kept aside while the set is put in place.
    static let purposes: Set<String> = ["tmp", "old"]

    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return h
    }

    static func hex(_ v: UInt64, digits: Int) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, digits - s.count)) + s
    }
}

/// A temporary file s1check writes a report (or a part of one) into.
///
/// A named one sits beside its report, so renaming it over the report is atomic and stays on one file
/// system. While the run holds it, it holds an exclusive `flock` on it, which the kernel drops when the
/// process ends however it ends: a later run removes such a file only if it can take that lock, so it
/// never removes a concurrent run's. An anonymous one (a spool, or the report for a device) is removed
/// from its folder as soon as it is made, so nothing is left whatever happens.
struct TempFile {
    let path: FilePath
    private(set) var fd: Int32
    private let slot: Int?
    private var isNamed: Bool

    private init(path: FilePath, fd: Int32, slot: Int?, isNamed: Bool) {
        self.path = path
        self.fd = fd
        self.slot = slot
        self.isNamed = isNamed
    }

    /// Why making, writing, copying, flushing or renaming a temporary file (or putting a kept report back)
    /// failed: the system's reason, which the caller completes into its own sentence ("cannot make a
    /// temporary file …: ", "cannot write it: ").
    struct Failure: Error {
        let reason: String
    }

    /// One try at a new file of a fresh temporary name in `folder`, armed for cleanup on a signal; nil when
    /// the name was taken (try again).
    private static func create(in folder: FilePath, for name: [UInt8], purpose: String, mode: mode_t) throws(Failure) -> (path: FilePath, fd: Int32, slot: Int?)? {
        let path = folder.appending(TempName.make(for: name, purpose: purpose))
        let slot = InterruptCleanup.arm(path)
        let fd = InterruptCleanup.making { path.withCString { open($0, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode) } }
        guard fd < 0 else { return (path, fd, slot) }
        let e = errno
        InterruptCleanup.disarm(slot)
        if e == EEXIST { return nil }
        throw Failure(reason: SystemError.reason(e))
    }

    /// A locked temporary file beside `target`, for `purpose` ("tmp").
    static func named(beside target: FilePath, purpose: String) throws(Failure) -> TempFile {
        for _ in 0..<8 {
            guard let (path, fd, slot) = try create(in: target.parent, for: target.lastComponent, purpose: purpose, mode: 0o644) else { continue }
            // Lock at once. A cleaner that took the lock first (between open and flock) has removed the
            // file: it then has no links left, and another name is tried.
            while flock(fd, LOCK_EX) != 0 {
                if errno == EINTR { continue }
                let e = errno
                close(fd)
                _ = path.withCString { unlink($0) }
                InterruptCleanup.disarm(slot)
                throw Failure(reason: SystemError.reason(e))
            }
            var st = stat()
            if fstat(fd, &st) == 0 && st.st_nlink > 0 {
                return TempFile(path: path, fd: fd, slot: slot, isNamed: true)
            }
            close(fd)
            InterruptCleanup.disarm(slot)
        }
        throw Failure(reason: "no free temporary file name")
    }

    /// An unnamed temporary file in `folder`: made, then removed from the folder at once.
    static func anonymous(in folder: FilePath, for name: [UInt8], purpose: String) throws(Failure) -> TempFile {
        for _ in 0..<8 {
            guard let (path, fd, slot) = try create(in: folder, for: name, purpose: purpose, mode: 0o600) else { continue }
            _ = path.withCString { unlink($0) }
            InterruptCleanup.disarm(slot)
            return TempFile(path: path, fd: fd, slot: nil, isNamed: false)
        }
        throw Failure(reason: "no free temporary file name")
    }

    /// Appends `bytes`; throws the reason it failed.
    func write(_ bytes: [UInt8]) throws(Failure) {
        if let problem = bytes.withUnsafeBytes({ Output.writeAll(fd, $0) }) { throw Failure(reason: problem) }
    }

    /// Copies the first `count` bytes of this file to `out` (another file, a device, a pipe), in the kernel
    /// (sendfile) where it can: the bytes need not pass through this process.
    /// Throws the reason it failed.
    func copy(prefix count: Int, toDescriptor out: Int32) throws(Failure) {
        var offset = off_t(0)
        while offset < off_t(count) {
            let n = sendfile(out, fd, &offset, count - Int(offset))
            if n > 0 { continue }
            if n == 0 { throw Failure(reason: "the temporary file ended early") }
            if errno == EINTR { continue }
            if errno == EAGAIN && Output.waitWritable(out) { continue }
            // Not every target takes sendfile (and /dev/full answers EINVAL, not "disk full"): copy by
            // reading, which meets the target's own error.
            if errno == EINVAL || errno == ENOSYS || errno == EXDEV { return try copyByReading(from: Int64(offset), to: count, into: out) }
            throw Failure(reason: SystemError.current)
        }
    }

    private func copyByReading(from start: Int64, to end: Int, into out: Int32) throws(Failure) {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var offset = start
        while offset < Int64(end) {
            let want = min(buffer.count, end - Int(offset))
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, want, off_t(offset)) }
            if n < 0 { if errno == EINTR { continue }; throw Failure(reason: SystemError.current) }
            if n == 0 { throw Failure(reason: "the temporary file ended early") }
            if let problem = buffer.withUnsafeBytes({ Output.writeAll(out, UnsafeRawBufferPointer(rebasing: $0[0..<n])) }) { throw Failure(reason: problem) }
            offset += Int64(n)
        }
    }

    /// The file's size so far.
    var size: Int {
        var st = stat()
        return fstat(fd, &st) == 0 ? Int(st.st_size) : 0
    }

    /// Flushes a named file to disk (an anonymous one is never kept, so it needs no flush); throws the
    /// reason it failed.
    func sync() throws(Failure) {
        guard isNamed else { return }
        while fsync(fd) != 0 {
            if errno == EINTR { continue }
            throw Failure(reason: SystemError.current)
        }
    }

    /// Gives the file the permissions (and, where this process may, the owner) of the report it replaces.
    func adopt(_ st: stat) {
        _ = fchmod(fd, st.st_mode & 0o777)
        _ = fchown(fd, st.st_uid, st.st_gid)
    }

    /// Renames the file over `target`. The lock is held until the rename is done, so no cleaner can take
    /// a complete report for a stale one. The file is closed either way; throws the reason it failed.
    mutating func rename(to target: FilePath) throws(Failure) {
        let ok = path.withCString { from in target.withCString { systemRename(from, $0) } } == 0
        let reason = ok ? nil : SystemError.current
        if ok { isNamed = false; InterruptCleanup.disarm(slot) }
        closeFile()
        if let reason { throw Failure(reason: reason) }
    }

    /// Closes the file, and deletes it if it is still a named temporary file (also after a failed rename,
    /// which closed it).
    mutating func remove() {
        if isNamed { _ = path.withCString { unlink($0) }; isNamed = false }
        InterruptCleanup.disarm(slot)
        closeFile()
    }

    private mutating func closeFile() {
        if fd >= 0 { close(fd); fd = -1 }
    }
}

/// A second name for a report about to be replaced, `.NAME.s1check-old-PID-RANDOM` beside it, so that if
/// a later report of the set cannot be put in place, this one can be put back as it was.
struct KeptReport {
    let path: FilePath
    private let slot: Int?

    /// A hard link to the file at `target`; nil when none can be made (a file system without hard links,
    /// or a file the kernel will not link for this user).
    static func keep(_ target: FilePath) -> KeptReport? {
        for _ in 0..<8 {
            let path = target.parent.appending(TempName.make(for: target.lastComponent, purpose: "old"))
            let slot = InterruptCleanup.arm(path)
            if InterruptCleanup.making({ target.withCString { from in path.withCString { link(from, $0) } } }) == 0 { return KeptReport(path: path, slot: slot) }
            let e = errno
            InterruptCleanup.disarm(slot)
            if e != EEXIST { return nil }
        }
        return nil
    }

    private init(path: FilePath, slot: Int?) {
        self.path = path
        self.slot = slot
    }

    /// Puts the old report back at `target`; throws why it could not be.
    func restore(to target: FilePath) throws(TempFile.Failure) {
        let ok = path.withCString { from in target.withCString { systemRename(from, $0) } } == 0
        if ok { InterruptCleanup.disarm(slot) } else { throw TempFile.Failure(reason: SystemError.current) }
    }

    /// The set is in place: the old report's second name goes.
    func remove() {
        _ = path.withCString { unlink($0) }
        InterruptCleanup.disarm(slot)
    }
}

/// Leftovers of interrupted runs.
enum StaleTemporaryFiles {
    /// Removes the temporary files of `target`'s naming pattern in its folder whose writer has gone. A
    /// name alone proves nothing (anyone can name a file so), so a file is removed only when everything
    /// says it is a leftover of s1check's: its name has the pattern, with the process id of a process
    /// that is no longer running; it is a regular file of this user; no process holds its lock; it is
    /// none of `inputs` (the files this run reads: a plan or registry named like a temporary file is
    /// never removed); and it is still the file that was opened and locked. Returns how many were removed.
    @discardableResult
    static func remove(beside target: FilePath, sparing inputs: Set<FileID>) -> Int {
        let prefix = TempName.prefix(for: target.lastComponent)
        return remove(in: target.parent, sparing: inputs) { TempName.writer(of: $0, prefix: prefix) }
    }

    /// The same for several targets in one folder (`fix --write`: the plans of a folder), in one pass
    /// over the folder: an entry is matched to the target whose prefix it starts with.
    @discardableResult
    static func remove(in folder: FilePath, beside names: [[UInt8]], sparing inputs: Set<FileID>) -> Int {
        let prefixes = Set(names.map { TempName.prefix(for: $0) })
        return remove(in: folder, sparing: inputs) { entry in
            // The prefix ends at the last ".s1check-" of the name (a target's own name may hold one).
            guard entry.first == UInt8(ascii: "."), let end = lastMarkerEnd(entry) else { return nil }
            let prefix = Array(entry[..<end])
            return prefixes.contains(prefix) ? TempName.writer(of: entry, prefix: prefix) : nil
        }
    }

    static func lastMarkerEnd(_ entry: [UInt8]) -> Int? {
        let m = TempName.marker
        guard entry.count > m.count else { return nil }
        var i = entry.count - m.count
        while i >= 0 {
            if entry[i..<i + m.count].elementsEqual(m) { return i + m.count }
            i -= 1
        }
        return nil
    }

    private static func remove(in folder: FilePath, sparing inputs: Set<FileID>, writer: ([UInt8]) -> pid_t?) -> Int {
        guard let dir = folder.withCString({ opendir($0) }) else { return 0 }
        defer { closedir(dir) }
        let dfd = dirfd(dir)
        var removed = 0
        while let entry = readdir(dir) {
            let name = FilePath.entryName(entry)
            guard let pid = writer(name.dropLast().map { UInt8(bitPattern: $0) }) else { continue }
            // A process of that id still runs (or runs as someone else): its file may be live.
            if kill(pid, 0) == 0 || errno == EPERM { continue }
            let fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
            if fd < 0 { continue }
            defer { close(fd) }
            var held = stat(), there = stat()
            guard fstat(fd, &held) == 0, (held.st_mode & S_IFMT) == S_IFREG, held.st_uid == geteuid(),
                  !inputs.contains(FileID(held)) else { continue }
            // A live writer holds the lock: leave its file alone.
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { continue }
            guard fstatat(dfd, name, &there, AT_SYMLINK_NOFOLLOW) == 0,
                  there.st_dev == held.st_dev, there.st_ino == held.st_ino else { continue }
            if unlinkat(dfd, name, 0) == 0 { removed += 1 }
        }
        return removed
    }
}
