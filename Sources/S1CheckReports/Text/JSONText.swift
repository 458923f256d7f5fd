/// A small deterministic JSON writer: keys in the order written, two-space indent, strings escaped per
/// RFC 8259 (control characters as \u00XX). Reports must be byte-identical run to run, so nothing here
/// depends on dictionary order.
public struct JSONWriter {
    public var out: TextBuffer
    private var indent = 0
    /// Per open level (bit `indent`, the root value at bit 0): whether a value was written at that level,
    /// so the next one needs a comma. A bit stack: JSON written here nests far less than 64 levels.
    private var needsComma: UInt64 = 0
    /// Depth at which the open object is written on one line (`{"a": 1, "b": 2}`), or nil.
    private var compactFrom: Int?
    /// "\n" followed by each depth's indentation, built once.
    private static let newlines: [[UInt8]] = (0..<32).map { [0x0A] + [UInt8](repeating: 0x20, count: 2 * $0) }

    public init() { out = TextBuffer() }

    /// A writer for one item of an array that another writer has open at `indent`: it writes the
    /// separating comma (unless `first`) and the item at the right depth, into `out`.
    init(itemAt indent: Int, first: Bool, out: TextBuffer) {
        self.out = out
        self.indent = indent
        if !first { needsComma = 1 << UInt64(indent) }
    }

    /// A writer that carries on inside an array open at `indent` (in the root object) whose items other
    /// writers wrote: it can close the array and go on with the object's remaining keys.
    init(insideArrayAt indent: Int, hasItems: Bool) {
        out = TextBuffer()
        self.indent = indent
        needsComma = (1 << UInt64(indent)) - 1
        if hasItems { needsComma |= 1 << UInt64(indent) }
    }

    static let escaper = Escaper(ascii: Array("\"\\".utf8) + Escaper.controls, escape: { escape($0) })

    public static func escape(_ u: Unicode.Scalar) -> String? {
        switch u {
        case "\"": return "\\\""
        case "\\": return "\\\\"
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default:
            guard u.value < 0x20 else { return nil }
            let h = String(u.value, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - h.count) + h
        }
    }

    private mutating func newline() {
        if indent < JSONWriter.newlines.count { out.append(JSONWriter.newlines[indent]) } else {
            out.byte(0x0A)
            for _ in 0..<indent { out.write("  ") }
        }
    }

    private var compact: Bool { compactFrom.map { indent > $0 } ?? false }

    private var level: UInt64 { 1 << UInt64(indent) }

    private mutating func beforeValue(key: String?) {
        if needsComma & level != 0 { out.write(compact ? ", " : ",") }
        needsComma |= level
        if indent > 0 && !compact { newline() }
        if let key {
            stringLiteral(key)
            out.write(": ")
        }
    }

    private mutating func stringLiteral(_ s: String) {
        out.byte(UInt8(ascii: "\""))
        out.write(s, escaping: JSONWriter.escaper)
        out.byte(UInt8(ascii: "\""))
    }

    public mutating func beginObject(_ key: String? = nil) { open(key, "{") }
    /// An object written on one line, with everything inside it.
    public mutating func beginCompactObject(_ key: String? = nil) {
        open(key, "{")
        if compactFrom == nil { compactFrom = indent - 1 }
    }
    public mutating func endObject() { close("}") }
    public mutating func beginArray(_ key: String? = nil) { open(key, "[") }
    public mutating func endArray() { close("]") }

    private mutating func open(_ key: String?, _ bracket: StaticString) {
        beforeValue(key: key)
        out.write(bracket)
        indent += 1
        needsComma &= ~level
    }

    private mutating func close(_ bracket: StaticString) {
        let hadItems = needsComma & level != 0
        needsComma &= ~level
        let wasCompact = compact
        indent -= 1
        if hadItems && !wasCompact { newline() }
        out.write(bracket)
        if let c = compactFrom, indent <= c { compactFrom = nil }
    }

    public mutating func string(_ key: String?, _ value: String?) {
        beforeValue(key: key)
        if let value { stringLiteral(value) } else { out.write("null") }
    }

    public mutating func number(_ key: String?, _ value: Int?) {
        beforeValue(key: key)
        if let value { out.write(value) } else { out.write("null") }
    }

    public mutating func null(_ key: String?) {
        beforeValue(key: key)
        out.write("null")
    }

    public mutating func bool(_ key: String?, _ value: Bool) {
        beforeValue(key: key)
        out.write(value ? "true" : "false")
    }

    public mutating func stringArray(_ key: String?, _ values: [String]) {
        beginArray(key)
        for v in values { string(nil, v) }
        endArray()
    }

    /// The document, ending in a newline.
    public mutating func finish() -> [UInt8] {
        out.byte(0x0A)
        return out.finish()
    }
}
