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

/// The commands s1check takes, each declared once (name, arguments, options, help, what it runs): the
/// parser, every help page, the usage lines, "did you mean" and the dispatch all come from this table.
/// A new command is an entry here and its run function; a new option is a typed key declared beside its
/// command's entry (`static let asOf = Option<CalendarDate>.date(…)`), listed in the entry, and read by
/// the command as `arguments[Self.asOf]`.
enum CommandTable {
    static let commands: [CommandSpec] = [check, fix, baseline, initPlan, scope, rules, explain, schema]

    /// `--baseline FILE` where a baseline is shown or a plan made from it.
    static let baselineFile = Option<FilePath>.inputFile("baseline", help: "a baseline file instead of the embedded TBRD v1.24")

    /// `--no-config`, where a policy file is found from the inputs.
    static let noConfig = Flag("no-config", help: "use no policy file, even if an s1check.json is found")

    /// `--results PATH`, where test results are read (check, fix): docs/execution.md.
    static let results = RepeatedOption<FilePath>.inputFiles("results", .path, "PATH", help: """
        JUnit XML test results (a file, or a folder searched for *.xml; once per
        path): each plan's linked tests must have run and passed (docs/execution.md)
        """)

    static let check = CommandSpec(
        name: "check", summary: "check plans: files, or folders of *.plan.json",
        positionals: .oneOrMore("PATH", expected: "at least one plan file or folder (e.g. s1check check Plans)"),
        options: [CheckCommand.baseline, CheckCommand.devices, CheckCommand.scope, CheckCommand.config, CheckCommand.noConfig,
                  CheckCommand.results]
            + CheckCommand.reports.map(\.key)
            + [CheckCommand.format, CheckCommand.quiet, CheckCommand.verbose, CheckCommand.statistics, CheckCommand.strict,
               CheckCommand.keepGoing, CheckCommand.asOf],
        contradicting: [[CheckCommand.quiet, CheckCommand.verbose], [CheckCommand.config, CheckCommand.noConfig]],
        discussion: """
            Checks every plan. A folder is searched recursively for *.plan.json (other *.json files are listed
            as passed over; a near miss such as x.Plan.JSON is an input error naming the right name); a file
            given by name is read whatever its name.
            """,
        epilogue: """
            Reports are written as a set: none is replaced unless all are complete; missing folders are
            created; an input is never overwritten. FILE may be - (standard output), a device or a FIFO, which
            are written into; a symlink to a file is refused.
            \(Help.exitStatus)
            """,
        run: { a throws(Diagnostics) in try CheckCommand.run(a) })

    static let fix = CommandSpec(
        name: "fix", summary: "a patch bringing drifted versions onto the baseline",
        positionals: .oneOrMore("PATH", expected: "at least one plan file or folder (e.g. s1check fix Plans)"),
        options: [FixCommand.baseline, FixCommand.config, FixCommand.write, FixCommand.confirmTBRD, FixCommand.noConfig, FixCommand.results],
        contradicting: [[FixCommand.config, FixCommand.noConfig]],
        discussion: """
            Brings plans onto the baseline: changes the version of each drifted artefact (an artefact-version
            fail) that has exactly one relevant version, and no other byte of the file; a tbrd older than the
            baseline's only with --confirm-tbrd. Several relevant versions side by side, a document declared
            more than once and a waived finding are listed as notes with the choices, never guessed; a version
            is never lowered. The output ends with what a person still has to do.
            """,
        epilogue: """
            A plan is never written through a symlink, when it is read-only or has other hard links, or when it
            changed since it was read. Notes, errors and the summary go to standard error.
            Exit status: without --write, 0 nothing to change, 1 a change to make; with --write, 0 written;
            2 usage or input error, or a plan that could not be written.
            """,
        run: { a throws(Diagnostics) in try FixCommand.run(a) })

    static let baseline = CommandSpec(
        name: "baseline", summary: "show the resolved baseline",
        options: [BaselineCommand.baseline, BaselineCommand.phase, BaselineCommand.format],
        subcommands: [
            CommandSpec(
                name: "export", summary: "print the baseline file in use, unchanged",
                options: [BaselineCommand.baseline],
                discussion: """
                    Prints the baseline file in use (embedded, or --baseline) byte for byte, to copy and edit for the
                    next TBRD issue. A broken file is an input error, and nothing is printed.
                    """,
                run: { a throws(Diagnostics) in try BaselineCommand.export(a) }),
            CommandSpec(
                name: "diff", summary: "what changed between two baseline files",
                positionals: .exactly("OLD", "NEW", expected: "two baselines: OLD NEW (use @embedded for the embedded one)",
                                      // A third path is most likely a second plan folder after --plans, which takes one path each time.
                                      tooMany: { a in a.given(BaselineCommand.plans) ? "give --plans once per plan path (--plans A --plans B)" : nil }),
                options: [BaselineCommand.plans, BaselineCommand.format],
                discussion: """
                    Artefacts added, removed and re-versioned, consultations opened or closed, and SEC / SVTAD / TBRD
                    changes between OLD and NEW (use @embedded for the embedded baseline, and ./@embedded for a
                    file of that name).
                    """,
                epilogue: "Exit status: 0 nothing changed, 1 something changed, 2 input error.",
                run: { a throws(Diagnostics) in try BaselineCommand.diff(a) }),
        ],
        discussion: """
            The resolved baseline: each artefact with its version and where it came from (Annex A, legal
            effect, consultation).
            """,
        run: { a throws(Diagnostics) in try BaselineCommand.show(a) })

    static let initPlan = CommandSpec(
        name: "init", summary: "print a new plan at the resolved baseline",
        options: [InitCommand.phase, InitCommand.id, InitCommand.title, InitCommand.start, InitCommand.end, InitCommand.baseline,
                  InitCommand.devices, InitCommand.deviceModel, InitCommand.combination, InitCommand.testType,
                  InitCommand.installationType, InitCommand.schemaPath],
        discussion: """
            Prints a new plan declaring every artefact that applies to the phase at its resolved version (the
            most recent, where several versions are in legal effect side by side), with a test window (default:
            today to today; set it to the real dates). With --devices, --device-model and --combination fill in
            the device models and combinations from the registry (each must be eligible for the phase); else
            add them by hand. Then `s1check check` it. What check would refuse is a usage error (exit 2).
            """,
        run: { a throws(Diagnostics) in try InitCommand.run(a) })

    static let scope = CommandSpec(
        name: "scope", summary: "release scopes (see: scope init)",
        subcommands: [
            CommandSpec(
                name: "init", summary: "print a release scope from the device registry",
                options: [ScopeCommand.phase, ScopeCommand.devices, ScopeCommand.release, ScopeCommand.testType,
                          ScopeCommand.installationType, ScopeCommand.baseline, ScopeCommand.schemaPath],
                discussion: """
                    Prints a release scope requiring every combination the registry lists as eligible for the phase,
                    for each test type and installation type: one cell each. Trim it to the release, add equivalents
                    and exclusions (with reason, approver and expiry), then `s1check check --devices FILE --scope FILE`.
                    """,
                run: { a throws(Diagnostics) in try ScopeCommand.initScope(a) }),
        ],
        discussion: """
            A release scope (`check --scope FILE`) says what a release's testing must cover: phase ×
            combination × test type × installation type. `scope init` writes one to start from.
            """,
        run: { _ throws(Diagnostics) in throw Diagnostics.usage("scope needs a subcommand: scope init (see s1check scope --help)") })

    static let rules = CommandSpec(
        name: "rules", summary: "the rules: id, status, clause, whether waivable",
        options: [RulesCommand.listFormat],
        discussion: """
            The catalogue of rules, in the order they run: each id (as findings, waivers and policy files name
            it), the statuses its findings can have, whether a waiver may waive it, and the clause it rests on.
            """,
        argumentHint: "rules takes none; for one rule, s1check explain RULE",
        run: { a throws(Diagnostics) in try RulesCommand.list(a) })

    static let explain = CommandSpec(
        name: "explain", summary: "one rule: its summary, clause and worked examples",
        positionals: .exactly("RULE", expected: "one rule id, such as s1check explain artefact-version (s1check rules lists them)"),
        options: [RulesCommand.explainFormat],
        discussion: """
            One rule: its summary, the clause it rests on, the statuses its findings can have, whether a waiver
            may waive it, and its worked examples (plan fragments with the exact findings they give, which run
            as tests). RULE is an id from s1check rules, such as artefact-version or input-error.
            """,
        run: { a throws(Diagnostics) in try RulesCommand.explain(a) })

    static let schema = CommandSpec(
        name: "schema", summary: "print the JSON Schema of an input or a report",
        positionals: .exactly("NAME", expected: "one name, \(SchemaCommand.Name.allCases.map(\.rawValue).joined(separator: ", ")) (such as s1check schema plan)"),
        discussion: """
            Prints the JSON Schema built into s1check for a file it reads (NAME: plan, scope, policy,
            devices, baseline) or writes (report: the --json report), byte for byte as this release's
            Plans/schemas/NAME.schema.json. Each has the $id urn:s1check:schema:NAME. Save them once beside
            your plans, for editors and the $schema that init and scope init write:
              s1check schema plan > Plans/schemas/plan.schema.json
            """,
        run: { a throws(Diagnostics) in try SchemaCommand.run(a) })

    /// The process's arguments to an exit status: the command they name, run; a usage or input error
    /// thrown (one type, `Diagnostic`) is the caller's to report.
    static func main(_ args: [Argument]) throws(Diagnostics) -> Int32 {
        switch args.first?.text {
        case nil:
            // No command is a usage error: the help goes to standard error, where errors go.
            Output.write(Help.main + "\n", to: STDERR_FILENO)
            return 2
        case "help" where args.count > 1:
            // `help check`, `help scope init`: the page `check --help` shows.
            return try run(try named(args.dropFirst().map(\.text)), words: args.dropFirst().map(\.text), [Argument(Array("--help".utf8))])
        case "--help", "-h", "help":
            Output.line(Help.main)
            return 0
        case "--version", "version":
            Output.line(versionLine)
            return 0
        case let word?:
            guard let command = commands.first(where: { $0.name == word }) else {
                let other = FilePath(word).display
                let hint = nearest(to: other, in: commands.map(\.name), limit: 1, maxDistance: 3).first.map { " (did you mean \($0)?)" } ?? ""
                throw Diagnostics.usage("unknown command \"\(other)\"\(hint); see s1check --help")
            }
            return try run(command, words: [word], Array(args.dropFirst()))
        }
    }

    /// `s1check --version` (and `check --version`): the version and the embedded baseline's TBRD issue.
    static var versionLine: String {
        "\(ToolInfo.name) \(ToolInfo.version) (embedded baseline: TBRD v\(EmbeddedBaseline.load().tbrd.version))"
    }

    /// The command (or subcommand) `words` name, for `help WORDS`; a usage error with the nearest name.
    static func named(_ words: [String]) throws(Diagnostics) -> CommandSpec {
        var list = commands, found: CommandSpec?
        for (i, word) in words.enumerated() {
            guard let c = list.first(where: { $0.name == word }) else {
                let before = words[..<i].joined(separator: " ")
                let hint = nearest(to: word, in: list.map(\.name), limit: 1, maxDistance: 3).first.map { " (did you mean \($0)?)" } ?? ""
                throw Diagnostics.usage("no help for \"\(FilePath(word).display)\"\(before.isEmpty ? "" : " in \(before)")\(hint); see s1check --help")
            }
            found = c
            list = c.subcommands
        }
        return found!
    }

    /// Runs `command` (or the subcommand its first argument names) on its arguments: parsed against its
    /// options, its help if asked, its arguments and required options checked, then its run function.
    static func run(_ command: CommandSpec, words: [String], _ args: [Argument]) throws(Diagnostics) -> Int32 {
        if let first = args.first?.text, let sub = command.subcommands.first(where: { $0.name == first }) {
            return try run(sub, words: words + [sub.name], Array(args.dropFirst()))
        }
        let name = words.joined(separator: " ")
        let a = try ParsedArguments(args, command: name, options: command.allOptions)
        if a[CommandSpec.help] { Output.line(Help.page(command, words: words)); return 0 }
        if a[CommandSpec.version] { Output.line(versionLine); return 0 }
        if command.positionals.max == 0, let extra = a.positionalArguments.first {
            let names = command.subcommands.map(\.name)
            let takes = names.isEmpty ? command.argumentHint
                : "\(name) takes \((names.count > 1 ? names.dropLast().joined(separator: ", ") + ", " : "") + names.last!) or options"
            throw Diagnostics.usage("unexpected argument \"\(extra.path.display)\"" + (takes.map { " (\($0))" } ?? ""))
        }
        for names in command.contradicting {
            let given = names.filter { a.given($0) }
            if given.count > 1 {
                throw Diagnostics.usage(given.map { "--\($0.name)" }.joined(separator: " and ") + " contradict each other: give one")
            }
        }
        for o in command.options where o.required && !a.given(o) { throw Diagnostics.usage("\(name) needs \(o.synopsis)") }
        // After the options, as each command counted them before: `check --quiet --verbose` names the contradiction.
        if let wrong = command.positionals.check(a.positionalArguments.count, command: name, a) { throw Diagnostics(wrong) }
        return try command.run(a)
    }
}

// The options each command reads, declared once as typed keys: the table's entries list them (their order
// is the help page's), the parser reads the command line against them, the command reads their values.

extension CheckCommand {
    static let baseline = Option<FilePath>.inputFile("baseline", help: "a baseline file instead of the embedded TBRD v1.24\n(see `s1check baseline export`)")
    static let devices = Option<FilePath>.inputFile("devices", help: "a device registry: check each device model and combination is\neligible for the phase")
    static let scope = Option<FilePath>.inputFile("scope", help: "a release scope (needs --devices): judge its coverage by the plans\n(phase × combination × test type × installation type)")
    static let config = Option<FilePath>.inputFile("config", help: """
        a policy file: per-rule levels (allow | warn | deny) and shared waivers
        (default: the nearest s1check.json from the inputs up to the repository root)
        """)
    static let noConfig = CommandTable.noConfig
    static let results = CommandTable.results
    /// `--junit FILE`, `--markdown FILE`, …: one per report format, "-" being standard output.
    static let reports: [(format: ReportFormat, key: Option<Argument>)] = ReportFormat.files.map { ($0, .report($0.rawValue, help: $0.help)) }
    static let format = Option<ConsoleFormat>.choice("format", "FORMAT", help: "console output: text (default) or github (Actions workflow commands)")
    static let quiet = Flag("quiet", help: "console: only the findings that fail or warn, and the summary (reports keep all)")
    static let verbose = Flag("verbose", help: "console: the passes too")
    static let statistics = Flag("statistics", help: "console: the findings counted per rule and status, before the summary")
    static let strict = Flag("strict", help: "warnings fail the run (exit 1), and every CI format reports them as failures")
    static let keepGoing = Flag("keep-going", help: "an unreadable plan is reported as a failing plan (exit 1) instead of exit 2")
    static let asOf = Option<CalendarDate>.date("as-of", help: "the date waivers are judged against (default: today); reports record it")
}

extension FixCommand {
    static let baseline = CommandTable.baselineFile
    static let config = Option<FilePath>.inputFile("config", help: """
        a policy file whose shared waivers are respected, like a plan's own
        (default: the nearest s1check.json from the inputs, as for check)
        """)
    static let write = Flag("write", help: """
        replace each plan that changes (atomically, keeping its permissions) instead
        of printing the unified diff (for git apply or patch -p1) on standard output
        """)
    static let confirmTBRD = Flag("confirm-tbrd", help: """
        also raise an older tbrd to the baseline's TBRD issue: give it only once a
        person has re-confirmed the plans against that issue (else tbrd is listed)
        """)
    static let noConfig = CommandTable.noConfig
    static let results = CommandTable.results
}

extension BaselineCommand {
    static let baseline = CommandTable.baselineFile
    static let phase = Option<Phase>.choice("phase", "PHASE", help: "leave out what does not apply to the phase")
    /// `baseline` and `baseline diff`.
    static let format = Option<OutputFormat>.choice("format", "FORMAT", help: "text (default), markdown or json")
    /// `baseline diff`.
    static let plans = RepeatedOption<FilePath>.planPaths("plans", help: "plans (a file or a folder; once per path): list the ones each\nchange puts out of date")
}

extension InitCommand {
    static let phase = Option<Phase>.choice("phase", "PHASE", required: true, help: "the phase: the plan declares every artefact that applies to it")
    static let id = Option<String>.text("id", "ID", required: true, help: "the plan's id")
    static let title = Option<String>.text("title", "TITLE", help: "the plan's title (default: \"PHASE variation test ID\")")
    static let start = Option<CalendarDate>.date("start", help: "the test window's first day (default: today)")
    static let end = Option<CalendarDate>.date("end", help: "the test window's last day (default: the first)")
    static let baseline = CommandTable.baselineFile
    static let devices = Option<FilePath>.inputFile("devices", help: "the device registry --device-model and --combination are taken from")
    static let deviceModel = RepeatedOption<String>.text("device-model", "ID", help: "a registry device model (by id) the plan tests; once per model")
    static let combination = RepeatedOption<String>.text("combination", "ID", help: "a registry combination (by id) the plan tests; once per combination")
    static let testType = Option<TestType>.choice("test-type", "TYPE", help: "the plan's test type (for a release scope's coverage)")
    static let installationType = RepeatedOption<InstallationType>.choice("installation-type", "TYPE", help: "an installation type the plan tests on; once per type")
    static let schemaPath = Option<String>.text("schema-path", "REF", help: "the plan's $schema, relative to where it is saved, or a URL\n(default: ../schemas/plan.schema.json; see s1check schema)")
}

extension ScopeCommand {
    static let phase = Option<Phase>.choice("phase", "PHASE", required: true, help: "the phase whose eligible combinations the scope requires")
    static let devices = Option<FilePath>.inputFile("devices", required: true, help: "the device registry the combinations are taken from")
    static let release = Option<String>.text("release", "NAME", help: "the release the scope is for (default: \"SMETS1 PHASE release\")")
    static let testType = RepeatedOption<TestType>.choice("test-type", "TYPE", help: "a test type every combination needs (default: all four); once per type")
    static let installationType = RepeatedOption<InstallationType>.choice("installation-type", "TYPE", help: "an installation type (default: all three); once per type")
    static let baseline = CommandTable.baselineFile
    static let schemaPath = Option<String>.text("schema-path", "REF", help: "the scope's $schema, relative to where it is saved, or a URL\n(default: schemas/scope.schema.json; see s1check schema)")
}

extension RulesCommand {
    /// `rules`.
    static let listFormat = Option<DocumentFormat>.choice("format", "FORMAT", help: """
        text (default), or markdown: the catalogue with every rule's examples
        (docs/rules.md is this output)
        """)
    /// `explain`.
    static let explainFormat = Option<DocumentFormat>.choice("format", "FORMAT", help: "text (default) or markdown")
}
