/// An artefact TBRD Annex A lists as "currently subject to further consultation and amendment" (AL and AM)
/// declared at that version is provisional: the version number is known, the content is not final, and
/// Annex A describes the relevant version as that version "supplemented by" the consultations it names.
/// A plan says whether it tested the version so supplemented (`"asSupplemented": true` on the artefact):
/// then the finding is a note (a pass) that the content is still subject to consultation; without it the
/// finding is a warning asking exactly that, and with `false` a warning that the plan tested something
/// other than what Annex A describes.
public struct ConsultationRule: WaivableRule {
    public static let description = describe(
        id: "consultation",
        summary: "An artefact subject to further consultation and amendment (AL, AM) at its listed version: tested as supplemented by the consultations Annex A names (\"asSupplemented\": true) is a note (pass); otherwise warn.",
        clause: "TBRD Annex A: relevant versions of SEC subsidiary documents currently subject to further consultation and amendment",
        examples: [
            RuleExample("not-under-consultation", plan: ["artefacts": #"[{"document": "Appendix AD", "version": "5.1"}]"#], expect: []),
            RuleExample("provisional", plan: ["artefacts": #"[{"document": "Appendix AM", "version": "12.0"}]"#], expect: [
                (.warn, "Appendix AM 12.0 is provisional (TBRD 1.24 Annex A: subject to further consultation and amendment), supplemented by a consultation on proposed changes to the document, which closed on 2023-02-10; not said to be tested so"),
            ]),
            RuleExample("as-supplemented", plan: ["artefacts": #"[{"document": "Appendix AM", "version": "12.0", "asSupplemented": true}]"#], expect: [
                (.pass, "Note: Appendix AM 12.0 is still subject to further consultation and amendment (TBRD 1.24 Annex A); the plan tested it as supplemented by a consultation on proposed changes to the document, which closed on 2023-02-10, as Annex A describes the relevant version (also: DCC's consultation on the revised timeframe for re-designating the updated document closed on 2023-05-05)"),
            ]),
            RuleExample("not-as-supplemented", plan: ["artefacts": #"[{"document": "Appendix AM", "version": "12.0", "asSupplemented": false}]"#], expect: [
                (.warn, "Appendix AM 12.0 was tested without what supplements it (\"asSupplemented\": false), but TBRD 1.24 Annex A describes the relevant version as 12.0 supplemented by a consultation on proposed changes to the document, which closed on 2023-02-10, and lists it as currently subject to further consultation and amendment"),
            ]),
            RuleExample("with-event", plan: ["phase": #""IOC""#, "artefacts": #"[{"document": "SMETS1 TMAD", "version": "25.0"}]"#], expect: [
                (.warn, "Appendix AL 25.0 is provisional (TBRD 1.24 Annex A: subject to further consultation and amendment), supplemented by DCC's consultation, held 2023-04-21 to 2023-05-05; not said to be tested so"),
            ]),
            RuleExample("said-of-another-document", plan: ["artefacts": #"[{"document": "Appendix AD", "version": "5.1", "asSupplemented": true}]"#], expect: [
                (.warn, "the plan says Appendix AD 5.1 was tested \"asSupplemented\", but TBRD 1.24 Annex A lists no version of Appendix AD as subject to further consultation and amendment: nothing supplements it"),
            ]),
            RuleExample("waived", plan: [
                "artefacts": #"[{"document": "Appendix AM", "version": "12.0"}]"#,
                "waivers": #"[{"rule": "consultation", "document": "Appendix AM", "reason": "Re-test booked for re-designation", "expires": "2099-12-31"}]"#,
            ], expect: [
                (.waived, "Appendix AM 12.0 is provisional (TBRD 1.24 Annex A: subject to further consultation and amendment), supplemented by a consultation on proposed changes to the document, which closed on 2023-02-10; not said to be tested so"),
            ]),
        ])

    public init() {}

    public func applies(to facts: PlanFacts, _ c: CheckContext) -> Bool {
        facts.declarations.checked.contains { a, r in a.asSupplemented != nil || (r.consultation.map { $0.version == a.version } ?? false) }
    }

    public func check(_ facts: PlanFacts, _ c: CheckContext, into findings: inout [Finding]) {
        for (a, r) in facts.declarations.checked {
            guard let consultation = r.consultation, a.version == consultation.version else {
                // "asSupplemented" said of a version nothing supplements: said, so never passed over.
                guard a.asSupplemented != nil else { continue }
                let listed = r.consultation.map { "lists \(r.ref) as subject to further consultation and amendment at \($0.version) only, not \(a.versionText)" }
                    ?? "lists no version of \(r.ref) as subject to further consultation and amendment: nothing supplements it"
                findings.append(Finding(rule, .warn, about: a, r, expected: r.consultation?.version.description,
                                        message: "the plan says \(r.ref) \(a.versionText) was tested \"asSupplemented\", but TBRD \(c.tbrd) Annex A \(listed)",
                                        hint: "remove \"asSupplemented\" from the artefact, or declare the version it was said of"))
                continue
            }
            let v = consultation.version
            // What Annex A says the version is supplemented by, and what else it records (the consultations
            // it only records, the changes the version is set to be supplemented by).
            let supplements = consultation.notes.filter(\.supplements).map(ConsultationText.describe).joined(separator: " and ")
            // (Every note and event is also listed in each report's consultation section.)
            let others = (consultation.notes.filter { !$0.supplements }.map(ConsultationText.describe) + consultation.events.map(ConsultationText.describe))
            let also = others.isEmpty ? "" : " (also: \(others.joined(separator: "; ")))"
            let listed = "TBRD \(c.tbrd) Annex A lists it as currently subject to further consultation and amendment"
            guard !supplements.isEmpty else {
                // Annex A names nothing the version is supplemented by: provisional, and that is all.
                findings.append(Finding(rule, .warn, about: a, r, expected: v.description,
                                        message: "\(r.ref) \(v) is provisional: \(listed)" + (others.isEmpty ? "" : " (\(others.joined(separator: "; ")))")))
                continue
            }
            switch a.asSupplemented {
            case true?:
                findings.append(Finding(rule, .pass, about: a, r, expected: v.description,
                                        message: "Note: \(r.ref) \(v) is still subject to further consultation and amendment (TBRD \(c.tbrd) Annex A); the plan tested it as \(supplements), as Annex A describes the relevant version\(also)"))
            case false?:
                findings.append(Finding(rule, .warn, about: a, r, expected: "\(v), as supplemented",
                                        message: "\(r.ref) \(v) was tested without what supplements it (\"asSupplemented\": false), but TBRD \(c.tbrd) Annex A describes the relevant version as \(v) \(supplements), and lists it as currently subject to further consultation and amendment",
                                        hint: "test \(r.ref) \(v) as so supplemented, then set \"asSupplemented\": true"))
            case nil:
                findings.append(Finding(rule, .warn, about: a, r, expected: v.description,
                                        message: "\(r.ref) \(v) is provisional (TBRD \(c.tbrd) Annex A: subject to further consultation and amendment), \(supplements); not said to be tested so",
                                        hint: "add \"asSupplemented\": true if it did"))
            }
        }
    }
}
