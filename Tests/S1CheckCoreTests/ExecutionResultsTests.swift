import Foundation
import Testing
@testable import S1CheckCore

/// JUnit results read into execution evidence, linked to plans, and judged by rule `test-results`.
@Suite struct ExecutionResultsTests {
    static func read(_ fixture: String, chunk: Int = 4096) throws(Diagnostic) -> JUnitResultsFile {
        try JUnitReader.read(file: fixture, bytes: Paths.bytes(Paths.fixture(fixture)), chunk: chunk)
    }

    static let samplePlanIDs: Set<String> = [
        "SVT-FOC-0042", "SVT-FOC-0051", "SVT-FOC-0063", "SVT-FOC-0071", "SVT-FOC-0080", "SVT-IOC-0008",
        "SVT-IOC-0011", "SVT-IOC-0014", "SVT-MOC-0017", "SVT-MOC-0022", "SVT-MOC-0030",
    ]

    static func messages(_ judged: [TestResultsJudgement.Judged]) -> [String] {
        judged.map { "\($0.finding.status.rawValue): \($0.finding.message)" }
    }

    // MARK: - Linking

    @Test func linksByCasePropertyThenSuitePropertyThenSuiteName() throws {
        let file = try Self.read("Execution/linking.xml", chunk: 7)
        let index = ExecutionIndex(files: [file], planIDs: ["P-1", "P-2", "P-3", "P-4"])
        #expect(index["P-1"]?.evidence.counts.linked == 1)
        let p2 = try #require(index["P-2"]).evidence
        #expect(p2.cases.map(\.name) == ["a.suite-property-applies"])
        #expect(p2.cases.first?.source == "tests/a.py:12")
        #expect(p2.combinations.map(\.combination) == ["DMC-1"])
        #expect(p2.earliest?.description == "2023-06-10")
        let p3 = try #require(index["P-3"]).evidence
        #expect(p3.counts == { var c = CaseCounts(); c.linked = 3; c.failed = 1; c.errored = 1; c.skipped = 1; return c }())
        #expect(p3.failures.map(\.message) == ["expected 4", "Boom happened"])
        #expect(p3.failures.map(\.outcome) == [.failed, .errored])
        #expect(p3.failures.first?.testCase.at.description == "Execution/linking.xml:15:5")
        #expect(p3.earliest?.description == "2023-06-11")
        // A nested suite named as a plan; the case's own combination, else the nearest suite's.
        let p4 = try #require(index["P-4"]).evidence
        #expect(p4.counts.linked == 2)
        #expect(p4.combinations.map { "\($0.combination)×\($0.cases)" } == ["DMC-2×1", "DMC-9×1"])
        #expect(p4.undated == 2)
        // Nothing dropped: the unlinked case is counted and named, the unknown plan id kept at its line.
        #expect(index.unlinked.counts.linked == 1)
        #expect(index.unlinked.cases.map(\.name) == ["nobody"])
        #expect(index.unknownPlans.map(\.planID) == ["P-GONE"])
        #expect(index.unknownPlans.first?.evidence.first?.at.description == "Execution/linking.xml:31:5")
        #expect(index.files.first?.cases == 9)
        #expect(index.files.first?.sha256 == SHA256.hex(of: Paths.bytes(Paths.fixture("Execution/linking.xml"))))
    }

    @Test func theSameFileGivesTheSameEvidenceInAnyChunking() throws {
        let whole = try Self.read("Execution/linking.xml", chunk: 1 << 20)
        for chunk in [1, 3, 64] {
            let file = try Self.read("Execution/linking.xml", chunk: chunk)
            #expect(file.groups.map(\.key) == whole.groups.map(\.key))
            #expect(file.groups.map(\.evidence.counts) == whole.groups.map(\.evidence.counts))
            #expect(file.groups.map(\.evidence.failures) == whole.groups.map(\.evidence.failures))
        }
    }

    // MARK: - The committed sample (Plans/results/rig-*.xml, three runs of the pytest harness)

    static let sampleFiles = ["rig-2023-05-15.xml", "rig-2023-06-12.xml", "rig-2023-07-03.xml"].map { "Plans/results/\($0)" }

    @Test func theSampleResultsTellTheirStory() throws {
        let files = try Self.sampleFiles.map { name in
            try JUnitReader.read(file: name, bytes: Paths.bytes(Paths.packageRoot.appendingPathComponent(name)))
        }
        let index = ExecutionIndex(files: files, planIDs: Self.samplePlanIDs)
        #expect(index.plans.count == 10)
        #expect(index["SVT-IOC-0014"] == nil)
        #expect(index["SVT-FOC-0042"]?.evidence.counts.skipped == 1)
        #expect(index["SVT-FOC-0042"]?.evidence.counts.passed == 2)
        #expect(index["SVT-MOC-0030"]?.evidence.counts.failed == 1)
        #expect(index.unknownPlans.map(\.planID) == ["SVT-FOC-0099"])
        #expect(index.unlinked.cases.map(\.name) == ["test_sample_plans.test_harness_self_check"])
        #expect(index.linkedCases == 21 && index.passedCases == 19)
        let asOf = CalendarDate(iso: "2023-07-31")!
        #expect(index["SVT-MOC-0030"]?.evidence.earliest == CalendarDate(iso: "2023-07-03"))
        let failing = TestResultsJudgement.findings(planID: "SVT-MOC-0030", window: CalendarDate(iso: "2023-05-01")!...CalendarDate(iso: "2023-07-21")!,
                                                    combinations: ["DMC-0012"], execution: index["SVT-MOC-0030"], asOf: asOf)
        let at = try #require(failing.first?.at)
        #expect(Self.messages(failing) == [
            "fail: test case test_sample_plans.test_threshold_anomaly failed at \(at): AssertionError: threshold anomaly: register off by 0.5 at the boundary",
        ])
        #expect(at.position.line == 1)
        let notRun = TestResultsJudgement.findings(planID: "SVT-IOC-0014", window: nil, combinations: [], execution: index["SVT-IOC-0014"], asOf: asOf)
        #expect(Self.messages(notRun) == ["fail: not executed: no test case in the results is linked to SVT-IOC-0014 (link one with the property s1check.plan=SVT-IOC-0014 on the testcase or testsuite, or a testsuite named SVT-IOC-0014)"])
        #expect(Self.messages(TestResultsJudgement.unknownPlans(index)).first?.hasPrefix("warn: 1 test case linked to SVT-FOC-0099, which no plan in this run has (first: test_sample_plans.test_retired_plan at Plans/results/rig-2023-06-12.xml:") == true)
        #expect(TestResultsJudgement.countsForCoverage(index["SVT-FOC-0042"]))
        #expect(!TestResultsJudgement.countsForCoverage(index["SVT-MOC-0030"]))
        #expect(!TestResultsJudgement.countsForCoverage(index["SVT-IOC-0014"]))
    }

    // MARK: - Other producers

    @Test func readsXCTestXUnitOutput() throws {
        let file = try Self.read("Execution/producers/swift-test-xunit.xml")
        let index = ExecutionIndex(files: [file], planIDs: Self.samplePlanIDs)
        #expect(index.plans.isEmpty)
        #expect(index.unlinked.counts.linked == 3 && index.unlinked.counts.failed == 1)
        #expect(index.unlinked.failures.map(\.message) == ["failure"])
        #expect(index.unlinked.cases.map(\.name).first == "TinyTests.SVT_FOC_0042Tests.testReadTariff")
        #expect(index.unlinked.undated == 3)
        // The suite name is the only link XCTest's output allows.
        let linked = ExecutionIndex(files: [file], planIDs: ["TestResults"])
        #expect(linked["TestResults"]?.evidence.counts.linked == 3)
    }

    @Test func readsSwiftTestingXUnitOutput() throws {
        let file = try Self.read("Execution/producers/swift-testing-xunit.xml")
        let index = ExecutionIndex(files: [file], planIDs: Self.samplePlanIDs)
        let c = index.unlinked.counts
        #expect((c.linked, c.passed, c.failed, c.skipped) == (3, 1, 1, 1))
        #expect(index.unlinked.failures.first?.message == "Expectation failed: (tariff(3) → 6) == 7 (error): tariff rounding is off by one")
    }

    // MARK: - The judgement

    static func evidence(_ xml: String, plans: Set<String> = ["P"]) throws -> ExecutionIndex {
        ExecutionIndex(files: [try JUnitReader.read(file: "r.xml", bytes: Array(xml.utf8))], planIDs: plans)
    }

    static let june = CalendarDate(iso: "2023-06-01")!...CalendarDate(iso: "2023-06-30")!

    @Test func everyRowOfTheRulesTable() throws {
        func judge(_ xml: String, combinations: [String] = ["DMC-1"], window: ClosedRange<CalendarDate>? = Self.june,
                   asOf: CalendarDate = CalendarDate(iso: "2023-07-01")!) throws -> [String] {
            let index = try Self.evidence(xml)
            return Self.messages(TestResultsJudgement.findings(planID: "P", window: window, combinations: combinations, execution: index["P"], asOf: asOf))
        }
        let ok = #"<testsuite name="P" timestamp="2023-06-10T10:00:00"><testcase name="t"/></testsuite>"#
        #expect(try judge(ok).first?.hasPrefix("pass: executed: 1 test case linked, 1 passed; results r.xml (sha256 ") == true)
        #expect(try judge(ok).count == 1)
        #expect(try judge(#"<testsuite name="P" timestamp="2023-06-10"><testcase name="t"><skipped/></testcase></testsuite>"#)
                == ["fail: not executed: the 1 test case linked to P was skipped (first: t at r.xml:1:44)"])
        #expect(try judge(#"<testsuite name="Q"><testcase name="t"/></testsuite>"#).first?.hasPrefix("fail: not executed: no test case") == true)
        #expect(try judge(#"<testsuite name="P" timestamp="2023-06-10"><testcase name="t"><error message="boom"/></testcase></testsuite>"#)
                == ["fail: test case t errored at r.xml:1:44: boom"])
        #expect(try judge(#"<testsuite name="P" timestamp="2023-06-10"><properties><property name="s1check.combination" value="DMC-7"/></properties><testcase name="t"/></testsuite>"#)
                == ["fail: 1 test case ran on DMC-7, a device model combination the plan does not declare (it declares DMC-1); first at r.xml:1:121",
                    "pass: executed: 1 test case linked, 1 passed; results r.xml (sha256 596dc3e4ae95…)"])
        #expect(try judge(#"<testsuite name="P" timestamp="2023-05-31T23:00:00"><testcase name="t"/></testsuite>"#).first
                == "warn: results dated 2023-05-31, outside the plan's window 2023-06-01 to 2023-06-30")
        #expect(try judge(ok, asOf: CalendarDate(iso: "2023-06-05")!).first == "warn: results dated 2023-06-10, after the date the run is checked as of (2023-06-05)")
        #expect(try judge(#"<testsuite name="P"><testcase name="t"/></testsuite>"#).first
                == "pass: note: 1 test case carries no timestamp (its suite has none): the dates cannot be checked (first at r.xml:1:21)")
    }

    /// A plan's evidence keeps its counts and its first case, not a list that grows with its cases.
    @Test func aPlansEvidenceDoesNotGrowWithItsCases() throws {
        func evidence(_ n: Int) throws -> ExecutionEvidence {
            let cases = (0..<n).map { #"<testcase name="t\#($0)"><properties><property name="s1check.plan" value="P"/></properties></testcase>"# }
            return try #require(try Self.evidence("<testsuite>" + cases.joined() + "</testsuite>")["P"]).evidence
        }
        let (one, many) = (try evidence(10), try evidence(1000))
        #expect(many.counts.linked == 1000)
        #expect(one.cases.count == 1 && many.cases.count == 1)
        #expect(many.first?.name == "t0")
    }

    @Test func aBadTimestampIsAnInputError() {
        #expect(throws: Diagnostic.input(file: "r.xml", path: "/testsuite", position: SourcePosition(line: 1, column: 1),
                                         message: "the timestamp \"yesterday\" is not a date: expected ISO 8601 (2023-06-05T10:00:00, a time zone may follow)")) {
            _ = try Self.evidence(#"<testsuite name="P" timestamp="yesterday"><testcase name="t"/></testsuite>"#)
        }
    }

    @Test func theRootMustBeJUnit() {
        #expect(throws: Diagnostic.input(file: "r.xml", path: "/html", position: SourcePosition(line: 1, column: 1),
                                         message: "the root element is <html> (this is an HTML page): expected JUnit XML, whose root is <testsuites> or <testsuite>")) {
            _ = try Self.evidence("<html><body/></html>")
        }
    }
}
