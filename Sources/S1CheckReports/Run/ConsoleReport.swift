import S1CheckCore

/// The console output of `check` (`--format text`, the default): one line per finding that is not a
/// pass, as `file:line: error|warning|note: message [rule]` (the form editors and CI logs link), then a
/// summary. A renderer like the reports', with nothing before the plans' lines, so the CLI writes each
/// plan's lines as soon as it is checked, and the summary (the tail) once the run is over.
public struct ConsoleReport: ReportRenderer {
    public struct Style: Sendable {
        public var colour: Bool
        public init(colour: Bool) { self.colour = colour }
        func paint(_ s: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
    }

    let settings: RunSettings
    let style: Style

    public init(settings: RunSettings) { self.init(settings: settings, style: Style(colour: false)) }

    public init(settings: RunSettings, style: Style) {
        self.settings = settings
        self.style = style
    }

    public static var headNeedsOutcome: Bool { false }

    public func section(_ plan: PlanResult) -> ReportSection { ReportSection(ConsoleReport.lines(plan, style: style)) }
    public func head(_ outcome: RunOutcome, omitted: Int) -> [UInt8] { [] }
    public func tail(_ outcome: RunOutcome, omitted: Int) -> [UInt8] { Array(ConsoleReport.summary(settings, outcome, style: style).utf8) }

    /// The lines for one plan's input errors and its findings that are not a pass.
    public static func lines(_ p: PlanResult, style: Style) -> [UInt8] {
        var out = TextBuffer(capacity: 1 << 10)
        lines(p, style: style, into: &out)
        return out.finish()
    }

    /// Text from the inputs (file names, JSON paths, messages quoting a plan) goes through
    /// `ConsoleText`; only s1check's own words and colours are written as they are.
    static func lines(_ p: PlanResult, style: Style, into out: inout TextBuffer) {
        for e in p.inputErrors {
            out.console(p.file)
            if let position = e.position { out.write(":\(position.line):\(position.column)") }
            out.write(": \(style.paint("error", "1;31")): ")
            out.console(e.path ?? "$")
            out.write(": ")
            out.console(e.message)
            out.write(" [\(e.kind.tag)]\n")
        }
        // Passes are not printed, except those a policy allowed: a finding is never hidden.
        for f in Gate.listed(p.findings) {
            out.console(p.file)
            if let line = f.line { out.write(":\(line)") }
            let label: String
            switch f.status {
            case .fail: label = style.paint("error", "1;31")
            case .warn: label = style.paint("warning", "1;33")
            default: label = style.paint("note", "1;36")
            }
            out.write(": \(label): ")
            out.console(PolicyText.messageWithWaiver(f))
            out.write(" [\(f.rule.id)]\n")
            // What to do next with s1check itself, kept apart from the verdict (as rustc's "help:").
            if let hint = f.hint { out.write("  hint: "); out.console(hint); out.write("\n") }
        }
    }

    /// `name` is applied to every file name from the inputs: escaped for the console (ConsoleText), and for
    /// the GitHub format also as workflow-command data.
    public static func summary(_ run: RunSettings, _ outcome: RunOutcome, style: Style, name: (String) -> String = ConsoleText.escaped,
                               unusedWaiversAsAnnotations: Bool = false) -> String {
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
        if let r = run.registrySource { s += "device eligibility: checked against \(name(r.file))\n" }
        else { s += "device eligibility: not checked (no --devices registry given)\n" }
        if let label = PolicyText.label(run) { s += "policy: \(name(label))\n" }
        if let c = outcome.coverage {
            let t = c.tally
            s += "coverage of \(name(c.file)): \(Gate.statusWord(c.status)): \(c.cells.count) cell\(c.cells.count == 1 ? "" : "s"), \(t.covered) covered, "
                + "\(t.equivalent) through an equivalent, \(t.warned) only with warnings, \(t.excluded) excluded, \(t.notCovered) not covered"
                + (c.uncovering.isEmpty ? "" : "; \(c.uncovering.count) plan\(c.uncovering.count == 1 ? "" : "s") cover no cell")
                + "; scope prepared against TBRD \(c.scope.tbrd?.description ?? "(not stated)")\n"
        }
        if !unusedWaiversAsAnnotations {
            for u in PolicyText.unusedSharedWaivers(run, outcome) {
                s += "\(name(u.file)):\(u.line): \(style.paint("warning", "1;33")): \(u.message) [\(WaiverRule.description.id)]\n"
            }
        }
        if !run.passedOver.isEmpty {
            s += "passed over \(run.passedOver.count) .json file\(run.passedOver.count == 1 ? "" : "s") not named *.plan.json: \(run.passedOver.map(name).joined(separator: ", "))\n"
        }
        if run.strict { s += "strict: warnings fail the run\n" }
        return s
    }
}
