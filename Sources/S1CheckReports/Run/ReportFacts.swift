import S1CheckCore

/// Facts that several reports state the same way, kept in one place so JUnit, Markdown, JSON and the
/// console never disagree.
public enum ReportFacts {
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
            // Versions in legal effect side by side are all shown: each is relevant (TBRD paragraphs 1 and 3).
            rows.append(ArtefactRow(artefact: a.ref.description, title: a.title,
                                    version: a.relevant.isEmpty ? "—" : a.relevant.map(\.description).joined(separator: ", "),
                                    from: a.originSummary, phases: phases(a.phases)))
        }
        return rows
    }

    public static func phases(_ p: [Phase]?) -> String {
        p.map { $0.map(\.rawValue).joined(separator: ", ") } ?? "all"
    }

    /// The document a finding is about, for the JSON `document` field.
    public static func document(_ f: Finding) -> String? {
        if let ref = f.documentRef { return ref.description }
        return f.rule == UnknownDocumentRule.description ? f.subject : nil
    }

    public static func statusWord(_ s: Status) -> String { s.rawValue.uppercased() }

    public static func runVerdict(_ outcome: RunOutcome) -> String {
        switch outcome.exitCode {
        case 0: return outcome.hasWarnings ? "PASS with warnings" : "PASS"
        case 1: return "FAIL"
        default: return "INPUT ERROR"
        }
    }

    public static func baselineLabel(_ run: RunSettings) -> String {
        let t = run.baseline.baseline.tbrd
        return "TBRD \(t.version) (\(t.date)), SEC \(run.baseline.baseline.sec), SVTAD \(run.baseline.baseline.svtad)"
    }
}
