/// Quoting for a POSIX shell (`sh`, dash, bash, zsh), so the evidence pack's command runs as printed.
///
/// An argument of only safe characters stays as it is; any other is single-quoted (a `'` inside becomes
/// `'\''`). Bytes a report cannot show as they are (control characters other than the line feed, bytes that
/// are not UTF-8) are produced by `printf` with an octal escape inside the word: `'a'"$(printf '\033')"'b'`.
/// A line feed stays inside the quotes (command substitution would drop it at the end of a word).
public enum ShellText {
    public static func command(_ words: [[UInt8]]) -> String {
        words.map(quote).joined(separator: " ")
    }

    public static func quote(_ word: [UInt8]) -> String {
        if word.isEmpty { return "''" }
        if word.allSatisfy(isSafe) { return String(decoding: word, as: UTF8.self) }
        var out = ""
        var quoted: [UInt8] = []
        func flush() {
            guard !quoted.isEmpty else { return }
            let escaped = quoted.flatMap { $0 == UInt8(ascii: "'") ? Array(#"'\''"#.utf8) : [$0] }
            out += "'" + String(decoding: escaped, as: UTF8.self) + "'"
            quoted = []
        }
        var i = 0
        while i < word.count {
            let b = word[i]
            // A whole UTF-8 scalar that is printable goes in the quotes as it is.
            if b >= 0x80, let n = scalarLength(word, at: i) {
                quoted += word[i..<i + n]
                i += n
                continue
            }
            if (b < 0x20 && b != 0x0A) || b >= 0x7F {
                flush()
                out += "\"$(printf '\\" + String(b, radix: 8) + "')\""
            } else {
                quoted.append(b)
            }
            i += 1
        }
        flush()
        return out
    }

    static func isSafe(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("@%+=:,./_-".utf8).contains(b)
        }
    }

    /// The length of the valid, non-control UTF-8 scalar starting at `i` (nil: not one).
    static func scalarLength(_ bytes: [UInt8], at i: Int) -> Int? {
        let b = bytes[i]
        let n = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0
        guard n > 0, i + n <= bytes.count else { return nil }
        guard let s = String(validating: bytes[i..<i + n], as: UTF8.self), let u = s.unicodeScalars.first,
              s.unicodeScalars.count == 1 else { return nil }
        // C1 controls are control characters too.
        return (0x80...0x9F).contains(u.value) ? nil : n
    }
}
