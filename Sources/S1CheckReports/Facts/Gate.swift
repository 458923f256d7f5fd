import S1CheckCore

/// How verdicts reach a CI gate, stated once for every format: the status a finding is reported with,
/// the run's verdict, and which findings the console and the CI formats list.
public enum Gate {
    /// The status a CI format reports a finding with: its own, except that under `--strict` a warning
    /// fails the run, so it is reported as a failure (as JUnit does).
    public static func status(_ f: Finding, strict: Bool) -> Status { status(f.status, strict: strict) }

    public static func status(_ status: Status, strict: Bool) -> Status { status == .warn && strict ? .fail : status }

    public static func verdict(_ outcome: RunOutcome) -> String {
        switch outcome.exitCode {
        case 0: return outcome.hasWarnings ? "PASS with warnings" : "PASS"
        case 1: return "FAIL"
        default: return "INPUT ERROR"
        }
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
