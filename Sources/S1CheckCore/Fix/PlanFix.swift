/// What `s1check fix` does to one plan (docs/plans.md, "Bringing plans onto the baseline"): the version
/// literals it changes, as one `Fix` of byte edits, and the declarations it leaves for a person, with the
/// choices they have.
///
/// The fixes are those the rules attached to their findings (`Finding.fix`): an artefact that has drifted
/// (an `artefact-version` fail) and has exactly one relevant version, more recent than the one declared,
/// declared once in the plan, is set to it; `tbrd`, when older than the baseline's TBRD issue (paragraph
/// 4), is raised only when the user confirms the plan was re-confirmed against that issue (`--confirm-tbrd`).
/// Only the dotted number inside the literal is replaced, so every other byte of the file stays as it
/// was: the layout, key order, line endings, the document's name as written, a `v` or `Version ` in
/// front of the number. It never lowers a version: one newer than any the baseline knows is a warning,
/// not a drift. What it does not change, it lists:
///
/// - a document with several relevant versions side by side (which applies depends on the device models
///   tested, TBRD paragraph 1(ii)): "Schedule 8 at 2.0: relevant versions are 3.2, 4.0, 4.1: choose one";
/// - a document declared more than once, one of whose declarations is not at a relevant version: which
///   declaration to keep is the plan author's call;
/// - a drift or an older TBRD issue that a waiver waives: the waiver is a recorded decision to stay;
/// - an older TBRD issue not confirmed: re-confirming the plan is a person's work;
/// - a version written with JSON escapes: edited by hand.
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
        public typealias Reason = Fix.Reason

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

/// Builds a plan's fix from the fixes its findings carry: a pure function of the checked result (and the
/// plan's bytes, for the lines of the edits). It knows no rule: it applies the safe fixes (and those
/// needing confirmation, when confirmed), and lists the rest, each once.
public enum PlanFixer {
    public static func fix(bytes: [UInt8], result: FileResult, confirmTBRD: Bool = false) -> PlanFix {
        // Most plans have nothing to fix: found out from the findings alone.
        guard result.findings.contains(where: { $0.fix != nil }) else { return PlanFix() }
        var lines: LineIndex?
        func line(_ offset: Int) -> Int {
            if lines == nil { lines = LineIndex(bytes) }
            return lines!.line(ofOffset: offset)
        }
        var edits: [ByteEdit] = []
        var changes: [PlanFix.Change] = []
        var choices: [PlanFix.Choice] = []
        // Two rules may leave the same choice (a document declared more than once): listed once, at the
        // first of its lines.
        var listed: [String: Int] = [:]
        func choose(_ reason: Fix.Reason, _ subject: String, _ line: Int?, _ message: String) {
            let key = subject + "\u{0}" + message
            if let i = listed[key] {
                if let line, line < choices[i].line ?? Int.max { choices[i].line = line }
                return
            }
            listed[key] = choices.count
            choices.append(PlanFix.Choice(reason: reason, subject: subject, line: line, message: message))
        }
        for f in result.findings {
            guard let fix = f.fix else { continue }
            // A finding counts by what its rule made of it: a policy level changes how it gates, not
            // whether the version drifted. A waived one is a recorded decision to stay.
            if f.status == .waived {
                choose(.waived, fix.subject, f.line,
                       "\(fix.subject) \(fix.subject == "TBRD" ? "" : "at ")\(fix.from): \(fix.why); left as it is, since a waiver waives the \(f.rule.id) finding (\(waiverText(f)))")
                continue
            }
            switch fix.applicability {
            case .confirm where !confirmTBRD:
                choose(fix.reason ?? .reconfirm, fix.subject, f.line,
                       "\(fix.subject) \(fix.from): \(fix.why); left as it is: re-confirm the plan against TBRD \(fix.to), then record it with s1check fix --confirm-tbrd")
            case .safe, .confirm:
                guard !fix.edits.isEmpty else { continue }
                edits += fix.edits
                changes.append(PlanFix.Change(subject: fix.subject, from: fix.from, to: fix.to, line: line(fix.edits[0].range.lowerBound)))
            case .displayOnly:
                choose(fix.reason ?? .sideBySide, fix.subject, f.line, fix.summary)
            }
        }
        choices.sort { ($0.line ?? 0, $0.subject) < ($1.line ?? 0, $1.subject) }
        changes.sort { $0.line < $1.line }
        let summary = changes.map { "\($0.subject) \($0.from) → \($0.to)" }.joined(separator: "; ")
        return PlanFix(fix: Fix(summary: summary, edits: edits), changes: changes, choices: choices)
    }

    static func waiverText(_ f: Finding) -> String {
        guard let w = f.waiver else { return "" }
        return w.reason + (w.expires.map { ", expires \($0)" } ?? "") + (w.shared != nil ? ", a shared waiver of the policy file" : "")
    }
}
