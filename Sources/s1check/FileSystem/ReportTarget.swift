#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import S1CheckCore
import S1CheckReports

/// Where one report goes, decided by what is at its path now (docs/robustness.md, "Writing reports"):
/// - nothing, or a regular file: a new file, renamed into place once every report is complete;
/// - a character device or a FIFO (`/dev/null`, a pipe someone reads): written into, never replaced;
/// - `-`, or the pipe or file standard output is (`/dev/stdout`): standard output, and the console
///   lines go to standard error;
/// - a symlink: followed only to a device, a FIFO or standard output. s1check never replaces a file
///   through a link (that would replace the file the link points at, with s1check's mode and owner),
///   and does not replace the link either: it is refused, so the user says which file is meant;
/// - a folder, a block device, a socket: refused.
struct ReportTarget: Sendable {
    enum Kind: Sendable, Equatable {
        case file(FilePath)
        case stream(FilePath)
        case standardOutput
    }

    var format: ReportFormat
    /// The path as the user gave it, for messages.
    var given: String
    var kind: Kind
    /// What is there now (nil: nothing yet), to tell it from the inputs and the other reports.
    var id: FileID?
    /// A regular file's status, so its replacement keeps its permissions.
    var existing: stat?
    /// The path with its folders resolved, to tell two spellings of one new file apart.
    var resolved: FilePath?
    /// Why the path cannot take a report, when that is known only after the inputs are compared.
    var refusal: Diagnostic?

    var option: String { "--\(format.rawValue) \(given)" }

    /// Checks every report path before anything is read or written.
    static func resolve(_ requested: [(format: ReportFormat, path: Argument)], inputs: Set<FileID>) throws(Diagnostic) -> [ReportTarget] {
        var out: [ReportTarget] = []
        for r in requested {
            let t = try classify(r.format, r.path)
            if let id = t.id, inputs.contains(id) {
                throw Diagnostic.usage("\(t.option) is one of the inputs; s1check never overwrites an input")
            }
            if let refusal = t.refusal { throw refusal }
            if let other = out.first(where: { $0.isSameDestination(as: t) }) {
                let place = t.kind == .standardOutput ? "standard output" : t.given
                throw Diagnostic.usage("two reports would be written to \(place) (\(other.option) and \(t.option))")
            }
            out.append(t)
        }
        return out
    }

    func isSameDestination(as other: ReportTarget) -> Bool {
        if kind == .standardOutput || other.kind == .standardOutput { return kind == other.kind }
        if let a = id, let b = other.id { return a == b }
        if let a = resolved, let b = other.resolved { return a == b }
        return false
    }

    static func standardOutputID() -> FileID? { FileID(fd: STDOUT_FILENO) }

    static func classify(_ format: ReportFormat, _ argument: Argument) throws(Diagnostic) -> ReportTarget {
        let path = argument.path
        var t = ReportTarget(format: format, given: path.display, kind: .standardOutput)
        if argument.bytes == [UInt8(ascii: "-")] { t.id = standardOutputID(); return t }
        func refuse(_ why: String) -> Diagnostic { .usage("\(t.option) \(why)") }
        let last = path.lastComponent
        if last.isEmpty || last == [0x2E] || last == [0x2E, 0x2E] { throw refuse("is a folder; give a file name") }

        var st = stat()
        guard path.withCString({ lstat($0, &st) }) == 0 else {
            // Nothing there yet (or nothing s1check may look at: writing it will say why, after the
            // findings are printed).
            t.kind = .file(path)
            t.resolved = Files.resolved(path)
            return t
        }
        let here = FileID(st)
        let stdout = standardOutputID()
        switch st.st_mode & S_IFMT {
        case S_IFREG:
            t.id = here
            if here == stdout { return t }
            t.kind = .file(path)
            t.existing = st
            t.resolved = Files.resolved(path)
        case S_IFCHR:
            // A terminal or /dev/null is written into even when it is standard output too: nothing there
            // needs the console lines kept apart.
            t.id = here
            t.kind = .stream(path)
        case S_IFIFO:
            t.id = here
            t.kind = here == stdout ? .standardOutput : .stream(path)
        case S_IFLNK:
            var target = stat()
            guard path.withCString({ stat($0, &target) }) == 0 else {
                throw refuse("is a symlink that leads nowhere (\(SystemError.current)); s1check does not write through a symlink to a file: give the file's own path")
            }
            let there = FileID(target)
            t.id = there
            switch target.st_mode & S_IFMT {
            case S_IFCHR: t.kind = .stream(path)
            case S_IFIFO where there == stdout, S_IFREG where there == stdout: t.kind = .standardOutput
            case S_IFIFO: t.kind = .stream(path)
            default:
                // Refused after the inputs are compared: "is one of the inputs" says more.
                t.refusal = refuse("is a symlink to \(fileTypeName(target.st_mode)); s1check never replaces a file through a symlink: give the file's own path")
            }
        case S_IFDIR:
            throw refuse("is a folder; give a file name")
        default:
            throw refuse("is \(fileTypeName(st.st_mode)); a report goes to a regular file, a character device, a FIFO or - (standard output)")
        }
        return t
    }
}

extension Files {
    /// Where a path leads, its folders' symlinks and "x/../" resolved, its last component kept as it is
    /// (a report path is never followed through a final symlink). For a path that does not exist yet, the
    /// real path of its longest existing folder, then the rest applied lexically.
    static func resolved(_ path: FilePath) -> FilePath {
        var absolute = path.bytes
        if absolute.first != UInt8(ascii: "/"), let cwd = getcwd(nil, 0) {
            // The working folder as bytes too: its name need not be UTF-8 either.
            absolute = FilePath(cString: cwd).bytes + [UInt8(ascii: "/")] + absolute
            free(cwd)
        }
        var parts = absolute.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true).map(Array.init)
        let last = parts.popLast() ?? []
        var existing = parts.count
        func joined(_ n: Int) -> FilePath { FilePath([UInt8(ascii: "/")] + Array(parts[0..<n].joined(separator: [UInt8(ascii: "/")]))) }
        var st = stat()
        while existing > 0 && joined(existing).withCString({ stat($0, &st) }) != 0 { existing -= 1 }
        var components: [[UInt8]] = []
        if let real = joined(existing).withCString({ realpath($0, nil) }) {
            components = FilePath(cString: real).bytes.split(separator: UInt8(ascii: "/")).map(Array.init)
            free(real)
        }
        for part in parts[existing...] + [last] {
            switch part {
            case [0x2E]: continue
            case [0x2E, 0x2E]: if !components.isEmpty { components.removeLast() }
            default: components.append(part)
            }
        }
        return FilePath([UInt8(ascii: "/")] + Array(components.joined(separator: [UInt8(ascii: "/")])))
    }
}
