import S1CheckCore

/// What changed between two baselines (`s1check baseline diff`), and with `--plans` the plans each
/// change puts out of date: text, Markdown or JSON.
public enum BaselineDiffReport {
    public static func text(_ d: BaselineDiff, impacts: [BaselineDiff.PlanImpact]?) -> String {
        let o = d.old.baseline.tbrd, n = d.new.baseline.tbrd
        var s = "Baseline diff: TBRD \(o.version) (\(o.date)) → TBRD \(n.version) (\(n.date))\n"
        if d.isEmpty { return s + "No changes.\n" }
        s += "\n" + PlainText.table(header: ["CHANGE", "ARTEFACT", "OLD", "NEW", "DETAIL"],
                                    rows: d.changes.map { [$0.kind.rawValue, $0.subject, $0.old ?? "-", $0.new ?? "-", $0.detail] })
        if let impacts {
            s += impacts.isEmpty ? "\nNo plan is put out of date.\n"
                : "\nPlans put out of date (\(Set(impacts.map(\.file)).count)):\n\n" + PlainText.table(
                    header: ["PLAN", "FILE", "ARTEFACT", "DECLARED", "NEW EXPECTED"],
                    rows: impacts.map { [$0.planID, $0.location, $0.subject, $0.declared, $0.expected] })
        }
        return s
    }

    public static func markdown(_ d: BaselineDiff, impacts: [BaselineDiff.PlanImpact]?) -> [UInt8] {
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
                    md.write("| "); md.markdown(i.planID); md.write(" | "); md.markdown(i.location); md.write(" | ")
                    md.markdown(i.subject); md.write(" | "); md.markdown(i.declared); md.write(" | "); md.markdown(i.expected); md.write(" |\n")
                }
            }
        }
        return md.bytes
    }

    public static func json(_ d: BaselineDiff, impacts: [BaselineDiff.PlanImpact]?) -> [UInt8] {
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
                w.string("plan", i.planID); w.string("file", i.file); w.number("line", i.line); w.string("artefact", i.subject)
                w.string("declared", i.declared); w.string("expected", i.expected); w.string("reason", i.reason)
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
        return w.finish()
    }
}

extension BaselineDiff.PlanImpact {
    /// `file:line`, the form editors and CI logs link to (the file alone when the line is not known).
    var location: String { line.map { "\(file):\($0)" } ?? file }
}
