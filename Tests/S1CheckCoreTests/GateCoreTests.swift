import Testing
import S1CheckTestSupport
@testable import S1CheckCore

/// The library side of issue 10's cost bounds: suggestions with cutoffs, columns without rescanning a
/// line, a bound on errors per file.
@Suite struct SuggestionIndexTests {
    /// The textbook dynamic programme, the reference the banded, early-exit one must agree with.
    static func reference(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased().unicodeScalars), y = Array(b.lowercased().unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count), cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            for j in 1...y.count { cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)) }
            swap(&prev, &cur)
        }
        return prev[y.count]
    }

    static func referenceNearest(_ word: String, _ candidates: [String], limit: Int, maxDistance: Int) -> [String] {
        var seen = Set<String>()
        return candidates.filter { seen.insert($0).inserted }.enumerated()
            .map { (i: $0.offset, name: $0.element, d: reference(word, $0.element)) }
            .filter { $0.d <= maxDistance }
            .sorted { ($0.d, $0.i) < ($1.d, $1.i) }
            .prefix(limit).map(\.name)
    }

    @Test func agreesWithTheTextbookDistanceAndOrder() {
        var rng = SplitMix(seed: 42)
        let alphabet = Array("abcdeABC -é1İ")
        func word() -> String { String((0..<rng.below(12)).map { _ in alphabet[rng.below(alphabet.count)] }) }
        for _ in 0..<300 {
            let a = word(), b = word()
            #expect(editDistance(a, b) == Self.reference(a, b), "\(a) / \(b)")
        }
        for _ in 0..<200 {
            let candidates = (0..<rng.below(30)).map { _ in word() }
            let w = word(), limit = rng.below(4) + 1, maxDistance = rng.below(6)
            #expect(SuggestionIndex(candidates).nearest(to: w, limit: limit, maxDistance: maxDistance)
                    == Self.referenceNearest(w, candidates, limit: limit, maxDistance: maxDistance), "\(w) in \(candidates)")
        }
    }

    @Test func farOffWordsCostNothingAndNearOnesAreFound() {
        let labels = (0..<5000).map { "Maker \($0) Meters Ltd EM-\($0 * 7)" }
        let index = SuggestionIndex(labels)
        #expect(index.nearest(to: "Maker 123 Meters Ltd EM-861", limit: 3, maxDistance: 8).first == "Maker 123 Meters Ltd EM-861")
        #expect(index.nearest(to: "maker 123 meter ltd em-861", limit: 1, maxDistance: 8) == ["Maker 123 Meters Ltd EM-861"])
        #expect(index.nearest(to: "Nobody Anywhere Corporation QQ-1", limit: 3, maxDistance: 8).isEmpty)
        #expect(index.nearest(to: String(repeating: "x", count: 1 << 20), limit: 3, maxDistance: 8).isEmpty)
        // Duplicates are suggested once.
        #expect(nearest(to: "abd", in: ["abc", "abc", "abe"], maxDistance: 1) == ["abc", "abe"])
    }
}

@Suite struct LineIndexTests {
    /// Columns straight from the definition: scalars since the last line feed, plus one.
    static func naive(_ bytes: [UInt8], _ offset: Int) -> SourcePosition {
        var line = 1, column = 1
        for i in 0..<min(offset, bytes.count) {
            if bytes[i] == 0x0A { line += 1; column = 1 } else if bytes[i] & 0xC0 != 0x80 { column += 1 }
        }
        if line == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]), offset >= 3 { column -= 1 }
        return SourcePosition(line: line, column: column)
    }

    @Test(arguments: [true, false])
    func agreesWithCountingFromTheLineStartAcrossCheckpoints(shortLines: Bool) {
        var rng = SplitMix(seed: shortLines ? 7 : 8)
        // Short lines (no checkpoints), or lines up to several strides long (checkpoints).
        let pieces: [[UInt8]] = [[0x61], Array("é".utf8), Array("€".utf8), Array("𝄞".utf8)]
        for size in [0, 1, 1023, 1024, 1025, 5000, 9000] {
            var bytes: [UInt8] = size % 2 == 0 ? [0xEF, 0xBB, 0xBF] : []
            while bytes.count < size {
                let newline = shortLines ? rng.below(40) == 0 : rng.below(3000) == 0
                bytes += newline ? [0x0A] : pieces[rng.below(3) == 0 ? rng.below(4) : 0]
            }
            let index = LineIndex(bytes)
            for offset in Set([0, 1, 2, 3, bytes.count, bytes.count + 5] + (0..<80).map { _ in rng.below(bytes.count + 1) }) {
                #expect(index.position(ofOffset: offset) == Self.naive(bytes, offset), "size \(size) offset \(offset)")
                #expect(index.line(ofOffset: offset) == Self.naive(bytes, offset).line)
            }
        }
    }
}

@Suite struct ErrorBoundTests {
    static func plan(artefacts n: Int) -> [UInt8] {
        let items = (0..<n).map { #"{"document": "SEC", "version": 5.\#($0), "vesrion": "1"}"# }.joined(separator: ", ")
        return PlanJSON(id: "X", title: "t", window: nil, devices: nil, combinations: nil, artefacts: "[\(items)]", waivers: nil, layout: .oneLine).bytes
    }

    @Test func aFileWithManyErrorsGivesTheFirstAndCountsTheRest() throws {
        guard let e = decodeFailure({ () throws(Diagnostics) in try PlanDecoding.decode(file: "x.plan.json", bytes: Self.plan(artefacts: 100), names: TestData.resolved.names) }) else {
            Issue.record("decoded"); return
        }
        #expect(e.all.count == StrictDecoder.maximumErrors + 1)
        #expect(e.all.last?.message == "… and 150 more errors in this file (s1check lists the first 50)")
        #expect(e.all.last?.position == nil)
        // The ones kept are the first ones, in file order, with their positions.
        #expect(e.all[0].path == "$.artefacts[0].vesrion" && e.all[0].message.contains("did you mean \"version\""))
        #expect(e.all[1].path == "$.artefacts[0].version" && e.all[1].position?.column != nil)
        #expect(e.all[49].path == "$.artefacts[24].version")
    }

    @Test func exactlyTheBoundIsNotCut() throws {
        guard let e = decodeFailure({ () throws(Diagnostics) in try PlanDecoding.decode(file: "x.plan.json", bytes: Self.plan(artefacts: 25), names: TestData.resolved.names) }) else {
            Issue.record("decoded"); return
        }
        #expect(e.all.count == 50)
        #expect(!e.all.contains { $0.message.hasPrefix("…") })
    }
}
