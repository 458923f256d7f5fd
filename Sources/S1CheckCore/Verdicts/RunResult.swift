/// The verdict on one plan file: its findings, or the input errors that stopped it being checked.
public struct PlanResult: Sendable {
    public var file: String
    /// SHA-256 of the file's bytes, hex, for the evidence pack.
    public var sha256: String
    public var plan: Plan?
    /// Setting the findings recounts them; reports read the counts many times.
    public var findings: [Finding] { didSet { recount() } }
    public var inputErrors: [InputError] { didSet { recount() } }
    public private(set) var status: Status = .pass
    private var counts = [0, 0, 0, 0]
    /// The line of the plan's id, where cross-plan findings point.
    public var idLine: Int?

    public init(file: String, sha256: String, plan: Plan?, findings: [Finding], inputErrors: [InputError]) {
        self.file = file
        self.sha256 = sha256
        self.plan = plan
        self.findings = findings
        self.inputErrors = inputErrors
        recount()
    }

    private mutating func recount() {
        counts = [0, 0, 0, 0]
        for f in findings { counts[f.status.severity] += 1 }
        status = PlanResult.status(counts: counts, unreadable: !inputErrors.isEmpty)
    }

    /// fail > warn > pass; waived findings do not worsen a plan. A plan that could not be read is `fail`
    /// (reports also say it was an input error).
    static func status(counts: [Int], unreadable: Bool) -> Status {
        if unreadable || counts[Status.fail.severity] > 0 { return .fail }
        return counts[Status.warn.severity] > 0 ? .warn : .pass
    }

    public var id: String? { plan?.id }
    public var isInputError: Bool { !inputErrors.isEmpty }

    public func count(_ status: Status) -> Int { counts[status.severity] }
}

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

/// Everything a run established: the reports render this, and nothing else.
public struct RunResult: Sendable {
    public var baseline: ResolvedBaseline
    public var baselineSource: InputDigest
    public var registrySource: InputDigest?
    public var asOf: CalendarDate
    public var strict: Bool
    public var keepGoing: Bool
    /// In the order the files were found (sorted paths), so output is deterministic.
    public let plans: [PlanResult]
    /// `*.json` files under a searched folder that were not read because they are not named `*.plan.json`.
    public let passedOver: [String]

    public init(baseline: ResolvedBaseline, baselineSource: InputDigest, registrySource: InputDigest?, asOf: CalendarDate,
                strict: Bool, keepGoing: Bool, plans: [PlanResult], passedOver: [String]) {
        self.baseline = baseline
        self.baselineSource = baselineSource
        self.registrySource = registrySource
        self.asOf = asOf
        self.strict = strict
        self.keepGoing = keepGoing
        self.plans = plans
        self.passedOver = passedOver
        var planTally = [0, 0, 0, 0], findingTally = [0, 0, 0, 0], unreadable = 0
        for p in plans {
            if p.isInputError { unreadable += 1 } else { planTally[p.status.severity] += 1 }
            for s in Status.allCases { findingTally[s.severity] += p.count(s) }
        }
        self.planTally = planTally
        self.findingTally = findingTally
        self.inputErrorCount = unreadable
    }

    public let inputErrorCount: Int
    private let planTally: [Int]
    private let findingTally: [Int]
    public func plans(withStatus s: Status) -> Int { planTally[s.severity] }
    public func findings(withStatus s: Status) -> Int { findingTally[s.severity] }

    /// 0: no fail; 1: a fail (or a warn under --strict, or an unreadable plan under --keep-going);
    /// 2: an unreadable plan without --keep-going.
    public var exitCode: Int32 {
        if inputErrorCount > 0 && !keepGoing { return 2 }
        if plans.contains(where: { $0.status == .fail }) { return 1 }
        if strict && plans.contains(where: { $0.status == .warn }) { return 1 }
        return 0
    }
}
