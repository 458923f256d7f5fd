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

/// The positional arguments a command takes, declared in its table entry: their names on the usage line
/// (`PATH...`, `OLD NEW`, `RULE`), how many, and what the error says is expected. The parser checks the
/// count, so no command counts its own.
struct Positionals: Sendable {
    /// Their names on the usage line; with no upper bound, the last is repeated (`PATH...`).
    var names: [String] = []
    var min = 0
    /// nil: any number.
    var max: Int? = 0
    /// What a wrong count is told is expected: `check needs EXPECTED, found 0`.
    var expected = ""
    /// Added to the error when more are given than the command takes (the likely slip behind it).
    var tooMany: (@Sendable (ParsedArguments) -> String?)? = nil

    /// One or more (`PATH...`).
    static func oneOrMore(_ name: String, expected: String) -> Positionals {
        Positionals(names: [name], min: 1, max: nil, expected: expected)
    }

    /// Exactly these, in order (`RULE`, `OLD NEW`).
    static func exactly(_ names: String..., expected: String, tooMany: (@Sendable (ParsedArguments) -> String?)? = nil) -> Positionals {
        Positionals(names: names, min: names.count, max: names.count, expected: expected, tooMany: tooMany)
    }

    /// As the usage line spells them.
    var usage: [String] {
        guard max == nil, let last = names.last else { return names }
        return names.dropLast() + ["\(last)..."]
    }

    /// The usage error for `given` arguments, or nil when the command takes that many: it names the
    /// command, what it needs, what was given, and where its help is.
    func check(_ given: Int, command: String, _ a: ParsedArguments) -> Diagnostic? {
        if given >= min && given <= (max ?? Int.max) { return nil }
        let hint = given > (max ?? Int.max) ? tooMany?(a).map { "; " + $0 } ?? "" : ""
        return .usage("\(command) needs \(expected), found \(given)\(hint); see s1check \(command) --help")
    }
}

/// One command, declared once: its name, what it takes, its help, and what it runs.
struct CommandSpec: Sendable {
    var name: String
    /// The line beside it in `s1check --help`.
    var summary: String
    var positionals: Positionals
    var options: [OptionSpec]
    var subcommands: [CommandSpec]
    /// Options that cannot be given together (`--quiet` and `--verbose`): a usage error naming them.
    var contradicting: [[OptionSpec]]
    /// The help page's text between the usage lines and the options.
    var discussion: String
    /// The help page's text after the options.
    var epilogue: String? = nil
    /// Added to "unexpected argument" when a command that takes no argument is given one.
    var argumentHint: String? = nil
    /// The help page shown by `--help` (nil: this command's own). A subcommand may share its parent's.
    var helpFrom: [String]? = nil
    var run: @Sendable (ParsedArguments) throws(Diagnostics) -> Int32

    /// A command from its declarations: its options are the keys its run function reads, in the order its
    /// help lists them.
    init(name: String, summary: String, positionals: Positionals = Positionals(), options: [any OptionKey] = [],
         subcommands: [CommandSpec] = [], contradicting: [[any OptionKey]] = [], discussion: String, epilogue: String? = nil,
         argumentHint: String? = nil, helpFrom: [String]? = nil, run: @escaping @Sendable (ParsedArguments) throws(Diagnostics) -> Int32) {
        self.name = name
        self.summary = summary
        self.positionals = positionals
        self.options = options.map(\.spec)
        self.subcommands = subcommands
        self.contradicting = contradicting.map { $0.map(\.spec) }
        self.discussion = discussion
        self.epilogue = epilogue
        self.argumentHint = argumentHint
        self.helpFrom = helpFrom
        self.run = run
    }

    /// Every command also takes `--help` (or `-h`) and `--version`, which are not listed.
    static let help = Flag("help", help: "this page")
    static let version = Flag("version", help: "s1check's version")

    var allOptions: [OptionSpec] { options + [CommandSpec.help.spec, CommandSpec.version.spec] }

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

    init(_ args: [Argument], command: String, options: [OptionSpec]) throws(Diagnostics) {
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
                    throw Diagnostics.usage("unknown option \(arg.path.display)")
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
                throw Diagnostics.usage("unknown option --\(FilePath(name).display)\(hint)")
            }
            switch option.kind {
            case .flag:
                if inline != nil { throw Diagnostics.usage("--\(name) takes no value") }
                flags.insert(name)
            case .value, .repeatable:
                let value: Argument
                if let inline { value = inline } else {
                    guard i < args.count else { throw Diagnostics.usage("--\(name) needs a value") }
                    value = args[i]
                    i += 1
                }
                try ParsedArguments.checkValue(value, of: name)
                if case .value = option.kind, values[name] != nil { throw Diagnostics.usage("--\(name) is given more than once") }
                values[name, default: []].append(value)
            }
        }
    }

    static func checkValue(_ value: Argument, of name: String) throws(Diagnostics) {
        if value.bytes.isEmpty { throw Diagnostics.usage("--\(name) needs a value, and was given an empty one") }
        if value.bytes.first == UInt8(ascii: "-") && value.bytes != [UInt8(ascii: "-")] {
            throw Diagnostics.usage("--\(name) needs a value, not \"\(value.path.display)\", which looks like an option (for a file of that name, write ./\(value.path.display))")
        }
    }

    /// The usage error for a required option that is missing (or given blank): `init needs --id ID`.
    func missing(_ key: some OptionKey) -> Diagnostics {
        .usage("\(command) needs \(key.spec.synopsis)")
    }

    /// Whether the option was given (a flag, or an option with a value).
    func given(_ option: OptionSpec) -> Bool { flags.contains(option.name) || values[option.name] != nil }

    func given(_ key: some OptionKey) -> Bool { given(key.spec) }

    /// The values given to a key's option. A key its command does not declare is a slip in the table (its
    /// option would be refused as unknown when given), not a user's error.
    private func valuesGiven(to spec: OptionSpec) -> [Argument]? {
        precondition(self.spec.contains { $0.name == spec.name }, "--\(spec.name) is not declared for \(command)")
        return values[spec.name]
    }

    /// Whether a flag was given.
    subscript(_ flag: Flag) -> Bool {
        precondition(spec.contains { $0.name == flag.spec.name }, "--\(flag.spec.name) is not declared for \(command)")
        return flags.contains(flag.spec.name)
    }

    /// The value of an option given at most once, converted (a date, a choice, an input file), or nil.
    subscript<Value>(_ key: Option<Value>) -> Value? {
        get throws(Diagnostics) {
            guard let a = valuesGiven(to: key.spec)?.first else { return nil }
            return try key.convert(a, key.spec)
        }
    }

    /// Every value of a repeatable option, converted, in order (empty when it is not given).
    subscript<Value>(_ key: RepeatedOption<Value>) -> [Value] {
        get throws(Diagnostics) {
            var out: [Value] = []
            for a in valuesGiven(to: key.spec) ?? [] { out.append(try key.convert(a, key.spec)) }
            return out
        }
    }

    static func inputPaths(_ args: [Argument]) throws(Diagnostics) -> [FilePath] {
        for a in args {
            if a.bytes.isEmpty { throw Diagnostics.usage("an empty argument where a plan file or folder was expected") }
            if a.bytes == [UInt8(ascii: "-")] {
                throw Diagnostics.usage("s1check does not read plans from standard input; give files or folders (for a file named -, write ./-)")
            }
        }
        return args.map(\.path)
    }
}

