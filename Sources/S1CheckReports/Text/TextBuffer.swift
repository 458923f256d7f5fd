/// An append-only UTF-8 byte buffer that reports are written into. Reports for ten thousand plans run to
/// tens of megabytes, so escaping works byte by byte here instead of building intermediate Strings.
public struct TextBuffer {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    @inline(__always) public mutating func write(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    @inline(__always) public mutating func write(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    @inline(__always) public mutating func byte(_ b: UInt8) { bytes.append(b) }

    public mutating func write(_ n: Int) { write(String(n)) }

    /// Writes `s` through `escape`, which maps one Unicode scalar to its replacement (or nil to keep it).
    mutating func write(_ s: String, escaping escape: (Unicode.Scalar) -> String?) {
        var s = s
        s.withUTF8 { utf8 in
            // Fast path for the common case of plain ASCII with nothing to escape.
            var start = 0
            var i = 0
            while i < utf8.count {
                let b = utf8[i]
                if b < 0x80, let r = escape(Unicode.Scalar(b)) {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                    write(r)
                    i += 1
                    start = i
                } else if b >= 0x80 {
                    // Decode one multi-byte scalar and ask about it.
                    let len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                    let end = min(i + len, utf8.count)
                    let scalar = String(decoding: UnsafeBufferPointer(rebasing: utf8[i..<end]), as: UTF8.self).unicodeScalars.first!
                    if let r = escape(scalar) {
                        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                        write(r)
                        start = end
                    }
                    i = end
                } else {
                    i += 1
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<utf8.count]))
        }
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// `\u{1B}`-style notation for characters a format cannot carry, so they stay visible rather than vanish.
func visibleEscape(_ u: Unicode.Scalar) -> String {
    "\\u{" + String(u.value, radix: 16, uppercase: true) + "}"
}
