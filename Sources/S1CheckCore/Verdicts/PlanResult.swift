/// How many findings (or plans) have each status.
public struct StatusCounts: Sendable, Hashable {
    private var counts = (0, 0, 0, 0)

    public init() {}

    public subscript(status: Status) -> Int {
        get {
            switch status {
            case .pass: return counts.0
            case .waived: return counts.1
            case .warn: return counts.2
            case .fail: return counts.3
            }
        }
        set {
            switch status {
            case .pass: counts.0 = newValue
            case .waived: counts.1 = newValue
            case .warn: counts.2 = newValue
            case .fail: counts.3 = newValue
            }
        }
    }

    public static func == (a: StatusCounts, b: StatusCounts) -> Bool { a.counts == b.counts }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(counts.0); hasher.combine(counts.1); hasher.combine(counts.2); hasher.combine(counts.3)
    }
}

/// The verdict on one plan file: its findings, or the input errors that stopped it being checked.
/// Immutable: its counts and status are worked out once, from the findings it was made with.
public struct PlanResult: Sendable {
    public let file: String
    /// SHA-256 of the file's bytes, hex, for the evidence pack (empty when the file could not be read).
    public let sha256: String
    public let plan: Plan?
    public let findings: [Finding]
    public let inputErrors: [Diagnostic]
    public let counts: StatusCounts
    /// fail > warn > pass; waived findings do not worsen a plan. A plan that could not be read is `fail`
    /// (reports also say it was an input error).
    public let status: Status

    public init(file: String, sha256: String, plan: Plan?, findings: [Finding], inputErrors: [Diagnostic]) {
        self.file = file
        self.sha256 = sha256
        self.plan = plan
        self.findings = findings
        self.inputErrors = inputErrors
        var counts = StatusCounts()
        for f in findings { counts[f.status] += 1 }
        self.counts = counts
        if !inputErrors.isEmpty || counts[.fail] > 0 { status = .fail }
        else { status = counts[.warn] > 0 ? .warn : .pass }
    }

    public init(file: String, sha256: String, plan: Plan, findings: [Finding]) {
        self.init(file: file, sha256: sha256, plan: plan, findings: findings, inputErrors: [])
    }

    /// A file that could not be read or decoded as a plan.
    public init(file: String, sha256: String = "", unreadable errors: [Diagnostic]) {
        self.init(file: file, sha256: sha256, plan: nil, findings: [], inputErrors: errors)
    }

    public var id: String? { plan?.id }
    public var isInputError: Bool { !inputErrors.isEmpty }
    public func count(_ status: Status) -> Int { counts[status] }
}
