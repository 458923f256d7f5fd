import Foundation
import Testing
import S1CheckTestSupport

/// The CI outputs through the binary: `--format github`, file locations relative to the working folder,
/// and the committed example reports against their validators.
@Suite struct CIOutputTests {
    static let failingPlan = """
        {"id": "E2E-1", "title": "t", "phase": "FOC", "tbrd": "1.24",
         "deviceModels": [{"type": "ESME", "manufacturer": "M", "model": "X", "firmware": "1"}],
         "artefacts": [{"document": "AD", "version": "5.0"}]}
        """

    @Test func githubFormatIsWorkflowCommandsThenTheSummary() throws {
        let out = try CLI.run(GoldenReportTests.mainJob + ["--format", "github"])
        #expect(out.status == 1)
        let parts = out.stdout.components(separatedBy: "\n\n")
        #expect(parts.count == 2)
        // A waived finding is a plain log line, never an annotation (issue 27.1).
        let lines = parts[0].split(separator: "\n")
        let commands = lines.filter { !$0.hasPrefix("waived: ") }
        #expect(lines.count - commands.count == 2, "the waived consultation and the excluded coverage cell")
        // 24: the six coverage cells covered only by plans that warn or pass with deviations warn (issue 24.4);
        // with the sample's test results, the failing test, the plan not executed, the unknown plan id and the
        // cell whose only plan's test failed (issue 25).
        #expect(commands.count == 24 && commands.allSatisfy { $0.hasPrefix("::error file=") || $0.hasPrefix("::warning file=") || $0.hasPrefix("::notice file=") })
        #expect(commands.contains("::error file=Plans/moc/SVT-MOC-0017-mmc-drift.plan.json,line=33,title=SVT-MOC-0017 · artefact-version · Appendix AF::Appendix AF is declared at 5.0, which is in legal effect, but TBRD 1.24 Annex A lists the more recent 5.1, which is the relevant version in its place (paragraph 3): the plan has drifted"))
        // The release scope's gaps are annotations on the scope file, at each cell's line.
        #expect(commands.contains("::error file=Plans/scope.json,line=12,title=Plans/scope.json · coverage · MOC · DMC-0012 · SRVT · Mixed::no plan in this run covers DMC-0012 in MOC, SRVT testing on Mixed installations"))
        #expect(parts[1].hasPrefix("FAIL: 11 plans checked") && !parts[1].contains("\u{1B}["))
        let text = try CLI.run(GoldenReportTests.mainJob + ["--format", "text"])
        #expect(text.stdout == (try CLI.run(GoldenReportTests.mainJob)).stdout, "text is the default")
        let bad = try CLI.run(GoldenReportTests.mainJob + ["--format", "yaml"])
        #expect(bad.status == 2 && bad.stderr.contains("--format must be text or github, not \"yaml\""))
    }

    /// A plan named relative (with `./`), absolute inside the working folder, and outside it.
    @Test func locationsAreRelativeToTheWorkingFolder() throws {
        let s = Scratch(), elsewhere = Scratch()
        s.write("plans/in.plan.json", Self.failingPlan)
        let outside = elsewhere.write("out.plan.json", Self.failingPlan.replacingOccurrences(of: "E2E-1", with: "E2E-2"))
        let absolute = s.path("plans/in.plan.json")
        for given in ["./plans/in.plan.json", absolute] {
            let out = try CLI.run(["check", given, outside, "--as-of", "2023-06-01", "--sarif", "r.sarif", "--codequality", "cq.json", "--format", "github"], in: s.url)
            #expect(out.status == 1)
            let sarif = try CLI.json(s.url.appendingPathComponent("r.sarif"))
            let results = (sarif["runs"] as! [[String: Any]])[0]["results"] as! [[String: Any]]
            let uris = Set(results.map { (((($0["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any])["artifactLocation"] as! [String: Any])["uri"] as! String) })
            // Scratch paths hold only unreserved characters, so the URI is the path as it is.
            #expect(uris == ["plans/in.plan.json", "file://" + outside], "\(uris)")
            let cq = try JSONSerialization.jsonObject(with: Data(contentsOf: s.url.appendingPathComponent("cq.json"))) as! [[String: Any]]
            #expect(Set(cq.map { ($0["location"] as! [String: Any])["path"] as! String }) == ["plans/in.plan.json", outside])
            #expect(out.stdout.contains("::error file=plans/in.plan.json,line=3,title=E2E-1 · artefact-version · Appendix AD::"))
        }
    }

    @Test func everyReportIsByteIdenticalOnReRun() throws {
        let s = Scratch()
        var runs: [[Data]] = []
        // One folder for both runs: the evidence packs print the command, folder and all.
        for _ in 0..<2 {
            _ = try CLI.run(GoldenReportTests.mainJob + GoldenReportTests.reportOptions(folder: s.path("out")))
            runs.append(try GoldenReportTests.reportNames.map { try Data(contentsOf: s.url.appendingPathComponent("out/\($0)")) })
        }
        #expect(runs[0] == runs[1])
    }

    @Test(.enabled(if: ExternalTool.checkJSONSchema.shouldRun, Comment(rawValue: ExternalTool.checkJSONSchema.skipReason)))
    func committedReportsPassTheirValidators() throws {
        func validate(_ args: [String]) throws -> (Int32, String) {
            let r = try ExternalTool.checkJSONSchema.run(args, in: CLI.packageRoot)
            return (r.status, r.out + r.err)
        }
        let json = try validate(["--schemafile", "Plans/schemas/report.schema.json", "Reports/report.json"])
        #expect(json.0 == 0, "\(json.1)")
        let cq = try validate(["--schemafile", "Tests/Fixtures/Schemas/gitlab-codequality.schema.json", "Reports/codequality.json"])
        #expect(cq.0 == 0, "\(cq.1)")
        if PinnedSchema.sarif.shouldRun {
            #expect(try PinnedSchema.sarif.verified())
            let sarif = try validate(["--schemafile", PinnedSchema.sarif.path, "Reports/s1check.sarif"])
            #expect(sarif.0 == 0, "\(sarif.1)")
        }
        if ExternalTool.cmarkGFM.shouldRun {
            let html = try MarkdownRenderer.cmarkGFM.html(Array(try Data(contentsOf: CLI.packageRoot.appendingPathComponent("Reports/summary.md"))))
            #expect(html.components(separatedBy: "<table>").count - 1 == 2)
        }
    }
}
