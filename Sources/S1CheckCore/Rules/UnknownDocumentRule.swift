/// Every declared document is a Section, Schedule or Appendix of the SEC; a name outside the catalogue
/// (a typo such as "Appendix AZ") fails, with the nearest names.
public struct UnknownDocumentRule: Rule {
    public static let description = RuleDescription(
        id: "unknown-document",
        summary: "Each declared document is a Section, Schedule or Appendix of the SEC.",
        clause: "SEC contents: the catalogue of Sections, Schedules and Appendices",
        examples: [
            RuleExample("known", plan: ["artefacts": #"[{"document": "SEC Appendix AD", "version": "5.1"}]"#], expect: []),
            RuleExample("typo", plan: ["artefacts": #"[{"document": "Appendix AZ", "version": "1.0"}, {"document": "Shedule 9", "version": "1.2"}]"#], expect: [
                (.fail, "\"Appendix AZ\" is not a Section, Schedule or Appendix of the SEC; nearest: Appendix A, Appendix Z, Appendix AA"),
                (.fail, "\"Shedule 9\" is not a Section, Schedule or Appendix of the SEC; nearest: Schedule 9, Schedule 1, Schedule 2"),
            ]),
        ])

    public init() {}

    public func applies(to facts: PlanFacts, _ c: CheckContext) -> Bool { !facts.declarations.unknown.isEmpty }

    public func check(_ facts: PlanFacts, _ c: CheckContext, into findings: inout [Finding]) {
        for a in facts.declarations.unknown {
            let name = a.ref?.description ?? a.written
            var candidates = c.baseline.names
            if case .document(let kind, _)? = a.ref {
                candidates = c.baseline.artefacts.filter { if case .document(kind, _) = $0.ref { return true }; return false }.map(\.ref.description)
            }
            var near = nearest(to: name, in: candidates, limit: 3, maxDistance: max(3, name.count / 2))
            // A name with a title after it ("Appendix AD – DCC User Interface ...") names its document first.
            if a.ref == nil, let lead = DocumentName.leadingReference(a.written), c.baseline[lead] != nil {
                near = [lead.description] + near.filter { $0 != lead.description }.prefix(2)
            }
            let hint = near.isEmpty ? "" : "; nearest: \(near.joined(separator: ", "))"
            findings.append(Finding(rule: rule, status: .fail, subject: name, documentRef: a.ref, declared: a.versionText,
                                    message: "\"\(a.written)\" is not a Section, Schedule or Appendix of the SEC\(hint)", offset: a.offset))
        }
    }
}
