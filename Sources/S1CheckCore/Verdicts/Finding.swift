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
    /// For a shared waiver, its place in the policy file's list (nil: the plan's own waiver).
    public var shared: Int? = nil
    /// Who approved the waiver, when it says.
    public var approvedBy: String? = nil
}

/// One check made on one plan: which rule, about what, the result and why.
///
/// A value: the checker builds a plan's findings (applying waivers, lines and unique names as it goes),
/// then hands them to an immutable `FileResult`, whose counts are worked out once from them.
public struct Finding: Sendable {
    public let rule: RuleDescription
    public internal(set) var status: Status
    /// What the check is about: a document ("Appendix AD"), a device, a waiver; nil for plan-wide checks.
    public let subject: String?
    /// The document the finding concerns, for matching waivers.
    public let documentRef: DocumentRef?
    public let declared: String?
    public let expected: String?
    public internal(set) var message: String
    /// The baseline clause this verdict rests on, specific to this finding.
    public let clause: String
    /// What to do next with s1check itself ("s1check baseline export …"), kept out of the message so the
    /// message is the verdict alone and a reviewer can quote it.
    public let hint: String?
    /// Byte offset in the plan file (turned into `line` by the checker).
    public let offset: Int?
    public internal(set) var line: Int?
    public internal(set) var waiver: AppliedWaiver?
    /// The policy level that changed the status, if any.
    public internal(set) var level: AppliedLevel?
    /// For a finding about one of the policy's shared waivers, its place in the policy file.
    public internal(set) var sharedWaiver: Int?
    /// For a finding about one of the policy's shared waivers, how the plan met it: the typed fact the
    /// run's use of shared waivers is gathered from (`SharedWaiverUse`).
    public internal(set) var sharedWaiverMeeting: SharedWaiverMeeting?
    /// A stable name, unique within its plan: "rule · subject". CI history keys on it.
    public internal(set) var check: String
    /// Where the finding stands when that is not its result's own file: a `test-results` finding about a
    /// plan stands at its test case in the results file (file:line:column), and the formats that place
    /// findings on files (SARIF, Code Quality, GitHub annotations, JUnit's location) put it there.
    public internal(set) var elsewhere: ResultsLocation? = nil
    /// Edits of the plan file that would resolve the finding, when the rule knows them (for a `fix`
    /// command; no report shows them yet).
    public let fix: Fix?
    /// For an `input-error` finding, the input error it reports (held apart: most findings have none).
    private var input: InputErrorFact? = nil

    public init(rule: RuleDescription, status: Status, subject: String? = nil, documentRef: DocumentRef? = nil,
                declared: String? = nil, expected: String? = nil, message: String, clause: String? = nil,
                hint: String? = nil, offset: Int? = nil, fix: Fix? = nil) {
        self.rule = rule
        self.status = status
        self.subject = subject
        self.documentRef = documentRef
        self.declared = declared
        self.expected = expected
        self.message = message
        self.clause = clause ?? rule.clause
        self.hint = hint
        self.offset = offset
        self.fix = fix
        self.check = subject.map { "\(rule.id) · \($0)" } ?? rule.id
    }

    /// The document the finding names: the catalogue's name for it, or, for a name outside the catalogue
    /// (`unknown-document`), the name as written; nil for a finding about no document.
    public var documentName: String? {
        if let ref = documentRef { return ref.description }
        return rule.id == UnknownDocumentRule.description.id ? subject : nil
    }

    /// Records that this finding is about the policy's `index`th shared waiver, met as `how`.
    mutating func meetsSharedWaiver(_ index: Int, _ how: SharedWaiverMeeting) {
        sharedWaiver = index
        sharedWaiverMeeting = how
    }

    /// A finding of `input-error` (a fail): the `index`th problem that stopped a file being read or decoded,
    /// at its line; its check name is unique within the file ("input-error", "input-error · 2", …).
    public static func reporting(_ e: Diagnostic, index: Int = 0) -> Finding {
        var f = Finding(rule: RunLevelRules.inputError, status: .fail, message: e.pathAndMessage)
        f.line = e.position?.line
        f.check = index == 0 ? RunLevelRules.inputError.id : "\(RunLevelRules.inputError.id) · \(index + 1)"
        f.input = InputErrorFact(e)
        return f
    }

    /// The input error an `input-error` finding reports (its JSON path, line and column, its kind); nil for
    /// every other finding. Formats that keep input errors apart (JUnit's `<error>`, the JSON report's
    /// `inputErrors`) read it; so does the tally, which counts unreadable files, not their errors.
    public var inputError: Diagnostic? { input?.diagnostic }
    var isInputError: Bool { input != nil }
    /// The column, where the finding's source knows it (an input error's position).
    public var column: Int? { input?.diagnostic.position?.column }

    /// A warning or failure that a policy level recorded as a pass: listed wherever non-passes are.
    public var isAllowed: Bool { status == .pass && level != nil }
}

/// How a plan met one of the policy's shared waivers (`Finding.sharedWaiverMeeting`).
public enum SharedWaiverMeeting: String, Sendable, Hashable {
    /// It waived something in the plan (approved or not: an unapproved one still met something).
    case waived
    /// It would have waived something, but had expired: the plan fails on it.
    case expired
    /// It would waive a failure without naming who approved it: met, and failing there.
    case unapproved
}

/// An input error kept by reference, so a `Finding` stays small for the many findings that have none.
final class InputErrorFact: Sendable {
    let diagnostic: Diagnostic
    init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }
}
