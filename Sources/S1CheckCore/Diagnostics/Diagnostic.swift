/// Something s1check tells the user that is not a verdict on a plan: an input it could not read, a
/// command line it could not follow, a report it could not write. One type for all three, so every
/// message carries the same parts (where, what) and reads the same in every output.
///
/// Messages are s1check's own sentences: nothing here quotes a library's error text.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// A plan, baseline, registry or policy file that cannot be used as it is.
        case input
        /// Options or arguments that do not make sense.
        case usage
        /// A report that could not be written.
        case write

        /// The tag console lines and reports carry: `[input-error]`.
        public var tag: String { "\(rawValue)-error" }
    }

    public var kind: Kind
    /// The file the diagnostic is about, as the user named it (nil for usage errors).
    public var file: String?
    /// A JSONPath-style location such as `$.artefacts[2].version`; `$` is the whole document.
    public var path: String?
    public var position: SourcePosition?
    public var message: String

    public init(kind: Kind, file: String?, path: String? = nil, position: SourcePosition? = nil, message: String) {
        self.kind = kind
        self.file = file
        self.path = path
        self.position = position
        self.message = message
    }

    /// A problem with an input file, at a JSON path (and a position where known).
    public static func input(file: String, path: String = "$", position: SourcePosition? = nil, message: String) -> Diagnostic {
        Diagnostic(kind: .input, file: file, path: path, position: position, message: message)
    }

    public static func usage(_ message: String) -> Diagnostic {
        Diagnostic(kind: .usage, file: nil, message: message)
    }

    public static func write(file: String, _ message: String) -> Diagnostic {
        Diagnostic(kind: .write, file: file, message: message)
    }

    /// `file:line:column`, the form editors and CI logs link to (nil for usage errors).
    public var location: String? {
        guard let file else { return nil }
        guard let position else { return file }
        return "\(file):\(position.line):\(position.column)"
    }

    /// `path: message`, the JSON path defaulting to `$` (the whole document): what a report that names
    /// the file and line elsewhere says of an input error.
    public var pathAndMessage: String { "\(path ?? "$"): \(message)" }

    /// `file:line:column: path: message` for input errors; `file: message` for write errors; the
    /// message alone for usage errors.
    public var description: String {
        var parts: [String] = []
        if let location { parts.append(location) }
        if let path { parts.append(path) }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}

/// What s1check throws for an input, usage or write problem: one diagnostic or several (every problem
/// found in one file, not just the first), never none. Commands throw this one type; the entry point
/// reports `all`.
public struct Diagnostics: Error, Sendable, Hashable {
    public var first: Diagnostic
    public var rest: [Diagnostic]

    public init(_ one: Diagnostic) {
        first = one
        rest = []
    }

    /// The diagnostics of `array`, in order; nil when there are none (nothing to throw).
    public init?(_ array: [Diagnostic]) {
        guard let first = array.first else { return nil }
        self.first = first
        rest = Array(array.dropFirst())
    }

    /// Every diagnostic, in order: never empty.
    public var all: [Diagnostic] { [first] + rest }

    public static func input(file: String, path: String = "$", position: SourcePosition? = nil, message: String) -> Diagnostics {
        Diagnostics(.input(file: file, path: path, position: position, message: message))
    }

    public static func usage(_ message: String) -> Diagnostics { Diagnostics(.usage(message)) }

    public static func write(file: String, _ message: String) -> Diagnostics { Diagnostics(.write(file: file, message)) }
}
