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

/// `s1check fix PATH... [--baseline FILE] [--config FILE] [--write] [--confirm-tbrd]`: brings plans onto the baseline
/// (docs/plans.md, "Bringing plans onto the baseline"). The fixes are built and checked in the library
/// (`Fixer`), the diff rendered by the reports layer (`UnifiedDiff`); this is the file I/O around them.
///
/// Standard output carries the patch (or, with `--write`, a line per plan written); standard error the
/// declarations left for a person, the errors and the summary. Exit status: without `--write`, 1 when
/// something would change, 0 when nothing would; with `--write`, 0 once every change is written; 2 for
/// a usage or input error, or a plan that could not be written (the other plans are still fixed).
enum FixCommand {
    /// Runs `fix` on its arguments as `CommandTable.fix` declares them.
    static func run(_ a: ParsedArguments) throws(Diagnostic) -> Int32 {
        let planPaths = try ParsedArguments.inputPaths(a.positionalArguments)
        if planPaths.isEmpty { throw Diagnostic.usage("fix needs at least one plan file or folder (e.g. s1check fix Plans)") }
        let write = a.has("write")
        let baselinePath = try a.inputPath("baseline"), configPath = try a.inputPath("config")
        let fixer: Fixer
        do throws(Diagnostics) {
            let baseline = ResolvedBaseline(try Inputs.baseline(baselinePath).value)
            let policy = try Inputs.policy(configPath, names: baseline.names)
            fixer = Fixer(baseline: baseline, asOf: Inputs.today(), policy: policy?.value ?? .none, confirmTBRD: a.has("confirm-tbrd"))
        } catch {
            for e in error.all { Console.report(e) }
            return 2
        }

        let discovery = PlanDiscovery(paths: planPaths)
        if write { InterruptCleanup.install() }
        var totals = FixText.Totals()
        // A wave of plans is read, checked, fixed and written (or diffed) on every core, then reported in
        // plan order: memory holds one wave.
        for start in stride(from: 0, to: discovery.files.count, by: RunPipeline.waveSize) {
            let wave = Array(discovery.files[start..<min(start + RunPipeline.waveSize, discovery.files.count)])
            let done = parallelMap(wave.count) { i in fixOne(wave[i], fixer, write: write) }
            if write { AtomicFile.syncFolders(Set(zip(wave, done).filter { $0.1.written }.map { $0.0.parent })) }
            for d in done {
                if let plan = d.plan { totals.add(plan, applied: !write || d.written) }
                if !d.diff.isEmpty { Output.write(d.diff) }
                if d.written, let plan = d.plan { Output.write(FixText.written(file: plan.file, plan.fix)) }
                if let plan = d.plan { Output.write(FixText.choices(file: plan.file, plan.fix), to: STDERR_FILENO) }
                for e in d.problems { Console.report(e) }
                totals.problems += d.problems.count
            }
        }
        for e in discovery.problems { Console.report(e) }
        totals.problems += discovery.problems.count
        if discovery.files.isEmpty && discovery.problems.isEmpty {
            Console.report(.usage("no plan found: give *.plan.json files or folders that hold them"))
            totals.problems += 1
        }
        Output.write(FixText.summary(totals, write: write) + FixText.toDo(totals, tbrd: fixer.baseline.baseline.tbrd.version.description),
                     to: STDERR_FILENO)
        if totals.problems > 0 || discovery.files.isEmpty { return 2 }
        return !write && totals.changes > 0 ? 1 : 0
    }

    /// One plan, on any core: read, fixed and, if it changed, diffed or written.
    struct Done: Sendable {
        var plan: FixedPlan?
        var diff: [UInt8] = []
        var written = false
        var problems: [Diagnostic] = []
    }

    static func fixOne(_ path: FilePath, _ fixer: Fixer, write: Bool) -> Done {
        let file: PlanFile
        switch PlanFile.read(path, forWriting: write) {
        case .failure(let e): return Done(problems: [e])
        case .success(let f): file = f
        }
        let plan = fixer.fix(file: path.display, bytes: file.bytes)
        var done = Done(plan: plan, problems: plan.problems)
        guard plan.changed else { return done }
        if !write {
            done.diff = UnifiedDiff.render(old: plan.original, new: plan.fixed, path: diffName(path))
            return done
        }
        do {
            try file.replace(with: plan.fixed)
            done.written = true
        } catch {
            done.problems.append(error)
        }
        return done
    }
}

extension FixCommand {
    /// The path as a patch names it: as given, without a leading `./` (git apply and patch -p1 take the
    /// path after `a/` relative to where they run).
    static func diffName(_ path: FilePath) -> [UInt8] {
        var b = path.bytes[...]
        while b.starts(with: [UInt8(ascii: "."), UInt8(ascii: "/")]) {
            b = b.dropFirst(2)
            while b.first == UInt8(ascii: "/") { b = b.dropFirst() }
        }
        return Array(b)
    }
}
