/// An append-only UTF-8 byte buffer that reports are written into. Reports for ten thousand plans run to
/// tens of megabytes, so escaping works byte by byte here instead of building intermediate Strings.
/// A buffer holds one plan's part of a report, or a report's head or tail: reports are streamed part by
/// part (see `ReportRenderer`), never held whole.
public struct TextBuffer {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 1 << 16) {
        bytes.reserveCapacity(capacity)
    }

    /// The text, leaving the buffer empty.
    public mutating func finish() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }

    @inline(__always) public mutating func write(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    @inline(__always) public mutating func write(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    @inline(__always) public mutating func byte(_ b: UInt8) { bytes.append(b) }

    public mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    public mutating func write(_ n: Int) { write(String(n)) }

    /// Writes `s` through an escaper: bytes the escaper's table flags go through its function, the rest
    /// are copied in runs. Reports are tens of megabytes of mostly plain text, so the common case is a
    /// table lookup per byte.
    mutating func write(_ s: String, escaping escaper: Escaper) {
        var s = s
        s.withUTF8 { utf8 in escaper.flagged.withUnsafeBufferPointer { flagged in
            var start = 0
            var i = 0
            let n = utf8.count
            while i < n {
                let b = utf8[i]
                if !flagged[Int(b)] { i += 1; continue }
                var end = i + 1
                let scalar: Unicode.Scalar
                if b < 0x80 {
                    scalar = Unicode.Scalar(b)
                } else {
                    // A flagged lead byte: decode the whole scalar (input is valid UTF-8).
                    let len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                    end = min(i + len, n)
                    scalar = String(decoding: UnsafeBufferPointer(rebasing: utf8[i..<end]), as: UTF8.self).unicodeScalars.first!
                }
                if let r = escaper.escape(scalar) {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                    write(r)
                    start = end
                }
                i = end
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<n]))
        } }
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// `\u{1B}`-style notation for characters a format cannot carry, so they stay visible rather than vanish.
func visibleEscape(_ u: Unicode.Scalar) -> String {
    "\\u{" + String(u.value, radix: 16, uppercase: true) + "}"
}

/// An escaping scheme: which bytes may need attention (ASCII bytes, and lead bytes of the multi-byte
/// scalars the scheme cares about), and what each scalar becomes (nil: unchanged).
public struct Escaper: Sendable {
    let flagged: [Bool]
    let escape: @Sendable (Unicode.Scalar) -> String?

    /// `ascii`: ASCII bytes that may change; `leadBytes`: UTF-8 lead bytes of non-ASCII scalars that may.
    init(ascii: [UInt8], leadBytes: [UInt8] = [], escape: @escaping @Sendable (Unicode.Scalar) -> String?) {
        var table = [Bool](repeating: false, count: 256)
        for b in ascii + leadBytes { table[Int(b)] = true }
        flagged = table
        self.escape = escape
    }

    static let controls: [UInt8] = Array(0..<0x20) + [0x7F]
}
