/// The TBRD applies to IOC, MOC and FOC alike "unless stated otherwise" (paragraph 2); an artefact that
/// is phase-specific by its nature (AP2, the FOC S1SPKI Certificate Policy) is out of place in a plan
/// for another phase.
public struct PhaseApplicabilityRule: Rule {
    public static let description = RuleDescription(
        id: "phase-applicability",
        summary: "A phase-specific artefact is declared only by plans for that phase (warn otherwise).",
        clause: "TBRD paragraph 2: applies in respect of IOC, MOC and FOC unless stated otherwise",
        examples: [
            RuleExample("in-phase", plan: ["artefacts": #"[{"document": "AP2", "version": "2.0"}]"#], expect: [
                (.pass, "Appendix AP2 (FOC S1SPKI Certificate Policy) applies to FOC; this plan is for FOC"),
            ]),
            RuleExample("other-phase", plan: ["phase": #""MOC""#, "artefacts": #"[{"document": "AP2", "version": "2.0"}]"#], expect: [
                (.warn, "Appendix AP2 (FOC S1SPKI Certificate Policy) applies to FOC only; this plan is for MOC"),
            ]),
        ])

    public init() {}

    public func applies(to facts: PlanFacts, _ c: CheckContext) -> Bool {
        facts.declarations.checked.contains { $0.1.phases != nil }
    }

    public func check(_ facts: PlanFacts, _ c: CheckContext, into findings: inout [Finding]) {
        let plan = facts.plan
        for (a, r) in facts.declarations.checked {
            guard let phases = r.phases else { continue }
            let list = phases.map(\.rawValue).joined(separator: ", ")
            let ok = phases.contains(plan.phase)
            findings.append(Finding(rule, ok ? .pass : .warn, about: a, r, declared: plan.phase.rawValue, expected: list,
                                    message: ok ? "\(r.ref) (\(r.title)) applies to \(list); this plan is for \(plan.phase.rawValue)"
                                        : "\(r.ref) (\(r.title)) applies to \(list) only; this plan is for \(plan.phase.rawValue)",
                                    clause: "\(rule.clause); \(r.ref) applies to \(list)"))
        }
    }
}
