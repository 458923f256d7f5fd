#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import S1CheckCore

// The thin entry point: pick the command, map errors to exit statuses (2 for usage and input errors).

// Arguments as bytes: a path need not be UTF-8 (CommandLine.arguments would replace its bad bytes).
let args = Argument.process
let status: Int32
do {
    switch args.first?.text {
    case nil:
        // No command is a usage error: the help goes to standard error, where errors go.
        Output.write(Help.main + "\n", to: STDERR_FILENO)
        status = 2
    case "--help", "-h", "help":
        Output.line(Help.main)
        status = 0
    case "--version", "version":
        Output.line("\(ToolInfo.name) \(ToolInfo.version) (embedded baseline: TBRD v\(EmbeddedBaseline.load().tbrd.version))")
        status = 0
    case "check":
        status = try CheckCommand.run(Array(args.dropFirst()))
    case "baseline":
        status = try BaselineCommand.run(Array(args.dropFirst()))
    case "init":
        status = try InitCommand.run(Array(args.dropFirst()))
    case "fix":
        status = try FixCommand.run(Array(args.dropFirst()))
    case "rules":
        status = try RulesCommand.list(Array(args.dropFirst()))
    case "explain":
        status = try RulesCommand.explain(Array(args.dropFirst()))
    case let other?:
        let other = FilePath(other).display
        let hint = nearest(to: other, in: ["check", "fix", "baseline", "init", "rules", "explain"], limit: 1, maxDistance: 3).first.map { " (did you mean \($0)?)" } ?? ""
        throw Diagnostic.usage("unknown command \"\(other)\"\(hint); see s1check --help")
    }
} catch let d as Diagnostic {
    Console.report(d)
    status = 2
} catch let d as Diagnostics {
    for e in d.all { Console.report(e) }
    status = 2
} catch {
    // Every thrown error is a Diagnostic; this is the backstop, in the tool's own words.
    Console.report(.usage("an unexpected error stopped the run"))
    status = 2
}
exit(status)
