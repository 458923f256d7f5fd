/// Reads the code forms of a document name, whatever the catalogue: `SEC`, `Appendix AD`, `AD`,
/// `SEC Appendix AD`, `SEC-Appendix AL` (the TBRD's own spelling), `Schedule 9`, `Section N`,
/// case-insensitively. Titles and aliases ("DUIS", "SMETS1 TMAD") depend on the baseline: see
/// `DocumentNames`.
///
/// A bare code (`AD`, `AP2`) is read as an Appendix: that is how Appendices are abbreviated, and a bare
/// letter such as `N` would otherwise be ambiguous between Section N and Appendix N.
public enum DocumentName {
    public static func parse(_ written: String) -> DocumentRef? {
        parse(words: tokens(written))
    }

    static func parse(words input: [String]) -> DocumentRef? {
        var words = input
        if words.isEmpty { return nil }
        if words == ["SEC"] || words == ["SMART", "ENERGY", "CODE"] { return .code }
        if words.first == "SEC" { words.removeFirst() }
        // The SMETS1 SVTAD is Appendix AK whatever the baseline file (TBRD paragraph 1 and footnote 1). A
        // bare "SVTAD" is not: Appendices AJ, AK, AN, AQ and AR are all SVTADs (the baseline's aliases).
        if words == ["SMETS1", "SVTAD"] { return Baseline.svtadRef }
        switch words.count {
        case 1:
            return isCode(words[0]) ? .document(.appendix, words[0]) : nil
        case 2:
            let code = words[1]
            switch words[0] {
            case "APPENDIX", "APP": return isCode(code) ? .document(.appendix, code) : nil
            case "SECTION": return isCode(code) ? .document(.section, code) : nil
            case "SCHEDULE", "SCH":
                guard (1...3).contains(code.count), code.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(code) else { return nil }
                return .document(.schedule, String(n))
            default: return nil
            }
        default:
            return nil
        }
    }

    /// For a name that does not parse, the document its leading words name and the words after them:
    /// "SEC Appendix AD – DCC User Interface Specification" (the TBRD's own way of writing it) leads
    /// with Appendix AD.
    static func leadingReference(words: [String]) -> (ref: DocumentRef, rest: [String])? {
        guard words.count > 1 else { return nil }
        for n in stride(from: min(words.count - 1, 3), through: 1, by: -1) {
            if let ref = parse(words: Array(words.prefix(n))), ref != .code { return (ref, Array(words.dropFirst(n))) }
        }
        return nil
    }

    /// Upper-cased words, split on spaces and the dashes people put between "SEC" and "Appendix".
    /// Names are almost always ASCII, so that case works on bytes; anything else takes the general path.
    static func tokens(_ s: String) -> [String] {
        var words: [String] = []
        var word: [UInt8] = []
        for b in s.utf8 {
            if b >= 0x80 { return unicodeTokens(s) }
            if b == 0x20 || b == 0x09 || b == 0x2D {
                if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)); word.removeAll(keepingCapacity: true) }
            } else {
                word.append(b >= 0x61 && b <= 0x7A ? b - 0x20 : b)
            }
        }
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }

    static func unicodeTokens(_ s: String) -> [String] {
        s.uppercased()
            .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "-" || $0 == "\u{2013}" || $0 == "\u{2014}" })
            .map(String.init)
    }

    /// One or two letters, optionally followed by one digit (AP1, AP2); or a schedule number.
    static func isCode(_ s: String) -> Bool {
        let bytes = s.utf8
        guard (1...3).contains(bytes.count) else { return false }
        func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
        let letters = bytes.prefix(while: isLetter).count
        if letters == 0 || letters > 2 { return false }
        let rest = bytes.dropFirst(letters)
        return rest.count <= 1 && rest.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}

/// What a name written in a plan refers to, against one baseline's catalogue.
public enum DocumentNameMatch: Sendable, Hashable {
    /// A document (or a part of one). A code form names its document even when the catalogue lacks it
    /// ("Appendix AZ"): the unknown-document rule then says so, with the nearest names.
    case document(DocumentRef)
    /// Several documents go by this name (a bare "TMAD": Appendix AL, AS or AU).
    case ambiguous([DocumentRef])
    /// Not a document name at all.
    case unknown
}

/// The names plans may use for the documents of one baseline: the code forms (`DocumentName`), each
/// document's full title (alone, or after its code as the TBRD writes it: "SEC Appendix AD – DCC User
/// Interface Specification"), and the aliases the baseline records ("DUIS", "GBCS", "SMETS1 SVTAD",
/// "S1SR"), all case-insensitive. Built once per baseline.
public struct DocumentNames: Sendable {
    /// Title and alias keys (upper-case words, a leading "SEC" dropped) to the documents they name.
    private var byKey: [String: [DocumentRef]] = [:]
    /// Keys of titles the SEC version history gives a document that are not its current title, to the
    /// document and its current title ("COMMUNICATION HUB TECHNICAL SPECIFICATIONS": Schedule 10).
    private var formerByKey: [String: (ref: DocumentRef, current: String)] = [:]
    /// The candidates prepared for suggestions once per baseline (every code, title and alias; and, per
    /// kind, the code forms alone), so a run with many unknown names stays cheap.
    private var pools: [DocumentKind?: SuggestionPool] = [:]

    struct SuggestionPool: Sendable {
        var candidates: [(key: String, ref: DocumentRef, shown: String)]
        var index: SuggestionIndex
        /// Where each key stands among the candidates (a key can name several).
        var byKey: [String: [Int]]

        init(_ candidates: [(key: String, ref: DocumentRef, shown: String)]) {
            self.candidates = candidates
            index = SuggestionIndex(candidates.map(\.key))
            var byKey: [String: [Int]] = [:]
            for (i, c) in candidates.enumerated() { byKey[c.key, default: []].append(i) }
            self.byKey = byKey
        }

        /// Keys that are `key` and one or two more characters, in candidate order ("APPENDIX AP1" for
        /// "APPENDIX AP"). A code pool is a few dozen keys, so a scan is cheap.
        func extensions(of key: String) -> [String] {
            var seen = Set<String>(), out: [String] = []
            for c in candidates where c.key.count > key.count && c.key.count <= key.count + 2 && c.key.hasPrefix(key) {
                if seen.insert(c.key).inserted { out.append(c.key) }
            }
            return out
        }
    }

    public init(_ baseline: Baseline) {
        // What a suggestion may offer: a key, the document, and the form to show.
        var candidates: [(key: String, ref: DocumentRef, shown: String)] = []
        func add(_ name: String, _ ref: DocumentRef, shown: String) {
            let key = DocumentNames.key(DocumentName.tokens(name))
            guard !key.isEmpty else { return }
            if !(byKey[key]?.contains(ref) ?? false) { byKey[key, default: []].append(ref) }
            candidates.append((key, ref, shown))
        }
        for doc in baseline.documents {
            candidates.append((DocumentNames.key(DocumentName.tokens(doc.ref.description)), doc.ref, doc.ref.description))
            add(doc.title, doc.ref, shown: "\(doc.ref) (\(doc.title))")
            for alias in doc.aliases { add(alias, doc.ref, shown: "\(doc.ref) (\(alias))") }
            for former in doc.formerTitles {
                add(former, doc.ref, shown: "\(doc.ref) (\(doc.title))")
                let key = DocumentNames.key(DocumentName.tokens(former))
                if !key.isEmpty { formerByKey[key] = (doc.ref, doc.title) }
            }
            for part in doc.parts {
                let ref = doc.ref(of: part)
                add(part.title, ref, shown: "\(ref)")
                for alias in [part.name] + part.aliases { add(alias, ref, shown: "\(ref)") }
            }
        }
        pools[nil] = SuggestionPool(candidates)
        for kind in DocumentKind.allCases {
            pools[kind] = SuggestionPool(candidates.filter { $0.ref.kind == kind && $0.shown == $0.ref.description })
        }
    }

    /// The words of a name as one key, with the "SEC" people put in front dropped (titles such as "SEC
    /// Variation Testing Approach Document" start with one of their own).
    static func key(_ words: [String]) -> String {
        var words = words[...]
        while words.first == "SEC" && words.count > 1 { words = words.dropFirst() }
        return words.joined(separator: " ")
    }

    public func resolve(_ written: String) -> DocumentNameMatch {
        let words = DocumentName.tokens(written)
        if let ref = DocumentName.parse(words: words) { return .document(ref) }
        let key = DocumentNames.key(words)
        if let refs = byKey[key] { return refs.count == 1 ? .document(refs[0]) : .ambiguous(refs) }
        // A code followed by that document's own title or alias: "SEC Appendix AD – DCC User Interface
        // Specification", "SEC-Appendix AL SMETS1 – Transition and Migration Approach Document".
        if let (ref, rest) = DocumentName.leadingReference(words: words), byKey[DocumentNames.key(rest)]?.contains(ref) == true {
            return .document(ref)
        }
        return .unknown
    }

    /// For a name that is a former title of a document (alone, or after the document's code), the document
    /// and its current title, so a finding can name it; nil for any other name.
    public func formerTitle(_ written: String) -> (ref: DocumentRef, current: String)? {
        if formerByKey.isEmpty { return nil }
        let words = DocumentName.tokens(written)
        if let hit = formerByKey[DocumentNames.key(words)] { return hit }
        if let (ref, rest) = DocumentName.leadingReference(words: words), let hit = formerByKey[DocumentNames.key(rest)], hit.ref == ref { return hit }
        return nil
    }

    /// The nearest names to one that names no document: within the same kind for a code form
    /// ("Appendix AZ": the nearest Appendices), else among every code, title and alias; a name that leads
    /// with a known code ("Appendix AD – DCC User Interface Spec") suggests that document first.
    public func suggestions(for written: String, known: (DocumentRef) -> Bool, limit: Int = 3) -> [String] {
        let words = DocumentName.tokens(written)
        let parsed = DocumentName.parse(words: words)
        // A code form is compared as the code it names: "AP" as "Appendix AP".
        let key = DocumentNames.key(parsed.map { DocumentName.tokens($0.description) } ?? words)
        guard let pool = pools[parsed?.kind] else { return [] }
        // A few more keys than shown: several keys can lead to one document, which is shown once.
        var near = pool.index.nearest(to: key, limit: 3 * limit, maxDistance: max(3, key.count / 2))
        // Codes that extend the one written ("Appendix AP": AP1, AP2) come first: the likeliest meaning.
        if parsed != nil {
            let extensions = pool.extensions(of: key)
            near = extensions + near.filter { !extensions.contains($0) }
        }
        var shown: [String] = []
        var refs: [DocumentRef] = []
        if parsed == nil, let (lead, _) = DocumentName.leadingReference(words: words), known(lead) {
            shown.append(lead.description)
            refs.append(lead)
        }
        for k in near {
            for i in pool.byKey[k] ?? [] where shown.count < limit && !refs.contains(pool.candidates[i].ref) {
                refs.append(pool.candidates[i].ref)
                shown.append(pool.candidates[i].shown)
            }
        }
        return shown
    }
}
