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
    /// The folder a file report goes into, when it exists: two names for one folder (a bind mount, a
    /// symlink) are one folder.
    var folder: FileID?
    /// Why the path cannot take a report, when that is known only after the inputs are compared.
    var refusal: Diagnostic?

    var option: String { "--\(format.rawValue) \(given)" }

    /// Checks every report path before anything is read or written. `searched`: the folders the run
    /// searches for plans (from discovery), where an existing file is replaced only if it is an earlier
    /// s1check report.
    /// `inputNames`: the inputs' names by identity, so a refusal names both the report and the input.
    static func resolve(_ requested: [(format: ReportFormat, path: Argument)], inputs: Set<FileID>,
                        searched: [FileID: FilePath] = [:], inputNames: [FileID: String] = [:]) throws(Diagnostics) -> [ReportTarget] {
        var out: [ReportTarget] = []
        for r in requested {
            let t = try classify(r.format, r.path)
            if let id = t.id, inputs.contains(id) {
                let name = inputNames[id].map { $0 == t.given ? "" : " (\($0))" } ?? ""
                throw Diagnostics.usage("\(t.option) is one of the inputs\(name); s1check never overwrites an input")
            }
            if let refusal = t.refusal { throw Diagnostics(refusal) }
            if case .file(let path) = t.kind, t.existing != nil, let folder = t.folder, let searchedPath = searched[folder] {
                try refuseUnlessEarlierReport(t, path, in: searchedPath)
            }
            if let other = out.first(where: { $0.isSameDestination(as: t) }) {
                let place = t.kind == .standardOutput ? "standard output" : t.given
                throw Diagnostics.usage("two reports would be written to \(place) (\(other.option) and \(t.option))")
            }
            out.append(t)
        }
        return out
    }

    /// A file in a folder the run searches for plans (a registry, a schema, notes passed over as not plans)
    /// is replaced only when it is an earlier s1check report, recognised by its first bytes: `check Plans
    /// --junit Plans/devices.json` must not replace the registry (issue 27.5).
    static func refuseUnlessEarlierReport(_ t: ReportTarget, _ path: FilePath, in folder: FilePath) throws(Diagnostics) {
        let head: [UInt8]
        switch Files.head(path, bytes: ReportSignature.headBytes) {
        case .success(let bytes): head = bytes
        case .failure(let e):
            throw Diagnostics.usage("\(t.option) would replace \(path.display), in \(folder.display), a folder this run searches for plans, "
                + "and it cannot be read to tell whether it is an earlier s1check report (\(e.message)); give a path outside the plan folders")
        }
        if ReportSignature.isReport(head) { return }
        throw Diagnostics.usage("\(t.option) would replace \(path.display), in \(folder.display), a folder this run searches for plans, "
            + "and it is not an earlier s1check report; s1check replaces only its own reports there: give another path, or remove the file first")
    }

    func isSameDestination(as other: ReportTarget) -> Bool {
        if kind == .standardOutput || other.kind == .standardOutput { return kind == other.kind }
        if let a = id, let b = other.id { return a == b }
        if case .file(let p) = kind, case .file(let q) = other.kind, let a = folder, let b = other.folder {
            return a == b && p.lastComponent == q.lastComponent
        }
        if let a = resolved, let b = other.resolved { return a == b }
        return false
    }

    /// The folder (as it is now) a file report goes into, or nil when there is none yet.
    static func folderID(of path: FilePath) -> FileID? {
        var st = stat()
        guard path.parent.withCString({ stat($0, &st) }) == 0, (st.st_mode & S_IFMT) == S_IFDIR else { return nil }
        return FileID(st)
    }

    static func standardOutputID() -> FileID? { FileID(fd: STDOUT_FILENO) }

    static func classify(_ format: ReportFormat, _ argument: Argument) throws(Diagnostics) -> ReportTarget {
        let path = argument.path
        var t = ReportTarget(format: format, given: path.display, kind: .standardOutput)
        if argument.bytes == [UInt8(ascii: "-")] { t.id = standardOutputID(); return t }
        func refuse(_ why: String) -> Diagnostic { .usage("\(t.option) \(why)") }
        let last = path.lastComponent
        if last.isEmpty || last == [0x2E] || last == [0x2E, 0x2E] { throw Diagnostics(refuse("is a folder; give a file name")) }

        var st = stat()
        guard path.withCString({ lstat($0, &st) }) == 0 else {
            // Nothing there yet (or nothing s1check may look at: writing it will say why, after the
            // findings are printed).
            t.kind = .file(path)
            t.resolved = Files.resolved(path)
            t.folder = folderID(of: path)
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
            t.folder = folderID(of: path)
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
                throw Diagnostics(refuse("is a symlink that leads nowhere (\(SystemError.current)); s1check does not write through a symlink to a file: give the file's own path"))
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
            throw Diagnostics(refuse("is a folder; give a file name"))
        default:
            throw Diagnostics(refuse("is \(fileTypeName(st.st_mode)); a report goes to a regular file, a character device, a FIFO or - (standard output)"))
        }
        return t
    }
}

extension Files {
    /// Where a path leads, its folders' symlinks and "x/../" resolved, its last component kept as it is
    /// (a report path is never followed through a final symlink). Symlinks are resolved one component at
    /// a time, by reading them, so a link to a folder that does not exist yet (`link -> out`, `out/`
    /// absent) leads where the folder will be made; what does not exist is applied lexically.
    static func resolved(_ path: FilePath) -> FilePath {
        let slash = UInt8(ascii: "/")
        var absolute = path.bytes
        if absolute.first != slash, let cwd = getcwd(nil, 0) {
            // The working folder as bytes too: its name need not be UTF-8 either.
            absolute = FilePath(cString: cwd).bytes + [slash] + absolute
            free(cwd)
        }
        var pending = absolute.split(separator: slash, omittingEmptySubsequences: true).map(Array.init)
        let last = pending.popLast() ?? []
        pending.reverse()
        var components: [[UInt8]] = []
        func joined(_ parts: [[UInt8]]) -> FilePath { FilePath([slash] + Array(parts.joined(separator: [slash]))) }
        // As the kernel does (MAXSYMLINKS): a loop is left unresolved, and then compared as written.
        var hops = 0
        while let part = pending.popLast() {
            switch part {
            case [0x2E]: continue
            case [0x2E, 0x2E]: if !components.isEmpty { components.removeLast() }
            default:
                var st = stat()
                let candidate = components + [part]
                guard hops < 40, joined(candidate).withCString({ lstat($0, &st) }) == 0, (st.st_mode & S_IFMT) == S_IFLNK,
                      let target = readLink(joined(candidate)) else {
                    components = candidate
                    continue
                }
                hops += 1
                if target.first == slash { components = [] }
                pending += target.split(separator: slash, omittingEmptySubsequences: true).map(Array.init).reversed()
            }
        }
        return joined(components + [last])
    }

    /// What a symlink holds, as bytes.
    static func readLink(_ path: FilePath) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = path.withCString { p in buffer.withUnsafeMutableBytes { readlink(p, $0.baseAddress!.assumingMemoryBound(to: CChar.self), $0.count) } }
        guard n > 0, n < buffer.count else { return nil }
        return Array(buffer[0..<n])
    }
}

/// How an earlier s1check report is recognised by its first bytes, whatever its format: a report may
/// then be replaced where it sits among the plans (a report run after run into the plans' folder).
enum ReportSignature {
    /// Enough for every format's mark (each is at its start).
    static let headBytes = 4096

    /// Each report's opening (after leading white space), and a mark it carries in the bytes after.
    static let marks: [(opening: String, mark: String)] = [
        ("<?xml", "<testsuites name=\"s1check\""),                 // JUnit
        ("{", "\"name\": \"s1check\""),                             // JSON report, SARIF
        ("[", "\"engine_name\": \"s1check\""),                      // Code Quality
        ("# s1check evidence pack", ""),                          // Markdown pack
        ("## s1check: ", ""),                                     // job summary
        ("<!DOCTYPE html>", "<title>s1check evidence pack"),      // HTML pack
    ]

    static func isReport(_ head: [UInt8]) -> Bool {
        let text = String(decoding: head, as: UTF8.self)
        let body = text.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
        // A Code Quality report of a run with no finding: an empty array holds nothing to lose.
        if body.filter({ !$0.isWhitespace }) == "[]" { return true }
        return marks.contains { body.hasPrefix($0.opening) && ($0.mark.isEmpty || body.contains($0.mark)) }
    }
}
