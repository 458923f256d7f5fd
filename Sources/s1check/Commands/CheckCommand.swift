import Dispatch
import Foundation
import S1CheckCore
import S1CheckReports

/// `s1check check PATH… [options]`: reads plans, checks them, prints findings, writes reports.
enum CheckCommand {
    static let options = ["baseline", "devices", "junit", "markdown", "json", "as-of"]
    static let flags = ["strict", "keep-going", "help"]

    /// The last run's result, kept until the process exits: the process is about to end, and freeing a
    /// large run's findings one by one first (about 0.1 s for 10,000 plans) would only delay the exit.
    nonisolated(unsafe) static var keptUntilExit: RunResult?

    static func run(_ args: [String]) throws -> Int32 {
        let a = try Arguments(args, options: options, flags: flags)
        if a.has("help") { Output.line(Help.check); return 0 }
        if a.positional.isEmpty { throw UsageError(message: "check needs at least one plan file or folder (e.g. s1check check Plans)") }
        let asOf = try Inputs.asOf(try a.value("as-of"))
        let reports: [(kind: String, path: String)] = try ["junit", "markdown", "json"].compactMap { k in
            try a.value(k).map { (k, $0) }
        }

        // Inputs that are not plans must be sound before anything is checked.
        let loaded: Inputs.LoadedBaseline
        var registry: (DeviceRegistry, InputDigest)?
        do {
            loaded = try Inputs.baseline(try a.value("baseline"))
            if let d = try a.value("devices") { registry = try Inputs.registry(d) }
        } catch let e as InputErrors {
            for err in e.errors { Console.error(err.description) }
            return 2
        }

        let discovery = PlanDiscovery(paths: a.positional)

        // Never overwrite an input, and never write two reports to one file. A target that exists is
        // compared with the inputs by identity (device and inode), which sees through symlinks and
        // "x/../"; targets are resolved once and written exactly where they were checked.
        var inputs = discovery.seenFiles
        for path in [loaded.path, try a.value("devices")].compactMap({ $0 }) + a.positional {
            if let id = PlanDiscovery.FileID(path: path) { inputs.insert(id) }
        }
        var resolvedReports: [(kind: String, path: String)] = []
        for r in reports {
            let target = Files.resolvedTarget(r.path)
            if Files.isDirectory(target) { throw UsageError(message: "--\(r.kind) \(r.path) is a folder; give a file name") }
            if let id = PlanDiscovery.FileID(path: target), inputs.contains(id) {
                throw UsageError(message: "--\(r.kind) \(r.path) is one of the inputs; s1check never overwrites an input")
            }
            if resolvedReports.contains(where: { $0.path == target }) { throw UsageError(message: "two reports would be written to \(r.path)") }
            resolvedReports.append((r.kind, target))
        }

        let checker = Checker(baseline: ResolvedBaseline(loaded.baseline), registry: registry?.0, asOf: asOf)
        let files = discovery.files
        var plans = checker.checkAll(count: files.count) { i in (files[i], Files.read(files[i])) }
        plans += discovery.problems.map { PlanResult(file: $0.file, sha256: "", plan: nil, findings: [], inputErrors: [$0]) }
        let run = RunResult(baseline: checker.context.baseline, baselineSource: loaded.source, registrySource: registry?.1,
                            asOf: asOf, strict: a.has("strict"), keepGoing: a.has("keep-going"), plans: plans,
                            passedOver: discovery.passedOver)

        try writeReports(resolvedReports, run)
        let colour = Console.colourEnabled()
        Output.write(ConsoleReport.render(run, style: .init(colour: colour)))
        if files.isEmpty {
            Console.error("no plan found: give *.plan.json files or folders that hold them")
            return 2
        }
        keptUntilExit = run
        return run.exitCode
    }

    /// Renders each requested report straight into its temporary file (in parallel: they are
    /// independent), then renames it into place.
    static func writeReports(_ reports: [(kind: String, path: String)], _ run: RunResult) throws {
        let failures = ConcurrentSlots<String>(count: reports.count)
        DispatchQueue.concurrentPerform(iterations: reports.count) { i in
            do {
                try Files.writeAtomically(to: reports[i].path) { sink in
                    let rest: [UInt8]
                    switch reports[i].kind {
                    case "junit": rest = JUnitReport.render(run, sink: sink)
                    case "markdown": rest = MarkdownReport.render(run, sink: sink)
                    default: rest = JSONReport.render(run, sink: sink)
                    }
                    sink(rest)
                }
            } catch {
                failures.set(i, "\(error)")
            }
        }
        if let first = failures.take().compactMap({ $0 }).first { throw UsageError(message: first) }
    }
}

enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("s1check: \(message)\n".utf8))
    }

    /// Colour only on a terminal, and never when NO_COLOR is set to anything (no-color.org).
    static func colourEnabled() -> Bool {
        if let v = ProcessInfo.processInfo.environment["NO_COLOR"], !v.isEmpty { return false }
        return isatty(STDOUT_FILENO) == 1
    }
}

/// Standard output, written with write(2): one path for text and report bytes, so they never reorder.
enum Output {
    static func write(_ s: String) { write(Array(s.utf8)) }
    static func line(_ s: String) { write(s + "\n") }
    static func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buf in
            var offset = 0
            while offset < buf.count {
                let n = Foundation.write(STDOUT_FILENO, buf.baseAddress! + offset, buf.count - offset)
                if n < 0 { if errno == EINTR { continue }; return }
                offset += n
            }
        }
    }
}
