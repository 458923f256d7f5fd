/// One change to a file's bytes: the bytes in `range` (offsets in the file as read) replaced by
/// `replacement`. An empty range inserts; an empty replacement deletes. With the byte spans of JSON nodes
/// (`JSONNode.span`), a value can be replaced without touching a byte around it, so an edit keeps the
/// file's layout and key order as its writer left them.
public struct ByteEdit: Sendable, Hashable {
    public var range: Range<Int>
    public var replacement: [UInt8]

    public init(range: Range<Int>, replacement: [UInt8]) {
        self.range = range
        self.replacement = replacement
    }

    public init(replacing range: Range<Int>, with text: String) {
        self.init(range: range, replacement: Array(text.utf8))
    }

    /// Why a list of edits cannot be applied: nothing is applied then.
    public struct Conflict: Error, Sendable, Hashable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// `bytes` with every edit made. The edits may come in any order; every range is in the bytes as they
    /// are now (not as an earlier edit leaves them). Refused, with nothing applied: a range past the end,
    /// two edits that overlap, and two insertions at one place (which goes first would be a guess).
    /// An insertion at the start or end of a replaced range is applied before or after it.
    public static func apply(_ edits: [ByteEdit], to bytes: [UInt8]) throws(Conflict) -> [UInt8] {
        let sorted = edits.enumerated().sorted {
            ($0.element.range.lowerBound, $0.element.range.upperBound, $0.offset) < ($1.element.range.lowerBound, $1.element.range.upperBound, $1.offset)
        }
        for (_, e) in sorted where e.range.upperBound > bytes.count {
            throw Conflict(message: "an edit of bytes \(e.range.lowerBound)..<\(e.range.upperBound) reaches past the end of the \(bytes.count) bytes")
        }
        for (a, b) in zip(sorted, sorted.dropFirst()) {
            let x = a.element.range, y = b.element.range
            if x.upperBound > y.lowerBound || (x.isEmpty && y.isEmpty && x.lowerBound == y.lowerBound) {
                throw Conflict(message: "edits \(a.offset + 1) and \(b.offset + 1) overlap (bytes \(x.lowerBound)..<\(x.upperBound) and \(y.lowerBound)..<\(y.upperBound)); make them one edit")
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + edits.reduce(0) { $0 + $1.replacement.count })
        var at = 0
        for (_, e) in sorted {
            out += bytes[at..<e.range.lowerBound]
            out += e.replacement
            at = e.range.upperBound
        }
        out += bytes[at...]
        return out
    }
}

/// A change that would resolve a finding: edits of the plan file's bytes (applied together, with
/// `ByteEdit.apply`), and what they do, in words a reviewer can accept or refuse.
public struct Fix: Sendable, Hashable {
    public var summary: String
    public var edits: [ByteEdit]

    public init(summary: String, edits: [ByteEdit]) {
        self.summary = summary
        self.edits = edits
    }
}
