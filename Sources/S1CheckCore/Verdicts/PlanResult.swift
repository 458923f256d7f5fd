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

/// The verdict on one plan file: its findings, or the input errors that stopped it being checked.
/// Immutable: its counts and status are worked out once, from the findings it was made with.
public struct PlanResult: Sendable {
    public let file: String
    /// The file's path as the file system has it (it need not be UTF-8), for the formats that place a
    /// finding on its file: `file` is display text, escaped.
    public let location: [UInt8]
    /// SHA-256 of the file's bytes, hex, for the evidence pack (empty when the file could not be read).
    public let sha256: String
    public let plan: Plan?
    public let findings: [Finding]
    public let inputErrors: [Diagnostic]
    /// The plan's findings by status, and its deviations (`Tally`).
    public let tally: Tally
    public var counts: StatusCounts { tally.findings }
    /// fail > warn > pass; waived findings do not worsen a plan. A plan that could not be read is `fail`
    /// (reports also say it was an input error).
    public let status: Status
    /// The release scope's coverage, when this result is the scope file's (its findings are its cells):
    /// handed to the reports after the plans, so every format lists the cells as it lists findings.
    public private(set) var scope: CoverageResult? = nil

    /// `location`: the path's bytes, when `file` is not simply their text (nil: the UTF-8 of `file`).
    public init(file: String, location: [UInt8]? = nil, sha256: String, plan: Plan?, findings: [Finding], inputErrors: [Diagnostic]) {
        self.file = file
        self.location = location ?? Array(file.utf8)
        self.sha256 = sha256
        self.plan = plan
        self.findings = findings
        self.inputErrors = inputErrors
        let tally = Tally(findings)
        self.tally = tally
        let counts = tally.findings
        if !inputErrors.isEmpty || counts[.fail] > 0 { status = .fail }
        else { status = counts[.warn] > 0 ? .warn : .pass }
    }

    public init(file: String, location: [UInt8]? = nil, sha256: String, plan: Plan, findings: [Finding]) {
        self.init(file: file, location: location, sha256: sha256, plan: plan, findings: findings, inputErrors: [])
    }

    /// A file that could not be read or decoded as a plan.
    public init(file: String, location: [UInt8]? = nil, sha256: String = "", unreadable errors: [Diagnostic]) {
        self.init(file: file, location: location, sha256: sha256, plan: nil, findings: [], inputErrors: errors)
    }

    /// The scope file's result: one finding per cell, at its line.
    public init(scope: CoverageResult, location: [UInt8]?) {
        self.init(file: scope.file, location: location, sha256: scope.sha256, plan: nil, findings: scope.findings, inputErrors: [])
        self.scope = scope
    }

    public var isScope: Bool { scope != nil }
    public var id: String? { plan?.id }
    public var isInputError: Bool { !inputErrors.isEmpty }
}
