/// The one list of rules, built in one place in the order the checker runs them (which is the order
/// findings are reported in): the waivable rules, then the waiver rule, which waives their findings,
/// then the rules no waiver can touch. The lists are typed by `WaivableRule` and `UnwaivableRule`, so a
/// waivable rule cannot be placed after the waivers, where its waivers would silently do nothing.
///
/// The catalogue, waiver validation, the policy file, `tool.driver.rules` in SARIF and the rule-id enums of
/// the schemas under `Plans/schemas/` all read it. Tests check that every `*Rule.swift` file in this folder
/// is registered, that the rule table of docs/verdicts.md agrees, that every waivable rule has an example of its
/// finding waived, and that the schemas are as generated from it.
public enum RuleRegistry {
    /// The rules whose findings a waiver can waive, in order.
    public static let waivable: [any WaivableRule] = [
        TBRDVersionRule(), DevicesDeclaredRule(), DeviceEligibilityRule(), UnknownDocumentRule(),
        DuplicateDocumentRule(), ArtefactVersionRule(), UnversionedDocumentRule(), ConsultationRule(),
        PhaseApplicabilityRule(), IOCCessationRule(),
    ]

    /// After the waivers: the rules whose findings no waiver can waive (checks across plans).
    public static let afterWaivers: [any UnwaivableRule] = [
        DuplicatePlanIDRule(), TestResultsRule(),
    ]

    /// Every rule, in the order they run.
    public static let all: [any Rule] = (waivable as [any Rule]) + [WaiverRule()] + (afterWaivers as [any Rule])

    /// Every rule's description, in order.
    public static let descriptions: [RuleDescription] = all.map(\.rule)

    public static let byID: [String: RuleDescription] = Dictionary(uniqueKeysWithValues: descriptions.map { ($0.id, $0) })

    public static let waivableIDs: [String] = waivable.map(\.rule.id)
}
