#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import S1CheckCore
import S1CheckReports

/// Writes one report as plans stream past, never holding it whole: each plan's parts go to a spool file
/// per stream (or, for a report whose head is known up front, straight into the report's temporary file);
/// at the end the head, the spools (cut to the report's limit) and the tail make up the temporary file,
/// which `ReportSet` renames into place (a file) or copies into its target (a device, a FIFO, standard
/// output) with the others.
final class ReportWriter: Sendable {
    let target: ReportTarget
    let renderer: any ReportRenderer
    /// Touched by one thread at a time (the run's writer, then the completion); the lock makes that safe
    /// to hand between threads.
    private let state: Mutex<State>

    private struct State {
        var assembler: ReportAssembler
        var temp: TempFile
        /// One per stream; empty when parts go straight into `temp`.
        var spools: [TempFile] = []
        /// The first failure, as the tool's own sentence; later writes are skipped.
        var failure: String?

        mutating func write(_ bytes: [UInt8], toSpool s: Int?) {
            guard failure == nil, !bytes.isEmpty else { return }
            do throws(TempFile.Failure) {
                if let s { try spools[s].write(bytes) } else { try temp.write(bytes) }
            } catch { failure = error.reason }
        }

        mutating func removeSpools() {
            for i in spools.indices { spools[i].remove() }
            spools = []
        }
    }

    /// Where a report that is not a file keeps its temporary files: there is no folder beside a device.
    static var spoolFolder: FilePath {
        if let t = ProcessInfo.processInfo.environment["TMPDIR"], !t.isEmpty { return FilePath(t) }
        return FilePath("/tmp")
    }

    init(target: ReportTarget, settings: RunSettings) throws(Diagnostic) {
        self.target = target
        let renderer = target.format.renderer(settings)
        self.renderer = renderer
        let type = type(of: renderer)
        func failed(_ why: String) -> Diagnostic {
            .write(file: target.given, "cannot write this report: \(why)")
        }
        // A file's temporary file sits beside it (so renaming is atomic) and is named (so it can be
        // renamed); every other temporary file is anonymous.
        let folder: FilePath
        let name: [UInt8]
        let temp: TempFile
        switch target.kind {
        case .file(let path):
            folder = path.parent
            name = path.lastComponent
            if let problem = Files.makeDirectories(folder) { throw problem }
            do { temp = try target.replacement!.begin() } catch {
                throw failed("cannot make a temporary file beside it: \(error.reason)")
            }
        case .stream, .standardOutput:
            folder = ReportWriter.spoolFolder
            name = Array("report".utf8)
            do { temp = try TempFile.anonymous(in: folder, for: name, purpose: "tmp") } catch {
                throw failed("cannot make a temporary file in \(folder.display): \(error.reason)")
            }
        }
        var state = State(assembler: ReportAssembler(renderer), temp: temp)
        // The head can go first only when it cannot depend on the run (see `headNeedsOutcome`).
        if type.streams == 1 && !type.headNeedsOutcome && type.limit == nil {
            state.write(renderer.opening(), toSpool: nil)
        } else {
            for s in 0..<type.streams {
                do { state.spools.append(try TempFile.anonymous(in: folder, for: name, purpose: "spool\(s)")) } catch {
                    state.temp.remove()
                    state.removeSpools()
                    throw failed("cannot make a temporary file in \(folder.display): \(error.reason)")
                }
            }
        }
        self.state = Mutex(state)
    }

    var failure: String? { state.withLock { $0.failure } }

    var isFile: Bool { if case .file = target.kind { return true } else { return false } }

    /// Adds the next plan's parts, in plan order.
    func append(_ section: ReportSection) {
        state.withLock { st in
            let direct = st.spools.isEmpty
            for (s, bytes) in st.assembler.add(section).enumerated() { st.write(bytes, toSpool: direct ? nil : s) }
        }
    }

    /// Completes the temporary file: head, the kept part of each spool, tail; then flushes it to disk.
    /// Returns false (with `failure` set) if anything could not be written.
    func complete(_ outcome: RunOutcome) -> Bool {
        state.withLock { st in
            let (keep, omitted) = st.assembler.cut()
            if !st.spools.isEmpty {
                st.write(renderer.head(outcome, omitted: omitted), toSpool: nil)
                for s in st.spools.indices where st.failure == nil {
                    st.write(renderer.lead(s, outcome, kept: keep) + st.assembler.join(before: s, keep: keep), toSpool: nil)
                    do throws(TempFile.Failure) { try st.spools[s].copy(prefix: keep[s], toDescriptor: st.temp.fd) } catch { st.failure = error.reason }
                }
            }
            st.write(renderer.tail(outcome, omitted: omitted), toSpool: nil)
            if st.failure == nil { do throws(TempFile.Failure) { try st.temp.sync() } catch { st.failure = error.reason } }
            st.removeSpools()
            return st.failure == nil
        }
    }

    /// Writes the completed report into a device, a FIFO or standard output (nothing for a file).
    func deliver() -> Bool {
        state.withLock { st in
            let out: Int32
            switch target.kind {
            case .file: return true
            case .standardOutput:
                out = STDOUT_FILENO
            case .stream(let path):
                // Without waiting: a FIFO nobody reads is an error, not a hang. What is there must still
                // be a device or a FIFO: a regular file put in its place is not truncated or written.
                let fd = path.withCString { open($0, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC) }
                if fd < 0 { st.failure = SystemError.current; return false }
                var s = stat()
                guard fstat(fd, &s) == 0, [S_IFCHR, S_IFIFO].contains(s.st_mode & S_IFMT) else {
                    close(fd)
                    st.failure = "it is no longer a device or a FIFO"
                    return false
                }
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
                out = fd
            }
            defer { if out != STDOUT_FILENO { close(out) } }
            do throws(TempFile.Failure) { try st.temp.copy(prefix: st.temp.size, toDescriptor: out) } catch { st.failure = error.reason; return false }
            st.temp.remove()
            return true
        }
    }

    /// Why renaming the completed file over its target would fail, where that can be told beforehand; nil
    /// for the other kinds, or when nothing stands in the way.
    func renameProblem() -> String? {
        state.withLock { st in
            guard case .file(let path) = target.kind else { return nil }
            var there = stat(), temp = stat(), folder = stat()
            // Nothing there: a new name in the folder the temporary file was made in.
            guard path.withCString({ lstat($0, &there) }) == 0, fstat(st.temp.fd, &temp) == 0 else { return nil }
            if (there.st_mode & S_IFMT) == S_IFDIR { return "a folder is there now" }
            if there.st_dev != temp.st_dev { return "another file system is mounted on it" }
            let me = geteuid()
            if me != 0, there.st_uid != me, path.parent.withCString({ stat($0, &folder) }) == 0,
               folder.st_mode & S_ISVTX != 0, folder.st_uid != me {
                return "its folder is sticky (as /tmp is) and the report there belongs to another user, who alone may replace it"
            }
            return nil
        }
    }

    /// Moves a completed file report into place (nothing for the other kinds).
    func commit() -> Bool {
        state.withLock { st in
            guard let replacement = target.replacement else { return true }
            do throws(TempFile.Failure) { try replacement.commit(&st.temp) } catch { st.failure = error.reason; return false }
            return true
        }
    }

    /// Removes every temporary file, leaving the target as it was.
    func discard() {
        state.withLock { st in
            st.temp.remove()
            st.removeSpools()
        }
    }
}
