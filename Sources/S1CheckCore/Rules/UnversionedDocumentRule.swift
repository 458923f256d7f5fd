/// A declared document the baseline gives no version cannot be verified: neither Annex A nor the
/// consolidated SEC records one.
public struct UnversionedDocumentRule: Rule {
    public static let description = RuleDescription(
        id: "unversioned-document",
        summary: "A declared document to which the baseline gives no version cannot be verified (warn).",
        clause: "TBRD paragraph 3: no version in legal effect recorded and none listed in Annex A",
        examples: [
            RuleExample("versioned", plan: ["artefacts": #"[{"document": "Appendix AD", "version": "5.1"}]"#], expect: []),
            RuleExample("schedule-9", plan: ["artefacts": #"[{"document": "Schedule 9", "version": "1.2"}]"#], expect: [
                (.warn, "Schedule 9 (Smart Metering Equipment Technical Specifications) has no version in the baseline: it is not listed in TBRD 1.24 Annex A and no version in legal effect is recorded, so 1.2 cannot be verified"),
            ]),
        ])

    public init() {}

    public func applies(to facts: PlanFacts, _ c: CheckContext) -> Bool {
        facts.declarations.first.contains { $0.1.version == nil }
    }

    public func check(_ facts: PlanFacts, _ c: CheckContext, into findings: inout [Finding]) {
        for (a, r) in facts.declarations.first where r.version == nil {
            findings.append(Finding(rule, .warn, about: a, r,
                                    message: "\(r.ref) (\(r.title)) has no version in the baseline: it is not listed in TBRD \(c.tbrd) Annex A and no version in legal effect is recorded, so \(a.versionText) cannot be verified"))
        }
    }
}
