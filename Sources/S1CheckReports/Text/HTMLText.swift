/// HTML escaping for text from inputs placed in the evidence pack's HTML (element content only: no input
/// text is ever put in an attribute, a `<style>` or a URL).
///
/// The five markup characters become character references, so input text can neither open a tag nor
/// end one, nor close the `<style>` element. Characters HTML forbids in a document (C0 controls other than
/// tab and line feed, DEL, C1 controls, noncharacters) are written as visible `\u{...}` text; a carriage
/// return becomes a space (HTML would read it as a line break, and a reference to it is a parse error).
public enum HTMLText {
    public static func escape(_ u: Unicode.Scalar) -> String? {
        switch u {
        case "&": return "&amp;"
        case "<": return "&lt;"
        case ">": return "&gt;"
        case "\"": return "&quot;"
        case "'": return "&#39;"
        case "\t", "\n": return nil
        case "\r": return " "
        default: return forbidden(u) ? visibleEscape(u) : nil
        }
    }

    static func forbidden(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0xFDD0...0xFDEF).contains(v) || v & 0xFFFE == 0xFFFE
    }
}

extension HTMLText {
    // Lead bytes: 0xC2 (C1 controls), 0xEF (U+FDD0–U+FDEF, U+FFFE, U+FFFF), 0xF0–0xF4 (the noncharacters
    // at the end of every other plane).
    static let escaper = Escaper(ascii: Array("&<>\"'".utf8) + Escaper.controls, leadBytes: [0xC2, 0xEF, 0xF0, 0xF1, 0xF2, 0xF3, 0xF4],
                                 escape: { escape($0) })
}

extension TextBuffer {
    public mutating func html(_ s: String) { write(s, escaping: HTMLText.escaper) }
}
