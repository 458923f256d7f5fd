/// The one list of rules. The checker runs them in this order (which is the order findings are
/// reported in); the catalogue, waiver validation, the policy file and `tool.driver.rules` in SARIF all
/// read it. A test checks that every `*Rule.swift` file in this folder is listed here, and that the
/// rule table of docs/verdicts.md and the plan schema's waiver enum agree with it.
public enum RuleRegistry {
    public static let all: [any Rule] = [
        TBRDVersionRule(), DevicesDeclaredRule(), DeviceEligibilityRule(), UnknownDocumentRule(),
        DuplicateDocumentRule(), ArtefactVersionRule(), UnversionedDocumentRule(), ConsultationRule(),
        PhaseApplicabilityRule(), IOCCessationRule(),
        // After the rules whose findings a waiver can waive.
        WaiverRule(),
        DuplicatePlanIDRule(),
    ]

    /// Every rule's description, in order.
    public static let descriptions: [RuleDescription] = all.map(\.rule)

    public static let byID: [String: RuleDescription] = Dictionary(uniqueKeysWithValues: descriptions.map { ($0.id, $0) })

    public static let waivableIDs: [String] = descriptions.filter(\.waivable).map(\.id)
}
