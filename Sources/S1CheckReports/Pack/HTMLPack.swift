/// The evidence pack in HTML (`--html`): the layout of `EvidencePack`, written by `HTMLPack`.
public typealias HTMLReport = EvidencePack<HTMLPack>

/// The evidence pack as one self-contained HTML5 file: inline CSS, no script, nothing fetched (a Content
/// Security Policy forbids any fetch and any script even so), and a print stylesheet so a browser's
/// "print to PDF" gives the pack on paper: major sections on new pages, running headers, table headers
/// repeated on each page and rows never cut.
///
/// Input text only ever reaches element content, escaped (see `HTMLText`); attributes hold the tool's own
/// ids and class names.
public struct HTMLPack: PackSyntax {
    var out: TextBuffer

    public init(capacity: Int) { out = TextBuffer(capacity: capacity) }
    public mutating func finish() -> [UInt8] { out.finish() }

    public mutating func text(_ s: String) { out.html(s) }
    public mutating func code(_ ascii: String) { out.write("<code>"); out.html(ascii); out.write("</code>") }

    public mutating func strong(_ body: (inout Self) -> Void) {
        out.write("<strong>"); body(&self); out.write("</strong>")
    }

    public mutating func status(_ word: String, _ tone: PackTone) {
        out.write("<b class=\""); out.write(tone.rawValue); out.write("\">"); text(word); out.write("</b>")
    }

    public mutating func link(to anchor: String, _ body: (inout Self) -> Void) {
        out.write("<a href=\"#"); out.write(anchor); out.write("\">"); body(&self); out.write("</a>")
    }

    public mutating func beginDocument(title: String, running: String) {
        out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        out.write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
        out.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
        text(title)
        out.write("</title>\n<style>\n")
        out.write(HTMLPack.style)
        // The running header: the tool's own words, as a CSS string.
        out.write("@page { @top-left { content: \"")
        out.write(HTMLPack.cssString(running))
        out.write("\"; font-size: 8pt; color: #555; } }\n</style>\n</head>\n<body>\n<h1>")
        text(title)
        out.write("</h1>\n")
    }

    public mutating func endDocument() { out.write("</body>\n</html>\n") }

    public mutating func beginSection(id: String, title: String, newPage: Bool) {
        out.write("<section id=\""); out.write(id); out.write(newPage ? "\" class=\"pb\">\n<h2>" : "\">\n<h2>")
        text(title)
        out.write("</h2>\n")
    }

    public mutating func endSection() { out.write("</section>\n") }

    public mutating func heading(_ level: Int, id: String?, _ body: (inout Self) -> Void) {
        out.write("<h\(level)")
        if let id { out.write(" id=\""); out.write(id); out.write("\"") }
        out.write(">"); body(&self); out.write("</h\(level)>\n")
    }

    public mutating func paragraph(_ body: (inout Self) -> Void) { out.write("<p>"); body(&self); out.write("</p>\n") }

    public mutating func verdict(_ tone: PackTone, _ body: (inout Self) -> Void) {
        out.write("<p class=\"verdict "); out.write(tone.rawValue); out.write("\">"); body(&self); out.write("</p>\n")
    }

    public mutating func beginList() { out.write("<ul>\n") }
    public mutating func item(_ body: (inout Self) -> Void) { out.write("<li>"); body(&self); out.write("</li>\n") }
    public mutating func endList() { out.write("</ul>\n") }

    public mutating func beginTable(_ columns: [String], kind: PackTableKind) {
        out.write(kind == .signature ? "<table class=\"sign\">\n<thead><tr>" : "<table>\n<thead><tr>")
        for c in columns { out.write("<th>"); text(c); out.write("</th>") }
        out.write("</tr></thead>\n<tbody>\n")
    }

    public mutating func beginFacts() {
        out.write("<table class=\"facts\">\n<tbody>\n")
    }

    public mutating func fact(_ name: String, _ body: (inout Self) -> Void) {
        out.write("<tr><th scope=\"row\">"); text(name); out.write("</th><td>"); body(&self); out.write("</td></tr>\n")
    }

    public mutating func beginRow() { out.write("<tr>") }
    public mutating func cell(_ body: (inout Self) -> Void) { out.write("<td>"); body(&self); out.write("</td>") }
    public mutating func endRow() { out.write("</tr>\n") }
    public mutating func endTable() { out.write("</tbody>\n</table>\n") }

    /// Not `<details>`: print cannot open one, and a printed pack shows every check (issue 27 item 7). The
    /// count leads, the items run on after it.
    public mutating func folded(summary: String, items: [String]) {
        out.write("<p class=\"passes\"><strong>"); text(summary); out.write(":</strong> ")
        for (n, i) in items.enumerated() { if n > 0 { out.write("; ") }; text(i) }
        out.write("</p>\n")
    }

    public mutating func command(_ groups: [String]) {
        out.write("<pre class=\"cmd\"><code>")
        for (n, g) in groups.enumerated() { out.write(n > 0 ? " <span>" : "<span>"); text(g); out.write("</span>") }
        out.write("</code></pre>\n")
    }

    public mutating func preformatted(_ text: String) {
        out.write("<pre><code>"); self.text(text); out.write("</code></pre>\n")
    }

    /// A CSS string's content: quotes, backslashes and line breaks escaped, `<` too so nothing in it can
    /// read as the end of the `<style>` element.
    static func cssString(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "\"", "\\", "<", "\n", "\r", "\u{C}": out += "\\" + String(u.value, radix: 16) + " "
            default: out.unicodeScalars.append(u.value < 0x20 || u.value == 0x7F ? " " : u)
            }
        }
        return out
    }

    /// The stylesheet: plain and compact on screen; on paper, A4 with a running header and page numbers,
    /// each major section on a new page, headings kept with what follows, rows never split, table
    /// headers repeated on every page. System fonts only: nothing is fetched.
    static let style = """
    body { font: 10.5pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1b1b1b; max-width: 76em; margin: 1.5em auto; padding: 0 1em; }
    h1 { font-size: 1.6em; margin: 0 0 .4em; }
    h2 { font-size: 1.3em; border-bottom: 2px solid #333; padding-bottom: .15em; margin: 1.8em 0 .5em; }
    h3 { font-size: 1.05em; margin: 1.5em 0 .3em; }
    p { margin: .35em 0 .6em; }
    table { border-collapse: collapse; width: 100%; margin: .4em 0 .9em; font-size: .92em; }
    th, td { border: 1px solid #bbb; padding: .25em .45em; text-align: left; vertical-align: top; overflow-wrap: break-word; }
    thead th { background: #ececec; }
    thead { display: table-header-group; }
    tr, li, summary { break-inside: avoid; }
    .facts { width: auto; }
    .facts th { background: #f5f5f5; font-weight: 600; }
    .sign td { height: 2.6em; }
    td code { overflow-wrap: anywhere; }
    code, pre { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: .92em; }
    pre { background: #f4f4f4; border: 1px solid #ddd; padding: .6em; white-space: pre-wrap; overflow-wrap: anywhere; }
    .verdict { font-size: 1.2em; padding: .5em .75em; border-left: .45em solid #666; background: #f4f4f4; }
    .verdict.fail { border-color: #b00020; background: #fdecee; }
    .verdict.warn { border-color: #a86400; background: #fff5e0; }
    .verdict.pass { border-color: #217a2b; background: #e9f6ea; }
    b.fail { color: #b00020; } b.warn { color: #8a5200; } b.pass { color: #217a2b; } b.waived { color: #555; }
    .passes { font-size: .92em; color: #333; }
    pre.cmd { overflow-wrap: normal; }
    .cmd span { white-space: nowrap; }
    a { color: #0645ad; white-space: nowrap; }
    @page { size: A4; margin: 17mm 13mm 16mm; @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; color: #555; } }
    @media print {
      body { max-width: none; margin: 0; padding: 0; font-size: 9.5pt; }
      .pb { break-before: page; }
      h1, h2, h3 { break-after: avoid; }
      a { color: inherit; text-decoration: none; }
      .verdict { -webkit-print-color-adjust: exact; }
      code, pre { font-family: inherit; font-size: 1em; }
    }

    """
}

extension HTMLPack {
    /// The elements the pack writes. Anything else in a pack would have come from an input; the tests and
    /// the fuzzer hold every pack to this (see `foreignMarkup`).
    public static let elements: Set<String> = ["!DOCTYPE", "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3",
                                               "section", "p", "b", "strong", "code", "a", "table", "thead", "tbody", "tr", "th",
                                               "td", "ul", "li", "details", "summary", "pre", "span"]
    /// The attributes it writes; a link only ever goes to an anchor in the pack.
    public static let attributes: Set<String> = ["html", "lang", "charset", "http-equiv", "content", "name", "id", "class", "scope", "href"]

    /// The first tag in `html` the pack does not write, as written (nil: none): an element outside
    /// `elements`, an attribute outside `attributes`, an unquoted value, or a link out of the file.
    public static func foreignMarkup(in html: [UInt8]) -> String? {
        var i = 0
        let n = html.count
        while i < n {
            guard html[i] == UInt8(ascii: "<") else { i += 1; continue }
            var end = i + 1
            var quote: UInt8?
            while end < n {
                let b = html[end]
                if let q = quote { if b == q { quote = nil } } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") { quote = b }
                else if b == UInt8(ascii: ">") { break }
                end += 1
            }
            let tag = String(decoding: html[i..<min(end + 1, n)], as: UTF8.self)
            if !isOwn(tag) { return tag }
            i = end + 1
        }
        return nil
    }

    static func isOwn(_ tag: String) -> Bool {
        guard tag.hasPrefix("<"), tag.hasSuffix(">") else { return false }
        var body = Substring(tag.dropFirst().dropLast())
        if body.hasPrefix("/") { return elements.contains(String(body.dropFirst())) }
        let name = body.prefix { $0 != " " }
        guard elements.contains(String(name)) else { return false }
        body = body.dropFirst(name.count)
        // Attributes: ` name="value"`, the value free of `<`; for the doctype, the bare word `html`.
        while !body.isEmpty {
            guard body.first == " " else { return false }
            body = body.dropFirst()
            let attribute = body.prefix { $0 != "=" && $0 != " " }
            guard attributes.contains(String(attribute)) else { return false }
            body = body.dropFirst(attribute.count)
            if name == "!DOCTYPE" { continue }
            guard body.hasPrefix("=\"") else { return false }
            body = body.dropFirst(2)
            guard let close = body.firstIndex(of: "\"") else { return false }
            let value = body[..<close]
            if value.contains("<") || (attribute == "href" && !value.hasPrefix("#")) { return false }
            body = body[body.index(after: close)...]
        }
        return true
    }
}
