import Foundation
import Synchronization
import S1CheckCore
import S1CheckReports

/// Writes one report as plans stream past, never holding it whole: each plan's parts go to a spool file
/// per stream (or, for a report whose head is known up front, straight into the report's temporary file);
/// at the end the head, the spools (cut to the report's limit) and the tail make up the temporary file,
/// which `ReportSet` renames into place with the others.
final class ReportWriter: Sendable {
    let format: ReportFormat
    /// Where the report goes, and the path as the user gave it (for messages).
    let target: String
    let display: String
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
            let problem = s.map { spools[$0].write(bytes) } ?? temp.write(bytes)
            if let problem { failure = problem }
        }

        mutating func removeSpools() {
            for i in spools.indices { spools[i].remove() }
            spools = []
        }
    }

    init(format: ReportFormat, target: String, display: String, settings: RunSettings) throws(Diagnostic) {
        self.format = format
        self.target = target
        self.display = display
        let renderer = format.renderer(settings)
        self.renderer = renderer
        let type = type(of: renderer)
        var state = State(assembler: ReportAssembler(renderer), temp: try TempFile(beside: target, display: display, purpose: "tmp"))
        if type.streams == 1 && !type.headNeedsOutcome {
            state.write(renderer.head(RunOutcome(strict: settings.strict, keepGoing: settings.keepGoing), omitted: 0), toSpool: nil)
        } else {
            do {
                for s in 0..<type.streams { state.spools.append(try TempFile(beside: target, display: display, purpose: "spool\(s)")) }
            } catch {
                state.temp.remove()
                state.removeSpools()
                throw error
            }
        }
        self.state = Mutex(state)
    }

    var failure: String? { state.withLock { $0.failure } }

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
                    st.write(st.assembler.join(before: s, keep: keep), toSpool: nil)
                    if let problem = st.spools[s].copy(prefix: keep[s], to: st.temp) { st.failure = problem }
                }
            }
            st.write(renderer.tail(outcome, omitted: omitted), toSpool: nil)
            if st.failure == nil, let problem = st.temp.sync() { st.failure = problem }
            st.removeSpools()
            return st.failure == nil
        }
    }

    /// Moves the completed report into place.
    func commit() -> Bool {
        state.withLock { st in
            if let problem = st.temp.rename(to: target) { st.failure = problem; return false }
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

/// A hidden file beside a report target (`.NAME.s1check-tmp-PID-RANDOM`): the same folder, so renaming it
/// over the target is atomic and copying between them stays on one file system.
struct TempFile {
    let path: String
    private(set) var fd: Int32

    init(beside target: String, display: String, purpose: String) throws(Diagnostic) {
        let folder = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        try Files.makeDirectories(folder.isEmpty ? "." : folder)
        path = (folder.isEmpty ? "" : folder + "/") + ".\(name).s1check-\(purpose)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 { throw Diagnostic.write(file: display, "cannot write a temporary file beside it: \(SystemError.current)") }
    }

    /// Appends `bytes`; nil, or the reason it failed.
    func write(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBytes { buf -> String? in
            var offset = 0
            while offset < buf.count {
                let n = Foundation.write(fd, buf.baseAddress! + offset, buf.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return SystemError.current
                }
                offset += n
            }
            return nil
        }
    }

    /// Copies the first `count` bytes of this file to the end of `other`, in the kernel (sendfile) where it
    /// can: the bytes need not pass through this process.
    func copy(prefix count: Int, to other: TempFile) -> String? {
        var offset = off_t(0)
        while offset < off_t(count) {
            let n = sendfile(other.fd, fd, &offset, count - Int(offset))
            if n > 0 { continue }
            if n == 0 { return "the spool file ended early" }
            if errno == EINTR { continue }
            if errno == EINVAL || errno == ENOSYS { return copyByReading(from: Int64(offset), to: count, into: other) }
            return SystemError.current
        }
        return nil
    }

    private func copyByReading(from start: Int64, to end: Int, into other: TempFile) -> String? {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var offset = start
        while offset < Int64(end) {
            let want = min(buffer.count, end - Int(offset))
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, want, off_t(offset)) }
            if n < 0 { if errno == EINTR { continue }; return SystemError.current }
            if n == 0 { return "the spool file ended early" }
            if let problem = other.write(Array(buffer[0..<n])) { return problem }
            offset += Int64(n)
        }
        return nil
    }

    func sync() -> String? { fsync(fd) == 0 ? nil : SystemError.current }

    mutating func rename(to target: String) -> String? {
        closeFile()
        return Foundation.rename(path, target) == 0 ? nil : SystemError.current
    }

    /// Closes and deletes the file (a no-op once it has been renamed away or removed).
    mutating func remove() {
        guard fd >= 0 else { return }
        closeFile()
        unlink(path)
    }

    private mutating func closeFile() {
        if fd >= 0 { close(fd); fd = -1 }
    }
}
