import S1CheckCore

/// Facts that several reports state the same way, kept in one place so JUnit, Markdown, JSON and the
/// console never disagree.
public enum ReportFacts {
    public static func origin(_ a: ResolvedArtefact) -> String {
        guard let origin = a.origin, let version = a.version else { return "no version in the baseline" }
        switch origin {
        case .secVersion: return "SEC version, Annex A"
        case .svtad: return "SVTAD version, TBRD footnote 1"
        case .legalEffect(let annex):
            if let annex, annex == version { return "legal effect \(version) = Annex A" }
            if let annex { return "legal effect \(version) (Annex A \(annex) is older)" }
            return "legal effect \(version)"
        case .annexA(let supersedes):
            if let supersedes { return "Annex A \(version), more recent than legal effect \(supersedes)" }
            return "Annex A \(version)"
        case .consultation:
            let notes = a.consultation?.notes.map(ConsultationText.describe) ?? []
            return (["consultation \(version) (provisional)"] + notes).joined(separator: "; ")
        }
    }

    /// A machine-readable origin key for JSON.
    public static func originKey(_ a: ResolvedArtefact) -> String? {
        switch a.origin {
        case .secVersion?: return "sec"
        case .svtad?: return "svtad"
        case .legalEffect?: return "legalEffect"
        case .annexA?: return "annexA"
        case .consultation?: return "consultation"
        case nil: return nil
        }
    }

    public static func phases(_ p: [Phase]?) -> String {
        p.map { $0.map(\.rawValue).joined(separator: ", ") } ?? "all"
    }

    /// The document a finding is about, for the JSON `document` field.
    public static func document(_ f: Finding) -> String? {
        if let ref = f.documentRef { return ref.description }
        return f.rule == Rules.unknownDocument ? f.subject : nil
    }

    public static func statusWord(_ s: Status) -> String { s.rawValue.uppercased() }

    public static func runVerdict(_ run: RunResult) -> String {
        switch run.exitCode {
        case 0: return run.plans.contains { $0.status == .warn } ? "PASS with warnings" : "PASS"
        case 1: return "FAIL"
        default: return "INPUT ERROR"
        }
    }

    public static func baselineLabel(_ run: RunResult) -> String {
        let t = run.baseline.baseline.tbrd
        return "TBRD \(t.version) (\(t.date)), SEC \(run.baseline.baseline.sec), SVTAD \(run.baseline.baseline.svtad)"
    }
}
