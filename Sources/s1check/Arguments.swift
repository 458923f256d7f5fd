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

/// One command-line argument: its bytes (a path need not be UTF-8, and `CommandLine.arguments` replaces
/// bytes that are not) and its text, for option names and values that are words.
struct Argument: Sendable, Hashable {
    let bytes: [UInt8]
    var text: String { String(decoding: bytes, as: UTF8.self) }
    var path: FilePath { FilePath(bytes) }

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The process's arguments after the program name, byte for byte.
    static var process: [Argument] {
        (1..<Int(CommandLine.argc)).compactMap { i in
            CommandLine.unsafeArgv[i].map { p in
                Argument(FilePath(cString: p).bytes)
            }
        }
    }
}

/// A minimal command-line parser: positional arguments, `--name value` / `--name=value` options (some
/// repeatable), and flags. Unknown options are errors with a suggestion, like unknown keys in plans.
///
/// An option's value is never taken from what looks like another option: `--junit $UNSET --strict`
/// must not write a JUnit file named "--strict" and pass. A missing value, an empty one, or one starting
/// with "-" (other than "-" itself, standard output where a file is expected) is a usage error; a file
/// whose name starts with "-" is written `./-name`.
struct Arguments {
    var positionalArguments: [Argument] = []
    var values: [String: [Argument]] = [:]
    var flags: Set<String> = []

    init(_ args: [Argument], options: [String], flags allowedFlags: [String]) throws(Diagnostic) {
        var i = 0
        var onlyPositional = false
        while i < args.count {
            let arg = args[i]
            let a = arg.text
            i += 1
            if onlyPositional || !a.hasPrefix("--") || a == "-" {
                if !onlyPositional && a.hasPrefix("-") && a != "-" {
                    throw Diagnostic.usage("unknown option \(arg.path.display)")
                }
                positionalArguments.append(arg)
                continue
            }
            if a == "--" { onlyPositional = true; continue }
            // The option name is text; its inline value keeps its bytes.
            var name = String(a.dropFirst(2))
            var inline: Argument?
            if let eq = arg.bytes.firstIndex(of: UInt8(ascii: "=")) {
                inline = Argument(Array(arg.bytes[(eq + 1)...]))
                name = String(decoding: arg.bytes[2..<eq], as: UTF8.self)
            }
            if allowedFlags.contains(name) {
                if inline != nil { throw Diagnostic.usage("--\(name) takes no value") }
                flags.insert(name)
            } else if options.contains(name) {
                let value: Argument
                if let inline { value = inline } else {
                    guard i < args.count else { throw Diagnostic.usage("--\(name) needs a value") }
                    value = args[i]
                    i += 1
                }
                try Arguments.checkValue(value, of: name)
                values[name, default: []].append(value)
            } else {
                let all = options + allowedFlags
                let hint = nearest(to: name, in: all, limit: 1, maxDistance: 3).first.map { " (did you mean --\($0)?)" } ?? ""
                throw Diagnostic.usage("unknown option --\(FilePath(name).display)\(hint)")
            }
        }
    }

    static func checkValue(_ value: Argument, of name: String) throws(Diagnostic) {
        if value.bytes.isEmpty { throw Diagnostic.usage("--\(name) needs a value, and was given an empty one") }
        if value.bytes.first == UInt8(ascii: "-") && value.bytes != [UInt8(ascii: "-")] {
            throw Diagnostic.usage("--\(name) needs a value, not \"\(value.path.display)\", which looks like an option (for a file of that name, write ./\(value.path.display))")
        }
    }

    /// The single value of an option given at most once.
    func argument(_ name: String) throws(Diagnostic) -> Argument? {
        guard let v = values[name] else { return nil }
        if v.count > 1 { throw Diagnostic.usage("--\(name) is given more than once") }
        return v[0]
    }

    /// The single value of an option given at most once, as text.
    func value(_ name: String) throws(Diagnostic) -> String? { try argument(name)?.text }

    /// The single value of an option that names an input file: "-" (standard input) is not one.
    func inputPath(_ name: String) throws(Diagnostic) -> FilePath? {
        guard let a = try argument(name) else { return nil }
        if a.bytes == [UInt8(ascii: "-")] {
            throw Diagnostic.usage("--\(name) needs a file; s1check does not read inputs from standard input (for a file named -, write ./-)")
        }
        return a.path
    }

    static func inputPaths(_ args: [Argument]) throws(Diagnostic) -> [FilePath] {
        for a in args {
            if a.bytes.isEmpty { throw Diagnostic.usage("an empty argument where a plan file or folder was expected") }
            if a.bytes == [UInt8(ascii: "-")] {
                throw Diagnostic.usage("s1check does not read plans from standard input; give files or folders (for a file named -, write ./-)")
            }
        }
        return args.map(\.path)
    }

    func has(_ flag: String) -> Bool { flags.contains(flag) }
}

/// An option whose value is one of a few words (`--format`, `--phase`).
protocol OptionChoice: CaseIterable, RawRepresentable where RawValue == String {}

extension OptionChoice {
    /// The case `text` names (after `normalise`), or a usage error listing them: `--format must be text,
    /// markdown or json, not "x"`.
    static func parse(_ text: String, option: String, normalise: (String) -> String = { $0 }) throws(Diagnostic) -> Self {
        if let value = Self(rawValue: normalise(text)) { return value }
        let names = allCases.map(\.rawValue)
        let list = names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + names.last! : names.joined()
        throw Diagnostic.usage("--\(option) must be \(list), not \"\(text)\"")
    }
}

extension Phase: OptionChoice {
    static func parseOption(_ s: String) throws(Diagnostic) -> Phase { try parse(s, option: "phase", normalise: { $0.uppercased() }) }
}

extension ConsoleFormat: OptionChoice {}

enum OutputFormat: String, OptionChoice {
    case text, markdown, json
    static func parse(_ s: String?) throws(Diagnostic) -> OutputFormat { try s.map { text throws(Diagnostic) in try parse(text, option: "format") } ?? .text }
}

/// `--format` of the commands that print documentation (`rules`, `explain`).
enum DocumentFormat: String, OptionChoice {
    case text, markdown
    static func parse(_ s: String?) throws(Diagnostic) -> DocumentFormat { try s.map { text throws(Diagnostic) in try parse(text, option: "format") } ?? .text }
}
