/// With `--results`, each plan's linked test cases ran and passed, on combinations it declares, within its
/// window (docs/execution.md, "Rule test-results"). The verdicts are `TestResultsJudgement`'s; this rule
/// runs them on each plan when the run has results (`CheckContext.execution`), and says nothing without.
///
/// Not waivable, and no policy level applies to it: a waiver cannot make a failed test pass, so a waiver
/// or a level naming it is refused as the plan or policy file is read (an input error).
public struct TestResultsRule: UnwaivableRule {
    public static let description = describe(
        id: "test-results",
        summary: "With --results, the plan's linked test cases ran and passed, on combinations it declares, within its window.",
        clause: "TBRD paragraph 1: the versions apply to the testing carried out in respect of IOC, MOC or FOC; the evidence that it was carried out is the harness's JUnit results (docs/execution.md)",
        examples: [
            RuleExample("passed", plan: TestResultsRule.window, results: TestResultsRule.passed, expect: [
                (.pass, "executed: 1 test case linked, 1 passed; results \(TestResultsRule.file("passed")) (sha256 \(TestResultsRule.digest(TestResultsRule.passed))…)"),
            ]),
            RuleExample("failed", plan: TestResultsRule.window, results: TestResultsRule.results(#"<testcase classname="t" name="reads_tariff"><failure message="expected 1.5, got 1.0"/></testcase>"#), expect: [
                (.fail, "test case t.reads_tariff failed at \(TestResultsRule.file("failed")):4:3: expected 1.5, got 1.0"),
            ]),
            RuleExample("not-executed", plan: TestResultsRule.window, results: TestResultsRule.results(#"<testcase classname="t" name="reads_tariff"><skipped message="no rig"/></testcase>"#), expect: [
                (.fail, "not executed: the 1 test case linked to EX-1 was skipped (first: t.reads_tariff at \(TestResultsRule.file("not-executed")):4:3)"),
            ]),
            RuleExample("no-linked-case", plan: TestResultsRule.window, results: TestResultsRule.results(#"<testcase classname="t" name="reads_tariff"/>"#, plan: "EX-2"), expect: [
                (.fail, "not executed: no test case in the results is linked to EX-1 (link one with the property s1check.plan=EX-1 on the testcase or testsuite, or a testsuite named EX-1)"),
            ]),
            RuleExample("undeclared-combination", plan: TestResultsRule.window, results: TestResultsRule.onDMC9, expect: [
                (.fail, "1 test case ran on DMC-9, a device model combination the plan does not declare (it declares none); first at \(TestResultsRule.file("undeclared-combination")):4:3"),
                (.pass, "executed: 1 test case linked, 1 passed; results \(TestResultsRule.file("undeclared-combination")) (sha256 \(TestResultsRule.digest(TestResultsRule.onDMC9))…)"),
            ]),
            RuleExample("outside-window", plan: TestResultsRule.window, results: TestResultsRule.early, expect: [
                (.warn, "results dated 2023-04-20, outside the plan's window 2023-05-01 to 2023-05-31"),
                (.pass, "executed: 1 test case linked, 1 passed; results \(TestResultsRule.file("outside-window")) (sha256 \(TestResultsRule.digest(TestResultsRule.early))…)"),
            ]),
            RuleExample("undated", plan: TestResultsRule.window, results: TestResultsRule.undated, expect: [
                (.pass, "note: 1 test case carries no timestamp (its suite has none): the dates cannot be checked (first at \(TestResultsRule.file("undated")):4:3)"),
                (.pass, "executed: 1 test case linked, 1 passed; results \(TestResultsRule.file("undated")) (sha256 \(TestResultsRule.digest(TestResultsRule.undated))…)"),
            ]),
        ])

    public init() {}

    public func applies(to facts: PlanFacts, _ c: CheckContext) -> Bool { c.execution != nil }

    public func check(_ facts: PlanFacts, _ c: CheckContext, into findings: inout [Finding]) {
        guard let index = c.execution else { return }
        for judged in TestResultsJudgement.findings(for: facts.plan, in: index, asOf: c.asOf) {
            var finding = judged.finding
            finding.elsewhere = judged.at
            findings.append(finding)
        }
    }

    /// The examples' plan tested in May 2023, before the date the examples are checked as of (2023-06-01).
    static let window: [String: String?] = ["window": #"{"start": "2023-05-01", "end": "2023-05-31"}"#]

    /// An example's results file: one suite holding `testcase`, linked to `plan` by a suite property, dated
    /// `timestamp` (nil: undated).
    static func results(_ testcase: String, plan: String = "EX-1", timestamp: String? = "2023-05-10T10:00:00") -> String {
        let stamp = timestamp.map { #" timestamp="\#($0)""# } ?? ""
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="example" tests="1"\(stamp)>
              <properties><property name="s1check.plan" value="\(plan)"/></properties>
              \(testcase)
            </testsuite>

            """
    }

    static let passed = results(#"<testcase classname="t" name="reads_tariff"/>"#)
    static let onDMC9 = results(#"<testcase classname="t" name="reads_tariff"><properties><property name="s1check.combination" value="DMC-9"/></properties></testcase>"#)
    static let early = results(#"<testcase classname="t" name="reads_tariff"/>"#, timestamp: "2023-04-20T10:00:00")
    static let undated = results(#"<testcase classname="t" name="reads_tariff"/>"#, timestamp: nil)

    /// The example's results file as the fixture names it (`RuleExample.resultsFileName` in its folder).
    static func file(_ example: String) -> String { "Tests/Fixtures/Verdicts/test-results-\(example)/\(RuleExample.resultsFileName)" }

    /// The first 12 hex digits of a results file's SHA-256, as the pass names it.
    static func digest(_ text: String) -> String { String(SHA256.hex(of: Array(text.utf8)).prefix(12)) }
}
