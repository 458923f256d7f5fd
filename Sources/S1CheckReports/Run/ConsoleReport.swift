import S1CheckCore

/// The console output of `check`: one line per finding that is not a pass, as
/// `file:line: error|warning|note: message [rule]` (the form editors and CI logs link), then a summary.
public enum ConsoleReport {
    public struct Style: Sendable {
        public var colour: Bool
        public init(colour: Bool) { self.colour = colour }
        func paint(_ s: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
    }

    public static func render(_ run: RunResult, style: Style) -> String {
        var out = TextBuffer()
        PlanSections.render(run.plans, into: &out) { _, p, out in lines(p, style: style, into: &out) }
        out.write(summary(run, style: style))
        return out.string
    }

    static func lines(_ p: PlanResult, style: Style, into out: inout TextBuffer) {
        do {
            for e in p.inputErrors {
                let loc = e.position.map { "\(p.file):\($0.line):\($0.column)" } ?? p.file
                out.write("\(loc): \(style.paint("error", "1;31")): \(e.path): \(e.message) [input-error]\n")
            }
            for f in p.findings where f.status != .pass {
                let loc = f.line.map { "\(p.file):\($0)" } ?? p.file
                let label: String
                switch f.status {
                case .fail: label = style.paint("error", "1;31")
                case .warn: label = style.paint("warning", "1;33")
                default: label = style.paint("note", "1;36")
                }
                var message = f.message
                if let w = f.waiver { message += " (waived \(w.originalStatus.rawValue): \(w.reason))" }
                out.write("\(loc): \(label): \(message) [\(f.rule.id)]\n")
            }
        }
    }

    public static func summary(_ run: RunResult, style: Style) -> String {
        let verdict = ReportFacts.runVerdict(run)
        let painted = style.paint(verdict, run.exitCode == 0 ? "1;32" : "1;31")
        let checked = run.plans.count - run.inputErrorCount
        var s = "\n\(painted): \(checked) plan\(checked == 1 ? "" : "s") checked against \(ReportFacts.baselineLabel(run)) as of \(run.asOf): "
            + "\(run.plans(withStatus: .pass)) pass, \(run.plans(withStatus: .warn)) warn, \(run.plans(withStatus: .fail)) fail"
        if run.inputErrorCount > 0 {
            s += "; \(run.inputErrorCount) input\(run.inputErrorCount == 1 ? "" : "s") could not be read"
        }
        let waived = run.findings(withStatus: .waived)
        if waived > 0 { s += "; \(waived) finding\(waived == 1 ? "" : "s") waived" }
        s += "\n"
        s += "baseline: \(run.baselineSource.file)\n"
        if let r = run.registrySource { s += "device eligibility: checked against \(r.file)\n" }
        else { s += "device eligibility: not checked (no --devices registry given)\n" }
        if !run.passedOver.isEmpty {
            s += "passed over \(run.passedOver.count) .json file\(run.passedOver.count == 1 ? "" : "s") not named *.plan.json: \(run.passedOver.joined(separator: ", "))\n"
        }
        if run.strict { s += "strict: warnings fail the run\n" }
        return s
    }
}
