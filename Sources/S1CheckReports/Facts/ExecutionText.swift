import S1CheckCore

/// Test execution evidence (`--results`, docs/execution.md) in the words every report uses: the console's
/// and the job summary's `execution` line, the pack's verdict clause and its plans' execution column.
public enum ExecutionText {
    static func n(_ count: Int, _ one: String, _ many: String? = nil) -> String {
        "\(count) \(count == 1 ? one : many ?? one + "s")"
    }

    /// The pack's verdict clause: "20 linked tests passed", or "18 of 20 linked tests passed"; nil
    /// without results (the pack then says that execution was not checked).
    public static func verdictClause(_ index: ExecutionIndex?) -> String? {
        guard let index else { return nil }
        let linked = index.linkedCases, passed = index.passedCases
        if linked == 0 { return "no linked test" }
        return passed == linked ? "\(n(linked, "linked test")) passed" : "\(passed) of \(n(linked, "linked test")) passed"
    }

    /// The run's line: "1 results file, 23 test cases: 20 linked to plans (18 passed), 1 to an unknown plan
    /// id, 2 to none; 10 of 11 plans executed, 9 passed". `plans`: the plans checked.
    public static func summary(_ index: ExecutionIndex, plans: Int) -> String {
        var s = "\(n(index.files.count, "results file")), \(n(index.totalCases, "test case")): "
        s += "\(index.linkedCases) linked to plans (\(index.passedCases) passed)"
        if index.unknownPlanCases > 0 { s += ", \(index.unknownPlanCases) to \(index.unknownPlans.count == 1 ? "an unknown plan id" : "unknown plan ids")" }
        s += ", \(index.unlinked.counts.linked) to none"
        s += "; \(index.executedPlans) of \(n(plans, "plan")) executed, \(index.passedPlans) passed"
        return s
    }

    /// The cases linked to no plan, named (the first ones): "test_x.a at r.xml:1:20, … and 3 more"; nil
    /// when there are none.
    public static func unlinked(_ index: ExecutionIndex) -> String? {
        let e = index.unlinked
        guard e.counts.linked > 0 else { return nil }
        let named = e.cases.map { "\($0.name) (\($0.at))" }.joined(separator: ", ")
        let more = e.counts.linked - e.cases.count
        return "\(n(e.counts.linked, "test case")) linked to no plan: \(named)" + (more > 0 ? " and \(more) more" : "")
    }

    /// The plan ids results name that no plan of the run has: "SVT-FOC-0099 (1 test case, first at r.xml:1:9)".
    public static func unknownPlans(_ index: ExecutionIndex) -> String? {
        guard !index.unknownPlans.isEmpty else { return nil }
        return "linked to plan ids no plan in this run has: " + index.unknownPlans.map { u in
            "\(u.planID) (\(n(u.evidence.counts.linked, "test case"))\(u.evidence.first.map { ", first at \($0.at)" } ?? ""))"
        }.joined(separator: ", ")
    }

    /// A plan's execution in a table cell: "passed: 2 of 2 tests", "failed: 1 of 2 tests failed", "not executed".
    public static func cell(_ x: PlanExecution) -> String { cell(x.evidence.counts) }

    public static func cell(_ c: CaseCounts) -> String {
        let skipped = c.skipped > 0 ? ", \(c.skipped) skipped" : ""
        let verdict: PlanExecution.Verdict = c.executed == 0 ? .notExecuted : (c.failed + c.errored == 0 ? .passed : .failed)
        switch verdict {
        case .passed: return "passed: \(c.passed) of \(n(c.linked, "test"))\(skipped)"
        case .failed: return "failed: \(c.failed + c.errored) of \(n(c.linked, "test")) failed\(c.errored > 0 ? " or errored" : "")\(skipped)"
        case .notExecuted: return c.linked == 0 ? "not executed: no linked test" : "not executed: \(n(c.linked, "linked test")) skipped"
        }
    }

    /// A plan's dates: "2023-06-01", "2023-06-01 to 2023-06-03", or "undated".
    public static func dates(_ e: ExecutionEvidence) -> String {
        guard let a = e.earliest, let b = e.latest else { return e.counts.linked == 0 ? "" : "undated" }
        return a == b ? a.description : "\(a) to \(b)"
    }
}
