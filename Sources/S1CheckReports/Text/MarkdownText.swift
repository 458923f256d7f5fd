/// Escaping for text from plans placed in GitHub-flavoured Markdown (table cells, headings).
///
/// Every character that can start Markdown or HTML syntax is backslash-escaped (CommonMark allows a
/// backslash before any ASCII punctuation), `|` so it cannot split a table cell, `<`/`&` so no tag or
/// entity survives, and line breaks become spaces, since a newline would end the table row.
public enum MarkdownText {
    public static func escape(_ u: Unicode.Scalar) -> String? {
        switch u {
        case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "#", "!", "&", "$":
            return "\\" + String(Character(u))
        case "\n", "\r", "\t", "\u{2028}", "\u{2029}":
            return " "
        default:
            return u.value < 0x20 || u.value == 0x7F ? visibleEscape(u) : nil
        }
    }
}

extension MarkdownText {
    // U+2028 and U+2029 start with the lead byte 0xE2.
    static let escaper = Escaper(ascii: Array("\\`*_[]<>|~#!&$".utf8) + Escaper.controls, leadBytes: [0xE2], escape: { escape($0) })
}

extension TextBuffer {
    public mutating func markdown(_ s: String) { write(s, escaping: MarkdownText.escaper) }
}
