/// A declared document to which the baseline gives no version cannot be verified: neither Annex A nor the
/// consolidated SEC records a version number for it (some issues are listed by date only).
public struct UnversionedDocumentRule: WaivableRule {
    public static let description = describe(
        id: "unversioned-document",
        summary: "A declared document to which the baseline gives no version cannot be verified (warn).",
        clause: "TBRD paragraph 3: no version in legal effect recorded and none listed in Annex A",
        examples: [
            RuleExample("versioned", plan: ["artefacts": #"[{"document": "Appendix AD", "version": "5.1"}]"#], expect: []),
            RuleExample("no-version", plan: ["artefacts": #"[{"document": "Appendix A", "version": "1.0"}]"#], expect: [
                (.warn, "Appendix A (Device Certificate Policy) has no version in the baseline: it is not listed in TBRD 1.24 Annex A and no version in legal effect is recorded, so 1.0 cannot be verified"),
            ]),
            RuleExample("waived", plan: ["artefacts": #"[{"document": "Appendix A", "version": "1.0"}]"#,
                                         "waivers": #"[{"rule": "unversioned-document", "document": "Appendix A", "reason": "Accepted by the test lead", "expires": "2099-12-31"}]"#], expect: [
                (.waived, "Appendix A (Device Certificate Policy) has no version in the baseline: it is not listed in TBRD 1.24 Annex A and no version in legal effect is recorded, so 1.0 cannot be verified"),
            ]),
            RuleExample("dated-issues-only", plan: ["artefacts": #"[{"document": "SMETS2", "version": "4.0"}]"#], expect: [
                (.warn, "Schedule 9 (SMETS2) (Smart Metering Equipment Technical Specifications 2) has no version in the baseline: it is listed in the consolidated SEC by date only (issues of 2018-02-01, 2018-11-08, 2019-07-04, 2020-11-29, 2021-11-04), with no version number, so 4.0 cannot be verified"),
            ]),
        ])

    public init() {}

    public func applies(to facts: PlanFacts, _ c: CheckContext) -> Bool {
        facts.declarations.checked.contains { a, r in r.version == nil && !ArtefactVersionRule.judgesDate(a, r, c) }
    }

    public func check(_ facts: PlanFacts, _ c: CheckContext, into findings: inout [Finding]) {
        // An issue declared by its date, where the baseline lists dated issues, is judged by artefact-version.
        for (a, r) in facts.declarations.checked where r.version == nil && !ArtefactVersionRule.judgesDate(a, r, c) {
            findings.append(Finding(rule, .warn, about: a, r,
                                    message: "\(r.ref) (\(r.title)) has no version in the baseline: it is \(r.explanation), so \(a.versionText) cannot be verified"))
        }
    }
}
