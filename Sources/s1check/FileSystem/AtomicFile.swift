#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import S1CheckCore

/// How s1check replaces a file so that a reader sees the old content or the new, never a part: the new
/// content goes to a locked temporary file beside the target (`TempFile.named`: the same folder, so the
/// rename stays on one file system), is flushed to disk, and is renamed over the target; the folder is
/// then flushed so the rename survives a power cut. Until the rename the old file is untouched, and a
/// failure removes the temporary file (`TempFile.remove`).
///
/// One type for every file s1check replaces: the reports (`ReportWriter`, which writes the temporary file
/// as plans stream past and renames every report of a run together) and a plan rewritten by a fix.
struct AtomicFile {
    struct Options: OptionSet {
        let rawValue: Int
        /// The new file takes the permissions (and, where this process may, the owner) of the file it
        /// replaces, as the target was when `begin` looked (or as `existing` gives it).
        static let keepPermissions = Options(rawValue: 1 << 0)
        /// A target that is a symlink is refused: the rename would replace the link, not the file it leads
        /// to, and writing through it would replace a file the user did not name.
        static let refuseSymlink = Options(rawValue: 1 << 1)
        /// The new file takes every extended attribute of the file it replaces (ACLs are extended
        /// attributes: `system.posix_acl_access`); one that cannot be copied refuses the replacement.
        static let keepExtendedAttributes = Options(rawValue: 1 << 2)
    }

    let target: FilePath
    let options: Options
    /// The target's status as already known (a report's, from when its path was checked); nil: `begin`
    /// looks at the target itself.
    let existing: stat?

    init(replacing target: FilePath, options: Options, existing: stat? = nil) {
        self.target = target
        self.options = options
        self.existing = existing
    }

    /// A temporary file beside the target, to write the new content into. Throws the reason, completing
    /// "cannot make a temporary file beside it: ".
    func begin() throws(TempFile.Failure) -> TempFile {
        var st = stat()
        let there = existing ?? (target.withCString { lstat($0, &st) } == 0 ? st : nil)
        if options.contains(.refuseSymlink), let there, (there.st_mode & S_IFMT) == S_IFLNK {
            throw TempFile.Failure(reason: "\(target.display) is a symlink, and s1check never replaces a file through a symlink")
        }
        let temp = try TempFile.named(beside: target, purpose: "tmp")
        if options.contains(.keepPermissions), let there, (there.st_mode & S_IFMT) == S_IFREG { temp.adopt(there) }
        if options.contains(.keepExtendedAttributes), let there, (there.st_mode & S_IFMT) == S_IFREG {
            do throws(TempFile.Failure) { try AtomicFile.copyExtendedAttributes(from: target, to: temp.fd) } catch {
                var t = temp
                t.remove()
                throw error
            }
        }
        return temp
    }

    /// Renames the temporary file, written and flushed (`TempFile.sync`), over the target; throws why not.
    func commit(_ temp: inout TempFile) throws(TempFile.Failure) {
        try temp.rename(to: target)
    }

    /// Copies every extended attribute of the file at `path` (not followed) onto `fd`; throws why one
    /// could not be. A file system without extended attributes has none to copy.
    static func copyExtendedAttributes(from path: FilePath, to fd: Int32) throws(TempFile.Failure) {
        let size = path.withCString { llistxattr($0, nil, 0) }
        if size < 0 { if errno == ENOTSUP { return }; throw TempFile.Failure(reason: "cannot list its extended attributes: \(SystemError.current)") }
        if size == 0 { return }
        var list = [CChar](repeating: 0, count: size)
        let n = path.withCString { p in list.withUnsafeMutableBufferPointer { llistxattr(p, $0.baseAddress, size) } }
        if n < 0 { throw TempFile.Failure(reason: "cannot list its extended attributes: \(SystemError.current)") }
        for name in list[..<n].split(separator: 0) {
            let cName = Array(name) + [0]
            let shown = String(decoding: name.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let length = path.withCString { p in cName.withUnsafeBufferPointer { lgetxattr(p, $0.baseAddress!, nil, 0) } }
            if length < 0 { throw TempFile.Failure(reason: "cannot read its extended attribute \(shown): \(SystemError.current)") }
            var value = [UInt8](repeating: 0, count: max(length, 1))
            let got = path.withCString { p in cName.withUnsafeBufferPointer { n in value.withUnsafeMutableBytes { lgetxattr(p, n.baseAddress!, $0.baseAddress, length) } } }
            if got < 0 { throw TempFile.Failure(reason: "cannot read its extended attribute \(shown): \(SystemError.current)") }
            if cName.withUnsafeBufferPointer({ n in value.withUnsafeBytes { fsetxattr(fd, n.baseAddress!, $0.baseAddress!, got, 0) } }) != 0 {
                throw TempFile.Failure(reason: "cannot keep its extended attribute \(shown) on the new file (\(SystemError.current)), and s1check fix does not drop it")
            }
        }
    }

    /// Flushes the folders that renames were made in, so the renames are durable (once per folder).
    static func syncFolders(_ folders: Set<FilePath>) {
        for folder in folders {
            let fd = folder.withCString { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
            if fd >= 0 { _ = fsync(fd); close(fd) }
        }
    }

    /// The whole replacement at once: `bytes` written, flushed, renamed over the target, the folder
    /// flushed (unless `syncFolder` is false: the caller flushes it once for many files, `syncFolders`).
    /// `refusal`, asked right before the rename, may refuse it with its reason (a plan that changed since
    /// it was read). On a failure the target is as it was and no temporary file is left.
    func replace(with bytes: [UInt8], syncFolder: Bool = true, refusal: () -> String? = { nil }) throws(Diagnostics) {
        var temp: TempFile
        do { temp = try begin() } catch {
            throw .write(file: target.display, "cannot make a temporary file beside it: \(error.reason)")
        }
        do throws(TempFile.Failure) {
            try temp.write(bytes)
            try temp.sync()
        } catch {
            temp.remove()
            throw .write(file: target.display, "cannot write it: \(error.reason)")
        }
        if let refused = refusal() {
            temp.remove()
            throw .write(file: target.display, refused)
        }
        do throws(TempFile.Failure) { try commit(&temp) } catch {
            temp.remove()
            throw .write(file: target.display, "cannot put it in place: \(error.reason)")
        }
        if syncFolder { AtomicFile.syncFolders([target.parent]) }
    }
}

extension ReportTarget {
    /// How a report bound for a file replaces it: keeping the old report's permissions. (A symlink at the
    /// path was refused when the path was checked, before any plan was read, in words that name the
    /// option.) Nil for a report written into a device, a FIFO or standard output.
    var replacement: AtomicFile? {
        guard case .file(let path) = kind else { return nil }
        return AtomicFile(replacing: path, options: .keepPermissions, existing: existing)
    }
}

// The extended-attribute calls of glibc (sys/xattr.h), which the Glibc module does not bring in.
@_silgen_name("llistxattr") private func llistxattr(_ path: UnsafePointer<CChar>, _ list: UnsafeMutablePointer<CChar>?, _ size: Int) -> Int
@_silgen_name("lgetxattr") private func lgetxattr(_ path: UnsafePointer<CChar>, _ name: UnsafePointer<CChar>, _ value: UnsafeMutableRawPointer?, _ size: Int) -> Int
@_silgen_name("fsetxattr") private func fsetxattr(_ fd: Int32, _ name: UnsafePointer<CChar>, _ value: UnsafeRawPointer, _ size: Int, _ flags: Int32) -> Int32
