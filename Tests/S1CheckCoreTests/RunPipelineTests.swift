import Synchronization
import Testing
@testable import S1CheckCore
import S1CheckTestSupport

/// The run pipeline the CLI runs, through sources and sinks held in memory: plan order across waves,
/// the kept-bytes budget, ids shared across waves, refused and unreadable plans, and the run's facts.
@Suite struct RunPipelineTests {
    typealias T = TestData

    /// Plans in memory that count their reads, and may give other bytes on a second read.
    final class CountingSource: PlanSource {
        let files: [(name: String, bytes: [UInt8])]
        let reread: [Int: [UInt8]]
        let reads = Mutex<[Int]>([])

        init(_ files: [(name: String, bytes: [UInt8])], reread: [Int: [UInt8]] = [:]) {
            self.files = files
            self.reread = reread
        }

        var count: Int { files.count }
        func name(_ index: Int) -> String { files[index].name }
        func read(_ index: Int) -> PlanRead {
            let n = reads.withLock { r in r.append(index); return r.filter { $0 == index }.count }
            return .bytes(n > 1 ? reread[index] ?? files[index].bytes : files[index].bytes)
        }
        func readCount(_ index: Int) -> Int { reads.withLock { $0.filter { $0 == index }.count } }
    }

    /// Records each wave it is given, to see plan order and wave boundaries.
    final class WaveRecorder: PlanSink {
        let waves = Mutex<[[String]]>([])
        func part(for plan: FileResult) -> String { plan.file }
        func consume(_ parts: [String]) { waves.withLock { $0.append(parts) } }
    }

    static func plans(_ n: Int, id: (Int) -> String = { "P-\($0)" }) -> [(name: String, bytes: [UInt8])] {
        (0..<n).map { ("\($0).plan.json", Array(PlanJSON(id: id($0)).text.utf8)) }
    }

    static func pipeline(waveSize: Int, keptBudget: Int, policy: Policy = .none) -> RunPipeline {
        RunPipeline(T.settings(policy: policy), waveSize: waveSize, keptBudget: keptBudget)
    }

    static func signature(_ results: [FileResult]) -> [String] {
        results.map { r in r.file + " " + r.findings.map { "\($0.check)=\($0.status.rawValue):\($0.message)" }.joined(separator: "|")
            + r.inputErrors.map(\.description).joined(separator: "|") + " " + r.kind.rawValue }
    }

    @Test func wavesReachEverySinkInPlanOrder() {
        let files = Self.plans(23)
        let a = WaveRecorder(), b = WaveRecorder(), results = ResultCollector()
        _ = Self.pipeline(waveSize: 5, keptBudget: 1 << 20).run(MemoryPlanSource(files), into: [a, results, b])
        let expected = files.map(\.name)
        for sink in [a, b] {
            let waves = sink.waves.withLock { $0 }
            #expect(waves.map(\.count) == [5, 5, 5, 5, 3])
            #expect(waves.flatMap { $0 } == expected)
        }
        #expect(results.results.map(\.file) == expected)
    }

    /// Small waves and no kept bytes give the same results as the defaults: the edges change nothing.
    @Test func waveSizeAndBudgetChangeNoResult() {
        // Every third plan shares an id with another, across waves.
        let files = Self.plans(17) { "P-\($0 % 3 == 0 ? 0 : $0)" }
        func results(_ p: RunPipeline) -> [String] {
            let r = ResultCollector()
            _ = p.run(MemoryPlanSource(files), into: [r])
            return Self.signature(r.results)
        }
        let standard = results(RunPipeline(T.settings()))
        #expect(results(Self.pipeline(waveSize: 4, keptBudget: 0)) == standard)
        #expect(results(Self.pipeline(waveSize: 1, keptBudget: 700)) == standard)
        #expect(standard.filter { $0.contains("duplicate-plan-id=fail") }.count == 6)
    }

    @Test func keptBytesSpareASecondRead() {
        let files = Self.plans(6)
        let all = CountingSource(files)
        _ = Self.pipeline(waveSize: 4, keptBudget: 1 << 20).run(all, into: [])
        #expect((0..<6).map(all.readCount) == Array(repeating: 1, count: 6))
        // A budget for two plans' bytes: the rest are read again when checked.
        let size = files[0].bytes.count
        let two = CountingSource(files)
        _ = Self.pipeline(waveSize: 4, keptBudget: 2 * size).run(two, into: [])
        #expect((0..<6).map(two.readCount) == [1, 1, 2, 2, 2, 2])
    }

    /// A plan not kept is checked on its second read, whatever the first said.
    @Test func aPlanIsCheckedOnItsLastRead() {
        let files = Self.plans(2)
        let source = CountingSource(files, reread: [1: Array(PlanJSON(id: "P-1", tbrd: "1.23").text.utf8)])
        let r = ResultCollector()
        _ = Self.pipeline(waveSize: 8, keptBudget: files[0].bytes.count).run(source, into: [r])
        #expect(r.results[0].findings.first { $0.rule.id == "tbrd-version" }?.status == .pass)
        #expect(r.results[1].findings.first { $0.rule.id == "tbrd-version" }?.status == .warn)
    }

    /// A refused plan's id still counts (its twin is told), but it is never checked.
    @Test func refusedAndUnreadablePlans() {
        struct Source: PlanSource {
            let bytes = Array(PlanJSON(id: "SAME").text.utf8)
            var count: Int { 3 }
            func name(_ index: Int) -> String { ["a.plan.json", "b.plan.json", "missing"][index] }
            func read(_ index: Int) -> PlanRead {
                switch index {
                case 0: return .bytes(bytes)
                case 1: return .refused(bytes, reason: .input(file: "b.plan.json", message: "is also a report path"))
                default: return .unreadable([.input(file: "missing", message: "gone"), .input(file: "missing", message: "twice")])
                }
            }
        }
        let r = ResultCollector()
        let run = Self.pipeline(waveSize: 2, keptBudget: 0).run(Source(), into: [r])
        let results = r.results
        #expect(results[0].findings.first { $0.rule.id == "duplicate-plan-id" }?.message
            == "plan id SAME is also used by b.plan.json; each plan needs its own id")
        #expect(results[1].plan == nil && results[1].inputErrors.map(\.message) == ["is also a report path"])
        #expect(results[2].inputErrors.map(\.message) == ["gone", "twice"])
        #expect(run.planIDs.others(than: "a.plan.json", for: "SAME", limit: 5) == (first: ["b.plan.json"], more: 0))
        #expect(run.outcome.inputErrorCount == 2 && run.outcome.planCount == 3)
    }

    /// The facts the pipeline gathers are those of the results it hands on.
    @Test func theAccumulatorHoldsTheOutcomeOfTheResults() throws {
        let waiver = #"{"rule": "consultation", "document": "AM", "reason": "shared", "expires": "2030-01-01"}"#
        let policy = try PolicyDecoding.decode(file: "s1check.json", bytes: Array(#"{"waivers": [\#(waiver), \#(waiver)]}"#.utf8),
                                               names: T.resolved.names)
        let files = Self.plans(9).enumerated().map { i, f in
            i % 4 == 0 ? (f.name, Array(PlanJSON(id: "P-\(i)", artefacts: #"[{"document": "AM", "version": "12.0"}]"#).text.utf8)) : f
        } + [("bad.plan.json", Array("{".utf8))]
        let r = ResultCollector()
        let outcome = Self.pipeline(waveSize: 3, keptBudget: 0, policy: policy).run(MemoryPlanSource(files), into: [r]).outcome
        var expected = RunOutcome(T.settings(policy: policy))
        for p in r.results where p.kind == .plan || p.kind == .unreadable { expected.add(p) }
        #expect(outcome.summaries.map(\.file) == expected.summaries.map(\.file))
        #expect(outcome.plansByStatus == expected.plansByStatus && outcome.findingsByStatus == expected.findingsByStatus)
        #expect(outcome.inputErrorCount == 1 && outcome.exitCode == 2)
        // The first of two identical shared waivers waives; the second meets nothing left to waive.
        #expect(outcome.sharedWaivers.uses == [3, 0] && outcome.runResults.flatMap(\.findings).map(\.sharedWaiver) == [1])
        // The policy file's result reaches the sinks after the plans, as the outcome has it.
        #expect(r.results.map(\.kind) == Array(repeating: .plan, count: 9) + [.unreadable, .policy])
        #expect(outcome.runResults.map(\.file) == ["s1check.json"] && r.results.last?.findings.map(\.check) == outcome.runResults[0].findings.map(\.check))
    }

    @Test func deliverHandsResultsAlreadyMadeInOrder() {
        let results = (0..<11).map { FileResult(file: "\($0)", unreadable: [.input(file: "\($0)", message: "x")]) }
        let sink = WaveRecorder()
        RunPipeline.deliver(results, to: [sink], waveSize: 4)
        #expect(sink.waves.withLock { $0 } == [["0", "1", "2", "3"], ["4", "5", "6", "7"], ["8", "9", "10"]])
    }
}
