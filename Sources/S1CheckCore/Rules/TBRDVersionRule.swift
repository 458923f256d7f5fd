/// The plan was prepared against the TBRD issue the baseline comes from. An older issue means the plan
/// has drifted (TBRD paragraph 4: the document is updated from time to time); a newer one means the
/// checker's baseline is out of date.
public struct TBRDVersionRule: Rule {
    public static let description = RuleDescription(
        id: "tbrd-version",
        summary: "The plan was prepared against the baseline's TBRD version (older: fail; newer: warn).",
        clause: "TBRD paragraph 4: the document may be updated from time to time",
        examples: [
            RuleExample("current", expect: [(.pass, "prepared against TBRD 1.24, the baseline in use")]),
            RuleExample("older", plan: ["tbrd": #""1.23""#], expect: [
                (.fail, "prepared against TBRD 1.23, but the baseline is TBRD 1.24 (2023-05-10): the plan has drifted from the current baseline; re-check it against TBRD 1.24"),
            ]),
            RuleExample("newer", plan: ["tbrd": #""v1.25""#], expect: [
                (.warn, "prepared against TBRD 1.25, newer than the checker's baseline TBRD 1.24: pass the newer baseline with --baseline before relying on this result"),
            ]),
        ])

    public init() {}

    public func applies(to facts: PlanFacts, _ c: CheckContext) -> Bool { true }

    public func check(_ facts: PlanFacts, _ c: CheckContext, into findings: inout [Finding]) {
        let plan = facts.plan
        let declared = plan.tbrd.value, baseline = c.tbrd
        let status: Status
        let message: String
        if declared == baseline {
            status = .pass
            message = "prepared against TBRD \(baseline), the baseline in use"
        } else if declared < baseline {
            status = .fail
            message = "prepared against TBRD \(declared), but the baseline is TBRD \(baseline) (\(c.baseline.baseline.tbrd.date)): the plan has drifted from the current baseline; re-check it against TBRD \(baseline)"
        } else {
            status = .warn
            message = "prepared against TBRD \(declared), newer than the checker's baseline TBRD \(baseline): pass the newer baseline with --baseline before relying on this result"
        }
        findings.append(Finding(rule: rule, status: status, declared: plan.tbrdText, expected: baseline.description,
                                message: message, offset: plan.tbrd.offset))
    }
}
