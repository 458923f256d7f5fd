/// An artefact still under consultation (TBRD Annex A's second list: AL and AM) declared at its
/// consultation version is provisional: the version number is known, the content is not final.
public struct ConsultationRule: Rule {
    public static let description = RuleDescription(
        id: "consultation",
        summary: "An artefact still under consultation (AL, AM) at its consultation version is provisional (warn).",
        clause: "TBRD Annex A: relevant versions of documents subject to further consultation and amendment",
        examples: [
            RuleExample("not-under-consultation", plan: ["artefacts": #"[{"document": "Appendix AD", "version": "5.1"}]"#], expect: []),
            RuleExample("provisional", plan: ["artefacts": #"[{"document": "Appendix AM", "version": "12.0"}]"#], expect: [
                (.warn, "Appendix AM 12.0 is still under consultation, so this version is provisional (consultation on proposed changes to the document, closed 2023-02-10; DCC's consultation on the revised timeframe for re-designating the updated document, closed 2023-05-05)"),
            ]),
            RuleExample("with-event", plan: ["phase": #""IOC""#, "artefacts": #"[{"document": "SMETS1 TMAD", "version": "25.0"}]"#], expect: [
                (.warn, "Appendix AL 25.0 is still under consultation, so this version is provisional (DCC's consultation, 2023-04-21 to 2023-05-05; set to be supplemented by changes related to the proposals to cease migrations in the SMETS1 IOC cohort on 2023-05-28 (IOC))"),
            ]),
            RuleExample("waived", plan: [
                "artefacts": #"[{"document": "Appendix AM", "version": "12.0"}]"#,
                "waivers": #"[{"rule": "consultation", "document": "Appendix AM", "reason": "Re-test booked for re-designation", "expires": "2099-12-31"}]"#,
            ], expect: [
                (.waived, "Appendix AM 12.0 is still under consultation, so this version is provisional (consultation on proposed changes to the document, closed 2023-02-10; DCC's consultation on the revised timeframe for re-designating the updated document, closed 2023-05-05)"),
            ]),
        ])

    public init() {}

    public func applies(to facts: PlanFacts, _ c: CheckContext) -> Bool {
        facts.declarations.checked.contains { a, r in r.consultation.map { $0.version == a.version } ?? false }
    }

    public func check(_ facts: PlanFacts, _ c: CheckContext, into findings: inout [Finding]) {
        for (a, r) in facts.declarations.checked {
            guard let consultation = r.consultation, a.version == consultation.version else { continue }
            let notes = ConsultationText.lines(consultation).joined(separator: "; ")
            findings.append(Finding(rule, .warn, about: a, r, expected: consultation.version.description,
                                    message: "\(r.ref) \(consultation.version) is still under consultation, so this version is provisional" + (notes.isEmpty ? "" : " (\(notes))")))
        }
    }
}
