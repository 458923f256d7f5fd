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

/// `s1check baseline [export | diff OLD NEW]`.
enum BaselineCommand {
    static func run(_ args: [Argument]) throws -> Int32 {
        switch args.first?.text {
        case "export": return try export(Array(args.dropFirst()))
        case "diff": return try diff(Array(args.dropFirst()))
        default: return try show(args)
        }
    }

    static func show(_ args: [Argument]) throws -> Int32 {
        let a = try Arguments(args, options: ["baseline", "phase", "format"], flags: ["help"])
        if a.has("help") { Output.line(Help.baseline); return 0 }
        if let extra = a.positionalArguments.first { throw Diagnostic.usage("unexpected argument \"\(extra.path.display)\" (baseline takes export, diff or options)") }
        let phase = try a.value("phase").map(Phase.parseOption)
        let format = try OutputFormat.parse(try a.value("format"))
        let resolved = ResolvedBaseline(try Inputs.baseline(try a.inputPath("baseline")).value)
        switch format {
        case .text: Output.write(BaselineReport.text(resolved, phase: phase))
        case .markdown: emit(BaselineReport.markdown(resolved, phase: phase))
        case .json: emit(BaselineReport.json(resolved, phase: phase))
        }
        return 0
    }

    static func export(_ args: [Argument]) throws -> Int32 {
        let a = try Arguments(args, options: ["baseline"], flags: ["help"])
        if a.has("help") { Output.line(Help.baseline); return 0 }
        if let extra = a.positionalArguments.first { throw Diagnostic.usage("unexpected argument \"\(extra.path.display)\"") }
        // Validate first (a broken file is an input error), then print the bytes unchanged.
        emit(try Inputs.baseline(try a.inputPath("baseline")).bytes)
        return 0
    }

    static func diff(_ args: [Argument]) throws -> Int32 {
        let a = try Arguments(args, options: ["plans", "format"], flags: ["help"])
        if a.has("help") { Output.line(Help.baseline); return 0 }
        guard a.positionalArguments.count == 2 else {
            // A third path is most likely a second plan folder after --plans, which takes one path each time.
            let extra = a.positionalArguments.count > 2 && a.values["plans"] != nil ? "; give --plans once per plan path (--plans A --plans B)" : ""
            throw Diagnostic.usage("baseline diff needs two baselines: OLD NEW (use @embedded for the embedded one), found \(a.positionalArguments.count)\(extra)")
        }
        let format = try OutputFormat.parse(try a.value("format"))
        let sides = try Arguments.inputPaths(a.positionalArguments)
        let old = try Inputs.baseline(sides[0]).value
        let new = try Inputs.baseline(sides[1]).value
        let d = BaselineDiff(old: old, new: new)
        var impacts: [BaselineDiff.PlanImpact]?
        if let paths = a.values["plans"] {
            let discovery = PlanDiscovery(paths: try Arguments.inputPaths(paths))
            var errors = discovery.problems
            var plans: [(file: String, plan: Plan, lines: LineIndex?)] = []
            for f in discovery.files {
                switch Files.read(f).flatMap({ c in PlanDecoding.decode(file: f.display, bytes: c.bytes, names: d.old.names).map { ($0, c.bytes) }.mapError { $0.all[0] } }) {
                case .success(let (p, bytes)): plans.append((f.display, p, LineIndex(bytes)))
                case .failure(let e): errors.append(e)
                }
            }
            if !errors.isEmpty { throw Diagnostics(errors) }
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

/// `s1check init --phase P --id ID [--title T]`.
enum InitCommand {
    static func run(_ args: [Argument]) throws -> Int32 {
        let a = try Arguments(args, options: ["phase", "id", "title", "baseline", "start", "end"], flags: ["help"])
        if a.has("help") { Output.line(Help.initPlan); return 0 }
        if let extra = a.positionalArguments.first { throw Diagnostic.usage("unexpected argument \"\(extra.path.display)\"") }
        guard let phaseText = try a.value("phase") else { throw Diagnostic.usage("init needs --phase IOC|MOC|FOC") }
        guard let id = try a.value("id"), !id.trimmingWhitespace().isEmpty else { throw Diagnostic.usage("init needs --id ID") }
        let phase = try Phase.parseOption(phaseText)
        let resolved = ResolvedBaseline(try Inputs.baseline(try a.inputPath("baseline")).value)
        let title = try a.value("title") ?? "\(phase.rawValue) variation test \(id)"
        // A plan always has a window: without one the IOC cessation check could not be made.
        let startText = try a.value("start")
        let start = try startText.map { text throws(Diagnostic) in try Inputs.date(text, option: "--start") } ?? Inputs.today()
        let end = try a.value("end").map { text throws(Diagnostic) in try Inputs.date(text, option: "--end") } ?? start
        if end < start {
            throw Diagnostic.usage("--end \(end) is before --start \(start)" + (startText != nil ? "" : " (today, when --start is not given)"))
        }
        BaselineCommand.emit(NewPlanFile.render(resolved, phase: phase, id: id, title: title, window: (start, end)))
        return 0
    }
}
