/// Every declared document is a Section, Schedule or Appendix of the SEC; a name outside the catalogue
/// (a typo such as "Appendix AZ") fails, with the nearest names. A title the SEC version history gives a
/// document that is not its title in the consolidated SEC ("Communication Hub Technical Specifications")
/// names that document, with a note (a pass) naming the current title.
public struct UnknownDocumentRule: WaivableRule {
    public static let description = describe(
        id: "unknown-document",
        summary: "Each declared document is a Section, Schedule or Appendix of the SEC.",
        clause: "SEC contents: the catalogue of Sections, Schedules and Appendices",
        examples: [
            RuleExample("known", plan: ["artefacts": #"[{"document": "SEC Appendix AD", "version": "5.1"}, {"document": "DCC User Interface Code of Connection", "version": "1.0"}, {"document": "mmc", "version": "5.1"}]"#], expect: []),
            RuleExample("typo", plan: ["artefacts": #"[{"document": "Appendix AZ", "version": "1.0"}, {"document": "Shedule 9", "version": "1.2"}]"#], expect: [
                (.fail, "\"Appendix AZ\" is not a Section, Schedule or Appendix of the SEC; nearest: Appendix A, Appendix Z, Appendix AA"),
                (.fail, "\"Shedule 9\" is not a Section, Schedule or Appendix of the SEC; nearest: Schedule 9, Schedule 1, Schedule 2"),
            ]),
            RuleExample("former-titles", plan: ["artefacts": #"[{"document": "Communication Hub Technical Specifications", "version": "1.5"}, {"document": "Smart Metering Equipment Technical Specifications 1", "version": "1.2"}, {"document": "Inventory, Enrolment and Withdrawal Procedures", "version": "6.0"}, {"document": "SEC Appendix AH – Self-Service Interface Design Specification", "version": "2.0"}]"#], expect: [
                (.pass, "Note: \"Communication Hub Technical Specifications\" is a title the SEC version history gives Schedule 10; its title in the consolidated SEC is Communications Hub Technical Specifications"),
                (.pass, "Note: \"Inventory, Enrolment and Withdrawal Procedures\" is a title the SEC version history gives Appendix AC; its title in the consolidated SEC is Inventory, Enrolment and Decommissioning Procedures"),
                (.pass, "Note: \"SEC Appendix AH – Self-Service Interface Design Specification\" is a title the SEC version history gives Appendix AH; its title in the consolidated SEC is Self Service Interface Access Control Specification"),
            ]),
            RuleExample("waived", plan: ["artefacts": #"[{"document": "Appendix AZ", "version": "1.0"}]"#,
                                         "waivers": #"[{"rule": "unknown-document", "document": "Appendix AZ", "reason": "Accepted by the test lead", "approvedBy": "Test assurance lead", "expires": "2099-12-31"}]"#], expect: [
                (.waived, "\"Appendix AZ\" is not a Section, Schedule or Appendix of the SEC; nearest: Appendix A, Appendix Z, Appendix AA"),
            ]),
            RuleExample("near-title", plan: ["artefacts": #"[{"document": "DCC User Interface Specfication", "version": "5.1"}, {"document": "DUSI", "version": "5.1"}]"#], expect: [
                (.fail, "\"DCC User Interface Specfication\" is not a Section, Schedule or Appendix of the SEC; nearest: Appendix AD (DCC User Interface Specification), Appendix AE (DCC User Interface Code of Connection), Appendix T (DCCKI Interface Design Specification)"),
                (.fail, "\"DUSI\" is not a Section, Schedule or Appendix of the SEC; nearest: Appendix AD (DUIS), Appendix AM (S1SR)"),
            ]),
        ])

    public init() {}

    public func applies(to facts: PlanFacts, _ c: CheckContext) -> Bool {
        !facts.declarations.unknown.isEmpty || facts.plan.artefacts.contains { c.baseline.names.formerTitle($0.written) != nil }
    }

    public func check(_ facts: PlanFacts, _ c: CheckContext, into findings: inout [Finding]) {
        for a in facts.plan.artefacts {
            guard let (ref, current) = c.baseline.names.formerTitle(a.written), a.ref == ref else { continue }
            let source = c.baseline.baseline.document(ref)?.sources["formerTitles"].map { "; \($0)" } ?? ""
            findings.append(Finding(rule: rule, status: .pass, subject: ref.description, documentRef: ref, declared: a.versionText,
                                    message: "Note: \"\(a.written)\" is a title the SEC version history gives \(ref); its title in the consolidated SEC is \(current)",
                                    clause: "SEC consolidated text, contents: the current titles\(source)", offset: a.offset))
        }
        for a in facts.declarations.unknown {
            let near = c.baseline.names.suggestions(for: a.written, known: { c.baseline[$0] != nil })
            let hint = near.isEmpty ? "" : "; nearest: \(near.joined(separator: ", "))"
            findings.append(Finding(rule: rule, status: .fail, subject: a.ref?.description ?? a.written, documentRef: a.ref,
                                    declared: a.versionText,
                                    message: "\"\(a.written)\" is not a Section, Schedule or Appendix of the SEC\(hint)", offset: a.offset))
        }
    }
}
