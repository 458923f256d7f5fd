/// Walks a parsed JSON document into typed values, collecting every problem (not just the first) as a
/// `Diagnostic` with file, JSON path, line and column. Unknown keys are errors: a typo must not pass.
///
/// One decoder serves plans, baselines, device registries and policy files, so their messages read alike.
public final class StrictDecoder {
    public let file: String
    private let bytes: [UInt8]
    private var lineIndex: LineIndex?
    public private(set) var errors: [Diagnostic] = []
    /// Errors found after the first `maximumErrors`: counted, not kept (docs/robustness.md, "Input size").
    public private(set) var omittedErrors = 0

    /// A file with more errors than this is answered with the first ones and a count of the rest: a CI log
    /// needs the first few to act on, and a hostile file must not turn into millions of lines.
    public static let maximumErrors = 50

    /// Every error kept, then one saying how many more there were.
    public var diagnostics: [Diagnostic] {
        guard omittedErrors > 0 else { return errors }
        return errors + [.input(file: file, message: "… and \(omittedErrors) more error\(omittedErrors == 1 ? "" : "s") in this file (s1check lists the first \(StrictDecoder.maximumErrors))")]
    }

    public init(file: String, bytes: [UInt8]) {
        self.file = file
        self.bytes = bytes
    }

    /// Parses `bytes` and decodes the root with `decodeRoot`: the value, or every problem found. The one
    /// entry point of every file format s1check reads.
    public static func decode<T>(file: String, bytes: [UInt8],
                                 _ decodeRoot: (JSONNode, StrictDecoder) -> T?) throws(Diagnostics) -> T {
        let d = StrictDecoder(file: file, bytes: bytes)
        guard let root = d.parse() else { throw d.thrown }
        let value = decodeRoot(root, d)
        if let value, d.errors.isEmpty { return value }
        throw d.thrown
    }

    /// Every problem found, to throw; a root that did not decode without saying why is reported too,
    /// never passed as a file without problems.
    private var thrown: Diagnostics {
        Diagnostics(diagnostics) ?? .input(file: file, message: "cannot be decoded, and s1check found no reason why (a defect in s1check: please report it)")
    }

    /// Parses the bytes; a syntax error is recorded and nil returned.
    public func parse() -> JSONNode? {
        do {
            return try JSONReader.parse(bytes)
        } catch {
            fail(error.message, at: error.path, offset: error.offset)
            return nil
        }
    }

    public func position(ofOffset offset: Int) -> SourcePosition {
        if lineIndex == nil { lineIndex = LineIndex(bytes) }
        return lineIndex!.position(ofOffset: offset)
    }

    /// Records an error; past the first `maximumErrors` only counts it, without building its message
    /// (a did-you-mean costs a search), so a file full of errors stays cheap whatever its callers say.
    public func fail(_ message: @autoclosure () -> String, at path: JSONPath, offset: Int?) {
        guard errors.count < StrictDecoder.maximumErrors else { omittedErrors += 1; return }
        errors.append(.input(file: file, path: path.description,
                             position: offset.map { position(ofOffset: $0) }, message: message()))
    }

    // MARK: Objects

    /// The members of an object, by key, after checking the key set.
    /// Objects here have a handful of keys, so a linear search beats building a dictionary per object.
    public struct Fields {
        let members: [JSONMember]
        public subscript(key: String) -> JSONNode? { members.first { $0.key == key }?.value }
        public func keyOffset(_ key: String) -> Int? { members.first { $0.key == key }?.keyOffset }
    }

    /// Expects an object holding all `required` keys and nothing outside `required + optional`.
    /// Reports every unknown key (with the nearest allowed key) and every missing one.
    public func object(_ node: JSONNode, at path: JSONPath, what: String,
                       required: [String], optional: [String] = []) -> Fields? {
        guard case .object(let members) = node.value else {
            fail("expected \(what) (a JSON object), found \(node.value.typeName)", at: path, offset: node.offset)
            return nil
        }
        let allowed = required + optional
        var known: [JSONMember] = []
        known.reserveCapacity(members.count)
        for member in members {
            if allowed.contains(member.key) {
                known.append(member)
            } else {
                fail(StrictDecoder.unknownKey(member.key, allowed: allowed, what: what), at: path.key(member.key), offset: member.keyOffset)
            }
        }
        for key in required where !known.contains(where: { $0.key == key }) {
            fail("missing required key \"\(key)\" in \(what)", at: path, offset: node.offset)
        }
        return Fields(members: known)
    }

    static func unknownKey(_ key: String, allowed: [String], what: String) -> String {
        let hint = nearest(to: key, in: allowed, limit: 1, maxDistance: max(2, key.unicodeScalars.count / 3))
        let suggestion = hint.first.map { " (did you mean \"\($0)\"?)" } ?? ""
        return "unknown key \"\(key)\"\(suggestion); \(what) allows: \(allowed.joined(separator: ", "))"
    }

    // MARK: Scalars

    public func array(_ node: JSONNode, at path: JSONPath, what: String) -> [JSONNode]? {
        guard case .array(let items) = node.value else {
            fail("expected \(what) (a JSON array), found \(node.value.typeName)", at: path, offset: node.offset)
            return nil
        }
        return items
    }

    /// A string that is not empty or blank, with no control characters (they would corrupt reports and logs)
    /// and no format characters (Unicode category Cf: zero-width characters and the bidirectional
    /// controls, which make two different ids look alike or reorder what a reader sees).
    /// Free text (a title, a waiver's reason) may hold tabs and line feeds (`lineBreaks`): people paste
    /// them, and every report format escapes them; other control characters stay errors.
    public func text(_ node: JSONNode, at path: JSONPath, what: String, allowEmpty: Bool = false,
                     lineBreaks: Bool = false) -> String? {
        guard case .string(let s) = node.value else {
            fail("expected \(what) (a string), found \(node.value.typeName)", at: path, offset: node.offset)
            return nil
        }
        var visible = false, nonASCII = false
        var previous: UInt8 = 0
        for b in s.utf8 {
            // C0 controls and DEL, and C1 controls (U+0080–U+009F: 0xC2 then 0x80–0x9F), which terminals
            // also act on (U+009B is an 8-bit CSI).
            let c1 = previous == 0xC2 && b >= 0x80 && b <= 0x9F
            if b < 0x20 || b == 0x7F || c1 {
                if lineBreaks && (b == 0x09 || b == 0x0A) { previous = b; continue }
                fail("\(what) contains the control character U+\(hex4(UInt32(b))); remove it", at: path, offset: node.offset)
                return nil
            }
            if b >= 0x80 { nonASCII = true } else if b != 0x20 { visible = true }
            previous = b
        }
        if nonASCII, let u = s.unicodeScalars.first(where: Unicode.isFormatCharacter) {
            fail("\(what) contains the invisible format character U+\(hex4(u.value)); remove it", at: path, offset: node.offset)
            return nil
        }
        if !visible && nonASCII { visible = !s.trimmingWhitespace().isEmpty }
        if !allowEmpty && !visible {
            fail("expected \(what), found an empty string", at: path, offset: node.offset)
            return nil
        }
        return s
    }

    public func version(_ node: JSONNode, at path: JSONPath, what: String, lenient: Bool) -> Version? {
        let example = lenient ? "\"5.1\", \"v5.1\" or \"Version 5.1\"" : "\"5.1\""
        switch node.value {
        case .string(let s):
            if let v = lenient ? Version(written: s) : Version(dotted: s) { return v }
            let zero = Version.leadingZero(s).map { z in
                ": its part \"\(z.part)\" has a leading zero, and s1check refuses it rather than read it as \(z.reading)"
            } ?? ""
            fail("expected \(what) as a dotted number such as \(example), found \"\(s.prefix(80))\"\(zero)", at: path, offset: node.offset)
        case .number(let raw):
            // A JSON number cannot hold a version: 5.10 and 5.1 are the same number.
            fail("expected \(what) as a string such as \"\(raw)\", found the number \(raw); a JSON number loses trailing zeros (5.10 would read as 5.1)",
                 at: path, offset: node.offset)
        default:
            fail("expected \(what) as a string such as \(example), found \(node.value.typeName)", at: path, offset: node.offset)
        }
        return nil
    }

    public func date(_ node: JSONNode, at path: JSONPath, what: String) -> CalendarDate? {
        guard case .string(let s) = node.value else {
            fail("expected \(what) as a date string \"YYYY-MM-DD\", found \(node.value.typeName)", at: path, offset: node.offset)
            return nil
        }
        guard let d = CalendarDate(iso: s) else {
            let why = CalendarDate.notADate(s).map { ": \($0)" } ?? ""
            fail("expected \(what) as a real calendar date \"YYYY-MM-DD\", found \"\(s.prefix(40))\"\(why)", at: path, offset: node.offset)
            return nil
        }
        return d
    }

    /// One of a fixed set of string values.
    public func choice<T: RawRepresentable & CaseIterable>(_ node: JSONNode, at path: JSONPath, what: String,
                                                           as: T.Type) -> T? where T.RawValue == String {
        let allowed = T.allCases.map(\.rawValue)
        guard case .string(let s) = node.value, let v = T(rawValue: s) else {
            let found: String
            var hint = ""
            if case .string(let s) = node.value {
                found = "\"\(s.prefix(40))\""
                // "moc" for MOC: the nearest value (case ignored), when one is nearer than the others.
                let near = nearest(to: s, in: allowed, limit: 2, maxDistance: 1)
                if let best = near.first, near.count == 1 || editDistance(s, best) < editDistance(s, near[1]) {
                    hint = " (did you mean \"\(best)\"?)"
                }
            } else { found = node.value.typeName }
            fail("expected \(what), one of \(allowed.joined(separator: ", ")), found \(found)\(hint)", at: path, offset: node.offset)
            return nil
        }
        return v
    }

    private func hex4(_ v: UInt32) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}
