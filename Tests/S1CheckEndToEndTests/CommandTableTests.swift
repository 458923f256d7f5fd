import Foundation
import Testing
import S1CheckCore
@testable import s1check

/// The command table is the one declaration of the CLI: every help page, usage line and "did you mean"
/// the binary prints comes from it. These run over the whole table, so a new command or option is held
/// to them with nothing more.
@Suite struct CommandTableTests {
    /// Every command and subcommand, with the words that name it.
    static let all: [(words: [String], spec: CommandSpec)] = {
        var out: [(words: [String], spec: CommandSpec)] = []
        func add(_ c: CommandSpec, _ words: [String]) {
            out.append((words, c))
            for s in c.subcommands { add(s, words + [s.name]) }
        }
        for c in CommandTable.commands { add(c, [c.name]) }
        return out
    }()

    @Test func everyCommandsHelpIsItsDeclaration() throws {
        for (words, spec) in Self.all {
            let out = try CLI.run(words + ["--help"])
            #expect(out.status == 0 && out.stderr.isEmpty, "\(words)")
            #expect(out.stdout == Help.page(spec, words: words) + "\n", "\(words): --help is not the page from the table")
            let usage = out.stdout.components(separatedBy: "\n\n")[0]
            #expect(usage.hasPrefix("Usage: s1check \(words.joined(separator: " "))"))
            for option in spec.options {
                #expect(usage.contains(option.usage), "\(words): the usage line lacks \(option.usage)")
                #expect(out.stdout.contains("\n  \(option.label) "), "\(words): no line explains --\(option.name)")
                #expect(!option.help.isEmpty, "\(words): --\(option.name) has no help")
            }
            for line in usage.split(separator: "\n") {
                #expect(line.count <= Help.width, "\(words): usage line wider than \(Help.width): \(line)")
            }
        }
    }

    /// Every help page, the main one included, fits a 100-column terminal.
    @Test func everyHelpPageFitsAHundredColumns() throws {
        for words in [[]] + Self.all.map(\.words) {
            let out = try CLI.run(words + ["--help"])
            let long = out.stdout.split(separator: "\n").filter { $0.count > 100 }
            #expect(long.isEmpty, "\(words): \(long)")
        }
    }

    @Test func theMainHelpListsEveryCommand() throws {
        let out = try CLI.run(["--help"])
        #expect(out.stdout == Help.main + "\n")
        for (words, spec) in Self.all {
            let synopsis = Help.synopsis(spec, words: words)
            #expect(out.stdout.contains("  \(synopsis) ") || out.stdout.contains("  \(synopsis)\n"), "\(words)")
            #expect(out.stdout.contains(spec.summary), "\(words)")
        }
    }

    /// For every option of every command, a one-letter typo is refused and suggests it.
    @Test func aMistypedOptionSuggestsTheDeclaredOne() throws {
        for (words, spec) in Self.all {
            for option in spec.options {
                let typo = option.name + String(option.name.last!)
                let out = try CLI.run(words + ["--\(typo)"] + (option.takesValue ? ["x"] : []))
                #expect(out.status == 2, "\(words) --\(typo)")
                #expect(out.stderr == "s1check: unknown option --\(typo) (did you mean --\(option.name)?)\n", "\(words) --\(typo): \(out.stderr)")
            }
        }
    }

    @Test func aMistypedCommandSuggestsTheDeclaredOne() throws {
        for c in CommandTable.commands {
            let out = try CLI.run([String(c.name.dropLast())])
            #expect(out.status == 2 && out.stderr.contains("(did you mean \(c.name)?)"), "\(c.name): \(out.stderr)")
        }
    }

    /// What the parser refuses, from the declarations: a value missing, a single value given twice, a
    /// value on a flag; `--opt=value` and `--opt value` alike; a repeatable option kept in order.
    @Test func parsingFollowsTheDeclarations() throws {
        let format = Option<OutputFormat>.choice("format", "FORMAT", help: "f"), plans = RepeatedOption<FilePath>.planPaths("plans", help: "p")
        let strict = Flag("strict", help: "s")
        func parse(_ words: [String]) -> Result<ParsedArguments, Diagnostics> {
            do throws(Diagnostics) {
                return .success(try ParsedArguments(words.map { Argument(Array($0.utf8)) }, command: "t", options: [format.spec, plans.spec, strict.spec]))
            }
            catch { return .failure(error) }
        }
        func message(_ words: [String]) -> String? { if case .failure(let d) = parse(words) { d.all.map(\.message).joined(separator: "; ") } else { nil } }
        #expect(message(["--format"]) == "--format needs a value")
        #expect(message(["--format", "text", "--format=json"]) == "--format is given more than once")
        #expect(message(["--strict=yes"]) == "--strict takes no value")
        #expect(message(["--formt", "text"]) == "unknown option --formt (did you mean --format?)")
        let a = try parse(["x", "--format=json", "--plans", "p", "--strict", "--plans=q", "--", "--y"]).get()
        #expect(try a[format] == .json && a[strict])
        #expect(try a[plans].map(\.display) == ["p", "q"])
        #expect(a.positionalArguments.map(\.text) == ["x", "--y"])
    }

    /// Parses `words` as the command line of `command` (its words before them), as the binary does.
    static func parse(_ words: [String], as command: CommandSpec) throws(Diagnostics) -> ParsedArguments {
        try ParsedArguments(words.map { Argument(Array($0.utf8)) }, command: command.name, options: command.allOptions)
    }

    /// A key's value comes with its type: `--as-of` reads as a `CalendarDate`, a repeatable choice as its
    /// cases, an input file as a path; a value that is not one is the usage error naming the option.
    @Test func anOptionIsReadAsItsType() throws {
        let a = try Self.parse(["Plans", "--as-of", "2023-06-01", "--strict", "--format", "GitHub"], as: CommandTable.check)
        let asOf: CalendarDate? = try a[CheckCommand.asOf]
        #expect(asOf == CalendarDate(year: 2023, month: 6, day: 1))
        let strict: Bool = a[CheckCommand.strict], quiet: Bool = a[CheckCommand.quiet]
        #expect(strict && !quiet)
        #expect(try a[CheckCommand.format] == .github)
        #expect(try a[CheckCommand.baseline] == nil, "not given: nil, not a default")
        let bad = try Self.parse(["Plans", "--as-of", "2023-02-30"], as: CommandTable.check)
        #expect(throws: Diagnostics.self) { try bad[CheckCommand.asOf] }
        do { _ = try bad[CheckCommand.asOf] } catch { #expect(error.all.map(\.message) == ["--as-of must be a real date written YYYY-MM-DD, not \"2023-02-30\""]) }

        let i = try Self.parse(["--phase", "foc", "--id", "X-1", "--installation-type", "active", "--installation-type", "Dormant",
                                "--baseline", "b.json"], as: CommandTable.initPlan)
        let types: [InstallationType] = try i[InitCommand.installationType]
        #expect(types == [.Active, .Dormant])
        #expect(try i[InitCommand.phase] == .FOC)
        let baseline: FilePath? = try i[InitCommand.baseline]
        #expect(baseline?.display == "b.json")
        #expect(try i[InitCommand.deviceModel].isEmpty, "a repeatable option not given reads as none")
        let results = RepeatedOption<FilePath>.inputFiles("results", help: "r")
        let r = try ParsedArguments(["--results", "a.xml", "--results=b.xml"].map { Argument(Array($0.utf8)) }, command: "t", options: [results.spec])
        #expect(try r[results].map(\.display) == ["a.xml", "b.xml"])
        let stdin = try Self.parse(["--phase", "FOC", "--id", "X-1", "--baseline", "-"], as: CommandTable.initPlan)
        do { _ = try stdin[InitCommand.baseline]; Issue.record("--baseline - read as a file") } catch {
            #expect(error.first.message.hasPrefix("--baseline needs a file; s1check does not read inputs from standard input"))
        }
    }

    /// Every typed key declared for a command (the `static let` keys in CommandTable.swift) is listed in a
    /// table entry, and every key an entry lists is on that command's `--help` (its usage form and its
    /// help line, as its type spells them): no option can be read that a user cannot give or look up.
    @Test func everyDeclaredKeyIsOnItsHelpPage() throws {
        let source = try String(contentsOf: CLI.packageRoot.appendingPathComponent("Sources/s1check/CommandLine/CommandTable.swift"), encoding: .utf8)
        var declared: [String] = [], type: String?
        for line in source.split(separator: "\n") {
            if let m = line.firstMatch(of: /^extension (\w+) \{/) { type = String(m.1); continue }
            if line.hasPrefix("}") { type = nil; continue }
            if let type, let m = line.firstMatch(of: /^    static let (\w+)(: [^=]+)? = (Option<|RepeatedOption<|Flag\(|CommandTable\.|ReportFormat\.)/) {
                declared.append("\(type).\(m.1)")
            }
        }
        #expect(declared.count >= 40, "the keys were not found in CommandTable.swift: \(declared)")
        let entries = source.components(separatedBy: "\n// The options each command reads")[0]
        for key in declared {
            #expect(entries.contains(key + ",") || entries.contains(key + "]") || entries.contains(key + ".map"),
                    "\(key) is declared but listed in no command's entry")
        }
        var seen = 0
        for (words, spec) in Self.all {
            let help = try CLI.run(words + ["--help"]).stdout
            for option in spec.options {
                seen += 1
                let usage: String
                switch option.kind {
                case .flag: usage = "[--\(option.name)]"
                case .value(let t): usage = option.required ? "--\(option.name) \(Self.spelling(t, option.valueName))" : "[--\(option.name) \(Self.spelling(t, option.valueName))]"
                case .repeatable(let t): usage = "[--\(option.name) \(Self.spelling(t, option.valueName))]..."
                }
                #expect(help.contains(" " + usage), "\(words): the usage line lacks \(usage)")
                let firstLine = option.help.split(separator: "\n")[0]
                #expect(help.contains("\n  \(option.label)") && help.contains(firstLine), "\(words): no help line for --\(option.name)")
            }
        }
        #expect(seen >= declared.count, "fewer options on the help pages (\(seen)) than keys declared (\(declared.count))")
    }

    /// How a value type is spelt on the usage line.
    static func spelling(_ type: OptionSpec.ValueType, _ valueName: String) -> String {
        switch type {
        case .choice(let words): words.joined(separator: "|")
        case .date: "YYYY-MM-DD"
        default: valueName
        }
    }

    /// Several diagnostics thrown as one keep every one, in order; none is nothing to throw.
    @Test func severalDiagnosticsThrownAsOne() throws {
        let d = try #require(Diagnostics([.usage("a"), .usage("b"), .usage("c")]))
        #expect(d.all.map(\.message) == ["a", "b", "c"])
        #expect(Diagnostics(.usage("a")).all.map(\.message) == ["a"])
        #expect(Diagnostics([]) == nil)
    }
}
