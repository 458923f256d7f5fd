import Testing
import S1CheckTestSupport
@testable import S1CheckCore
@testable import S1CheckReports

/// A JSON array whose items come in three streams, worst first, at most `limit` items: the shape of SARIF's
/// results. Each plan's part is the plan's file name in the streams its `items` say.
struct ThreeStreamArray: ReportRenderer {
    init(settings: RunSettings) {}
    static var streams: Int { 3 }
    static var separator: [UInt8] { Array(",".utf8) }
    static var limit: ReportLimit? { .items(4) }
    func head(_ outcome: RunOutcome, omitted: Int) -> [UInt8] { Array("[".utf8) }
    func tail(_ outcome: RunOutcome, omitted: Int) -> [UInt8] { Array("] \(omitted) left out".utf8) }
    func section(_ plan: PlanResult) -> ReportSection {
        // "s1-2.plan.json": one item in stream 1 and one in stream 2.
        let streams = plan.file.dropLast(".plan.json".count).dropFirst().split(separator: "-").compactMap { Int($0) }
        return ReportSection(parts: (0..<3).map { s in streams.contains(s) ? Array("\"\(s)\(plan.file.prefix(1))\"".utf8) : [] },
                             items: (0..<3).map { streams.contains($0) ? 1 : 0 })
    }
}

@Suite struct ReportAssemblerTests {
    func render(_ files: [String]) -> String {
        let run = RunResult(settings: Sample.settings, plans: files.map { PlanResult(file: $0, unreadable: [.input(file: $0, message: "x")]) })
        return String(decoding: ReportRendering.render(ThreeStreamArray(settings: Sample.settings), run), as: UTF8.self)
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

extension ReportAssemblerTests {
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
