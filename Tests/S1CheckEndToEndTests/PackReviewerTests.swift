import Foundation
import Testing
import S1CheckTestSupport

/// The evidence pack for a reviewer (issue 24 item 10, issue 27 item 7), on the README's main job.
@Suite struct PackReviewerTests {
    static func pack(_ name: String) throws -> String {
        let s = Scratch()
        let (_, reports) = try GoldenReportTests.runMainJob(in: s)
        return try String(contentsOf: reports.appendingPathComponent(name), encoding: .utf8)
    }

    /// Every fact from outside the seeds is labelled so where the pack names it; the scope file is the
    /// basis of coverage; one sentence says what a PASS does and does not show; the registry's own note.
    @Test(arguments: ["report.md", "report.html"]) func factsFromOutsideTheSeedsAreLabelled(name: String) throws {
        let pack = try Self.pack(name)
        let label = "from DCC&#39;s and SECCo&#39;s public pages, not from the TBRD or the SEC documents embedded"
        let plain = "from DCC's and SECCo's public pages, not from the TBRD or the SEC documents embedded"
        let lines = pack.split(separator: "\n").map(String.init)
        for fact in ["DMCT", "F2.10A", "Depth and Breadth"] {
            // The sample's exclusion reason ("DMCT: uneconomic to test") is the scope's words, not the pack's.
            for line in lines where line.contains(fact) && !line.contains("public pages") && !line.contains("uneconomic") {
                Issue.record("\(name): \(fact) without its label: \(line.prefix(200))")
            }
        }
        #expect(pack.contains(plain) || pack.contains(label), "\(name)")
        #expect(pack.contains("basis of coverage"))
        #expect(pack.contains("test execution was not checked"))
        #expect(pack.contains("ILLUSTRATIVE ONLY"), "the registry's own note")
    }
}
