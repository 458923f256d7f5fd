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

/// The reports one run writes, as a set: every report is completed in its temporary file before any is
/// written into a device or renamed into place, and if any cannot be completed, none is (the old reports
/// are left as they were, and the temporary files removed).
///
/// A report that cannot even be started (its folder cannot be made, no temporary file fits beside it) does
/// not stop the run: the plans are still checked and their findings printed, and the failure is reported
/// at the end, with nothing written.
struct ReportSet: Sendable {
    private var writers: [ReportWriter] = []
    /// Why the reports could not be started, if they could not.
    private(set) var failure: Diagnostic?

    /// `inputs`: the files the run reads, which no cleanup of leftovers may remove.
    init(_ targets: [ReportTarget], settings: RunSettings, inputs: Set<FileID>) {
        for t in targets {
            // Leftovers of an interrupted run beside this report, whose writer has gone.
            if case .file(let path) = t.kind { StaleTemporaryFiles.remove(beside: path, sparing: inputs) }
            do {
                writers.append(try ReportWriter(target: t, settings: settings))
            } catch {
                for w in writers { w.discard() }
                writers = []
                failure = Diagnostic.write(file: error.file ?? t.given, error.message + "; no report was written")
                return
            }
        }
        // Once every folder exists, two file reports in one folder under one name are one file, however
        // their paths were spelt (a link made since, a mount): the later would silently replace the earlier.
        var seen: [ReportTarget] = []
        for w in writers where w.isFile {
            var t = w.target
            guard case .file(let path) = t.kind else { continue }
            t.folder = ReportTarget.folderID(of: path)
            if let other = seen.first(where: { $0.isSameDestination(as: t) }) {
                discard()
                writers = []
                failure = .usage("two reports would be written to \(t.given) (\(other.option) and \(t.option)); no report was written")
                return
            }
            seen.append(t)
        }
    }

    /// The renderers, in the order `append` takes their parts (none once the reports could not start).
    var renderers: [any ReportRenderer] { writers.map(\.renderer) }

    /// Appends a wave of plans' parts (each plan's parts in `renderers` order) to every report.
    func append(_ plans: [[ReportSection]]) {
        for (w, writer) in writers.enumerated() {
            for sections in plans { writer.append(sections[w]) }
        }
    }

    /// Completes every report, then writes those bound for a device, a FIFO or standard output, then
    /// renames the files into place; on a failure before the renames, removes every temporary file and
    /// leaves every old report untouched. Returns the failure, if any.
    func commit(_ outcome: RunOutcome) -> Diagnostic? {
        if let failure { return failure }
        let writers = self.writers
        // Each report is completed (head, spools copied in, flushed to disk) on its own core.
        let completed = parallelMap(writers.count, chunk: 1) { writers[$0].complete(outcome) }
        for (w, ok) in zip(writers, completed) where !ok {
            discard()
            return .write(file: w.target.given, "cannot write this report: \(w.failure ?? "unknown failure"); no report was replaced")
        }
        for w in writers where !w.deliver() {
            discard()
            return .write(file: w.target.given, "cannot write this report: \(w.failure ?? "unknown failure"); no report file was replaced")
        }
        // Every rename is checked before the first: what can be told beforehand (a mount on a report, a
        // sticky folder and a report of another user's) stops the set with nothing replaced.
        let files = writers.filter(\.isFile)
        for w in files {
            if let problem = w.renameProblem() {
                discard()
                return .write(file: w.target.given, "cannot put this report in place: \(problem); no report was replaced")
            }
        }
        // Each old report is kept under a second name until the set is in place, so a rename that fails
        // all the same puts back those already replaced.
        var placed: [Placed] = []
        for w in files {
            guard case .file(let path) = w.target.kind else { continue }
            let existed = Files.exists(path)
            let kept = existed ? KeptReport.keep(path) : nil
            if w.commit() {
                placed.append(Placed(writer: w, existed: existed, kept: kept))
                continue
            }
            kept?.remove()
            discard()
            let lost = ReportSet.putBack(placed)
            let done = lost.isEmpty ? "no report was replaced" + (placed.isEmpty ? "" : " (those already put in place were put back)")
                                    : "these reports are new and the others old: \(lost.joined(separator: ", "))"
            return .write(file: w.target.given, "cannot put this report in place: \(w.failure ?? "unknown failure"); \(done)")
        }
        for p in placed { p.kept?.remove() }
        // The renames are durable once their folders are flushed.
        var folders = Set<FilePath>()
        for w in writers { if case .file(let path) = w.target.kind { folders.insert(path.parent) } }
        AtomicFile.syncFolders(folders)
        return nil
    }

    /// Undoes the renames of `placed` (latest first): an old report goes back, a report that was new goes.
    /// Returns the reports that could not be put back.
    static func putBack(_ placed: [Placed]) -> [String] {
        var lost: [String] = []
        for p in placed.reversed() {
            guard case .file(let path) = p.writer.target.kind else { continue }
            let undone: Bool
            if let kept = p.kept {
                // Why it failed is not said: the report is named among those not put back.
                do throws(TempFile.Failure) { try kept.restore(to: path); undone = true } catch { undone = false }
            } else if !p.existed {
                undone = path.withCString { unlink($0) } == 0
            } else {
                // Its old version could not be kept (no hard links there).
                undone = false
            }
            if !undone { lost.append(p.writer.target.given); p.kept?.remove() }
        }
        return lost.reversed()
    }

    /// A report renamed into place: whether a file was there before, and its old version kept aside.
    struct Placed {
        var writer: ReportWriter
        var existed: Bool
        var kept: KeptReport?
    }

    /// Removes every temporary file; no report is touched.
    func discard() {
        for w in writers { w.discard() }
    }
}
