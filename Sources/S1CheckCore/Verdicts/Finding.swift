/// The outcome of one check. Ordered by severity, so a plan's status is the worst of its findings.
public enum Status: String, Sendable, Hashable, Comparable, CaseIterable {
    case pass, waived, warn, fail

    var severity: Int {
        switch self {
        case .pass: return 0
        case .waived: return 1
        case .warn: return 2
        case .fail: return 3
        }
    }

    public static func < (a: Status, b: Status) -> Bool { a.severity < b.severity }
}

/// The waiver that turned a finding into `waived`, kept so the report can show it (never hide it).
public struct AppliedWaiver: Sendable, Hashable {
    public var reason: String
    public var expires: CalendarDate?
    /// What the finding would have been without the waiver.
    public var originalStatus: Status
}

/// One check made on one plan: which rule, about what, the result and why.
///
/// A class, not a struct: a run holds a hundred thousand findings and every report walks them, so
/// sharing one reference beats copying eight strings at each step. A finding is changed only while its
/// own plan is checked (waivers, lines, unique names) on one thread; after that it is read-only, which
/// is what makes the unchecked Sendable sound.
public final class Finding: @unchecked Sendable {
    public var rule: Rule
    public var status: Status
    /// What the check is about: a document ("Appendix AD"), a device, a waiver; nil for plan-wide checks.
    public var subject: String?
    /// The document the finding concerns, for matching waivers.
    public var documentRef: DocumentRef?
    public var declared: String?
    public var expected: String?
    public var message: String
    /// The baseline clause this verdict rests on, specific to this finding.
    public var clause: String
    /// Byte offset in the plan file (turned into `line` by the checker).
    public var offset: Int?
    public var line: Int?
    public var waiver: AppliedWaiver?
    /// A stable name, unique within its plan: "rule · subject". CI history keys on it.
    public var check: String

    public init(rule: Rule, status: Status, subject: String? = nil, documentRef: DocumentRef? = nil,
                declared: String? = nil, expected: String? = nil, message: String, clause: String? = nil,
                offset: Int? = nil) {
        self.rule = rule
        self.status = status
        self.subject = subject
        self.documentRef = documentRef
        self.declared = declared
        self.expected = expected
        self.message = message
        self.clause = clause ?? rule.clause
        self.offset = offset
        self.check = subject.map { "\(rule.id) · \($0)" } ?? rule.id
    }
}
