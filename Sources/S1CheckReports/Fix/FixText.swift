import S1CheckCore

/// The words of `s1check fix` on the console (docs/plans.md, "Bringing plans onto the baseline"): what was
/// written, the declarations left for a person (`file:line: note: …`, the form editors and CI logs link),
/// and a summary. Text from the inputs (file names, versions as written) is escaped like every console
/// line.
public enum FixText {
    /// "fixed Plans/x.plan.json: Appendix AD 5.0 → 5.1 (line 31); TBRD 1.24 → 1.25 (line 4)"
    public static func written(file: String, _ fix: PlanFix) -> String {
        ConsoleText.escaped("fixed \(file): " + fix.changes.map(\.description).joined(separator: "; ")) + "\n"
    }

    /// One line per declaration the fix leaves as it is.
    public static func choices(file: String, _ fix: PlanFix) -> String {
        fix.choices.map { c in
            ConsoleText.escaped("\(file)\(c.line.map { ":\($0)" } ?? ""): note: \(c.message)") + "\n"
        }.joined()
    }

    /// What a run of `fix` did or would do, for standard error.
    public struct Totals: Sendable, Hashable {
        public var plans = 0
        public var changedPlans = 0
        public var changes = 0
        public var choices = 0
        public var problems = 0
        /// The declarations left for a person, by why.
        public var left: [Fix.Reason: Int] = [:]
        public init() {}

        /// A plan's part; `applied`: its changes were written (or, without --write, would be).
        public mutating func add(_ p: FixedPlan, applied: Bool) {
            plans += 1
            if p.changed && applied { changedPlans += 1; changes += p.fix.changes.count }
            choices += p.fix.choices.count
            for c in p.fix.choices { left[c.reason, default: 0] += 1 }
        }
    }

    /// What a person still has to do, one line each, for the end of the output: `fix` never decides these.
    public static func toDo(_ t: Totals, tbrd: String) -> String {
        func n(_ count: Int, _ one: String, _ many: String) -> String { "\(count) \(count == 1 ? one : many)" }
        var lines: [String] = []
        if let c = t.left[.reconfirm] {
            lines.append("re-confirm \(n(c, "plan", "plans")) against TBRD \(tbrd) (their tbrd is older), then record it with s1check fix --confirm-tbrd")
        }
        if let c = t.left[.sideBySide] {
            lines.append("choose the version for \(n(c, "declaration", "declarations")) with versions side by side: the one the device models tested need")
        }
        if let c = t.left[.duplicate] {
            lines.append("choose which declaration to keep for \(n(c, "document", "documents")) declared more than once")
        }
        if let c = t.left[.notLowered] {
            lines.append("choose a version for \(n(c, "declaration", "declarations")) whose one relevant version is older (a fix never lowers one)")
        }
        if let c = t.left[.escaped] {
            lines.append("set \(n(c, "version", "versions")) written with JSON escapes by hand")
        }
        guard !lines.isEmpty else { return "" }
        return "Still for a person to do (s1check fix does not decide these; the notes above say where):\n"
            + lines.map { "  - " + $0 + "\n" }.joined()
    }

    public static func summary(_ t: Totals, write: Bool) -> String {
        let versions = "\(t.changes) version\(t.changes == 1 ? "" : "s")"
        let plans = "\(t.changedPlans) of \(t.plans) plan\(t.plans == 1 ? "" : "s")"
        var s: String
        if t.changes == 0 {
            s = "nothing to fix in \(t.plans) plan\(t.plans == 1 ? "" : "s")"
        } else if write {
            s = "fixed \(versions) in \(plans)"
        } else {
            s = "\(versions) to fix in \(plans); nothing was written (run with --write to apply the diff)"
        }
        if t.choices > 0 {
            s += "; \(t.choices) declaration\(t.choices == 1 ? " is" : "s are") left for a person (the notes above)"
        }
        if t.problems > 0 {
            s += "; \(t.problems) error\(t.problems == 1 ? "" : "s") (above)"
        }
        return "s1check fix: " + s + "\n"
    }
}
