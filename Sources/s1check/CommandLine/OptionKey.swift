import S1CheckCore

/// A typed option, declared once (in `CommandTable.swift`, as a static member of the command that reads
/// it): its spec makes the parser, the usage line and the help line; its value type and conversion make
/// the read. A command reads it as `arguments[Self.asOf]`, so a misspelt option does not compile, and a
/// flag cannot be read as a value nor a value as a flag.
protocol OptionKey: Sendable {
    var spec: OptionSpec { get }
}

/// An option that is given or not (`--strict`): read as a `Bool`.
struct Flag: OptionKey {
    let spec: OptionSpec

    init(_ name: String, help: String) {
        spec = OptionSpec(name: name, kind: .flag, valueName: "", required: false, help: help)
    }
}

/// An option given at most once with a value (a second is a usage error): read as `Value?`, nil when not
/// given. The value is converted when it is read, so a command meets its errors in the order it reads.
struct Option<Value>: OptionKey {
    let spec: OptionSpec
    let convert: @Sendable (Argument, OptionSpec) throws(Diagnostics) -> Value

    init(_ name: String, _ type: OptionSpec.ValueType, _ valueName: String, required: Bool = false, help: String,
         convert: @escaping @Sendable (Argument, OptionSpec) throws(Diagnostics) -> Value) {
        spec = OptionSpec(name: name, kind: .value(type), valueName: valueName, required: required, help: help)
        self.convert = convert
    }
}

/// An option given any number of times (`--plans A --plans B`): read as `[Value]`, in order, empty when
/// not given.
struct RepeatedOption<Value>: OptionKey {
    let spec: OptionSpec
    let convert: @Sendable (Argument, OptionSpec) throws(Diagnostics) -> Value

    init(_ name: String, _ type: OptionSpec.ValueType, _ valueName: String, help: String,
         convert: @escaping @Sendable (Argument, OptionSpec) throws(Diagnostics) -> Value) {
        spec = OptionSpec(name: name, kind: .repeatable(type), valueName: valueName, required: false, help: help)
        self.convert = convert
    }
}

/// The conversions, one per kind of value.
enum OptionValue {
    static func text(_ a: Argument, _ o: OptionSpec) -> String { a.text }

    /// A file read as an input: "-" (standard input) is not one.
    static func inputFile(_ a: Argument, _ o: OptionSpec) throws(Diagnostics) -> FilePath {
        if a.bytes == [UInt8(ascii: "-")] {
            throw Diagnostics.usage("--\(o.name) needs \(o.valueType == .path ? "a file or folder" : "a file"); s1check does not read inputs from standard input (for a file named -, write ./-)")
        }
        return a.path
    }

    /// A plan file or folder (`--plans`): "-" is not one.
    static func planPath(_ a: Argument, _ o: OptionSpec) throws(Diagnostics) -> FilePath {
        try ParsedArguments.inputPaths([a])[0]
    }

    static func date(_ a: Argument, _ o: OptionSpec) throws(Diagnostics) -> CalendarDate {
        try Inputs.date(a.text, option: "--\(o.name)")
    }

    static func choice<C: OptionChoice>(_ a: Argument, _ o: OptionSpec) throws(Diagnostics) -> C {
        try C.parse(a.text, option: o.name)
    }
}

extension Option where Value == String {
    /// A word or a name (`--id ID`).
    static func text(_ name: String, _ valueName: String, required: Bool = false, help: String) -> Self {
        Self(name, .text, valueName, required: required, help: help, convert: OptionValue.text)
    }
}

extension Option where Value == FilePath {
    /// An input file (`--baseline FILE`): "-" is a usage error, as s1check reads no input from standard input.
    static func inputFile(_ name: String, required: Bool = false, help: String) -> Self {
        Self(name, .file, "FILE", required: required, help: help, convert: OptionValue.inputFile)
    }
}

extension Option where Value == Argument {
    /// A report to write (`--junit FILE`): its bytes as given, "-" being standard output.
    static func report(_ name: String, help: String) -> Self {
        Self(name, .file, "FILE", help: help) { a, _ in a }
    }
}

extension Option where Value == CalendarDate {
    /// A date written YYYY-MM-DD (`--as-of DATE`).
    static func date(_ name: String, help: String) -> Self {
        Self(name, .date, "DATE", help: help, convert: OptionValue.date)
    }
}

extension Option where Value: OptionChoice {
    /// One of a few words (`--format text|github`), matched whatever the case of its letters.
    static func choice(_ name: String, _ valueName: String, required: Bool = false, help: String) -> Self {
        Self(name, Value.choices, valueName, required: required, help: help, convert: OptionValue.choice)
    }
}

extension RepeatedOption where Value == String {
    static func text(_ name: String, _ valueName: String, help: String) -> Self {
        Self(name, .text, valueName, help: help, convert: OptionValue.text)
    }
}

extension RepeatedOption where Value == FilePath {
    /// Plan files or folders, once per path (`--plans PATH`).
    static func planPaths(_ name: String, help: String) -> Self {
        Self(name, .path, "PATH", help: help, convert: OptionValue.planPath)
    }

    /// Input files, once per file (`--x FILE`): "-" is a usage error, as for `inputFile`.
    static func inputFiles(_ name: String, _ type: OptionSpec.ValueType = .file, _ valueName: String = "FILE", help: String) -> Self {
        Self(name, type, valueName, help: help, convert: OptionValue.inputFile)
    }
}

extension RepeatedOption where Value: OptionChoice {
    static func choice(_ name: String, _ valueName: String, help: String) -> Self {
        Self(name, Value.choices, valueName, help: help, convert: OptionValue.choice)
    }
}
