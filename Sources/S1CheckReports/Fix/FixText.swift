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
        public init() {}

        /// A plan's part; `applied`: its changes were written (or, without --write, would be).
        public mutating func add(_ p: FixedPlan, applied: Bool) {
            plans += 1
            if p.changed && applied { changedPlans += 1; changes += p.fix.changes.count }
            choices += p.fix.choices.count
        }
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
            s += "; \(t.choices) declaration\(t.choices == 1 ? " is" : "s are") left for you to choose (the notes above)"
        }
        if t.problems > 0 {
            s += "; \(t.problems) error\(t.problems == 1 ? "" : "s") (above)"
        }
        return "s1check fix: " + s + "\n"
    }
}
