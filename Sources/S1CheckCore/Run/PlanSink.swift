import Synchronization

/// Where a run's results go as the run goes: a report, the console, a list in memory. Every result is a
/// file's (`FileResult`): the plans', then the run-level results.
///
/// A plan's `part` is made on the core that checked it, as soon as it is checked (so rendering runs on
/// every core and no plan's findings outlive its wave); the parts then reach `consume` a wave at a time,
/// in plan order, on one queue, one wave after another.
public protocol PlanSink: Sendable {
    associatedtype Part: Sendable
    /// Pure: called concurrently, in any order.
    func part(for plan: FileResult) -> Part
    /// The next wave's parts, in plan order.
    func consume(_ parts: [Part])
}

/// Every plan's result, in plan order: for callers that want the whole run in memory.
public final class ResultCollector: PlanSink {
    private let collected = Mutex<[FileResult]>([])

    public init() {}

    public func part(for plan: FileResult) -> FileResult { plan }

    public func consume(_ parts: [FileResult]) {
        collected.withLock { $0 += parts }
    }

    public var results: [FileResult] { collected.withLock { $0 } }
}

/// A sink with its part type erased, so a run can feed sinks of different kinds.
struct AnyPlanSink: Sendable {
    let part: @Sendable (FileResult) -> any Sendable
    let consume: @Sendable ([any Sendable]) -> Void

    init<S: PlanSink>(_ sink: S) {
        part = { sink.part(for: $0) }
        consume = { parts in sink.consume(parts.map { $0 as! S.Part }) }
    }
}
