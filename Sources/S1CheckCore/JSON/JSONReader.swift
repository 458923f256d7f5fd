/// A syntax error: what was wrong, the byte offset where it was found, and the path of the object or
/// array it was found in (`$.artefacts` for a trailing comma in the artefacts list).
public struct JSONSyntaxError: Error, Sendable, Equatable {
    public let message: String
    public let offset: Int
    /// The keys and indices from the error's container out to the document, added as the error leaves
    /// each enclosing value: nothing is tracked on the way down, so a document that parses pays nothing.
    var outward: [Step] = []

    enum Step: Sendable, Equatable {
        case key(String)
        case index(Int)
    }

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var path: JSONPath {
        outward.reversed().reduce(JSONPath.root) { p, step in
            switch step {
            case .key(let k): return p.key(k)
            case .index(let i): return p.index(i)
            }
        }
    }

    /// The same error, seen from the value that holds the one it was found in.
    func within(_ step: Step) -> JSONSyntaxError {
        var e = self
        e.outward.append(step)
        return e
    }
}

/// A strict RFC 8259 JSON reader over UTF-8 bytes.
///
/// Stricter than Foundation where an assurance tool needs it: duplicate keys, invalid UTF-8, raw control
/// characters and lone surrogates are errors, and nesting is bounded (inputs here are a few levels deep;
/// the bound keeps a hostile file from exhausting a worker thread's stack). A UTF-8 byte-order mark is
/// accepted and skipped, as RFC 8259 section 8.1 allows.
public struct JSONReader {
    /// Deeper than any plan, baseline or registry needs; deep enough never to bother a real file.
    public static let maximumDepth = 64

    /// The largest input read: offsets are kept in 32 bits (`JSONNode`).
    public static let maximumBytes = Int(UInt32.max) - 1

    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
        if bytes.count > maximumBytes {
            throw JSONSyntaxError(message: "the file is larger than 4 GiB; s1check reads no JSON file that large", offset: 0)
        }
        if let bad = firstInvalidUTF8Offset(bytes) {
            throw JSONSyntaxError(message: "the file is not valid UTF-8 (bad byte 0x\(hex(bytes[bad])))", offset: bad)
        }
        return try bytes.withUnsafeBufferPointer { (buffer) throws(JSONSyntaxError) -> JSONNode in
            var parser = Parser(bytes: buffer)
            return try parser.parseDocument()
        }
    }

    /// The offset of the first byte that breaks UTF-8 (overlong forms and surrogates included), or nil.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            var need = 0
            var min: UInt32 = 0
            var scalar: UInt32 = 0
            switch b {
            case 0xC2...0xDF: need = 1; min = 0x80; scalar = UInt32(b & 0x1F)
            case 0xE0...0xEF: need = 2; min = 0x800; scalar = UInt32(b & 0x0F)
            case 0xF0...0xF4: need = 3; min = 0x10000; scalar = UInt32(b & 0x07)
            default: return i
            }
            if i + need >= n { return i }  // truncated sequence at the end of the file
            for k in 1...need {
                let c = bytes[i + k]
                if c & 0xC0 != 0x80 { return i }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            if scalar < min || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
            i += need + 1
        }
        return nil
    }

    static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(b >> 4)], digits[Int(b & 0xF)]])
    }
}

private struct Parser {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0
    var depth = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// A UTF-8 byte-order mark at the start is skipped (RFC 8259 lets a parser ignore it).
    mutating func skipByteOrderMark() {
        if i == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
    }

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONNode {
        skipByteOrderMark()
        skipWhitespace()
        if i >= bytes.count {
            throw JSONSyntaxError(message: "the file holds no JSON value (it is empty or only white space); expected a JSON object", offset: i)
        }
        let node = try parseValue()
        skipWhitespace()
        if i < bytes.count {
            throw unexpected(" after the end of the JSON value")
        }
        return node
    }

    mutating func skipWhitespace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    /// "unexpected X; expected Y" (`then` is what follows X) at the current byte, or, where a comment starts, that JSON has none:
    /// people write them in plans, and "unexpected '/'" does not tell them what to do.
    func unexpected(_ then: String) -> JSONSyntaxError {
        if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "/"), bytes[i + 1] == UInt8(ascii: "/") || bytes[i + 1] == UInt8(ascii: "*") {
            let kind = bytes[i + 1] == UInt8(ascii: "/") ? "//" : "/* */"
            return JSONSyntaxError(message: "a comment (\(kind)): comments are not allowed in JSON; remove it, or put the note in a field such as the title", offset: i)
        }
        return JSONSyntaxError(message: "unexpected \(describe(at: i))\(then)", offset: i)
    }

    /// A comma with nothing after it but the end of its object or array (`[1, 2,]`), reported at the comma.
    func trailingComma(at comma: Int, in container: String) -> JSONSyntaxError {
        JSONSyntaxError(message: "trailing comma after the last \(container); JSON allows none: remove it", offset: comma)
    }

    func describe(at offset: Int) -> String {
        guard offset < bytes.count else { return "end of file" }
        let b = bytes[offset]
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x\(JSONReader.hex(b))"
    }

    mutating func parseValue() throws(JSONSyntaxError) -> JSONNode {
        guard i < bytes.count else {
            throw JSONSyntaxError(message: "unexpected end of file; expected a value", offset: i)
        }
        let start = i
        let value: JSONValue
        switch bytes[i] {
        case UInt8(ascii: "{"): value = try parseObject()
        case UInt8(ascii: "["): value = try parseArray()
        case UInt8(ascii: "\""): value = .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); value = .bool(true)
        case UInt8(ascii: "f"): try literal("false"); value = .bool(false)
        case UInt8(ascii: "n"): try literal("null"); value = .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): value = .number(try parseNumber())
        default:
            throw unexpected("; expected a value")
        }
        // Every parse ends just after the value's last byte.
        return JSONNode(value: value, offset: start, end: i)
    }

    mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let start = i
        let w = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for b in w {
            guard i < bytes.count, bytes[i] == b else {
                throw JSONSyntaxError(message: "invalid literal; expected '\(word)'", offset: start)
            }
            i += 1
        }
    }

    mutating func enter(_ start: Int) throws(JSONSyntaxError) {
        depth += 1
        if depth > JSONReader.maximumDepth {
            throw JSONSyntaxError(
                message: "nesting deeper than \(JSONReader.maximumDepth) levels; no s1check input is nested like this",
                offset: start)
        }
    }

    mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        let start = i
        try enter(start)
        i += 1
        var members: [JSONMember] = []
        var seen: Set<String> = []
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
            i += 1
            depth -= 1
            return .object(members)
        }
        var comma: Int?
        while true {
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
                if let comma, i < bytes.count, bytes[i] == UInt8(ascii: "}") { throw trailingComma(at: comma, in: "member of this object") }
                throw unexpected("; expected a key in double quotes")
            }
            let keyOffset = i
            let key = try parseString()
            let keyEnd = i
            // Plan objects are small: a linear scan beats hashing every key. Large objects use a set.
            let duplicate: Bool
            if members.count < 12 {
                duplicate = members.contains { $0.key == key }
            } else {
                if seen.isEmpty { for m in members { seen.insert(m.key) } }
                duplicate = !seen.insert(key).inserted
            }
            if duplicate {
                throw JSONSyntaxError(
                    message: "duplicate key \"\(key)\" in one object (JSON readers disagree on which copy wins)",
                    offset: keyOffset)
            }
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw unexpected("; expected ':' after the key") }
            i += 1
            skipWhitespace()
            let value: JSONNode
            do { value = try parseValue() } catch { throw error.within(.key(key)) }
            members.append(JSONMember(key: key, keyOffset: keyOffset, keyEnd: keyEnd, value: value))
            skipWhitespace()
            guard i < bytes.count else {
                throw JSONSyntaxError(message: "unexpected end of file; expected ',' or '}' to close the object opened here",
                                      offset: start)
            }
            if bytes[i] == UInt8(ascii: ",") { comma = i; i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; break }
            throw unexpected("; expected ',' or '}'")
        }
        depth -= 1
        return .object(members)
    }

    mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        let start = i
        try enter(start)
        i += 1
        var items: [JSONNode] = []
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
            i += 1
            depth -= 1
            return .array(items)
        }
        var comma: Int?
        while true {
            skipWhitespace()
            if let comma, i < bytes.count, bytes[i] == UInt8(ascii: "]") { throw trailingComma(at: comma, in: "item of this array") }
            do { items.append(try parseValue()) } catch { throw error.within(.index(items.count)) }
            skipWhitespace()
            guard i < bytes.count else {
                throw JSONSyntaxError(message: "unexpected end of file; expected ',' or ']' to close the array opened here",
                                      offset: start)
            }
            if bytes[i] == UInt8(ascii: ",") { comma = i; i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; break }
            throw unexpected("; expected ',' or ']'")
        }
        depth -= 1
        return .array(items)
    }

    mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = i
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        func digits(_ p: inout Parser) -> Int {
            let s = p.i
            while p.i < p.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(p.bytes[p.i]) { p.i += 1 }
            return p.i - s
        }
        let intStart = i
        let intDigits = digits(&self)
        if intDigits == 0 { throw JSONSyntaxError(message: "invalid number: expected a digit", offset: i) }
        if intDigits > 1 && bytes[intStart] == UInt8(ascii: "0") {
            throw JSONSyntaxError(message: "invalid number: leading zeros are not allowed", offset: intStart)
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            if digits(&self) == 0 { throw JSONSyntaxError(message: "invalid number: expected a digit after '.'", offset: i) }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            if digits(&self) == 0 { throw JSONSyntaxError(message: "invalid number: expected a digit in the exponent", offset: i) }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
    }

    /// Reads a string starting at the opening quote. The input is already known to be valid UTF-8.
    mutating func parseString() throws(JSONSyntaxError) -> String {
        let open = i
        i += 1
        let start = i
        // Fast path: no escapes.
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                i += 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw controlCharacter(b) }
            i += 1
        }
        var out = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<i]))
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            if b < 0x20 { throw controlCharacter(b) }
            if b != UInt8(ascii: "\\") {
                out.append(b)
                i += 1
                continue
            }
            let escapeStart = i
            i += 1
            guard i < bytes.count else { break }
            switch bytes[i] {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                i += 1
                var scalar = try hex4(escapeStart)
                if (0xD800...0xDBFF).contains(scalar) {
                    // A high surrogate must be followed by an escaped low surrogate.
                    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                        throw JSONSyntaxError(message: "lone surrogate \\u\(String(scalar, radix: 16, uppercase: true)) in a string",
                                              offset: escapeStart)
                    }
                    i += 2
                    let low = try hex4(escapeStart)
                    guard (0xDC00...0xDFFF).contains(low) else {
                        throw JSONSyntaxError(message: "lone surrogate \\u\(String(scalar, radix: 16, uppercase: true)) in a string",
                                              offset: escapeStart)
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw JSONSyntaxError(message: "lone surrogate \\u\(String(scalar, radix: 16, uppercase: true)) in a string",
                                          offset: escapeStart)
                }
                out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
                continue
            default:
                throw JSONSyntaxError(message: "invalid escape \\\(describe(at: i)) in a string", offset: escapeStart)
            }
            i += 1
        }
        throw JSONSyntaxError(message: "unterminated string", offset: open)
    }

    mutating func hex4(_ escapeStart: Int) throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard i < bytes.count else {
                throw JSONSyntaxError(message: "invalid \\u escape: expected four hex digits", offset: escapeStart)
            }
            let b = bytes[i]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw JSONSyntaxError(message: "invalid \\u escape: expected four hex digits", offset: escapeStart)
            }
            value = value << 4 | digit
            i += 1
        }
        return value
    }

    func controlCharacter(_ b: UInt8) -> JSONSyntaxError {
        JSONSyntaxError(
            message: "control character 0x\(JSONReader.hex(b)) inside a string; JSON requires it escaped (e.g. \\n, \\u0000)",
            offset: i)
    }
}

extension JSONReader {
    /// The string value of `key` in the top-level object, found without building the document: the quick
    /// look the checker takes at every plan of a run before checking any (for the run's plan ids). Nil
    /// where the bytes hold no such string; the full decode then says what is wrong.
    public static func topLevelString(_ bytes: [UInt8], key: String) -> String? {
        bytes.withUnsafeBufferPointer { buffer in
            var parser = Parser(bytes: buffer)
            return parser.topLevelString(key: key)
        }
    }
}

extension Parser {
    mutating func topLevelString(key wanted: String) -> String? {
        skipByteOrderMark()
        skipWhitespace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        while true {
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\""), let key = try? parseString() else { return nil }
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            skipWhitespace()
            guard i < bytes.count else { return nil }
            if key == wanted {
                return bytes[i] == UInt8(ascii: "\"") ? try? parseString() : nil
            }
            guard skipValue() else { return nil }
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ",") else { return nil }
            i += 1
        }
    }

    /// Steps over one value without decoding it (strings are scanned for their closing quote only).
    mutating func skipValue() -> Bool {
        var depth = 0
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\""):
                i += 1
                while i < bytes.count && bytes[i] != UInt8(ascii: "\"") {
                    i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1
                }
                guard i < bytes.count else { return false }
                i += 1
                if depth == 0 { return true }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                i += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return true }  // the end of the enclosing object: a scalar just ended
                depth -= 1
                i += 1
                if depth == 0 { return true }
            case UInt8(ascii: ","), 0x20, 0x09, 0x0A, 0x0D:
                if depth == 0 { return true }
                i += 1
            default:
                i += 1
            }
        }
        return depth == 0
    }
}
