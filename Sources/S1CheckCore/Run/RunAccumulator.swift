/// One fact across a run's plans, gathered plan by plan as the pipeline goes: the outcome counts, the
/// shared waivers' use (and next, the cells of a scope the plans cover).
///
/// The pipeline asks for each plan's contribution on the core that checked it, as soon as it is checked
/// (`contribution(of:)` must be pure: it is called concurrently, in any order), then adds the
/// contributions in plan order, one at a time. A fact therefore never holds a plan's findings, only what
/// it needs of them, and a run's memory does not grow with its findings.
public protocol RunFact: Sendable {
    associatedtype Contribution: Sendable
    func contribution(of plan: FileResult) -> Contribution
    mutating func add(_ contribution: Contribution)
}

/// How the policy's shared waivers fared over the run: for each (by its place in the policy file), how
/// many plans it waived something in, and how many it would have but had expired in. A shared waiver that
/// met nothing in any plan is a warning of the run.
public struct SharedWaiverUse: RunFact, Sendable {
    public private(set) var uses: [Int]
    public private(set) var expiries: [Int]

    public init(count: Int) {
        uses = Array(repeating: 0, count: count)
        expiries = Array(repeating: 0, count: count)
    }

    /// The shared waivers one plan met.
    public struct InPlan: Sendable, Hashable {
        public var used: Set<Int> = []
        public var expired: Set<Int> = []

        public init(_ plan: FileResult) {
            for f in plan.findings {
                guard let i = f.sharedWaiver else { continue }
                // The waiver rule's own finding says how: one that would waive a failure without an approver
                // met something (it is used, and fails there); one past its expiry met something too late.
                if f.sharedWaiverMeeting == .expired { expired.insert(i) } else { used.insert(i) }
            }
        }
    }

    public func contribution(of plan: FileResult) -> InPlan { InPlan(plan) }

    public mutating func add(_ p: InPlan) {
        for i in p.used where i < uses.count { uses[i] += 1 }
        for i in p.expired where i < expiries.count { expiries[i] += 1 }
    }

    /// The shared waivers that met nothing, not even expired (their places in the policy file).
    public var unused: [Int] { uses.indices.filter { uses[$0] == 0 && expiries[$0] == 0 } }
}

/// Everything a run knows across its plans, built by `RunPipeline`:
/// - before any plan is checked, the plan ids of the whole run (`planIDs`), so `duplicate-plan-id` is
///   made with each plan's other findings and a plan's result is final as soon as it is checked;
/// - then, plan by plan in plan order, the `outcome` the reports and the exit status read.
///
/// Adding a fact across plans (a coverage gate, say) is a `RunFact` type and a field of `RunOutcome` (as
/// `sharedWaivers` is), its contribution made in `RunOutcome.contribution(of:)` (a field of
/// `PlanSummary`) and added in `RunOutcome.add`; a fact that must be known before plans are checked, as
/// the plan ids are, is a field here, gathered in `RunPipeline`'s first pass. What the run finds from a
/// fact is a run-level rule's findings in a file's result (`RunOutcome.finish` makes `runResults`), so
/// every report lists them with nothing more.
public struct RunAccumulator: Sendable {
    public internal(set) var planIDs = PlanIDIndex()
    /// Every plan id of the run (from the first pass), for linking test results by suite name.
    public internal(set) var allPlanIDs: Set<String> = []
    public private(set) var outcome: RunOutcome

    public init(outcome: RunOutcome) {
        self.outcome = outcome
    }

    public func contribution(of plan: FileResult) -> RunOutcome.Contribution { outcome.contribution(of: plan) }

    public mutating func add(_ contribution: RunOutcome.Contribution) { outcome.add(contribution) }

    /// Ends the run (`RunOutcome.finish`): after the last plan.
    public mutating func finish(noPlan: Bool) { outcome.finish(noPlan: noPlan) }

    /// The run's test results linked to its plans, and the results files' own results.
    mutating func setExecution(_ index: ExecutionIndex?, files: [FileResult]) {
        outcome.execution = index
        outcome.resultsFiles = files
    }
}
