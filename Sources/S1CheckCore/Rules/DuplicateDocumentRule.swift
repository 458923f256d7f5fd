/// A document is declared once per version. Several versions of one document are fine when each is a
/// relevant version (versions side by side: each is checked); a declared version that is not relevant
/// beside another declaration of the document is the finding (it is not checked again), so the fail lands
/// on the version the plan should drop. The same version twice, under one name or two, is reported so
/// the plan can be tidied.
public struct DuplicateDocumentRule: WaivableRule {
    public static let description = describe(
        id: "duplicate-document",
        summary: "A document declared at several versions is declared only at relevant ones (fail otherwise); none is declared twice at one version (warn).",
        clause: "TBRD paragraph 3 and Annex A: the relevant version of each Appendix or Schedule; paragraph 1(ii): the versions that apply to the device models tested",
        examples: [
            RuleExample("conflict", plan: ["artefacts": #"[{"document": "AD", "version": "5.1"}, {"document": "Appendix AD", "version": "5.0"}]"#], expect: [
                (.fail, "Appendix AD is declared at 5.0 as well as at 5.1 (line 9), and 5.0 is not a relevant version (TBRD 1.24 Annex A lists the more recent 5.1 in its place under paragraph 3)"),
            ]),
            RuleExample("waived", plan: ["artefacts": #"[{"document": "AD", "version": "5.1"}, {"document": "Appendix AD", "version": "5.0"}]"#,
                                         "waivers": #"[{"rule": "duplicate-document", "document": "AD", "reason": "Accepted by the test lead", "approvedBy": "Test assurance lead", "expires": "2099-12-31"}]"#], expect: [
                (.waived, "Appendix AD is declared at 5.0 as well as at 5.1 (line 9), and 5.0 is not a relevant version (TBRD 1.24 Annex A lists the more recent 5.1 in its place under paragraph 3)"),
            ]),
            RuleExample("relevant-one-first-or-last", plan: ["artefacts": "[\n    {\"document\": \"DUIS\", \"version\": \"5.0\"},\n    {\"document\": \"DUIS\", \"version\": \"5.1\"}\n  ]"], expect: [
                (.fail, "Appendix AD is declared at 5.0 as well as at 5.1 (line 11), and 5.0 is not a relevant version (TBRD 1.24 Annex A lists the more recent 5.1 in its place under paragraph 3)"),
            ]),
            RuleExample("neither-relevant", plan: ["artefacts": "[\n    {\"document\": \"DUIS\", \"version\": \"4.0\"},\n    {\"document\": \"DUIS\", \"version\": \"5.0\"}\n  ]"], expect: [
                (.fail, "Appendix AD is declared at 5.0 as well as at 4.0 (line 10), and neither is a relevant version (TBRD 1.24 Annex A lists the more recent 5.1 in its place under paragraph 3)"),
            ]),
            RuleExample("side-by-side", plan: ["artefacts": #"[{"document": "GBCS", "version": "4.1"}, {"document": "Schedule 8", "version": "3.2"}]"#],
                        expect: []),
            RuleExample("same-version-twice", plan: ["artefacts": #"[{"document": "AF", "version": "5.1"}, {"document": "SEC Appendix AF", "version": "v5.1"}]"#], expect: [
                (.warn, "Appendix AF is declared twice at 5.1: as \"AF\" (line 9) and as \"SEC Appendix AF\" (line 9)"),
            ]),
        ])

    public init() {}

    /// A repeat at one version is tidied, not judged: no TBRD clause is in question.
    static let repeatClause = "no TBRD clause: a plan declares each version of a document once (README, plan format)"

    public func applies(to facts: PlanFacts, _ c: CheckContext) -> Bool {
        !facts.declarations.conflicts.isEmpty || !facts.declarations.repeats.isEmpty
    }

    public func check(_ facts: PlanFacts, _ c: CheckContext, into findings: inout [Finding]) {
        for (a, other, r) in facts.declarations.conflicts {
            let relevant = r.relevant.contains(other.version)
            let why = r.replacement(for: a.version).map { "TBRD \(c.tbrd) Annex A lists the more recent \($0) in its place under paragraph 3" }
                ?? "the relevant \(r.isConcurrent ? "versions are" : "version is") \(ResolvedArtefact.list(r.relevant))"
            let message = relevant
                ? "\(r.ref) is declared at \(a.versionText) as well as at \(other.versionText) (\(facts.line(other.offset))), and \(a.versionText) is not a relevant version (\(why))"
                : "\(r.ref) is declared at \(a.versionText) as well as at \(other.versionText) (\(facts.line(other.offset))), and neither is a relevant version (\(why))"
            let hint = relevant ? "remove the declaration of \(r.ref) at \(a.versionText) from the plan"
                : "declare \(r.ref) at a relevant version (\(ResolvedArtefact.list(r.relevant))) instead"
            findings.append(Finding(rule, .fail, about: a, r, expected: r.expectedText, message: message, clause: r.driftClause, hint: hint,
                                    fix: Fix.duplicate(r, facts.declarations(of: r.ref, besides: a), facts)))
        }
        for (a, first, r) in facts.declarations.repeats {
            findings.append(Finding(rule, .warn, about: a, r, expected: first.versionText,
                                    message: "\(r.ref) is declared twice at \(first.versionText): as \"\(first.written)\" (\(facts.line(first.offset))) and as \"\(a.written)\" (\(facts.line(a.offset)))",
                                    clause: Self.repeatClause, hint: "declare \(r.ref) once"))
        }
    }
}
