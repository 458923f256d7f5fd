import Foundation
import Testing
import S1CheckTestSupport
@testable import S1CheckCore

/// A real harness, end to end: pytest runs the small suite in Tests/Fixtures/Execution/harness, writes
/// its JUnit XML, and s1check reads what pytest wrote. Skipped (with the reason) where pytest is not
/// installed; under CI=true it runs, and a missing pytest fails it (.ci/run installs pytest).
@Suite(.enabled(if: Pytest.installed || ExternalTool.inCI, "pytest is not installed (python3 -m pytest; .ci/run installs it)"))
struct ExecutionHarnessTests {

    static let harness = packageRoot.appendingPathComponent("Tests/Fixtures/Execution/harness")

    /// Runs the harness in a scratch copy (pytest writes caches beside its tests; the repository's copy
    /// is never touched) and returns the results file's bytes and pytest's summary line.
    static func runHarness(_ scratch: Scratch, family: String, environment: [String: String] = [:]) throws -> (results: [UInt8], summary: String) {
        guard Pytest.installed else { throw Missing(what: "pytest is not installed (python3 -m pytest)") }
        let copy = scratch.url.appendingPathComponent("harness")
        try FileManager.default.copyItem(at: harness, to: copy)
        let results = scratch.path("results.xml")
        var env = ["TZ=UTC"]
        for (k, v) in environment.sorted(by: { $0.key < $1.key }) { env.append("\(k)=\(v)") }
        // `env` sets the variables for pytest alone; the exit status is 1 because a test fails on purpose.
        let run = try ExternalTool.python3.run(["-c", """
            import os, subprocess, sys
            env = dict(os.environ)
            env.update(dict(kv.split("=", 1) for kv in sys.argv[1:]))
            sys.exit(subprocess.call([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "junit_family=\(family)",
                                      "--junitxml=\(results)"], env=env))
            """] + env, in: copy)
        #expect(run.status == 1, "pytest: \(run.out)\(run.err)")
        let summary = run.out.split(separator: "\n").last.map(String.init) ?? ""
        return ([UInt8](try Data(contentsOf: URL(fileURLWithPath: results))), summary)
    }

    @Test func pytestResultsLinkToTheSamplePlans() throws {
        let scratch = Scratch()
        let (bytes, summary) = try Self.runHarness(scratch, family: "xunit1")
        #expect(summary.contains("1 failed, 21 passed, 1 skipped"))
        let file = try JUnitReader.read(file: "results.xml", bytes: bytes)
        let index = ExecutionIndex(files: [file], planIDs: ExecutionResultsTests.samplePlanIDs)
        #expect(index.plans.count == 10)
        #expect(index.linkedCases == 21 && index.passedCases == 19)
        #expect(index["SVT-FOC-0042"]?.evidence.counts == { var c = CaseCounts(); c.linked = 3; c.passed = 2; c.skipped = 1; return c }())
        #expect(index["SVT-MOC-0030"]?.evidence.failures.map(\.message) == ["AssertionError: threshold anomaly: register off by 0.5 at the boundary"])
        #expect(index["SVT-IOC-0014"] == nil)
        #expect(index.unknownPlans.map(\.planID) == ["SVT-FOC-0099"])
        #expect(index.unlinked.cases.map(\.name) == ["test_sample_plans.test_harness_self_check"])
        // Each plan's own combination came through; pytest dates the suite today.
        #expect(index["SVT-IOC-0008"]?.evidence.combinations.map(\.combination) == ["DMC-0003"])
        #expect(index["SVT-FOC-0051"]?.evidence.combinations.isEmpty == true)
        #expect(index["SVT-FOC-0051"]?.evidence.earliest != nil)
        #expect(index["SVT-FOC-0051"]?.files.first?.sha256 == SHA256.hex(of: bytes))

        // The judgement on what pytest wrote, checked as of the results' own day.
        let asOf = try #require(index["SVT-FOC-0051"]?.evidence.latest)
        let failing = TestResultsJudgement.findings(planID: "SVT-MOC-0030", window: nil, combinations: ["DMC-0012"],
                                                    execution: index["SVT-MOC-0030"], asOf: asOf)
        #expect(failing.map(\.finding.status) == [.fail])
        #expect(failing.first?.finding.message.hasPrefix("test case test_sample_plans.test_threshold_anomaly failed at results.xml:") == true)
        let passing = TestResultsJudgement.findings(planID: "SVT-FOC-0042", window: nil, combinations: ["DMC-0007"],
                                                    execution: index["SVT-FOC-0042"], asOf: asOf)
        #expect(passing.map(\.finding.status) == [.pass])
        #expect(passing.first?.finding.message.hasPrefix("executed: 3 test cases linked, 2 passed, 1 skipped; results results.xml (sha256 ") == true)
    }

    /// pytest's xunit2 family (its default) with suite-wide properties (record_testsuite_property): the
    /// case without its own plan links to the suite's plan, and the suite's combination applies to every
    /// case without its own, failing the plans that do not declare it.
    @Test func suitePropertiesLinkTheCasesWithoutTheirOwn() throws {
        let scratch = Scratch()
        let (bytes, _) = try Self.runHarness(scratch, family: "xunit2", environment: [
            "S1CHECK_HARNESS_SUITE_PLAN": "SVT-MOC-0022", "S1CHECK_HARNESS_SUITE_COMBINATION": "DMC-0012",
        ])
        let file = try JUnitReader.read(file: "results.xml", bytes: bytes)
        let index = ExecutionIndex(files: [file], planIDs: ExecutionResultsTests.samplePlanIDs)
        #expect(index.unlinked.counts.linked == 0)
        let evidence = try #require(index["SVT-MOC-0022"]).evidence
        #expect(evidence.counts.linked == 3)
        #expect(index["SVT-IOC-0008"]?.evidence.combinations.map(\.combination) == ["DMC-0003"])
        let findings = TestResultsJudgement.findings(planID: "SVT-MOC-0022", window: nil, combinations: [],
                                                     execution: index["SVT-MOC-0022"], asOf: evidence.latest!)
        #expect(findings.map(\.finding.status) == [.fail, .pass])
        #expect(findings.first?.finding.message.hasPrefix("3 test cases ran on DMC-0012, a device model combination the plan does not declare (it declares none); first at results.xml:") == true)
    }
}

/// Whether `python3 -m pytest` can run here.
enum Pytest {
    static let installed = ((try? ExternalTool.python3.run(["-c", "import pytest"]).status) ?? 1) == 0
}
