#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import S1CheckCore
import S1CheckReports

/// `s1check baseline [export | diff OLD NEW]`, as `CommandTable.baseline` declares them.
enum BaselineCommand {
    static func show(_ a: ParsedArguments) throws(Diagnostics) -> Int32 {
        let phase = try a[Self.phase]
        let format = try a[Self.format] ?? .text
        let path = try a[Self.baseline]
        let resolved = ResolvedBaseline(try Inputs.baseline(path).value)
        switch format {
        case .text: Output.write(BaselineReport.text(resolved, phase: phase))
        case .markdown: emit(BaselineReport.markdown(resolved, phase: phase))
        case .json: emit(BaselineReport.json(resolved, phase: phase))
        }
        return 0
    }

    static func export(_ a: ParsedArguments) throws(Diagnostics) -> Int32 {
        // Validate first (a broken file is an input error), then print the bytes unchanged.
        let path = try a[Self.baseline]
        emit(try Inputs.baseline(path).bytes)
        return 0
    }

    static func diff(_ a: ParsedArguments) throws(Diagnostics) -> Int32 {
        // (OLD and NEW: the table checks the count.)
        let format = try a[Self.format] ?? .text
        let sides = try ParsedArguments.inputPaths(a.positionalArguments)
        let (old, new) = (try Inputs.baseline(sides[0]).value, try Inputs.baseline(sides[1]).value)
        let d = BaselineDiff(old: old, new: new)
        var impacts: [BaselineDiff.PlanImpact]?
        if a.given(Self.plans) {
            let discovery = PlanDiscovery(paths: try a[Self.plans])
            var errors = discovery.problems
            var plans: [(file: String, plan: Plan, lines: LineIndex?)] = []
            for f in discovery.files {
                switch Files.read(f) {
                case .success(let c):
                    do throws(Diagnostics) {
                        plans.append((f.display, try PlanDecoding.decode(file: f.display, bytes: c.bytes, names: d.old.names), LineIndex(c.bytes)))
                    } catch { errors.append(error.first) }
                case .failure(let e): errors.append(e)
                }
            }
            if let errors = Diagnostics(errors) { throw errors }
            impacts = d.impact(on: plans)
        }
        switch format {
        case .text: Output.write(BaselineDiffReport.text(d, impacts: impacts))
        case .markdown: emit(BaselineDiffReport.markdown(d, impacts: impacts))
        case .json: emit(BaselineDiffReport.json(d, impacts: impacts))
        }
        return d.isEmpty ? 0 : 1
    }

    static func emit(_ bytes: [UInt8]) {
            Output.write(bytes)
    }
}

/// `s1check init --phase P --id ID [--title T]`, as `CommandTable.initPlan` declares it.
enum InitCommand {
    static func run(_ a: ParsedArguments) throws(Diagnostics) -> Int32 {
        // --phase and --id are required (checked before this runs); an id of spaces is no id.
        guard let id = try a[Self.id], !id.trimmingWhitespace().isEmpty else { throw a.missing(Self.id) }
        guard let phase = try a[Self.phase] else { throw a.missing(Self.phase) }
        let path = try a[Self.baseline]
        let resolved = ResolvedBaseline(try Inputs.baseline(path).value)
        let title = try a[Self.title] ?? "\(phase.rawValue) variation test \(id)"
        // A plan always has a window: without one the IOC cessation check could not be made.
        let startGiven = try a[Self.start] != nil
        let start = try a[Self.start] ?? Inputs.today()
        let end = try a[Self.end] ?? start
        if end < start {
            throw Diagnostics.usage("--end \(end) is before --start \(start)" + (startGiven ? "" : " (today, when --start is not given)"))
        }
        let devices = try InitCommand.registryDevices(a, phase: phase)
        let plan = NewPlanFile.render(resolved, phase: phase, id: id, title: title, window: (start, end), devices: devices,
                                      schema: try schemaReference(a[Self.schemaPath], default: NewPlanFile.defaultSchema))
        let titleGiven = try a[Self.title] != nil
        try validate(plan, names: resolved.names, titleGiven: titleGiven)
        BaselineCommand.emit(plan)
        return 0
    }

    /// `--schema-path REF` (docs/plans.md, "Schemas in the editor"): the `$schema` to write, a path or a
    /// URL; one of spaces or with a control character is refused rather than written.
    static func schemaReference(_ given: String?, default value: String) throws(Diagnostics) -> String {
        guard let given else { return value }
        if given.trimmingWhitespace().isEmpty || given.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw Diagnostics.usage("--schema-path must be a path or URL for the $schema key, not \"\(given)\"")
        }
        return given
    }

    /// The devices, combinations, test type and installation types asked for, from the registry: an id it
    /// does not list (with the nearest), or one not eligible for the phase, is a usage error.
    static func registryDevices(_ a: ParsedArguments, phase: Phase) throws(Diagnostics) -> NewPlanFile.Devices {
        var out = NewPlanFile.Devices()
        out.testType = try a[Self.testType]
        for type in try a[Self.installationType] where !out.installationTypes.contains(type) {
            out.installationTypes.append(type)
        }
        let models = try a[Self.deviceModel], combinations = try a[Self.combination]
        if models.isEmpty && combinations.isEmpty { return out }
        guard let path = try a[Self.devices] else {
            throw Diagnostics.usage("--device-model and --combination are taken from a device registry: give it with --devices FILE")
        }
        let registry = try Inputs.registry(path).value
        for m in models {
            guard let entry = registry.deviceModels.first(where: { $0.id == m }) else {
                let near = nearest(to: m, in: registry.deviceModels.map(\.id), limit: 3, maxDistance: 3)
                throw Diagnostics.usage("--device-model \(m) is not in \(path.display)" + (near.isEmpty ? "" : "; nearest: \(near.joined(separator: ", "))"))
            }
            guard entry.phases.contains(phase) else {
                throw Diagnostics.usage("--device-model \(m) is eligible for \(entry.phases.map(\.rawValue).joined(separator: ", ")) only, not \(phase.rawValue)")
            }
            out.models.append(entry)
        }
        for c in combinations {
            guard let entry = registry.combination(id: c) else {
                let near = registry.nearestCombinations(to: c, limit: 3, maxDistance: 3)
                throw Diagnostics.usage("--combination \(c) is not in \(path.display)" + (near.isEmpty ? "" : "; nearest: \(near.joined(separator: ", "))"))
            }
            guard entry.phases.contains(phase) else {
                throw Diagnostics.usage("--combination \(c) is eligible for \(entry.phases.map(\.rawValue).joined(separator: ", ")) only, not \(phase.rawValue)")
            }
            if !out.combinations.contains(c) { out.combinations.append(c) }
        }
        return out
    }

    /// `init` prints only a plan that `check` reads: the plan is decoded as `check` decodes it, and what
    /// it refuses (an id with leading spaces, a control or invisible character) is a usage error naming
    /// the option, with nothing printed.
    static func validate(_ plan: [UInt8], names: DocumentNames, titleGiven: Bool) throws(Diagnostics) {
        let errors: Diagnostics
        do throws(Diagnostics) { _ = try PlanDecoding.decode(file: "init", bytes: plan, names: names); return } catch { errors = error }
        let options = ["$.id": "--id", "$.title": "--title"]
        var out: [Diagnostic] = []
        for e in errors.all where !e.message.hasPrefix(PlanTemplate.unmadeChoice) {
            // (A version left to choose is meant to be refused by check until a person chooses it.)
            // A title made from the id says nothing the id's own error does not.
            if e.path == "$.title" && !titleGiven && errors.all.contains(where: { $0.path == "$.id" }) { continue }
            let option = e.path.flatMap { options[$0] } ?? "the plan"
            out.append(.usage("\(option): \(e.message) (check would refuse the plan, so init prints none)"))
        }
        if let out = Diagnostics(out) { throw out }
    }
}

/// `s1check scope init --phase P --devices FILE`: a release scope from the registry.
enum ScopeCommand {
    static func initScope(_ a: ParsedArguments) throws(Diagnostics) -> Int32 {
        guard let phase = try a[Self.phase] else { throw a.missing(Self.phase) }
        guard let path = try a[Self.devices] else { throw a.missing(Self.devices) }
        let registry = try Inputs.registry(path).value
        // Read as every command reads it: `--baseline -` is a usage error, never the embedded baseline.
        let baselinePath = try a[Self.baseline]
        let baseline = try Inputs.baseline(baselinePath).value
        func list<C: OptionChoice & Equatable>(_ key: RepeatedOption<C>) throws(Diagnostics) -> [C] {
            var out: [C] = []
            for v in try a[key] where !out.contains(v) { out.append(v) }
            return out.isEmpty ? Array(C.allCases) : out
        }
        let release = try a[Self.release] ?? "SMETS1 \(phase.rawValue) release"
        let scope = NewScopeFile.render(registry, phase: phase, release: release, tbrd: baseline.tbrd.version,
                                        testTypes: try list(Self.testType),
                                        installationTypes: try list(Self.installationType),
                                        schema: try InitCommand.schemaReference(a[Self.schemaPath], default: NewScopeFile.defaultSchema))
        // What is printed must be a scope check reads (e.g. a phase no combination is eligible for).
        do throws(Diagnostics) { _ = try ScopeDecoding.decode(file: "scope", bytes: scope, registry: registry) } catch {
            throw Diagnostics.usage("the scope would not be valid: " + error.all.map(\.message).joined(separator: "; "))
        }
        BaselineCommand.emit(scope)
        return 0
    }
}
