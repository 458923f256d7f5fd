/// Escaping for text from plans placed in Markdown (table cells, headings, link text).
///
/// Every character that can start Markdown or HTML syntax becomes an HTML character reference, never a
/// backslash escape: GitHub (cmark-gfm) accepts both, but kramdown (GitHub Pages) and Python-Markdown
/// (MkDocs) print the backslash of `\&` and Python-Markdown that of `\<`, while all three read
/// `&amp;`, `&lt;` and `&#42;` alike. `|` becomes `&#124;` so it cannot split a table cell (GFM splits
/// cells before it reads references), `{`/`}` so no attribute list (Python-Markdown's attr_list) forms, and
/// line breaks become spaces, since a newline would end the row.
public enum MarkdownText {
    public static func escape(_ u: Unicode.Scalar) -> String? {
        switch u {
        case "&": return "&amp;"
        case "<": return "&lt;"
        case ">": return "&gt;"
        case "\\": return "&#92;"
        case "`": return "&#96;"
        case "*": return "&#42;"
        case "_": return "&#95;"
        case "[": return "&#91;"
        case "]": return "&#93;"
        case "|": return "&#124;"
        case "~": return "&#126;"
        case "#": return "&#35;"
        case "$": return "&#36;"
        case "{": return "&#123;"
        case "}": return "&#125;"
        case "\n", "\r", "\t", "\u{2028}", "\u{2029}":
            return " "
        default:
            return u.value < 0x20 || u.value == 0x7F || Unicode.isFormatCharacter(u) ? visibleEscape(u) : nil
        }
    }
}

extension MarkdownText {
    // U+2028 and U+2029 start with the lead byte 0xE2; format characters (which would hide or reorder
    // text in the rendered page; no input text field holds one, but an error message may quote one) with
    // one of a few.
    static let escaper = Escaper(ascii: Array("&<>\\`*_[]|~#${}".utf8) + Escaper.controls, leadBytes: Unicode.formatLeadBytes, escape: { escape($0) })
}

extension TextBuffer {
    public mutating func markdown(_ s: String) { write(s, escaping: MarkdownText.escaper) }
}
