import S1CheckCore

/// A usage error: wrong flags or values. Exit status 2, message to standard error.
struct UsageError: Error {
    let message: String
}

/// A minimal command-line parser: positional arguments, `--name value` / `--name=value` options (some
/// repeatable), and flags. Unknown options are errors with a suggestion, like unknown keys in plans.
struct Arguments {
    var positional: [String] = []
    var values: [String: [String]] = [:]
    var flags: Set<String> = []

    init(_ args: [String], options: [String], flags allowedFlags: [String]) throws {
        var i = 0
        var onlyPositional = false
        while i < args.count {
            let a = args[i]
            i += 1
            if onlyPositional || !a.hasPrefix("--") || a == "-" {
                if !onlyPositional && a.hasPrefix("-") && a != "-" && a.count > 1 {
                    throw UsageError(message: "unknown option \(a)")
                }
                positional.append(a)
                continue
            }
            if a == "--" { onlyPositional = true; continue }
            var name = String(a.dropFirst(2))
            var inline: String?
            if let eq = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            if allowedFlags.contains(name) {
                if inline != nil { throw UsageError(message: "--\(name) takes no value") }
                flags.insert(name)
            } else if options.contains(name) {
                let value: String
                if let inline { value = inline } else {
                    guard i < args.count else { throw UsageError(message: "--\(name) needs a value") }
                    value = args[i]
                    i += 1
                }
                values[name, default: []].append(value)
            } else {
                let all = options + allowedFlags
                let hint = nearest(to: name, in: all, limit: 1, maxDistance: 3).first.map { " (did you mean --\($0)?)" } ?? ""
                throw UsageError(message: "unknown option --\(name)\(hint)")
            }
        }
    }

    /// The single value of an option given at most once.
    func value(_ name: String) throws -> String? {
        guard let v = values[name] else { return nil }
        if v.count > 1 { throw UsageError(message: "--\(name) is given more than once") }
        return v[0]
    }

    func has(_ flag: String) -> Bool { flags.contains(flag) }
}

extension Phase {
    static func parseOption(_ s: String) throws -> Phase {
        guard let p = Phase(rawValue: s.uppercased()) else {
            throw UsageError(message: "--phase must be IOC, MOC or FOC, not \"\(s)\"")
        }
        return p
    }
}

enum OutputFormat: String {
    case text, markdown, json
    static func parse(_ s: String?) throws -> OutputFormat {
        guard let s else { return .text }
        guard let f = OutputFormat(rawValue: s) else { throw UsageError(message: "--format must be text, markdown or json, not \"\(s)\"") }
        return f
    }
}
