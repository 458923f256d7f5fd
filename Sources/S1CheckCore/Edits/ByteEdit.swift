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

/// A change that would resolve a finding, attached by the rule that found it (ruff's model: the rule that
/// finds the problem knows its edit): edits of the plan file's bytes (applied together, with
/// `ByteEdit.apply`), what they do in words a reviewer can accept or refuse, and whether `s1check fix` may
/// apply them on its own.
///
/// A finding with no fix has nothing a tool could mend. A finding whose mend needs a person's decision
/// carries a display-only fix: no edits, and `summary` says what to decide ("relevant versions are 3.2,
/// 4.0, 4.1: choose one"), so `fix` lists it instead of guessing.
public struct Fix: Sendable, Hashable {
    /// When `s1check fix` applies the edits (ruff's applicability).
    public enum Applicability: String, Sendable, Hashable {
        /// Always: the baseline leaves no choice.
        case safe
        /// Only when the user asks (`--confirm-tbrd`): the edit records a statement only a person can make.
        case confirm
        /// Never: a person chooses; `summary` says among what.
        case displayOnly = "display-only"
    }

    /// Why a fix is not applied on its own.
    public enum Reason: String, Sendable, Hashable {
        /// Several relevant versions: choose the one the device models tested need.
        case sideBySide = "side-by-side"
        /// The document is declared more than once: choose which declaration to keep.
        case duplicate
        /// A waiver waives the finding: the plan stays as the waiver accepted it.
        case waived
        /// The one relevant version is older than the one declared: a fix never lowers a version.
        case notLowered = "not-lowered"
        /// The version is written with JSON escapes (`\u0035.0`): edited by hand, not by a tool.
        case escaped
        /// The plan's `tbrd`: raising it says the plan was re-confirmed against the baseline's TBRD issue,
        /// which only a person can say (`--confirm-tbrd` records it).
        case reconfirm = "re-confirm"
    }

    /// Applied: "Appendix AD 5.0 → 5.1"; display-only: what a person has to decide.
    public var summary: String
    public var edits: [ByteEdit]
    public var applicability: Applicability
    /// Nil for a safe fix.
    public var reason: Reason?
    /// The document ("Appendix AD"), or "TBRD" for the plan's `tbrd`.
    public var subject: String
    /// The text the edits change, as written ("v5.0"), and as they leave it ("v5.1"; the same for a
    /// display-only fix).
    public var from: String
    public var to: String
    /// Why the edit is what it is, for a note: "the relevant version is 5.1".
    public var why: String

    public init(summary: String, edits: [ByteEdit], applicability: Applicability = .safe, reason: Reason? = nil,
                subject: String = "", from: String = "", to: String = "", why: String = "") {
        self.summary = summary
        self.edits = edits
        self.applicability = applicability
        self.reason = reason
        self.subject = subject
        self.from = from
        self.to = to
        self.why = why
    }
}
