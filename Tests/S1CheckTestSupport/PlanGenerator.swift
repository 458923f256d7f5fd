/// Plans for property tests of `s1check fix`, generated from a seed against the embedded TBRD 1.24
/// baseline: most declarations at a relevant version, some drifted (older, fixable), some side by side or
/// at a version no relevant list holds (a choice), some newer than the baseline knows (never lowered),
/// some declared twice, some waived; `tbrd` mostly current, sometimes older or newer. Written the many
/// ways people write JSON: any key order, compact or indented with spaces or tabs, LF or CRLF, with or
/// without a final newline or a byte-order mark, `v`/`Version ` prefixes, aliases, an escaped digit.
public enum PlanGenerator {
    /// A document: the names plans use for it, its relevant versions, versions that drift from them
    /// (each fixes to the one relevant version, or is a choice among several), newer versions.
    struct Document {
        var names: [String]
        var relevant: [String]
        var drifted: [String]
        var newer: [String]
    }

    static let documents = [
        Document(names: ["SEC"], relevant: ["72.0"], drifted: ["71.0", "70.1"], newer: ["73.0"]),
        Document(names: ["Appendix AD", "AD", "DUIS", "SEC Appendix AD", "DCC User Interface Specification"], relevant: ["5.1"], drifted: ["5.0", "4.0", "3.1"], newer: ["5.2"]),
        Document(names: ["Appendix AF", "MMC", "SEC Appendix AF"], relevant: ["5.1"], drifted: ["5.0", "2.0"], newer: ["6.0"]),
        Document(names: ["Appendix AM", "S1SR"], relevant: ["12.0"], drifted: ["11.0"], newer: ["13.0"]),
        Document(names: ["SEC-Appendix AL", "SMETS1 TMAD"], relevant: ["25.0"], drifted: ["24.0"], newer: []),
        Document(names: ["Appendix B"], relevant: ["7.0"], drifted: ["6.0"], newer: ["8.0"]),
        Document(names: ["Appendix AG"], relevant: ["5.0"], drifted: ["4.9"], newer: []),
        Document(names: ["SMETS1 SVTAD", "Appendix AK"], relevant: ["10.0"], drifted: ["9.0"], newer: ["11.0"]),
        Document(names: ["Section N"], relevant: ["72.0"], drifted: ["71.0"], newer: []),
        Document(names: ["Schedule 8", "GBCS"], relevant: ["3.2", "4.0", "4.1"], drifted: ["3.3", "0.9"], newer: ["5.0"]),
        Document(names: ["CHTS", "Schedule 10"], relevant: ["1.4", "1.5"], drifted: ["1.3.1"], newer: []),
    ]

    /// The plan numbered `i`, as a file's bytes.
    public static func plan(_ i: Int, _ rng: inout SplitMix) -> [UInt8] {
        func pick<T>(_ items: [T]) -> T { items[rng.below(items.count)] }
        func chance(_ percent: Int) -> Bool { rng.below(100) < percent }
        let nl = chance(25) ? "\r\n" : "\n"
        let indentUnit = pick(["", "  ", "    ", "\t"])
        let colon = pick([": ", ":", " : "])
        let compactItems = chance(40)

        func version(_ v: String) -> String {
            var text = pick(["", "", "", "v", "V", "Version ", "version "]) + v
            if chance(3), let first = text.firstIndex(where: \.isNumber) {
                // An escaped digit: the literal's bytes differ from its value.
                text.replaceSubrange(first...first, with: "\\u003\(text[first])")
            }
            return "\"\(text)\""
        }

        var artefacts: [(String, String)] = []
        var waived: [String] = []
        for doc in (0..<(2 + rng.below(6))).map({ _ in pick(documents) }) {
            let name = pick(doc.names)
            let roll = rng.below(100)
            let v: String
            if roll < 55 { v = pick(doc.relevant) }
            else if roll < 85 { v = pick(doc.drifted) }
            else { v = doc.newer.isEmpty ? pick(doc.relevant) : pick(doc.newer) }
            artefacts.append((name, version(v)))
            if roll >= 55 && roll < 85 && chance(15) { waived.append(name) }
        }
        let tbrd = version(pick(["1.24", "1.24", "1.24", "1.24", "1.23", "1.22", "1.25"]))

        func object(_ members: [(String, String)], depth: Int, compact: Bool) -> String {
            if compact || indentUnit.isEmpty {
                return "{" + members.map { "\"\($0.0)\"\(colon)\($0.1)" }.joined(separator: ", ") + "}"
            }
            let inner = String(repeating: indentUnit, count: depth + 1), outer = String(repeating: indentUnit, count: depth)
            return "{" + nl + members.map { inner + "\"\($0.0)\"\(colon)\($0.1)" }.joined(separator: "," + nl) + nl + outer + "}"
        }
        func array(_ items: [String], depth: Int) -> String {
            if items.isEmpty { return "[]" }
            if indentUnit.isEmpty { return "[" + items.joined(separator: ",") + "]" }
            let inner = String(repeating: indentUnit, count: depth + 1), outer = String(repeating: indentUnit, count: depth)
            return "[" + nl + items.map { inner + $0 }.joined(separator: "," + nl) + nl + outer + "]"
        }
        let artefactItems = artefacts.map { a in
            object(chance(50) ? [("document", "\"\(a.0)\""), ("version", a.1)] : [("version", a.1), ("document", "\"\(a.0)\"")], depth: 2, compact: compactItems)
        }
        let waiverItems = waived.map {
            object([("rule", "\"artefact-version\""), ("document", "\"\($0)\""), ("reason", "\"Accepted by the test lead\""), ("expires", "\"2099-12-31\"")],
                   depth: 2, compact: compactItems)
        }
        var members: [(String, String)] = [
            ("id", "\"GEN-\(i)\""),
            ("title", "\"Generated plan \(i) \\t with a tab\""),
            ("phase", "\"\(pick(["IOC", "MOC", "FOC"]))\""),
            ("tbrd", tbrd),
            ("window", object([("start", "\"2023-06-01\""), ("end", "\"2023-06-20\"")], depth: 1, compact: chance(50))),
            ("deviceModels", array([object([("type", "\"ESME\""), ("manufacturer", "\"M\""), ("model", "\"X-\(i)\""), ("firmware", "\"1.0\"")], depth: 2, compact: true)], depth: 1)),
            ("artefacts", array(artefactItems, depth: 1)),
        ]
        if !waiverItems.isEmpty || chance(30) { members.append(("waivers", array(waiverItems, depth: 1))) }
        for k in stride(from: members.count - 1, to: 0, by: -1) { members.swapAt(k, rng.below(k + 1)) }
        let text = (chance(5) ? "\u{FEFF}" : "") + object(members, depth: 0, compact: false) + (chance(80) ? nl : "")
        return Array(text.utf8)
    }
}
