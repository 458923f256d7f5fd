/// Escaping for text from inputs written to a terminal or a CI log: file names, JSON paths, messages
/// quoting plan text. A control character there could move the cursor, clear the screen or start a
/// line that looks like s1check's own ("PASS: ..."), so none reaches the console raw. The tab and line
/// feed free text may hold become spaces, keeping one finding on one line; every other C0 or C1 control
/// character and DEL is shown as `\u{1B}`, as in the reports, and so is every format character
/// (zero-width and bidirectional controls: `\u{202E}`), which would otherwise hide or reorder text.
public enum ConsoleText {
    public static func escape(_ u: Unicode.Scalar) -> String? {
        switch u.value {
        case 0x09, 0x0A: return " "
        case 0..<0x20, 0x7F...0x9F: return visibleEscape(u)
        default: return Unicode.isFormatCharacter(u) ? visibleEscape(u) : nil
        }
    }

    // C1 controls (U+0080–U+009F) start with the lead byte 0xC2, format characters with one of a few.
    static let escaper = Escaper(ascii: Escaper.controls, leadBytes: Unicode.formatLeadBytes, escape: { escape($0) })

    /// Whether `s` may hold something to escape: a C0 control, DEL, or the lead byte of a C1 control or
    /// of a format character. A plain scan for the usual case of nothing to escape.
    static func mayNeedEscaping(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { u in escaper.flagged.withUnsafeBufferPointer { flagged in u.contains { flagged[Int($0)] } } }
    }

    /// `s` with its control characters escaped.
    public static func escaped(_ s: String) -> String {
        if !mayNeedEscaping(s) { return s }
        var out = TextBuffer(capacity: s.utf8.count + 16)
        out.console(s)
        return out.string
    }
}

extension TextBuffer {
    public mutating func console(_ s: String) {
        if ConsoleText.mayNeedEscaping(s) { write(s, escaping: ConsoleText.escaper) } else { write(s) }
    }
}
