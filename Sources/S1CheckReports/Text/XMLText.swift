/// XML 1.0 escaping for text and attribute values.
///
/// Markup characters become entities (`>` too, so `]]>` can never appear), and characters XML 1.0 forbids
/// outright (C0 controls other than tab, newline and carriage return; U+FFFE, U+FFFF), which no entity can
/// carry, are written as visible `\u{...}` text, and so are format characters (zero-width, bidirectional),
/// which would hide or reorder the text a CI page shows. Tab, newline and CR are written as character references
/// in attributes, where a parser would otherwise normalise them to spaces.
public enum XMLText {
    public static func escapeText(_ u: Unicode.Scalar) -> String? {
        switch u {
        case "&": return "&amp;"
        case "<": return "&lt;"
        case ">": return "&gt;"
        case "\r": return "&#13;"
        case "\t", "\n": return nil
        default: return forbidden(u) || Unicode.isFormatCharacter(u) ? visibleEscape(u) : nil
        }
    }

    public static func escapeAttribute(_ u: Unicode.Scalar) -> String? {
        switch u {
        case "\"": return "&quot;"
        case "'": return "&apos;"
        case "\t": return "&#9;"
        case "\n": return "&#10;"
        default: return escapeText(u)
        }
    }

    static func forbidden(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0xFFFE || v == 0xFFFF
    }
}

extension XMLText {
    // U+FFFE and U+FFFF start with the lead byte 0xEF, format characters with one of a few: a CI page
    // shows the JUnit text, where one would hide or reorder it (no input text field holds one, but an
    // error message may quote one).
    static let text = Escaper(ascii: Array("&<>".utf8) + Escaper.controls, leadBytes: Unicode.formatLeadBytes, escape: { escapeText($0) })
    static let attribute = Escaper(ascii: Array("&<>\"'".utf8) + Escaper.controls, leadBytes: Unicode.formatLeadBytes, escape: { escapeAttribute($0) })
}

extension TextBuffer {
    public mutating func xmlText(_ s: String) { write(s, escaping: XMLText.text) }
    public mutating func xmlAttribute(_ s: String) { write(s, escaping: XMLText.attribute) }
}
