/// Rule `coverage`: every cell of a release scope is covered by a plan of the run, covered through a stated
/// equivalent combination, or excluded with a reason, an approver and an expiry; otherwise it fails at
/// its line in the scope file. Gaps are rows, never omissions.
public enum CoverageRule {
    public static let description = RuleDescription(
        id: "coverage",
        summary: "Every cell of the release scope (phase × combination × test type × installation type) is covered by a plan that passes, through an approved equivalent, or excluded with reason, approver and expiry (fail otherwise; warn when only plans that warn or pass with deviations cover it).",
        clause: "DCC Depth and Breadth of Testing per capability phase; SEC F2.10A (substantively equivalent combinations); SVTAD DMCT process (exclusions). From DCC's and SECCo's public pages, not from the TBRD",
        waivable: false, examples: [])
}

/// A release scope as a run reads it: the scope, where it came from (for provenance), and its lines (each
/// cell's finding points at its combination's line).
public struct ScopeInput: Sendable {
    public var scope: Scope
    public var source: InputDigest
    public var lines: LineIndex

    public init(scope: Scope, source: InputDigest, lines: LineIndex) {
        self.scope = scope
        self.source = source
        self.lines = lines
    }
}

/// What coverage needs from one checked plan: a few values, kept for the whole run (a plan's findings are
/// not).
public struct CoverageFacts: Sendable {
    public var id: String
    public var file: String
    public var phase: Phase
    public var combinations: [String]
    public var testType: TestType?
    public var installationTypes: [InstallationType]
    public var status: Status
    /// The plan's deviations: a plan that passes with deviations covers a cell only with a warning.
    public var deviations: Int
    /// With `--results`: whether the plan's linked tests ran and none failed or errored (rule
    /// `test-results` passed its execution: `TestResultsJudgement.countsForCoverage`); a plan whose tests
    /// did not covers no cell (docs/coverage.md). Nil: the run reads no results.
    public var testsPassed: Bool?

    public init?(_ r: FileResult) {
        guard let plan = r.plan else { return nil }
        id = plan.id
        file = r.file
        phase = plan.phase
        combinations = plan.combinations.map(\.value)
        testType = plan.testType
        installationTypes = plan.installationTypes
        status = r.status
        deviations = r.tally.deviations
        testsPassed = TestResultsJudgement.testsPassed(in: r.findings)
    }

    /// The cells this plan covers: its phase × each combination × its test type × each installation type.
    var keys: [Cell.Key] {
        guard let testType else { return [] }
        return combinations.flatMap { c in installationTypes.map { Cell.Key(phase: phase, combination: c, testType: testType, installationType: $0) } }
    }
}

/// One cell and its verdict.
public struct CellResult: Sendable {
    public enum Outcome: Sendable {
        /// Plans that do not fail cover it directly.
        case covered(plans: [String])
        /// Covered only through the equivalent combination (SEC F2.10A), by these plans.
        case equivalent(Scope.Equivalent, plans: [String])
        /// Covered only by plans that warn or pass with deviations (directly, or through `through`).
        case onlyWarning(plans: [String], through: Scope.Equivalent?)
        /// Covered only through an equivalent that names no approver.
        case unapprovedEquivalent(Scope.Equivalent, plans: [String])
        /// Excluded (the SVTAD's DMCT process), validly.
        case excluded(Scope.Exclusion)
        /// Excluded, but the exclusion has no reason or approver, or has expired.
        case invalidExclusion(Scope.Exclusion, why: String)
        /// Only failing plans cover it.
        case onlyFailing(plans: [String])
        /// With `--results`: only plans whose tests did not run and pass cover it (not executed, a test
        /// failed or errored), and no exclusion applies.
        case untested(plans: [String])
        /// No plan covers it.
        case gap
    }

    public let cell: Cell
    public let outcome: Outcome
    public let finding: Finding

    /// "covered", "equivalent", "excluded", "gap": a word for tables and JSON.
    public var kind: String {
        switch outcome {
        case .covered: return "covered"
        case .equivalent: return "equivalent"
        case .onlyWarning: return "only-warning"
        case .unapprovedEquivalent: return "unapproved-equivalent"
        case .excluded: return "excluded"
        case .invalidExclusion: return "invalid-exclusion"
        case .onlyFailing: return "only-failing"
        case .untested: return "untested"
        case .gap: return "gap"
        }
    }

    /// The plan ids that cover the cell, directly or through the equivalent (failing ones included).
    public var plans: [String] {
        switch outcome {
        case .covered(let p), .equivalent(_, let p), .onlyFailing(let p), .onlyWarning(let p, _), .unapprovedEquivalent(_, let p), .untested(let p): return p
        default: return []
        }
    }
}

/// Coverage of a release scope by one run's plans.
public struct CoverageResult: Sendable {
    public let scope: Scope
    public let file: String
    public let sha256: String
    /// Every cell of the scope, in scope order: one finding each.
    public let cells: [CellResult]
    /// Plans of the run that cover no cell (with the reason: no test type, no installation type, or
    /// nothing in scope), by id and file.
    public let uncovering: [(id: String, file: String, why: String)]
    public let counts: StatusCounts
    /// The scope file's findings that are not cells: whether it was prepared against the baseline's TBRD
    /// issue (rule tbrd-version, as a plan's `tbrd` is judged). Counted in `counts` and `status`.
    public internal(set) var notes: [Finding] = []

    public var findings: [Finding] { notes + cells.map(\.finding) }
    public var status: Status { counts[.fail] > 0 ? .fail : counts[.warn] > 0 ? .warn : .pass }

    /// How the cells fared, as every report's summary of the scope states it.
    public struct Tally: Sendable {
        public var covered = 0, equivalent = 0, excluded = 0, notCovered = 0
        /// Covered only by plans that warn or pass with deviations.
        public var warned = 0
    }

    public var tally: Tally {
        var t = Tally()
        for c in cells {
            switch c.outcome {
            case .covered: t.covered += 1
            case .equivalent: t.equivalent += 1
            case .excluded: t.excluded += 1
            case .onlyWarning: t.warned += 1
            case .invalidExclusion, .onlyFailing, .unapprovedEquivalent, .untested, .gap: t.notCovered += 1
            }
        }
        return t
    }
}

/// Gathers coverage facts plan by plan, in any order, then judges the scope once. Linear: each plan's cells
/// are looked up by key, and each cell once.
public struct CoverageAccumulator: Sendable {
    public let scope: Scope
    private var byKey: [Cell.Key: [Int]] = [:]
    private var facts: [CoverageFacts] = []
    private let exclusions: ExclusionIndex

    public init(scope: Scope) {
        self.scope = scope
        exclusions = ExclusionIndex(scope.exclusions)
    }

    public mutating func add(_ r: FileResult) { CoverageFacts(r).map { add($0) } }

    public mutating func add(_ f: CoverageFacts) {
        let i = facts.count
        facts.append(f)
        for k in Set(f.keys) { byKey[k, default: []].append(i) }
    }

    /// `lines`: the scope file's line index, so each cell's finding points at its combination's line.
    /// `baseline`: the TBRD issue (version, date) the run checks against, so the scope's own `tbrd` is judged.
    public func result(file: String, sha256: String, lines: LineIndex, asOf: CalendarDate,
                       baseline: (version: Version, date: CalendarDate)? = nil) -> CoverageResult {
        let rule = CoverageRule.description
        let equivalents = Dictionary(scope.equivalents.map { ($0.combination, $0) }, uniquingKeysWith: { a, _ in a })
        var inScope = Set<Cell.Key>()
        var cells: [CellResult] = []
        var counts = StatusCounts()
        for cell in scope.cells {
            inScope.insert(cell.key)
            let direct = byKey[cell.key] ?? []
            var equivalentPlans: [Int] = []
            let eq = equivalents[cell.combination]
            if let eq {
                let k = Cell.Key(phase: cell.phase, combination: eq.coveredBy, testType: cell.testType, installationType: cell.installationType)
                inScope.insert(k)
                equivalentPlans = byKey[k] ?? []
            }
            let outcome = judge(cell, direct: direct, equivalent: eq, equivalentPlans: equivalentPlans, asOf: asOf)
            var finding = Finding(rule: rule, status: status(outcome), subject: cell.label, declared: nil,
                                  expected: "covered", message: message(cell, outcome), clause: clause(outcome),
                                  offset: cell.offset)
            finding.line = lines.line(ofOffset: cell.offset)
            if case .excluded(let x) = outcome {
                finding.waiver = AppliedWaiver(reason: x.reason ?? "", expires: x.expires, originalStatus: .fail, approvedBy: x.approvedBy)
            }
            counts[finding.status] += 1
            cells.append(CellResult(cell: cell, outcome: outcome, finding: finding))
        }
        var uncovering: [(String, String, String)] = []
        for f in facts {
            if f.testType == nil { uncovering.append((f.id, f.file, "it gives no testType")); continue }
            if f.installationTypes.isEmpty { uncovering.append((f.id, f.file, "it gives no installationTypes")); continue }
            if f.combinations.isEmpty { uncovering.append((f.id, f.file, "it declares no device model combination")); continue }
            if !f.keys.contains(where: inScope.contains) { uncovering.append((f.id, f.file, "none of its cells is in the scope")) }
        }
        var notes: [Finding] = []
        if let baseline {
            var f = CoverageAccumulator.tbrdFinding(scope, baseline: baseline)
            f.line = lines.line(ofOffset: scope.tbrdOffset ?? 0)
            counts[f.status] += 1
            notes.append(f)
        }
        var result = CoverageResult(scope: scope, file: file, sha256: sha256, cells: cells, uncovering: uncovering, counts: counts)
        result.notes = notes
        return result
    }

    /// The scope's `tbrd` against the baseline's TBRD issue, in the words of rule tbrd-version: the same
    /// issue passes; an earlier or later one, or none, warns (re-confirm the scope against the current issue).
    static func tbrdFinding(_ scope: Scope, baseline: (version: Version, date: CalendarDate)) -> Finding {
        let b = baseline.version
        let status: Status, message: String
        switch scope.tbrd {
        case let t? where t == b:
            (status, message) = (.pass, "the release scope was prepared against TBRD \(b), the baseline in use")
        case let t? where t < b:
            (status, message) = (.warn, "the release scope was prepared against TBRD \(t), an earlier issue than the baseline's TBRD \(b) (\(baseline.date)): re-confirm the scope against TBRD \(b)")
        case let t?:
            (status, message) = (.warn, "the release scope was prepared against TBRD \(t), a later issue than the baseline in use (TBRD \(b)): this coverage is judged against an older baseline than the scope's")
        case nil:
            (status, message) = (.warn, "the release scope names no TBRD issue (\"tbrd\"): re-confirm it against TBRD \(b) and record that issue")
        }
        return Finding(rule: TBRDVersionRule.description, status: status, subject: "release scope", declared: scope.tbrd?.description,
                       expected: b.description, message: message,
                       clause: "TBRD \(b) paragraph 4: this document may be updated from time to time as required", offset: scope.tbrdOffset ?? 0)
    }

    private func ids(_ indices: [Int]) -> [String] { indices.map { facts[$0].id } }
    private func passing(_ indices: [Int]) -> [Int] { indices.filter { facts[$0].status != .fail } }
    /// Plans that pass with no deviation: only these cover a cell with a pass (docs/coverage.md).
    private func clean(_ indices: [Int]) -> [Int] { indices.filter { facts[$0].status == .pass && facts[$0].deviations == 0 } }

    private func judge(_ cell: Cell, direct all: [Int], equivalent: Scope.Equivalent?, equivalentPlans allThrough: [Int], asOf: CalendarDate) -> CellResult.Outcome {
        // With --results, a plan whose tests did not run and pass covers nothing (docs/coverage.md).
        let untested = (all + allThrough).filter { facts[$0].testsPassed == false }
        let direct = untested.isEmpty ? all : all.filter { facts[$0].testsPassed != false }
        let equivalentPlans = untested.isEmpty ? allThrough : allThrough.filter { facts[$0].testsPassed != false }
        let passingDirect = passing(direct), passingThrough = passing(equivalentPlans)
        let approved = equivalent.flatMap { $0.approvedBy == nil ? nil : $0 }
        if case let c = clean(direct), !c.isEmpty { return .covered(plans: ids(c)) }
        if let approved, case let c = clean(equivalentPlans), !c.isEmpty { return .equivalent(approved, plans: ids(c)) }
        if !passingDirect.isEmpty { return .onlyWarning(plans: ids(passingDirect), through: nil) }
        if let approved, !passingThrough.isEmpty { return .onlyWarning(plans: ids(passingThrough), through: approved) }
        if let x = exclusions.first(matching: cell) {
            var missing: [String] = []
            if x.reason == nil { missing.append("no reason") }
            if x.approvedBy == nil { missing.append("no approver") }
            if x.expires == nil { missing.append("no expiry") }
            if !missing.isEmpty { return .invalidExclusion(x, why: "has " + missing.joined(separator: ", ")) }
            if let e = x.expires, e < asOf { return .invalidExclusion(x, why: "expired on \(e)") }
            return .excluded(x)
        }
        if let equivalent, approved == nil, !passingThrough.isEmpty { return .unapprovedEquivalent(equivalent, plans: ids(passingThrough)) }
        if !untested.isEmpty { return .untested(plans: ids(untested)) }
        let failing = direct + equivalentPlans
        if !failing.isEmpty { return .onlyFailing(plans: ids(failing)) }
        return .gap
    }

    private func status(_ o: CellResult.Outcome) -> Status {
        switch o {
        case .covered, .equivalent: return .pass
        case .onlyWarning: return .warn
        case .excluded: return .waived
        case .invalidExclusion, .onlyFailing, .unapprovedEquivalent, .untested, .gap: return .fail
        }
    }

    public static func list(_ ids: [String]) -> String {
        ids.count <= 5 ? ids.joined(separator: ", ") : ids.prefix(5).joined(separator: ", ") + " and \(ids.count - 5) more"
    }

    private func message(_ c: Cell, _ o: CellResult.Outcome) -> String {
        let what = "\(c.combination) in \(c.phase.rawValue), \(c.testType.rawValue) testing on \(c.installationType.rawValue) installations"
        switch o {
        case .covered(let p): return "\(what) is covered by \(Self.list(p))"
        case .equivalent(let e, let p):
            return "\(what) is covered through \(e.coveredBy), stated as substantively equivalent (SEC F2.10A)" + (e.reason.map { ": \($0)" } ?? "")
                + " (approved by \(e.approvedBy ?? "")); tested by \(Self.list(p))"
        case .onlyWarning(let p, let e):
            return "\(what) is covered only by plans that warn or pass with deviations (\(Self.list(p)))"
                + (e.map { " through \($0.coveredBy), stated as substantively equivalent" } ?? "")
                + ": a warning until a plan passes with no deviation, or a reviewer accepts them"
        case .unapprovedEquivalent(let e, let p):
            return "\(what) is not covered: only \(e.coveredBy) is tested (\(Self.list(p))), and its equivalence names no approver; "
                + "an equivalent needs \"approvedBy\", as an exclusion does"
        case .excluded(let x):
            return "\(what) is excluded under the SVTAD's DMCT process" + (x.expires.map { " until \($0)" } ?? "")
        case .invalidExclusion(_, let why):
            return "\(what) is not covered, and its exclusion \(why): an exclusion needs a reason, an approver and an expiry that has not passed"
        case .onlyFailing(let p): return "\(what) is covered only by plans that fail (\(Self.list(p))): the cell is not tested until one passes"
        case .untested(let p):
            return "\(what) is not covered: the tests of \(p.count == 1 ? "its plan" : "its plans") (\(Self.list(p))) did not run and pass in the results given (--results); the cell is not tested until a plan's tests run and pass"
        case .gap: return "no plan in this run covers \(what)"
        }
    }

    private func clause(_ o: CellResult.Outcome) -> String {
        switch o {
        case .equivalent, .unapprovedEquivalent: return "SEC F2.10A: a substantively equivalent combination (DCC's and SECCo's public pages)"
        case .excluded, .invalidExclusion: return "SVTAD DMCT process: exclusion of a combination (DCC's and SECCo's public pages)"
        default: return "DCC Depth and Breadth of Testing: the release scope (DCC's public pages)"
        }
    }
}
