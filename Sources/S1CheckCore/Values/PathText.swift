/// File names as s1check shows them (console, reports). Linux file names are bytes and need not be UTF-8;
/// shown, valid UTF-8 stays as it is, except that a byte that is not UTF-8, a control character (C0, DEL,
/// C1) or a format character (zero-width, bidirectional: Unicode Cf) is written `\xFF` byte by byte, and
/// a backslash `\\`. A name can then neither break a report's format nor act on a terminal, and two names
/// never show alike. This is display text only: a location a machine reads (SARIF, Code Quality, GitHub's
/// `file=`) is the real path (see `RepositoryPath`).
public enum PathText {
    public static func display(_ bytes: [UInt8]) -> String {
        // The usual case: printable ASCII with no backslash.
        if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        func escapeByte(_ b: UInt8) {
            let digits = Array("0123456789ABCDEF".utf8)
            out += [UInt8(ascii: "\\"), UInt8(ascii: "x"), digits[Int(b >> 4)], digits[Int(b & 0xF)]]
        }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                if b < 0x20 || b == 0x7F { escapeByte(b) }
                else if b == UInt8(ascii: "\\") { out += [b, b] }
                else { out.append(b) }
                i += 1
                continue
            }
            let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
            let end = min(i + length, bytes.count)
            // Decoding the candidate sequence alone, and checking it used every byte, rejects overlong
            // forms, surrogates and truncated sequences.
            var decoder = UTF8()
            var it = bytes[i..<end].makeIterator()
            if length > 1, end - i == length, case .scalarValue(let u) = decoder.decode(&it),
               String(u).utf8.count == length {
                if (u.value >= 0x80 && u.value <= 0x9F) || Unicode.isFormatCharacter(u) {
                    for k in i..<end { escapeByte(bytes[k]) }
                } else {
                    out += bytes[i..<end]
                }
                i = end
            } else {
                escapeByte(b)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
