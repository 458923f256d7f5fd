/// What `s1check fix` does to one plan (docs/plans.md, "Bringing plans onto the baseline"): the version
/// literals it changes, as one `Fix` of byte edits, and the declarations it leaves for a person, with the
/// choices they have.
///
/// A fix changes a version only where the baseline leaves no choice: an artefact that has drifted (an
/// `artefact-version` fail) and has exactly one relevant version, more recent than the one declared,
/// declared once in the plan; and `tbrd` when it is older than the baseline's TBRD issue (paragraph 4).
/// Only the dotted number inside the literal is replaced, so every other byte of the file stays as it
/// was: the layout, key order, line endings, the document's name as written, a `v` or `Version ` in
/// front of the number. It never lowers a version: one newer than any the baseline knows is a warning,
/// not a drift. What it does not change, it lists:
///
/// - a document with several relevant versions side by side (which applies depends on the device models
///   tested, TBRD paragraph 1(ii)): "Schedule 8 at 2.0: relevant versions are 3.2, 4.0, 4.1: choose one";
/// - a document declared more than once, one of whose declarations is not at a relevant version: which
///   declaration to keep is the plan author's call;
/// - a drift or an older TBRD issue that a waiver waives: the waiver is a recorded decision to stay.
public struct PlanFix: Sendable {
    /// One version literal changed: its text in the file before and after ("v5.0" → "v5.1").
    public struct Change: Sendable, Hashable, CustomStringConvertible {
        /// The document ("Appendix AD"), or "TBRD" for the plan's `tbrd`.
        public var subject: String
        public var from: String
        public var to: String
        public var line: Int

        public var description: String { "\(subject) \(from) → \(to) (line \(line))" }
    }

    /// A declaration left as it is, and why.
    public struct Choice: Sendable, Hashable {
        public enum Reason: String, Sendable, Hashable {
            /// Several relevant versions: choose the one the device models tested need.
            case sideBySide = "side-by-side"
            /// The document is declared more than once: choose which declaration to keep.
            case duplicate
            /// A waiver waives the finding: the plan stays as the waiver accepted it.
            case waived
            /// The one relevant version is older than the one declared: a fix never lowers a version.
            case notLowered = "not-lowered"
        }

        public var reason: Reason
        /// The document, or "TBRD".
        public var subject: String
        public var line: Int?
        public var message: String
    }

    public var fix: Fix
    public var changes: [Change]
    public var choices: [Choice]

    public init(fix: Fix = Fix(summary: "", edits: []), changes: [Change] = [], choices: [Choice] = []) {
        self.fix = fix
        self.changes = changes
        self.choices = choices
    }

    /// Nothing to change.
    public var isEmpty: Bool { fix.edits.isEmpty }
}

/// Builds a plan's fix: a pure function of the plan's bytes, its checked result and the resolved baseline
/// it was checked against.
public enum PlanFixer {
    static let artefactVersion = ArtefactVersionRule.description.id
    static let duplicateDocument = DuplicateDocumentRule.description.id
    static let tbrdVersion = TBRDVersionRule.description.id

    public static func fix(bytes: [UInt8], result: PlanResult, baseline: ResolvedBaseline) -> PlanFix {
        guard let plan = result.plan else { return PlanFix() }
        let tbrd = baseline.baseline.tbrd.version
        // Most plans have nothing to fix: find that out from the findings alone. A finding counts by what
        // its rule made of it (a policy level changes how it gates, not whether the version drifted), and
        // a waived one is listed, not changed.
        let concerned = result.findings.filter { f in
            let ruled = f.level?.originalStatus ?? (f.status == .waived ? f.waiver?.originalStatus : f.status)
            switch f.rule.id {
            case artefactVersion: return ruled == .fail
            case duplicateDocument: return ruled == .fail && f.status != .waived
            case tbrdVersion: return plan.tbrd.value < tbrd && ruled == .warn
            default: return false
            }
        }
        if concerned.isEmpty { return PlanFix() }

        let declarations = Dictionary(plan.artefacts.map { ($0.offset, $0) }, uniquingKeysWith: { a, _ in a })
        var declaredTimes: [DocumentRef: Int] = [:]
        for a in plan.artefacts { if let ref = a.ref { declaredTimes[ref, default: 0] += 1 } }
        let literals = Literals(bytes)
        var lines: LineIndex?
        func line(_ offset: Int) -> Int {
            if lines == nil { lines = LineIndex(bytes) }
            return lines!.line(ofOffset: offset)
        }

        var edits: [ByteEdit] = []
        var changes: [PlanFix.Change] = []
        var choices: [PlanFix.Choice] = []
        var duplicates: [DocumentRef] = []
        func change(_ subject: String, literal: Range<Int>?, to version: Version) {
            guard let literal, let dotted = VersionLiteral.dottedRange(in: bytes, literal: literal) else { return }
            let edit = ByteEdit(replacing: dotted, with: version.description)
            let inside = (literal.lowerBound + 1)..<(literal.upperBound - 1)
            let before = Array(bytes[inside])
            let after = Array(bytes[inside.lowerBound..<dotted.lowerBound]) + edit.replacement + Array(bytes[dotted.upperBound..<inside.upperBound])
            edits.append(edit)
            changes.append(PlanFix.Change(subject: subject, from: String(decoding: before, as: UTF8.self),
                                          to: String(decoding: after, as: UTF8.self), line: line(dotted.lowerBound)))
        }

        for f in concerned {
            switch f.rule.id {
            case tbrdVersion:
                if f.status == .waived {
                    choices.append(PlanFix.Choice(reason: .waived, subject: "TBRD", line: f.line,
                                                  message: "TBRD \(plan.tbrdText): the baseline is TBRD \(tbrd); left as it is, since a waiver waives the \(tbrdVersion) finding (\(waiverText(f)))"))
                } else {
                    change("TBRD", literal: literals.tbrd, to: tbrd)
                }
            case duplicateDocument:
                if let ref = f.documentRef, !duplicates.contains(ref) { duplicates.append(ref) }
            default:
                guard let a = f.offset.flatMap({ declarations[$0] }), let ref = a.ref, let r = baseline[ref] else { continue }
                if f.status == .waived {
                    choices.append(PlanFix.Choice(reason: .waived, subject: r.ref.description, line: f.line,
                                                  message: "\(r.ref) at \(a.versionText): \(relevantPhrase(r)); left as it is, since a waiver waives the drift (\(waiverText(f)))"))
                } else if (declaredTimes[ref] ?? 0) > 1 {
                    if !duplicates.contains(ref) { duplicates.append(ref) }
                } else if r.relevant.count > 1 {
                    choices.append(PlanFix.Choice(reason: .sideBySide, subject: r.ref.description, line: f.line,
                                                  message: "\(r.ref) at \(a.versionText): relevant versions are \(ResolvedArtefact.list(r.relevant)): choose one"))
                } else if let target = r.relevant.first, target > a.version {
                    change(r.ref.description, literal: literals.versions[a.offset], to: target)
                } else {
                    choices.append(PlanFix.Choice(reason: .notLowered, subject: r.ref.description, line: f.line,
                                                  message: "\(r.ref) at \(a.versionText): \(relevantPhrase(r)), which is older; a fix never lowers a version: choose one"))
                }
            }
        }
        for ref in duplicates {
            guard let r = baseline[ref] else { continue }
            let declared = plan.artefacts.filter { $0.ref == ref }
            let at = declared.map { "\($0.versionText) (line \(line($0.offset)))" }
            choices.append(PlanFix.Choice(reason: .duplicate, subject: ref.description, line: declared.first.map { line($0.offset) },
                                          message: "\(ref) at \(englishList(at)): declared more than once; \(relevantPhrase(r)): choose which declaration to keep"))
        }
        choices.sort { ($0.line ?? 0, $0.subject) < ($1.line ?? 0, $1.subject) }
        changes.sort { $0.line < $1.line }
        let summary = changes.map { "\($0.subject) \($0.from) → \($0.to)" }.joined(separator: "; ")
        return PlanFix(fix: Fix(summary: summary, edits: edits), changes: changes, choices: choices)
    }

    /// "the relevant version is 5.1", "relevant versions are 3.2, 4.0, 4.1".
    static func relevantPhrase(_ r: ResolvedArtefact) -> String {
        r.relevant.count == 1 ? "the relevant version is \(r.relevant[0])" : "relevant versions are \(ResolvedArtefact.list(r.relevant))"
    }

    static func waiverText(_ f: Finding) -> String {
        guard let w = f.waiver else { return "" }
        return w.reason + (w.expires.map { ", expires \($0)" } ?? "") + (w.shared != nil ? ", a shared waiver of the policy file" : "")
    }

    static func englishList(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// The byte spans of the literals a fix may change: `tbrd`, and each artefact's `version`, by the
    /// offset of the artefact's object (the offset its declaration and findings carry). Read again from
    /// the bytes, only for a plan with something to fix: the decoded plan keeps no spans.
    struct Literals {
        var tbrd: Range<Int>?
        var versions: [Int: Range<Int>] = [:]

        init(_ bytes: [UInt8]) {
            guard let root = try? JSONReader.parse(bytes), case .object(let members) = root.value else { return }
            for m in members {
                if m.key == "tbrd", case .string = m.value.value { tbrd = m.value.span }
                guard m.key == "artefacts", case .array(let items) = m.value.value else { continue }
                for item in items {
                    guard case .object(let fields) = item.value,
                          let v = fields.first(where: { $0.key == "version" })?.value, case .string = v.value else { continue }
                    versions[item.offset] = v.span
                }
            }
        }
    }
}
