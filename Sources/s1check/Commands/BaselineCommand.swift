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
    static func show(_ a: ParsedArguments) throws(Diagnostic) -> Int32 {
        let phase = try a.choice("phase", Phase.self, normalise: { $0.uppercased() })
        let format = try a.choice("format", OutputFormat.self) ?? .text
        let path = try a.inputPath("baseline")
        let resolved = ResolvedBaseline(try diagnosing { () throws(Diagnostics) in try Inputs.baseline(path).value })
        switch format {
        case .text: Output.write(BaselineReport.text(resolved, phase: phase))
        case .markdown: emit(BaselineReport.markdown(resolved, phase: phase))
        case .json: emit(BaselineReport.json(resolved, phase: phase))
        }
        return 0
    }

    static func export(_ a: ParsedArguments) throws(Diagnostic) -> Int32 {
        // Validate first (a broken file is an input error), then print the bytes unchanged.
        let path = try a.inputPath("baseline")
        emit(try diagnosing { () throws(Diagnostics) in try Inputs.baseline(path).bytes })
        return 0
    }

    static func diff(_ a: ParsedArguments) throws(Diagnostic) -> Int32 {
        guard a.positionalArguments.count == 2 else {
            // A third path is most likely a second plan folder after --plans, which takes one path each time.
            let extra = a.positionalArguments.count > 2 && a.values["plans"] != nil ? "; give --plans once per plan path (--plans A --plans B)" : ""
            throw Diagnostic.usage("baseline diff needs two baselines: OLD NEW (use @embedded for the embedded one), found \(a.positionalArguments.count)\(extra)")
        }
        let format = try a.choice("format", OutputFormat.self) ?? .text
        let sides = try ParsedArguments.inputPaths(a.positionalArguments)
        let (old, new) = try diagnosing { () throws(Diagnostics) in (try Inputs.baseline(sides[0]).value, try Inputs.baseline(sides[1]).value) }
        let d = BaselineDiff(old: old, new: new)
        var impacts: [BaselineDiff.PlanImpact]?
        if let paths = a.all("plans") {
            let discovery = PlanDiscovery(paths: try ParsedArguments.inputPaths(paths))
            var errors = discovery.problems
            var plans: [(file: String, plan: Plan)] = []
            for f in discovery.files {
                switch Files.read(f).flatMap({ PlanDecoding.decode(file: f.display, bytes: $0.bytes, names: d.old.names).mapError { $0.all[0] } }) {
                case .success(let p): plans.append((f.display, p))
                case .failure(let e): errors.append(e)
                }
            }
            if !errors.isEmpty { throw Diagnostic(Diagnostics(errors)) }
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
    static func run(_ a: ParsedArguments) throws(Diagnostic) -> Int32 {
        // --phase and --id are required (checked before this runs); an id of spaces is no id.
        guard let id = a.value("id"), !id.trimmingWhitespace().isEmpty else { throw a.missing("id") }
        guard let phase = try a.choice("phase", Phase.self, normalise: { $0.uppercased() }) else { throw a.missing("phase") }
        let path = try a.inputPath("baseline")
        let resolved = ResolvedBaseline(try diagnosing { () throws(Diagnostics) in try Inputs.baseline(path).value })
        let title = a.value("title") ?? "\(phase.rawValue) variation test \(id)"
        // A plan always has a window: without one the IOC cessation check could not be made.
        let startGiven = a.value("start") != nil
        let start = try a.date("start") ?? Inputs.today()
        let end = try a.date("end") ?? start
        if end < start {
            throw Diagnostic.usage("--end \(end) is before --start \(start)" + (startGiven ? "" : " (today, when --start is not given)"))
        }
        let plan = NewPlanFile.render(resolved, phase: phase, id: id, title: title, window: (start, end))
        try diagnosing { () throws(Diagnostics) in try validate(plan, names: resolved.names, titleGiven: a.value("title") != nil) }
        BaselineCommand.emit(plan)
        return 0
    }

    /// `init` prints only a plan that `check` reads: the plan is decoded as `check` decodes it, and what
    /// it refuses (an id with leading spaces, a control or invisible character) is a usage error naming
    /// the option, with nothing printed.
    static func validate(_ plan: [UInt8], names: DocumentNames, titleGiven: Bool) throws(Diagnostics) {
        guard case .failure(let errors) = PlanDecoding.decode(file: "init", bytes: plan, names: names) else { return }
        let options = ["$.id": "--id", "$.title": "--title"]
        var out: [Diagnostic] = []
        for e in errors.all {
            // A title made from the id says nothing the id's own error does not.
            if e.path == "$.title" && !titleGiven && errors.all.contains(where: { $0.path == "$.id" }) { continue }
            let option = e.path.flatMap { options[$0] } ?? "the plan"
            out.append(.usage("\(option): \(e.message) (check would refuse the plan, so init prints none)"))
        }
        throw Diagnostics(out)
    }
}
