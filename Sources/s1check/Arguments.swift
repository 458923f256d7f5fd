import S1CheckCore

/// A minimal command-line parser: positional arguments, `--name value` / `--name=value` options (some
/// repeatable), and flags. Unknown options are errors with a suggestion, like unknown keys in plans.
struct Arguments {
    var positional: [String] = []
    var values: [String: [String]] = [:]
    var flags: Set<String> = []

    init(_ args: [String], options: [String], flags allowedFlags: [String]) throws(Diagnostic) {
        var i = 0
        var onlyPositional = false
        while i < args.count {
            let a = args[i]
            i += 1
            if onlyPositional || !a.hasPrefix("--") || a == "-" {
                if !onlyPositional && a.hasPrefix("-") && a != "-" && a.count > 1 {
                    throw Diagnostic.usage("unknown option \(a)")
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
                if inline != nil { throw Diagnostic.usage("--\(name) takes no value") }
                flags.insert(name)
            } else if options.contains(name) {
                let value: String
                if let inline { value = inline } else {
                    guard i < args.count else { throw Diagnostic.usage("--\(name) needs a value") }
                    value = args[i]
                    i += 1
                }
                values[name, default: []].append(value)
            } else {
                let all = options + allowedFlags
                let hint = nearest(to: name, in: all, limit: 1, maxDistance: 3).first.map { " (did you mean --\($0)?)" } ?? ""
                throw Diagnostic.usage("unknown option --\(name)\(hint)")
            }
        }
    }

    /// The single value of an option given at most once.
    func value(_ name: String) throws(Diagnostic) -> String? {
        guard let v = values[name] else { return nil }
        if v.count > 1 { throw Diagnostic.usage("--\(name) is given more than once") }
        return v[0]
    }

    func has(_ flag: String) -> Bool { flags.contains(flag) }
}

extension Phase {
    static func parseOption(_ s: String) throws(Diagnostic) -> Phase {
        guard let p = Phase(rawValue: s.uppercased()) else {
            throw Diagnostic.usage("--phase must be IOC, MOC or FOC, not \"\(s)\"")
        }
        return p
    }
}

enum OutputFormat: String {
    case text, markdown, json
    static func parse(_ s: String?) throws(Diagnostic) -> OutputFormat {
        guard let s else { return .text }
        guard let f = OutputFormat(rawValue: s) else { throw Diagnostic.usage("--format must be text, markdown or json, not \"\(s)\"") }
        return f
    }
}
