import Dispatch
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

/// `s1check check PATH… [options]`: reads plans, checks them, prints findings, writes reports.
enum CheckCommand {
    /// Runs `check` on its arguments as `CommandTable.check` declares them.
    static func run(_ a: ParsedArguments) throws(Diagnostics) -> Int32 {
        // (At least one: the table checks the count.)
        let planPaths = try ParsedArguments.inputPaths(a.positionalArguments)
        let asOf = try a[Self.asOf] ?? Inputs.today()
        let consoleFormat = try a[Self.format] ?? .text
        var requested: [(format: ReportFormat, path: Argument)] = []
        for report in Self.reports {
            if let path = try a[report.key] { requested.append((report.format, path)) }
        }

        // Inputs that are not plans must be sound before anything is checked.
        let baselinePath = try a[Self.baseline], devicesPath = try a[Self.devices]
        let configPath = try Inputs.policyFile(config: a[Self.config], none: a[Self.noConfig], inputs: planPaths)
        let scopePath = try a[Self.scope]
        // A scope's combinations are the registry's: without one, no cell could be named (a usage error).
        if scopePath != nil && devicesPath == nil {
            throw Diagnostics.usage("--scope needs --devices: the scope's combinations are checked against the device registry")
        }
        let loaded: Inputs.Loaded<Baseline>, baseline: ResolvedBaseline
        var registry: Inputs.Loaded<DeviceRegistry>?
        var policy: Inputs.Loaded<Policy>?
        var scope: Inputs.Loaded<ScopeInput>?
        do throws(Diagnostics) {
            loaded = try Inputs.baseline(baselinePath)
            baseline = ResolvedBaseline(loaded.value)
            if let devicesPath { registry = try Inputs.registry(devicesPath) }
            if let scopePath, let registry { scope = try Inputs.scope(scopePath, registry: registry.value) }
            policy = try Inputs.policy(configPath, names: baseline.names)
        } catch {
            for e in error.all { Console.report(e) }
            if consoleFormat == .github {
                // Placed on the file's real path, which its shown name may escape.
                let paths = [baselinePath, devicesPath, scopePath, configPath].compactMap { $0 }
                let locations = Dictionary(paths.map { ($0.display, $0.bytes) }, uniquingKeysWith: { a, _ in a })
                Output.write(GitHubAnnotations.inputErrors(error.all, workingFolder: FileManager.default.currentDirectoryPath,
                                                           locations: locations), to: STDOUT_FILENO)
            }
            return 2
        }

        var discovery = PlanDiscovery(paths: planPaths)
        // Test results (docs/execution.md): a path or file that cannot be read is an input error reported
        // after the plans, as an unreadable plan is; it hides none of the plans' results.
        var resultsFiles: ResultsFiles?
        if case let given = try a[Self.results], !given.isEmpty { resultsFiles = ResultsFiles(paths: given) }
        var results: [JUnitResultsFile]?
        if let resultsFiles {
            var read: [JUnitResultsFile] = []
            for (k, r) in resultsFiles.read().enumerated() {
                switch r {
                case .success(let f): read.append(f)
                case .failure(let e):
                    discovery.problems.append(e)
                    discovery.problemLocations[e.file ?? ""] = resultsFiles.files[k].bytes
                }
            }
            discovery.problems += resultsFiles.problems
            discovery.problemLocations.merge(resultsFiles.problemLocations) { a, _ in a }
            results = read
        }
        // Report paths are checked against the inputs as opened (the baseline and registry) and as found.
        let inputs = discovery.seenFiles.union([loaded.file, registry?.file, scope?.file, policy?.file].compactMap { $0 })
            .union(resultsFiles?.seenFiles ?? [])
        var inputNames = discovery.planPaths.mapValues(\.display)
        for (id, path) in resultsFiles?.paths ?? [:] { inputNames[id] = path.display }
        for (id, name) in [(loaded.file, loaded.source.file), (registry?.file, registry?.source.file), (scope?.file, scope?.source.file),
                           (policy?.file, policy?.source.file)] { if let id, let name { inputNames[id] = name } }
        let targets = try ReportTarget.resolve(requested, inputs: inputs, searched: discovery.searchedFolders, inputNames: inputNames)
        // With a report on standard output, the console lines go to standard error.
        let console = targets.contains { $0.kind == .standardOutput } ? STDERR_FILENO : STDOUT_FILENO
        var settings = RunSettings(baseline: baseline, baselineSource: loaded.source,
                                   registrySource: registry?.source, asOf: asOf, strict: a[Self.strict],
                                   keepGoing: a[Self.keepGoing], passedOver: discovery.passedOver.map(\.display),
                                   policy: policy?.value ?? .none, policySource: policy?.source)
        // CI formats place findings relative to where s1check runs (the repository root in CI).
        settings.workingFolder = FileManager.default.currentDirectoryPath
        settings.registry = registry?.value
        settings.scope = scope?.value
        if let results, let resultsFiles {
            settings.results = TestResults(files: results, passedOver: resultsFiles.passedOver.map(\.display),
                                           locations: Dictionary(resultsFiles.files.map { ($0.display, $0.bytes) }, uniquingKeysWith: { a, _ in a }))
        }
        // The evidence pack's command that reproduces the run: these arguments, on the date they were
        // judged (put first, so it stays an option even after a `--`).
        let asOfGiven = try a[Self.asOf] != nil
        settings.command = [Array("check".utf8)] + (asOfGiven ? [] : [Array("--\(Self.asOf.spec.name)".utf8), Array(asOf.description.utf8)]) + a.arguments.map(\.bytes)
        if !targets.isEmpty { InterruptCleanup.install() }
        let reports = ReportSet(targets, settings: settings, inputs: inputs)

        let consoleOutput = ConsoleSink(Console.renderer(a, format: consoleFormat, settings: settings, fd: console), fd: console)
        let source = FilePlanSource(discovery, reportIDs: Set(targets.compactMap(\.id)))
        // Findings reach the console as plans are checked, before any report is written.
        // No plan at all is an input error, whatever else: the pipeline says so, and the reports too.
        let outcome = RunPipeline(settings).run(source, into: [consoleOutput, ReportSink(reports)]).outcome
        // A report path that turned out to be a plan as read (the same open file): nothing is written.
        let written: Diagnostic?
        if let clash = source.reportClash, let t = targets.first(where: { $0.id == clash.id }) {
            reports.discard()
            written = .usage("\(t.option) is one of the inputs (\(clash.file)); s1check never overwrites an input, so no report was written")
        } else {
            written = reports.commit(outcome)
        }
        consoleOutput.finish(outcome)
        if outcome.noPlanFound {
            Console.report(.usage("no plan found: give *.plan.json files or folders that hold them"))
            return outcome.exitCode
        }
        if let failure = written { Console.report(failure); return 2 }
        return outcome.exitCode
    }
}
