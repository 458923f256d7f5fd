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
