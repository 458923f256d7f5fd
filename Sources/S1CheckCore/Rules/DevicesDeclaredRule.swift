/// A plan names the device models or combinations it tests: the baseline's versions apply "in respect of
/// the Device Models and/or Device Model Combinations that are being used in testing" (TBRD paragraph 1).
public struct DevicesDeclaredRule: WaivableRule {
    public static let description = describe(
        id: "devices-declared",
        summary: "The plan declares at least one device model or device model combination.",
        clause: "TBRD paragraph 1(i)-(ii): versions apply in respect of the Device Models and/or Device Model Combinations used in testing",
        examples: [
            RuleExample("model", expect: [(.pass, "1 device model and 0 combinations declared")]),
            RuleExample("combination", plan: ["deviceModels": "[]", "deviceModelCombinations": #"["DMC-0007"]"#],
                        expect: [(.pass, "0 device models and 1 combination declared")]),
            RuleExample("none", plan: ["deviceModels": "[]", "deviceModelCombinations": "[]"], expect: [
                (.fail, "the plan declares no device model and no device model combination; the baseline applies in respect of the devices used in testing, so a plan must name them"),
            ]),
            RuleExample("waived", plan: ["deviceModels": "[]", "deviceModelCombinations": "[]",
                                         "waivers": #"[{"rule": "devices-declared", "reason": "Accepted by the test lead", "approvedBy": "Test assurance lead", "expires": "2099-12-31"}]"#], expect: [
                (.waived, "the plan declares no device model and no device model combination; the baseline applies in respect of the devices used in testing, so a plan must name them"),
            ]),
        ])

    public init() {}

    public func applies(to facts: PlanFacts, _ c: CheckContext) -> Bool { true }

    public func check(_ facts: PlanFacts, _ c: CheckContext, into findings: inout [Finding]) {
        let plan = facts.plan
        let models = plan.deviceModels.count, combos = plan.combinations.count
        if models == 0 && combos == 0 {
            findings.append(Finding(rule: rule, status: .fail,
                                    message: "the plan declares no device model and no device model combination; the baseline applies in respect of the devices used in testing, so a plan must name them",
                                    offset: plan.devicesOffset))
            return
        }
        findings.append(Finding(rule: rule, status: .pass,
                                message: "\(models) device model\(models == 1 ? "" : "s") and \(combos) combination\(combos == 1 ? "" : "s") declared",
                                offset: plan.devicesOffset))
    }
}
