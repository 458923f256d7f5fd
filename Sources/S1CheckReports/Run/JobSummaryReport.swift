import S1CheckCore

/// A short Markdown summary for a CI job page (`--summary`): GitHub's step summary, a GitLab merge-request
/// note. The result, the counts and the baseline, then one row per fail, warn, waived and allowed finding
/// and per input error (plan, rule, document, message, file:line), worst first. `--markdown` stays the full
/// evidence pack.
///
/// Never over 1 MiB, whatever the number of plans: GitHub drops a step summary larger than that whole
/// (`$GITHUB_STEP_SUMMARY upload aborted`). The rows are cut by the assembler at `rowBudget` bytes; the
/// head and tail are bounded by construction (every text from an input is clipped to `cellLimit`
/// characters, at most 6 bytes each once escaped), so they fit in the rest. A cut ends with "… N more: see the full report".
public struct JobSummaryReport: ReportRenderer {
    let settings: RunSettings

    public init(settings: RunSettings) { self.settings = settings }

    /// GitHub's limit on a step summary, in bytes.
    public static let maxBytes = 1 << 20
    /// Room kept for the head and tail: far more than their clipped fields can take (under 30 KB).
    static let headAndTailBudget = 64 << 10
    static let rowBudget = maxBytes - headAndTailBudget
    /// Characters of input text kept per cell; a summary points at the full report for the rest.
    static let cellLimit = 600

    /// Input errors (nothing in those plans was checked), then fails, warnings, and waived or allowed findings.
    public static var streams: Int { 4 }
    public static var limit: ReportLimit? { .bytes(rowBudget) }

    public func head(_ outcome: RunOutcome, omitted: Int) -> [UInt8] {
        let run = settings
        var md = TextBuffer(capacity: 4 << 10)
        let verdict = Gate.verdict(outcome)
        md.write("## s1check: \(verdict)\n\n| | |\n|---|---|\n")
        md.write("| Result | **\(verdict)** (exit status \(outcome.exitCode)) |\n")
        let tally = outcome.tally
        md.write("| Plans | \(outcome.planCount): \(Gate.planCounts(tally)) |\n")
        md.write("| Findings | \(Gate.findingCounts(tally)) |\n")
        md.write("| Deviations | \(Gate.deviationCounts(tally)) |\n")
        if let c = outcome.coverage { coverageRow(&md, c) }
        if let x = outcome.execution {
            md.write("| Execution | ")
            md.markdown(JobSummaryReport.clip(ExecutionText.summary(x, plans: outcome.planCount - outcome.inputErrorCount)))
            for extra in [ExecutionText.unlinked(x), ExecutionText.unknownPlans(x)].compactMap({ $0 }) {
                md.write(". "); md.markdown(JobSummaryReport.clip(extra))
            }
            md.write(" |\n")
        }
        md.write("| Baseline | "); md.markdown(JobSummaryReport.clip(BaselineText.label(run)))
        md.write(" |\n| Baseline file | "); md.markdown(JobSummaryReport.clip(run.baselineSource.file))
        md.write(", SHA-256 `\(JobSummaryReport.clip(run.baselineSource.sha256, 64))` |\n")
        if let note = BaselineText.supersededNote(run) { md.write("| Later TBRD | "); md.markdown(JobSummaryReport.clip(note)); md.write(" |\n") }
        md.write("| As of | \(run.asOf) (the date waivers are judged against) |\n")
        md.write("| Strict | \(run.strict ? "yes: warnings fail the run" : "no") |\n")
        md.write("| Device eligibility | ")
        if let r = run.registrySource { md.write("checked against "); md.markdown(JobSummaryReport.clip(r.file)) } else { md.write("**not checked** (no device registry given)") }
        md.write(" |\n")
        md.write("| Policy | ")
        if let label = PolicyText.label(run) { md.markdown(JobSummaryReport.clip(label)) } else { md.write("none") }
        md.write(" |\n")
        if !run.passedOver.isEmpty {
            md.write("| Passed over | \(run.passedOver.count) .json file\(run.passedOver.count == 1 ? "" : "s") not named &#42;.plan.json (listed in the full report) |\n")
        }
        md.write("| Tool | \(ToolInfo.name) \(ToolInfo.version) |\n\n")
        if !outcome.hasListedFindings {
            md.write("No plan has a fail, warn, waived or allowed finding, and every plan could be read.\n")
        } else {
            md.write("### Findings, worst first\n\n| Status | Plan | Rule | Document | Message | File |\n|---|---|---|---|---|---|\n")
        }
        return md.finish()
    }

    /// The coverage verdict, whenever a scope is given: in the head, so no cut of the rows can hide it,
    /// with the first cell that fails (or warns) and why.
    func coverageRow(_ md: inout TextBuffer, _ c: CoverageResult) {
        let t = c.tally
        md.write("| Coverage | **\(Gate.statusWord(c.status))**: ")
        md.markdown(JobSummaryReport.clip(c.file))
        md.write(" (TBRD \(c.scope.tbrd?.description ?? "not stated")), \(c.cells.count) cell\(c.cells.count == 1 ? "" : "s"), \(t.covered) covered, \(t.equivalent) through an equivalent, \(t.warned) only with warnings, \(t.excluded) excluded, \(t.notCovered) not covered")
        if let worst = c.cells.first(where: { $0.finding.status == c.status && c.status != .pass }) {
            let more = c.counts[c.status] - 1
            md.write(". First \(c.status == .fail ? "failing" : "warning") cell (line \(worst.finding.line ?? 0)): ")
            md.markdown(JobSummaryReport.clip(worst.finding.message))
            if more > 0 { md.write(" (and \(more) more)") }
        }
        md.write(" |\n")
    }

    public func section(_ p: FileResult) -> ReportSection {
        // Rows for each stream: input errors, fails, warnings, waived and allowed findings.
        var rows = [TextBuffer](repeating: TextBuffer(capacity: 0), count: 4)
        var items = [0, 0, 0, 0]
        for f in p.findings where Gate.isListed(f) {
            if let e = f.inputError {
                row(&rows[0], status: "**INPUT ERROR**", plan: p.id ?? p.file, rule: f.rule.id, document: nil,
                    message: f.message, location: e.location ?? p.file)
                items[0] += 1
                continue
            }
            let s: Int, status: String
            switch f.status {
            case .fail: (s, status) = (1, "**FAIL**")
            case .warn: (s, status) = (2, settings.strict ? "**WARN** (fails under strict)" : "WARN")
            case .waived: (s, status) = (3, "waived (was \(f.waiver?.originalStatus.rawValue ?? "warn"))")
            case .pass: (s, status) = (3, "allowed (was \(f.level?.originalStatus.rawValue ?? "warn"))")
            }
            var message = f.message
            if let note = PolicyText.levelNote(f) { message += " (\(note))" }
            // The expiry matters on a job page: a waiver about to lapse is the next failure.
            if let w = f.waiver { message += " Waived: \(w.reason)" + (w.terms.map { " (\($0))" } ?? "") }
            row(&rows[s], status: status, plan: p.id ?? p.file, rule: f.rule.id, document: f.documentName,
                message: message, location: f.line.map { "\(p.file):\($0)" } ?? p.file)
            items[s] += 1
        }
        return ReportSection(parts: (0..<4).map { items[$0] == 0 ? [] : rows[$0].finish() }, items: items)
    }

    func row(_ md: inout TextBuffer, status: String, plan: String, rule: String, document: String?, message: String, location: String) {
        md.write("| \(status) | "); md.markdown(JobSummaryReport.clip(plan))
        md.write(" | \(rule) | "); md.markdown(JobSummaryReport.clip(document ?? ""))
        md.write(" | "); md.markdown(JobSummaryReport.clip(message))
        md.write(" | "); md.markdown(JobSummaryReport.clip(location)); md.write(" |\n")
    }

    public func tail(_ outcome: RunOutcome, omitted: Int) -> [UInt8] {
        guard omitted > 0 else { return [] }
        return Array("\n… \(omitted) more: see the full report.\n".utf8)
    }

    /// At most `limit` characters (Unicode scalars), the last of a clipped text being "…".
    static func clip(_ s: String, _ limit: Int = cellLimit) -> String {
        var count = 0
        for i in s.unicodeScalars.indices {
            count += 1
            if count == limit, s.unicodeScalars.index(after: i) != s.unicodeScalars.endIndex {
                return String(s.unicodeScalars[..<i]) + "…"
            }
        }
        return s
    }
}
