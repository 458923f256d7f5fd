import S1CheckCore

/// The machine-readable report (`--json`): every check made, passes included, as docs/reports.md describes
/// (`baseline`, `plans[].findings[]`, `summary`), plus provenance. Its shape is
/// `Plans/schemas/report.schema.json`, versioned by `formatVersion`.
///
/// One convention for absent values: every key of an object is always written, and a value that does not
/// apply is `null` (lists are empty instead), so a reader never has to know which keys may be missing.
public struct JSONReport: ReportRenderer {
    let settings: RunSettings

    public init(settings: RunSettings) { self.settings = settings }

    public static var separator: [UInt8] { Array(",".utf8) }
    /// Everything before the plans is known before the first plan is checked.
    public static var headNeedsOutcome: Bool { false }

    /// Depth of the `plans` array's items: inside the root object and the array.
    static let planDepth = 2

    /// The report's shape: the major number changes when a reader of the old shape would misread the new
    /// one, the minor number when keys or values are only added.
    public static let formatVersion = "1.6"

    /// A plan's status in the report: its verdict, or `input-error` for a file that could not be read
    /// (so the plans' statuses add up to the summary's counts).
    static func status(_ p: FileResult) -> String { p.kind == .unreadable ? "input-error" : p.status.rawValue }

    public func head(_ outcome: RunOutcome, omitted: Int) -> [UInt8] { opening() }

    public func opening() -> [UInt8] {
        let run = settings
        var w = JSONWriter()
        w.beginObject()
        w.string("formatVersion", JSONReport.formatVersion)
        w.beginObject("tool"); w.string("name", ToolInfo.name); w.string("version", ToolInfo.version); w.endObject()
        w.string("asOf", run.asOf.description)
        w.bool("strict", run.strict)
        w.bool("keepGoing", run.keepGoing)
        JSONReport.writeBaseline(&w, run)
        w.beginObject("devices")
        w.bool("checked", run.registrySource != nil)
        w.string("file", run.registrySource?.file)
        w.string("sha256", run.registrySource?.sha256)
        w.endObject()
        JSONReport.writePolicy(&w, run)
        w.beginArray("plans")
        return w.out.finish()
    }

    public func section(_ plan: FileResult) -> ReportSection {
        // `plans` lists the plans (read or not); the run-level results have their own keys, written in the
        // tail from `RunOutcome.runResults`: the scope's cells are `coverage`, the policy's findings
        // the summary's `unusedSharedWaivers`.
        guard plan.kind == .plan || plan.kind == .unreadable else { return ReportSection([], items: 0) }
        var w = JSONWriter(itemAt: JSONReport.planDepth, first: true, out: TextBuffer(capacity: 1 << 13))
        JSONReport.writePlan(&w, plan)
        return ReportSection(w.out.finish())
    }

    public func tail(_ outcome: RunOutcome, omitted: Int) -> [UInt8] {
        var w = JSONWriter(insideArrayAt: JSONReport.planDepth, hasItems: outcome.planCount > 0)
        w.endArray()
        w.stringArray("passedOver", settings.passedOver)
        writeCoverage(&w, outcome)
        JSONReport.writeRunExecution(&w, outcome.execution, passedOver: settings.results?.passedOver ?? [],
                                     plans: outcome.planCount - outcome.inputErrorCount)
        w.beginObject("summary")
        w.number("plans", outcome.planCount)
        for s in [Status.pass, .warn, .fail] { w.number(s.rawValue, outcome.plans(withStatus: s)) }
        w.number("input-error", outcome.inputErrorCount)
        // Every finding of the run (the scope's cells and the run's own included), as every report counts them.
        w.tallyFields(outcome.tally, order: Status.allCases)
        // Shared waivers of the policy that waived nothing in any plan: warnings of the run.
        w.beginArray("unusedSharedWaivers")
        for r in outcome.runResults where r.kind == .policy {
            for f in r.findings {
                w.beginCompactObject(); w.string("file", r.file); w.number("line", f.line); w.string("message", f.message); w.endObject()
            }
        }
        w.endArray()
        w.string("result", Gate.verdict(outcome))
        w.number("exitCode", Int(outcome.exitCode))
        w.endObject()
        w.endObject()
        return w.finish()
    }

    /// The release scope's coverage: every cell with its verdict; null without `--scope`.
    func writeCoverage(_ w: inout JSONWriter, _ outcome: RunOutcome) {
        guard let c = outcome.coverage else { w.null("coverage"); return }
        w.beginObject("coverage")
        w.string("file", c.file)
        w.string("sha256", c.sha256)
        w.string("release", c.scope.release)
        w.string("tbrd", c.scope.tbrd?.description)
        w.string("status", c.status.rawValue)
        w.beginArray("cells")
        for r in c.cells {
            w.beginCompactObject()
            w.string("phase", r.cell.phase.rawValue)
            w.string("combination", r.cell.combination)
            w.stringArray("deviceModels", settings.registry?.combination(id: r.cell.combination)?.deviceModels ?? [])
            w.string("testType", r.cell.testType.rawValue)
            w.string("installationType", r.cell.installationType.rawValue)
            w.string("status", r.finding.status.rawValue)
            w.string("outcome", r.kind)
            w.stringArray("plans", r.plans)
            // What the cell rests on, when it is a team's decision: kept with its reason and approver.
            switch r.outcome {
            case .equivalent(let e, _), .unapprovedEquivalent(let e, _), .onlyWarning(_, let e?):
                w.string("coveredBy", e.coveredBy); w.string("reason", e.reason); w.string("approvedBy", e.approvedBy); w.null("expires")
            case .excluded(let x), .invalidExclusion(let x, _):
                w.null("coveredBy"); w.string("reason", x.reason); w.string("approvedBy", x.approvedBy); w.string("expires", x.expires?.description)
            default:
                w.null("coveredBy"); w.null("reason"); w.null("approvedBy"); w.null("expires")
            }
            w.string("message", r.finding.message)
            w.string("clause", r.finding.clause)
            w.number("line", r.finding.line)
            w.endObject()
        }
        w.endArray()
        w.beginArray("plansCoveringNoCell")
        for u in c.uncovering {
            w.beginCompactObject(); w.string("id", u.id); w.string("file", u.file); w.string("why", u.why); w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    /// The policy file (levels and shared waivers); null when the run had none.
    static func writePolicy(_ w: inout JSONWriter, _ run: RunSettings) {
        guard let source = run.policySource else { w.null("policy"); return }
        w.beginObject("policy")
        w.string("file", source.file)
        w.string("sha256", source.sha256)
        w.beginObject("levels")
        for (rule, level) in run.policy.levels.sorted(by: { $0.key < $1.key }) { w.string(rule, level.rawValue) }
        w.endObject()
        w.beginArray("waivers")
        for (i, waiver) in run.policy.waivers.enumerated() {
            w.beginCompactObject()
            w.string("rule", waiver.rule)
            w.string("document", waiver.documentRef?.description ?? waiver.document)
            w.string("reason", waiver.reason)
            w.string("expires", waiver.expires?.description)
            w.string("approvedBy", waiver.approvedBy)
            w.number("line", run.policy.waiverLines[i])
            w.endObject()
        }
        w.endArray()
        w.endObject()
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
        w.bool("mayBeSuperseded", BaselineText.mayBeSuperseded(run))
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
            w.stringArray("datedIssues", a.datedIssues.map(\.description))
            w.string("origin", a.origin?.key)
            w.string("from", a.originSummary)
            writePhases(&w, a.phases)
            if let c = a.consultation {
                w.beginObject("consultation")
                w.string("version", c.version.description)
                w.beginArray("notes")
                for n in c.notes {
                    w.beginObject()
                    w.string("what", n.what)
                    w.string("opened", n.opened?.description)
                    w.string("closed", n.closed?.description)
                    w.string("reference", n.reference)
                    w.endObject()
                }
                w.endArray()
                w.beginArray("events")
                for e in c.events {
                    w.beginObject()
                    w.string("date", e.date.description)
                    w.string("what", e.what)
                    writePhases(&w, e.phases)
                    w.endObject()
                }
                w.endArray()
                w.endObject()
            } else {
                w.null("consultation")
            }
            w.endObject()
        }
        w.endArray()
    }

    /// The phases something applies to; null when it applies to all.
    static func writePhases(_ w: inout JSONWriter, _ phases: [Phase]?) {
        if let phases { w.stringArray("phases", phases.map(\.rawValue)) } else { w.null("phases") }
    }

    static func writePlan(_ w: inout JSONWriter, _ p: FileResult) {
        w.beginObject()
        w.string("id", p.id)
        w.string("file", p.file)
        w.string("sha256", p.sha256.isEmpty ? nil : p.sha256)
        w.string("status", status(p))
        w.number("deviations", p.tally.deviations)
        w.string("title", p.plan?.title)
        w.string("phase", p.plan?.phase.rawValue)
        w.string("tbrd", p.plan?.tbrdText)
        w.beginArray("inputErrors")
        for f in p.findings {
            guard let e = f.inputError else { continue }
            w.beginObject()
            w.string("path", e.path ?? "$")
            w.number("line", e.position?.line)
            w.number("column", e.position?.column)
            w.string("message", e.message)
            w.endObject()
        }
        w.endArray()
        w.beginArray("findings")
        for f in p.findings where f.inputError == nil {
            // One line per finding: easy to grep and diff, and a quarter smaller than fully indented.
            w.beginCompactObject()
            w.string("check", f.check)
            w.string("rule", f.rule.id)
            w.string("status", f.status.rawValue)
            w.string("document", f.documentName)
            w.string("subject", f.subject)
            w.string("declared", f.declared)
            w.string("expected", f.expected)
            w.string("message", f.message)
            w.string("clause", f.clause)
            w.string("hint", f.hint)
            w.number("line", f.line)
            if let waiver = f.waiver {
                w.beginObject("waiver")
                w.string("reason", waiver.reason)
                w.string("expires", waiver.expires?.description)
                w.string("originalStatus", waiver.originalStatus.rawValue)
                w.string("approvedBy", waiver.approvedBy)
                w.endObject()
            } else {
                w.null("waiver")
            }
            if let level = f.level {
                w.beginObject("policy")
                w.string("level", level.level.rawValue)
                w.string("originalStatus", level.originalStatus.rawValue)
                w.endObject()
            } else {
                w.null("policy")
            }
            w.endObject()
        }
        w.endArray()
        writePlanExecution(&w, p.execution)
        w.endObject()
    }
}
