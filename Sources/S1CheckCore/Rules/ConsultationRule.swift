/// An artefact TBRD Annex A lists as "currently subject to further consultation and amendment" (AL and AM)
/// declared at that version is provisional: the version number is known, and the TBRD says what the
/// version is supplemented by.
public struct ConsultationRule: WaivableRule {
    public static let description = describe(
        id: "consultation",
        summary: "An artefact subject to further consultation and amendment (AL, AM) at its listed version is provisional (warn).",
        clause: "TBRD Annex A: relevant versions of SEC subsidiary documents currently subject to further consultation and amendment",
        examples: [
            RuleExample("not-under-consultation", plan: ["artefacts": #"[{"document": "Appendix AD", "version": "5.1"}]"#], expect: []),
            RuleExample("provisional", plan: ["artefacts": #"[{"document": "Appendix AM", "version": "12.0"}]"#], expect: [
                (.warn, "Appendix AM 12.0 is provisional: TBRD 1.24 Annex A lists it as currently subject to further consultation and amendment (supplemented by a consultation on proposed changes to the document, which closed on 2023-02-10; DCC's consultation on the revised timeframe for re-designating the updated document closed on 2023-05-05)"),
            ]),
            RuleExample("with-event", plan: ["phase": #""IOC""#, "artefacts": #"[{"document": "SMETS1 TMAD", "version": "25.0"}]"#], expect: [
                (.warn, "Appendix AL 25.0 is provisional: TBRD 1.24 Annex A lists it as currently subject to further consultation and amendment (supplemented by DCC's consultation, held 2023-04-21 to 2023-05-05; set to be supplemented by changes related to the proposals to cease migrations in the SMETS1 IOC cohort on 2023-05-28)"),
            ]),
            RuleExample("waived", plan: [
                "artefacts": #"[{"document": "Appendix AM", "version": "12.0"}]"#,
                "waivers": #"[{"rule": "consultation", "document": "Appendix AM", "reason": "Re-test booked for re-designation", "expires": "2099-12-31"}]"#,
            ], expect: [
                (.waived, "Appendix AM 12.0 is provisional: TBRD 1.24 Annex A lists it as currently subject to further consultation and amendment (supplemented by a consultation on proposed changes to the document, which closed on 2023-02-10; DCC's consultation on the revised timeframe for re-designating the updated document closed on 2023-05-05)"),
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
                                    message: "\(r.ref) \(consultation.version) is provisional: TBRD \(c.tbrd) Annex A lists it as currently subject to further consultation and amendment" + (notes.isEmpty ? "" : " (\(notes))")))
        }
    }
}
