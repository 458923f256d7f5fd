/// How many findings (or plans) have each status.
public struct StatusCounts: Sendable, Hashable {
    /// Indexed by the status's severity: one fixed-size value, no allocation.
    private var counts = SIMD4<Int>()

    public init() {}

    public subscript(status: Status) -> Int {
        get { counts[status.severity] }
        set { counts[status.severity] = newValue }
    }
}

/// What a `FileResult` is about: every result of a run is a file's, and every finding is in one.
public enum FileKind: String, Sendable, Hashable, CaseIterable {
    /// A plan: its findings are its checks.
    case plan
    /// The release scope (`--scope`): its findings are the coverage cells, at their lines.
    case scope
    /// The run's policy file: its findings are the run's own about it (each shared waiver that waived
    /// nothing, a warning at its line).
    case policy
    /// A test results file (`--results`, docs/execution.md): its findings are about what it links.
    case testResults = "test-results"
    /// An input that could not be read or decoded (a plan, or one a report would replace): its findings
    /// are `input-error`s, each at file:line:column.
    case unreadable
}

/// The verdict on one file of the run: its kind, its findings (of registered rules), and its counts.
/// Immutable: its counts and status are worked out once, from the findings it was made with.
///
/// Plans (and inputs that could not be read) reach the sinks in plan order; the run-level results (the
/// scope's, the policy's) after them, once the last plan is in (`RunOutcome.runResults`).
public struct FileResult: Sendable {
    public let kind: FileKind
    public let file: String
    /// The file's path as the file system has it (it need not be UTF-8), for the formats that place a
    /// finding on its file: `file` is display text, escaped.
    public let location: [UInt8]
    /// SHA-256 of the file's bytes, hex, for the evidence pack (empty when the file could not be read).
    public let sha256: String
    public let plan: Plan?
    /// Every result about the file: a plan's checks, the scope's cells, the policy's unused shared
    /// waivers, an unreadable file's `input-error`s.
    public let findings: [Finding]
    /// The file's findings by status, and its deviations (`Tally`; input errors are not counted as findings).
    public let tally: Tally
    public var counts: StatusCounts { tally.findings }
    /// fail > warn > pass; waived findings do not worsen a file. A file that could not be read is `fail`.
    public let status: Status
    /// The release scope's coverage, when this result is the scope file's (its findings are its cells):
    /// for the formats with a coverage section of their own (the pack's matrix, the JSON report's `coverage`).
    public private(set) var scope: CoverageResult? = nil
    /// How the policy's shared waivers fared over the run, when this result is the policy file's: for the
    /// formats that list every shared waiver (JUnit's policy suite, the pack's waiver table).
    public private(set) var sharedWaivers: SharedWaiverUse? = nil
    /// A plan's test execution evidence when the run reads results (`--results`): its linked cases
    /// (none: not executed); nil when the run reads none, or for a file that is not a plan.
    public internal(set) var execution: PlanExecution? = nil

    /// `location`: the path's bytes, when `file` is not simply their text (nil: the UTF-8 of `file`).
    public init(kind: FileKind, file: String, location: [UInt8]? = nil, sha256: String, plan: Plan? = nil, findings: [Finding]) {
        self.kind = kind
        self.file = file
        self.location = location ?? Array(file.utf8)
        self.sha256 = sha256
        self.plan = plan
        self.findings = findings
        let tally = Tally(findings)
        self.tally = tally
        let counts = tally.findings
        if kind == .unreadable || counts[.fail] > 0 { status = .fail }
        else { status = counts[.warn] > 0 ? .warn : .pass }
    }

    /// A plan's result; with `inputErrors`, a file that could not be checked (they become its findings).
    public init(file: String, location: [UInt8]? = nil, sha256: String, plan: Plan?, findings: [Finding], inputErrors: [Diagnostic]) {
        self.init(kind: inputErrors.isEmpty ? .plan : .unreadable, file: file, location: location, sha256: sha256, plan: plan,
                  findings: FileResult.findings(of: inputErrors) + findings)
    }

    public init(file: String, location: [UInt8]? = nil, sha256: String, plan: Plan, findings: [Finding]) {
        self.init(kind: .plan, file: file, location: location, sha256: sha256, plan: plan, findings: findings)
    }

    /// A file that could not be read or decoded as a plan: one `input-error` finding per problem.
    public init(file: String, location: [UInt8]? = nil, sha256: String = "", unreadable errors: [Diagnostic]) {
        self.init(kind: .unreadable, file: file, location: location, sha256: sha256, findings: FileResult.findings(of: errors))
    }

    /// The scope file's result: one finding per cell, at its line.
    public init(scope: CoverageResult, location: [UInt8]?) {
        self.init(kind: .scope, file: scope.file, location: location, sha256: scope.sha256, findings: scope.findings)
        self.scope = scope
    }

    /// The policy file's result: its findings are the run's about it (`RunOutcome.runResults`).
    public init(policy source: InputDigest, findings: [Finding], sharedWaivers: SharedWaiverUse) {
        self.init(kind: .policy, file: source.file, location: source.location, sha256: source.sha256, findings: findings)
        self.sharedWaivers = sharedWaivers
    }

    static func findings(of errors: [Diagnostic]) -> [Finding] {
        errors.enumerated().map { Finding.reporting($1, index: $0) }
    }

    public var id: String? { plan?.id }
    /// The input errors that stopped the file being checked (its `input-error` findings' errors).
    public var inputErrors: [Diagnostic] { findings.compactMap(\.inputError) }
}
