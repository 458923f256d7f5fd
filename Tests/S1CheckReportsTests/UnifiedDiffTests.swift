import Foundation
import Testing
@testable import S1CheckReports
import S1CheckTestSupport

/// The unified diff `s1check fix` prints: byte for byte what GNU `diff -u` writes for the same files,
/// and a patch `git apply` takes and applies to give the new file.
@Suite struct UnifiedDiffTests {
    /// Two versions of a file: lines unique to each (so every shortest edit script keeps the same lines,
    /// and any two diff programs must agree), LF or CRLF, lines deleted, replaced and inserted anywhere,
    /// the last line with or without its newline, empty files now and then.
    static func pair(_ rng: inout SplitMix, _ n: Int) -> (old: [UInt8], new: [UInt8]) {
        let eol = rng.below(4) == 0 ? "\r\n" : "\n"
        var fresh = 0
        func line(_ tag: String) -> String { fresh += 1; return "\(tag) \(fresh) \(rng.next() % 1000)\(eol)" }
        let count = rng.below(8) == 0 ? 0 : rng.below(60)
        let old = (0..<count).map { _ in line("old") }
        var new: [String] = []
        for l in old {
            switch rng.below(100) {
            case 0..<6: continue
            case 6..<14: new.append(line("new"))
            case 14..<19: new.append(l); new.append(line("inserted"))
            default: new.append(l)
            }
        }
        if rng.below(10) == 0 { new.insert(line("first"), at: 0) }
        func join(_ lines: [String], cutLast: Bool) -> [UInt8] {
            var text = lines.joined()
            if cutLast && !text.isEmpty { text.removeLast() }
            return Array(text.utf8)
        }
        return (join(old, cutLast: rng.below(5) == 0), join(new, cutLast: rng.below(5) == 0))
    }

    @Test(.enabled(if: ExternalTool.diff.shouldRun, Comment(rawValue: ExternalTool.diff.skipReason)))
    func sameAsDiffU() throws {
        let s = Scratch()
        var rng = SplitMix(seed: 19)
        var compared = 0
        for i in 0..<200 {
            let (old, new) = Self.pair(&rng, i)
            let mine = UnifiedDiff.render(old: old, new: new, path: Array("f.json".utf8))
            let a = s.write("old", old), b = s.write("new", new)
            let theirs = try ExternalTool.diff.run(["-u", "--label", "a/f.json", "--label", "b/f.json", a, b])
            #expect(theirs.status == (old == new ? 0 : 1))
            #expect(String(decoding: mine, as: UTF8.self) == theirs.out, "pair \(i)")
            if !mine.isEmpty { compared += 1 }
        }
        #expect(compared > 150)
    }

    /// Context: hunks 6 equal lines apart are one hunk, 7 apart two, as diff -U3 does it.
    @Test func hunksMeetWithinTwiceTheContext() {
        let old = (1...30).map { "\($0)\n" }
        func changed(_ lines: [Int]) -> [UInt8] { Array(old.enumerated().map { lines.contains($0.offset + 1) ? "x\($0.offset + 1)\n" : $0.element }.joined().utf8) }
        let oldBytes = Array(old.joined().utf8)
        let one = String(decoding: UnifiedDiff.render(old: oldBytes, new: changed([10, 17]), path: Array("f".utf8)), as: UTF8.self)
        #expect(one.components(separatedBy: "\n@@ ").count == 2 && one.contains("@@ -7,14 +7,14 @@"))
        let two = String(decoding: UnifiedDiff.render(old: oldBytes, new: changed([10, 18]), path: Array("f".utf8)), as: UTF8.self)
        #expect(two.contains("@@ -7,7 +7,7 @@") && two.contains("@@ -15,7 +15,7 @@"))
        #expect(UnifiedDiff.render(old: oldBytes, new: oldBytes, path: Array("f".utf8)).isEmpty)
    }

    /// git apply takes the patch, file names with spaces, quotes and bytes that are not ASCII included,
    /// and gives the new file.
    @Test(.enabled(if: ExternalTool.git.shouldRun, Comment(rawValue: ExternalTool.git.skipReason)))
    func gitApplyTakesIt() throws {
        var rng = SplitMix(seed: 23)
        for (i, name) in ["plan.json", "with space.plan.json", "quote\"d.plan.json", "café.plan.json", "tab\tname.json"].enumerated() {
            let s = Scratch()
            var (old, new) = Self.pair(&rng, i)
            if old == new { new += Array("one more line\n".utf8) }
            s.write("plans/\(name)", old)
            let patch = UnifiedDiff.render(old: old, new: new, path: Array("plans/\(name)".utf8))
            let check = try ExternalTool.git.run(["apply", "--check", "-"], input: patch, in: s.url)
            #expect(check.status == 0, "\(name): \(check.err)")
            let apply = try ExternalTool.git.run(["apply", "--whitespace=nowarn", "-"], input: patch, in: s.url)
            #expect(apply.status == 0, "\(name): \(apply.err)")
            #expect(try Data(contentsOf: s.url.appendingPathComponent("plans/\(name)")) == Data(new), "\(name)")
        }
    }

    @Test func fileNamesAsGitWritesThem() {
        func header(_ name: String) -> String { String(decoding: UnifiedDiff.headerName(Array(name.utf8)), as: UTF8.self) }
        #expect(header("a/plan.json") == "a/plan.json")
        #expect(header("a/with space.json") == "a/with space.json\t")
        #expect(header("a/café.json") == #""a/caf\303\251.json""#)
        #expect(header("a/q\"\\\t.json") == #""a/q\"\\\t.json""#)
    }
}
