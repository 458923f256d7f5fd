/// An input file other than plans, recorded for provenance.
public struct InputDigest: Sendable, Hashable {
    public var role: String
    public var file: String
    public var sha256: String

    public init(role: String, file: String, sha256: String) {
        self.role = role
        self.file = file
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

    public init(baseline: ResolvedBaseline, baselineSource: InputDigest, registrySource: InputDigest?, asOf: CalendarDate,
                strict: Bool, keepGoing: Bool, passedOver: [String]) {
        self.baseline = baseline
        self.baselineSource = baselineSource
        self.registrySource = registrySource
        self.asOf = asOf
        self.strict = strict
        self.keepGoing = keepGoing
        self.passedOver = passedOver
    }

    /// The folder the run's relative paths are relative to (the CLI's working folder): SARIF, Code Quality
    /// and GitHub annotations locate findings relative to it. Nil: paths are used as given.
    public var workingFolder: String? = nil
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
    public let counts: StatusCounts
    public let isInputError: Bool

    public init(_ p: PlanResult) {
        file = p.file
        sha256 = p.sha256
        id = p.plan?.id
        title = p.plan?.title
        phase = p.plan?.phase
        status = p.status
        counts = p.counts
        isInputError = p.isInputError
    }
}

/// A run's totals and its plans' summaries, gathered plan by plan as results stream past.
public struct RunOutcome: Sendable {
    public private(set) var summaries: [PlanSummary] = []
    /// Plans by status (unreadable plans are counted in `inputErrorCount` instead).
    public private(set) var plansByStatus = StatusCounts()
    public private(set) var findingsByStatus = StatusCounts()
    public private(set) var inputErrorCount = 0
    public let strict: Bool
    public let keepGoing: Bool

    public init(strict: Bool, keepGoing: Bool) {
        self.strict = strict
        self.keepGoing = keepGoing
    }

    public mutating func add(_ p: PlanResult) { add(PlanSummary(p)) }

    public mutating func add(_ p: PlanSummary) {
        summaries.append(p)
        if p.isInputError { inputErrorCount += 1 } else { plansByStatus[p.status] += 1 }
        for s in Status.allCases { findingsByStatus[s] += p.counts[s] }
    }

    public var planCount: Int { summaries.count }
    public func plans(withStatus s: Status) -> Int { plansByStatus[s] }
    public func findings(withStatus s: Status) -> Int { findingsByStatus[s] }

    /// 0: no fail; 1: a fail (or a warn under --strict, or an unreadable plan under --keep-going);
    /// 2: an unreadable plan without --keep-going.
    public var exitCode: Int32 {
        if inputErrorCount > 0 && !keepGoing { return 2 }
        if plansByStatus[.fail] > 0 || inputErrorCount > 0 { return 1 }
        if strict && plansByStatus[.warn] > 0 { return 1 }
        return 0
    }

    /// Whether any checked plan warns (a passing run "with warnings").
    public var hasWarnings: Bool { plansByStatus[.warn] > 0 }
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
        var outcome = RunOutcome(strict: settings.strict, keepGoing: settings.keepGoing)
        for p in plans { outcome.add(p) }
        self.outcome = outcome
    }

    public var exitCode: Int32 { outcome.exitCode }
}
