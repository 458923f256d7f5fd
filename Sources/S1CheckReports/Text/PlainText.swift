/// Plain text for a terminal, within 100 columns: paragraphs wrapped at spaces, and tables whose widest
/// columns wrap within their share (`s1check baseline`, `rules`, `explain`, `baseline diff`).
public enum PlainText {
    public static let width = 100

    /// `text` wrapped at spaces into lines of at most `width` columns, after `lead` on the first line
    /// (`"  - "`) and indented by `indent` spaces on the others. A word longer than a line is cut.
    public static func wrap(_ text: String, width: Int = width, lead: String = "", indent: Int = 0) -> [String] {
        var lines: [String] = []
        var line = ""
        func room() -> Int { max(1, (lines.isEmpty ? width - lead.count : width - indent)) }
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            if !line.isEmpty && line.count + 1 + word.count <= room() { line += " " + word; continue }
            if !line.isEmpty { lines.append(line); line = "" }
            while word.count > room() {
                lines.append(String(word.prefix(room())))
                word = word.dropFirst(room())
            }
            line = String(word)
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines.enumerated().map { ($0.offset == 0 ? lead : String(repeating: " ", count: indent)) + $0.element }
    }

    /// `text` wrapped (see `wrap`), as lines ending in a line feed.
    public static func paragraph(_ text: String, lead: String = "", indent: Int = 0) -> String {
        wrap(text, lead: lead, indent: indent).map { $0 + "\n" }.joined()
    }

    /// A table with columns two spaces apart, each as wide as its widest cell but at most `caps[column]`,
    /// and the last column taking what is left of `width` (at least 20 columns): cells wider than their
    /// column wrap onto more lines. No line ends in spaces.
    public static func table(header: [String], rows: [[String]], caps: [Int: Int] = [:], width: Int = width) -> String {
        let all = [header] + rows
        let last = header.count - 1
        var widths = (0..<header.count).map { c in min(all.map { $0[c].count }.max() ?? 0, caps[c] ?? .max) }
        let before = widths.dropLast().reduce(0, +) + 2 * last
        widths[last] = min(widths[last], max(20, width - before))
        var out = ""
        for row in all {
            let cells = row.enumerated().map { c, cell in wrap(cell, width: widths[c]) }
            for k in 0..<(cells.map(\.count).max() ?? 1) {
                var line = ""
                for (c, lines) in cells.enumerated() {
                    let text = k < lines.count ? lines[k] : ""
                    line += c == last ? text : text + String(repeating: " ", count: widths[c] - text.count + 2)
                }
                while line.last == " " { line.removeLast() }
                out += line + "\n"
            }
        }
        return out
    }
}
