/// How the evidence pack is written down. Its layout (`EvidencePack`) says what goes where, once, for
/// every format; a syntax says how each block and span is spelt (`MarkdownPack`, `HTMLPack`).
///
/// Text goes through `text`, which escapes it for the format, whether it comes from an input or is the
/// tool's own: nothing an input holds can become markup. `code` is for the tool's own ASCII (digests).
public protocol PackSyntax {
    init(capacity: Int)
    mutating func finish() -> [UInt8]

    // Spans
    mutating func text(_ s: String)
    mutating func code(_ ascii: String)
    mutating func strong(_ body: (inout Self) -> Void)
    /// A status word, coloured where the format can.
    mutating func status(_ word: String, _ tone: PackTone)
    mutating func link(to anchor: String, _ body: (inout Self) -> Void)

    // Blocks
    /// `title`: the document's title; `running`: the line printed pages carry at the top.
    mutating func beginDocument(title: String, running: String)
    mutating func endDocument()
    /// A major section; `newPage`: it starts a printed page.
    mutating func beginSection(id: String, title: String, newPage: Bool)
    mutating func endSection()
    mutating func heading(_ level: Int, id: String?, _ body: (inout Self) -> Void)
    mutating func paragraph(_ body: (inout Self) -> Void)
    /// The run's verdict, set apart.
    mutating func verdict(_ tone: PackTone, _ body: (inout Self) -> Void)
    mutating func beginList()
    mutating func item(_ body: (inout Self) -> Void)
    mutating func endList()
    /// A table with a header row; rows may come later, in other parts of the report.
    mutating func beginTable(_ columns: [String], kind: PackTableKind)
    /// A two-column table of facts, a name per row.
    mutating func beginFacts()
    mutating func fact(_ name: String, _ body: (inout Self) -> Void)
    mutating func beginRow()
    mutating func cell(_ body: (inout Self) -> Void)
    mutating func endRow()
    mutating func endTable()
    /// A count that opens onto its list (`<details>`), folded by default.
    mutating func folded(summary: String, items: [String])
    /// Text shown exactly as it is, in a monospaced block (a command to copy).
    mutating func preformatted(_ text: String)
    /// A command to copy, as groups of shell words joined by spaces: a group (an option and its value) is
    /// never broken across printed lines.
    mutating func command(_ groups: [String])
}

/// How a status reads: FAIL in red, WARN in amber…
public enum PackTone: String, Sendable {
    case fail, warn, pass, waived
}

public enum PackTableKind: Sendable {
    /// Findings, waivers, inputs.
    case list
    /// Blank rows to sign by hand.
    case signature
}

extension PackSyntax {
    mutating func text(_ parts: String...) { for p in parts { text(p) } }

    mutating func cell(_ s: String) { cell { $0.text(s) } }

    mutating func row(_ cells: String...) {
        beginRow()
        for c in cells { cell(c) }
        endRow()
    }

    mutating func paragraph(_ s: String) { paragraph { $0.text(s) } }
}
