/// The counts every report and the console summary state, from one place (docs/verdicts.md, "Counts"):
/// findings by status, plans by verdict, unreadable inputs, and the deviations among the findings.
///
/// A plan's tally is its findings'; the run's (`RunOutcome.tally`) adds every plan's, the release scope's
/// coverage cells and the run's own findings (a shared waiver that waived nothing), so a report's
/// "Failures: N findings" is the number of rows under it, whatever file they are about.
public struct Tally: Sendable, Hashable {
    /// Findings by status (a finding lowered by policy counts at the status it was given, and as a deviation).
    public var findings = StatusCounts()
    /// Plans by verdict (unreadable plans are counted in `inputErrors` instead); empty in a plan's own tally.
    public var plans = StatusCounts()
    /// Plans that could not be read (nothing in them was checked).
    public var inputErrors = 0
    /// Deviations a waiver (or a scope's exclusion) made: findings counted as waived.
    public var waivedDeviations = 0
    /// Deviations a policy level made: findings `allow`ed, or lowered from fail to warn.
    public var policyDeviations = 0

    public init() {}

    /// Findings a team's recorded decision took off their own level (docs/verdicts.md, "Deviations").
    public var deviations: Int { waivedDeviations + policyDeviations }

    public mutating func add(_ f: Finding) {
        // An input error is counted as its unreadable file (`inputErrors`), not as a finding.
        if f.isInputError { return }
        findings[f.status] += 1
        switch f.deviation {
        case .waived?: waivedDeviations += 1
        case .policy?: policyDeviations += 1
        case nil: break
        }
    }

    public mutating func add(_ t: Tally) {
        for s in Status.allCases {
            findings[s] += t.findings[s]
            plans[s] += t.plans[s]
        }
        inputErrors += t.inputErrors
        waivedDeviations += t.waivedDeviations
        policyDeviations += t.policyDeviations
    }

    /// The tally of `findings`.
    public init(_ findings: some Sequence<Finding>) {
        for f in findings { add(f) }
    }
}

/// Why a finding is a deviation: a team's decision, not conformity.
public enum Deviation: String, Sendable, Hashable {
    /// A waiver (or an exclusion of a coverage cell) covers it.
    case waived
    /// A policy level lowered it: `allow`, or `warn` for a finding that fails.
    case policy
}

extension Finding {
    /// Whether (and why) the finding is a deviation; nil: its status is its own.
    public var deviation: Deviation? {
        if status == .waived { return .waived }
        if let l = level, status < l.originalStatus { return .policy }
        return nil
    }
}
