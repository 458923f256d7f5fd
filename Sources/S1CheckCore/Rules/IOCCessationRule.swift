/// A dated consultation event for the plan's phase changes what is tested from that day: Appendix AL "is
/// also set to be supplemented by changes related to the proposals to cease migrations in the SMETS1 IOC
/// cohort on 28 May 2023" (TBRD Annex A), and the IOC cohort is closed from that day. A window that ends
/// on or after it warns; a plan that gives no window cannot be checked, and says so.
public struct IOCCessationRule: Rule {
    public static let description = RuleDescription(
        id: "ioc-cessation",
        summary: "A plan's window ends before a dated consultation event for its phase (the IOC cessation, 28 May 2023); a plan without a window cannot be checked (warn).",
        clause: "TBRD Annex A, Appendix AL: proposals to cease migrations in the SMETS1 IOC cohort on 28 May 2023",
        examples: [
            RuleExample("before", plan: ["phase": #""IOC""#, "window": #"{"start": "2023-05-01", "end": "2023-05-27"}"#], expect: [
                (.pass, "the IOC test window ends 2023-05-27, before 2023-05-28, the proposals to cease migrations in the SMETS1 IOC cohort (Appendix AL)"),
            ]),
            RuleExample("on-the-day", plan: ["phase": #""IOC""#, "window": #"{"start": "2023-05-01", "end": "2023-05-28"}"#], expect: [
                (.warn, "the IOC test window ends 2023-05-28, on or after 2023-05-28, the proposals to cease migrations in the SMETS1 IOC cohort (Appendix AL): plan for the change"),
            ]),
            RuleExample("after", plan: ["phase": #""IOC""#, "window": #"{"start": "2023-05-15", "end": "2023-06-15"}"#], expect: [
                (.warn, "the IOC test window ends 2023-06-15, on or after 2023-05-28, the proposals to cease migrations in the SMETS1 IOC cohort (Appendix AL): plan for the change"),
            ]),
            RuleExample("no-window", plan: ["phase": #""IOC""#, "window": nil], expect: [
                (.warn, "the plan gives no test window, so it cannot be checked against 2023-05-28, the proposals to cease migrations in the SMETS1 IOC cohort (Appendix AL): add a \"window\" with the test dates"),
            ]),
            RuleExample("other-phase", plan: ["phase": #""MOC""#, "window": #"{"start": "2023-05-15", "end": "2023-06-15"}"#], expect: []),
        ])

    public init() {}

    func events(_ facts: PlanFacts, _ c: CheckContext) -> [(ResolvedArtefact, ConsultationEvent)] {
        c.baseline.events.filter { $0.1.phases?.contains(facts.plan.phase) ?? true }
    }

    public func applies(to facts: PlanFacts, _ c: CheckContext) -> Bool { !events(facts, c).isEmpty }

    public func check(_ facts: PlanFacts, _ c: CheckContext, into findings: inout [Finding]) {
        let plan = facts.plan
        for (r, event) in events(facts, c) {
            let clause = "TBRD \(c.tbrd) Annex A, \(r.ref): \(event.what) on \(event.date)"
            let expected = "before \(event.date)"
            guard let window = plan.window else {
                findings.append(Finding(rule: rule, status: .warn, subject: r.ref.description, documentRef: r.ref, expected: expected,
                                        message: "the plan gives no test window, so it cannot be checked against \(event.date), the \(event.what) (\(r.ref)): add a \"window\" with the test dates",
                                        clause: clause, offset: plan.phaseOffset))
                continue
            }
            let reaches = window.end >= event.date
            findings.append(Finding(
                rule: rule, status: reaches ? .warn : .pass, subject: r.ref.description, documentRef: r.ref,
                declared: window.end.description, expected: expected,
                message: reaches
                    ? "the \(plan.phase.rawValue) test window ends \(window.end), on or after \(event.date), the \(event.what) (\(r.ref)): plan for the change"
                    : "the \(plan.phase.rawValue) test window ends \(window.end), before \(event.date), the \(event.what) (\(r.ref))",
                clause: clause, offset: window.endOffset))
        }
    }
}
