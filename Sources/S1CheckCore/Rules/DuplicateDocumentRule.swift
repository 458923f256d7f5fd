/// A plan declares each document once: the same document at two different versions fails (the repeat is
/// not checked again against the baseline).
public struct DuplicateDocumentRule: Rule {
    public static let description = RuleDescription(
        id: "duplicate-document",
        summary: "No document is declared twice with different versions.",
        clause: "TBRD paragraph 3: one relevant version per document",
        examples: [
            RuleExample("conflict", plan: ["artefacts": #"[{"document": "AD", "version": "5.1"}, {"document": "Appendix AD", "version": "5.0"}]"#], expect: [
                (.fail, "Appendix AD is declared twice with different versions: 5.1 and 5.0; a plan tests one version of each document"),
            ]),
            RuleExample("same-version-twice", plan: ["artefacts": #"[{"document": "AF", "version": "5.1"}, {"document": "SEC Appendix AF", "version": "v5.1"}]"#],
                        expect: []),
        ])

    public init() {}

    public func applies(to facts: PlanFacts, _ c: CheckContext) -> Bool { !facts.declarations.conflicts.isEmpty }

    public func check(_ facts: PlanFacts, _ c: CheckContext, into findings: inout [Finding]) {
        for (a, first, resolved) in facts.declarations.conflicts {
            findings.append(Finding(rule, .fail, about: a, resolved, expected: first.versionText,
                                    message: "\(resolved.ref) is declared twice with different versions: \(first.versionText) and \(a.versionText); a plan tests one version of each document"))
        }
    }
}
