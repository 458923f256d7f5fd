import S1CheckCore

/// The machine-readable report (`--json`): every check made, passes included, as the README describes
/// (`baseline`, `plans[].findings[]`, `summary`), plus provenance.
public struct JSONReport: ReportRenderer {
    let settings: RunSettings

    public init(settings: RunSettings) { self.settings = settings }

    public static var separator: [UInt8] { Array(",".utf8) }
    /// Everything before the plans is known before the first plan is checked.
    public static var headNeedsOutcome: Bool { false }

    /// Depth of the `plans` array's items: inside the root object and the array.
    static let planDepth = 2

    public func head(_ outcome: RunOutcome, omitted: Int) -> [UInt8] {
        let run = settings
        var w = JSONWriter()
        w.beginObject()
        w.beginObject("tool"); w.string("name", ToolInfo.name); w.string("version", ToolInfo.version); w.endObject()
        w.string("asOf", run.asOf.description)
        w.bool("strict", run.strict)
        w.bool("keepGoing", run.keepGoing)
        JSONReport.writeBaseline(&w, run)
        w.beginObject("devices")
        w.bool("checked", run.registrySource != nil)
        if let r = run.registrySource { w.string("file", r.file); w.string("sha256", r.sha256) }
        w.endObject()
        w.beginArray("plans")
        return w.out.finish()
    }

    public func section(_ plan: PlanResult) -> ReportSection {
        var w = JSONWriter(itemAt: JSONReport.planDepth, first: true, out: TextBuffer(capacity: 1 << 13))
        JSONReport.writePlan(&w, plan)
        return ReportSection(w.out.finish())
    }

    public func tail(_ outcome: RunOutcome, omitted: Int) -> [UInt8] {
        var w = JSONWriter(insideArrayAt: JSONReport.planDepth, hasItems: outcome.planCount > 0)
        w.endArray()
        w.stringArray("passedOver", settings.passedOver)
        w.beginObject("summary")
        w.number("plans", outcome.planCount)
        for s in [Status.pass, .warn, .fail] { w.number(s.rawValue, outcome.plans(withStatus: s)) }
        w.number("inputErrors", outcome.inputErrorCount)
        w.beginObject("findings")
        for s in Status.allCases { w.number(s.rawValue, outcome.findings(withStatus: s)) }
        w.endObject()
        w.string("result", ReportFacts.runVerdict(outcome))
        w.number("exitCode", Int(outcome.exitCode))
        w.endObject()
        w.endObject()
        return w.finish()
    }

    static func writeBaseline(_ w: inout JSONWriter, _ run: RunSettings) {
        let b = run.baseline.baseline
        w.beginObject("baseline")
        w.string("file", run.baselineSource.file)
        w.string("sha256", run.baselineSource.sha256)
        w.beginObject("tbrd")
        w.string("version", b.tbrd.version.description); w.string("date", b.tbrd.date.description)
        w.string("title", b.tbrd.title); w.string("publisher", b.tbrd.publisher)
        w.endObject()
        w.string("sec", b.sec.description)
        w.string("svtad", b.svtad.description)
        writeArtefacts(&w, run.baseline.versioned(for: nil))
        w.endObject()
    }

    /// The resolved artefact list; shared with `s1check baseline --format json`.
    public static func writeArtefacts(_ w: inout JSONWriter, _ artefacts: [ResolvedArtefact]) {
        w.beginArray("artefacts")
        for a in artefacts {
            w.beginObject()
            w.string("document", a.ref.description)
            w.string("title", a.title)
            w.string("version", a.version?.description)
            // Every relevant version: several where versions in legal effect sit side by side.
            w.stringArray("versions", a.relevant.map(\.description))
            if !a.datedIssues.isEmpty { w.stringArray("datedIssues", a.datedIssues.map(\.description)) }
            w.string("origin", a.origin?.key)
            w.string("from", a.originSummary)
            if a.phases != nil { w.stringArray("phases", a.phases!.map(\.rawValue)) }
            if let c = a.consultation {
                w.beginObject("consultation")
                w.string("version", c.version.description)
                w.beginArray("notes")
                for n in c.notes {
                    w.beginObject()
                    w.string("what", n.what)
                    if let o = n.opened { w.string("opened", o.description) }
                    if let c = n.closed { w.string("closed", c.description) }
                    if let r = n.reference { w.string("reference", r) }
                    w.endObject()
                }
                w.endArray()
                w.beginArray("events")
                for e in c.events {
                    w.beginObject()
                    w.string("date", e.date.description)
                    w.string("what", e.what)
                    if let p = e.phases { w.stringArray("phases", p.map(\.rawValue)) }
                    w.endObject()
                }
                w.endArray()
                w.endObject()
            }
            w.endObject()
        }
        w.endArray()
    }

    static func writePlan(_ w: inout JSONWriter, _ p: PlanResult) {
        w.beginObject()
        w.string("id", p.id)
        w.string("file", p.file)
        w.string("sha256", p.sha256)
        w.string("status", p.status.rawValue)
        if let plan = p.plan {
            w.string("title", plan.title)
            w.string("phase", plan.phase.rawValue)
            w.string("tbrd", plan.tbrdText)
        }
        if !p.inputErrors.isEmpty {
            w.beginArray("inputErrors")
            for e in p.inputErrors {
                w.beginObject()
                w.string("path", e.path ?? "$")
                if let pos = e.position { w.number("line", pos.line); w.number("column", pos.column) }
                w.string("message", e.message)
                w.endObject()
            }
            w.endArray()
        }
        w.beginArray("findings")
        for f in p.findings {
            // One line per finding: easy to grep and diff, and a quarter smaller than fully indented.
            w.beginCompactObject()
            w.string("check", f.check)
            w.string("rule", f.rule.id)
            w.string("status", f.status.rawValue)
            w.string("document", ReportFacts.document(f))
            if let s = f.subject, ReportFacts.document(f) != s { w.string("subject", s) }
            w.string("declared", f.declared)
            w.string("expected", f.expected)
            w.string("message", f.message)
            w.string("clause", f.clause)
            if let line = f.line { w.number("line", line) }
            if let waiver = f.waiver {
                w.beginObject("waiver")
                w.string("reason", waiver.reason)
                w.string("expires", waiver.expires?.description)
                w.string("originalStatus", waiver.originalStatus.rawValue)
                w.endObject()
            }
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }
}
