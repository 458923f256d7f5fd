/// The evidence pack as GitHub-flavoured Markdown that kramdown and Python-Markdown read the same way.
/// Text is escaped with character references (see `MarkdownText`), which raw HTML blocks (`<details>`,
/// `<a id>`) read too; each block ends with a blank line.
public struct MarkdownPack: PackSyntax {
    var out: TextBuffer

    public init(capacity: Int) { out = TextBuffer(capacity: capacity) }
    public mutating func finish() -> [UInt8] { out.finish() }

    /// Escaped text; a URL or `www.` in it never becomes a GFM autolink: the `:` before `//` is written
    /// `&#58;` and the `.` after `www` `&#46;`, which GFM reads as text (its autolinks are found in the
    /// source, before character references are read).
    public mutating func text(_ s: String) {
        let u = Array(s.unicodeScalars)
        var start = 0
        for i in u.indices {
            let colon = u[i] == ":" && i + 2 < u.count && u[i + 1] == "/" && u[i + 2] == "/"
            let dot = u[i] == "." && i >= 3 && u[(i - 3)..<i].allSatisfy { $0 == "w" || $0 == "W" }
            guard colon || dot else { continue }
            if start < i { out.markdown(String(String.UnicodeScalarView(u[start..<i]))) }
            out.write(colon ? "&#58;" : "&#46;")
            start = i + 1
        }
        if start == 0 { out.markdown(s) } else if start < u.count { out.markdown(String(String.UnicodeScalarView(u[start...]))) }
    }
    public mutating func code(_ ascii: String) { out.write("`"); out.write(ascii); out.write("`") }

    public mutating func strong(_ body: (inout Self) -> Void) {
        out.write("**"); body(&self); out.write("**")
    }

    public mutating func status(_ word: String, _ tone: PackTone) {
        // Failures stand out; other words are plain, as in the tables before.
        if tone == .fail { strong { $0.text(word) } } else { text(word) }
    }

    public mutating func link(to anchor: String, _ body: (inout Self) -> Void) {
        out.write("["); body(&self); out.write("](#"); out.write(anchor); out.write(")")
    }

    public mutating func beginDocument(title: String, running: String) {
        out.write("# "); text(title); out.write("\n\n")
    }

    public mutating func endDocument() {}

    public mutating func beginSection(id: String, title: String, newPage: Bool) {
        // The section's own anchor, as headings have: rows link to `#coverage`, `#blockers` (GitHub's
        // generated anchors come from the title, which rows cannot know).
        out.write("<a id=\""); out.write(id); out.write("\"></a>\n\n")
        out.write("## "); text(title); out.write("\n\n")
    }

    public mutating func endSection() {}

    public mutating func heading(_ level: Int, id: String?, _ body: (inout Self) -> Void) {
        // An explicit anchor: every renderer keeps `<a id>`, and GitHub links to it.
        if let id { out.write("<a id=\""); out.write(id); out.write("\"></a>\n\n") }
        out.write(String(repeating: "#", count: level)); out.write(" "); body(&self); out.write("\n\n")
    }

    public mutating func paragraph(_ body: (inout Self) -> Void) { body(&self); out.write("\n\n") }

    public mutating func verdict(_ tone: PackTone, _ body: (inout Self) -> Void) { paragraph(body) }

    public mutating func beginList() {}
    public mutating func item(_ body: (inout Self) -> Void) { out.write("- "); body(&self); out.write("\n") }
    public mutating func endList() { out.write("\n") }

    public mutating func beginTable(_ columns: [String], kind: PackTableKind) {
        out.write("|")
        for c in columns { out.write(" "); text(c); out.write(" |") }
        out.write("\n|")
        for _ in columns { out.write("---|") }
        out.write("\n")
    }

    public mutating func beginFacts() { out.write("| | |\n|---|---|\n") }

    public mutating func fact(_ name: String, _ body: (inout Self) -> Void) {
        out.write("| "); text(name); out.write(" | "); body(&self); out.write(" |\n")
    }

    public mutating func beginRow() { out.write("|") }
    public mutating func cell(_ body: (inout Self) -> Void) { out.write(" "); body(&self); out.write(" |") }
    public mutating func endRow() { out.write("\n") }
    public mutating func endTable() { out.write("\n") }

    public mutating func folded(summary: String, items: [String]) {
        // One line, so every renderer takes it as one raw HTML block: inside it only character references
        // are read, which is all the escaped text holds.
        // The items run on, separated by semicolons: a list's markup would double their size.
        out.write("<details><summary>"); text(summary); out.write("</summary>")
        for (n, i) in items.enumerated() { if n > 0 { out.write("; ") }; text(i) }
        out.write("</details>\n\n")
    }

    public mutating func command(_ groups: [String]) { preformatted(groups.joined(separator: " ")) }

    public mutating func preformatted(_ text: String) {
        // An indented code block, which all three renderers read (Python-Markdown has no fences without
        // an extension): shown as it is, with nothing to escape.
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            out.write("    "); out.write(String(line)); out.write("\n")
        }
        out.write("\n")
    }
}
