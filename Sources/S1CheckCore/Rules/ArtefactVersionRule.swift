/// Each declared artefact is at a relevant version. TBRD paragraph 3: an Appendix or Schedule in legal
/// effect is at that version, unless Annex A lists a more recent one; where several versions are in
/// legal effect side by side, each is relevant, and which applies depends on the device models tested
/// (paragraph 1). Sections take the SEC version, AK the SVTAD version, AL and AM their consultation
/// version.
public struct ArtefactVersionRule: WaivableRule {
    public static let description = describe(
        id: "artefact-version",
        summary: "Each declared artefact is at a relevant baseline version (older: fail; newer than any known: warn).",
        clause: "TBRD paragraph 3 and Annex A (Appendices and Schedules); paragraph 1(i) and the Annex A heading (the SEC and its Sections); footnote 1 (Appendix AK)",
        examples: [
            RuleExample("pass", plan: ["artefacts": #"[{"document": "SEC", "version": "72.0"}, {"document": "Appendix AD", "version": "5.1"}]"#], expect: [
                (.pass, "SEC at 72.0 matches the baseline (SEC Version 72.0, TBRD 1.24 paragraph 1(i) and the Annex A heading)"),
                (.pass, "Appendix AD at 5.1 matches the baseline (TBRD 1.24 Annex A, more recent than the versions in legal effect (1.1, 2.0, 3.0, 3.1, 4.0, 5.0), which it replaces under paragraph 3)"),
            ]),
            RuleExample("svtad", plan: ["artefacts": #"[{"document": "SMETS1 SVTAD", "version": "10.0"}]"#], expect: [
                (.pass, "Appendix AK at 10.0 matches the baseline (the current SVTAD version, TBRD 1.24 footnote 1)"),
            ]),
            RuleExample("side-by-side", plan: ["artefacts": #"[{"document": "GBCS", "version": "3.2"}, {"document": "Schedule 8", "version": "4.1"}]"#], expect: [
                (.pass, "Schedule 8 at 3.2 is one of the versions in legal effect side by side (1.0, 1.1, 2.0, 2.1, 3.0, 3.1, 3.2, 4.0, 4.1), TBRD 1.24 paragraph 3; which one applies depends on the device models tested (paragraph 1(ii))"),
                (.pass, "Schedule 8 at 4.1 is one of the versions in legal effect side by side (1.0, 1.1, 2.0, 2.1, 3.0, 3.1, 3.2, 4.0, 4.1), TBRD 1.24 paragraph 3; which one applies depends on the device models tested (paragraph 1(ii))"),
            ]),
            RuleExample("drift", plan: ["artefacts": #"[{"document": "Appendix AD", "version": "5.0"}]"#], expect: [
                (.fail, "Appendix AD is declared at 5.0, which is in legal effect, but TBRD 1.24 Annex A lists the more recent 5.1, which is the relevant version in its place (paragraph 3): the plan has drifted"),
            ], fixed: ["artefacts": #"[{"document": "Appendix AD", "version": "5.1"}]"#]),
            RuleExample("waived", plan: ["artefacts": #"[{"document": "Appendix AD", "version": "5.0"}]"#,
                                         "waivers": #"[{"rule": "artefact-version", "document": "DUIS", "reason": "Accepted by the test lead", "expires": "2099-12-31"}]"#], expect: [
                (.waived, "Appendix AD is declared at 5.0, which is in legal effect, but TBRD 1.24 Annex A lists the more recent 5.1, which is the relevant version in its place (paragraph 3): the plan has drifted"),
            ]),
            RuleExample("not-in-legal-effect", plan: ["artefacts": #"[{"document": "CHTS", "version": "1.3.1"}]"#], expect: [
                (.fail, "Schedule 10 is declared at 1.3.1, which is not one of the relevant versions (the versions in legal effect side by side (1.0, 1.1, 1.2, 1.3, 1.4, 1.5), TBRD 1.24 paragraph 3; which one applies depends on the device models tested (paragraph 1(ii))): the plan has drifted"),
            ]),
            RuleExample("below-consultation", plan: ["artefacts": #"[{"document": "Appendix AM", "version": "11.0"}]"#], expect: [
                (.fail, "Appendix AM is declared at 11.0 but the relevant version is 12.0 (listed in TBRD 1.24 Annex A as currently subject to further consultation and amendment, so provisional), and 11.0 is older: the plan has drifted"),
            ], fixed: ["artefacts": #"[{"document": "Appendix AM", "version": "12.0"}]"#]),
            RuleExample("newer", plan: ["artefacts": #"[{"document": "Appendix AD", "version": "5.2"}]"#], expect: [
                (.warn, "Appendix AD is declared at 5.2, newer than any version the baseline knows (5.1: TBRD 1.24 Annex A, more recent than the versions in legal effect (1.1, 2.0, 3.0, 3.1, 4.0, 5.0), which it replaces under paragraph 3). If 5.2 is already in legal effect it is a relevant version under TBRD paragraph 3 without a new TBRD issue, and the baseline should record it"),
            ]),
            RuleExample("newer-than-side-by-side", plan: ["artefacts": #"[{"document": "GBCS", "version": "5.0"}]"#], expect: [
                (.warn, "Schedule 8 is declared at 5.0, newer than any version the baseline knows (the versions in legal effect side by side (1.0, 1.1, 2.0, 2.1, 3.0, 3.1, 3.2, 4.0, 4.1), TBRD 1.24 paragraph 3; which one applies depends on the device models tested (paragraph 1(ii))). If 5.0 is already in legal effect it is a relevant version under TBRD paragraph 3 without a new TBRD issue, and the baseline should record it"),
            ]),
            RuleExample("schedule-9-two-readings", plan: ["artefacts": #"[{"document": "Schedule 9", "version": "4.1"}]"#], expect: [
                (.warn, "Schedule 9 is declared at 4.1. Read as Schedule 9 (SMETS1) (1.2: in legal effect, TBRD 1.24 paragraph 3), it is newer than any version the baseline knows: if 4.1 is already in legal effect it is a relevant version under TBRD paragraph 3 without a new TBRD issue, and the baseline should record it. Read as Schedule 9 (SMETS2), it cannot be verified: the consolidated SEC lists that part's issues by date only."),
            ]),
            RuleExample("smets1-named", plan: ["artefacts": #"[{"document": "SMETS1", "version": "4.1"}]"#], expect: [
                (.warn, "Schedule 9 is declared at 4.1, newer than any version the baseline knows (1.2: in legal effect, TBRD 1.24 paragraph 3). If 4.1 is already in legal effect it is a relevant version under TBRD paragraph 3 without a new TBRD issue, and the baseline should record it"),
            ]),
            RuleExample("newer-beside-relevant", plan: ["artefacts": #"[{"document": "DUIS", "version": "5.1"}, {"document": "DUIS", "version": "5.2"}]"#], expect: [
                (.pass, "Appendix AD at 5.1 matches the baseline (TBRD 1.24 Annex A, more recent than the versions in legal effect (1.1, 2.0, 3.0, 3.1, 4.0, 5.0), which it replaces under paragraph 3)"),
                (.warn, "Appendix AD is declared at 5.2, newer than any version the baseline knows (5.1: TBRD 1.24 Annex A, more recent than the versions in legal effect (1.1, 2.0, 3.0, 3.1, 4.0, 5.0), which it replaces under paragraph 3). If 5.2 is already in legal effect it is a relevant version under TBRD paragraph 3 without a new TBRD issue, and the baseline should record it"),
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
            var hint: String?
            let status: Status
            let message: String
            if r.relevant.contains(a.version) {
                status = .pass
                if !r.isConcurrent {
                    message = "\(r.ref) at \(a.versionText) matches the baseline (\(why))"
                } else if case .legalEffect? = r.origin {
                    message = "\(r.ref) at \(a.versionText) is one of \(why)"
                } else {
                    message = "\(r.ref) at \(a.versionText) is one of the relevant versions: \(why)"
                }
            } else if r.isNewerThanKnown(a.version) {
                status = .warn
                // Versions side by side are listed once, in the explanation.
                let known = r.isConcurrent ? why : "\(r.expectedText): \(why)"
                let (recorded, record) = Self.newerVersion(a.versionText, r, c)
                if let readings = otherReadings(of: a, r, c) {
                    message = "\(r.ref) is declared at \(a.versionText). Read as \(readings.own) (\(known)), it is newer than any version the baseline knows: \(recorded.prefix(1).lowercased() + recorded.dropFirst()). \(readings.others)"
                    hint = "say which is meant by declaring it as \(readings.names); " + record
                } else {
                    message = "\(r.ref) is declared at \(a.versionText), newer than any version the baseline knows (\(known)). \(recorded)"
                    hint = record
                }
            } else if let annex = r.replacement(for: a.version) {
                status = .fail
                let standing = r.ref == Baseline.svtadRef ? "which is the current SVTAD version (TBRD \(c.tbrd) footnote 1)" : "which is in legal effect"
                message = "\(r.ref) is declared at \(a.versionText), \(standing), but TBRD \(c.tbrd) Annex A lists the more recent \(annex), which is the relevant version in its place (paragraph 3)" + (r.isConcurrent ? "; the relevant versions are \(ResolvedArtefact.list(r.relevant))" : "") + ": the plan has drifted"
            } else if r.origin == .consultation {
                status = .fail
                message = "\(r.ref) is declared at \(a.versionText) but the relevant version is \(newest) (\(why)), and \(a.versionText) is older: the plan has drifted"
            } else if r.isConcurrent {
                status = .fail
                message = "\(r.ref) is declared at \(a.versionText), which is not one of the relevant versions (\(why)): the plan has drifted"
            } else {
                status = .fail
                message = "\(r.ref) is declared at \(a.versionText) but the baseline requires \(newest) (\(why)): the plan has drifted"
            }
            // The rule that finds a drift attaches its fix (`s1check fix` applies it or lists the choice).
            let fix = status == .fail ? Fix.drift(a, r, declarations: facts.declarations(of: r.ref, besides: a), facts: facts) : nil
            if let fix, fix.applicability == .safe { hint = Fix.hint(fix) }
            // A drift rests on paragraph 3 and Annex A alone, not on which version the device models need.
            findings.append(Finding(rule, status, about: a, r, expected: r.expectedText, message: message,
                                    clause: status == .fail ? r.driftClause : r.clause, hint: hint, fix: fix))
        }
    }

    /// For a version newer than any the baseline knows, what would make it relevant, by the clause the
    /// document's version rests on, and how to record it (a hint: s1check's own steps).
    static func newerVersion(_ v: String, _ r: ResolvedArtefact, _ c: CheckContext) -> (String, String) {
        let export = "export the baseline in use (s1check baseline export, with the same --baseline if one is given) and "
        switch r.origin {
        case .secVersion?:
            return ("If SEC \(v) is the version most recently published by the Secretary of State, it is the relevant one under TBRD paragraph 1(i), and the baseline should record it",
                    export + "set its \"sec\" to \(v), then run with --baseline")
        case .svtad?:
            return ("If \(v) is the current SVTAD version (TBRD footnote 1 gives \(c.baseline.baseline.svtad)), the baseline should record it",
                    export + "set its \"svtad\" to \(v), then run with --baseline")
        case .consultation?:
            return ("If \(v) is already in legal effect it is the relevant version under TBRD paragraph 3, and the document is no longer provisional at \(r.version!): the baseline should record it",
                    export + "add \(v) to the document's \"legalEffect\" and remove its \"consultation\", then run with --baseline")
        default:
            return ("If \(v) is already in legal effect it is a relevant version under TBRD paragraph 3 without a new TBRD issue, and the baseline should record it",
                    export + "add \(v) to the document's \"legalEffect\", then run with --baseline")
        }
    }

    /// A document with parts of its own (Schedule 9: its SMETS1 issue, and SMETS2 by date only) may be
    /// declared at a version of a part: a number its own versions do not reach names every reading, unless
    /// the plan's name already picked one (`SMETS1`).
    func otherReadings(of a: DeclaredArtefact, _ r: ResolvedArtefact, _ c: CheckContext) -> (own: String, others: String, names: String)? {
        guard case .document(let kind, let id) = r.ref, let doc = c.baseline.baseline.document(r.ref), !doc.parts.isEmpty else { return nil }
        let written = DocumentName.tokens(a.written).drop { $0 == "SEC" }
        if doc.aliases.contains(where: { DocumentName.tokens($0) == Array(written) }) { return nil }
        let readings = doc.parts.map { part -> String in
            let ref = DocumentRef.part(kind, id, part.name)
            guard let p = c.baseline[ref], !p.relevant.isEmpty else {
                return "Read as \(ref), it cannot be verified: the consolidated SEC lists that part's issues by date only."
            }
            return p.relevant.contains(a.version) ? "Read as \(ref), it is a relevant version (\(p.explanation))."
                : "Read as \(ref), it is not a relevant version (\(p.expectedText): \(p.explanation))."
        }
        let own = doc.aliases.first.map { "\(r.ref) (\($0))" } ?? "\(r.ref) itself"
        let names = (doc.aliases.prefix(1) + doc.parts.map(\.name)).map { "\"\($0)\"" }.joined(separator: " or ")
        return (own, readings.joined(separator: " "), names)
    }
}
