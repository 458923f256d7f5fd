/// What `s1check init` puts in a new plan: the SEC and every Schedule and Appendix the baseline versions
/// that applies to the phase, at its resolved version. Sections are covered by the SEC entry (they take
/// the SEC version), so they are not listed one by one.
public enum PlanTemplate {
    public static func artefacts(for phase: Phase, in baseline: ResolvedBaseline) -> [ResolvedArtefact] {
        baseline.versioned(for: phase).filter {
            if case .document(.section, _) = $0.ref { return false }
            return true
        }
    }
}
