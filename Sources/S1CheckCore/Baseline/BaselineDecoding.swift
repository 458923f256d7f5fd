/// Decodes a baseline file (docs/baseline.md, "The baseline file") strictly: unknown keys, bad versions and dates,
/// unknown phases and documents listed twice are input errors.
public enum BaselineDecoding {
    public static func decode(file: String, bytes: [UInt8]) throws(Diagnostics) -> Baseline {
        try StrictDecoder.decode(file: file, bytes: bytes, decodeRoot)
    }

    static func decodeRoot(_ root: JSONNode, _ d: StrictDecoder) -> Baseline? {
        let path = JSONPath.root
        guard let f = d.object(root, at: path, what: "a baseline",
                               required: ["tbrd", "sec", "svtad", "phases", "documents"],
                               optional: ["$schema", "sources"]) else { return nil }
        let tbrd = f["tbrd"].flatMap { decodeTBRD($0, path.key("tbrd"), d) }
        let sec = f["sec"].flatMap { d.version($0, at: path.key("sec"), what: "the SEC version", lenient: false) }
        let svtad = f["svtad"].flatMap { d.version($0, at: path.key("svtad"), what: "the SVTAD version", lenient: false) }
        var phaseNames: [Phase: String] = [:]
        if let node = f["phases"] {
            let p = path.key("phases")
            if let pf = d.object(node, at: p, what: "the phases object", required: Phase.allCases.map(\.rawValue)) {
                for phase in Phase.allCases {
                    if let n = pf[phase.rawValue], let name = d.text(n, at: p.key(phase.rawValue), what: "the phase's name") {
                        phaseNames[phase] = name
                    }
                }
            }
        }
        let sources = f["sources"].map { decodeSources($0, path.key("sources"), d) } ?? [:]
        SourceQuotations.check(f, at: path, SourceQuotations.root, d)
        if let s = f["$schema"] { _ = d.text(s, at: path.key("$schema"), what: "a schema reference") }
        var documents: [BaselineDocument] = []
        if let node = f["documents"], let items = d.array(node, at: path.key("documents"), what: "the document catalogue") {
            var firstIndex: [DocumentRef: Int] = [:]
            for (i, item) in items.enumerated() {
                let p = path.key("documents").index(i)
                guard let doc = decodeDocument(item, p, d) else { continue }
                if let earlier = firstIndex[doc.ref] {
                    d.fail("\(doc.ref) is listed twice (also at $.documents[\(earlier)]); each document may appear once",
                           at: p, offset: item.offset)
                    continue
                }
                firstIndex[doc.ref] = i
                documents.append(doc)
            }
            if items.isEmpty { d.fail("the document catalogue is empty", at: path.key("documents"), offset: node.offset) }
        }
        guard let tbrd, let sec, let svtad, phaseNames.count == Phase.allCases.count else { return nil }
        return Baseline(tbrd: tbrd, sec: sec, svtad: svtad, phaseNames: phaseNames, sources: sources, documents: documents)
    }

    static func decodeTBRD(_ node: JSONNode, _ path: JSONPath, _ d: StrictDecoder) -> TBRDInfo? {
        guard let f = d.object(node, at: path, what: "the TBRD description",
                               required: ["version", "date", "title", "publisher"]) else { return nil }
        let version = f["version"].flatMap { d.version($0, at: path.key("version"), what: "the TBRD version", lenient: false) }
        let date = f["date"].flatMap { d.date($0, at: path.key("date"), what: "the TBRD date") }
        let title = f["title"].flatMap { d.text($0, at: path.key("title"), what: "the TBRD title") }
        let publisher = f["publisher"].flatMap { d.text($0, at: path.key("publisher"), what: "the publisher") }
        guard let version, let date, let title, let publisher else { return nil }
        return TBRDInfo(version: version, date: date, title: title, publisher: publisher)
    }

    static func decodeSources(_ node: JSONNode, _ path: JSONPath, _ d: StrictDecoder) -> [String: String] {
        guard case .object(let members) = node.value else {
            d.fail("expected the sources (an object of fact name to citation), found \(node.value.typeName)", at: path, offset: node.offset)
            return [:]
        }
        var out: [String: String] = [:]
        for m in members {
            if let s = d.text(m.value, at: path.key(m.key), what: "a source citation") { out[m.key] = s }
        }
        return out
    }

    static func decodeDocument(_ node: JSONNode, _ path: JSONPath, _ d: StrictDecoder) -> BaselineDocument? {
        guard let f = d.object(node, at: path, what: "a catalogue document",
                               required: ["id", "kind", "title"],
                               optional: ["legalEffect", "annexA", "consultation", "phases", "aliases", "formerTitles", "parts", "sources"]) else { return nil }
        let kind = f["kind"].flatMap { d.choice($0, at: path.key("kind"), what: "the document kind", as: DocumentKind.self) }
        let title = f["title"].flatMap { d.text($0, at: path.key("title"), what: "the document title") }
        var id: String?
        if let n = f["id"], let raw = d.text(n, at: path.key("id"), what: "the document id") {
            // The id must name the document the way plans do, or no plan could ever match it.
            if let kind, case .document(let k, let code)? = DocumentName.parse("\(kind.title) \(raw)"), k == kind, code == raw {
                id = raw
            } else if kind != nil {
                d.fail("expected a \(kind!.rawValue) id such as \(kind == .schedule ? "\"9\"" : "\"AD\"") (upper case), found \"\(raw.prefix(20))\"",
                       at: path.key("id"), offset: n.offset)
            }
        }
        let legal = f["legalEffect"].map { decodeLegalEffect($0, path.key("legalEffect"), d) } ?? []
        let annex = f["annexA"].flatMap { d.version($0, at: path.key("annexA"), what: "the Annex A version", lenient: false) }
        let consultation = f["consultation"].flatMap { decodeConsultation($0, path.key("consultation"), d) }
        let phases = f["phases"].flatMap { decodePhases($0, path.key("phases"), d) }
        let aliases = f["aliases"].map { decodeAliases($0, path.key("aliases"), d) } ?? []
        let formerTitles = f["formerTitles"].map { decodeAliases($0, path.key("formerTitles"), d) } ?? []
        var parts: [DocumentPart] = []
        if let n = f["parts"], let items = d.array(n, at: path.key("parts"), what: "the document's parts") {
            parts = uniqueItems(items, path.key("parts"), d, decode: { decodePart($0, $1, d) }, key: \.name, named: { "part \"\($0.name)\"" })
        }
        let sources = f["sources"].map { decodeSources($0, path.key("sources"), d) } ?? [:]
        guard let kind, let id, let title else { return nil }
        SourceQuotations.check(f, at: path, SourceQuotations.document, d, subject: "\(kind.title) \(id)")
        if kind == .section, !legal.isEmpty || annex != nil || consultation != nil {
            d.fail("a section takes its version from the SEC version (TBRD paragraph 1(i)); remove its own version",
                   at: path, offset: node.offset)
        }
        // Facts that contradict each other would make verdicts that contradict the TBRD: refuse them.
        if kind == .appendix, id == "AK", !legal.isEmpty {
            d.fail("Appendix AK takes its version from \"svtad\" (TBRD footnote 1); remove its \"legalEffect\" or set \"svtad\"",
                   at: path.key("legalEffect"), offset: f["legalEffect"]?.offset)
        }
        if let consultation {
            if annex != nil {
                d.fail("\(kind.title) \(id) has both an Annex A version and a consultation version; TBRD Annex A lists a document either with its relevant version or among those currently subject to further consultation and amendment, not both",
                       at: path.key("annexA"), offset: f["annexA"]?.offset)
            }
            if let newer = legal.last, newer > consultation.version {
                d.fail("\(kind.title) \(id) records \(newer) in legal effect, more recent than its consultation version \(consultation.version); under TBRD paragraph 3 the version in legal effect would be relevant, so the consultation version cannot be: correct one of them",
                       at: path.key("legalEffect"), offset: f["legalEffect"]?.offset)
            }
        }
        var document = BaselineDocument(kind: kind, id: id, title: title, legalEffect: legal, annexA: annex, consultation: consultation,
                                        phases: phases, aliases: aliases, parts: parts, sources: sources)
        document.formerTitles = formerTitles
        return document
    }

    /// The versions in legal effect: a list (several are often in legal effect side by side), or a single
    /// string as baseline files written by s1check 0.1.0 have it. Kept oldest first; a repeat is an error.
    static func decodeLegalEffect(_ node: JSONNode, _ path: JSONPath, _ d: StrictDecoder) -> [Version] {
        if case .string = node.value {
            return d.version(node, at: path, what: "the version in legal effect", lenient: false).map { [$0] } ?? []
        }
        guard let items = d.array(node, at: path, what: "the versions in legal effect (a list of strings such as [\"4.0\", \"4.1\"])") else { return [] }
        let versions = uniqueItems(items, path, d, decode: { d.version($0, at: $1, what: "a version in legal effect", lenient: false) },
                                   key: { $0 }, named: { "version \($0)" })
        if items.isEmpty { d.fail("expected at least one version (leave \"legalEffect\" out when none is in legal effect)", at: path, offset: node.offset) }
        return versions.sorted()
    }

    /// Aliases: names that are not empty, each listed once.
    static func decodeAliases(_ node: JSONNode, _ path: JSONPath, _ d: StrictDecoder) -> [String] {
        guard let items = d.array(node, at: path, what: "aliases") else { return [] }
        return uniqueItems(items, path, d, decode: { d.text($0, at: $1, what: "a name") }, key: { $0 }, named: { "\"\($0)\"" })
    }

    /// The items of a list that decode, each kept once: a repeat (the same `key`) is an error naming it.
    /// Keys are looked up, not compared with every item kept, so a list of thousands stays linear.
    static func uniqueItems<T, Key: Hashable>(_ items: [JSONNode], _ path: JSONPath, _ d: StrictDecoder,
                                              decode: (JSONNode, JSONPath) -> T?, key: (T) -> Key, named: (T) -> String) -> [T] {
        var kept: [T] = []
        var seen = Set<Key>(minimumCapacity: items.count)
        for (i, item) in items.enumerated() {
            guard let value = decode(item, path.index(i)) else { continue }
            if seen.insert(key(value)).inserted {
                kept.append(value)
            } else {
                d.fail("\(named(value)) is listed twice", at: path.index(i), offset: item.offset)
            }
        }
        return kept
    }

    static func decodePart(_ node: JSONNode, _ path: JSONPath, _ d: StrictDecoder) -> DocumentPart? {
        guard let f = d.object(node, at: path, what: "a document part", required: ["name", "title"],
                               optional: ["legalEffect", "datedIssues", "aliases", "sources"]) else { return nil }
        let name = f["name"].flatMap { d.text($0, at: path.key("name"), what: "the part's name") }
        let title = f["title"].flatMap { d.text($0, at: path.key("title"), what: "the part's title") }
        let legal = f["legalEffect"].map { decodeLegalEffect($0, path.key("legalEffect"), d) } ?? []
        var dated: [CalendarDate] = []
        if let n = f["datedIssues"], let items = d.array(n, at: path.key("datedIssues"), what: "the dates of issues in legal effect") {
            for (i, item) in items.enumerated() {
                if let date = d.date(item, at: path.key("datedIssues").index(i), what: "an issue date") { dated.append(date) }
            }
        }
        let aliases = f["aliases"].map { decodeAliases($0, path.key("aliases"), d) } ?? []
        let sources = f["sources"].map { decodeSources($0, path.key("sources"), d) } ?? [:]
        guard let name, let title else { return nil }
        SourceQuotations.check(f, at: path, SourceQuotations.part, d, subject: "part \(name)")
        return DocumentPart(name: name, title: title, legalEffect: legal, datedIssues: dated.sorted(), aliases: aliases, sources: sources)
    }

    static func decodePhases(_ node: JSONNode, _ path: JSONPath, _ d: StrictDecoder) -> [Phase]? {
        guard let items = d.array(node, at: path, what: "a list of phases") else { return nil }
        let phases = uniqueItems(items, path, d, decode: { d.choice($0, at: $1, what: "a phase", as: Phase.self) },
                                 key: { $0 }, named: { "phase \($0.rawValue)" })
        if items.isEmpty { d.fail("expected at least one phase (leave \"phases\" out to mean all phases)", at: path, offset: node.offset) }
        return phases.isEmpty ? nil : phases.sorted()
    }

    static func decodeConsultation(_ node: JSONNode, _ path: JSONPath, _ d: StrictDecoder) -> Consultation? {
        guard let f = d.object(node, at: path, what: "a consultation", required: ["version"], optional: ["notes", "events"]) else { return nil }
        let version = f["version"].flatMap { d.version($0, at: path.key("version"), what: "the consultation version", lenient: false) }
        var notes: [ConsultationNote] = []
        if let n = f["notes"], let items = d.array(n, at: path.key("notes"), what: "consultation notes") {
            for (i, item) in items.enumerated() {
                let p = path.key("notes").index(i)
                guard let nf = d.object(item, at: p, what: "a consultation note", required: ["what"],
                                        optional: ["opened", "closed", "reference", "supplements"]) else { continue }
                let what = nf["what"].flatMap { d.text($0, at: p.key("what"), what: "what the note records") }
                let opened = nf["opened"].flatMap { d.date($0, at: p.key("opened"), what: "the opening date") }
                let closed = nf["closed"].flatMap { d.date($0, at: p.key("closed"), what: "the closing date") }
                let reference = nf["reference"].flatMap { d.text($0, at: p.key("reference"), what: "a reference") }
                if let opened, let closed, closed < opened {
                    d.fail("the consultation closes (\(closed)) before it opens (\(opened))", at: p, offset: item.offset)
                }
                var supplements = false
                if let n = nf["supplements"] {
                    if case .bool(let b) = n.value { supplements = b }
                    else { d.fail("expected true or false (whether the TBRD says the version is supplemented by this consultation), found \(n.value.typeName)", at: p.key("supplements"), offset: n.offset) }
                }
                if let what { notes.append(ConsultationNote(what: what, opened: opened, closed: closed, reference: reference, supplements: supplements)) }
            }
        }
        var events: [ConsultationEvent] = []
        if let n = f["events"], let items = d.array(n, at: path.key("events"), what: "consultation events") {
            for (i, item) in items.enumerated() {
                let p = path.key("events").index(i)
                guard let ef = d.object(item, at: p, what: "a consultation event", required: ["date", "what"],
                                        optional: ["phases", "reference"]) else { continue }
                let date = ef["date"].flatMap { d.date($0, at: p.key("date"), what: "the event date") }
                let what = ef["what"].flatMap { d.text($0, at: p.key("what"), what: "what the event is") }
                let phases = ef["phases"].flatMap { decodePhases($0, p.key("phases"), d) }
                let reference = ef["reference"].flatMap { d.text($0, at: p.key("reference"), what: "a reference") }
                if let date, let what { events.append(ConsultationEvent(date: date, phases: phases, what: what, reference: reference)) }
            }
        }
        guard let version else { return nil }
        return Consultation(version: version, notes: notes, events: events)
    }
}
