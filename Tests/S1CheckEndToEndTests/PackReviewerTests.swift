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
        #expect(pack.contains("19 of 21 linked tests passed"), "the sample reads its test results (--results)")
        #expect(pack.contains("ILLUSTRATIVE ONLY"), "the registry's own note")
    }

    /// The pack names no output path, so writing it elsewhere gives the same bytes (issue 27 item 7).
    @Test func packsWrittenToDifferentPlacesAreIdentical() throws {
        let s = Scratch()
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("Plans"), to: s.url.appendingPathComponent("Plans"))
        try FileManager.default.createDirectory(at: s.url.appendingPathComponent("other/place"), withIntermediateDirectories: true)
        _ = try CLI.run(GoldenReportTests.mainJob + ["--html", "a.html", "--markdown", "a.md"], in: s.url)
        _ = try CLI.run(GoldenReportTests.mainJob + ["--html=other/place/b.html", "--json", "x.json", "--markdown", "other/b.md"], in: s.url)
        for (a, b) in [("a.html", "other/place/b.html"), ("a.md", "other/b.md")] {
            let x = try Data(contentsOf: s.url.appendingPathComponent(a)), y = try Data(contentsOf: s.url.appendingPathComponent(b))
            #expect(!x.isEmpty && x == y, "\(a) and \(b) differ")
        }
    }

    /// The failure and warning tables carry each finding's message, not only its clause.
    @Test(arguments: ["report.md", "report.html"]) func blockerTablesCarryTheMessage(name: String) throws {
        let pack = try Self.pack(name)
        let blockers = pack.components(separatedBy: "What blocks the release")[1].components(separatedBy: "Coverage of the release scope")[0]
        #expect(blockers.contains("Appendix AF is declared at 5.0, which is in legal effect"), "\(name)")
        #expect(blockers.contains("the plan gives no test window"), "\(name)")
    }
}
