import S1CheckCore

/// How the reports name the baseline and its documents: the baseline a run was checked against, the
/// artefact tables people read, and the document a finding is about.
public enum BaselineText {
    /// The baseline as a run's reports name it: "TBRD 1.24 (2023-05-10), SEC 72.0, SVTAD 10.0".
    public static func label(_ run: RunSettings) -> String {
        let t = run.baseline.baseline.tbrd
        return "TBRD \(t.version) (\(t.date)), SEC \(run.baseline.baseline.sec), SVTAD \(run.baseline.baseline.svtad)"
    }

    /// Whether `--as-of` is more than a year after the baseline's TBRD date: a later TBRD issue may then
    /// exist, which the embedded baseline cannot know of (TBRD 1.24 speaks of consultations "currently" open).
    public static func mayBeSuperseded(_ run: RunSettings) -> Bool {
        let d = run.baseline.baseline.tbrd.date
        // The anniversary; 29 February falls back to the 28th.
        let year = CalendarDate(year: d.year + 1, month: d.month, day: d.day) ?? CalendarDate(year: d.year + 1, month: d.month, day: 28)!
        return run.asOf > year
    }

    /// The one sentence every report gives when `mayBeSuperseded`, nil otherwise. `option`: how an option's
    /// name is introduced ("--"; an XML comment, which cannot hold "--", passes "option ").
    public static func supersededNote(_ run: RunSettings, option: String = "--") -> String? {
        guard mayBeSuperseded(run) else { return nil }
        let t = run.baseline.baseline.tbrd
        return "the baseline's TBRD \(t.version) is dated \(t.date), more than a year before \(run.asOf) (\(option)as-of): a later TBRD issue may exist."
            + " Look for one (publisher: \(t.publisher)); to check against it, write its versions into a baseline file"
            + " (s1check baseline export prints this one to start from) and give it with \(option)baseline FILE."
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
                                        version: a.version?.description ?? "—", from: "SEC version: paragraph 1(i), Annex A heading",
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
}
