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
        let options: [OptionSpec] = [.value("format", .choice(["a", "b"]), "FORMAT", help: "f"), .repeatable("plans", .path, "PATH", help: "p"),
                                     .flag("strict", help: "s")]
        func parse(_ words: [String]) -> Result<ParsedArguments, Diagnostic> {
            do throws(Diagnostic) { return .success(try ParsedArguments(words.map { Argument(Array($0.utf8)) }, command: "t", options: options)) }
            catch { return .failure(error) }
        }
        func message(_ words: [String]) -> String? { if case .failure(let d) = parse(words) { d.message } else { nil } }
        #expect(message(["--format"]) == "--format needs a value")
        #expect(message(["--format", "a", "--format=b"]) == "--format is given more than once")
        #expect(message(["--strict=yes"]) == "--strict takes no value")
        #expect(message(["--formt", "a"]) == "unknown option --formt (did you mean --format?)")
        let a = try parse(["x", "--format=a", "--plans", "p", "--strict", "--plans=q", "--", "--y"]).get()
        #expect(a.value("format") == "a" && a.has("strict"))
        #expect(a.all("plans")?.map(\.text) == ["p", "q"])
        #expect(a.positionalArguments.map(\.text) == ["x", "--y"])
    }

    /// Several diagnostics thrown as one keep every one, in order.
    @Test func severalDiagnosticsThrownAsOne() {
        let d = Diagnostic(Diagnostics([.usage("a"), .usage("b"), .usage("c")]))
        #expect(d.all.map(\.message) == ["a", "b", "c"])
    }
}
