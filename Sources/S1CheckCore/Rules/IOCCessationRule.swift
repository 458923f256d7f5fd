/// A dated event of a document subject to further consultation changes what is tested from that day:
/// Appendix AL "is also set to be supplemented by changes related to the proposals to cease migrations in
/// the SMETS1 IOC cohort on 28 May 2023" (TBRD Annex A). A window that ends before the date passes; one
/// that reaches it, and one wholly after it, warn, each saying what to do; a plan that gives no window
/// cannot be checked, and says so.
public struct IOCCessationRule: WaivableRule {
    public static let description = describe(
        id: "ioc-cessation",
        summary: "A plan's window ends before a dated consultation event for its phase (the proposals to cease IOC migrations, 28 May 2023): reaching it or lying after it warns; no window cannot be checked (warn).",
        clause: "TBRD Annex A, Appendix AL: set to be supplemented by changes related to the proposals to cease migrations in the SMETS1 IOC cohort on 28 May 2023",
        examples: [
            RuleExample("before", plan: ["phase": #""IOC""#, "window": #"{"start": "2023-05-01", "end": "2023-05-27"}"#], expect: [
                (.pass, "the IOC test window ends 2023-05-27, before 2023-05-28, the date TBRD 1.24 gives for the proposals to cease migrations in the SMETS1 IOC cohort (Appendix AL)"),
            ]),
            RuleExample("on-the-day", plan: ["phase": #""IOC""#, "window": #"{"start": "2023-05-01", "end": "2023-05-28"}"#], expect: [
                (.warn, "the IOC test window (2023-05-01 to 2023-05-28) reaches 2023-05-28, the date TBRD 1.24 gives for the proposals to cease migrations in the SMETS1 IOC cohort; Appendix AL is set to be supplemented by changes related to them, which it neither describes nor dates"),
            ]),
            RuleExample("spans", plan: ["phase": #""IOC""#, "window": #"{"start": "2023-05-15", "end": "2023-06-15"}"#], expect: [
                (.warn, "the IOC test window (2023-05-15 to 2023-06-15) reaches 2023-05-28, the date TBRD 1.24 gives for the proposals to cease migrations in the SMETS1 IOC cohort; Appendix AL is set to be supplemented by changes related to them, which it neither describes nor dates"),
            ]),
            RuleExample("starts-on-the-day", plan: ["phase": #""IOC""#, "window": #"{"start": "2023-05-28", "end": "2023-05-28"}"#], expect: [
                (.warn, "the IOC test window (2023-05-28 to 2023-05-28) reaches 2023-05-28, the date TBRD 1.24 gives for the proposals to cease migrations in the SMETS1 IOC cohort; Appendix AL is set to be supplemented by changes related to them, which it neither describes nor dates"),
            ]),
            RuleExample("waived", plan: ["phase": #""IOC""#, "window": #"{"start": "2023-05-15", "end": "2023-06-15"}"#,
                                         "waivers": #"[{"rule": "ioc-cessation", "document": "Appendix AL", "reason": "Accepted by the test lead", "expires": "2099-12-31"}]"#], expect: [
                (.waived, "the IOC test window (2023-05-15 to 2023-06-15) reaches 2023-05-28, the date TBRD 1.24 gives for the proposals to cease migrations in the SMETS1 IOC cohort; Appendix AL is set to be supplemented by changes related to them, which it neither describes nor dates"),
            ]),
            RuleExample("after", plan: ["phase": #""IOC""#, "window": #"{"start": "2023-06-05", "end": "2023-06-30"}"#], expect: [
                (.warn, "the IOC test window (2023-06-05 to 2023-06-30) lies wholly after 2023-05-28, the date TBRD 1.24 gives for the proposals to cease migrations in the SMETS1 IOC cohort; Appendix AL is set to be supplemented by changes related to them, which it neither describes nor dates"),
            ]),
            RuleExample("no-window", plan: ["phase": #""IOC""#, "window": nil], expect: [
                (.warn, "the plan gives no test window, so it cannot be checked against 2023-05-28, the date TBRD 1.24 gives for the proposals to cease migrations in the SMETS1 IOC cohort (Appendix AL)"),
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
            let clause = "TBRD \(c.tbrd) Annex A, \(r.ref): set to be supplemented by changes related to the \(event.what) on \(event.date)"
            let expected = "before \(event.date)"
            // The TBRD gives the date with the proposals ("the proposals to cease migrations in the SMETS1 IOC
            // cohort on 28 May 2023"): migrations would cease, not the cohort, and the TBRD says neither that the
            // changes to AL exist nor that they apply from that date. The message states that; what to do is
            // the hint.
            let when = "\(event.date), the date TBRD \(c.tbrd) gives for the \(event.what)"
            let stated = "\(r.ref) is set to be supplemented by changes related to them, which it neither describes nor dates"
            guard let window = plan.window else {
                findings.append(Finding(rule: rule, status: .warn, subject: r.ref.description, documentRef: r.ref, expected: expected,
                                        message: "the plan gives no test window, so it cannot be checked against \(when) (\(r.ref))",
                                        clause: clause, hint: "add a \"window\" with the test dates to the plan", offset: plan.phaseOffset))
                continue
            }
            let span = "the \(plan.phase.rawValue) test window (\(window.start) to \(window.end))"
            let status: Status
            let message: String
            var hint: String?
            if window.end < event.date {
                status = .pass
                message = "the \(plan.phase.rawValue) test window ends \(window.end), before \(when) (\(r.ref))"
            } else if window.start > event.date {
                status = .warn
                message = "\(span) lies wholly after \(when); \(stated)"
                hint = "test against \(r.ref) as so supplemented, if that bears on the plan"
            } else {
                status = .warn
                message = "\(span) reaches \(when); \(stated)"
                hint = "test the days from \(event.date) against \(r.ref) as so supplemented, if that bears on them, or end the window before"
            }
            findings.append(Finding(rule: rule, status: status, subject: r.ref.description, documentRef: r.ref,
                                    declared: window.end.description, expected: expected, message: message,
                                    clause: clause, hint: hint, offset: window.endOffset))
        }
    }
}
