import Foundation
import Testing
import S1CheckTestSupport

/// One model (issue 23 item 1): an input error, a coverage cell and an unused shared waiver are findings
/// of files, so every output of one run lists all three, through the same road as a plan's findings.
@Suite struct OneModelTests {
    @Test func everyOutputListsAnInputErrorACoverageCellAndAnUnusedSharedWaiver() throws {
        let s = Scratch()
        _ = s.write("plans/ok.plan.json", CLI.goodPlan)
        _ = s.write("plans/broken.plan.json", #"{"id": "B-1", "title": 7}"#)
        _ = s.write("policy.json", #"{"waivers": [{"rule": "unknown-document", "document": "Appendix ZZ", "reason": "never", "approvedBy": "QA", "expires": "2099-01-01"}]}"#)
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("Plans/devices.json"), to: s.url.appendingPathComponent("devices.json"))
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("Plans/scope.json"), to: s.url.appendingPathComponent("scope.json"))
        let common = ["check", "plans", "--keep-going", "--config", "policy.json", "--devices", "devices.json", "--scope", "scope.json", "--as-of", "2023-06-01"]
        let out = try CLI.run(common + GoldenReportTests.reportOptions(folder: "out"), in: s.url)
        #expect(out.status == 1, "\(out.all)")
        let github = try CLI.run(common + ["--format", "github"], in: s.url)
        let folder = s.url.appendingPathComponent("out")
        // The first cell that is not covered, as the JSON report states it.
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("report.json"))) as! [String: Any]
        let cells = (json["coverage"] as! [String: Any])["cells"] as! [[String: Any]]
        let cell = try #require(cells.first { $0["status"] as? String == "fail" })
        let combination = cell["combination"] as! String
        var outputs = [("console", out.stdout), ("github", github.stdout)]
        for name in GoldenReportTests.reportNames {
            outputs.append((name, try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)))
        }
        for (name, text) in outputs {
            #expect(text.contains("broken.plan.json"), "\(name) does not list the input error")
            #expect(text.contains(combination), "\(name) does not list the coverage cell \(combination)")
            #expect(text.contains("Appendix ZZ"), "\(name) does not list the unused shared waiver")
        }
        // The console lists the unused shared waiver as a finding line of the policy file, before the summary.
        let lines = out.stdout.split(separator: "\n")
        let unused = try #require(lines.firstIndex { $0.hasPrefix("policy.json:1: warning: ") && $0.hasSuffix("[waiver]") }, "\(out.stdout)")
        let summary = try #require(lines.firstIndex { $0.contains("plans checked") || $0.contains("plan checked") })
        #expect(unused < summary)
        // SARIF: a result of the registered `waiver` rule on the policy file, as a plan's unused waiver is.
        let sarif = try String(contentsOf: folder.appendingPathComponent("s1check.sarif"), encoding: .utf8)
        #expect(sarif.contains(#""ruleId": "waiver""#) && !sarif.contains("unused-shared-waiver"))
    }
}
