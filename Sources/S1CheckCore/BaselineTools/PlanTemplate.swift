/// What `s1check init` puts in a new plan: the SEC and every Schedule and Appendix the baseline versions
/// that applies to the phase, at its resolved version. Sections are covered by the SEC entry (they take
/// the SEC version), so they are not listed one by one.
///
/// Where several versions are relevant side by side (GBCS, CHTS: which one applies depends on the device
/// models tested, TBRD paragraph 1(ii)), `init` cannot know which the plan tests and does not pick one: it
/// writes the choice for a person to make, `"CHOOSE: 1.0 | 1.1 | …"`, which `check` refuses (an input
/// error naming the choices) until it is replaced by the version tested (docs/plans.md).
public enum PlanTemplate {
    public static func artefacts(for phase: Phase, in baseline: ResolvedBaseline) -> [ResolvedArtefact] {
        baseline.versioned(for: phase).filter {
            if case .document(.section, _) = $0.ref { return false }
            return true
        }
    }

    /// How a choice left to a person starts.
    public static let choicePrefix = "CHOOSE:"
    /// How the input error for a choice not yet made starts (`init` checks what it prints, except this).
    public static let unmadeChoice = "the version is still to be chosen"

    /// The version `init` writes for an artefact: its one relevant version, or the choice among several.
    public static func version(for a: ResolvedArtefact) -> String {
        a.isConcurrent ? choicePrefix + " " + a.relevant.map(\.description).joined(separator: " | ") : a.version!.description
    }

    /// The versions offered by a choice `init` left (nil for any other text).
    public static func choices(in written: String) -> [String]? {
        let text = written.trimmingWhitespace()
        guard text.uppercased().hasPrefix(choicePrefix) else { return nil }
        return text.dropFirst(choicePrefix.count).split(separator: "|").map { String($0.trimmingWhitespace()) }.filter { !$0.isEmpty }
    }
}
