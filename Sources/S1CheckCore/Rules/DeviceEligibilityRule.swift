/// With a device registry (`--devices`), every declared device model and combination must be eligible
/// for the plan's phase. Without one the rule does not apply, and every report says eligibility was not
/// checked. Eligibility per phase is the registry's, an input to the run, not a TBRD clause: each finding
/// cites the registry by file name, with its own note ("ILLUSTRATIVE ONLY: …").
///
/// A combination the registry lists for a phase that one of its own device models is not eligible for is
/// not eligible either: the registry contradicts itself there, and a reviewer would not accept the
/// combination on its word (the finding names the members).
public struct DeviceEligibilityRule: WaivableRule {
    static let registry = #"{"deviceModels": [{"id": "DM-1", "type": "ESME", "manufacturer": "Example Meters Ltd", "model": "EM-100", "firmware": ["4.2.1"], "phases": ["FOC"]}], "combinations": [{"id": "DMC-1", "deviceModels": ["DM-1"], "phases": ["FOC"]}]}"#
    static let contradictory = #"{"note": "ILLUSTRATIVE ONLY", "deviceModels": [{"id": "DM-1", "type": "ESME", "manufacturer": "Example Meters Ltd", "model": "EM-100", "firmware": ["4.2.1"], "phases": ["FOC"]}, {"id": "DM-2", "type": "CH", "manufacturer": "Example Hubs Ltd", "model": "CH-1", "firmware": ["1.0"], "phases": ["MOC", "FOC"]}], "combinations": [{"id": "DMC-2", "deviceModels": ["DM-1", "DM-2"], "phases": ["MOC", "FOC"]}]}"#

    public static let description = describe(
        id: "device-eligibility",
        summary: "Each declared device model and combination is in the device registry for the plan's phase.",
        clause: "The device registry given with --devices, an input to the run (eligibility per phase is the registry's, not a TBRD clause), cited by file name with its own note",
        examples: [
            RuleExample("eligible", plan: ["deviceModelCombinations": #"["DMC-1"]"#], registry: registry, expect: [
                (.pass, "ESME Example Meters Ltd EM-100 firmware 4.2.1 is registry entry DM-1, eligible for FOC"),
                (.pass, "combination DMC-1 is eligible for FOC"),
            ]),
            RuleExample("other-phase", plan: ["phase": #""MOC""#], registry: registry, expect: [
                (.fail, "ESME Example Meters Ltd EM-100 firmware 4.2.1 is registry entry DM-1, eligible for FOC only, not MOC"),
            ]),
            RuleExample("waived", plan: ["phase": #""MOC""#, "waivers": #"[{"rule": "device-eligibility", "reason": "Accepted by the test lead", "approvedBy": "Test assurance lead", "expires": "2099-12-31"}]"#], registry: registry, expect: [
                (.waived, "ESME Example Meters Ltd EM-100 firmware 4.2.1 is registry entry DM-1, eligible for FOC only, not MOC"),
            ]),
            RuleExample("member-not-eligible", plan: ["phase": #""MOC""#, "deviceModels": "[]", "deviceModelCombinations": #"["DMC-2"]"#],
                        registry: contradictory, expect: [
                (.fail, "combination DMC-2 is listed as eligible for MOC, but its device model DM-1 is eligible for FOC only: the registry contradicts itself, and the combination is not eligible for MOC while a member is not"),
            ]),
            RuleExample("unknown", plan: [
                "deviceModels": #"[{"type": "ESME", "manufacturer": "Example Meters Ltd", "model": "EM-100", "firmware": "4.2.2"}, {"type": "ESME", "manufacturer": "Exmaple Meters", "model": "EM-100", "firmware": "4.2.1"}]"#,
                "deviceModelCombinations": #"["DMC-2"]"#,
            ], registry: registry, expect: [
                (.fail, "firmware 4.2.2 of Example Meters Ltd EM-100 is not in the registry; it lists DM-1 (firmware 4.2.1)"),
                (.fail, "Exmaple Meters EM-100 is not in the device registry; nearest entries: Example Meters Ltd EM-100"),
                (.fail, "combination DMC-2 is not in the device registry; nearest: DMC-1"),
            ]),
        ])

    public init() {}

    public func applies(to facts: PlanFacts, _ c: CheckContext) -> Bool {
        c.registry != nil && !(facts.plan.deviceModels.isEmpty && facts.plan.combinations.isEmpty)
    }

    public func check(_ facts: PlanFacts, _ c: CheckContext, into findings: inout [Finding]) {
        let plan = facts.plan
        guard let registry = c.registry else { return }
        for d in plan.deviceModels {
            let sameModel = registry.entries(manufacturer: d.manufacturer, model: d.model)
            let exact = sameModel.filter { $0.firmware.contains(d.firmware) }
            let status: Status
            let message: String
            if let entry = exact.first(where: { $0.phases.contains(plan.phase) && $0.type == d.type }) {
                status = .pass
                message = "\(d.label) is registry entry \(entry.id), eligible for \(plan.phase.rawValue)"
            } else if let entry = exact.first(where: { $0.type == d.type }) {
                status = .fail
                message = "\(d.label) is registry entry \(entry.id), eligible for \(entry.phases.map(\.rawValue).joined(separator: ", ")) only, not \(plan.phase.rawValue)"
            } else if let entry = exact.first {
                status = .fail
                message = "\(d.manufacturer) \(d.model) firmware \(d.firmware) is registry entry \(entry.id) of type \(entry.type.rawValue), not \(d.type.rawValue)"
            } else if !sameModel.isEmpty {
                status = .fail
                let known = sameModel.map { "\($0.id) (firmware \($0.firmware.joined(separator: ", ")))" }.joined(separator: "; ")
                message = "firmware \(d.firmware) of \(d.manufacturer) \(d.model) is not in the registry; it lists \(known)"
            } else {
                status = .fail
                let near = registry.nearestModels(to: "\(d.manufacturer) \(d.model)", limit: 3, maxDistance: 8)
                message = "\(d.manufacturer) \(d.model) is not in the device registry" + (near.isEmpty ? "" : "; nearest entries: \(near.joined(separator: ", "))")
            }
            findings.append(Finding(rule: rule, status: status, subject: d.label, declared: d.firmware,
                                    expected: status == .pass ? d.firmware : nil, message: message, clause: registry.citation, offset: d.offset))
        }
        for combo in plan.combinations {
            let id = combo.value
            if let entry = registry.combination(id: id) {
                let ok = entry.phases.contains(plan.phase)
                let phase = plan.phase.rawValue
                // Members not eligible for a phase the combination is listed for (the registry checked its ids).
                let members = entry.deviceModels.compactMap(registry.model(id:)).filter { !$0.phases.contains(plan.phase) }
                let message: String
                if !ok {
                    message = "combination \(id) is eligible for \(entry.phases.map(\.rawValue).joined(separator: ", ")) only, not \(phase)"
                } else if !members.isEmpty {
                    let named = members.map { "\($0.id) is eligible for \($0.phases.map(\.rawValue).joined(separator: ", ")) only" }.joined(separator: ", ")
                    message = "combination \(id) is listed as eligible for \(phase), but its device model \(named): the registry contradicts itself, and the combination is not eligible for \(phase) while a member is not"
                } else {
                    message = "combination \(id) is eligible for \(phase)"
                }
                findings.append(Finding(rule: rule, status: ok && members.isEmpty ? .pass : .fail, subject: "combination \(id)",
                                        message: message, clause: registry.citation, offset: combo.offset))
            } else {
                let near = registry.nearestCombinations(to: id, limit: 3, maxDistance: 3)
                findings.append(Finding(rule: rule, status: .fail, subject: "combination \(id)",
                                        message: "combination \(id) is not in the device registry" + (near.isEmpty ? "" : "; nearest: \(near.joined(separator: ", "))"),
                                        clause: registry.citation, offset: combo.offset))
            }
        }
    }
}
