import Foundation
import Testing
import S1CheckTestSupport
@testable import S1CheckCore

/// `--results` through the pipeline (the CLI's and `Checker.checkAll`'s): results linked after the id pass,
/// a suite named as a plan included; each plan's result carries its evidence; each results file has a
/// result of its own naming unknown plan ids and unlinked cases (docs/execution.md).
@Suite struct ExecutionPipelineTests {
    static let results = #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites>
          <testsuite name="B-2" timestamp="2023-05-10T10:00:00"><testcase name="by-suite-name"/></testsuite>
          <testsuite name="other" timestamp="2023-05-10T10:00:00">
            <testcase name="ghost"><properties><property name="s1check.plan" value="NOPE-9"/></properties></testcase>
            <testcase name="nobody"/>
          </testsuite>
        </testsuites>
        """#

    func run() throws -> (plans: [FileResult], outcome: RunOutcome) {
        let file = try JUnitReader.read(file: "r.xml", bytes: Array(Self.results.utf8))
        let plans = [("a.plan.json", PlanJSON(id: "A-1").text), ("b.plan.json", PlanJSON(id: "B-2").text)].map { ($0.0, Array($0.1.utf8)) }
        let collected = ResultCollector()
        var settings = RunSettings(baseline: TestData.resolved, baselineSource: InputDigest(role: "baseline", file: "", sha256: ""),
                                   registrySource: nil, asOf: TestData.asOf, strict: false, keepGoing: false, passedOver: [])
        settings.results = TestResults(files: [file])
        let run = RunPipeline(settings).run(MemoryPlanSource(plans), into: [collected])
        return (collected.results, run.outcome)
    }

    @Test func eachPlanCarriesItsEvidenceAndTheRulesFindings() throws {
        let (results, _) = try run()
        #expect(results.map(\.kind) == [.plan, .plan, .testResults])
        #expect(results[0].execution?.verdict == .notExecuted)
        #expect(results[0].status == .fail)
        #expect(results[0].findings.contains { $0.rule.id == "test-results" && $0.message.hasPrefix("not executed: no test case in the results is linked to A-1") })
        #expect(results[1].execution?.verdict == .passed)
        #expect(results[1].findings.contains { $0.rule.id == "test-results" && $0.status == .pass && $0.message.hasPrefix("executed: 1 test case linked, 1 passed") })
    }

    @Test func theResultsFileNamesUnknownPlanIDsAndUnlinkedCases() throws {
        let (results, outcome) = try run()
        let file = results[2]
        #expect(file.file == "r.xml")
        #expect(file.findings.map(\.status) == [.pass, .warn, .pass])
        #expect(file.findings[0].message.hasPrefix("read: 3 test cases, 1 linked to plans of this run"))
        #expect(file.findings[1].message.hasPrefix("1 test case linked to NOPE-9, which no plan in this run has (first: ghost at r.xml:5:5)"))
        #expect(file.findings[1].line == 5)
        #expect(file.findings[2].message.contains("1 test case in the results is linked to no plan") && file.findings[2].message.contains("nobody at r.xml:6:5"))
        // The run counts them: the warning is the run's, and --strict would fail it.
        #expect(outcome.execution?.linkedCases == 1)
        #expect(outcome.hasWarnings)
    }

    @Test func withoutResultsNothingChanges() {
        let plans = [("a.plan.json", Array(PlanJSON(id: "A-1").text.utf8))]
        let results = Checker.checkAll(plans, baseline: TestData.resolved, asOf: TestData.asOf)
        #expect(results.count == 1 && results[0].execution == nil)
        #expect(!results[0].findings.contains { $0.rule.id == "test-results" })
    }
}
