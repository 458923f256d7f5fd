import S1CheckCore

/// Renderings of the resolved baseline (`s1check baseline`), of a baseline diff, and of a new plan
/// (`s1check init`).
public enum BaselineReport {
    public static func text(_ b: ResolvedBaseline, phase: Phase?) -> String {
        let t = b.baseline.tbrd
        var s = "\(t.title) v\(t.version), \(t.date) (\(t.publisher))\n"
        s += "SEC Version \(b.baseline.sec); SVTAD (Appendix AK) \(b.baseline.svtad)"
        s += phase.map { "; artefacts that apply to \($0.rawValue)\n\n" } ?? "\n\n"
        let rows = ReportFacts.artefactRows(b.versioned(for: phase)).map { r in
            [r.artefact, r.version, r.phases, r.title, r.from]
        }
        s += table(header: ["ARTEFACT", "VERSION", "PHASES", "TITLE", "WHERE THE VERSION COMES FROM"], rows: rows)
        let unversioned = b.artefacts.filter { $0.version == nil && (phase.map($0.applies(to:)) ?? true) }
        if !unversioned.isEmpty {
            s += "\nNo version in this baseline (plans declaring these get unversioned-document): "
            s += unversioned.map(\.ref.description).joined(separator: ", ") + "\n"
            for a in unversioned where !a.datedIssues.isEmpty {
                s += "  \(a.ref) (\(a.title)): \(a.explanation)\n"
            }
        }
        for a in b.artefacts {
            guard let c = a.consultation else { continue }
            s += "\nSubject to further consultation and amendment: \(a.ref) \(c.version) (\(a.title)), provisional\n"
            for line in ConsultationText.lines(c) { s += "  - \(line)\n" }
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

    // MARK: diff

    public static func diffText(_ d: BaselineDiff, impacts: [BaselineDiff.PlanImpact]?) -> String {
        let o = d.old.baseline.tbrd, n = d.new.baseline.tbrd
        var s = "Baseline diff: TBRD \(o.version) (\(o.date)) → TBRD \(n.version) (\(n.date))\n"
        if d.isEmpty { return s + "No changes.\n" }
        s += "\n" + table(header: ["CHANGE", "ARTEFACT", "OLD", "NEW", "DETAIL"],
                          rows: d.changes.map { [$0.kind.rawValue, $0.subject, $0.old ?? "-", $0.new ?? "-", $0.detail] })
        if let impacts {
            s += impacts.isEmpty ? "\nNo plan is put out of date.\n"
                : "\nPlans put out of date (\(Set(impacts.map(\.file)).count)):\n\n" + table(
                    header: ["PLAN", "FILE", "ARTEFACT", "DECLARED", "NEW EXPECTED"],
                    rows: impacts.map { [$0.planID, $0.file, $0.subject, $0.declared, $0.expected] })
        }
        return s
    }

    public static func diffMarkdown(_ d: BaselineDiff, impacts: [BaselineDiff.PlanImpact]?) -> [UInt8] {
        let o = d.old.baseline.tbrd, n = d.new.baseline.tbrd
        var md = TextBuffer()
        md.write("# Baseline diff: TBRD \(o.version) → TBRD \(n.version)\n\n")
        if d.isEmpty { md.write("No changes.\n"); return md.bytes }
        md.write("| Change | Artefact | Old | New | Detail |\n|---|---|---|---|---|\n")
        for c in d.changes {
            md.write("| \(c.kind.rawValue) | "); md.markdown(c.subject); md.write(" | "); md.markdown(c.old ?? "—")
            md.write(" | "); md.markdown(c.new ?? "—"); md.write(" | "); md.markdown(c.detail); md.write(" |\n")
        }
        if let impacts {
            md.write("\n## Plans put out of date\n\n")
            if impacts.isEmpty { md.write("None.\n") } else {
                md.write("| Plan | File | Artefact | Declared | New expected |\n|---|---|---|---|---|\n")
                for i in impacts {
                    md.write("| "); md.markdown(i.planID); md.write(" | "); md.markdown(i.file); md.write(" | ")
                    md.markdown(i.subject); md.write(" | "); md.markdown(i.declared); md.write(" | "); md.markdown(i.expected); md.write(" |\n")
                }
            }
        }
        return md.bytes
    }

    public static func diffJSON(_ d: BaselineDiff, impacts: [BaselineDiff.PlanImpact]?) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.string("old", d.old.baseline.tbrd.version.description)
        w.string("new", d.new.baseline.tbrd.version.description)
        w.bool("changed", !d.isEmpty)
        w.beginArray("changes")
        for c in d.changes {
            w.beginObject()
            w.string("kind", c.kind.rawValue); w.string("artefact", c.subject)
            w.string("old", c.old); w.string("new", c.new); w.string("detail", c.detail)
            w.endObject()
        }
        w.endArray()
        if let impacts {
            w.beginArray("outOfDate")
            for i in impacts {
                w.beginObject()
                w.string("plan", i.planID); w.string("file", i.file); w.string("artefact", i.subject)
                w.string("declared", i.declared); w.string("expected", i.expected); w.string("reason", i.reason)
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
        return w.finish()
    }

    // MARK: init

    /// A new plan: every artefact applying to the phase at its resolved version, devices left to fill in.
    public static func newPlan(_ b: ResolvedBaseline, phase: Phase, id: String, title: String,
                               window: (start: CalendarDate, end: CalendarDate)) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        // Plans live in Plans/<phase>/ beside Plans/schemas/, as the samples do.
        w.string("$schema", "../schemas/plan.schema.json")
        w.string("id", id)
        w.string("title", title)
        w.string("phase", phase.rawValue)
        w.string("tbrd", b.baseline.tbrd.version.description)
        w.beginObject("window"); w.string("start", window.start.description); w.string("end", window.end.description); w.endObject()
        w.beginArray("deviceModels"); w.endArray()
        w.beginArray("deviceModelCombinations"); w.endArray()
        w.beginArray("artefacts")
        for a in PlanTemplate.artefacts(for: phase, in: b) {
            w.beginObject()
            w.string("document", a.ref.description)
            w.string("version", a.version!.description)
            w.endObject()
        }
        w.endArray()
        w.beginArray("waivers"); w.endArray()
        w.endObject()
        return w.finish()
    }

    /// A plain-text table with columns padded to the widest cell (last column unpadded).
    static func table(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = (0..<header.count).map { c in all.map { $0[c].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { c, cell in
                c == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[c] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
