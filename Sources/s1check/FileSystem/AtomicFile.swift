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
        return temp
    }

    /// Renames the temporary file, written and flushed (`TempFile.sync`), over the target. Nil, or why not.
    func commit(_ temp: inout TempFile) -> String? {
        temp.rename(to: target)
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
    func replace(with bytes: [UInt8], syncFolder: Bool = true, refusal: () -> String? = { nil }) throws(Diagnostic) {
        var temp: TempFile
        do { temp = try begin() } catch {
            throw .write(file: target.display, "cannot make a temporary file beside it: \(error.reason)")
        }
        if let problem = temp.write(bytes) ?? temp.sync() {
            temp.remove()
            throw .write(file: target.display, "cannot write it: \(problem)")
        }
        if let refused = refusal() {
            temp.remove()
            throw .write(file: target.display, refused)
        }
        if let problem = commit(&temp) {
            temp.remove()
            throw .write(file: target.display, "cannot put it in place: \(problem)")
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
