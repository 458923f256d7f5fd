import Foundation
import S1CheckCore

// The thin entry point: pick the command, map errors to exit statuses (2 for usage and input errors).

let args = Array(CommandLine.arguments.dropFirst())
let status: Int32
do {
    switch args.first {
    case nil, "--help", "-h", "help":
        Output.line(Help.main)
        status = args.isEmpty ? 2 : 0
    case "--version", "version":
        Output.line("\(ToolInfo.name) \(ToolInfo.version) (embedded baseline: TBRD v\(EmbeddedBaseline.load().tbrd.version))")
        status = 0
    case "check":
        status = try CheckCommand.run(Array(args.dropFirst()))
    case "baseline":
        status = try BaselineCommand.run(Array(args.dropFirst()))
    case "init":
        status = try InitCommand.run(Array(args.dropFirst()))
    case let other?:
        let hint = nearest(to: other, in: ["check", "baseline", "init"], limit: 1, maxDistance: 3).first.map { " (did you mean \($0)?)" } ?? ""
        throw UsageError(message: "unknown command \"\(other)\"\(hint); see s1check --help")
    }
} catch let e as UsageError {
    Console.error(e.message)
    status = 2
} catch let e as InputErrors {
    for err in e.errors { Console.error(err.description) }
    status = 2
} catch {
    Console.error("\(error)")
    status = 2
}
exit(status)
