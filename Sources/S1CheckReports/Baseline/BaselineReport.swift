import S1CheckCore

/// The resolved baseline, as `s1check baseline` shows it: text, Markdown or JSON. (A baseline diff is
/// `BaselineDiffReport`, a new plan `NewPlanFile`.)
public enum BaselineReport {
    public static func text(_ b: ResolvedBaseline, phase: Phase?) -> String {
        let t = b.baseline.tbrd
        var s = PlainText.paragraph("\(t.title) v\(t.version), \(t.date) (\(t.publisher))")
        s += PlainText.paragraph("SEC Version \(b.baseline.sec); SVTAD (Appendix AK) \(b.baseline.svtad)"
                                 + (phase.map { "; artefacts that apply to \($0.rawValue)" } ?? "")) + "\n"
        let rows = BaselineText.artefactRows(b.versioned(for: phase)).map { r in
            [r.artefact, r.version, r.phases, r.title, r.from]
        }
        // Within 100 columns: side-by-side versions and long titles wrap in their columns.
        s += PlainText.table(header: ["ARTEFACT", "VERSION", "PHASES", "TITLE", "WHERE THE VERSION COMES FROM"], rows: rows,
                             caps: [1: 14, 3: 30])
        let unversioned = b.artefacts.filter { $0.version == nil && (phase.map($0.applies(to:)) ?? true) }
        if !unversioned.isEmpty {
            s += "\n" + PlainText.paragraph("No version in this baseline (plans declaring these get unversioned-document): "
                                           + unversioned.map(\.ref.description).joined(separator: ", "), indent: 2)
            for a in unversioned where !a.datedIssues.isEmpty {
                s += PlainText.paragraph("\(a.ref) (\(a.title)): \(a.explanation)", lead: "  ", indent: 4)
            }
        }
        for a in b.artefacts {
            guard let c = a.consultation else { continue }
            s += "\n" + PlainText.paragraph("Subject to further consultation and amendment: \(a.ref) \(c.version) (\(a.title)), provisional")
            for line in ConsultationText.lines(c) { s += PlainText.paragraph(line, lead: "  - ", indent: 4) }
        }
        return s
    }

    public static func markdown(_ b: ResolvedBaseline, phase: Phase?) -> [UInt8] {
        let t = b.baseline.tbrd
        var md = TextBuffer()
        md.write("# Resolved baseline: ")
        md.markdown("\(t.title) v\(t.version) (\(t.date))")
        md.write("\n\nSEC Version \(b.baseline.sec); SVTAD (Appendix AK) \(b.baseline.svtad)")
        if let phase { md.write("; artefacts that apply to \(phase.rawValue)") }
        md.write(".\n\n")
        var table = MarkdownPack(capacity: 1 << 13)
        MarkdownReport.artefactTable(&table, b.versioned(for: phase))
        // The table, without the blank line that ends a block in the evidence pack.
        md.append(Array(table.finish().dropLast()))
        return md.bytes
    }

    public static func json(_ b: ResolvedBaseline, phase: Phase?) -> [UInt8] {
        let t = b.baseline.tbrd
        var w = JSONWriter()
        w.beginObject()
        w.beginObject("tbrd")
        w.string("version", t.version.description); w.string("date", t.date.description)
        w.string("title", t.title); w.string("publisher", t.publisher)
        w.endObject()
        w.string("sec", b.baseline.sec.description)
        w.string("svtad", b.baseline.svtad.description)
        w.string("phase", phase?.rawValue)
        JSONReport.writeArtefacts(&w, b.versioned(for: phase))
        w.stringArray("unversioned", b.artefacts.filter { $0.version == nil && (phase.map($0.applies(to:)) ?? true) }.map(\.ref.description))
        w.endObject()
        return w.finish()
    }
}
