import S1CheckCore

/// How verdicts reach a CI gate, stated once for every format: the status a finding is reported with,
/// the run's verdict, and which findings the console and the CI formats list.
public enum Gate {
    /// The status a CI format reports a finding with: its own, except that under `--strict` a warning
    /// fails the run, so it is reported as a failure (as JUnit does).
    public static func status(_ f: Finding, strict: Bool) -> Status { status(f.status, strict: strict) }

    public static func status(_ status: Status, strict: Bool) -> Status { status == .warn && strict ? .fail : status }

    /// The run's verdict: "PASS", "PASS with warnings", "FAIL", "INPUT ERROR"; a passing run with
    /// deviations never reads as a bare PASS: "PASS with 2 deviations", "PASS with warnings and 1 deviation".
    public static func verdict(_ outcome: RunOutcome) -> String {
        switch outcome.exitCode {
        case 0:
            let n = outcome.tally.deviations
            let base = outcome.hasWarnings ? "PASS with warnings" : "PASS"
            return n == 0 ? base : base + (outcome.hasWarnings ? " and " : " with ") + deviations(n)
        case 1: return "FAIL"
        default: return "INPUT ERROR"
        }
    }

    /// A plan's (or a cell's) verdict word with its deviations: "PASS", "WARN with 1 deviation", "FAIL".
    public static func verdict(_ status: Status, deviations n: Int) -> String {
        statusWord(status) + (n > 0 && status != .fail ? " with " + deviations(n) : "")
    }

    /// "1 deviation", "3 deviations".
    public static func deviations(_ n: Int) -> String { "\(n) deviation\(n == 1 ? "" : "s")" }

    /// The findings' counts, in the words and order every report uses: "9 fail, 6 warn, 2 waived, 112 pass".
    public static func findingCounts(_ t: Tally) -> String {
        "\(t.findings[.fail]) fail, \(t.findings[.warn]) warn, \(t.findings[.waived]) waived, \(t.findings[.pass]) pass"
    }

    /// The plans' verdicts: "3 pass, 3 warn, 5 fail" (and ", 1 could not be read").
    public static func planCounts(_ t: Tally) -> String {
        "\(t.plans[.pass]) pass, \(t.plans[.warn]) warn, \(t.plans[.fail]) fail"
            + (t.inputErrors > 0 ? ", \(t.inputErrors) could not be read" : "")
    }

    /// The deviations: "2 (1 waived, 1 lowered by policy)", or "none".
    public static func deviationCounts(_ t: Tally) -> String {
        t.deviations == 0 ? "none" : "\(t.deviations) (\(t.waivedDeviations) waived, \(t.policyDeviations) lowered by policy)"
    }

    public static func statusWord(_ s: Status) -> String { s.rawValue.uppercased() }

    /// The findings the console and the CI formats show: every one that is not a pass, and the passes a
    /// policy allowed (never hidden), in line order (findings without a line first), so a log reads down
    /// the plan. Reports that list every check keep the rules' order.
    public static func listed(_ findings: [Finding]) -> [Finding] {
        // Sorted as (line, place) pairs, not as findings: a plan of many findings moves two numbers each.
        let order = findings.indices.lazy.filter { isListed(findings[$0]) }.map { (line: findings[$0].line ?? 0, index: $0) }.sorted { $0 < $1 }
        return order.map { findings[$0.index] }
    }

    /// Whether a CI format lists the finding: not a plain pass.
    public static func isListed(_ f: Finding) -> Bool { f.status != .pass || f.isAllowed }
}
