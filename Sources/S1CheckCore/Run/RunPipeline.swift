import Dispatch

/// The one way a run is checked: by the CLI, by library callers (`Checker.checkAll`) and by the tests.
///
/// 1. Every plan's id, with a quick look at its bytes (for the cross-plan `duplicate-plan-id`); plans
///    sharing an id are decoded in full to confirm it. The bytes read are kept for the check, in run
///    order, while they fit in `keptBudget` (one too big is passed by, later ones may still fit), so a run
///    of ordinary size reads each plan once and a huge one stays within a fixed amount of memory (the
///    rest are read again when checked).
/// 2. The plans in waves of `waveSize`: each plan is decoded and checked, each sink's part made and its
///    contribution to the run's facts worked out, on any core.
/// 3. Each wave's parts are handed to the sinks in plan order on one queue, while the next wave is
///    checked; at most two waves wait for them, so memory stays bounded if the sinks are the slower part.
///    The contributions are added to the `RunAccumulator` in plan order.
///
/// Memory holds one wave's results at a time: no plan's findings outlive its wave (unless a sink keeps
/// them). No I/O: plans come from a `PlanSource`, results go to `PlanSink`s.
public struct RunPipeline: Sendable {
    public static let waveSize = 512
    /// Bytes of plan files kept between the id pass and the check: 10,000 typical plans take about 15 MB.
    public static let keptBudget = 24 << 20

    /// The run's settings: baseline, registry, date, policy, scope, strictness. Given once.
    public let settings: RunSettings
    let waveSize: Int
    let keptBudget: Int

    /// The run `settings` describe (their `registry`, `policy` and `scope` included).
    public init(_ settings: RunSettings) {
        self.init(settings, waveSize: RunPipeline.waveSize, keptBudget: RunPipeline.keptBudget)
    }

    /// Tests give smaller waves and budgets, to run across their edges with a few plans.
    init(_ settings: RunSettings, waveSize: Int, keptBudget: Int) {
        self.settings = settings
        self.waveSize = waveSize
        self.keptBudget = keptBudget
    }

    /// Checks every plan of `source`, handing the results to `sinks` in plan order, then the run-level
    /// results (`RunOutcome.runResults`); returns the run's facts. A source with no plan at all makes the
    /// run an input error (`RunOutcome.noPlanFound`).
    public func run(_ source: some PlanSource, into sinks: [any PlanSink]) -> RunAccumulator {
        var run = RunAccumulator(outcome: RunOutcome(settings))
        var kept = keptReads(source, &run)
        // Test results are linked once every plan id is known: a suite named as a plan links by its id.
        let execution = settings.results.map { ExecutionIndex(files: $0.files, planIDs: run.allPlanIDs) }
        if let results = settings.results, let execution { run.setExecution(execution, files: TestResultsJudgement.fileResults(results, execution)) }
        let checker = Checker(baseline: settings.baseline, registry: settings.registry, asOf: settings.asOf, planIDs: run.planIDs,
                              policy: settings.policy, execution: execution)
        let queue = SinkQueue(sinks)
        let accumulator = run
        for range in RunPipeline.waves(source.count, size: waveSize) {
            let reads = range.map { kept.removeValue(forKey: $0) }
            let done = parallelMap(range.count) { i -> (parts: [any Sendable], contribution: RunOutcome.Contribution) in
                let k = range.lowerBound + i
                let name = source.name(k), location = source.location(k)
                let result: FileResult
                switch reads[i] ?? source.read(k) {
                case .bytes(let bytes): result = checker.check(file: name, location: location, bytes: bytes)
                case .refused(_, let reason): result = FileResult(file: name, location: location, unreadable: [reason])
                case .unreadable(let errors): result = FileResult(file: name, location: location, unreadable: errors)
                }
                return (queue.parts(for: result), accumulator.contribution(of: result))
            }
            for d in done { run.add(d.contribution) }
            queue.hand(done.map(\.parts))
        }
        // The run-level results are facts of the whole run: made once the last plan is in, before any
        // report's head, and handed to the sinks after the plans.
        run.finish(noPlan: source.plansFound == 0)
        let runResults = run.outcome.runResults
        if !runResults.isEmpty { queue.hand(runResults.map { queue.parts(for: $0) }) }
        queue.finish()
        return run
    }

    /// Hands results already made to `sinks`, as `run` hands the results it makes: parts on every core,
    /// consumed in plan order a wave at a time.
    public static func deliver(_ results: [FileResult], to sinks: [any PlanSink], waveSize: Int = RunPipeline.waveSize) {
        let queue = SinkQueue(sinks)
        for range in waves(results.count, size: waveSize) {
            queue.hand(parallelMap(range.count) { queue.parts(for: results[range.lowerBound + $0]) })
        }
        queue.finish()
    }

    private static func waves(_ count: Int, size: Int) -> [Range<Int>] {
        stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }

    /// The first pass: every plan's id into `run.planIDs`; returns the reads kept for the check.
    private func keptReads(_ source: some PlanSource, _ run: inout RunAccumulator) -> [Int: PlanRead] {
        var ids: [(file: String, id: String?)] = []
        ids.reserveCapacity(source.count)
        var kept: [Int: PlanRead] = [:]
        var keptBytes = 0
        for range in RunPipeline.waves(source.count, size: waveSize) {
            let read = parallelMap(range.count) { i -> (PlanRead, String?) in
                let r = source.read(range.lowerBound + i)
                return (r, r.bytes.flatMap { JSONReader.topLevelString($0, key: "id") })
            }
            for (i, (r, id)) in read.enumerated() {
                let k = range.lowerBound + i
                ids.append((source.name(k), id))
                let size = r.bytes?.count ?? 0
                if keptBytes + size <= keptBudget { kept[k] = r; keptBytes += size }
            }
        }
        run.allPlanIDs = Set(ids.compactMap(\.id))
        // Files sharing an id are decoded in full to confirm it: from the kept bytes when there are some.
        let indexByName = Dictionary(zip(ids.map(\.file), ids.indices), uniquingKeysWith: { a, _ in a })
        run.planIDs = PlanIDIndex(ids).confirmed(names: settings.baseline.names) { name in
            guard let k = indexByName[name] else { return nil }
            return (kept[k] ?? source.read(k)).bytes
        }
        return kept
    }
}

/// The sinks of one run and the queue that feeds them: each wave's parts in plan order, one wave after
/// another, while the next wave is made; at most two waves wait.
private final class SinkQueue: Sendable {
    private let sinks: [AnyPlanSink]
    private let queue = DispatchQueue(label: "s1check.sinks")
    private let inFlight = DispatchSemaphore(value: 2)

    init(_ sinks: [any PlanSink]) {
        self.sinks = sinks.map { AnyPlanSink($0) }
    }

    /// Each sink's part for one plan, in sink order.
    func parts(for plan: FileResult) -> [any Sendable] { sinks.map { $0.part(plan) } }

    /// Hands a wave (each plan's parts, in plan order) to the sinks.
    func hand(_ wave: [[any Sendable]]) {
        inFlight.wait()
        queue.async { [sinks, inFlight] in
            for (s, sink) in sinks.enumerated() { sink.consume(wave.map { $0[s] }) }
            inFlight.signal()
        }
    }

    /// Waits for every wave handed so far to be consumed.
    func finish() { queue.sync {} }
}
