/// A problem with an input file (plan, baseline, device registry): the file, the JSON path, the line and
/// column where known, and what was expected. Input errors stop a file from being checked; they are never
/// turned into verdicts about the baseline.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// A JSONPath-style location such as `$.artefacts[2].version`; `$` is the whole document.
    public var path: String
    public var position: SourcePosition?
    public var message: String

    public init(file: String, path: String, position: SourcePosition?, message: String) {
        self.file = file
        self.path = path
        self.position = position
        self.message = message
    }

    /// `file:line:column: path: message`, the form editors and CI logs link to.
    public var description: String {
        var location = file
        if let position { location += ":\(position.line):\(position.column)" }
        return "\(location): \(path): \(message)"
    }
}

/// A JSONPath-style location, built as the decoder walks down.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    public private(set) var description: String

    public static let root = JSONPath(description: "$")

    public func key(_ key: String) -> JSONPath {
        let plain = !key.isEmpty && key.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x24
        }
        if plain { return JSONPath(description: description + "." + key) }
        var escaped = ""
        for c in key {
            if c == "\\" || c == "\"" { escaped.append("\\") }
            escaped.append(c)
        }
        return JSONPath(description: description + "[\"" + escaped + "\"]")
    }

    public func index(_ i: Int) -> JSONPath {
        JSONPath(description: description + "[\(i)]")
    }
}

/// A decoded value with the byte offset it came from, so findings can point at a line.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var offset: Int
    public init(_ value: Value, offset: Int) {
        self.value = value
        self.offset = offset
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}
