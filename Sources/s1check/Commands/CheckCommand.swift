import Dispatch
import Foundation
import S1CheckCore
import S1CheckReports

/// `s1check check PATH… [options]`: reads plans, checks them, prints findings, writes reports.
enum CheckCommand {
    static let options = ["baseline", "devices", "config", "as-of", "format"] + ReportFormat.allCases.map(\.rawValue)
    static let flags = ["strict", "keep-going", "help"]

    static func run(_ args: [Argument]) throws(Diagnostic) -> Int32 {
        let a = try Arguments(args, options: options, flags: flags)
        if a.has("help") { Output.line(Help.check); return 0 }
        let planPaths = try Arguments.inputPaths(a.positionalArguments)
        if planPaths.isEmpty { throw Diagnostic.usage("check needs at least one plan file or folder (e.g. s1check check Plans)") }
        let asOf = try Inputs.asOf(try a.value("as-of"))
        let consoleFormat = try a.value("format").map { text throws(Diagnostic) in try ConsoleFormat.parse(text, option: "format") } ?? .text
        var requested: [(format: ReportFormat, path: Argument)] = []
        for format in ReportFormat.allCases {
            if let path = try a.argument(format.rawValue) { requested.append((format, path)) }
        }

        // Inputs that are not plans must be sound before anything is checked.
        let baselinePath = try a.inputPath("baseline"), devicesPath = try a.inputPath("devices"), configPath = try a.inputPath("config")
        let loaded: Inputs.Loaded<Baseline>, baseline: ResolvedBaseline
        var registry: Inputs.Loaded<DeviceRegistry>?
        var policy: Inputs.Loaded<Policy>?
        do throws(Diagnostics) {
            loaded = try Inputs.baseline(baselinePath)
            baseline = ResolvedBaseline(loaded.value)
            if let devicesPath { registry = try Inputs.registry(devicesPath) }
            policy = try Inputs.policy(configPath, names: baseline.names)
        } catch {
            for e in error.all { Console.report(e) }
            if consoleFormat == .github {
                Output.write(GitHubAnnotations.inputErrors(error.all, workingFolder: FileManager.default.currentDirectoryPath), to: STDOUT_FILENO)
            }
            return 2
        }

        let discovery = PlanDiscovery(paths: planPaths)
        // Report paths are checked against the inputs as opened (the baseline and registry) and as found.
        let inputs = discovery.seenFiles.union([loaded.file, registry?.file, policy?.file].compactMap { $0 })
        let targets = try ReportTarget.resolve(requested, inputs: inputs)
        // With a report on standard output, the console lines go to standard error.
        let console = targets.contains { $0.kind == .standardOutput } ? STDERR_FILENO : STDOUT_FILENO
        var settings = RunSettings(baseline: baseline, baselineSource: loaded.source,
                                   registrySource: registry?.source, asOf: asOf, strict: a.has("strict"),
                                   keepGoing: a.has("keep-going"), passedOver: discovery.passedOver.map(\.display),
                                   policy: policy?.value ?? .none, policySource: policy?.source)
        // CI formats place findings relative to where s1check runs (the repository root in CI).
        settings.workingFolder = FileManager.default.currentDirectoryPath
        settings.registry = registry?.value
        // The evidence pack's command that reproduces the run: these arguments, on the date they were
        // judged (put first, so it stays an option even after a `--`).
        let asOfGiven = try a.value("as-of") != nil
        settings.command = [Array("check".utf8)] + (asOfGiven ? [] : [Array("--as-of".utf8), Array(asOf.description.utf8)]) + args.map(\.bytes)
        if !targets.isEmpty { InterruptCleanup.install() }
        let reports = ReportSet(targets, settings: settings)

        let style = ConsoleReport.Style(colour: consoleFormat == .text && Console.colourEnabled(console))
        let renderers = reports.renderers
        let runSettings = settings
        var run = CheckRun.run(files: discovery.files, problems: discovery.problems, settings: settings,
                               registry: registry?.value, reportIDs: Set(targets.compactMap(\.id))) { plan in
            let lines = consoleFormat == .github ? GitHubAnnotations.lines(plan, settings: runSettings) : ConsoleReport.lines(plan, style: style)
            return CheckRun.Rendered(console: lines, sections: renderers.map { $0.section(plan) })
        } consume: { wave in
            // Findings reach the console as plans are checked, before any report is written.
            Output.write(wave.flatMap(\.console), to: console)
            reports.append(wave.map(\.sections))
        }
        // No plan at all is an input error, whatever else: the reports say so too.
        if discovery.files.isEmpty { run.outcome.noPlanFound = true }
        // A report path that turned out to be a plan as read (the same open file): nothing is written.
        let written: Diagnostic?
        if let clash = run.reportClash, let t = targets.first(where: { $0.id == clash.id }) {
            reports.discard()
            written = .usage("\(t.option) is one of the inputs (\(clash.file)); s1check never overwrites an input, so no report was written")
        } else {
            written = reports.commit(run.outcome)
        }
        Output.write(consoleFormat == .github ? GitHubAnnotations.summary(settings, run.outcome)
                                              : ConsoleReport.summary(settings, run.outcome, style: style), to: console)
        if run.outcome.noPlanFound {
            Console.report(.usage("no plan found: give *.plan.json files or folders that hold them"))
            return run.outcome.exitCode
        }
        if let failure = written { Console.report(failure); return 2 }
        return run.outcome.exitCode
    }
}

/// The checking pipeline: the run's plan ids first (for the cross-plan rule), then the plans in waves.
/// Each plan is checked and rendered (console lines, every report's part) on any core; the parts are
/// handed on in plan order, so memory holds one wave's parts at a time and no plan's findings outlive it.
enum CheckRun {
    static let waveSize = 512
    /// Bytes of plan files kept between the id pass and the check: 10,000 typical plans take about 15 MB.
    static let keptBudget = 24 << 20

    /// One plan's output, ready to write.
    struct Rendered: Sendable {
        var console: [UInt8]
        var sections: [ReportSection]
    }

    struct Result {
        var outcome: RunOutcome
        /// A plan that, as opened, is the file a report would replace.
        var reportClash: (id: FileID, file: String)?
    }

    /// `consume` runs on a writer queue, one wave after another in plan order, while the next wave is
    /// checked; at most two waves wait for it, so memory stays bounded if writing is the slower part.
    /// `reportIDs`: the files the reports would replace, compared with each plan as it is read.
    static func run(files: [FilePath], problems: [Diagnostic], settings: RunSettings, registry: DeviceRegistry?,
                    reportIDs: Set<FileID> = [],
                    render: @escaping @Sendable (PlanResult) -> Rendered,
                    consume: @escaping @Sendable ([Rendered]) -> Void) -> Result {
        let writer = DispatchQueue(label: "s1check.writer")
        let inFlight = DispatchSemaphore(value: 2)
        func hand(_ wave: [Rendered]) {
            inFlight.wait()
            writer.async {
                consume(wave)
                inFlight.signal()
            }
        }
        let names = files.map(\.display)
        // The quick look at every plan's id reads each file; files are kept for the check itself, in run
        // order, while they fit in `keptBudget` bytes (one too big is skipped, later ones may still fit),
        // so a run of ordinary size reads each plan once and a huge one stays within a fixed amount of
        // memory (the rest are read again when checked).
        var ids: [(file: String, id: String?)] = []
        ids.reserveCapacity(files.count)
        var kept: [Int: Swift.Result<Files.Contents, Diagnostic>] = [:]
        var keptBytes = 0
        for start in stride(from: 0, to: files.count, by: waveSize) {
            let range = start..<min(start + waveSize, files.count)
            let read = parallelMap(range.count) { i -> (Swift.Result<Files.Contents, Diagnostic>, String?) in
                let r = Files.read(files[range.lowerBound + i])
                return (r, (try? r.get()).flatMap { JSONReader.topLevelString($0.bytes, key: "id") })
            }
            for (i, (r, id)) in read.enumerated() {
                let k = range.lowerBound + i
                ids.append((names[k], id))
                let size = (try? r.get())?.bytes.count ?? 0
                if keptBytes + size <= keptBudget { kept[k] = r; keptBytes += size }
            }
        }
        // Files sharing an id are decoded in full to confirm it: from the kept bytes when there are some.
        let indexByName = Dictionary(zip(names, names.indices), uniquingKeysWith: { a, _ in a })
        let planIDs = PlanIDIndex(ids).confirmed(names: settings.baseline.names) { name in
            guard let k = indexByName[name] else { return nil }
            if let r = kept[k] { return try? r.get().bytes }
            return try? Files.read(files[k]).get().bytes
        }
        let checker = Checker(baseline: settings.baseline, registry: registry, asOf: settings.asOf, planIDs: planIDs,
                              policy: settings.policy)
        var outcome = RunOutcome(settings)
        var clash: (id: FileID, file: String)?
        for start in stride(from: 0, to: files.count, by: waveSize) {
            let range = start..<min(start + waveSize, files.count)
            let waveContents = range.map { kept.removeValue(forKey: $0) }
            let results = parallelMap(range.count) { i -> (rendered: Rendered, summary: PlanSummary, clash: FileID?) in
                let k = range.lowerBound + i
                let result: PlanResult
                var reportFile: FileID?
                switch waveContents[i] ?? Files.read(files[k]) {
                case .success(let contents):
                    if reportIDs.contains(contents.id) {
                        reportFile = contents.id
                        result = PlanResult(file: names[k], unreadable: [.input(file: names[k], message: "is also a report path; s1check never overwrites an input")])
                    } else {
                        result = checker.check(file: names[k], bytes: contents.bytes)
                    }
                case .failure(let e): result = PlanResult(file: names[k], unreadable: [e])
                }
                return (render(result), PlanSummary(result), reportFile)
            }
            for r in results {
                outcome.add(r.summary)
                if clash == nil, let c = r.clash { clash = (c, r.summary.file) }
            }
            hand(results.map(\.rendered))
        }
        // Paths that could not be used are reported after the plans, like unreadable plans.
        // One entry per path, with every problem found there.
        var byPath: [String: [Diagnostic]] = [:], order: [String] = []
        for p in problems {
            let file = p.file ?? ""
            if byPath[file] == nil { order.append(file) }
            byPath[file, default: []].append(p)
        }
        let unusable = order.map { PlanResult(file: $0, unreadable: byPath[$0]!) }
        for r in unusable { outcome.add(r) }
        if !unusable.isEmpty { hand(unusable.map(render)) }
        writer.sync {}
        return Result(outcome: outcome, reportClash: clash)
    }
}
