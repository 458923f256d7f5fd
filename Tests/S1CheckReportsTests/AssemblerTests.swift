import Testing
import S1CheckTestSupport
@testable import S1CheckCore
@testable import S1CheckReports

/// A JSON array whose items come in three streams, worst first, at most four items: the shape of SARIF's
/// results, for test renderers that differ only in their plans' parts.
protocol ThreeStreamTestArray: ReportRenderer {}

extension ThreeStreamTestArray {
    static var streams: Int { 3 }
    static var separator: [UInt8] { Array(",".utf8) }
    static var limit: ReportLimit? { .items(4) }
    func head(_ outcome: RunOutcome, omitted: Int) -> [UInt8] { Array("[".utf8) }
    func tail(_ outcome: RunOutcome, omitted: Int) -> [UInt8] { Array("] \(omitted) left out".utf8) }
}

/// Each plan's part is the plan's file name in the streams its `items` say.
struct ThreeStreamArray: ThreeStreamTestArray {
    init(settings: RunSettings) {}
    func section(_ plan: FileResult) -> ReportSection {
        // "s1-2.plan.json": one item in stream 1 and one in stream 2.
        let streams = plan.file.dropLast(".plan.json".count).dropFirst().split(separator: "-").compactMap { Int($0) }
        return ReportSection(parts: (0..<3).map { s in streams.contains(s) ? Array("\"\(s)\(plan.file.prefix(1))\"".utf8) : [] },
                             items: (0..<3).map { streams.contains($0) ? 1 : 0 })
    }
}

@Suite struct ReportAssemblerTests {
    func render(_ files: [String], with renderer: any ReportRenderer = ThreeStreamArray(settings: Sample.settings)) -> String {
        let run = RunResult(settings: Sample.settings, plans: files.map { FileResult(file: $0, unreadable: [.input(file: $0, message: "x")]) })
        return String(decoding: ReportRendering.render(renderer, run), as: UTF8.self)
    }

    @Test func aSeparatorWhereOneStreamFollowsAnother() {
        // Stream 0 is empty; streams 1 and 2 must still be joined by a comma, and only between kept items.
        #expect(render(["a1-2.plan.json"]) == #"["1a","2a"] 0 left out"#)
        #expect(render(["a2.plan.json", "b1.plan.json"]) == #"["1b","2a"] 0 left out"#)
        #expect(render(["a0.plan.json", "b2.plan.json", "c0-1.plan.json"]) == #"["0a","0c","1c","2b"] 0 left out"#)
        #expect(render(["a.plan.json"]) == "[] 0 left out")
    }

    @Test func theCutTakesTheLeastSevereFirst() {
        #expect(render(["a0-1-2.plan.json", "b0-1-2.plan.json"]) == #"["0a","0b","1a","1b"] 2 left out"#)
        #expect(render(["a2.plan.json", "b2.plan.json", "c0.plan.json", "d0.plan.json", "e0.plan.json", "f0.plan.json", "g0.plan.json"])
                == #"["0c","0d","0e","0f"] 3 left out"#)
    }
}

/// ThreeStreamArray whose plans say where their items end: `a0x3-1.plan.json` has three items in stream
/// 0 and one in stream 1, and a part may be cut between two items.
struct CuttableThreeStreamArray: ThreeStreamTestArray {
    init(settings: RunSettings) {}
    func section(_ plan: FileResult) -> ReportSection {
        var counts = [0, 0, 0]
        for spec in plan.file.dropLast(".plan.json".count).dropFirst().split(separator: "-") {
            let p = spec.split(separator: "x")
            if let s = Int(p[0]) { counts[s] = p.count > 1 ? Int(p[1])! : 1 }
        }
        var parts: [[UInt8]] = [], ends: [[Int]] = []
        for s in 0..<3 {
            let items = (0..<counts[s]).map { "\"\(s)\(plan.file.prefix(1))\($0)\"" }
            var part: [UInt8] = [], end: [Int] = []
            for (i, item) in items.enumerated() { part += Array(((i > 0 ? "," : "") + item).utf8); end.append(part.count) }
            parts.append(part); ends.append(end)
        }
        return ReportSection(parts: parts, items: counts, itemEnds: ends)
    }
}

extension ReportAssemblerTests {
    func renderCuttable(_ files: [String]) -> String { render(files, with: CuttableThreeStreamArray(settings: Sample.settings)) }

    /// Issue 15: one plan with more items than the limit keeps the first of them, worst first, instead of
    /// being left out whole.
    @Test func aPartWithMoreItemsThanTheLimitIsCutBetweenItems() {
        #expect(renderCuttable(["a0x6.plan.json"]) == #"["0a0","0a1","0a2","0a3"] 2 left out"#)
        #expect(renderCuttable(["a1x5-0x2.plan.json"]) == #"["0a0","0a1","1a0","1a1"] 3 left out"#)
        #expect(renderCuttable(["a1x3.plan.json", "b0x3.plan.json", "c2.plan.json"]) == #"["0b0","0b1","0b2","1a0"] 3 left out"#)
        #expect(renderCuttable(["a0x2.plan.json", "b0x1-2.plan.json", "c0x3.plan.json"]) == #"["0a0","0a1","0b0","0c0"] 3 left out"#)
    }

    /// Property: the report is the items of stream 0, then 1, then 2, each in plan order, the first four
    /// kept and the rest counted, however the plans' items fall into parts.
    @Test func theItemCutIsTheSameAsKeepingEveryItemUntilOneDoesNotFit() {
        var rng = SplitMix(seed: 15)
        for _ in 0..<400 {
            var specs: [(file: String, counts: [Int])] = []
            for i in 0..<rng.below(6) {
                let counts = (0..<3).map { _ in rng.below(4) }
                let name = (0..<3).filter { counts[$0] > 0 }.map { "\($0)x\(counts[$0])" }.joined(separator: "-")
                specs.append(("\(Character(Unicode.Scalar(UInt8(97 + i))))\(name).plan.json", counts))
            }
            var items: [String] = []
            for s in 0..<3 { for spec in specs { items += (0..<spec.counts[s]).map { "\"\(s)\(spec.file.prefix(1))\($0)\"" } } }
            let kept = Array(items.prefix(4))
            #expect(renderCuttable(specs.map(\.file)) == "[\(kept.joined(separator: ","))] \(items.count - kept.count) left out", "\(specs.map(\.file))")
        }
    }

    /// Property: whatever the plans, the report is what the cut rule says on its own terms: each stream's
    /// parts in plan order, kept stream by stream until one would pass the limit, everything after left
    /// out and counted. The assembler stops spooling parts that can no longer be kept; this checks that
    /// it leaves the same report as keeping them all would.
    @Test func theCutIsTheSameAsKeepingEveryPartUntilOneDoesNotFit() {
        var rng = SplitMix(seed: 0xA55E)
        for _ in 0..<400 {
            let files = (0..<Int(rng.next() % 9)).map { i -> String in
                let streams = (0..<3).filter { _ in rng.next() % 2 == 0 }.map(String.init).joined(separator: "-")
                return "\(Character(Unicode.Scalar(UInt8(97 + i))))\(streams).plan.json"
            }
            // The reference: every part of stream 0, then 1, then 2, until the fifth item.
            var items: [String] = []
            for s in 0..<3 {
                for f in files where f.dropLast(".plan.json".count).dropFirst().split(separator: "-").contains(Substring(String(s))) {
                    items.append("\"\(s)\(f.prefix(1))\"")
                }
            }
            let kept = Array(items.prefix(4))
            #expect(render(files) == "[\(kept.joined(separator: ","))] \(items.count - kept.count) left out", "\(files)")
        }
    }
}
