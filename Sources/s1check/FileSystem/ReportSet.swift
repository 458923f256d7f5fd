import Foundation
import S1CheckCore
import S1CheckReports

/// The reports one run writes, as a set: every report is completed in its temporary file before any is
/// renamed into place, and if any cannot be completed, none is (the old reports are left as they were).
struct ReportSet: Sendable {
    private var writers: [ReportWriter] = []

    /// Checks the report paths before anything is written: never an input (compared by device and inode,
    /// which sees through symlinks and "x/../"), never a folder, never two reports in one file. Targets are
    /// resolved once and written exactly where they were checked.
    static func targets(_ requested: [(format: ReportFormat, path: String)], inputs: Set<PlanDiscovery.FileID>,
                        otherInputs: [String]) throws(Diagnostic) -> [Target] {
        var inputs = inputs
        for path in otherInputs {
            if let id = PlanDiscovery.FileID(path: path) { inputs.insert(id) }
        }
        var resolved: [Target] = []
        for r in requested {
            let target = Files.resolvedTarget(r.path)
            if Files.isDirectory(target) { throw Diagnostic.usage("--\(r.format.rawValue) \(r.path) is a folder; give a file name") }
            if let id = PlanDiscovery.FileID(path: target), inputs.contains(id) {
                throw Diagnostic.usage("--\(r.format.rawValue) \(r.path) is one of the inputs; s1check never overwrites an input")
            }
            if resolved.contains(where: { $0.resolved == target }) { throw Diagnostic.usage("two reports would be written to \(r.path)") }
            resolved.append(Target(format: r.format, given: r.path, resolved: target))
        }
        return resolved
    }

    /// A report to write: the path as the user gave it (for messages) and where it really leads.
    struct Target {
        var format: ReportFormat
        var given: String
        var resolved: String
    }

    init(_ targets: [Target], settings: RunSettings) throws(Diagnostic) {
        for t in targets {
            do {
                writers.append(try ReportWriter(format: t.format, target: t.resolved, display: t.given, settings: settings))
            } catch {
                for w in writers { w.discard() }
                throw error
            }
        }
    }

    /// The renderers, in the order `append` takes their parts.
    var renderers: [any ReportRenderer] { writers.map(\.renderer) }

    /// Appends a wave of plans' parts (each plan's parts in `renderers` order) to every report.
    func append(_ plans: [[ReportSection]]) {
        for (w, writer) in writers.enumerated() {
            for sections in plans { writer.append(sections[w]) }
        }
    }

    /// Completes every report, then renames them all into place; on any failure removes every temporary
    /// file and leaves the old reports untouched. Returns the failure, if any.
    func commit(_ outcome: RunOutcome) -> Diagnostic? {
        let writers = self.writers
        // Each report is completed (head, spools copied in, flushed to disk) on its own core.
        let completed = parallelMap(writers.count, chunk: 1) { writers[$0].complete(outcome) }
        for (w, ok) in zip(writers, completed) where !ok {
            for other in writers { other.discard() }
            return .write(file: w.display, "cannot write this report: \(w.failure ?? "unknown failure"); no report was replaced")
        }
        for w in writers where !w.commit() {
            for other in writers { other.discard() }
            return .write(file: w.display, "cannot put this report in place: \(w.failure ?? "unknown failure")")
        }
        return nil
    }
}
