/// Each declared artefact is at a relevant version. TBRD paragraph 3: an Appendix or Schedule in legal
/// effect is at that version, unless Annex A lists a more recent one; where several versions are in
/// legal effect side by side, each is relevant, and which applies depends on the device models tested
/// (paragraph 1). Sections take the SEC version, AK the SVTAD version, AL and AM their consultation
/// version.
public struct ArtefactVersionRule: Rule {
    public static let description = RuleDescription(
        id: "artefact-version",
        summary: "Each declared artefact is at a relevant baseline version (older: fail; newer than any known: warn).",
        clause: "TBRD paragraph 3 and Annex A",
        examples: [
            RuleExample("pass", plan: ["artefacts": #"[{"document": "SEC", "version": "72.0"}, {"document": "Appendix AD", "version": "5.1"}]"#], expect: [
                (.pass, "SEC at 72.0 matches the baseline (SEC Version 72.0, TBRD 1.24 paragraph 1(i) and Annex A)"),
                (.pass, "Appendix AD at 5.1 matches the baseline (TBRD 1.24 Annex A, which supersedes the 5.0 in legal effect under paragraph 3)"),
            ]),
            RuleExample("side-by-side", plan: ["artefacts": #"[{"document": "GBCS", "version": "3.2"}, {"document": "Schedule 8", "version": "4.1"}]"#], expect: [
                (.pass, "Schedule 8 at 3.2 is one of the versions in legal effect side by side (1.0, 1.1, 2.0, 2.1, 3.0, 3.1, 3.2, 4.0, 4.1), TBRD 1.24 paragraph 3; which one applies depends on the device models tested (paragraph 1)"),
                (.pass, "Schedule 8 at 4.1 is one of the versions in legal effect side by side (1.0, 1.1, 2.0, 2.1, 3.0, 3.1, 3.2, 4.0, 4.1), TBRD 1.24 paragraph 3; which one applies depends on the device models tested (paragraph 1)"),
            ]),
            RuleExample("drift", plan: ["artefacts": #"[{"document": "Appendix AD", "version": "5.0"}]"#], expect: [
                (.fail, "Appendix AD is declared at 5.0 but the baseline requires 5.1 (TBRD 1.24 Annex A, which supersedes the 5.0 in legal effect under paragraph 3): the plan has drifted"),
            ]),
            RuleExample("not-in-legal-effect", plan: ["artefacts": #"[{"document": "CHTS", "version": "1.3.1"}]"#], expect: [
                (.fail, "Schedule 10 is declared at 1.3.1, which is not one of the versions in legal effect side by side (1.0, 1.1, 1.2, 1.3, 1.4, 1.5), TBRD 1.24 paragraph 3: the plan has drifted"),
            ]),
            RuleExample("below-consultation", plan: ["artefacts": #"[{"document": "Appendix AM", "version": "11.0"}]"#], expect: [
                (.fail, "Appendix AM is declared at 11.0 but the baseline requires 12.0 (under consultation, TBRD 1.24 Annex A; provisional), below the version under consultation: the plan has drifted"),
            ]),
            RuleExample("newer", plan: ["artefacts": #"[{"document": "Appendix AD", "version": "5.2"}]"#], expect: [
                (.warn, "Appendix AD is declared at 5.2, newer than any version the baseline knows (5.1: TBRD 1.24 Annex A, which supersedes the 5.0 in legal effect under paragraph 3). If 5.2 is already in legal effect it is the relevant version under TBRD paragraph 3 without a new TBRD issue: record it in the baseline file (s1check baseline export, then --baseline)"),
            ]),
            RuleExample("newer-than-side-by-side", plan: ["artefacts": #"[{"document": "GBCS", "version": "5.0"}]"#], expect: [
                (.warn, "Schedule 8 is declared at 5.0, newer than any version the baseline knows (the versions in legal effect side by side (1.0, 1.1, 2.0, 2.1, 3.0, 3.1, 3.2, 4.0, 4.1), TBRD 1.24 paragraph 3; which one applies depends on the device models tested (paragraph 1)). If 5.0 is already in legal effect it is the relevant version under TBRD paragraph 3 without a new TBRD issue: record it in the baseline file (s1check baseline export, then --baseline)"),
            ]),
        ])

    public init() {}

    public func applies(to facts: PlanFacts, _ c: CheckContext) -> Bool {
        facts.declarations.checked.contains { $0.1.version != nil }
    }

    public func check(_ facts: PlanFacts, _ c: CheckContext, into findings: inout [Finding]) {
        for (a, r) in facts.declarations.checked {
            guard let newest = r.version else { continue }
            let why = r.explanation
            let status: Status
            let message: String
            if r.relevant.contains(a.version) {
                status = .pass
                message = r.isConcurrent
                    ? "\(r.ref) at \(a.versionText) is one of \(why)"
                    : "\(r.ref) at \(a.versionText) matches the baseline (\(why))"
            } else if let latest = r.knownVersions.max(), a.version > latest {
                status = .warn
                // Versions side by side are listed once, in the explanation.
                let known = r.isConcurrent ? why : "\(r.expectedText): \(why)"
                message = "\(r.ref) is declared at \(a.versionText), newer than any version the baseline knows (\(known)). If \(a.versionText) is already in legal effect it is the relevant version under TBRD paragraph 3 without a new TBRD issue: record it in the baseline file (s1check baseline export, then --baseline)"
            } else if r.isConcurrent {
                status = .fail
                message = "\(r.ref) is declared at \(a.versionText), which is not one of the versions in legal effect side by side (\(ResolvedArtefact.list(r.relevant))), TBRD \(c.tbrd) paragraph 3: the plan has drifted"
            } else {
                status = .fail
                let below = r.origin == .consultation ? ", below the version under consultation" : ""
                message = "\(r.ref) is declared at \(a.versionText) but the baseline requires \(newest) (\(why))\(below): the plan has drifted"
            }
            findings.append(Finding(rule, status, about: a, r, expected: r.expectedText, message: message,
                                    clause: "\(rule.clause): \(why)"))
        }
    }
}
