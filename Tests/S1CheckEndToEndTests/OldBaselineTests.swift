import Foundation
import Testing
import S1CheckTestSupport

/// Issue 27 item 8: when `--as-of` is more than a year after the baseline's TBRD date, every report says
/// once that a later TBRD issue may exist and how to check one; the sample (as of 2023-06-01) says nothing.
@Suite struct OldBaselineTests {
    static let sentence = "a later TBRD issue may exist"

    /// The README's main job at `asOf`: the console output and each report's text by file name.
    static func run(asOf: String) throws -> (console: String, reports: [String: String]) {
        let s = Scratch()
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("Plans"), to: s.url.appendingPathComponent("Plans"))
        var job = GoldenReportTests.mainJob
        job[job.firstIndex(of: "--as-of")! + 1] = asOf
        let out = try CLI.run(job + GoldenReportTests.reportOptions(folder: "Reports"), in: s.url)
        #expect(out.status == 1, "\(out.all)")
        var reports: [String: String] = [:]
        for name in GoldenReportTests.reportNames {
            reports[name] = try String(contentsOf: s.url.appendingPathComponent("Reports/\(name)"), encoding: .utf8)
        }
        return (out.stdout, reports)
    }

    static func count(_ text: String) -> Int { text.components(separatedBy: sentence).count - 1 }

    @Test func anAsOfYearsAfterTheTBRDIsSaidOnceInEveryReport() throws {
        let (console, reports) = try Self.run(asOf: "2026-12-05")
        #expect(Self.count(console) == 1, "\(console)")
        #expect(console.contains("s1check baseline export") && console.contains("--baseline FILE"))
        for (name, text) in reports where name != "report.json" {
            #expect(Self.count(text) == 1, "\(name) says it \(Self.count(text)) times")
            #expect(text.contains("s1check baseline export"), "\(name)")
        }
        let json = try JSONSerialization.jsonObject(with: Data(reports["report.json"]!.utf8)) as! [String: Any]
        #expect((json["baseline"] as! [String: Any])["mayBeSuperseded"] as? Bool == true)
    }

    @Test(arguments: ["2023-06-01", "2024-05-10"]) func withinAYearNothingIsSaid(asOf: String) throws {
        let (console, reports) = try Self.run(asOf: asOf)
        #expect(Self.count(console) == 0)
        for (name, text) in reports { #expect(Self.count(text) == 0, "\(name)") }
        let json = try JSONSerialization.jsonObject(with: Data(reports["report.json"]!.utf8)) as! [String: Any]
        #expect((json["baseline"] as! [String: Any])["mayBeSuperseded"] as? Bool == false)
    }

    @Test func theDayAfterTheAnniversaryItIsSaid() throws {
        let (console, _) = try Self.run(asOf: "2024-05-11")
        #expect(Self.count(console) == 1)
    }
}
