import Foundation
import Testing
@testable import S1CheckReports
import S1CheckCore
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

/// The diff `fix` prints, built around its edits: the same text as the line diff of the two files, and
/// the work it holds set by the edits, not the file's size (issue 26.2: one 15.6 MB plan took ~1.9 GB).
@Suite struct EditDiffTests {
    /// A file of unique lines (any two diff programs agree on them), LF or CRLF, with or without a last
    /// newline, and edits of digits anywhere: whole lines apart, on neighbouring lines, two on one line.
    @Test func theSameTextAsTheLineDiff() {
        var rng = SplitMix(seed: 262)
        for round in 0..<400 {
            let eol = rng.below(3) == 0 ? "\r\n" : "\n"
            let count = 1 + rng.below(40)
            var text = (0..<count).map { "line \($0) v1.\(rng.below(10)) x2.\(rng.below(10))\(eol)" }.joined()
            if rng.below(4) == 0 { text.removeLast(eol.count == 2 ? 1 : 1) }
            let bytes = Array(text.utf8)
            var edits: [ByteEdit] = []
            var at = 0
            while at < bytes.count {
                at += rng.below(80)
                guard at < bytes.count, bytes[at] >= 0x30 && bytes[at] <= 0x39, rng.below(3) == 0 else { at += 1; continue }
                edits.append(ByteEdit(range: at..<(at + 1), replacement: [UInt8(ascii: "0") + UInt8(rng.below(10))]))
                at += 1
            }
            let new = try! ByteEdit.apply(edits, to: bytes)
            let expected = UnifiedDiff.render(old: bytes, new: new, path: Array("f".utf8))
            let got = UnifiedDiff.render(old: bytes, edits: edits, path: Array("f".utf8))
            #expect(got == expected, "round \(round):\n\(String(decoding: got, as: UTF8.self))\nexpected:\n\(String(decoding: expected, as: UTF8.self))")
            if got != expected { return }
        }
    }

    /// One edit near the start and one at the end of a plan of 1x and 4x the lines: the same work (blocks
    /// and hunks held) and the same output size, whatever the file's size.
    @Test func workIsSetByTheEditsNotTheFile() {
        func plan(_ n: Int) -> (bytes: [UInt8], edits: [ByteEdit]) {
            let text = "{\n  \"tbrd\": \"1.23\",\n  \"deviceModelCombinations\": [\n" + (0..<n).map { "    \"DMC-\(String(format: "%07d", $0))\"" }.joined(separator: ",\n")
                + "\n  ],\n  \"artefacts\": [{\"document\": \"AD\", \"version\": \"5.0\"}]\n}\n"
            let bytes = Array(text.utf8)
            let tbrd = text.utf8.firstRange(of: "1.23".utf8)!, version = text.utf8.firstRange(of: "5.0\"".utf8)!
            let t = text.utf8.distance(from: text.utf8.startIndex, to: tbrd.lowerBound), v = text.utf8.distance(from: text.utf8.startIndex, to: version.lowerBound)
            return (bytes, [ByteEdit(replacing: t..<(t + 4), with: "1.24"), ByteEdit(replacing: v..<(v + 3), with: "5.1")])
        }
        var work1 = 0, work4 = 0
        let (b1, e1) = plan(20_000), (b4, e4) = plan(80_000)
        let d1 = UnifiedDiff.render(old: b1, edits: e1, path: Array("p".utf8), context: 3, work: &work1)
        let d4 = UnifiedDiff.render(old: b4, edits: e4, path: Array("p".utf8), context: 3, work: &work4)
        #expect(work1 == 4 && work4 == work1)
        #expect(d1.count == d4.count)
    }
}
