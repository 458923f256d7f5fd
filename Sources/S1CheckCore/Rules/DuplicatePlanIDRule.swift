/// No two plans in one run share an id: reports and CI history identify a plan by it. Both plans fail,
/// each naming the other's file (the first few of them, and how many more, when many share the id). The ids of the whole run are gathered before any plan is checked, so
/// this cross-plan check is made with the rest of the plan's findings.
public struct DuplicatePlanIDRule: UnwaivableRule {
    public static let description = describe(
        id: "duplicate-plan-id",
        summary: "No two plans in one run share an id.",
        clause: "s1check: plan ids identify plans in reports and CI history",
        examples: [
            RuleExample("unique", expect: [(.pass, "plan id EX-1 is unique in this run")]),
            RuleExample("shared", otherPlans: [["title": #""Another plan with the same id""#]], expect: [
                (.fail, "plan id EX-1 is also used by Tests/Fixtures/Verdicts/duplicate-plan-id-shared/other-1.plan.json; each plan needs its own id"),
            ]),
        ])

    public init() {}

    public func applies(to facts: PlanFacts, _ c: CheckContext) -> Bool { true }

    public func check(_ facts: PlanFacts, _ c: CheckContext, into findings: inout [Finding]) {
        let plan = facts.plan
        let others = c.planIDs.others(than: facts.file, for: plan.id, limit: DuplicatePlanIDRule.namedFiles)
        let more = others.more == 0 ? "" : " and \(others.more) more file\(others.more == 1 ? "" : "s")"
        findings.append(others.first.isEmpty
            ? Finding(rule: rule, status: .pass, message: "plan id \(plan.id) is unique in this run", offset: plan.idOffset)
            : Finding(rule: rule, status: .fail, declared: plan.id,
                      message: "plan id \(plan.id) is also used by \(others.first.joined(separator: ", "))\(more); each plan needs its own id",
                      offset: plan.idOffset))
    }

    /// How many of the other files a finding names.
    static let namedFiles = 5
}
