/// Reads a document name the way people write it: `SEC`, `Appendix AD`, `AD`, `SEC Appendix AD`,
/// `SEC-Appendix AL` (the TBRD's own spelling), `Schedule 9`, `Section N`, and `SVTAD` for Appendix AK,
/// case-insensitively.
///
/// A bare code (`AD`, `AP2`) is read as an Appendix: that is how Appendices are abbreviated, and a bare
/// letter such as `N` would otherwise be ambiguous between Section N and Appendix N.
public enum DocumentName {
    public static func parse(_ written: String) -> DocumentRef? {
        var words = tokens(written)
        if words.isEmpty { return nil }
        if words == ["SEC"] || words == ["SMART", "ENERGY", "CODE"] { return .code }
        if words.first == "SEC" { words.removeFirst() }
        if words == ["SVTAD"] || words == ["SMETS1", "SVTAD"] { return Baseline.svtadRef }
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

    /// For a name that does not parse, the document its leading words name, if any: "SEC Appendix AD –
    /// DCC User Interface Specification" (the TBRD's own way of writing it) leads with Appendix AD.
    public static func leadingReference(_ written: String) -> DocumentRef? {
        let words = tokens(written)
        for n in stride(from: min(words.count - 1, 3), through: 1, by: -1) {
            if let ref = parse(words.prefix(n).joined(separator: " ")), ref != .code { return ref }
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
