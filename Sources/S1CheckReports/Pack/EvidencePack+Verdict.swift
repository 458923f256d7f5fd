import S1CheckCore

// The evidence pack, section 1. The verdict and what blocks the release: the head, the deviations, the blockers. See EvidencePack.swift for the layout.
extension EvidencePack {
    public func head(_ outcome: RunOutcome, omitted: Int) -> [UInt8] {
        let run = settings
        var w = Syntax(capacity: 1 << 14)
        let verdict = Gate.verdict(outcome)
        w.beginDocument(title: "s1check evidence pack: SMETS1 variation test plans",
                        running: "s1check evidence pack · \(verdict) · \(BaselineText.label(run)) · as of \(run.asOf)")
        w.verdict(Self.tone(outcome)) { w in
            w.strong { $0.text(verdict) }
            w.text(": \(outcome.planCount) plan\(outcome.planCount == 1 ? "" : "s") checked against \(BaselineText.label(run)) as of \(run.asOf): ")
            w.text(Gate.planCounts(outcome.tally))
            if let tests = ExecutionText.verdictClause(outcome.execution) { w.text("; \(tests)") }
            w.text(" (exit status \(outcome.exitCode)).")
        }
        w.paragraph { w in
            w.strong { $0.text("What a PASS shows:") }
            w.text(" the plans' declared baseline agrees with TBRD \(run.baseline.baseline.tbrd.version)"
                   + (run.scope.map { " and the cells of the release scope \($0.source.file) are covered" } ?? "")
                   + (outcome.execution == nil ? "; it does not show that the tests ran or passed: test execution was not checked."
                        : ", and each plan's linked tests in the results given (--results) ran and passed."))
        }
        if let note = BaselineText.supersededNote(run) { w.paragraph { $0.strong { $0.text("Later TBRD:") }; $0.text(" ", note) } }
        w.beginFacts()
        let tally = outcome.tally
        w.fact("Findings") { $0.text(Gate.findingCounts(tally)) }
        w.fact("Deviations") { $0.text(Gate.deviationCounts(tally)) }
        w.fact("As of") { $0.text("\(run.asOf) (the date waivers are judged against)") }
        w.fact("Strict") { $0.text(run.strict ? "yes: warnings fail the run" : "no") }
        w.fact("Device eligibility") { w in
            if let r = run.registrySource {
                w.text("checked against ", r.file)
                // The registry is an input, not a seed: its own word on what its entries are.
                w.text(run.registry?.note.map { "; its note: “\($0)”" } ?? "; it gives no note on where its entries come from")
            } else { w.strong { $0.text("not checked") }; w.text(" (no device registry given)") }
        }
        if let x = outcome.execution {
            w.fact("Test execution") { w in
                w.text(ExecutionText.summary(x, plans: outcome.planCount - outcome.inputErrorCount))
                for f in x.files { w.text("; ", f.file, " SHA-256 "); w.code(f.sha256) }
                for extra in [ExecutionText.unlinked(x), ExecutionText.unknownPlans(x)].compactMap({ $0 }) { w.text("; ", extra) }
            }
        }
        w.fact("Policy") { w in
            w.text(PolicyText.label(run) ?? "none (every rule at its own level, no shared waiver)")
            if let p = run.policySource { w.text(", SHA-256 "); w.code(p.sha256) }
        }
        let lowered = run.policy.levels.filter { $0.value != .deny }.sorted { $0.key < $1.key }
        if !lowered.isEmpty {
            w.fact("Rules lowered by policy") { $0.text(lowered.map { "\($0.key) (\($0.value.rawValue))" }.joined(separator: ", ")) }
        }
        w.fact("Tool") { $0.text("\(ToolInfo.name) \(ToolInfo.version)") }
        w.endTable()
        deviations(&w, outcome)
        return w.finish()
    }

    /// The deviations, on the first screen: each finding a waiver, an exclusion or a policy level took off
    /// its own level, with who approved it (docs/verdicts.md, "Deviations").
    func deviations(_ w: inout Syntax, _ outcome: RunOutcome) {
        let notes = outcome.deviationNotes
        let cells = outcome.coverage?.cells.filter { $0.finding.status == .waived } ?? []
        guard !notes.isEmpty || !cells.isEmpty else { return }
        let total = outcome.tally.deviations
        w.heading(3, id: nil) { $0.text("Deviations: \(total) (a team's decisions, not conformity)") }
        w.beginTable(["Plan", "Check", "Own level", "Taken off by", "Approved by"], kind: .list)
        for n in notes {
            w.beginRow()
            w.cell(n.plan); w.cell(n.check); w.cell(n.originalStatus.rawValue)
            if n.kind == .policy {
                w.cell("policy level \(n.level ?? "")")
                w.cell { w in w.text("policy file \(settings.policySource?.file ?? "")"); if let s = settings.policySource?.sha256 { w.text(", SHA-256 "); w.code(s) } }
            } else {
                w.cell("waiver: " + (n.reason ?? ""))
                Self.approverCell(&w, n.approvedBy)
            }
            w.endRow()
        }
        for c in cells {
            w.beginRow()
            w.cell(outcome.coverage?.file ?? ""); w.cell(c.finding.check); w.cell("fail")
            w.cell("exclusion: " + (c.finding.waiver?.reason ?? ""))
            Self.approverCell(&w, c.finding.waiver?.approvedBy)
            w.endRow()
        }
        w.endTable()
        let listed = notes.count + cells.count
        if listed < total { w.paragraph("… and \(total - listed) more, each in its plan's section below.") }
    }

    public func lead(_ stream: Int, _ outcome: RunOutcome, kept: [Int]) -> [UInt8] {
        var w = Syntax(capacity: 1 << 12)
        let has = { (s: Stream) in kept[s.rawValue] > 0 }
        switch Stream(rawValue: stream)! {
        case .failures:
            w.beginSection(id: "blockers", title: "What blocks the release", newPage: false)
            w.paragraph(Self.blockersIntro(outcome, strict: settings.strict))
            let fails = outcome.tally.findings[.fail]
            w.heading(3, id: nil) { w in
                w.text("Failures: \(fails) finding\(fails == 1 ? "" : "s")")
                if outcome.inputErrorCount > 0 { w.text(" and \(outcome.inputErrorCount) unreadable plan\(outcome.inputErrorCount == 1 ? "" : "s")") }
            }
            if has(.failures) { w.beginTable(Self.blockerColumns, kind: .list) } else { w.paragraph("None.") }
        case .warnings:
            if has(.failures) { w.endTable() }
            let warns = outcome.tally.findings[.warn]
            w.heading(3, id: nil) { $0.text("Warnings: \(warns) finding\(warns == 1 ? "" : "s")") }
            if settings.strict && warns > 0 { w.paragraph("Under --strict each of these fails the run.") }
            if has(.warnings) { w.beginTable(Self.blockerColumns, kind: .list) } else { w.paragraph("None.") }
        case .waivers:
            if has(.warnings) { w.endTable() }
            w.endSection()
            coverage(&w, outcome)
            // A new printed page only when there is more to it than a line or two.
            w.beginSection(id: "waivers", title: "Waivers and exclusions", newPage: has(.waivers) || settings.policySource != nil)
            sharedWaivers(&w, outcome)
            w.heading(3, id: nil) { $0.text("Waivers in plans") }
            if has(.waivers) {
                w.beginTable(["Plan", "Waiver", "Reason", "Approved by", "Expires", "State", "Where"], kind: .list)
            } else {
                w.paragraph("No plan has a waiver.")
            }
        case .plans:
            if has(.waivers) { w.endTable() }
            w.endSection()
            baselineAndInputs(&w, outcome)
            w.beginSection(id: "plans", title: "Plans", newPage: true)
        }
        return w.finish()
    }

    /// How the pack labels a fact that is not in the seeds it embeds (DCC's Depth and Breadth of Testing,
    /// SEC F2.10A, the SVTAD's DMCT process), wherever it names one (README, "The release level").
    static var outsideTheSeeds: String { "from DCC's and SECCo's public pages, not from the TBRD or the SEC documents embedded" }

    static var blockerColumns: [String] { ["Plan", "Check", "Why", "Clause", "Where"] }

    static func blockersIntro(_ outcome: RunOutcome, strict: Bool) -> String {
        if outcome.noPlanFound { return "No plan was found to check: the run is an input error." }
        switch outcome.exitCode {
        case 0:
            if outcome.tally.deviations > 0 {
                return "Nothing fails, but \(Gate.deviations(outcome.tally.deviations)) (above) pass only by a team's decision, not by conformity: a reviewer signs each off."
                    + (outcome.hasWarnings ? " The warnings below are to be resolved or accepted." : "")
            }
            return outcome.hasWarnings ? "Nothing fails. The warnings below are to be resolved or accepted by the reviewer." : "Nothing: every plan passes every check."
        case 1: return strict && outcome.plans(withStatus: .fail) == 0 && outcome.inputErrorCount == 0
            ? "The warnings below fail the run (--strict)." : "The release is blocked by every failure below; the warnings are to be resolved or accepted."
        default: return "Some plans could not be read, so nothing in them was checked: the run is an input error."
        }
    }

    static func tone(_ outcome: RunOutcome) -> PackTone { outcome.exitCode != 0 ? .fail : outcome.hasWarnings ? .warn : .pass }

    static func location(_ file: String, _ line: Int?) -> String { line.map { "\(file):\($0)" } ?? file }

    /// A file's rows of the failures or warnings table: its findings of that status, whatever the file.
    func blockerRows(_ w: inout Syntax, _ p: FileResult, _ status: Status) -> Int {
        var n = 0
        func row(_ check: String, _ why: (inout Syntax) -> Void, _ clause: String, _ line: Int?) {
            w.beginRow()
            w.cell { $0.link(to: Self.section(of: p)) { $0.text(p.id ?? p.file) } }
            w.cell(check)
            w.cell(why)
            w.cell(clause)
            w.cell(Self.location(p.file, line))
            w.endRow()
            n += 1
        }
        for f in p.findings where f.status == status {
            // An input error rests on the plan format, not on a clause of the baseline.
            if f.inputError != nil { row(f.check, { $0.text(f.message) }, "the plan format (Plans/schemas/plan.schema.json)", f.line); continue }
            row(f.check, { Self.why(&$0, f) }, f.clause, f.line)
        }
        return n
    }
}
