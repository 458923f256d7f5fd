/// An input file other than plans, recorded for provenance.
public struct InputDigest: Sendable, Hashable {
    public var role: String
    /// The file as s1check shows it (display text), and its path's bytes (for locations).
    public var file: String
    public var location: [UInt8]
    public var sha256: String

    public init(role: String, file: String, location: [UInt8]? = nil, sha256: String) {
        self.role = role
        self.file = file
        self.location = location ?? Array(file.utf8)
        self.sha256 = sha256
    }
}

/// What a run checks against and how, known before the first plan is read. Reports state it.
public struct RunSettings: Sendable {
    public var baseline: ResolvedBaseline
    public var baselineSource: InputDigest
    public var registrySource: InputDigest?
    public var asOf: CalendarDate
    public var strict: Bool
    public var keepGoing: Bool
    /// `*.json` files under a searched folder that were not read because they are not named `*.plan.json`.
    public var passedOver: [String]
    /// The run's policy (levels, shared waivers) and the file it came from; `Policy.none` and nil without one.
    public var policy: Policy
    public var policySource: InputDigest?

    public init(baseline: ResolvedBaseline, baselineSource: InputDigest, registrySource: InputDigest?, asOf: CalendarDate,
                strict: Bool, keepGoing: Bool, passedOver: [String], policy: Policy = .none, policySource: InputDigest? = nil) {
        self.baseline = baseline
        self.baselineSource = baselineSource
        self.registrySource = registrySource
        self.asOf = asOf
        self.strict = strict
        self.keepGoing = keepGoing
        self.passedOver = passedOver
        self.policy = policy
        self.policySource = policySource
    }

    /// The folder the run's relative paths are relative to (the CLI's working folder): SARIF, Code Quality
    /// and GitHub annotations locate findings relative to it. Nil: paths are used as given.
    public var workingFolder: String? = nil

    /// The device registry itself (`--devices`), so the evidence pack can name a combination's device
    /// models; nil without one.
    public var registry: DeviceRegistry? = nil

    /// The arguments after the program name that reproduce the run, as bytes (a path need not be UTF-8):
    /// the CLI's own, with `--as-of` added when the run took today's date. The evidence pack prints them
    /// quoted for a POSIX shell; nil (a library run) prints nothing.
    public var command: [[UInt8]]? = nil
    /// The release scope whose coverage the run judges (`--scope`), if any.
    public var scope: ScopeInput? = nil
    /// The test results the run reads (`--results`, docs/execution.md), if any.
    public var results: TestResults? = nil
}

/// What the run-wide parts of the reports need of one plan (summary and input tables): kept for every
/// plan once its own sections are written, so a run's memory does not grow with its findings.
public struct PlanSummary: Sendable {
    public let file: String
    public let sha256: String
    public let id: String?
    public let title: String?
    public let phase: Phase?
    public let status: Status
    /// The plan's findings by status and its deviations.
    public let tally: Tally
    public var counts: StatusCounts { tally.findings }
    /// The plan's deviations, for the pack's first screen (at most `RunOutcome.deviationNoteLimit`).
    public let deviationNotes: [DeviationNote]
    public let isInputError: Bool
    /// The policy's shared waivers this plan met: its contribution to the run's `SharedWaiverUse`.
    public let sharedWaivers: SharedWaiverUse.InPlan
    /// Passes a policy level made of warnings or failures (listed wherever non-passes are).
    public let allowed: Int
    /// What a release scope's coverage needs of the plan (a few values; nil for an unreadable plan, or a run without a scope).
    public let coverage: CoverageFacts?

    /// `coverage`: whether the run has a release scope, so the plan's coverage facts are worth keeping.
    public init(_ p: PlanResult, coverage: Bool = false) {
        file = p.file
        sha256 = p.sha256
        id = p.plan?.id
        title = p.plan?.title
        phase = p.plan?.phase
        status = p.status
        tally = p.tally
        deviationNotes = p.tally.deviations == 0 ? [] : p.findings.filter { $0.deviation != nil }.prefix(RunOutcome.deviationNoteLimit).map {
            DeviationNote(plan: p.plan?.id ?? p.file, check: $0.check, kind: $0.deviation!, originalStatus: $0.waiver?.originalStatus ?? $0.level?.originalStatus ?? $0.status,
                          level: $0.level?.level.rawValue, reason: $0.waiver?.reason, approvedBy: $0.waiver?.approvedBy)
        }
        isInputError = p.isInputError
        sharedWaivers = SharedWaiverUse.InPlan(p)
        allowed = p.findings.reduce(0) { $0 + ($1.isAllowed ? 1 : 0) }
        self.coverage = coverage ? CoverageFacts(p) : nil
    }
}

/// One deviation, as the evidence pack's first screen lists it: what, its own level, and who decided.
public struct DeviationNote: Sendable {
    public var plan: String
    public var check: String
    public var kind: Deviation
    public var originalStatus: Status
    /// The policy level, for a deviation the policy made.
    public var level: String?
    public var reason: String?
    public var approvedBy: String?
}

/// A run's totals and its plans' summaries, gathered plan by plan as results stream past: what the
/// reports' heads and tails and the exit status know of the run. A `RunFact` whose contribution is the
/// plan's `PlanSummary`; the shared waivers' use is a fact of its own, kept here because reports state it.
public struct RunOutcome: RunFact {
    public private(set) var summaries: [PlanSummary] = []
    /// Plans by status (unreadable plans are counted in `inputErrorCount` instead).
    public private(set) var plansByStatus = StatusCounts()
    public private(set) var findingsByStatus = StatusCounts()
    public private(set) var inputErrorCount = 0
    public let strict: Bool
    public let keepGoing: Bool
    /// What the policy's shared waivers met in the plans.
    public private(set) var sharedWaivers: SharedWaiverUse

    public init(strict: Bool, keepGoing: Bool, sharedWaivers: Int = 0) {
        self.strict = strict
        self.keepGoing = keepGoing
        self.sharedWaivers = SharedWaiverUse(count: sharedWaivers)
    }

    public init(_ settings: RunSettings) {
        self.init(strict: settings.strict, keepGoing: settings.keepGoing, sharedWaivers: settings.policy.waivers.count)
        if let scope = settings.scope { setScope(scope) }
    }

    /// The release scope, and the coverage gathered plan by plan; `coverage` is judged once every plan is
    /// in (`judgeCoverage`), so every report's head and tail state the same cells.
    public private(set) var scope: ScopeInput?
    private var coverageFacts: CoverageAccumulator?
    public private(set) var coverage: CoverageResult?

    /// The run's test results linked to its plans (`--results`), set by the pipeline after its id pass; and
    /// each results file's own result (unknown plan ids, unlinked cases), reported after the plans.
    public internal(set) var execution: ExecutionIndex?
    public internal(set) var resultsFiles: [FileResult] = []

    /// Gathers coverage of `scope` from the plans added after this.
    public mutating func setScope(_ scope: ScopeInput) {
        self.scope = scope
        coverageFacts = CoverageAccumulator(scope: scope.scope)
    }

    /// Judges the scope's cells against the plans gathered (the pipeline calls it after the last plan).
    /// `baseline`: the run's, so the scope's own `tbrd` is judged against its TBRD issue.
    public mutating func judgeCoverage(asOf: CalendarDate, baseline: ResolvedBaseline? = nil) {
        guard let scope, let facts = coverageFacts else { return }
        coverage = facts.result(file: scope.source.file, sha256: scope.source.sha256, lines: scope.lines, asOf: asOf,
                                baseline: baseline.map { ($0.baseline.tbrd.version, $0.baseline.tbrd.date) })
    }

    public func contribution(of plan: PlanResult) -> PlanSummary { PlanSummary(plan, coverage: coverageFacts != nil) }

    public mutating func add(_ p: PlanResult) { add(contribution(of: p)) }

    public mutating func add(_ p: PlanSummary) {
        summaries.append(p)
        sharedWaivers.add(p.sharedWaivers)
        if p.isInputError { inputErrorCount += 1 } else { plansByStatus[p.status] += 1 }
        for s in Status.allCases { findingsByStatus[s] += p.counts[s] }
        planTally.add(p.tally)
        if deviationNotes.count < RunOutcome.deviationNoteLimit { deviationNotes += p.deviationNotes.prefix(RunOutcome.deviationNoteLimit - deviationNotes.count) }
        allowedFindings += p.allowed
        if let c = p.coverage { coverageFacts?.add(c) }
    }

    /// How many plans each of the policy's shared waivers waived something in, and how many it would
    /// have but had expired in.
    public var sharedWaiverUses: [Int] { sharedWaivers.uses }
    public var sharedWaiverExpiries: [Int] { sharedWaivers.expiries }

    public var planCount: Int { summaries.count }
    public func plans(withStatus s: Status) -> Int { plansByStatus[s] }
    /// Passes a policy allowed, over the run.
    public private(set) var allowedFindings = 0
    /// Whether any plan has something the CI formats list: an input error, a fail, warn or waived
    /// finding, or a pass a policy allowed.
    public var hasListedFindings: Bool {
        inputErrorCount > 0 || allowedFindings > 0 || [Status.fail, .warn, .waived].contains { findingsByStatus[$0] > 0 }
            || (coverage?.cells.contains { $0.finding.status != .pass } ?? false)
            || resultsFiles.contains { $0.status != .pass }
    }
    public func findings(withStatus s: Status) -> Int { findingsByStatus[s] }

    /// The first deviations of the run's plans (a bounded list: the pack's first screen names them, and
    /// each plan's section lists its own).
    public private(set) var deviationNotes: [DeviationNote] = []
    public static let deviationNoteLimit = 50

    /// The plans' findings and deviations, added as they come.
    private var planTally = Tally()

    /// The run's counts, as every report states them: the plans' findings, the scope's cells and the
    /// run's own findings (each shared waiver that waived nothing is a warning), plans by verdict and the
    /// plans that could not be read.
    public var tally: Tally {
        var t = planTally
        t.plans = plansByStatus
        t.inputErrors = inputErrorCount
        if let c = coverage { for f in c.findings { t.add(f) } }
        for r in resultsFiles { for f in r.findings { t.add(f) } }
        t.findings[.warn] += unusedSharedWaivers.count
        return t
    }

    /// The shared waivers that met nothing in any plan checked (their places in the policy file): each is a
    /// warning of the run, as an unused plan waiver is of its plan. None when no plan could be checked:
    /// a waiver cannot be judged unused by a run that read nothing.
    public var unusedSharedWaivers: [Int] {
        guard planCount > inputErrorCount else { return [] }
        return sharedWaivers.unused
    }

    /// Set when the run found no plan to check at all (a mistyped path): the run is an input error.
    public var noPlanFound = false

    /// 0: no fail; 1: a fail (or a warn under --strict, or an unreadable plan under --keep-going);
    /// 2: an unreadable plan without --keep-going, or no plan found at all.
    public var exitCode: Int32 {
        if noPlanFound || (inputErrorCount > 0 && !keepGoing) { return 2 }
        if plansByStatus[.fail] > 0 || inputErrorCount > 0 || coverage?.status == .fail { return 1 }
        if strict && hasWarnings { return 1 }
        return 0
    }

    /// Whether any checked plan warns, or a shared waiver waived nothing (a passing run "with warnings").
    public var hasWarnings: Bool {
        plansByStatus[.warn] > 0 || !unusedSharedWaivers.isEmpty || coverage?.status == .warn || resultsFiles.contains { $0.status == .warn }
    }
}

/// A whole run held in memory: the settings, every plan's result, and the outcome. Library users and tests
/// build one; the CLI streams plans through the reports instead and keeps only the outcome.
public struct RunResult: Sendable {
    public var settings: RunSettings
    public let plans: [PlanResult]
    public let outcome: RunOutcome

    public init(settings: RunSettings, plans: [PlanResult]) {
        self.settings = settings
        self.plans = plans
        var outcome = RunOutcome(settings)
        for p in plans { outcome.add(p) }
        outcome.judgeCoverage(asOf: settings.asOf, baseline: settings.baseline)
        self.outcome = outcome
    }

    public var exitCode: Int32 { outcome.exitCode }
}
