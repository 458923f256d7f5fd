/// A small deterministic JSON writer: keys in the order written, two-space indent, strings escaped per
/// RFC 8259 (control characters as \u00XX). Reports must be byte-identical run to run, so nothing here
/// depends on dictionary order.
public struct JSONWriter {
    public var out: TextBuffer
    private var indent = 0
    private var needsComma: [Bool] = [false]

    public init(sink: (([UInt8]) -> Void)? = nil) { out = TextBuffer(sink: sink) }

    static let escaper = Escaper(ascii: Array("\"\\".utf8) + Escaper.controls, escape: escape)

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
        out.byte(0x0A)
        for _ in 0..<indent { out.write("  ") }
    }

    private mutating func beforeValue(key: String?) {
        if needsComma[needsComma.count - 1] { out.byte(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
        if indent > 0 { newline() }
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
    public mutating func endObject() { close("}") }
    public mutating func beginArray(_ key: String? = nil) { open(key, "[") }
    public mutating func endArray() { close("]") }

    private mutating func open(_ key: String?, _ bracket: StaticString) {
        beforeValue(key: key)
        out.write(bracket)
        indent += 1
        needsComma.append(false)
    }

    private mutating func close(_ bracket: StaticString) {
        let hadItems = needsComma.removeLast()
        indent -= 1
        if hadItems { newline() }
        out.write(bracket)
    }

    public mutating func string(_ key: String?, _ value: String?) {
        beforeValue(key: key)
        if let value { stringLiteral(value) } else { out.write("null") }
    }

    public mutating func number(_ key: String?, _ value: Int) {
        beforeValue(key: key)
        out.write(value)
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

    /// The document (or, with a sink, what is left of it), ending in a newline.
    public mutating func finish() -> [UInt8] {
        out.byte(0x0A)
        return out.finish()
    }
}
