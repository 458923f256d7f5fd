import Foundation
import Testing
import S1CheckTestSupport
import S1CheckReports
@testable import s1check

/// A report never replaces a file of the plans' folders that is not an earlier s1check report (issue 27.5).
@Suite struct ReportPlacementTests {
    /// A scratch copy of the sample plans.
    static func plans() throws -> Scratch {
        let s = Scratch()
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("Plans"), to: s.url.appendingPathComponent("Plans"))
        return s
    }

    @Test func aReportDoesNotReplaceAFilePassedOver() throws {
        let s = try Self.plans()
        let registry = try Data(contentsOf: s.url.appendingPathComponent("Plans/devices.json"))
        let out = try CLI.run(["check", "Plans", "--junit", "Plans/devices.json", "--as-of", "2023-06-01"], in: s.url)
        #expect(out.status == 2)
        #expect(out.stderr == "s1check: --junit Plans/devices.json would replace Plans/devices.json, in Plans, a folder this run searches for plans, and it is not an earlier s1check report; s1check replaces only its own reports there: give another path, or remove the file first\n", "\(out.stderr)")
        #expect(try Data(contentsOf: s.url.appendingPathComponent("Plans/devices.json")) == registry)
        // Nor any other file there that is not a report, deeper down too.
        s.write("Plans/foc/notes.md", "# our notes\n")
        let notes = try CLI.run(["check", "Plans", "--markdown", "Plans/foc/notes.md"], in: s.url)
        #expect(notes.status == 2 && notes.stderr.contains("--markdown Plans/foc/notes.md would replace Plans/foc/notes.md, in Plans/foc,"), "\(notes.stderr)")
        #expect(try String(contentsOfFile: s.path("Plans/foc/notes.md"), encoding: .utf8) == "# our notes\n")
    }

    /// A file the run reads is refused as before, and a file outside the plan folders is replaced as before.
    @Test func inputsAreRefusedAndOtherFilesReplaced() throws {
        let s = try Self.plans()
        let input = try CLI.run(["check", "Plans", "--devices", "Plans/devices.json", "--json", "Plans/devices.json"], in: s.url)
        #expect(input.status == 2 && input.stderr.contains("--json Plans/devices.json is one of the inputs"), "\(input.stderr)")
        // Another name for an input (a hard link) is refused naming both.
        try FileManager.default.linkItem(atPath: s.path("Plans/devices.json"), toPath: s.path("registry-link.json"))
        let linked = try CLI.run(["check", "Plans", "--devices", "Plans/devices.json", "--sarif", "registry-link.json"], in: s.url)
        #expect(linked.status == 2 && linked.stderr == "s1check: --sarif registry-link.json is one of the inputs (Plans/devices.json); s1check never overwrites an input\n", "\(linked.stderr)")
        s.write("elsewhere.md", "anything\n")
        let outside = try CLI.run(["check", "Plans", "--markdown", "elsewhere.md", "--as-of", "2023-06-01"], in: s.url)
        #expect(outside.status == 1, "\(outside.stderr)")
        #expect(try String(contentsOfFile: s.path("elsewhere.md"), encoding: .utf8).hasPrefix("# s1check evidence pack"))
    }

    /// Every report s1check writes is recognised as its own, so reports kept among the plans are replaced
    /// run after run; and a new report may be written there.
    @Test func earlierReportsAmongThePlansAreReplaced() throws {
        let s = try Self.plans()
        let args = ReportFormat.files.map { ["--\($0.rawValue)", "Plans/out/\($0.rawValue)"] }.flatMap { $0 }
        let first = try CLI.run(["check", "Plans", "--as-of", "2023-06-01"] + args, in: s.url)
        #expect(first.status == 1, "\(first.stderr)")
        for f in ReportFormat.files {
            let head = Array(try Data(contentsOf: s.url.appendingPathComponent("Plans/out/\(f.rawValue)")).prefix(ReportSignature.headBytes))
            #expect(ReportSignature.isReport(head), "\(f): not recognised as a report")
        }
        let again = try CLI.run(["check", "Plans", "--as-of", "2023-06-01"] + args, in: s.url)
        #expect(again.status == 1, "\(again.stderr)")
        // An empty Code Quality report (a run with no finding) holds nothing to lose.
        #expect(ReportSignature.isReport(Array("[\n]\n".utf8)))
        #expect(!ReportSignature.isReport(Array("[1, 2]\n".utf8)) && !ReportSignature.isReport(Array("{\"deviceModels\": []}".utf8)))
    }

    /// The committed example reports are recognised (a change to a report's opening must keep its mark).
    @Test func theCommittedReportsAreRecognised() throws {
        let reports = CLI.packageRoot.appendingPathComponent("Reports")
        for name in try FileManager.default.contentsOfDirectory(atPath: reports.path) {
            let head = Array(try Data(contentsOf: reports.appendingPathComponent(name)).prefix(ReportSignature.headBytes))
            #expect(ReportSignature.isReport(head), "Reports/\(name)")
        }
    }
}
