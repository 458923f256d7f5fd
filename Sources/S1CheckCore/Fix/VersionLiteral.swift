/// The dotted number inside a JSON string literal that holds a version, as bytes of the file: what a fix
/// replaces, so that everything else in the literal stays as written (a `v` or `Version ` in front,
/// spaces around it; docs/plans.md: `version` accepts `5.1`, `v5.1`, `Version 5.1`).
///
/// `Version(written:)` reads a version as: surrounding space, then an optional `version` or `v` (any
/// case), space, then the dotted number. So the dotted number is the run of digits and dots that ends the
/// text once trailing space is trimmed, and that run is found here in the literal's bytes, through any
/// escapes (`\u0035` is a `5`): the literal is decoded scalar by scalar, each with the bytes it came from.
enum VersionLiteral {
    /// The bytes of the dotted number in `bytes[literal]` (a string literal, quotes included, already
    /// read by `JSONReader`, so well formed), or nil when the literal does not end in one.
    static func dottedRange(in bytes: [UInt8], literal: Range<Int>) -> Range<Int>? {
        guard literal.count >= 2, bytes[literal.lowerBound] == UInt8(ascii: "\""), bytes[literal.upperBound - 1] == UInt8(ascii: "\"") else { return nil }
        let scalars = decode(bytes, from: literal.lowerBound + 1, to: literal.upperBound - 1)
        var end = scalars.count
        while end > 0 && scalars[end - 1].scalar.properties.isWhitespace { end -= 1 }
        var start = end
        while start > 0 && isDottedPart(scalars[start - 1].scalar) { start -= 1 }
        guard start < end else { return nil }
        return scalars[start].bytes.lowerBound..<scalars[end - 1].bytes.upperBound
    }

    static func isDottedPart(_ u: Unicode.Scalar) -> Bool { (u.value >= 0x30 && u.value <= 0x39) || u.value == 0x2E }

    /// The scalars of a string literal's contents, each with its bytes (an escape's whole sequence).
    static func decode(_ b: [UInt8], from start: Int, to end: Int) -> [(scalar: Unicode.Scalar, bytes: Range<Int>)] {
        var out: [(scalar: Unicode.Scalar, bytes: Range<Int>)] = []
        var i = start
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= end else { return nil }
            var v: UInt32 = 0
            for k in at..<at + 4 {
                let c = b[k]
                let d: UInt8
                switch c {
                case 0x30...0x39: d = c - 0x30
                case 0x41...0x46: d = c - 0x41 + 10
                case 0x61...0x66: d = c - 0x61 + 10
                default: return nil
                }
                v = v << 4 | UInt32(d)
            }
            return v
        }
        while i < end {
            let c = b[i]
            if c == UInt8(ascii: "\\"), i + 1 < end {
                let e = b[i + 1]
                if e == UInt8(ascii: "u"), let unit = hex4(i + 2) {
                    var value = unit, length = 6
                    if unit >= 0xD800 && unit < 0xDC00, i + 12 <= end, b[i + 6] == UInt8(ascii: "\\"), b[i + 7] == UInt8(ascii: "u"),
                       let low = hex4(i + 8), low >= 0xDC00 && low < 0xE000 {
                        value = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        length = 12
                    }
                    out.append((Unicode.Scalar(value) ?? "\u{FFFD}", i..<i + length))
                    i += length
                    continue
                }
                let simple: Unicode.Scalar
                switch e {
                case UInt8(ascii: "b"): simple = "\u{08}"
                case UInt8(ascii: "f"): simple = "\u{0C}"
                case UInt8(ascii: "n"): simple = "\n"
                case UInt8(ascii: "r"): simple = "\r"
                case UInt8(ascii: "t"): simple = "\t"
                default: simple = Unicode.Scalar(e)
                }
                out.append((simple, i..<i + 2))
                i += 2
                continue
            }
            // UTF-8, already validated by the reader.
            let length = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
            let stop = min(i + length, end)
            var value = length == 1 ? UInt32(c) : UInt32(c) & (0xFF >> (length + 1))
            for k in (i + 1)..<max(i + 1, stop) { value = value << 6 | UInt32(b[k] & 0x3F) }
            out.append((Unicode.Scalar(value) ?? "\u{FFFD}", i..<stop))
            i = stop
        }
        return out
    }
}
