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
    /// The plan's linked test cases counted, when the run reads results (`--results`); nil otherwise.
    public let execution: CaseCounts?

    /// `coverage`: whether the run has a release scope, so the plan's coverage facts are worth keeping.
    public init(_ p: FileResult, coverage: Bool = false) {
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
        isInputError = p.kind == .unreadable
        sharedWaivers = SharedWaiverUse.InPlan(p)
        allowed = p.findings.reduce(0) { $0 + ($1.isAllowed ? 1 : 0) }
        self.coverage = coverage ? CoverageFacts(p) : nil
        execution = p.execution?.evidence.counts
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

/// A run's totals and its plans' summaries, gathered plan by plan as results stream past, and its
/// run-level results once the last plan is in: what the reports' heads and tails and the exit status know
/// of the run. A `RunFact` whose contribution is the plan's `PlanSummary`; the shared waivers' use is a
/// fact of its own, kept here because the policy file's result is made from it.
public struct RunOutcome: RunFact {
    /// The run's settings, given once (`RunPipeline` takes them and makes the outcome from them).
    public let settings: RunSettings
    public private(set) var summaries: [PlanSummary] = []
    /// Plans by status (unreadable plans are counted in `inputErrorCount` instead).
    public private(set) var plansByStatus = StatusCounts()
    public private(set) var findingsByStatus = StatusCounts()
    public private(set) var inputErrorCount = 0
    public var strict: Bool { settings.strict }
    public var keepGoing: Bool { settings.keepGoing }
    /// What the policy's shared waivers met in the plans.
    public private(set) var sharedWaivers: SharedWaiverUse

    /// The outcome of a run of `settings`, before any plan: the one way an outcome is made.
    public init(_ settings: RunSettings) {
        self.settings = settings
        sharedWaivers = SharedWaiverUse(count: settings.policy.waivers.count)
        if let scope = settings.scope { coverageFacts = CoverageAccumulator(scope: scope.scope) }
    }

    /// The release scope (`settings.scope`), and the coverage gathered plan by plan; `coverage` is judged
    /// once every plan is in (`finish`), so every report's head and tail state the same cells.
    public var scope: ScopeInput? { settings.scope }
    private var coverageFacts: CoverageAccumulator?
    public private(set) var coverage: CoverageResult?

    /// The run's test results linked to its plans (`--results`), set by the pipeline after its id pass; and
    /// each results file's own result (unknown plan ids, unlinked cases), among the run-level results.
    public internal(set) var execution: ExecutionIndex?
    var resultsFiles: [FileResult] = []

    /// The results of the run's own files, made once the last plan is in (`finish`), in the order they
    /// reach the sinks after the plans: the scope file's (its cells), then the policy file's (each
    /// shared waiver that waived nothing in any plan, a warning at its line). Counted in `tally` as every
    /// plan's findings are.
    public private(set) var runResults: [FileResult] = []

    /// Ends the run: `noPlan` when the source had no plan at all (the run is an input error); judges the
    /// scope's cells against the plans gathered and makes the run-level results. The pipeline calls it
    /// after the last plan.
    public mutating func finish(noPlan: Bool) {
        noPlanFound = noPlan
        if let scope = settings.scope, let facts = coverageFacts {
            let baseline = settings.baseline
            let c = facts.result(file: scope.source.file, sha256: scope.source.sha256, lines: scope.lines, asOf: settings.asOf,
                                 baseline: (baseline.baseline.tbrd.version, baseline.baseline.tbrd.date))
            coverage = c
            runResults.append(FileResult(scope: c, location: scope.source.location))
        }
        if !settings.policy.waivers.isEmpty {
            let source = settings.policySource ?? InputDigest(role: "policy", file: settings.policy.file, sha256: "")
            runResults.append(FileResult(policy: source, findings: unusedSharedWaiverFindings, sharedWaivers: sharedWaivers))
        }
        // The results files' own results (`--results`): after the scope's and the policy's.
        runResults += resultsFiles
    }

    public func contribution(of plan: FileResult) -> PlanSummary { PlanSummary(plan, coverage: coverageFacts != nil) }

    public mutating func add(_ p: FileResult) { add(contribution(of: p)) }

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

    public var planCount: Int { summaries.count }
    public func plans(withStatus s: Status) -> Int { plansByStatus[s] }
    /// Passes a policy allowed, over the run.
    public private(set) var allowedFindings = 0
    /// Whether any file has something the CI formats list: an input error, a fail, warn or waived
    /// finding, or a pass a policy allowed.
    public var hasListedFindings: Bool {
        inputErrorCount > 0 || allowedFindings > 0 || [Status.fail, .warn, .waived].contains { findingsByStatus[$0] > 0 }
            || runResults.contains { r in r.findings.contains { $0.status != .pass || $0.isAllowed } }
    }
    public func findings(withStatus s: Status) -> Int { findingsByStatus[s] }

    /// The first deviations of the run's plans (a bounded list: the pack's first screen names them, and
    /// each plan's section lists its own).
    public private(set) var deviationNotes: [DeviationNote] = []
    public static let deviationNoteLimit = 50

    /// The plans' findings and deviations, added as they come.
    private var planTally = Tally()

    /// The run's counts, as every report states them: the plans' findings and the run-level results'
    /// (the scope's cells, the policy's unused shared waivers), plans by verdict and the plans that could
    /// not be read.
    public var tally: Tally {
        var t = planTally
        t.plans = plansByStatus
        t.inputErrors = inputErrorCount
        for r in runResults { t.add(r.tally) }
        return t
    }

    /// The shared waivers that met nothing in any plan, each a warning of the `waiver` rule at its line of
    /// the policy file (as an unused plan waiver is of its plan). None when no plan could be checked: a
    /// waiver cannot be judged unused by a run that read nothing.
    private var unusedSharedWaiverFindings: [Finding] {
        guard planCount > inputErrorCount else { return [] }
        let policy = settings.policy
        return sharedWaivers.unused.map { i in
            var f = Finding(rule: WaiverRule.description, status: .warn, subject: "\(policy.waivers[i].label) (shared, line \(policy.waiverLines[i]))",
                            message: policy.unusedMessage(i, in: settings.baseline))
            f.line = policy.waiverLines[i]
            f.check = policy.checkName(i)
            f.sharedWaiver = i
            return f
        }
    }

    /// Whether the run found no plan to check at all (a mistyped path): the run is an input error.
    public private(set) var noPlanFound = false

    /// 0: no fail; 1: a fail (or a warn under --strict, or an unreadable plan under --keep-going);
    /// 2: an unreadable plan without --keep-going, or no plan found at all.
    public var exitCode: Int32 {
        if noPlanFound || (inputErrorCount > 0 && !keepGoing) { return 2 }
        if plansByStatus[.fail] > 0 || inputErrorCount > 0 || runResults.contains(where: { $0.status == .fail }) { return 1 }
        if strict && hasWarnings { return 1 }
        return 0
    }

    /// Whether any checked plan warns, or a run-level result does (a shared waiver that waived nothing, a
    /// cell covered only with warnings): a passing run "with warnings".
    public var hasWarnings: Bool { plansByStatus[.warn] > 0 || runResults.contains { $0.status == .warn } }
}

/// A whole run held in memory: the settings, every plan's result, and the outcome. Library users and tests
/// build one; the CLI streams plans through the reports instead and keeps only the outcome.
public struct RunResult: Sendable {
    public var settings: RunSettings
    public let plans: [FileResult]
    public let outcome: RunOutcome

    public init(settings: RunSettings, plans: [FileResult]) {
        self.settings = settings
        self.plans = plans
        var outcome = RunOutcome(settings)
        for p in plans { outcome.add(p) }
        outcome.finish(noPlan: plans.isEmpty)
        self.outcome = outcome
    }

    public var exitCode: Int32 { outcome.exitCode }
}
