/// The rules of a run rather than of one plan: their findings are about the release scope file, or an
/// input that could not be read, or s1check itself. They are in the registry (`RuleRegistry.catalogue`),
/// so the rule catalogue (`s1check rules`, `s1check explain`, docs/rules.md) and SARIF's rule list are the
/// registry, and no report names a rule outside it.
public enum RunLevelRules {
    /// A plan (or input) that could not be read, so nothing in it was checked.
    public static let inputError = RuleDescription(
        id: "input-error", summary: "The plan file can be read and decoded as a plan; if not, nothing in it is checked.",
        clause: "s1check: exit status 2 for an unreadable plan (with --keep-going, a failing plan)", waivable: false, examples: [])

    /// A rule that applied to a plan but said nothing (a defect in s1check): never silent.
    public static let internalError = RuleDescription(
        id: "internal-error", summary: "Every rule that applies to a plan leaves a finding.",
        clause: "s1check: no rule runs silently (docs/verdicts.md)", waivable: false, examples: [])

    /// In run order: the release scope's cells, then the two a run reports of itself.
    public static let all: [RuleDescription] = [CoverageRule.description, internalError, inputError]

    /// The statuses each can give, worst first (they have no worked examples to show them).
    public static let statuses: [String: [String]] = [
        CoverageRule.description.id: [Status.fail.rawValue, Status.warn.rawValue, Status.pass.rawValue],
        internalError.id: [Status.fail.rawValue],
        inputError.id: ["input-error"],
    ]
}

extension RuleRegistry {
    /// Every rule a finding can carry: the plan rules in the order they run, then the run-level rules.
    public static let catalogue: [RuleDescription] = descriptions + RunLevelRules.all
}
