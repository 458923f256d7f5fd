/// Each declared artefact is at its relevant version: TBRD paragraph 3 (the version in legal effect,
/// unless Annex A lists a more recent one), the SEC version for Sections, the SVTAD version for AK, and
/// the consultation version for AL and AM.
public struct ArtefactVersionRule: Rule {
    public static let description = RuleDescription(
        id: "artefact-version",
        summary: "Each declared artefact is at its resolved baseline version (older: fail; newer: warn).",
        clause: "TBRD paragraph 3 and Annex A",
        examples: [
            RuleExample("pass", plan: ["artefacts": #"[{"document": "SEC", "version": "72.0"}, {"document": "Appendix AD", "version": "5.1"}]"#], expect: [
                (.pass, "SEC at 72.0 matches the baseline (SEC Version 72.0, TBRD 1.24 paragraph 1(i) and Annex A)"),
                (.pass, "Appendix AD at 5.1 matches the baseline (TBRD 1.24 Annex A, which supersedes the 5.0 in legal effect under paragraph 3)"),
            ]),
            RuleExample("drift", plan: ["artefacts": #"[{"document": "Appendix AD", "version": "5.0"}]"#], expect: [
                (.fail, "Appendix AD is declared at 5.0 but the baseline requires 5.1 (TBRD 1.24 Annex A, which supersedes the 5.0 in legal effect under paragraph 3): the plan has drifted"),
            ]),
            RuleExample("below-consultation", plan: ["artefacts": #"[{"document": "Appendix AM", "version": "11.0"}]"#], expect: [
                (.fail, "Appendix AM is declared at 11.0 but the baseline requires 12.0 (under consultation, TBRD 1.24 Annex A; provisional), below the version under consultation: the plan has drifted"),
            ]),
            RuleExample("newer", plan: ["artefacts": #"[{"document": "Appendix AD", "version": "5.2"}]"#], expect: [
                (.warn, "Appendix AD is declared at 5.2, newer than the baseline's 5.1 (TBRD 1.24 Annex A, which supersedes the 5.0 in legal effect under paragraph 3): not yet in TBRD 1.24"),
            ]),
        ])

    public init() {}

    public func applies(to facts: PlanFacts, _ c: CheckContext) -> Bool {
        facts.declarations.first.contains { $0.1.version != nil }
    }

    public func check(_ facts: PlanFacts, _ c: CheckContext, into findings: inout [Finding]) {
        for (a, r) in facts.declarations.first {
            guard let expected = r.version else { continue }
            let why = r.explanation
            let status: Status
            let message: String
            if a.version == expected {
                status = .pass
                message = "\(r.ref) at \(a.versionText) matches the baseline (\(why))"
            } else if a.version < expected {
                status = .fail
                let below = r.origin == .consultation ? ", below the version under consultation" : ""
                message = "\(r.ref) is declared at \(a.versionText) but the baseline requires \(expected) (\(why))\(below): the plan has drifted"
            } else {
                status = .warn
                message = "\(r.ref) is declared at \(a.versionText), newer than the baseline's \(expected) (\(why)): not yet in TBRD \(c.tbrd)"
            }
            findings.append(Finding(rule, status, about: a, r, expected: expected.description, message: message,
                                    clause: "\(rule.clause): \(why)"))
        }
    }
}
