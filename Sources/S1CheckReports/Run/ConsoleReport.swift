import Synchronization
import S1CheckCore

/// The console output of `check` (`--format text`, the default): one line per finding that is not a
/// pass, as `file:line: error|warning|note: message [rule]` (the form editors and CI logs link), then a
/// summary. A renderer like the reports', with nothing before the plans' lines, so the CLI writes each
/// plan's lines as soon as it is checked, and the summary (the tail) once the run is over.
public struct ConsoleReport: ReportRenderer {
    public struct Style: Sendable {
        public var colour: Bool
        /// Which findings get a line (`--quiet`, `--verbose`).
        public var detail: Detail
        public init(colour: Bool, detail: Detail = .normal) {
            self.colour = colour
            self.detail = detail
        }
        func paint(_ s: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
    }

    /// How much of a run the console shows: the summary always, and every input error.
    public enum Detail: Sendable {
        /// `--quiet`: the findings that fail or warn (what a CI log is read for).
        case quiet
        /// Every finding that is not a plain pass: those that fail or warn, the waived, the allowed.
        case normal
        /// `--verbose`: the passes too.
        case verbose

        /// Whether a finding of this status (and policy level) gets a line.
        public func shows(_ f: Finding) -> Bool {
            switch self {
            case .quiet: return f.status == .fail || f.status == .warn
            case .normal: return Gate.isListed(f)
            case .verbose: return true
            }
        }
    }

    let settings: RunSettings
    let style: Style
    /// `--statistics`: the findings counted per rule and status, as plans are checked.
    let statistics: Statistics?

    public init(settings: RunSettings) { self.init(settings: settings, style: Style(colour: false)) }

    public init(settings: RunSettings, style: Style, statistics: Statistics? = nil) {
        self.settings = settings
        self.style = style
        self.statistics = statistics
    }

    public static var headNeedsOutcome: Bool { false }

    public func section(_ plan: FileResult) -> ReportSection {
        statistics?.add(plan)
        return ReportSection(ConsoleReport.lines(plan, style: style))
    }
    public func head(_ outcome: RunOutcome, omitted: Int) -> [UInt8] { [] }
    public func tail(_ outcome: RunOutcome, omitted: Int) -> [UInt8] {
        Array(((statistics?.text(verbose: style.detail == .verbose) ?? "") + ConsoleReport.summary(settings, outcome, style: style)).utf8)
    }

    /// `--statistics`, as ruff's: how many findings each rule gave, per status, most first. Counted as each
    /// plan's section is made (on any core), read once the run is over.
    public final class Statistics: Sendable {
        private let counts = Mutex<[Key: Int]>([:])

        struct Key: Hashable {
            var rule: String
            var status: String
        }

        public init() {}

        func add(_ p: FileResult) {
            var local: [Key: Int] = [:]
            for f in p.findings {
                local[Key(rule: f.rule.id, status: f.inputError != nil ? "error" : f.isAllowed ? "allowed" : f.status.rawValue), default: 0] += 1
            }
            counts.withLock { c in for (k, n) in local { c[k, default: 0] += n } }
        }

        /// One line per rule and status (`    7  fail    artefact-version`), passes only when verbose.
        public func text(verbose: Bool) -> String {
            let rows = counts.withLock { $0 }.filter { verbose || $0.key.status != "pass" }
                .sorted { $0.value != $1.value ? $0.value > $1.value : ($0.key.rule, $0.key.status) < ($1.key.rule, $1.key.status) }
            var s = "\nfindings by rule and status:" + (rows.isEmpty ? " none\n" : "\n")
            let width = String(rows.first?.value ?? 0).count
            for (k, n) in rows {
                let count = String(n)
                s += "  " + String(repeating: " ", count: width - count.count) + count + "  "
                    + k.status + String(repeating: " ", count: max(1, 9 - k.status.count)) + k.rule + "\n"
            }
            return s
        }
    }

    /// The lines for one file's findings that are not a pass (an unreadable file's input errors among them).
    public static func lines(_ p: FileResult, style: Style) -> [UInt8] {
        var out = TextBuffer(capacity: 1 << 10)
        lines(p, style: style, into: &out)
        return out.finish()
    }

    /// Text from the inputs (file names, JSON paths, messages quoting a plan) goes through
    /// `ConsoleText`; only s1check's own words and colours are written as they are.
    static func lines(_ p: FileResult, style: Style, into out: inout TextBuffer) {
        // Passes are not printed (but with --verbose), except those a policy allowed: a finding is never
        // hidden; --quiet leaves out all but what fails or warns (every report still lists them).
        let shown = style.detail == .verbose ? ConsoleReport.inLineOrder(p.findings) : Gate.listed(p.findings)
        for f in shown where style.detail.shows(f) {
            if let e = f.inputError {
                // An input error is placed at line:column, and tagged with its kind.
                out.console(p.file)
                if let position = e.position { out.write(":\(position.line):\(position.column)") }
                out.write(": \(style.paint("error", "1;31")): ")
                // A JSON path where the error is in the document; none where the file as a whole is unusable.
                if let path = e.path { out.console(path); out.write(": ") }
                out.console(e.message)
                out.write(" [\(e.kind.tag)]\n")
                continue
            }
            out.console(p.file)
            if let line = f.line { out.write(":\(line)") }
            let label: String
            switch f.status {
            case .fail: label = style.paint("error", "1;31")
            case .warn: label = style.paint("warning", "1;33")
            case .pass where !f.isAllowed: label = style.paint("pass", "32")
            default: label = style.paint("note", "1;36")
            }
            out.write(": \(label): ")
            out.console(PolicyText.messageWithWaiver(f))
            out.write(" [\(f.rule.id)]\n")
            // What to do next with s1check itself, kept apart from the verdict (as rustc's "help:").
            if let hint = f.hint { out.write("  hint: "); out.console(hint); out.write("\n") }
        }
    }

    /// Every finding, passes too, in line order (findings without a line first), ties in the rules' order.
    static func inLineOrder(_ findings: [Finding]) -> [Finding] {
        findings.indices.map { (line: findings[$0].line ?? 0, index: $0) }.sorted { $0 < $1 }.map { findings[$0.index] }
    }

    /// `name` is applied to every file name from the inputs: escaped for the console (ConsoleText), and for
    /// the GitHub format also as workflow-command data.
    public static func summary(_ run: RunSettings, _ outcome: RunOutcome, style: Style, name: (String) -> String = ConsoleText.escaped) -> String {
        let verdict = Gate.verdict(outcome)
        let painted = style.paint(verdict, outcome.exitCode == 0 ? "1;32" : "1;31")
        let checked = outcome.planCount - outcome.inputErrorCount
        var s = "\n\(painted): \(checked) plan\(checked == 1 ? "" : "s") checked against \(BaselineText.label(run)) as of \(run.asOf): "
            + "\(outcome.plans(withStatus: .pass)) pass, \(outcome.plans(withStatus: .warn)) warn, \(outcome.plans(withStatus: .fail)) fail"
        if outcome.inputErrorCount > 0 {
            s += "; \(outcome.inputErrorCount) input\(outcome.inputErrorCount == 1 ? "" : "s") could not be read"
        }
        // The counts every report states (Tally), coverage cells and the run's own findings included.
        let tally = outcome.tally
        s += "\nfindings: \(Gate.findingCounts(tally)); deviations: \(Gate.deviationCounts(tally))\n"
        s += "baseline: \(name(run.baselineSource.file))\n"
        if let note = BaselineText.supersededNote(run) { s += "note: \(name(note))\n" }
        if let r = run.registrySource { s += "device eligibility: checked against \(name(r.file))\n" }
        else { s += "device eligibility: not checked (no --devices registry given)\n" }
        if let label = PolicyText.label(run) { s += "policy: \(name(label))\n" }
        if let c = outcome.coverage {
            let t = c.tally
            s += "coverage of \(name(c.file)): \(Gate.statusWord(c.status)): \(c.cells.count) cell\(c.cells.count == 1 ? "" : "s"), \(t.covered) covered, "
                + "\(t.equivalent) through an equivalent, \(t.warned) only with warnings, \(t.excluded) excluded, \(t.notCovered) not covered"
                + (c.uncovering.isEmpty ? "" : "; \(c.uncovering.count) plan\(c.uncovering.count == 1 ? " covers" : "s cover") no cell")
                + "; scope prepared against TBRD \(c.scope.tbrd?.description ?? "(not stated)")\n"
        }
        if let x = outcome.execution {
            // Test results (--results): what was linked and ran; nothing dropped silently.
            s += "execution: \(name(ExecutionText.summary(x, plans: outcome.planCount - outcome.inputErrorCount)))\n"
            if let u = ExecutionText.unlinked(x) { s += "execution: \(name(u))\n" }
            if let u = ExecutionText.unknownPlans(x) { s += "execution: \(name(u))\n" }
            if let p = run.results?.passedOver, !p.isEmpty { s += "execution: passed over \(p.count) file\(p.count == 1 ? "" : "s") not named *.xml: \(p.map(name).joined(separator: ", "))\n" }
        }
        if !run.passedOver.isEmpty {
            s += "passed over \(run.passedOver.count) .json file\(run.passedOver.count == 1 ? "" : "s") not named *.plan.json: \(run.passedOver.map(name).joined(separator: ", "))\n"
        }
        if run.strict { s += "strict: warnings fail the run\n" }
        return s
    }
}
