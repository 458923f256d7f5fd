import Foundation
import Testing
import S1CheckCore
import S1CheckTestSupport

/// `check --results` and `fix --results` through the real binary: what is read, and that nothing is
/// skipped silently (docs/execution.md, "Reading results").
@Suite struct ResultsOptionTests {
    static let drifted = #"{"id": "DR-1", "title": "t", "phase": "FOC", "tbrd": "1.24", "deviceModels": [{"type": "ESME", "manufacturer": "m", "model": "x", "firmware": "1"}], "artefacts": [{"document": "SEC", "version": "71.0"}]}"#

    static func suite(_ plan: String, _ cases: String = #"<testcase classname="t" name="a"/>"#) -> String {
        #"<?xml version="1.0" encoding="UTF-8"?><testsuite name="s" timestamp="2023-06-10T10:00:00"><properties><property name="s1check.plan" value="\#(plan)"/></properties>\#(cases)</testsuite>"#
    }

    @Test func aMissingResultsPathIsAnInputErrorAndThePlansAreStillReported() throws {
        let s = Scratch()
        s.write("plans/ok.plan.json", CLI.goodPlan)
        let report = s.path("r.json")
        let out = try CLI.run(["check", s.path("plans"), "--results", s.path("nowhere"), "--json", report, "--as-of", "2023-06-15"])
        #expect(out.status == 2)
        #expect(out.all.contains("nowhere: error: cannot read this results path"))
        let json = try CLI.json(URL(fileURLWithPath: report))
        let files = (json["plans"] as! [[String: Any]]).map { $0["file"] as! String }
        #expect(files.contains { $0.hasSuffix("ok.plan.json") }, "the plan's result is kept: \(files)")
        #expect(files.contains { $0.hasSuffix("nowhere") })
    }

    @Test func aFolderWithoutXMLIsAnInputError() throws {
        let s = Scratch()
        s.write("plans/ok.plan.json", CLI.goodPlan)
        s.write("results/log.txt", "not results")
        let out = try CLI.run(["check", s.path("plans"), "--results", s.path("results"), "--as-of", "2023-06-15"])
        #expect(out.status == 2)
        #expect(out.all.contains("results: error: no *.xml file in this folder"))
    }

    /// A bad file among good ones: its error names file:line:column; the good files are still read.
    @Test func aMalformedResultsFileIsAnInputErrorAtItsLineAndColumn() throws {
        let s = Scratch()
        s.write("plans/ok.plan.json", CLI.goodPlan)
        s.write("results/a/good.xml", Self.suite("OK-1"))
        s.write("results/b/bad.XML", "<testsuite name=\"s\">\n  <testcase name=\"x\">\n")
        let out = try CLI.run(["check", s.path("plans"), "--results", s.path("results"), "--as-of", "2023-06-15"])
        #expect(out.status == 2)
        #expect(out.all.contains("bad.XML:3:1: error:"), "\(out.all)")
        #expect(out.all.contains("is it truncated?"))
        #expect(!out.all.contains("good.xml:"), "the good file reads cleanly")
    }

    @Test func standardInputIsNotAResultsPath() throws {
        let out = try CLI.run(["check", "Plans", "--results", "-"])
        #expect(out.status == 2)
        #expect(out.stderr.contains("--results needs a file or folder"))
    }

    /// A report never overwrites a results file: it is an input.
    @Test func aReportOverAResultsFileIsRefused() throws {
        let s = Scratch()
        s.write("plans/ok.plan.json", CLI.goodPlan)
        let results = s.write("results.xml", Self.suite("OK-1"))
        let before = try Data(contentsOf: URL(fileURLWithPath: results))
        let out = try CLI.run(["check", s.path("plans"), "--results", results, "--junit", results, "--as-of", "2023-06-15"])
        #expect(out.status == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: results)) == before)
    }

    /// fix --results leaves a plan whose tests ran as it is, says why and what to do, and exits 2; the same
    /// plan without --results is fixed (so the test fails on a fix that ignores the results).
    @Test func fixRefusesAPlanWithExecutionEvidence() throws {
        let s = Scratch()
        let plan = s.write("plans/dr.plan.json", Self.drifted)
        let results = s.write("results.xml", Self.suite("DR-1"))
        let out = try CLI.run(["fix", s.path("plans"), "--write", "--results", results])
        #expect(out.status == 2)
        #expect(out.stderr.contains("not changed: plan DR-1 has test results, 1 test case linked to it (first at \(results):1:"), "\(out.stderr)")
        #expect(out.stderr.contains("re-run its tests on the new versions"))
        #expect(try String(contentsOfFile: plan, encoding: .utf8) == Self.drifted)

        let other = s.write("other.xml", Self.suite("SOMEONE-ELSE"))
        let free = try CLI.run(["fix", s.path("plans"), "--write", "--results", other])
        #expect(free.status == 0, "\(free.stderr)")
        #expect(try String(contentsOfFile: plan, encoding: .utf8) != Self.drifted)
    }

    /// A suite named as the plan links it too (docs/execution.md, "Linking").
    @Test func fixSeesASuiteNamedAsThePlan() throws {
        let s = Scratch()
        s.write("plans/dr.plan.json", Self.drifted)
        let results = s.write("results.xml", #"<testsuites><testsuite name="DR-1"><testcase name="a"/></testsuite></testsuites>"#)
        let out = try CLI.run(["fix", s.path("plans"), "--results", results])
        #expect(out.status == 2)
        #expect(out.stdout.isEmpty, "no patch for a plan whose tests ran")
        #expect(out.stderr.contains("plan DR-1 has test results"))
    }

    /// A results file fix cannot read stops it before any plan is touched.
    @Test func fixWithAnUnreadableResultsFileChangesNothing() throws {
        let s = Scratch()
        let plan = s.write("plans/dr.plan.json", Self.drifted)
        let bad = s.write("bad.xml", "<!DOCTYPE html><html></html>")
        let out = try CLI.run(["fix", s.path("plans"), "--write", "--results", bad])
        #expect(out.status == 2)
        #expect(out.stderr.contains("bad.xml:1:1: $: this is an HTML page"), "\(out.stderr)")
        #expect(out.stderr.contains("nothing was fixed"))
        #expect(try String(contentsOfFile: plan, encoding: .utf8) == Self.drifted)
    }
}

/// The sample with its results (Plans/results): the JSON report's `execution`, per plan and for the run,
/// valid against the report schema (format 1.6).
@Suite struct ResultsJSONTests {
    static let sample = ["check", "Plans", "--devices", "Plans/devices.json", "--scope", "Plans/scope.json", "--as-of", "2023-07-31", "--results", "Plans/results"]

    @Test func theSampleRunsExecutionIsInTheJSONReport() throws {
        let s = Scratch()
        let out = try CLI.run(Self.sample + ["--json", s.path("r.json")])
        #expect(out.status == 1, "SVT-MOC-0030's test fails")
        let json = try CLI.json(s.url.appendingPathComponent("r.json"))
        #expect(json["formatVersion"] as? String == "1.6")
        let run = try #require(json["execution"] as? [String: Any])
        let cases = try #require(run["cases"] as? [String: Int])
        #expect(cases == ["total": 23, "linked": 21, "passed": 19, "unlinked": 1, "unknownPlans": 1])
        #expect(run["plans"] as? [String: Int] == ["executed": 10, "passed": 9, "notExecuted": 1])
        #expect((run["unknownPlans"] as? [[String: Any]])?.first?["id"] as? String == "SVT-FOC-0099")
        #expect(run["passedOver"] as? [String] == ["Plans/results/README.md"])
        let plans = try #require(json["plans"] as? [[String: Any]])
        func execution(_ id: String) -> [String: Any]? { plans.first { $0["id"] as? String == id }?["execution"] as? [String: Any] }
        #expect(execution("SVT-MOC-0030")?["status"] as? String == "failed")
        #expect(execution("SVT-IOC-0014")?["status"] as? String == "not-executed")
        #expect(execution("SVT-FOC-0042")?["status"] as? String == "passed")
        let failure = try #require((execution("SVT-MOC-0030")?["failures"] as? [[String: Any]])?.first)
        #expect(failure["message"] as? String == "AssertionError: threshold anomaly: register off by 0.5 at the boundary")
        // The results file is not a plan: it is not in `plans`.
        #expect(!plans.contains { ($0["file"] as? String)?.hasSuffix(".xml") == true })
    }

    @Test func withoutResultsExecutionIsNull() throws {
        let s = Scratch()
        _ = try CLI.run(Array(Self.sample.dropLast(2)) + ["--json", s.path("r.json")])
        let json = try CLI.json(s.url.appendingPathComponent("r.json"))
        #expect(json["execution"] is NSNull)
        #expect((json["plans"] as? [[String: Any]])?.allSatisfy { $0["execution"] is NSNull } == true)
    }

    @Test(.enabled(if: ExternalTool.checkJSONSchema.shouldRun, Comment(rawValue: ExternalTool.checkJSONSchema.skipReason)))
    func theReportIsValidAgainstItsSchema() throws {
        let s = Scratch()
        _ = try CLI.run(Self.sample + ["--json", s.path("r.json")])
        let v = try ExternalTool.checkJSONSchema.run(["--schemafile", "Plans/schemas/report.schema.json", s.path("r.json")], in: CLI.packageRoot)
        #expect(v.status == 0, "\(v.out)\(v.err)")
    }
}

/// Every human report carries the execution evidence (docs/execution.md, "In the reports").
@Suite struct ResultsReportsTests {
    /// A failing test stands in the results file: SARIF, Code Quality, GitHub annotations and JUnit's
    /// location put the plan's test-results finding at its test case there (file, line and column).
    @Test func aFailingTestIsLocatedAtItsCaseInTheResultsFile() throws {
        let s = Scratch()
        let out = try CLI.run(ResultsJSONTests.sample + ["--sarif", s.path("r.sarif"), "--codequality", s.path("cq.json"),
                                                          "--junit", s.path("j.xml"), "--format", "github"])
        let place = "Plans/results/rig-2023-07-03.xml"
        let sarif = try CLI.json(s.url.appendingPathComponent("r.sarif"))
        let results = try #require(((sarif["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]))
        let failing = try #require(results.first { ($0["message"] as? [String: Any])?["text"].map { "\($0)" }?.contains("test_threshold_anomaly failed") == true })
        let physical = try #require(((failing["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]))
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == place)
        #expect((physical["region"] as? [String: Any])?["startLine"] as? Int == 1)
        #expect((physical["region"] as? [String: Any])?["startColumn"] as? Int == 1327)
        let quality = try JSONSerialization.jsonObject(with: Data(contentsOf: s.url.appendingPathComponent("cq.json"))) as! [[String: Any]]
        let entry = try #require(quality.first { ($0["description"] as? String)?.contains("test_threshold_anomaly failed") == true })
        #expect((entry["location"] as? [String: Any])?["path"] as? String == place)
        #expect(out.stdout.contains("::error file=\(place),line=1,col=1327,title=SVT-MOC-0030 · test-results"), "\(out.stdout)")
        #expect(try String(contentsOfFile: s.path("j.xml"), encoding: .utf8).contains("location: \(place):1:1327"))
    }

    @Test func consoleSummaryAndPackSayWhatRanAndPassed() throws {
        let s = Scratch()
        let out = try CLI.run(ResultsJSONTests.sample + ["--summary", s.path("s.md"), "--markdown", s.path("p.md")])
        #expect(out.stdout.contains("execution: 3 results files, 23 test cases: 21 linked to plans (19 passed), 1 to an unknown plan id, 1 to none; 10 of 11 plans executed, 9 passed\n"), "\(out.stdout)")
        #expect(out.stdout.contains("execution: 1 test case linked to no plan: test_sample_plans.test_harness_self_check (Plans/results/rig-2023-06-12.xml:1:3305)"))
        #expect(out.stdout.contains("Plans/results/rig-2023-06-12.xml:1: warning: 1 test case linked to SVT-FOC-0099, which no plan in this run has"))
        #expect(out.stdout.contains("error: test case test_sample_plans.test_threshold_anomaly failed at Plans/results/rig-2023-07-03.xml:1:1327"))
        let summary = try String(contentsOfFile: s.path("s.md"), encoding: .utf8)
        #expect(summary.contains("| Execution | 3 results files, 23 test cases: 21 linked to plans (19 passed)"))
        let pack = try String(contentsOfFile: s.path("p.md"), encoding: .utf8)
        #expect(pack.contains("2 pass, 2 warn, 7 fail; 19 of 21 linked tests passed (exit status 1)."))
        #expect(pack.contains("| Plan | Status | Fail | Warn | Waived | Execution | File | SHA-256 |"))
        #expect(pack.contains("Test execution: not executed: no linked test."))
        #expect(pack.contains("Test execution: failed: 1 of 2 tests failed; dated 2023-07-03; Plans/results/rig-2023-07-03.xml (2 linked), SHA-256 `"))
    }

    @Test func withoutResultsThePackSaysExecutionWasNotChecked() throws {
        let s = Scratch()
        let out = try CLI.run(Array(ResultsJSONTests.sample.dropLast(2)) + ["--markdown", s.path("p.md")])
        #expect(!out.stdout.contains("execution:"))
        let pack = try String(contentsOfFile: s.path("p.md"), encoding: .utf8)
        #expect(pack.contains("test execution was not checked"))
        #expect(!pack.contains("| Execution |"))
    }
}

/// The sample's HTML pack with its results, in a real browser (headless Chromium, printed to PDF and read
/// back): the verdict line's test counts and the plans table's Execution column are what a reviewer sees.
@Suite(.enabled(if: Browser.shouldRun, Comment(rawValue: Browser.skipReason)))
struct ResultsBrowserTests {
    @Test func thePrintedPackShowsTheExecutionColumn() throws {
        let s = Scratch()
        _ = try CLI.run(ResultsJSONTests.sample + ["--html", s.path("pack.html")])
        let r = try Browser.run(["--no-pdf-header-footer", "--print-to-pdf=\(s.path("pack.pdf"))", Browser.url(s.path("pack.html"))], profile: s.path("profile"))
        #expect(FileManager.default.fileExists(atPath: s.path("pack.pdf")), "no PDF: \(r.err)")
        let text = try ExternalTool.pdftotext.run([s.path("pack.pdf"), "-"], timeout: 60).out
        let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("19 of 21 linked tests passed"), "the verdict line")
        #expect(words.contains("Waived Execution File"), "the plans table's Execution column")
        #expect(words.contains("not executed: no linked test") && words.contains("failed: 1 of 2 tests failed"))
    }
}
