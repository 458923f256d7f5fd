import Dispatch
import Foundation
import S1CheckCore
import S1CheckReports

/// `s1check check PATH… [options]`: reads plans, checks them, prints findings, writes reports.
enum CheckCommand {
    static let options = ["baseline", "devices", "config", "as-of", "format"] + ReportFormat.allCases.map(\.rawValue)
    static let flags = ["strict", "keep-going", "help"]

    static func run(_ args: [String]) throws(Diagnostic) -> Int32 {
        let a = try Arguments(args, options: options, flags: flags)
        if a.has("help") { Output.line(Help.check); return 0 }
        if a.positional.isEmpty { throw Diagnostic.usage("check needs at least one plan file or folder (e.g. s1check check Plans)") }
        let asOf = try Inputs.asOf(try a.value("as-of"))
        let console = try consoleFormat(try a.value("format"))
        var requested: [(format: ReportFormat, path: String)] = []
        for format in ReportFormat.allCases {
            if let path = try a.value(format.rawValue) { requested.append((format, path)) }
        }

        // Inputs that are not plans must be sound before anything is checked.
        let baselinePath = try a.value("baseline"), devicesPath = try a.value("devices"), configPath = try a.value("config")
        let loaded: Inputs.LoadedBaseline
        var registry: (DeviceRegistry, InputDigest)?
        var policy: (Policy, InputDigest)?
        do throws(Diagnostics) {
            loaded = try Inputs.baseline(baselinePath)
            if let devicesPath { registry = try Inputs.registry(devicesPath) }
            policy = try Inputs.policy(configPath, names: ResolvedBaseline(loaded.baseline).names)
        } catch {
            for e in error.all { Console.report(e) }
            return 2
        }

        let discovery = PlanDiscovery(paths: a.positional)
        let targets = try ReportSet.targets(requested, inputs: discovery.seenFiles,
                                            otherInputs: [loaded.path, devicesPath, policy?.1.file].compactMap { $0 } + a.positional)
        var settings = RunSettings(baseline: ResolvedBaseline(loaded.baseline), baselineSource: loaded.source,
                                   registrySource: registry?.1, asOf: asOf, strict: a.has("strict"),
                                   keepGoing: a.has("keep-going"), passedOver: discovery.passedOver,
                                   policy: policy?.0 ?? .none, policySource: policy?.1)
        // CI formats place findings relative to where s1check runs (the repository root in CI).
        settings.workingFolder = FileManager.default.currentDirectoryPath
        let reports = try ReportSet(targets, settings: settings)

        let style = ConsoleReport.Style(colour: console == .text && Console.colourEnabled())
        let renderers = reports.renderers
        let runSettings = settings
        let outcome = CheckRun.run(files: discovery.files, problems: discovery.problems, settings: settings,
                                   registry: registry?.0) { plan in
            let lines = console == .github ? GitHubAnnotations.lines(plan, settings: runSettings) : ConsoleReport.lines(plan, style: style)
            return CheckRun.Rendered(console: lines, sections: renderers.map { $0.section(plan) })
        } consume: { wave in
            // Findings reach the console as plans are checked, before any report is written.
            Output.write(wave.flatMap(\.console))
            reports.append(wave.map(\.sections))
        }
        let written = reports.commit(outcome)
        Output.write(console == .github ? GitHubAnnotations.summary(settings, outcome) : ConsoleReport.summary(settings, outcome, style: style))
        if discovery.files.isEmpty {
            Console.report(.usage("no plan found: give *.plan.json files or folders that hold them"))
            return 2
        }
        if let failure = written { Console.report(failure); return 2 }
        return outcome.exitCode
    }

    /// `--format text|github` (text when not given).
    static func consoleFormat(_ s: String?) throws(Diagnostic) -> ConsoleFormat {
        guard let s else { return .text }
        guard let f = ConsoleFormat(rawValue: s) else {
            throw Diagnostic.usage("--format must be \(ConsoleFormat.allCases.map(\.rawValue).joined(separator: " or ")), not \"\(s)\"")
        }
        return f
    }
}

/// The checking pipeline: the run's plan ids first (for the cross-plan rule), then the plans in waves.
/// Each plan is checked and rendered (console lines, every report's part) on any core; the parts are
/// handed on in plan order, so memory holds one wave's parts at a time and no plan's findings outlive it.
enum CheckRun {
    static let waveSize = 512

    /// One plan's output, ready to write.
    struct Rendered: Sendable {
        var console: [UInt8]
        var sections: [ReportSection]
        var summary: PlanSummary? = nil
    }

    /// `consume` runs on a writer queue, one wave after another in plan order, while the next wave is
    /// checked; at most two waves wait for it, so memory stays bounded if writing is the slower part.
    static func run(files: [String], problems: [Diagnostic], settings: RunSettings, registry: DeviceRegistry?,
                    render: @escaping @Sendable (PlanResult) -> Rendered,
                    consume: @escaping @Sendable ([Rendered]) -> Void) -> RunOutcome {
        let writer = DispatchQueue(label: "s1check.writer")
        let inFlight = DispatchSemaphore(value: 2)
        func hand(_ wave: [Rendered]) {
            inFlight.wait()
            writer.async {
                consume(wave)
                inFlight.signal()
            }
        }
        let ids = parallelMap(files.count) { i in
            (file: files[i], id: (try? Files.read(files[i]).get()).flatMap { JSONReader.topLevelString($0, key: "id") })
        }
        let planIDs = PlanIDIndex(ids).confirmed(names: settings.baseline.names) { try? Files.read($0).get() }
        let checker = Checker(baseline: settings.baseline, registry: registry, asOf: settings.asOf, planIDs: planIDs,
                              policy: settings.policy)
        var outcome = RunOutcome(settings)
        var start = 0
        while start < files.count {
            let wave = Array(files[start..<min(start + waveSize, files.count)])
            let results = parallelMap(wave.count) { i in
                let result: PlanResult
                switch Files.read(wave[i]) {
                case .success(let bytes): result = checker.check(file: wave[i], bytes: bytes)
                case .failure(let e): result = PlanResult(file: wave[i], unreadable: [e])
                }
                var rendered = render(result)
                rendered.summary = PlanSummary(result)
                return rendered
            }
            for r in results { outcome.add(r.summary!) }
            hand(results)
            start += waveSize
        }
        // Paths that could not be used are reported after the plans, like unreadable plans.
        let unusable = problems.map { PlanResult(file: $0.file ?? "", unreadable: [$0]) }
        for r in unusable { outcome.add(r) }
        if !unusable.isEmpty { hand(unusable.map(render)) }
        writer.sync {}
        return outcome
    }
}
