import S1CheckCore

/// One option of one command, declared once: parsing, the usage line, the help line and "did you mean"
/// all come from it.
struct OptionSpec: Sendable {
    /// What an option's value is: it decides how the usage line spells it.
    enum ValueType: Sendable, Equatable {
        /// A word or a name (`--id`, `--title`).
        case text
        /// A file (an input, or a report: `-` is standard output where a report is written).
        case file
        /// A plan file or folder.
        case path
        /// A calendar date, written YYYY-MM-DD.
        case date
        /// One of a few words (`--format text|github`).
        case choice([String])
    }

    enum Kind: Sendable, Equatable {
        case flag
        /// Given at most once: a second is a usage error.
        case value(ValueType)
        /// Given any number of times (`--plans A --plans B`).
        case repeatable(ValueType)
    }

    var name: String
    var kind: Kind
    /// The value's name on the help line: FILE, FORMAT, DATE ("" for a flag).
    var valueName: String
    /// A required option is named outside brackets in the usage line, and its absence is a usage error.
    var required: Bool
    /// What the option does, on its help line (continuation lines are indented to the help column).
    var help: String

    static func flag(_ name: String, help: String) -> OptionSpec {
        OptionSpec(name: name, kind: .flag, valueName: "", required: false, help: help)
    }

    static func value(_ name: String, _ type: ValueType, _ valueName: String, required: Bool = false, help: String) -> OptionSpec {
        OptionSpec(name: name, kind: .value(type), valueName: valueName, required: required, help: help)
    }

    static func repeatable(_ name: String, _ type: ValueType, _ valueName: String, help: String) -> OptionSpec {
        OptionSpec(name: name, kind: .repeatable(type), valueName: valueName, required: false, help: help)
    }

    var takesValue: Bool { kind != .flag }

    var valueType: ValueType? {
        switch kind {
        case .flag: nil
        case .value(let t), .repeatable(let t): t
        }
    }

    /// The value as the usage line spells it: the choices, the date's form, or the value's name.
    var usageValue: String {
        switch valueType {
        case nil: ""
        case .choice(let words)?: words.joined(separator: "|")
        case .date?: "YYYY-MM-DD"
        default: valueName
        }
    }

    /// `--name VALUE` (usage form), `--strict`.
    var synopsis: String { takesValue ? "--\(name) \(usageValue)" : "--\(name)" }

    /// In the usage line: `--phase IOC|MOC|FOC`, `[--junit FILE]`, `[--plans PATH]...`, `[--strict]`.
    var usage: String {
        if required { return synopsis }
        if case .repeatable = kind { return "[\(synopsis)]..." }
        return "[\(synopsis)]"
    }

    /// On the help line: `--baseline FILE`, `--format FORMAT`.
    var label: String { takesValue ? "--\(name) \(valueName)" : "--\(name)" }
}

/// A positional argument, for the usage line (`PATH...`, `OLD NEW`, `RULE`).
struct PositionalSpec: Sendable {
    enum Arity: Sendable { case one, oneOrMore }
    var name: String
    var arity: Arity = .one
    var usage: String { arity == .oneOrMore ? "\(name)..." : name }
}

/// One command, declared once: its name, what it takes, its help, and what it runs.
struct CommandSpec: Sendable {
    var name: String
    /// The line beside it in `s1check --help`.
    var summary: String
    var positionals: [PositionalSpec] = []
    var options: [OptionSpec] = []
    var subcommands: [CommandSpec] = []
    /// Options that cannot be given together (`--quiet` and `--verbose`): a usage error naming them.
    var contradicting: [[String]] = []
    /// The help page's text between the usage lines and the options.
    var discussion: String
    /// The help page's text after the options.
    var epilogue: String? = nil
    /// Added to "unexpected argument" when a command that takes no argument is given one.
    var argumentHint: String? = nil
    /// The help page shown by `--help` (nil: this command's own). A subcommand may share its parent's.
    var helpFrom: [String]? = nil
    var run: @Sendable (ParsedArguments) throws(Diagnostic) -> Int32

    /// Every command also takes `--help` (or `-h`) and `--version`, which are not listed.
    static let help = OptionSpec.flag("help", help: "this page")
    static let version = OptionSpec.flag("version", help: "s1check's version")

    var allOptions: [OptionSpec] { options + [CommandSpec.help, CommandSpec.version] }

    func option(_ name: String) -> OptionSpec? { allOptions.first { $0.name == name } }
}

/// A command line read against a command's declared options: positional arguments, the values of
/// options, the flags given.
///
/// An option's value is never taken from what looks like another option: `--junit $UNSET --strict`
/// must not write a JUnit file named "--strict" and pass. A missing value, an empty one, or one starting
/// with "-" (other than "-" itself, standard output where a file is expected) is a usage error; a file
/// whose name starts with "-" is written `./-name`.
struct ParsedArguments {
    /// The command's words: "check", "baseline diff".
    var command: String
    var spec: [OptionSpec]
    /// The arguments as given, after the command's words.
    var arguments: [Argument]
    var positionalArguments: [Argument] = []
    var values: [String: [Argument]] = [:]
    var flags: Set<String> = []

    init(_ args: [Argument], command: String, options: [OptionSpec]) throws(Diagnostic) {
        self.command = command
        spec = options
        arguments = args
        var i = 0
        var onlyPositional = false
        while i < args.count {
            let arg = args[i]
            let a = arg.text
            i += 1
            // `-h`, the one short option: what users type first (as for git, cargo and ruff).
            if !onlyPositional && a == "-h" && options.contains(where: { $0.name == "help" }) { flags.insert("help"); continue }
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
            guard let option = options.first(where: { $0.name == name }) else {
                let hint = nearest(to: name, in: options.map(\.name), limit: 1, maxDistance: 3).first.map { " (did you mean --\($0)?)" } ?? ""
                throw Diagnostic.usage("unknown option --\(FilePath(name).display)\(hint)")
            }
            switch option.kind {
            case .flag:
                if inline != nil { throw Diagnostic.usage("--\(name) takes no value") }
                flags.insert(name)
            case .value, .repeatable:
                let value: Argument
                if let inline { value = inline } else {
                    guard i < args.count else { throw Diagnostic.usage("--\(name) needs a value") }
                    value = args[i]
                    i += 1
                }
                try ParsedArguments.checkValue(value, of: name)
                if case .value = option.kind, values[name] != nil { throw Diagnostic.usage("--\(name) is given more than once") }
                values[name, default: []].append(value)
            }
        }
    }

    static func checkValue(_ value: Argument, of name: String) throws(Diagnostic) {
        if value.bytes.isEmpty { throw Diagnostic.usage("--\(name) needs a value, and was given an empty one") }
        if value.bytes.first == UInt8(ascii: "-") && value.bytes != [UInt8(ascii: "-")] {
            throw Diagnostic.usage("--\(name) needs a value, not \"\(value.path.display)\", which looks like an option (for a file of that name, write ./\(value.path.display))")
        }
    }

    /// The usage error for a required option that is missing (or given blank): `init needs --id ID`.
    func missing(_ name: String) -> Diagnostic {
        .usage("\(command) needs \(declared(name).synopsis)")
    }

    private func declared(_ name: String) -> OptionSpec {
        guard let o = spec.first(where: { $0.name == name }) else { preconditionFailure("--\(name) is not declared for \(command)") }
        return o
    }

    /// The single value of an option (given at most once: a second is refused as it is read).
    func argument(_ name: String) -> Argument? {
        precondition(declared(name).takesValue, "--\(name) is a flag")
        return values[name]?.first
    }

    /// Every value of a repeatable option, in order (nil when it is not given).
    func all(_ name: String) -> [Argument]? {
        precondition(declared(name).takesValue)
        return values[name]
    }

    /// The single value of an option, as text.
    func value(_ name: String) -> String? { argument(name)?.text }

    /// The value of an option whose value is one of a few words, as its case.
    func choice<C: OptionChoice>(_ name: String, _ type: C.Type = C.self, normalise: (String) -> String = { $0 }) throws(Diagnostic) -> C? {
        guard let text = value(name) else { return nil }
        return try C.parse(text, option: name, normalise: normalise)
    }

    /// The value of a date option (`--as-of`, `--start`).
    func date(_ name: String) throws(Diagnostic) -> CalendarDate? {
        guard let text = value(name) else { return nil }
        return try Inputs.date(text, option: "--\(name)")
    }

    /// The single value of an option that names an input file: "-" (standard input) is not one.
    func inputPath(_ name: String) throws(Diagnostic) -> FilePath? {
        guard let a = argument(name) else { return nil }
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

    func has(_ flag: String) -> Bool {
        precondition(!declared(flag).takesValue, "--\(flag) takes a value")
        return flags.contains(flag)
    }
}

/// Runs a body that throws several diagnostics as a command, which throws one (carrying the rest).
func diagnosing<T>(_ body: () throws(Diagnostics) -> T) throws(Diagnostic) -> T {
    do throws(Diagnostics) { return try body() } catch { throw Diagnostic(error) }
}
