/// The plan was prepared against the TBRD issue the baseline comes from. An older issue is a warning:
/// the document "may be updated from time to time" (TBRD paragraph 4), so the plan is to be re-confirmed
/// against the current issue, and the artefact findings carry any actual drift. A newer one means the
/// checker's baseline is out of date.
public struct TBRDVersionRule: WaivableRule {
    public static let description = describe(
        id: "tbrd-version",
        summary: "The plan was prepared against the baseline's TBRD version (older or newer: warn; the artefact findings carry any drift).",
        clause: "TBRD paragraph 4: the document may be updated from time to time",
        examples: [
            RuleExample("current", expect: [(.pass, "prepared against TBRD 1.24, the baseline in use")]),
            RuleExample("older", plan: ["tbrd": #""1.23""#], expect: [
                (.warn, "prepared against TBRD 1.23, an earlier issue than the baseline's TBRD 1.24 (2023-05-10): re-confirm the plan against TBRD 1.24; the artefact findings show any version that differs from it"),
            ], fixed: ["tbrd": #""1.24""#]),
            RuleExample("waived", plan: ["tbrd": #""1.23""#, "waivers": #"[{"rule": "tbrd-version", "reason": "Accepted by the test lead", "expires": "2099-12-31"}]"#], expect: [
                (.waived, "prepared against TBRD 1.23, an earlier issue than the baseline's TBRD 1.24 (2023-05-10): re-confirm the plan against TBRD 1.24; the artefact findings show any version that differs from it"),
            ]),
            RuleExample("newer", plan: ["tbrd": #""v1.25""#], expect: [
                (.warn, "prepared against TBRD 1.25, a later issue than the baseline in use (TBRD 1.24): this result is against an older baseline than the plan's"),
            ]),
        ])

    public init() {}

    public func applies(to facts: PlanFacts, _ c: CheckContext) -> Bool { true }

    public func check(_ facts: PlanFacts, _ c: CheckContext, into findings: inout [Finding]) {
        let plan = facts.plan
        let declared = plan.tbrd.value, baseline = c.tbrd
        let status: Status
        let message: String
        var hint: String?
        if declared == baseline {
            status = .pass
            message = "prepared against TBRD \(baseline), the baseline in use"
        } else if declared < baseline {
            status = .warn
            message = "prepared against TBRD \(declared), an earlier issue than the baseline's TBRD \(baseline) (\(c.baseline.baseline.tbrd.date)): re-confirm the plan against TBRD \(baseline); the artefact findings show any version that differs from it"
            hint = "once the plan is re-confirmed against TBRD \(baseline), s1check fix --confirm-tbrd records it (sets tbrd to \(baseline))"
        } else {
            status = .warn
            message = "prepared against TBRD \(declared), a later issue than the baseline in use (TBRD \(baseline)): this result is against an older baseline than the plan's"
            hint = "pass a baseline file for TBRD \(declared) with --baseline (s1check baseline export gives the embedded one to start from)"
        }
        // Raising `tbrd` states that a person re-confirmed the plan against the baseline's issue: the fix is
        // applied only when asked (`s1check fix --confirm-tbrd`), never on its own.
        let fix = declared < baseline
            ? Fix.version(subject: "TBRD", text: plan.tbrdText, literal: plan.tbrdSpan, to: baseline, why: "the baseline is TBRD \(baseline)",
                          applicability: .confirm, reason: .reconfirm)
            : nil
        findings.append(Finding(rule: rule, status: status, declared: plan.tbrdText, expected: baseline.description,
                                message: message, clause: "TBRD \(baseline) paragraph 4: this document may be updated from time to time as required", hint: hint, offset: plan.tbrd.offset,
                                fix: fix))
    }
}
