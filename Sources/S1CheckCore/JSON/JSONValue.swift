/// A parsed JSON document that remembers where every value and key came from.
///
/// Foundation's JSONSerialization/JSONDecoder keep the last of duplicate keys silently and give no
/// line or column, so s1check reads every input (plans, baselines, registries) with `JSONReader`.
/// Not `indirect`: arrays and objects already hold their children out of line, and boxing every node
/// would cost an allocation per value.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    /// The number exactly as written: `5.10` stays `5.10` (so we can say what was found).
    case number(String)
    case string(String)
    case array([JSONNode])
    case object([JSONMember])

    /// The JSON type name, for "expected X, found Y" messages.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number(let text): return "the number \(text)"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// A value and the bytes it was read from: `offset` is where it starts (its first byte: a quote, a
/// bracket, a digit), `end` just after its last (a closing quote or bracket). `span` is what an edit
/// replaces to replace the value.
///
/// The offsets are kept in 32 bits (the reader takes no file of 4 GiB or more), so a node with its end
/// takes no more memory than one with its start alone did: a plan of a hundred thousand values holds a
/// node for each.
public struct JSONNode: Sendable {
    public var value: JSONValue
    private var start32: UInt32
    private var end32: UInt32

    public init(value: JSONValue, offset: Int, end: Int) {
        self.value = value
        start32 = UInt32(offset)
        end32 = UInt32(end)
    }

    public var offset: Int {
        get { Int(start32) }
        set { start32 = UInt32(newValue) }
    }

    public var end: Int {
        get { Int(end32) }
        set { end32 = UInt32(newValue) }
    }

    public var span: Range<Int> { offset..<end }
}

/// One `"key": value` pair of an object, in source order. The key's bytes (quotes included) are
/// `keySpan`.
public struct JSONMember: Sendable {
    public var key: String
    private var keyStart32: UInt32
    private var keyEnd32: UInt32
    public var value: JSONNode

    public init(key: String, keyOffset: Int, keyEnd: Int, value: JSONNode) {
        self.key = key
        keyStart32 = UInt32(keyOffset)
        keyEnd32 = UInt32(keyEnd)
        self.value = value
    }

    public var keyOffset: Int { Int(keyStart32) }
    public var keyEnd: Int { Int(keyEnd32) }
    public var keySpan: Range<Int> { keyOffset..<keyEnd }
}

/// A line and column (both 1-based; the column counts Unicode scalars) in a source text.
public struct SourcePosition: Sendable, Hashable, Comparable {
    public let line: Int
    public let column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

/// Turns byte offsets into lines and columns. Built only when a position is needed.
///
/// A column counts scalars from the start of the line. Counting from there for every error costs the
/// line's length each time, which on a one-line 16 MiB file full of errors is quadratic; so a file with a
/// line longer than a checkpoint stride also gets the number of scalars before every 1 KiB checkpoint,
/// and a column is then two checkpoint look-ups and at most two short scans. Files of ordinary lines
/// (every plan anyone writes) skip that pass.
public struct LineIndex: Sendable {
    private let lineStarts: [Int]
    private let bytes: [UInt8]
    /// `scalarsBefore[k]`: how many scalars start in `bytes[0 ..< k * stride]`; empty when no line is
    /// longer than `stride`.
    private let scalarsBefore: [Int]
    static let stride = 1024

    public init(_ bytes: [UInt8]) {
        var starts = [0]
        var longest = 0
        bytes.withUnsafeBufferPointer { b in
            for i in 0..<b.count where b[i] == UInt8(ascii: "\n") {
                longest = max(longest, i + 1 - starts[starts.count - 1])
                starts.append(i + 1)
            }
        }
        longest = max(longest, bytes.count - starts[starts.count - 1])
        var checkpoints = [Int]()
        if longest > LineIndex.stride {
            checkpoints.reserveCapacity(bytes.count / LineIndex.stride + 1)
            bytes.withUnsafeBufferPointer { b in
                var scalars = 0
                for i in 0..<b.count {
                    if i % LineIndex.stride == 0 { checkpoints.append(scalars) }
                    if b[i] & 0xC0 != 0x80 { scalars += 1 }
                }
                if b.count % LineIndex.stride == 0 { checkpoints.append(scalars) }
            }
        }
        self.lineStarts = starts
        self.bytes = bytes
        self.scalarsBefore = checkpoints
    }

    /// How many scalars start in `bytes[from ..< to]`.
    private func scalars(from: Int, to: Int) -> Int {
        var count = 0
        var i = from
        while i < to {
            // Count scalars, not bytes: skip UTF-8 continuation bytes.
            if bytes[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        return count
    }

    /// How many scalars start before `offset`, from the checkpoints.
    private func scalars(before offset: Int) -> Int {
        let k = offset / LineIndex.stride
        return scalarsBefore[k] + scalars(from: k * LineIndex.stride, to: offset)
    }

    /// The 0-based line holding `offset` (clamped to the text).
    private func lineIndex(_ clamped: Int) -> Int {
        // Binary search for the last line start <= offset.
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= clamped { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The 1-based line of `offset`, without working out the column.
    public func line(ofOffset offset: Int) -> Int {
        lineIndex(max(0, min(offset, bytes.count))) + 1
    }

    public func position(ofOffset offset: Int) -> SourcePosition {
        let clamped = max(0, min(offset, bytes.count))
        let lo = lineIndex(clamped)
        let start = lineStarts[lo]
        let counted = scalarsBefore.isEmpty || clamped - start <= LineIndex.stride
            ? scalars(from: start, to: clamped)
            : scalars(before: clamped) - scalars(before: start)
        var column = 1 + counted
        // Skip a leading byte-order mark on line 1 so columns match what editors show.
        if lo == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]), clamped >= 3 { column -= 1 }
        return SourcePosition(line: lo + 1, column: column)
    }
}
