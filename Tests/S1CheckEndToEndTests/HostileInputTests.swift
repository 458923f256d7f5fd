import Foundation
import Testing
import S1CheckTestSupport

/// Whatever lands in a plan folder, the gate never crashes, hangs, passes by accident or loses a file:
/// each case gets a correct result or a clear error naming the file (exit 2), within seconds.
@Suite struct HostileInputTests {

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: @Sendable () -> [UInt8]
        var message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "empty file", bytes: { [] }, message: "holds no JSON value"),
        Case(name: "whitespace only", bytes: { Array(" \n\t\r\n ".utf8) }, message: "holds no JSON value"),
        Case(name: "array at the top", bytes: { Array("[1, 2]".utf8) }, message: "found an array"),
        Case(name: "scalar at the top", bytes: { Array("42".utf8) }, message: "found the number 42"),
        Case(name: "nesting 300,000 deep", bytes: { Array((String(repeating: "[", count: 300_000) + String(repeating: "]", count: 300_000)).utf8) },
             message: "nesting deeper than 64 levels"),
        Case(name: "invalid UTF-8", bytes: { Array(#"{"id": ""#.utf8) + [0xC0, 0x80] + Array(#""}"#.utf8) }, message: "not valid UTF-8"),
        Case(name: "raw NUL in a string", bytes: { Array(CLI.goodPlan.replacingOccurrences(of: "\"t\"", with: "\"a\u{0}b\"").utf8) },
             message: "control character 0x00"),
        Case(name: "escaped NUL in a string", bytes: { Array(CLI.goodPlan.replacingOccurrences(of: "\"t\"", with: #""a\u0000b""#).utf8) },
             message: "control character U+0000"),
        Case(name: "escaped control character in a string", bytes: { Array(CLI.goodPlan.replacingOccurrences(of: "\"t\"", with: #""a\u001bb""#).utf8) },
             message: "control character U+001B"),
        Case(name: "30 MB string", bytes: { Array(CLI.goodPlan.replacingOccurrences(of: "\"t\"", with: "\"" + String(repeating: "x", count: 30_000_000) + "\"").utf8) },
             message: "larger than 16 MiB"),
        Case(name: "a number where a version belongs", bytes: { Array(CLI.goodPlan.replacingOccurrences(of: "\"72.0\"", with: "5.10").utf8) },
             message: "found the number 5.10"),
        Case(name: "duplicate keys", bytes: { Array(CLI.goodPlan.replacingOccurrences(of: "\"phase\": \"FOC\"", with: "\"phase\": \"FOC\", \"phase\": \"IOC\"").utf8) },
             message: "duplicate key \"phase\""),
        Case(name: "2023-02-30", bytes: { Array(CLI.goodPlan.replacingOccurrences(of: "\"tbrd\"", with: #""window": {"start": "2023-02-30", "end": "2023-03-30"}, "tbrd""#).utf8) },
             message: "real calendar date"),
        Case(name: "lone surrogate", bytes: { Array(CLI.goodPlan.replacingOccurrences(of: "\"t\"", with: #""\ud800""#).utf8) },
             message: "lone surrogate"),
    ]

    @Test(arguments: cases)
    func badFileIsAClearInputErrorAndOthersStillReport(_ c: Case) throws {
        let s = Scratch()
        s.write("plans/bad.plan.json", c.bytes())
        s.write("plans/good.plan.json", CLI.goodPlan)
        let out = try CLI.run(["check", "plans", "--as-of", "2023-06-01", "--json", "r.json"], in: s.url, timeout: 20)
        #expect(out.status == 2, "\(out.all.prefix(500))")
        let line = out.stdout.split(separator: "\n").first { $0.hasPrefix("plans/bad.plan.json") }
        #expect(line?.contains(c.message) == true, "\(out.stdout.prefix(500))")
        #expect(line?.hasSuffix("[input-error]") == true)
        // The good plan is still checked and reported, and the report is whole.
        let report = try CLI.json(s.url.appendingPathComponent("r.json"))
        let plans = report["plans"] as! [[String: Any]]
        #expect(plans.map { $0["file"] as? String } == ["plans/bad.plan.json", "plans/good.plan.json"])
        #expect(plans[1]["status"] as? String == "pass")
        // The input is untouched.
        #expect(try Data(contentsOf: s.url.appendingPathComponent("plans/bad.plan.json")) == Data(c.bytes()))
    }

    @Test func byteOrderMarkIsAccepted() throws {
        let s = Scratch()
        let file = s.write("bom.plan.json", [0xEF, 0xBB, 0xBF] + Array(CLI.goodPlan.utf8))
        let out = try CLI.run(["check", file, "--as-of", "2023-06-01"])
        #expect(out.status == 0, "\(out.all)")
    }

    @Test func emptyFolderMissingPathAndNoPlanAreInputErrors() throws {
        let s = Scratch()
        try FileManager.default.createDirectory(at: s.url.appendingPathComponent("empty"), withIntermediateDirectories: true)
        let empty = try CLI.run(["check", "empty"], in: s.url)
        #expect(empty.status == 2)
        #expect(empty.stdout.contains("empty: error: no *.plan.json file in this folder"))
        #expect(empty.stderr.contains("no plan found"))
        // --keep-going turns unreadable plans into failing ones; a run with no plan at all stays an input error.
        let kept = try CLI.run(["check", "empty", "--keep-going", "--json", "r.json"], in: s.url)
        #expect(kept.status == 2 && kept.stderr.contains("no plan found"), "\(kept.all)")
        #expect((try CLI.json(s.url.appendingPathComponent("r.json"))["summary"] as? [String: Any])?["exitCode"] as? Int == 2)
        let missing = try CLI.run(["check", "Plnas"], in: s.url)
        #expect(missing.status == 2)
        #expect(missing.stdout.contains("Plnas: error: cannot read this path: it does not exist"))
        // A mistyped path beside a good one still fails the run, and the good one is still checked.
        s.write("good.plan.json", CLI.goodPlan)
        let mixed = try CLI.run(["check", "good.plan.json", "Plnas"], in: s.url)
        #expect(mixed.status == 2)
        #expect(mixed.stdout.contains("1 plan checked"))
    }

    @Test func symlinkLoopsEndAndEachFileIsReadOnce() throws {
        let s = Scratch()
        s.write("plans/a/good.plan.json", CLI.goodPlan)
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: s.path("plans/a/up"), withDestinationPath: "..")
        try fm.createSymbolicLink(atPath: s.path("plans/again"), withDestinationPath: "a")
        try fm.createSymbolicLink(atPath: s.path("plans/one.plan.json"), withDestinationPath: "two.plan.json")
        try fm.createSymbolicLink(atPath: s.path("plans/two.plan.json"), withDestinationPath: "one.plan.json")
        let out = try CLI.run(["check", "plans", "--as-of", "2023-06-01"], in: s.url, timeout: 20)
        #expect(out.status == 2)
        #expect(out.stdout.contains("plans/one.plan.json: error: cannot read this plan: a symlink loop"))
        // good.plan.json is reachable three ways but read once: no duplicate-plan-id.
        #expect(!out.stdout.contains("duplicate-plan-id"))
        #expect(out.stdout.contains("1 plan checked"))
    }

    @Test func reportPathThatIsAnInputIsRefusedAndNothingIsTouched() throws {
        let s = Scratch()
        let plan = s.write("p.plan.json", CLI.goodPlan)
        try FileManager.default.createDirectory(at: s.url.appendingPathComponent("x"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: s.path("link.md"), withDestinationPath: "p.plan.json")
        for target in [["--json", "p.plan.json"], ["--junit", "./x/../p.plan.json"], ["--markdown", "link.md"], ["--json", plan]] {
            // A second, harmless report beside the refused one: it must not be written either.
            let other = target[0] == "--markdown" ? ["--json", "ok.out"] : ["--markdown", "ok.out"]
            let out = try CLI.run(["check", "p.plan.json", "--as-of", "2023-06-01"] + other + target, in: s.url)
            #expect(out.status == 2)
            #expect(out.stderr.contains("is one of the inputs"), "\(target)")
            #expect(try String(contentsOfFile: plan, encoding: .utf8) == CLI.goodPlan)
            #expect(!FileManager.default.fileExists(atPath: s.path("ok.out")), "nothing is written when a target is refused")
        }
        let twice = try CLI.run(["check", "p.plan.json", "--json", "r.out", "--junit", "r.out"], in: s.url)
        #expect(twice.status == 2 && twice.stderr.contains("two reports"))
        let dir = try CLI.run(["check", "p.plan.json", "--json", "x"], in: s.url)
        #expect(dir.status == 2 && dir.stderr.contains("is a folder"))
    }

    @Test func reportsGoIntoMissingFoldersAtomically() throws {
        let s = Scratch()
        s.write("p.plan.json", CLI.goodPlan)
        s.write("out/deep/r.json", "previous report")
        let out = try CLI.run(["check", "p.plan.json", "--as-of", "2023-06-01", "--json", "out/deep/r.json",
                               "--junit", "new/a/b/junit.xml", "--markdown", "new/a/report.md"], in: s.url)
        #expect(out.status == 0, "\(out.all)")
        #expect(try CLI.json(s.url.appendingPathComponent("out/deep/r.json"))["summary"] != nil)
        #expect(FileManager.default.fileExists(atPath: s.path("new/a/b/junit.xml")))
        // No temporary files are left behind.
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: s.path("new")) + FileManager.default.subpathsOfDirectory(atPath: s.path("out"))
        #expect(!leftovers.contains { $0.contains(".tmp-") })
    }

    @Test func twoPlansWithOneIDBothFail() throws {
        let s = Scratch()
        s.write("a.plan.json", CLI.goodPlan)
        s.write("b.plan.json", CLI.goodPlan)
        let out = try CLI.run(["check", ".", "--as-of", "2023-06-01"], in: s.url)
        #expect(out.status == 1)
        #expect(out.stdout.contains("./a.plan.json:1: error: plan id OK-1 is also used by ./b.plan.json"))
    }

    @Test func misnamedPlansAreNamedNotSkippedSilently() throws {
        let s = Scratch()
        s.write("plans/good.plan.json", CLI.goodPlan)
        s.write("plans/typo.plan.jsn", CLI.goodPlan)
        s.write("plans/other.json", CLI.goodPlan)
        let out = try CLI.run(["check", "plans", "--as-of", "2023-06-01"], in: s.url)
        #expect(out.stdout.contains("passed over 1 .json file not named *.plan.json: plans/other.json"))
        // Named directly, a file is read whatever its name.
        let direct = try CLI.run(["check", "plans/other.json", "--as-of", "2023-06-01"], in: s.url)
        #expect(direct.status == 0)
    }
}
