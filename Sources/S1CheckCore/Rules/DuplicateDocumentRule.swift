/// A document is declared once per version. Two versions of one document are fine when both are in
/// legal effect side by side (each is checked); otherwise the plan contradicts itself and fails (the
/// repeat is not checked again). The same version twice, under one name or two, is reported so the
/// plan can be tidied.
public struct DuplicateDocumentRule: Rule {
    public static let description = RuleDescription(
        id: "duplicate-document",
        summary: "No document is declared at two versions that are not in legal effect side by side (fail); none is declared twice at one version (warn).",
        clause: "TBRD paragraph 3: the relevant version of each document; paragraph 1: versions in respect of the device models tested",
        examples: [
            RuleExample("conflict", plan: ["artefacts": #"[{"document": "AD", "version": "5.1"}, {"document": "Appendix AD", "version": "5.0"}]"#], expect: [
                (.fail, "Appendix AD is declared at two versions, 5.1 and 5.0, that are not in legal effect side by side; the baseline's relevant version is 5.1, so a plan tests that one"),
            ]),
            RuleExample("side-by-side", plan: ["artefacts": #"[{"document": "GBCS", "version": "4.1"}, {"document": "Schedule 8", "version": "3.2"}]"#],
                        expect: []),
            RuleExample("same-version-twice", plan: ["artefacts": #"[{"document": "AF", "version": "5.1"}, {"document": "SEC Appendix AF", "version": "v5.1"}]"#], expect: [
                (.warn, "Appendix AF is declared twice at 5.1: as \"AF\" (line 9) and as \"SEC Appendix AF\" (line 9); declare it once"),
            ]),
        ])

    public init() {}

    public func applies(to facts: PlanFacts, _ c: CheckContext) -> Bool {
        !facts.declarations.conflicts.isEmpty || !facts.declarations.repeats.isEmpty
    }

    public func check(_ facts: PlanFacts, _ c: CheckContext, into findings: inout [Finding]) {
        for (a, first, r) in facts.declarations.conflicts {
            findings.append(Finding(rule, .fail, about: a, r, expected: r.expectedText,
                                    message: "\(r.ref) is declared at two versions, \(first.versionText) and \(a.versionText), that are not in legal effect side by side; the baseline's relevant version is \(r.expectedText), so a plan tests that one"))
        }
        for (a, first, r) in facts.declarations.repeats {
            findings.append(Finding(rule, .warn, about: a, r, expected: first.versionText,
                                    message: "\(r.ref) is declared twice at \(first.versionText): as \"\(first.written)\" (\(facts.line(first.offset))) and as \"\(a.written)\" (\(facts.line(a.offset))); declare it once"))
        }
    }
}
