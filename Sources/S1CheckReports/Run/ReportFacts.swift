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
            // The consultation's notes and dates are listed in their own section of each report.
            return "under consultation: \(version) is provisional"
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

    /// One row of a human-readable artefact table.
    public struct ArtefactRow {
        public var artefact: String
        public var title: String
        public var version: String
        public var from: String
        public var phases: String
    }

    /// Rows for people: the Sections all take the SEC version, so they share one row instead of eighteen
    /// identical ones. (The JSON report lists every artefact.)
    public static func artefactRows(_ artefacts: [ResolvedArtefact]) -> [ArtefactRow] {
        var rows: [ArtefactRow] = []
        let sections = artefacts.filter { if case .document(.section, _) = $0.ref { return true }; return false }
        for a in artefacts {
            if case .document(.section, _) = a.ref {
                guard a.ref == sections.first?.ref else { continue }
                let ids = sections.map { if case .document(_, let id) = $0.ref { return id }; return "" }
                rows.append(ArtefactRow(artefact: "Sections \(ids.first!)–\(ids.last!)", title: "every Section of the Code (\(ids.joined(separator: ", ")))",
                                        version: a.version?.description ?? "—", from: "SEC version, TBRD paragraph 1(i)",
                                        phases: phases(a.phases)))
                continue
            }
            rows.append(ArtefactRow(artefact: a.ref.description, title: a.title, version: a.version?.description ?? "—",
                                    from: origin(a), phases: phases(a.phases)))
        }
        return rows
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
