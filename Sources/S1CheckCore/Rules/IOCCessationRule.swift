/// A dated consultation event for the plan's phase (AL: the proposed cessation of migrations in the
/// SMETS1 IOC cohort on 28 May 2023) that falls inside the test window changes what is tested.
public struct IOCCessationRule: Rule {
    public static let description = RuleDescription(
        id: "ioc-cessation",
        summary: "A plan's window does not run past a dated consultation event for its phase (the IOC cessation, 28 May 2023).",
        clause: "TBRD Annex A, Appendix AL: proposals to cease migrations in the SMETS1 IOC cohort on 28 May 2023",
        examples: [
            RuleExample("before", plan: ["phase": #""IOC""#, "window": #"{"start": "2023-05-01", "end": "2023-05-28"}"#], expect: [
                (.pass, "the IOC test window ends 2023-05-28, not after 2023-05-28, the proposed cessation of migrations in the SMETS1 IOC cohort (Appendix AL)"),
            ]),
            RuleExample("after", plan: ["phase": #""IOC""#, "window": #"{"start": "2023-05-15", "end": "2023-06-15"}"#], expect: [
                (.warn, "the IOC test window ends 2023-06-15, after 2023-05-28, the proposed cessation of migrations in the SMETS1 IOC cohort (Appendix AL): plan for the change"),
            ]),
            RuleExample("other-phase", plan: ["phase": #""MOC""#, "window": #"{"start": "2023-05-15", "end": "2023-06-15"}"#], expect: []),
        ])

    public init() {}

    func events(_ facts: PlanFacts, _ c: CheckContext) -> [(ResolvedArtefact, ConsultationEvent)] {
        c.baseline.events.filter { $0.1.phases?.contains(facts.plan.phase) ?? true }
    }

    public func applies(to facts: PlanFacts, _ c: CheckContext) -> Bool {
        facts.plan.window != nil && !events(facts, c).isEmpty
    }

    public func check(_ facts: PlanFacts, _ c: CheckContext, into findings: inout [Finding]) {
        let plan = facts.plan
        guard let window = plan.window else { return }
        for (r, event) in events(facts, c) {
            let past = window.end > event.date
            findings.append(Finding(
                rule: rule, status: past ? .warn : .pass, subject: r.ref.description, documentRef: r.ref,
                declared: window.end.description, expected: "on or before \(event.date)",
                message: past
                    ? "the \(plan.phase.rawValue) test window ends \(window.end), after \(event.date), the \(event.what) (\(r.ref)): plan for the change"
                    : "the \(plan.phase.rawValue) test window ends \(window.end), not after \(event.date), the \(event.what) (\(r.ref))",
                clause: "TBRD \(c.tbrd) Annex A, \(r.ref): \(event.what) on \(event.date)", offset: window.endOffset))
        }
    }
}
