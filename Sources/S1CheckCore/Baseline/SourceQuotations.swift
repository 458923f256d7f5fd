/// A baseline file's versions agree with the sources it gives for them (docs/baseline.md, "The baseline
/// file"): every fact names its source and quotes it verbatim in “curly quotes”, so a version edited
/// without its quotation (`"annexA": "5.2"` while `sources.annexA` still quotes “… Version 5.1”) is a
/// contradiction within the file, and refused as an input error naming both.
///
/// A quotation names a version where a dotted number follows `Version` or `version` (also `version is`,
/// as TBRD footnote 1 has it: “The current version is 10.0.”) or ` v` (“… Document v25.0 …”). Only text
/// inside the quotation marks is read (a source's own words, such as "Annex A (SEC Version 72.0)", are
/// not a quotation), and only a source whose quotations name a version is checked: a version must then
/// be one of those quoted, and each version of a list (`legalEffect`) must be quoted. A quotation may name
/// other versions besides (Schedule 9's source quotes “… SMETS1 v1.2, Schedule 9 – SMETS2 v2.0”).
enum SourceQuotations {
    /// A fact whose version a source supports: its key in the object, its key in `sources`, what it is
    /// (completing "… is not a version its source quotes"), and for a version inside an object (`tbrd`,
    /// `consultation`), that object's key for it.
    struct Fact {
        var key: String
        var source: String
        var what: String
        var inner: String? = nil
    }

    static let root = [Fact(key: "tbrd", source: "tbrd", what: "the TBRD version", inner: "version"),
                       Fact(key: "sec", source: "sec", what: "the SEC version"),
                       Fact(key: "svtad", source: "svtad", what: "the SVTAD version")]
    static let document = [Fact(key: "annexA", source: "annexA", what: "the Annex A version"),
                           Fact(key: "legalEffect", source: "legalEffect", what: "a version in legal effect"),
                           Fact(key: "consultation", source: "consultation", what: "the consultation version", inner: "version")]
    static let part = [Fact(key: "legalEffect", source: "legalEffect", what: "a version in legal effect")]

    /// Checks the `facts` of the object `f` at `path` against its `sources`; `subject` names the document
    /// or part they are facts of.
    static func check(_ f: StrictDecoder.Fields, at path: JSONPath, _ facts: [Fact], _ d: StrictDecoder, subject: String? = nil) {
        guard let sourcesNode = f["sources"], case .object(let sources) = sourcesNode.value else { return }
        for fact in facts {
            guard let source = sources.first(where: { $0.key == fact.source }), case .string(let text) = source.value.value else { continue }
            let quoted = versions(quotedIn: text)
            if quoted.isEmpty { continue }
            // Looked up, and what the source quotes worked out once: linear in a list of thousands (issue 26).
            let quotedVersions = Set(quoted.map(\.version))
            var shownOnce: String?
            for (node, at) in values(of: fact, f, path) {
                guard case .string(let s) = node.value, let v = Version(dotted: s), !quotedVersions.contains(v) else { continue }
                let sourcePath = path.key("sources").key(fact.source)
                let shown = shownOnce ?? {
                    let passages = Array(Set(quoted.map(\.quotation))).sorted()
                    return passages.count == 1 ? "“\(excerpt(passages[0]))”" : "versions \(unique(quoted.map(\.version)).map(\.description).joined(separator: ", "))"
                }()
                shownOnce = shown
                d.fail("\(subject.map { "\($0): " } ?? "")\(fact.what) is \(v), but its source (\(sourcePath), line \(d.position(ofOffset: source.value.offset).line)) quotes \(shown), not \(v): correct the version or the quotation, whichever is wrong",
                       at: at, offset: node.offset)
            }
        }
    }

    /// The version nodes of a fact, each with its path: one, or each item of a list.
    static func values(of fact: Fact, _ f: StrictDecoder.Fields, _ path: JSONPath) -> [(JSONNode, JSONPath)] {
        guard let node = f[fact.key] else { return [] }
        let p = path.key(fact.key)
        if let inner = fact.inner {
            guard case .object(let members) = node.value, let m = members.first(where: { $0.key == inner }) else { return [] }
            return [(m.value, p.key(inner))]
        }
        if case .array(let items) = node.value { return items.enumerated().map { ($0.element, p.index($0.offset)) } }
        return [(node, p)]
    }

    /// The versions the quotations of `source` name, each with its quotation.
    static func versions(quotedIn source: String) -> [(version: Version, quotation: String)] {
        var out: [(version: Version, quotation: String)] = []
        var rest = Substring(source)
        while let open = rest.firstIndex(of: "“") {
            let inside = rest[rest.index(after: open)...]
            guard let close = inside.firstIndex(of: "”") else { break }
            let quotation = String(inside[..<close])
            for v in versions(in: quotation) { out.append((v, quotation)) }
            rest = inside[inside.index(after: close)...]
        }
        return out
    }

    /// The dotted numbers after `Version`/`version` (and `version is`) or ` v` in one quotation.
    static func versions(in text: String) -> [Version] {
        let s = Array(text.unicodeScalars)
        func isLetter(_ i: Int) -> Bool { i >= 0 && i < s.count && s[i].properties.isAlphabetic }
        func isDigit(_ i: Int) -> Bool { i < s.count && s[i].value >= 0x30 && s[i].value <= 0x39 }
        // The words compared in place, with nothing allocated per character (a source quoting tens of
        // thousands of versions is read in proportion to its length, issue 26).
        let upper = Array("Version".unicodeScalars), lower = Array("version".unicodeScalars), isWord = Array("is".unicodeScalars)
        func matches(_ w: [Unicode.Scalar], at i: Int) -> Bool {
            guard i >= 0, i + w.count <= s.count else { return false }
            for k in w.indices where s[i + k] != w[k] { return false }
            return true
        }
        func skipSpaces(_ i: inout Int) -> Bool {
            let start = i
            while i < s.count && s[i].properties.isWhitespace { i += 1 }
            return i > start
        }
        /// The dotted number starting at `i` (a trailing full stop is the sentence's, not the number's).
        func number(at i: Int) -> Version? {
            var j = i
            while j < s.count && (isDigit(j) || s[j] == ".") { j += 1 }
            var text = String(String.UnicodeScalarView(s[i..<j]))
            while text.hasSuffix(".") { text.removeLast() }
            return Version(dotted: text)
        }
        var out: [Version] = []
        var i = 0
        while i < s.count {
            if (matches(upper, at: i) || matches(lower, at: i)) && !isLetter(i - 1) {
                var j = i + lower.count
                if skipSpaces(&j) {
                    if matches(isWord, at: j) && !isLetter(j + 2) {
                        var k = j + 2
                        if skipSpaces(&k) && isDigit(k) { j = k }
                    }
                    if isDigit(j), let v = number(at: j) { out.append(v) }
                }
                i = j
                continue
            }
            if s[i] == "v" && i > 0 && s[i - 1].properties.isWhitespace && isDigit(i + 1), let v = number(at: i + 1) {
                out.append(v)
            }
            i += 1
        }
        return out
    }

    static func unique(_ versions: [Version]) -> [Version] { versions.distinctInOrder() }

    static func excerpt(_ quotation: String) -> String {
        quotation.count <= 120 ? quotation : String(quotation.prefix(117)) + "…"
    }
}
