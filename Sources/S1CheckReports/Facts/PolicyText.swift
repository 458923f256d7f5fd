import S1CheckCore

/// What every report says of the run's policy file: its name and levels, and what a level or a waiver did
/// to a finding. (The shared waivers that waived nothing are the policy file's findings, listed as any are.)
public enum PolicyText {
    /// The policy as the reports name it: "s1check.json (consultation warn); 2 shared waivers"; nil without one.
    public static func label(_ run: RunSettings) -> String? {
        guard let p = run.policySource else { return nil }
        let levels = run.policy.levels.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.rawValue)" }
        let n = run.policy.waivers.count
        return p.file + (levels.isEmpty ? "" : " (\(levels.joined(separator: ", ")))") + "; \(n) shared waiver\(n == 1 ? "" : "s")"
    }

    /// How the policy changed a finding, its own level first: "fail, allowed by policy s1check.json"
    /// (a deviation, docs/verdicts.md), "warn, raised to fail by policy s1check.json".
    public static func levelNote(_ f: Finding) -> String? {
        guard let l = f.level else { return nil }
        let verb: String
        switch l.level {
        case .deny: verb = "raised to fail"
        case .allow: verb = "allowed"
        case .warn: verb = "lowered to warn"
        }
        return "\(l.originalStatus.rawValue), \(verb) by policy \(l.file)"
    }

    /// The message with the policy level and the waiver that changed its status, as the console says it.
    /// For formats whose consumers show a waived finding like any other (GitHub code scanning ignores
    /// SARIF suppressions).
    public static func messageWithWaiver(_ f: Finding) -> String {
        var message = f.message
        if let note = levelNote(f) { message += " (\(note))" }
        if let w = f.waiver { message += " (waived \(w.originalStatus.rawValue): \(w.reason)\(w.approvedBy.map { "; approved by \($0)" } ?? ""))" }
        return message
    }
}
