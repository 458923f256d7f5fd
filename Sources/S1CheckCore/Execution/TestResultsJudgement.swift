/// The verdicts of rule `test-results` on a plan's execution evidence (docs/execution.md, "The rule"): a
/// pure function of the plan's id, window and declared combinations, its evidence and the run's date.
///
/// The rule is `TestResultsRule` in the registry: the pipeline links the results files to the run's plans
/// (`ExecutionIndex`) after its id pass, the rule calls `findings` per plan, and each results file's own
/// result comes from `fileResults` (`unknownPlans` among them).
public enum TestResultsJudgement {
    public static var rule: RuleDescription { TestResultsRule.description }

    /// A finding of the rule and, where it concerns a place in a results file, that place (reports put
    /// the finding there: SARIF, Code Quality, annotations).
    public struct Judged: Sendable {
        public let finding: Finding
        public let at: ResultsLocation?
    }

    /// The plan's findings, worst first within each kind: failures of execution, then combinations, then
    /// dates. `execution` nil: no case is linked to the plan.
    public static func findings(planID: String, window: ClosedRange<CalendarDate>?, combinations declared: [String],
                                execution: PlanExecution?, asOf: CalendarDate, offset: Int? = nil) -> [Judged] {
        var out: [Judged] = []
        func add(_ status: Status, _ subject: String?, _ message: String, at: ResultsLocation?, declared d: String? = nil, expected e: String? = nil) {
            out.append(Judged(finding: Finding(rule: rule, status: status, subject: subject, declared: d, expected: e, message: message, offset: offset), at: at))
        }
        guard let execution, execution.evidence.counts.linked > 0 else {
            add(.fail, executionSubject, "not executed: no test case in the results is linked to \(planID) (link one with the property \(JUnitReader.planProperty)=\(planID) on the testcase or testsuite, or a testsuite named \(planID))", at: nil)
            return out
        }
        let e = execution.evidence
        let c = e.counts
        if c.executed == 0 {
            let all = c.linked == 1 ? "the 1 test case linked to \(planID) was skipped" : "all \(c.linked) test cases linked to \(planID) were skipped"
            add(.fail, executionSubject, "not executed: \(all) (first: \(e.first!.name) at \(e.first!.at))", at: e.first?.at)
        }
        for f in e.failures {
            let what = f.outcome == .errored ? "errored" : "failed"
            let cut = f.capped ? " (message cut; the file holds \(f.messageBytes) bytes of it)" : ""
            add(.fail, f.testCase.name, "test case \(f.testCase.name) \(what) at \(f.testCase.at): \(f.message)\(cut)", at: f.testCase.at)
        }
        if e.failuresNotListed > 0 {
            add(.fail, "more failures", "\(e.failuresNotListed) more failing test cases linked to \(planID), not listed", at: nil)
        }
        for use in e.combinations where !declared.contains(use.combination) {
            let list = declared.isEmpty ? "it declares none" : "it declares \(declared.joined(separator: ", "))"
            add(.fail, "combination \(use.combination)",
                "\(cases(use.cases)) ran on \(use.combination), a device model combination the plan does not declare (\(list)); first at \(use.first)",
                at: use.first, declared: use.combination, expected: declared.joined(separator: ", "))
        }
        if let earliest = e.earliest, let latest = e.latest {
            let dates = earliest == latest ? "dated \(earliest)" : "dated \(earliest) to \(latest)"
            if let window, earliest < window.lowerBound || latest > window.upperBound {
                add(.warn, "dates", "results \(dates), outside the plan's window \(window.lowerBound) to \(window.upperBound)", at: nil,
                    declared: "\(earliest)..\(latest)", expected: "\(window.lowerBound)..\(window.upperBound)")
            }
            if latest > asOf {
                add(.warn, "as-of", "results \(dates), after the date the run is checked as of (\(asOf))", at: nil,
                    declared: "\(latest)", expected: "on or before \(asOf)")
            }
        }
        if e.undated > 0 {
            add(.pass, "undated", "note: \(e.undated == 1 ? "1 test case carries no timestamp (its suite has none)" : "\(e.undated) test cases carry no timestamp (their suites have none)"): the dates cannot be checked (first at \(e.firstUndated!))", at: e.firstUndated)
        }
        if c.executed > 0 && c.failed == 0 && c.errored == 0 {
            let files = execution.files.map { "\($0.file) (sha256 \($0.sha256.prefix(12))…)" }.joined(separator: ", ")
            let skipped = c.skipped > 0 ? ", \(c.skipped) skipped" : ""
            add(.pass, executionSubject, "executed: \(cases(c.linked)) linked, \(c.passed) passed\(skipped); results \(files)", at: nil)
        }
        return out
    }

    /// The plan's findings from the run's index: its window, its declared combinations; placed in the plan
    /// at its id (the results file's place, where there is one, is `Judged.at`).
    public static func findings(for plan: Plan, in index: ExecutionIndex, asOf: CalendarDate) -> [Judged] {
        findings(planID: plan.id, window: plan.window.map { $0.start...$0.end }, combinations: plan.combinations.map(\.value),
                 execution: index[plan.id], asOf: asOf, offset: plan.idOffset)
    }

    /// Warnings for cases linked to a plan id that no plan of the run has, one per id, at its first case.
    public static func unknownPlans(_ index: ExecutionIndex) -> [Judged] {
        index.unknownPlans.map { link in
            let first = link.evidence.first!
            let message = "\(cases(link.evidence.counts.linked)) linked to \(link.planID), which no plan in this run has (first: \(first.name) at \(first.at)); a plan renamed or not given?"
            return Judged(finding: Finding(rule: rule, status: .warn, subject: link.planID, declared: link.planID, message: message), at: first.at)
        }
    }

    /// The subject of the rule's finding on whether the plan's tests ran: a pass exactly when they ran and
    /// none failed or errored (`countsForCoverage`).
    public static let executionSubject = "execution"

    /// From a plan's findings: nil when rule test-results made none (the run reads no results), else
    /// whether its tests ran and passed (its execution finding passes), what counts for coverage.
    public static func testsPassed(in findings: [Finding]) -> Bool? {
        var judged = false
        for f in findings where f.rule.id == rule.id {
            if f.subject == executionSubject && f.status == .pass { return true }
            judged = true
        }
        return judged ? false : nil
    }

    /// Whether the plan counts for coverage when results are given: its linked cases ran and passed.
    public static func countsForCoverage(_ execution: PlanExecution?) -> Bool {
        execution?.evidence.passed ?? false
    }

    static func cases(_ n: Int) -> String { n == 1 ? "1 test case" : "\(n) test cases" }
}
