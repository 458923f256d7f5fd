/// What a test harness's JUnit XML says about the plans: which cases ran, how they ended, when, on what,
/// and where each is in its results file. Built by `JUnitReader` (one results file) and gathered across
/// files, with the run's plan ids, by `ExecutionIndex`. See docs/execution.md.

/// How a test case ended. A case with several outcome elements takes the worst: errored, failed,
/// skipped, passed.
public enum CaseOutcome: String, Sendable, Hashable, Comparable {
    case passed, skipped, failed, errored

    private var rank: Int {
        switch self {
        case .passed: return 0
        case .skipped: return 1
        case .failed: return 2
        case .errored: return 3
        }
    }
    public static func < (a: CaseOutcome, b: CaseOutcome) -> Bool { a.rank < b.rank }
}

/// A place in a results file: the file as the user named it and the line and column of a `<testcase>`
/// (or `<testsuite>`) start tag.
public struct ResultsLocation: Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let position: SourcePosition
    public init(file: String, position: SourcePosition) {
        self.file = file
        self.position = position
    }
    /// `file:line:column`, the form editors and CI logs link to (the column matters: pytest writes its
    /// whole report on one line).
    public var description: String { "\(file):\(position.line):\(position.column)" }
}

/// One test case, named as the harness named it (`classname.name`), and where it is.
public struct CaseRef: Sendable, Hashable {
    public let name: String
    public let at: ResultsLocation
    /// The test's own source `file` and `line` attributes, where the producer writes them (`tests/x.py:12`).
    public let source: String?
}

/// A case that failed or errored, with the first line of its message.
public struct FailedCase: Sendable, Hashable {
    public let testCase: CaseRef
    public let outcome: CaseOutcome
    /// The first non-empty line of the failure's `message` attribute, else of its text; at most
    /// `ExecutionEvidence.messageCap` characters (then ending in "…").
    public let message: String
    /// Bytes of failure text and message the file holds for this case (all of it, not only what was kept).
    public let messageBytes: Int
    /// Whether the message shown is shorter than what the file holds (a long first line, or text beyond
    /// what is kept): reports say so, never present a cut message as whole.
    public let capped: Bool
}

/// Cases counted by outcome.
public struct CaseCounts: Sendable, Hashable {
    public var linked = 0
    public var passed = 0
    public var failed = 0
    public var errored = 0
    public var skipped = 0
    public init() {}

    mutating func add(_ outcome: CaseOutcome) {
        linked += 1
        switch outcome {
        case .passed: passed += 1
        case .failed: failed += 1
        case .errored: errored += 1
        case .skipped: skipped += 1
        }
    }

    mutating func add(_ other: CaseCounts) {
        linked += other.linked
        passed += other.passed
        failed += other.failed
        errored += other.errored
        skipped += other.skipped
    }

    /// Cases that ran (not skipped).
    public var executed: Int { linked - skipped }
}

/// The cases that ran on one device model combination (`s1check.combination`), and the first of them.
public struct CombinationUse: Sendable, Hashable {
    public let combination: String
    public internal(set) var cases: Int
    public let first: ResultsLocation
}

/// The execution evidence of one group of cases (those linked to one plan, or to no plan): counts, the
/// failures with their places and messages, the dates of their suites, the combinations they ran on.
/// Its size does not grow with the number of cases: lists are capped and say how much they left out.
public struct ExecutionEvidence: Sendable {
    /// Longest first line of a failure message kept, in characters.
    public static let messageCap = 300
    /// Failures listed per group; the rest are counted (`failuresNotListed`).
    public static let failuresListed = 100
    /// Cases named per group (the first ones), for cases linked to no plan.
    public static let casesListed = 20
    /// Cases named for a plan's (or an unknown plan id's) evidence: the first, which findings name. Kept to
    /// one so that memory grows with the plans, never with the cases.
    public static let casesListedForPlans = 1

    public internal(set) var counts = CaseCounts()
    public internal(set) var failures: [FailedCase] = []
    public internal(set) var failuresNotListed = 0
    /// The first cases of the group, in file order (at most `listLimit`).
    public internal(set) var cases: [CaseRef] = []
    /// How many cases `cases` keeps: `casesListed`, or `casesListedForPlans` for a plan's evidence.
    public internal(set) var listLimit = ExecutionEvidence.casesListed
    /// Earliest and latest suite `timestamp` (calendar days as written) of the cases' suites.
    public internal(set) var earliest: CalendarDate?
    public internal(set) var latest: CalendarDate?
    /// Cases whose suites carry no timestamp, and the first of them.
    public internal(set) var undated = 0
    public internal(set) var firstUndated: ResultsLocation?
    /// The combinations the cases ran on, in order of first use.
    public internal(set) var combinations: [CombinationUse] = []
    /// The results files the cases are in, in order of first use.
    public internal(set) var files: [String] = []

    public init() {}

    init(listLimit: Int) { self.listLimit = listLimit }

    /// The first case of the group.
    public var first: CaseRef? { cases.first }

    /// Whether any linked case ran and none failed or errored: what counts for coverage.
    public var passed: Bool { counts.executed > 0 && counts.failed == 0 && counts.errored == 0 }

    mutating func record(_ testCase: CaseRef, _ outcome: CaseOutcome, failure: FailedCase?) {
        counts.add(outcome)
        if cases.count < listLimit { cases.append(testCase) }
        if let failure {
            if failures.count < Self.failuresListed { failures.append(failure) } else { failuresNotListed += 1 }
        }
        if !files.contains(testCase.at.file) { files.append(testCase.at.file) }
    }

    /// Adds `other`, whose cases ran in a suite dated `date` (nil: no timestamp) on `combination`.
    mutating func absorb(_ other: ExecutionEvidence, date: CalendarDate?, combination: String?) {
        var other = other
        if let combination, let first = other.first?.at {
            other.combinations = [CombinationUse(combination: combination, cases: other.counts.linked, first: first)]
        }
        if let date {
            other.earliest = date
            other.latest = date
        } else if other.counts.linked > 0 {
            other.undated = other.counts.linked
            other.firstUndated = other.first?.at
        }
        merge(other)
    }

    /// Adds another group's evidence (from a later place or file).
    mutating func merge(_ other: ExecutionEvidence) {
        counts.add(other.counts)
        for f in other.failures {
            if failures.count < Self.failuresListed { failures.append(f) } else { failuresNotListed += 1 }
        }
        failuresNotListed += other.failuresNotListed
        for c in other.cases where cases.count < listLimit { cases.append(c) }
        if let e = other.earliest { earliest = min(earliest ?? e, e) }
        if let l = other.latest { latest = max(latest ?? l, l) }
        undated += other.undated
        if firstUndated == nil { firstUndated = other.firstUndated }
        for use in other.combinations {
            if let k = combinations.firstIndex(where: { $0.combination == use.combination }) {
                combinations[k].cases += use.cases
            } else {
                combinations.append(use)
            }
        }
        for f in other.files where !files.contains(f) { files.append(f) }
    }
}

/// How a group of cases is linked, as far as one file can tell: to a plan id by an `s1check.plan`
/// property, or not by a property, with the names of its suites (innermost first), one of which may be
/// a plan id of the run.
public enum LinkKey: Sendable, Hashable {
    case plan(String)
    case suites([String])
}

/// One results file read: its digest, its size, and its cases grouped by how they are linked.
public struct JUnitResultsFile: Sendable {
    public let file: String
    public let sha256: String
    public let bytes: Int
    /// Every case of the file, in one group per link, in order of first appearance.
    public let groups: [(key: LinkKey, evidence: ExecutionEvidence)]
    /// Cases in the file.
    public var cases: Int { groups.reduce(0) { $0 + $1.evidence.counts.linked } }
}

/// A results file as the evidence of one plan names it.
public struct ResultsFileDigest: Sendable, Hashable {
    public let file: String
    public let sha256: String
    /// Cases of this file linked to the plan (for the run's list: all cases of the file).
    public let cases: Int
}

/// The execution evidence of one plan: its cases across every results file, and those files.
public struct PlanExecution: Sendable {
    public let planID: String
    public let evidence: ExecutionEvidence
    public let files: [ResultsFileDigest]
}

/// Cases linked to a plan id that no plan in the run has: kept, counted, and shown at their place.
public struct UnknownPlanLink: Sendable {
    public let planID: String
    public let evidence: ExecutionEvidence
}

/// Every results file of a run, linked to the run's plans (docs/execution.md, "Linking").
public struct ExecutionIndex: Sendable {
    /// The results files read, in the order given, with their digests.
    public let files: [ResultsFileDigest]
    /// Per plan id of the run that has linked cases.
    public let plans: [String: PlanExecution]
    /// Cases linked to no plan (no `s1check.plan` property, no suite named as a plan): counted, the
    /// first ones named.
    public let unlinked: ExecutionEvidence
    /// Cases whose `s1check.plan` names an id no plan of the run has, one entry per id, in order.
    public let unknownPlans: [UnknownPlanLink]

    public init(files results: [JUnitResultsFile], planIDs: Set<String>) {
        var plans: [String: ExecutionEvidence] = [:]
        var planFiles: [String: [ResultsFileDigest]] = [:]
        var unlinked = ExecutionEvidence()
        var unknown: [String: ExecutionEvidence] = [:]
        var unknownOrder: [String] = []
        for file in results {
            var perPlan: [String: Int] = [:]
            var perPlanOrder: [String] = []
            for (key, evidence) in file.groups {
                let id: String?
                switch key {
                case .plan(let p): id = p
                case .suites(let names): id = names.first(where: planIDs.contains)
                }
                guard let id else {
                    unlinked.merge(evidence)
                    continue
                }
                guard planIDs.contains(id) else {
                    if unknown[id] == nil { unknownOrder.append(id) }
                    unknown[id, default: ExecutionEvidence(listLimit: ExecutionEvidence.casesListedForPlans)].merge(evidence)
                    continue
                }
                plans[id, default: ExecutionEvidence(listLimit: ExecutionEvidence.casesListedForPlans)].merge(evidence)
                if perPlan[id] == nil { perPlanOrder.append(id) }
                perPlan[id, default: 0] += evidence.counts.linked
            }
            for id in perPlanOrder {
                planFiles[id, default: []].append(ResultsFileDigest(file: file.file, sha256: file.sha256, cases: perPlan[id]!))
            }
        }
        self.files = results.map { ResultsFileDigest(file: $0.file, sha256: $0.sha256, cases: $0.cases) }
        self.plans = plans.reduce(into: [:]) { out, entry in
            out[entry.key] = PlanExecution(planID: entry.key, evidence: entry.value, files: planFiles[entry.key] ?? [])
        }
        self.unlinked = unlinked
        self.unknownPlans = unknownOrder.map { UnknownPlanLink(planID: $0, evidence: unknown[$0]!) }
    }

    /// The plan's evidence; nil when no case is linked to it (with `--results` given: not executed).
    public subscript(planID: String) -> PlanExecution? { plans[planID] }

    /// Cases linked to a plan of the run, across all files.
    public var linkedCases: Int { plans.values.reduce(0) { $0 + $1.evidence.counts.linked } }
    /// Linked cases that passed.
    public var passedCases: Int { plans.values.reduce(0) { $0 + $1.evidence.counts.passed } }
}

/// The plan ids results files link cases to, for `fix --results` (docs/execution.md, "fix"), which reads
/// plans one at a time and so cannot know every plan id of the run first: an id counts when a case names it
/// by an `s1check.plan` property or stands in a suite of that name (at any depth: a superset of what the
/// run's linking gives, so fix refuses rather than rewrites when in doubt).
public struct LinkedPlanIDs: Sendable {
    /// Per id: cases linked and the first of them.
    public private(set) var links: [String: (cases: Int, first: ResultsLocation?)] = [:]

    public init(files: [JUnitResultsFile]) {
        for file in files {
            for (key, evidence) in file.groups {
                let ids: [String]
                switch key {
                case .plan(let id): ids = [id]
                case .suites(let names): ids = Array(Set(names))
                }
                for id in ids {
                    let known = links[id]
                    links[id] = ((known?.cases ?? 0) + evidence.counts.linked, known?.first ?? evidence.first?.at)
                }
            }
        }
    }

    /// Cases linked to `planID` and the first of them; nil when none is.
    public subscript(planID: String) -> (cases: Int, first: ResultsLocation?)? { links[planID] }
}

extension PlanExecution {
    /// A plan of a run with results that no case is linked to: not executed.
    public static func none(_ planID: String) -> PlanExecution {
        PlanExecution(planID: planID, evidence: ExecutionEvidence(listLimit: ExecutionEvidence.casesListedForPlans), files: [])
    }

    /// What the reports say of the plan's execution: its linked cases ran and none failed or errored
    /// (what counts for coverage), none ran (no case linked, or every linked case skipped), or some failed.
    public enum Verdict: String, Sendable { case passed, failed, notExecuted = "not-executed" }

    public var verdict: Verdict {
        if evidence.counts.executed == 0 { return .notExecuted }
        return evidence.passed ? .passed : .failed
    }
}

extension ExecutionIndex {
    /// Cases in every results file read.
    public var totalCases: Int { files.reduce(0) { $0 + $1.cases } }
    /// Plan ids of the run whose linked cases ran (not all skipped).
    public var executedPlans: Int { plans.values.reduce(0) { $0 + ($1.evidence.counts.executed > 0 ? 1 : 0) } }
    /// Plan ids of the run whose linked cases ran and none failed or errored.
    public var passedPlans: Int { plans.values.reduce(0) { $0 + ($1.evidence.passed ? 1 : 0) } }
    /// Cases linked to a plan id no plan of the run has.
    public var unknownPlanCases: Int { unknownPlans.reduce(0) { $0 + $1.evidence.counts.linked } }
}
