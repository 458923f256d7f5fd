import Foundation
import Testing
import S1CheckTestSupport

/// Quiet CI logs (issue 27.1): `--quiet`, `--verbose`, `--statistics`, and waived findings that are no
/// GitHub annotations.
@Suite struct ConsoleDetailTests {
    static let run = ["check", "Plans", "--as-of", "2023-06-01"]

    /// The finding lines (before the summary's blank line).
    static func findingLines(_ out: CLI.Output) -> [Substring] {
        out.stdout.components(separatedBy: "\n\n")[0].split(separator: "\n").filter { !$0.hasPrefix("  hint: ") }
    }

    @Test func quietShowsOnlyWhatFailsOrWarnsAndTheSummary() throws {
        let normal = try CLI.run(Self.run), quiet = try CLI.run(Self.run + ["--quiet"])
        #expect(normal.status == 1 && quiet.status == 1)
        let all = Self.findingLines(normal), few = Self.findingLines(quiet)
        #expect(all.contains { $0.contains(": note: ") && $0.hasSuffix("[consultation]") }, "the waived finding, without --quiet")
        #expect(few == all.filter { !$0.contains(": note: ") }, "\(few)")
        #expect(few.allSatisfy { $0.contains(": error: ") || $0.contains(": warning: ") })
        #expect(quiet.stdout.components(separatedBy: "\n\n")[1] == normal.stdout.components(separatedBy: "\n\n")[1], "the same summary")
    }

    @Test func verboseShowsThePassesToo() throws {
        let out = try CLI.run(["check", "Plans/moc/SVT-MOC-0017-mmc-drift.plan.json", "--as-of", "2023-06-01", "--verbose"])
        #expect(out.status == 1)
        let lines = Self.findingLines(out)
        #expect(lines.contains("Plans/moc/SVT-MOC-0017-mmc-drift.plan.json:6: pass: prepared against TBRD 1.24, the baseline in use [tbrd-version]"), "\(lines)")
        #expect(lines.contains { $0.contains(": error: ") && $0.hasSuffix("[artefact-version]") })
        let quiet = try CLI.run(["check", "Plans", "--quiet", "--verbose"])
        #expect(quiet.status == 2 && quiet.stderr == "s1check: --quiet and --verbose contradict each other: give one\n", "\(quiet.stderr)")
    }

    /// Counts per rule and status, as ruff's `--statistics`, agreeing with the JSON report.
    @Test func statisticsCountEachRuleAndStatus() throws {
        let s = Scratch()
        let out = try CLI.run(Self.run + ["--statistics", "--quiet", "--json", s.path("r.json")])
        #expect(out.status == 1)
        let block = try #require(out.stdout.components(separatedBy: "\n\n").first { $0.hasPrefix("findings by rule and status:") })
        var counted: [String: Int] = [:]
        for line in block.split(separator: "\n").dropFirst() {
            let words = line.split(separator: " ")
            counted["\(words[2]) \(words[1])"] = Int(words[0])
        }
        var expected: [String: Int] = [:]
        for plan in try #require(try CLI.json(s.url.appendingPathComponent("r.json"))["plans"] as? [[String: Any]]) {
            for f in plan["findings"] as? [[String: Any]] ?? [] where f["status"] as? String != "pass" {
                expected["\(f["rule"]!) \(f["status"]!)", default: 0] += 1
            }
        }
        #expect(counted == expected, "\(block)")
        #expect(block.contains("\n  2  fail     artefact-version\n"), "\(block)")
    }

    /// Waived findings are never GitHub annotations: a plain line without --quiet, nothing with it; the
    /// reports keep them.
    @Test func waivedFindingsAreNoAnnotations() throws {
        let s = Scratch()
        let out = try CLI.run(Self.run + ["--format", "github", "--sarif", s.path("r.sarif")])
        #expect(out.status == 1)
        #expect(!out.stdout.contains("(waived)::"), "\(out.stdout)")
        let waived = out.stdout.split(separator: "\n").filter { $0.hasPrefix("waived: ") }
        #expect(waived.count == 1 && waived[0].hasPrefix("waived: Plans/foc/SVT-FOC-0042-duis-read-tariff.plan.json:45: Appendix AM 12.0 is provisional"), "\(waived)")
        let results = try #require((try CLI.json(s.url.appendingPathComponent("r.sarif"))["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        #expect(results.contains { ($0["suppressions"] as? [Any])?.isEmpty == false }, "SARIF keeps the waived finding")
        let quiet = try CLI.run(Self.run + ["--format", "github", "--quiet"])
        #expect(!quiet.stdout.contains("waived: ") && !quiet.stdout.contains("::notice"), "\(quiet.stdout)")
        #expect(quiet.stdout.contains("::error file=Plans/moc/SVT-MOC-0017-mmc-drift.plan.json,line=33,"))
    }
}
