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

    init(_ targets: [ReportTarget], settings: RunSettings) {
        for t in targets {
            // Leftovers of an interrupted run beside this report, whose writer has gone.
            if case .file(let path) = t.kind { StaleTemporaryFiles.remove(beside: path) }
            do {
                writers.append(try ReportWriter(target: t, settings: settings))
            } catch {
                for w in writers { w.discard() }
                writers = []
                failure = Diagnostic.write(file: error.file ?? t.given, error.message + "; no report was written")
                return
            }
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
        // A rename in one folder does not fail for want of space; if one fails all the same, the reports
        // already renamed are named.
        var replaced: [String] = []
        for w in writers where w.isFile {
            if !w.commit() {
                discard()
                let done = replaced.isEmpty ? "no report was replaced" : "already replaced: \(replaced.joined(separator: ", "))"
                return .write(file: w.target.given, "cannot put this report in place: \(w.failure ?? "unknown failure"); \(done)")
            }
            replaced.append(w.target.given)
        }
        // The renames are durable once their folders are flushed.
        var folders = Set<FilePath>()
        for w in writers { if case .file(let path) = w.target.kind { folders.insert(path.parent) } }
        AtomicFile.syncFolders(folders)
        return nil
    }

    /// Removes every temporary file; no report is touched.
    func discard() {
        for w in writers { w.discard() }
    }
}
