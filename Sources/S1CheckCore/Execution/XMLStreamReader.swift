/// One thing the XML reader found, in document order. An empty element (`<a/>`) is a `start` followed by
/// an `end`. Text arrives in pieces (a long text or CDATA section is handed over as the bytes arrive, so
/// memory never holds it whole), with the predefined entities and character references already replaced.
public enum XMLEvent: Sendable, Equatable {
    case start(name: String, attributes: [XMLAttribute], position: SourcePosition)
    case end(name: String)
    case text(String)
}

public struct XMLAttribute: Sendable, Equatable {
    public let name: String
    public let value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// The limits a results file is read within: no element deeper, no attribute value or tag longer.
public struct XMLLimits: Sendable {
    /// Elements open at once. JUnit XML needs five or six (`testsuites`, nested `testsuite`s, `testcase`,
    /// `failure`); 256 leaves room for any producer and stops a nesting bomb at once.
    public var maxDepth = 256
    /// Bytes of one attribute value as written. Producers that put a stack trace in `message` stay far below.
    public var maxAttributeBytes = 1 << 20
    /// Bytes of one tag, `<` to `>`, attributes included.
    public var maxTagBytes = 4 << 20
    /// Attributes on one element.
    public var maxAttributes = 256
    public init() {}
}

/// A streaming reader for the subset of XML 1.0 that JUnit results use: elements, attributes, text,
/// CDATA sections, comments, processing instructions (skipped) and the XML declaration; the five
/// predefined entities and numeric character references. Nothing else:
///
/// - a DOCTYPE or an entity declaration is refused where it starts, before anything in it is read: no
///   DTD is ever parsed and no entity is ever expanded, so entity bombs ("billion laughs") and external
///   entities (files, URLs) are impossible by construction, not merely limited;
/// - UTF-8 only: a UTF-16 or UTF-32 file (with or without a byte order mark), an `encoding` other than
///   UTF-8 in the declaration, or bytes that are not valid UTF-8 are refused;
/// - element depth, attribute size and tag size are bounded (`XMLLimits`).
///
/// It has no I/O: the caller feeds chunks of bytes (`feed`) and then says the input ended (`finish`).
/// Memory holds one chunk and at most one unfinished tag, whatever the file's size; text is handed over
/// in pieces as it arrives. Every error is a `Diagnostic` naming the file, the element path, the line and
/// column, and what was expected.
public struct XMLStreamReader {
    public let file: String
    public let limits: XMLLimits

    private var buffer: [UInt8] = []
    /// Bytes of `buffer` already read.
    private var pos = 0
    /// Line and column (scalars, 1-based) of `buffer[pos]`.
    private var line = 1
    private var column = 1
    /// Bytes consumed before `buffer[0]`.
    private var discarded = 0
    private var state: State = .start
    /// Names of the open elements, outermost first.
    private var stack: [String] = []
    private var stackPositions: [SourcePosition] = []
    private var sawRoot = false
    /// Where the document starts (after a UTF-8 byte order mark): the only place for an XML declaration.
    private var bodyStart = 0
    private var finished = false

    private enum State { case start, content, comment, cdata, instruction }

    public init(file: String, limits: XMLLimits = XMLLimits()) {
        self.file = file
        self.limits = limits
    }

    /// Bytes read so far (the ones handed to `feed` that the reader has gone past).
    public var bytesConsumed: Int { discarded + pos }

    /// The elements open now, as a path (`/testsuites/testsuite/testcase`); `$` before the root.
    public var elementPath: String { stack.isEmpty ? "$" : "/" + stack.joined(separator: "/") }

    /// Reads the next chunk of the input, handing every complete event to `body`.
    public mutating func feed<C: Collection>(_ chunk: C, _ body: (XMLEvent) throws(Diagnostic) -> Void) throws(Diagnostic)
    where C.Element == UInt8 {
        precondition(!finished, "feed after finish")
        if pos > 0 {
            discarded += pos
            buffer.removeSubrange(0..<pos)
            pos = 0
        }
        buffer.append(contentsOf: chunk)
        try run(atEnd: false, body)
    }

    /// Says the input ended: anything unfinished (an open element, a tag, a comment) is an error.
    public mutating func finish(_ body: (XMLEvent) throws(Diagnostic) -> Void) throws(Diagnostic) {
        precondition(!finished, "finish twice")
        try run(atEnd: true, body)
        finished = true
        switch state {
        case .start:
            throw error("the file is empty: expected JUnit XML (a <testsuites> or <testsuite> element)")
        case .comment:
            throw error("the file ends inside a comment (<!-- without -->): is it truncated?")
        case .cdata:
            throw error("the file ends inside a CDATA section (<![CDATA[ without ]]>): is it truncated?")
        case .instruction:
            throw error("the file ends inside a processing instruction (<? without ?>): is it truncated?")
        case .content:
            break
        }
        if pos < buffer.count {
            throw error("the file ends inside a tag (a < without its >): is it truncated?")
        }
        if let open = stack.last, let at = stackPositions.last {
            throw error("the file ends inside <\(open)> opened at line \(at.line), column \(at.column): expected </\(open)>; is it truncated?")
        }
        if !sawRoot {
            throw error("no element in the file: expected JUnit XML (a <testsuites> or <testsuite> element)")
        }
    }

    // MARK: - The scanner

    private mutating func run(atEnd: Bool, _ body: (XMLEvent) throws(Diagnostic) -> Void) throws(Diagnostic) {
        if state == .start {
            guard try readStart(atEnd: atEnd) else { return }
        }
        while pos < buffer.count {
            switch state {
            case .start:
                preconditionFailure("start handled above")
            case .comment:
                guard let end = find([0x2D, 0x2D, 0x3E], from: pos) else {  // -->
                    advance(to: max(pos, buffer.count - 2))
                    return
                }
                advance(to: end + 3)
                state = .content
            case .instruction:
                guard let end = find([0x3F, 0x3E], from: pos) else {  // ?>
                    advance(to: max(pos, buffer.count - 1))
                    return
                }
                advance(to: end + 2)
                state = .content
            case .cdata:
                if let end = find([0x5D, 0x5D, 0x3E], from: pos) {  // ]]>
                    try emitRaw(pos..<end, body)
                    advance(to: end + 3)
                    state = .content
                } else {
                    let cut = utf8Boundary(before: max(pos, buffer.count - 2))
                    if cut > pos { try emitRaw(pos..<cut, body) }
                    advance(to: cut)
                    return
                }
            case .content:
                if buffer[pos] == 0x3C {  // <
                    guard try readMarkup(atEnd: atEnd, body) else { return }
                } else {
                    let lt = find(0x3C, from: pos)
                    var cut = lt ?? buffer.count
                    if lt == nil && !atEnd {
                        // Keep an unfinished reference and an unfinished UTF-8 sequence for the next chunk.
                        let lookback = max(pos, cut - 12)
                        if let amp = buffer[lookback..<cut].lastIndex(of: 0x26), find(0x3B, from: amp, below: cut) == nil { cut = amp }
                        cut = utf8Boundary(before: cut)
                        if cut == pos { return }
                    }
                    try emitText(pos..<cut, body)
                    advance(to: cut)
                }
            }
        }
    }

    /// The byte order mark and encoding check before the first markup. False: wait for more bytes.
    private mutating func readStart(atEnd: Bool) throws(Diagnostic) -> Bool {
        let b = buffer
        if b.count < 4 && !atEnd { return false }
        if b.isEmpty { return true }
        func has(_ prefix: [UInt8]) -> Bool { b.count >= prefix.count && Array(b[0..<prefix.count]) == prefix }
        if has([0xFF, 0xFE]) || has([0xFE, 0xFF]) {
            throw error("the file is UTF-16 (it starts with a UTF-16 byte order mark): s1check reads UTF-8 only; convert it (iconv -f UTF-16 -t UTF-8)")
        }
        if has([0x00, 0x00, 0xFE, 0xFF]) || has([0x00, 0x00, 0x00, 0x3C]) || has([0x3C, 0x00, 0x00, 0x00]) {
            throw error("the file is UTF-32: s1check reads UTF-8 only; convert it (iconv -f UTF-32 -t UTF-8)")
        }
        if has([0x00, 0x3C]) || has([0x3C, 0x00]) {
            throw error("the file is UTF-16 (without a byte order mark): s1check reads UTF-8 only; convert it (iconv -f UTF-16 -t UTF-8)")
        }
        state = .content
        if has([0xEF, 0xBB, 0xBF]) {
            pos = 3
            bodyStart = 3
        }
        return true
    }

    /// Reads one piece of markup starting at `<`. False: it is not complete yet.
    private mutating func readMarkup(atEnd: Bool, _ body: (XMLEvent) throws(Diagnostic) -> Void) throws(Diagnostic) -> Bool {
        let available = buffer.count - pos
        func startsWith(_ s: String) -> Bool {
            let p = Array(s.utf8)
            return available >= p.count && buffer[pos..<(pos + p.count)].elementsEqual(p)
        }
        if available < 2 { return false }
        switch buffer[pos + 1] {
        case 0x3F:  // <?
            if available < 6 && !atEnd { return false }
            let isDeclaration = startsWith("<?xml ") || startsWith("<?xml?") || startsWith("<?xml\t") || startsWith("<?xml\n") || startsWith("<?xml\r")
            guard let end = find([0x3F, 0x3E], from: pos + 2) else {
                if isDeclaration {
                    if available > 4096 { throw error("the XML declaration has no end (?>) in its first 4 KiB") }
                    return false
                }
                state = .instruction
                advance(to: pos + 2)
                return true
            }
            if isDeclaration {
                if bytesConsumed != bodyStart {
                    throw error("an XML declaration (<?xml …?>) is only allowed at the very start of the file")
                }
                try checkDeclaration(pos + 5..<end)
            }
            advance(to: end + 2)
            return true
        case 0x21:  // <!
            if startsWith("<!--") {
                state = .comment
                advance(to: pos + 4)
                return true
            }
            if available < 9 && !atEnd { return false }
            if startsWith("<![CDATA[") {
                guard !stack.isEmpty else { throw error("a CDATA section outside the root element: expected it inside an element") }
                state = .cdata
                advance(to: pos + 9)
                return true
            }
            if startsWith("<!DOCTYPE") || startsWith("<!doctype") {
                let rest = buffer[(pos + 9)..<min(buffer.count, pos + 20)]
                let word = String(decoding: rest, as: UTF8.self).drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
                if word.lowercased().hasPrefix("html") || startsWith("<!doctype") {
                    throw error("this is an HTML page (<!DOCTYPE html>), not JUnit XML: expected the XML file the test harness wrote (pytest --junitxml, Surefire's TEST-*.xml, …)")
                }
                throw error("a DOCTYPE is refused: s1check reads no DTD and expands no entities (so entity bombs and external entities cannot work); expected JUnit XML without <!DOCTYPE …>")
            }
            if startsWith("<!ENTITY") {
                throw error("an entity declaration is refused: s1check expands no entities; expected JUnit XML without <!ENTITY …>")
            }
            throw error("unexpected markup <!…: expected a comment (<!-- -->), a CDATA section or an element; DTD declarations are refused")
        default:
            return try readTag(atEnd: atEnd, body)
        }
    }

    private func checkDeclaration(_ range: Range<Int>) throws(Diagnostic) {
        let text = String(decoding: buffer[range], as: UTF8.self)
        guard let r = text.firstRange(of: "encoding") else { return }
        let after = text[r.upperBound...].drop(while: { $0 == " " || $0 == "=" || $0 == "\t" })
        guard let quote = after.first, quote == "\"" || quote == "'" else { return }
        let value = after.dropFirst().prefix(while: { $0 != quote })
        let lower = value.lowercased()
        if lower != "utf-8" && lower != "utf8" && lower != "us-ascii" && lower != "ascii" {
            throw error("the XML declaration says encoding=\"\(value)\": s1check reads UTF-8 only; expected UTF-8 (convert the file, e.g. iconv -f \(value) -t UTF-8)")
        }
    }

    /// A start tag, an end tag or an empty-element tag. False: its `>` has not arrived yet.
    private mutating func readTag(atEnd: Bool, _ body: (XMLEvent) throws(Diagnostic) -> Void) throws(Diagnostic) -> Bool {
        // Find the closing `>` outside quoted values.
        var i = pos + 1
        var quote: UInt8 = 0
        var valueStart = 0
        let count = buffer.count
        let found: Int? = buffer.withUnsafeBufferPointer { b -> Int? in
            while i < count {
                let c = b[i]
                if quote != 0 {
                    if c == quote { quote = 0 } else if i - valueStart > limits.maxAttributeBytes { return nil }
                } else if c == 0x22 || c == 0x27 {
                    quote = c
                    valueStart = i
                } else if c == 0x3E {
                    return i
                } else if c == 0x3C {
                    return i
                }
                i += 1
            }
            return nil
        }
        guard let close = found else {
            if quote != 0 && i - valueStart > limits.maxAttributeBytes {
                throw error("an attribute value longer than \(limits.maxAttributeBytes) bytes: expected a shorter value (JUnit attributes are names, numbers and short messages)", at: pos)
            }
            if count - pos > limits.maxTagBytes {
                throw error("a tag longer than \(limits.maxTagBytes) bytes: expected its > sooner", at: pos)
            }
            return false
        }
        if buffer[close] == 0x3C {
            throw error("a < inside a tag: expected the tag's > first (attribute values write < as &lt;)", at: close)
        }
        let start = pos
        let position = SourcePosition(line: line, column: column)
        if buffer[pos + 1] == 0x2F {  // </
            let name = try tagName(from: pos + 2, to: close)
            var k = name.end
            while k < close, isSpace(buffer[k]) { k += 1 }
            guard k == close else { throw error("unexpected text in the end tag </\(name.text)>: expected >", at: k) }
            guard let open = stack.last else {
                throw error("an end tag </\(name.text)> with no element open", at: start)
            }
            guard open == name.text else {
                let at = stackPositions.last!
                throw error("the end tag </\(name.text)> does not match <\(open)> opened at line \(at.line), column \(at.column): expected </\(open)>", at: start)
            }
            stack.removeLast()
            stackPositions.removeLast()
            advance(to: close + 1)
            try body(.end(name: name.text))
            return true
        }
        let selfClosing = buffer[close - 1] == 0x2F && close - 1 > pos
        let end = selfClosing ? close - 1 : close
        let name = try tagName(from: pos + 1, to: end)
        if stack.isEmpty && sawRoot {
            throw error("a second root element <\(name.text)>: expected one root element (<testsuites> or <testsuite>)", at: start)
        }
        var attributes: [XMLAttribute] = []
        var k = name.end
        while true {
            let beforeSpace = k
            while k < end, isSpace(buffer[k]) { k += 1 }
            if k == end { break }
            if k == beforeSpace { throw error("expected a space before the attribute in <\(name.text)>", at: k) }
            let attrName = try tagName(from: k, to: end, what: "an attribute name")
            k = attrName.end
            while k < end, isSpace(buffer[k]) { k += 1 }
            guard k < end, buffer[k] == 0x3D else { throw error("the attribute \(attrName.text) of <\(name.text)> has no value: expected =\"…\"", at: k) }
            k += 1
            while k < end, isSpace(buffer[k]) { k += 1 }
            guard k < end, buffer[k] == 0x22 || buffer[k] == 0x27 else {
                throw error("the value of the attribute \(attrName.text) of <\(name.text)> is not quoted: expected \" or '", at: k)
            }
            let q = buffer[k]
            guard let closeQuote = find(q, from: k + 1, below: end) else {
                throw error("the value of the attribute \(attrName.text) of <\(name.text)> has no closing quote", at: k)
            }
            if attributes.contains(where: { $0.name == attrName.text }) {
                throw error("the attribute \(attrName.text) appears twice in <\(name.text)>: expected it once", at: attrName.start)
            }
            guard attributes.count < limits.maxAttributes else {
                throw error("more than \(limits.maxAttributes) attributes on <\(name.text)>", at: attrName.start)
            }
            let value = try decode(k + 1..<closeQuote, attribute: true)
            attributes.append(XMLAttribute(name: attrName.text, value: value))
            k = closeQuote + 1
        }
        guard stack.count < limits.maxDepth else {
            throw error("elements nested deeper than \(limits.maxDepth): expected JUnit XML, which nests a few levels", at: start)
        }
        sawRoot = true
        advance(to: close + 1)
        try body(.start(name: name.text, attributes: attributes, position: position))
        if selfClosing {
            try body(.end(name: name.text))
        } else {
            stack.append(name.text)
            stackPositions.append(position)
        }
        return true
    }

    private func tagName(from start: Int, to end: Int, what: String = "an element name") throws(Diagnostic) -> (text: String, start: Int, end: Int) {
        var k = start
        while k < end {
            let c = buffer[k]
            if isSpace(c) || c == 0x2F || c == 0x3D || c == 0x3E || c == 0x22 || c == 0x27 { break }
            k += 1
        }
        guard k > start else { throw error("expected \(what)", at: start) }
        let first = buffer[start]
        if (first >= 0x30 && first <= 0x39) || first == 0x2D || first == 0x2E || first == 0x26 || first == 0x21 || first == 0x3F {
            throw error("\(what) cannot start with \"\(Character(Unicode.Scalar(first)))\"", at: start)
        }
        let text: String? = buffer.withUnsafeBufferPointer { b in
            let name = UnsafeBufferPointer(rebasing: b[start..<k])
            // ASCII (every JUnit name) needs no validation.
            return name.allSatisfy { $0 < 0x80 } ? String(decoding: name, as: UTF8.self) : String(validating: name, as: UTF8.self)
        }
        guard let text else {
            throw error("bytes that are not UTF-8 in \(what): s1check reads UTF-8 only", at: start)
        }
        return (text, start, k)
    }

    // MARK: - Text

    private func emitText(_ range: Range<Int>, _ body: (XMLEvent) throws(Diagnostic) -> Void) throws(Diagnostic) {
        if stack.isEmpty {
            for k in range where !isSpace(buffer[k]) {
                throw error(sawRoot ? "text after the root element: expected the end of the file"
                                    : "text before the root element: expected JUnit XML (<?xml …?> and <testsuites> or <testsuite>)", at: k)
            }
            return
        }
        try body(.text(try decode(range, attribute: false)))
    }

    private func emitRaw(_ range: Range<Int>, _ body: (XMLEvent) throws(Diagnostic) -> Void) throws(Diagnostic) {
        guard let text = String(validating: buffer[range], as: UTF8.self) else {
            throw error("bytes that are not UTF-8 in a CDATA section: s1check reads UTF-8 only", at: range.lowerBound)
        }
        try body(.text(text))
    }

    /// Text or an attribute value with its references replaced (and, in an attribute, tabs and line
    /// breaks made spaces, as XML 1.0 normalises them).
    private func decode(_ range: Range<Int>, attribute: Bool) throws(Diagnostic) -> String {
        // The common case in one pass: nothing to replace (no reference, no CR, in an attribute no tab,
        // line feed or <), and ASCII, which needs no validation.
        let plain: (special: Bool, ascii: Bool) = buffer.withUnsafeBufferPointer { b in
            var ascii = true
            for k in range {
                let c = b[k]
                if c == 0x26 || c == 0x0D || (attribute && (c == 0x09 || c == 0x0A || c == 0x3C)) { return (true, ascii) }
                // A control character XML does not allow: the slow path names it.
                if c < 0x20 && c != 0x09 && c != 0x0A { return (true, ascii) }
                if c >= 0x80 { ascii = false }
            }
            return (false, ascii)
        }
        if !plain.special {
            if plain.ascii {
                return buffer.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
            }
            let text = buffer.withUnsafeBufferPointer { String(validating: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
            guard let text else {
                throw error("bytes that are not UTF-8: s1check reads UTF-8 only (convert the file)", at: firstInvalidUTF8(range))
            }
            return text
        }
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var k = range.lowerBound
        while k < range.upperBound {
            let c = buffer[k]
            if c == 0x26 {
                guard let semi = find(0x3B, from: k + 1, below: min(range.upperBound, k + 12)) else {
                    throw error("an & that starts no reference: expected &amp;, &lt;, &gt;, &quot;, &apos; or &#…; (write a literal & as &amp;)", at: k)
                }
                let ref = Array(buffer[(k + 1)..<semi])
                switch ref {
                case Array("lt".utf8): out.append(0x3C)
                case Array("gt".utf8): out.append(0x3E)
                case Array("amp".utf8): out.append(0x26)
                case Array("quot".utf8): out.append(0x22)
                case Array("apos".utf8): out.append(0x27)
                default:
                    if ref.first == 0x23, let value = XMLStreamReader.referencedValue(ref.dropFirst()), !XMLStreamReader.isXMLChar(value) {
                        throw error("the character reference &\(String(decoding: ref, as: UTF8.self)); names \(XMLStreamReader.codePoint(value)), which XML 1.0 does not allow (ANSI colour codes? turn the harness's colour output off)", at: k)
                    }
                    guard ref.first == 0x23, let scalar = characterReference(ref.dropFirst()) else {
                        throw error("the entity &\(String(decoding: ref, as: UTF8.self)); is not one of XML's five (&amp; &lt; &gt; &quot; &apos;) or a character reference: s1check expands no other entity", at: k)
                    }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                }
                k = semi + 1
            } else if c == 0x0D {
                // CR LF and a lone CR are a line feed (XML 1.0 section 2.11).
                out.append(attribute ? 0x20 : 0x0A)
                if k + 1 < range.upperBound, buffer[k + 1] == 0x0A { k += 1 }
                k += 1
            } else {
                if c < 0x20 && c != 0x09 && c != 0x0A {
                    throw error("the control character \(XMLStreamReader.codePoint(UInt32(c))) in \(attribute ? "an attribute value" : "text"), which XML 1.0 does not allow (ANSI colour codes? turn the harness's colour output off)", at: k)
                }
                if attribute {
                    if c == 0x3C { throw error("a < in an attribute value: expected &lt;", at: k) }
                    out.append(c == 0x09 || c == 0x0A ? 0x20 : c)
                } else {
                    out.append(c)
                }
                k += 1
            }
        }
        guard let text = String(validating: out, as: UTF8.self) else {
            throw error("bytes that are not UTF-8: s1check reads UTF-8 only (convert the file)", at: firstInvalidUTF8(range))
        }
        return text
    }

    private func characterReference(_ digits: ArraySlice<UInt8>) -> Unicode.Scalar? {
        guard let value = XMLStreamReader.referencedValue(digits), XMLStreamReader.isXMLChar(value) else { return nil }
        return Unicode.Scalar(value)
    }

    /// "U+001B".
    private static func codePoint(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// XML 1.0 Char: tab, LF, CR, and from U+0020 (no surrogates, no U+FFFE/U+FFFF).
    private static func isXMLChar(_ value: UInt32) -> Bool {
        value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
            || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
    }

    /// The number a character reference's digits (after `#`) write, at most U+10FFFF; nil when they are not digits.
    private static func referencedValue(_ digits: ArraySlice<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        var d = digits
        let hex = d.first == 0x78
        if hex { d = d.dropFirst() }
        guard !d.isEmpty, d.count <= 8 else { return nil }
        for c in d {
            let v: UInt32
            switch c {
            case 0x30...0x39: v = UInt32(c - 0x30)
            case 0x61...0x66 where hex: v = UInt32(c - 0x61 + 10)
            case 0x41...0x46 where hex: v = UInt32(c - 0x41 + 10)
            default: return nil
            }
            value = value * (hex ? 16 : 10) + v
            if value > 0x10FFFF { return nil }
        }
        return value
    }

    // MARK: - Positions and searching

    /// Moves `pos` to `target`, keeping the line and column.
    private mutating func advance(to target: Int) {
        var l = line, c = column
        buffer.withUnsafeBufferPointer { b in
            var k = pos
            while k < target {
                let byte = b[k]
                if byte == 0x0A { l += 1; c = 1 } else if byte & 0xC0 != 0x80 { c += 1 }
                k += 1
            }
        }
        line = l
        column = c
        pos = target
    }

    /// The position of `buffer[offset]` (at or after `pos`, within the buffer).
    private func position(of offset: Int) -> SourcePosition {
        var l = line, c = column
        var k = pos
        while k < offset {
            let byte = buffer[k]
            if byte == 0x0A { l += 1; c = 1 } else if byte & 0xC0 != 0x80 { c += 1 }
            k += 1
        }
        return SourcePosition(line: l, column: c)
    }

    private func error(_ message: String, at offset: Int? = nil) -> Diagnostic {
        let at = offset.map { max($0, pos) }.map(position(of:)) ?? SourcePosition(line: line, column: column)
        return .input(file: file, path: elementPath, position: at, message: message)
    }

    private func find(_ byte: UInt8, from start: Int, below end: Int? = nil) -> Int? {
        let stop = end ?? buffer.count
        guard start < stop else { return nil }
        return buffer.withUnsafeBufferPointer { b -> Int? in
            var k = start
            while k < stop {
                if b[k] == byte { return k }
                k += 1
            }
            return nil
        }
    }

    private func find(_ bytes: [UInt8], from start: Int) -> Int? {
        var k = start
        while let hit = find(bytes[0], from: k) {
            if hit + bytes.count > buffer.count { return nil }
            var all = true
            for j in 1..<bytes.count where buffer[hit + j] != bytes[j] { all = false; break }
            if all { return hit }
            k = hit + 1
        }
        return nil
    }

    /// `cut`, or an earlier offset, so that no UTF-8 sequence is split at it.
    private func utf8Boundary(before cut: Int) -> Int {
        var j = cut
        var back = 0
        while j > pos && back < 4 {
            j -= 1
            back += 1
            let b = buffer[j]
            if b & 0xC0 != 0x80 {
                let length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
                return j + length > cut ? j : cut
            }
        }
        return cut
    }

    private func firstInvalidUTF8(_ range: Range<Int>) -> Int {
        var k = range.lowerBound
        while k < range.upperBound {
            let b = buffer[k]
            let length = b < 0x80 ? 1 : b >= 0xF8 ? 0 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 0
            if length == 0 || k + length > range.upperBound { return k }
            if String(validating: buffer[k..<(k + length)], as: UTF8.self) == nil { return k }
            k += length
        }
        return range.lowerBound
    }

    private func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
}
