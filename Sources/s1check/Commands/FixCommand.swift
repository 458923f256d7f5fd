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

/// `s1check fix PATH... [--baseline FILE] [--config FILE] [--write] [--confirm-tbrd] [--results PATH]...`: brings plans onto the baseline
/// (docs/plans.md, "Bringing plans onto the baseline"). The fixes are built and checked in the library
/// (`Fixer`), the diff rendered by the reports layer (`UnifiedDiff`); this is the file I/O around them.
///
/// Standard output carries the patch (or, with `--write`, a line per plan written); standard error the
/// declarations left for a person, the errors and the summary. Exit status: without `--write`, 1 when
/// something would change, 0 when nothing would; with `--write`, 0 once every change is written; 2 for
/// a usage or input error, or a plan that could not be written (the other plans are still fixed). With
/// `--results`, a plan whose tests have run is not changed (an input error naming its first linked case:
/// docs/execution.md, "fix --results"); a results file that cannot be read stops fix before any plan.
enum FixCommand {
    /// Runs `fix` on its arguments as `CommandTable.fix` declares them.
    static func run(_ a: ParsedArguments) throws(Diagnostics) -> Int32 {
        // (At least one: the table checks the count.)
        let planPaths = try ParsedArguments.inputPaths(a.positionalArguments)
        let write = a[Self.write]
        let baselinePath = try a[Self.baseline], configPath = try Inputs.policyFile(config: a[Self.config], none: a[Self.noConfig], inputs: planPaths)
        let fixer: Fixer
        do throws(Diagnostics) {
            let baseline = ResolvedBaseline(try Inputs.baseline(baselinePath).value)
            let policy = try Inputs.policy(configPath, names: baseline.names)
            fixer = Fixer(baseline: baseline, asOf: Inputs.today(), policy: policy?.value ?? .none, confirmTBRD: a[Self.confirmTBRD])
        } catch {
            for e in error.all { Console.report(e) }
            return 2
        }

        // With --results, a plan whose tests have run keeps its versions (docs/execution.md, "fix"). A results
        // file that cannot be read leaves that unknown: nothing is fixed.
        var readLinks: LinkedPlanIDs?
        if case let given = try a[Self.results], !given.isEmpty {
            let found = ResultsFiles(paths: given)
            var files: [JUnitResultsFile] = [], problems = found.problems
            for r in found.read() {
                switch r {
                case .success(let f): files.append(f)
                case .failure(let e): problems.append(e)
                }
            }
            if !problems.isEmpty {
                for e in problems { Console.report(e) }
                Output.write("s1check fix: nothing was fixed: with --results, fix must know every plan whose tests have run, and a results path above could not be read\n",
                             to: STDERR_FILENO)
                return 2
            }
            readLinks = LinkedPlanIDs(files: files)
        }
        let linked = readLinks

        let discovery = PlanDiscovery(paths: planPaths)
        if write {
            InterruptCleanup.install()
            // Temporary files a killed `fix --write` left beside these plans (docs/robustness.md).
            var inputs = discovery.seenFiles
            for p in [baselinePath, configPath].compactMap({ $0 }) {
                var st = stat()
                if p.withCString({ stat($0, &st) }) == 0 { inputs.insert(FileID(st)) }
            }
            for (folder, plans) in Dictionary(grouping: discovery.files, by: \.parent) {
                StaleTemporaryFiles.remove(in: folder, beside: plans.map(\.lastComponent), sparing: inputs)
            }
        }
        let names = write ? DiffNames(fromRoot: false) : DiffNames(discovery.files)
        let scope = WriteScope(planPaths)
        var totals = FixText.Totals()
        // A wave of plans is read, checked, fixed and written (or diffed) on every core, then reported in
        // plan order: memory holds one wave.
        for start in stride(from: 0, to: discovery.files.count, by: RunPipeline.waveSize) {
            let wave = Array(discovery.files[start..<min(start + RunPipeline.waveSize, discovery.files.count)])
            let done = parallelMap(wave.count) { i in fixOne(wave[i], fixer, write: write, names: names, scope: scope, linked: linked) }
            if write { AtomicFile.syncFolders(Set(zip(wave, done).filter { $0.1.written }.map { $0.0.parent })) }
            for d in done {
                if let plan = d.plan { totals.add(plan, applied: !d.executed && (!write || d.written)) }
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
        if names.fromRoot && totals.changes > 0 {
            Output.write("s1check fix: the patch names the plans from the root folder, since some are outside the folder fix ran in: apply it from / (cd / && git apply, or patch -p1 -d /)\n",
                         to: STDERR_FILENO)
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
        /// A change refused because the plan's tests have run (`--results`).
        var executed = false
    }

    static func fixOne(_ path: FilePath, _ fixer: Fixer, write: Bool, names: DiffNames, scope: WriteScope, linked: LinkedPlanIDs? = nil) -> Done {
        if write, let outside = scope.outside(path) {
            return Done(problems: [.input(file: path.display, message: "is reached through a symlinked folder and lies outside every path given (it is \(FilePath.display(outside))); s1check fix --write writes only where it was pointed: give that file or its folder to fix it")])
        }
        let file: PlanFile
        switch PlanFile.read(path, forWriting: write) {
        case .failure(let e): return Done(problems: [e])
        case .success(let f): file = f
        }
        let plan = fixer.fix(file: path.display, bytes: file.bytes)
        var done = Done(plan: plan, problems: plan.problems)
        guard plan.changed else { return done }
        if let linked, let id = JSONReader.topLevelString(file.bytes, key: "id"), let link = linked[id] {
            done.executed = true
            let n = plan.fix.changes.count
            let first = link.first.map { " (first at \($0))" } ?? ""
            done.problems.append(.unusable(file: path.display, """
                not changed: plan \(id) has test results, \(link.cases == 1 ? "1 test case" : "\(link.cases) test cases") linked to it\(first), \
                and they ran on the versions it declares; fix would change \(n == 1 ? "1 version" : "\(n) versions"), and the plan would \
                then claim results for versions it was not tested on. To bring it onto the baseline: run s1check fix without --results \
                for this plan, re-run its tests on the new versions, and check it with the new results
                """))
            return done
        }
        if !write {
            done.diff = UnifiedDiff.render(old: plan.original, edits: plan.fix.fix.edits, path: names.name(path))
            return done
        }
        do {
            try file.replace(with: plan.fixed)
            done.written = true
        } catch {
            done.problems += error.all
        }
        return done
    }
}

/// How the patch names plans (docs/plans.md): `git apply` and `patch -p1` take the path after `a/` relative
/// to where they run, and refuse a `..` component or an absolute path. So a plan inside the folder `fix`
/// runs in is named from there (`Plans/x.plan.json`, without a leading `./`); when any plan is outside it
/// (`fix ../Plans`, `fix /abs/Plans`), every plan is named from the root folder, with every symlink on
/// the way resolved (`tmp/abs/Plans/x.plan.json`), so one patch applies from one place: `/`.
struct DiffNames: Sendable {
    let fromRoot: Bool

    init(fromRoot: Bool) { self.fromRoot = fromRoot }

    init(_ files: [FilePath]) {
        fromRoot = files.contains { DiffNames.needsResolving($0) && DiffNames.relativeToWorkingFolder($0) == nil }
    }

    func name(_ path: FilePath) -> [UInt8] {
        if fromRoot { return Array((DiffNames.resolved(path) ?? path.bytes).drop { $0 == UInt8(ascii: "/") }) }
        if DiffNames.needsResolving(path), let inside = DiffNames.relativeToWorkingFolder(path) { return inside }
        var b = path.bytes[...]
        while b.starts(with: [UInt8(ascii: "."), UInt8(ascii: "/")]) {
            b = b.dropFirst(2)
            while b.first == UInt8(ascii: "/") { b = b.dropFirst() }
        }
        return Array(b)
    }

    /// An absolute path, or one with a `..` component: not a name a patch may carry as it is.
    static func needsResolving(_ path: FilePath) -> Bool {
        path.bytes.first == UInt8(ascii: "/") || path.bytes.split(separator: UInt8(ascii: "/")).contains { $0.elementsEqual([0x2E, 0x2E]) }
    }

    /// The working folder, every symlink resolved.
    static let workingFolder: [UInt8]? = resolvedFolder(FilePath("."))

    static func resolvedFolder(_ folder: FilePath) -> [UInt8]? {
        guard let p = folder.withCString({ realpath($0, nil) }) else { return nil }
        defer { free(p) }
        return FilePath(cString: p).bytes
    }

    /// The plan's path from the root, its folder's symlinks resolved (the plan itself is not followed).
    static func resolved(_ path: FilePath) -> [UInt8]? {
        guard let folder = resolvedFolder(path.parent) else { return nil }
        return (folder == [UInt8(ascii: "/")] ? folder : folder + [UInt8(ascii: "/")]) + path.lastComponent
    }

    /// The plan's path relative to the working folder, when it is inside it.
    static func relativeToWorkingFolder(_ path: FilePath) -> [UInt8]? {
        guard let cwd = workingFolder, let full = resolved(path) else { return nil }
        let prefix = cwd == [UInt8(ascii: "/")] ? cwd : cwd + [UInt8(ascii: "/")]
        guard full.count > prefix.count, full.starts(with: prefix) else { return nil }
        return Array(full[prefix.count...])
    }
}

/// Where `fix --write` may write (docs/robustness.md): inside the folders named and the files named, every
/// symlink resolved. A folder search follows symlinked folders, so a plan it finds may lie elsewhere
/// (`plans/shared -> /srv/other`): such a plan is refused, not rewritten.
struct WriteScope: Sendable {
    var folders: [[UInt8]] = []
    var files: Set<[UInt8]> = []

    init(_ paths: [FilePath]) {
        for path in paths {
            var st = stat()
            guard path.trimmed.withCString({ stat($0, &st) }) == 0 else { continue }
            if (st.st_mode & S_IFMT) == S_IFDIR {
                if let real = DiffNames.resolvedFolder(path.trimmed) { folders.append(real == [UInt8(ascii: "/")] ? real : real + [UInt8(ascii: "/")]) }
            } else if let real = DiffNames.resolved(path.trimmed) {
                files.insert(real)
            }
        }
    }

    /// Where the plan really is, when that is outside every path given; nil when it is inside one.
    func outside(_ path: FilePath) -> [UInt8]? {
        guard let real = DiffNames.resolved(path) else { return nil }
        if files.contains(real) || folders.contains(where: { real.starts(with: $0) }) { return nil }
        return real
    }
}
