import S1CheckCore

/// `s1check schema NAME`: the JSON Schema of one of s1check's files, printed byte for byte as committed in
/// `Plans/schemas/` (docs/plans.md, "Schemas in the editor"). They are built into the binary as SwiftPM
/// `embedInCode` resources (`Sources/s1check/Schemas/` links to `Plans/schemas/`), so a release, which
/// ships only the binary, has them. Each has a stable `$id`, `urn:s1check:schema:NAME`.
enum SchemaCommand {
    enum Name: String, CaseIterable, OptionChoice {
        case plan, scope, policy, devices, baseline, report

        var bytes: [UInt8] {
            switch self {
            case .plan: PackageResources.plan_schema_json
            case .scope: PackageResources.scope_schema_json
            case .policy: PackageResources.policy_schema_json
            case .devices: PackageResources.devices_schema_json
            case .baseline: PackageResources.baseline_schema_json
            case .report: PackageResources.report_schema_json
            }
        }
    }

    static func run(_ a: ParsedArguments) throws(Diagnostics) -> Int32 {
        let names = Name.allCases.map(\.rawValue)
        // (Exactly one: the table checks the count.)
        let word = a.positionalArguments[0].path.display
        guard let name = Name(rawValue: word.lowercased()) else {
            let hint = nearest(to: word.lowercased(), in: names, limit: 1, maxDistance: 3).first.map { " (did you mean \($0)?)" } ?? ""
            throw Diagnostics.usage("unknown schema \"\(word)\"\(hint); the schemas are \(names.joined(separator: ", "))")
        }
        Output.write(name.bytes)
        return 0
    }
}
