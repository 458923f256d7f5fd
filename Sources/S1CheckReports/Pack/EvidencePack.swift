import S1CheckCore

/// The SVTAD evidence pack (`--markdown`, `--html`), laid out once for both formats, verdict first:
///
/// 1. the verdict, and what blocks the release: every failure, then every warning, each with its plan,
///    check, clause and file:line;
/// 2. the coverage of the release scope (when one is given);
/// 3. waivers and exclusions, with reason, approver and expiry;
/// 4. the baseline and the inputs, with their SHA-256;
/// 5. each plan: its devices, its findings that are not passes, its passes as a count with the list folded;
/// 6. a sign-off block;
/// 7. the command that reproduces the run.
///
/// The failures, warnings, waivers and plans come from each plan as it is checked, so each is a stream of
/// its own (see `ReportRenderer`), between the leads that open and close its table.
public struct EvidencePack<Syntax: PackSyntax>: ReportRenderer {
    let settings: RunSettings
    /// The registry's device models by id, to name a combination's members.
    let models: [String: DeviceRegistry.Model]

    enum Stream: Int, CaseIterable {
        case failures, warnings, waivers, plans
    }

    public static var streams: Int { Stream.allCases.count }

    public init(settings: RunSettings) {
        self.settings = settings
        var models: [String: DeviceRegistry.Model] = [:]
        for m in settings.registry?.deviceModels ?? [] where models[m.id] == nil { models[m.id] = m }
        self.models = models
    }

    public func section(_ plan: PlanResult) -> ReportSection {
        var parts: [[UInt8]] = [], items: [Int] = []
        for stream in Stream.allCases {
            var w = Syntax(capacity: stream == .plans ? 1 << 12 : 1 << 9)
            switch stream {
            case .failures: items.append(blockerRows(&w, plan, .fail))
            case .warnings: items.append(blockerRows(&w, plan, .warn))
            case .waivers: items.append(waiverRows(&w, plan))
            // The scope's cells are rows of the blockers and of the coverage section, not a plan.
            case .plans: if plan.isScope { items.append(0) } else { planSection(&w, plan); items.append(1) }
            }
            parts.append(w.finish())
        }
        return ReportSection(parts: parts, items: items)
    }

    // MARK: 1. The verdict and what blocks the release

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
            w.text(" (exit status \(outcome.exitCode)).")
        }
        w.paragraph { w in
            w.strong { $0.text("What a PASS shows:") }
            w.text(" the plans' declared baseline agrees with TBRD \(run.baseline.baseline.tbrd.version)"
                   + (run.scope.map { " and the cells of the release scope \($0.source.file) are covered" } ?? "")
                   + "; it does not show that the tests ran or passed: test execution was not checked.")
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
            let unused = PolicyText.unusedSharedWaivers(settings, outcome).count
            let warns = outcome.tally.findings[.warn]
            w.heading(3, id: nil) { $0.text("Warnings: \(warns) finding\(warns == 1 ? "" : "s")") }
            if settings.strict && warns > 0 { w.paragraph("Under --strict each of these fails the run.") }
            if has(.warnings) || unused > 0 { w.beginTable(Self.blockerColumns, kind: .list) } else { w.paragraph("None.") }
        case .waivers:
            let unused = PolicyText.unusedSharedWaivers(settings, outcome)
            for u in unused {
                w.row("policy", u.label, u.message, WaiverRule.description.clause, Self.location(u.file, u.line))
            }
            if has(.warnings) || !unused.isEmpty { w.endTable() }
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

    /// A plan's rows of the failures (input errors, then failing findings) or warnings table.
    func blockerRows(_ w: inout Syntax, _ p: PlanResult, _ status: Status) -> Int {
        var n = 0
        func row(_ check: String, _ why: (inout Syntax) -> Void, _ clause: String, _ line: Int?) {
            w.beginRow()
            w.cell { $0.link(to: p.isScope ? "coverage" : Self.anchor(p)) { $0.text(p.id ?? p.file) } }
            w.cell(check)
            w.cell(why)
            w.cell(clause)
            w.cell(Self.location(p.file, line))
            w.endRow()
            n += 1
        }
        if status == .fail {
            for (i, e) in p.inputErrors.enumerated() {
                row(Fingerprint.inputErrorCheck(i), { $0.text("\(e.path ?? "$"): \(e.message)") }, "the plan format (Plans/schemas/plan.schema.json)", e.position?.line)
            }
        }
        for f in p.findings where f.status == status { row(f.check, { Self.why(&$0, f) }, f.clause, f.line) }
        return n
    }

    // MARK: 2. Coverage of the release scope

    /// The coverage matrix of the release scope (`--scope`): per phase, combinations as rows (with their
    /// device models), test type × installation type as columns, each cell naming the plans that cover it,
    /// the equivalent it is covered through (SEC F2.10A), its exclusion (the SVTAD's DMCT process), or the
    /// gap; then the exclusions with reason, approver and expiry, and the plans that cover no cell.
    func coverage(_ w: inout Syntax, _ outcome: RunOutcome) {
        guard let c = outcome.coverage else { return }
        w.beginSection(id: "coverage", title: "Coverage of the release scope", newPage: true)
        let t = c.tally
        w.paragraph { w in
            w.text("Release ")
            w.strong { $0.text(c.scope.release) }
            w.text(" (\(c.file), SHA-256 "); w.code(c.sha256); w.text(", prepared against TBRD \(c.scope.tbrd?.description ?? "(not stated)")): \(c.cells.count) cell\(c.cells.count == 1 ? "" : "s"), ")
            w.text("\(t.covered) covered, \(t.equivalent) through an equivalent combination, \(t.excluded) excluded, ")
            w.text("\(t.warned) only with warnings, \(t.notCovered) not covered. Coverage: ")
            w.status(Gate.statusWord(c.status), Self.tone(c.status))
            w.text(".")
        }
        w.paragraph("The scope file is the basis of coverage: its cells are what the release must cover, and no more. Splitting testing by combination, test type and installation type (DCC's Depth and Breadth of Testing), equivalent combinations (SEC F2.10A) and exclusions (the SVTAD's DMCT process) are "
                    + Self.outsideTheSeeds + ".")
        for phase in Phase.allCases {
            let cells = c.cells.filter { $0.cell.phase == phase }
            guard !cells.isEmpty else { continue }
            var columns: [(TestType, InstallationType)] = []
            let combinations = cells.map(\.cell.combination).distinctInOrder()  // linear in the cells (issue 26)
            for r in cells {
                if !columns.contains(where: { $0 == (r.cell.testType, r.cell.installationType) }) { columns.append((r.cell.testType, r.cell.installationType)) }
            }
            columns.sort { ($0.0, $0.1) < ($1.0, $1.1) }
            var byKey: [String: CellResult] = [:]
            for r in cells { byKey["\(r.cell.combination)|\(r.cell.testType.rawValue)|\(r.cell.installationType.rawValue)"] = r }
            w.heading(3, id: nil) { $0.text("\(phase.rawValue): \(settings.baseline.baseline.phaseNames[phase] ?? phase.rawValue)") }
            w.beginTable(["Combination"] + columns.map { "\($0.0.rawValue) · \($0.1.rawValue)" }, kind: .list)
            for combination in combinations {
                w.beginRow()
                w.cell(self.combination(combination))
                for (t, i) in columns {
                    guard let r = byKey["\(combination)|\(t.rawValue)|\(i.rawValue)"] else { w.cell("not in scope"); continue }
                    w.cell { w in Self.coverageCell(&w, r) }
                }
                w.endRow()
            }
            w.endTable()
        }
        if !c.scope.exclusions.isEmpty {
            w.heading(3, id: nil) { $0.text("Exclusions (the SVTAD's DMCT process, \(Self.outsideTheSeeds))") }
            w.beginTable(["Combination", "Cells", "Reason", "Approved by", "Expires"], kind: .list)
            for x in c.scope.exclusions {
                w.beginRow()
                w.cell(self.combination(x.combination))
                w.cell([x.phase?.rawValue ?? "every phase", x.testType?.rawValue ?? "every test type", x.installationType?.rawValue ?? "every installation type"].joined(separator: " · "))
                w.cell(x.reason ?? "(no reason given)")
                Self.approverCell(&w, x.approvedBy)
                w.cell(x.expires?.description ?? "no expiry")
                w.endRow()
            }
            w.endTable()
        }
        if !c.scope.equivalents.isEmpty {
            w.heading(3, id: nil) { $0.text("Equivalent combinations (SEC F2.10A, \(Self.outsideTheSeeds))") }
            w.beginList()
            for e in c.scope.equivalents {
                w.item { w in
                    w.text("\(self.combination(e.combination)) is covered by the testing of \(self.combination(e.coveredBy))" + (e.reason.map { ": \($0)" } ?? "") + "; approved by ")
                    if let a = e.approvedBy { w.text(a) } else { w.strong { $0.text("nobody: not counted") } }
                }
            }
            w.endList()
            w.paragraph("SEC F2.10A (" + Self.outsideTheSeeds + "): its \"a different combination that the DCC considers to be substantively equivalent\" is about adding a combination to the SMETS1 Eligible Product Combinations list; carrying it over to release coverage is the team's decision, so each equivalent needs an approver.")
        }
        w.heading(3, id: nil) { $0.text("Plans that cover no cell") }
        if c.uncovering.isEmpty { w.paragraph("None: every plan of the run covers a cell of the scope.") } else {
            w.beginList()
            for u in c.uncovering { w.item { $0.text("\(u.id) (\(u.file)): \(u.why)") } }
            w.endList()
        }
        w.endSection()
    }

    /// One cell of the matrix: its status word and what covers (or does not cover) it.
    static func coverageCell(_ w: inout Syntax, _ r: CellResult) {
        w.status(Gate.statusWord(r.finding.status), tone(r.finding.status))
        switch r.outcome {
        case .covered(let plans): w.text(" " + CoverageAccumulator.list(plans))
        case .equivalent(let e, let plans): w.text(" through \(e.coveredBy): " + CoverageAccumulator.list(plans))
        case .excluded: w.text(" excluded")
        case .invalidExclusion: w.text(" exclusion not valid")
        case .onlyWarning(let plans, let e): w.text(" only plans that warn" + (e.map { " through \($0.coveredBy)" } ?? "") + ": " + CoverageAccumulator.list(plans))
        case .unapprovedEquivalent(let e, _): w.text(" through \(e.coveredBy), not approved")
        case .onlyFailing(let plans): w.text(" only failing plans: " + CoverageAccumulator.list(plans))
        case .gap: w.text(" no plan")
        }
    }

    // MARK: 3. Waivers and exclusions

    /// The policy's shared waivers: reason, approver, expiry, and the plans each waived something in.
    func sharedWaivers(_ w: inout Syntax, _ outcome: RunOutcome) {
        let policy = settings.policy
        guard let source = settings.policySource else { return }
        w.heading(3, id: nil) { $0.text("Shared waivers (", source.file, ")") }
        guard !policy.waivers.isEmpty else { w.paragraph("The policy has no shared waiver."); return }
        w.beginTable(["Shared waiver", "Reason", "Approved by", "Expires", "Plans waived in", "Where"], kind: .list)
        for (i, wv) in policy.waivers.enumerated() {
            w.beginRow()
            w.cell(wv.label)
            w.cell(wv.reason ?? "")
            Self.approverCell(&w, wv.approvedBy)
            w.cell(wv.expires?.description ?? "")
            let uses = outcome.sharedWaiverUses[i], expired = outcome.sharedWaiverExpiries[i]
            w.cell { w in
                if expired > 0 { w.strong { $0.text("expired: \(expired == 1 ? "1 plan fails" : "\(expired) plans fail") on it") } }
                else if uses == 0 { w.strong { $0.text("none: remove it") } }
                else { w.text(String(uses)) }
            }
            w.cell(Self.location(source.file, policy.waiverLines[i]))
            w.endRow()
        }
        w.endTable()
    }

    static func approverCell(_ w: inout Syntax, _ approver: String?) {
        w.cell { w in if let approver { w.text(approver) } else { w.strong { $0.text("not recorded") } } }
    }

    /// A plan's own waivers, each with the state its waiver finding gave it (in use, expired, unused).
    func waiverRows(_ w: inout Syntax, _ p: PlanResult) -> Int {
        guard let plan = p.plan, !plan.waivers.isEmpty else { return 0 }
        // The waiver rule makes one finding per plan waiver, in order, before those of shared waivers.
        let findings = p.findings.filter { $0.rule.id == WaiverRule.description.id && $0.sharedWaiver == nil }
        for (i, wv) in plan.waivers.enumerated() {
            let f = i < findings.count ? findings[i] : nil
            w.beginRow()
            w.cell { $0.link(to: Self.anchor(p)) { $0.text(p.id ?? p.file) } }
            w.cell(wv.label)
            w.cell(wv.reason ?? "(no reason given)")
            Self.approverCell(&w, wv.approvedBy)
            w.cell(wv.expires?.description ?? "no expiry")
            w.cell { w in
                switch f?.status {
                case .pass?: w.text("in use")
                case .fail?: w.status("FAIL", .fail)
                case .warn?: w.status("WARN: waives nothing", .warn)
                default: w.text("")
                }
            }
            w.cell(Self.location(p.file, f?.line))
            w.endRow()
        }
        return plan.waivers.count
    }

    // MARK: 4. The baseline and the inputs

    func baselineAndInputs(_ w: inout Syntax, _ outcome: RunOutcome) {
        let run = settings
        let b = run.baseline.baseline
        w.beginSection(id: "baseline", title: "Baseline and inputs", newPage: true)
        w.heading(3, id: nil) { $0.text("Baseline: the Amended SMETS1 SEC") }
        w.beginFacts()
        w.fact("TBRD") { $0.text("\(b.tbrd.title) v\(b.tbrd.version), \(b.tbrd.date), \(b.tbrd.publisher)") }
        w.fact("SEC") { $0.text("Version \(b.sec)") }
        w.fact("SVTAD (Appendix AK)") { $0.text("Version \(b.svtad)") }
        w.fact("Phases") { $0.text(Phase.allCases.map { "\($0.rawValue) (\(b.phaseNames[$0] ?? ""))" }.joined(separator: ", ")) }
        w.fact("Baseline file") { $0.text(run.baselineSource.file) }
        w.endTable()
        w.paragraph("Resolution rule (TBRD paragraph 3, version by version): each version of an Appendix or Schedule in legal effect is relevant, unless Annex A lists a more recent one, which is relevant in its place. The SEC and its Sections take the SEC version (paragraph 1(i)); Appendix AK the SVTAD version (footnote 1). Documents Annex A lists as currently subject to further consultation and amendment are at their provisional version.")
        Self.artefactTable(&w, run.baseline.versioned(for: nil))
        let unversioned = run.baseline.artefacts.filter { $0.version == nil }
        if !unversioned.isEmpty {
            w.paragraph { w in
                w.text("The baseline gives no version to: ", unversioned.map(\.ref.description).joined(separator: ", "),
                       ". A plan declaring one of these gets unversioned-document (warn).")
                for a in unversioned where !a.datedIssues.isEmpty { w.text(" \(a.ref) (\(a.title)) is \(a.explanation).") }
            }
        }
        Self.consultations(&w, run.baseline)

        w.heading(3, id: nil) { $0.text("Inputs") }
        w.beginTable(["Role", "File", "SHA-256"], kind: .list)
        for source in [run.baselineSource, run.registrySource, run.scope?.source, run.policySource].compactMap({ $0 }) {
            w.beginRow(); w.cell(source.role); w.cell(source.file); w.cell { $0.code(source.sha256) }; w.endRow()
        }
        w.endTable()
        if run.baselineSource.file == EmbeddedBaseline.displayName {
            w.paragraph { $0.text("The embedded baseline's digest can be reproduced with "); $0.code("s1check baseline export | sha256sum"); $0.text(".") }
        }
        if !run.passedOver.isEmpty { w.paragraph { $0.text("Passed over (not named *.plan.json): ", run.passedOver.joined(separator: ", ")) } }
        if run.policySource != nil {
            w.heading(3, id: nil) { $0.text("Policy levels") }
            if run.policy.levels.isEmpty { w.paragraph("Every rule at its own level.") } else {
                w.beginTable(["Rule", "Level"], kind: .list)
                for (rule, level) in run.policy.levels.sorted(by: { $0.key < $1.key }) { w.row(rule, level.rawValue) }
                w.endTable()
            }
        }

        // Worst first: unreadable plans (nothing in them was checked), then fail, warn, pass; plan order
        // within each. Each links to its section.
        w.heading(3, id: nil) { $0.text("Plans checked: \(outcome.planCount), worst first") }
        w.beginTable(["Plan", "Status", "Fail", "Warn", "Waived", "File", "SHA-256"], kind: .list)
        for p in Self.worstFirst(outcome.summaries) {
            w.beginRow()
            w.cell { $0.link(to: Self.anchor(id: p.id, file: p.file)) { $0.text(p.id ?? "(unreadable)") } }
            w.cell { w in
                if p.isInputError { w.status("INPUT ERROR", .fail) } else { w.status(Gate.verdict(p.status, deviations: p.tally.deviations), Self.tone(p.status)) }
            }
            w.cell(String(p.counts[.fail])); w.cell(String(p.counts[.warn])); w.cell(String(p.counts[.waived]))
            w.cell(p.file)
            w.cell { w in if p.sha256.isEmpty { w.text("(unreadable)") } else { w.code(p.sha256) } }
            w.endRow()
        }
        w.endTable()
        w.endSection()
    }

    /// The resolved artefact table; shared with `s1check baseline --format markdown`.
    static func artefactTable(_ w: inout Syntax, _ artefacts: [ResolvedArtefact]) {
        w.beginTable(["Artefact", "Title", "Version", "Where the version comes from", "Phases"], kind: .list)
        for row in BaselineText.artefactRows(artefacts) { w.row(row.artefact, row.title, row.version, row.from, row.phases) }
        w.endTable()
    }

    static func consultations(_ w: inout Syntax, _ baseline: ResolvedBaseline) {
        let items = baseline.artefacts.filter { $0.consultation != nil }
        guard !items.isEmpty else { return }
        w.heading(3, id: nil) { $0.text("Subject to further consultation and amendment") }
        w.beginList()
        for a in items {
            let c = a.consultation!
            w.item { w in
                w.strong { $0.text(a.ref.description) }
                w.text(" (\(a.title)) \(c.version): provisional.")
                // Each note and event is a sentence of its own here (in a finding they follow a parenthesis).
                for text in ConsultationText.lines(c) { w.text(" " + text.prefix(1).uppercased() + text.dropFirst() + ".") }
            }
        }
        w.endList()
    }

    /// Input errors first, then fail, warn, pass; a stable sort, so plan order holds within a status.
    static func worstFirst(_ plans: [PlanSummary]) -> [PlanSummary] {
        func rank(_ p: PlanSummary) -> Int { p.isInputError ? 0 : p.status == .fail ? 1 : p.status == .warn ? 2 : 3 }
        var buckets: [[PlanSummary]] = [[], [], [], []]
        for p in plans { buckets[rank(p)].append(p) }
        return buckets.flatMap { $0 }
    }

    static func tone(_ s: Status) -> PackTone {
        switch s {
        case .fail: return .fail
        case .warn: return .warn
        case .waived: return .waived
        case .pass: return .pass
        }
    }

    // MARK: 5. Each plan

    func planSection(_ w: inout Syntax, _ p: PlanResult) {
        w.heading(3, id: Self.anchor(p)) { w in
            if p.isInputError { w.status("INPUT ERROR", .fail) } else { w.status(Gate.verdict(p.status, deviations: p.tally.deviations), Self.tone(p.status)) }
            w.text(" ", p.id ?? p.file)
            if let t = p.plan?.title { w.text(": ", t) }
        }
        guard let plan = p.plan else {
            w.paragraph { $0.text(p.file, ": this file could not be read as a plan, so nothing in it was checked.") }
            w.beginTable(["Line", "Column", "JSON path", "Problem"], kind: .list)
            for e in p.inputErrors {
                w.row(e.position.map { String($0.line) } ?? "", e.position.map { String($0.column) } ?? "", e.path ?? "$", e.message)
            }
            w.endTable()
            return
        }
        // The phase's name is given once, with the baseline.
        w.paragraph { w in
            w.text("\(plan.phase.rawValue) · TBRD ", plan.tbrdText, " · window ")
            if let win = plan.window { w.text("\(win.start) to \(win.end)") } else { w.text("not given") }
            w.text(" · ", p.file)
        }
        w.paragraph { w in
            w.text("Device models: ", plan.deviceModels.isEmpty ? "none" : plan.deviceModels.map(\.label).joined(separator: "; "))
            w.text(". Combinations: ", plan.combinations.isEmpty ? "none" : plan.combinations.map { combination($0.value) }.joined(separator: "; "), ".")
        }
        // A failure or warning is given in full (why, clause, where) once, in what blocks the release;
        // here it is named.
        let blocking = p.findings.filter { $0.status == .fail || $0.status == .warn }
        if !blocking.isEmpty {
            w.paragraph { w in
                for (n, f) in blocking.enumerated() {
                    if n > 0 { w.text("; ") }
                    w.status(Gate.statusWord(f.status), Self.tone(f.status)); w.text(" ", f.check)
                }
                w.text(": "); w.link(to: "blockers") { $0.text("why") }
            }
        }
        let listed = p.findings.filter { Gate.isListed($0) && $0.status != .fail && $0.status != .warn }
        if !listed.isEmpty {
            // The clause of a failure or warning is in the table of what blocks the release; the others
            // (waived, allowed) say theirs here.
            w.beginTable(["Status", "Check", "Why", "Line"], kind: .list)
            for f in listed { findingRow(&w, f) }
            w.endTable()
        }
        let passes = p.findings.filter { !Gate.isListed($0) }
        if !passes.isEmpty {
            w.folded(summary: "\(passes.count) check\(passes.count == 1 ? "" : "s") pass", items: Self.passItems(passes))
        }
    }

    /// The passes, folded: one item per rule, naming what passed (with the declared value, unless the
    /// subject already ends with it): "artefact-version: SEC 72.0, Appendix AK 10.0", "tbrd-version: 1.24".
    static func passItems(_ passes: [Finding]) -> [String] {
        var order: [String] = [], subjects: [String: [String]] = [:]
        for f in passes {
            let id = f.rule.id
            if subjects[id] == nil { order.append(id); subjects[id] = [] }
            var what = f.subject ?? ""
            if let d = f.declared, !d.isEmpty, !what.hasSuffix(" " + d), what != d { what += what.isEmpty ? d : " " + d }
            if !what.isEmpty { subjects[id]!.append(what) }
        }
        return order.map { id in subjects[id]!.isEmpty ? id : "\(id): " + subjects[id]!.joined(separator: ", ") }
    }

    /// A combination, with its device models when the registry lists it: "DMC-0007 (ESME Example Meters
    /// Ltd EM-100, GSME Example Meters Ltd GM-200)".
    func combination(_ id: String) -> String {
        guard let registry = settings.registry else { return id }
        guard let c = registry.combination(id: id) else { return "\(id) (not in the device registry)" }
        let members = c.deviceModels.map { m in models[m].map { "\($0.type.rawValue) \($0.manufacturer) \($0.model)" } ?? m }
        return "\(id) (\(members.joined(separator: ", ")))"
    }

    func findingRow(_ w: inout Syntax, _ f: Finding) {
        w.beginRow()
        w.cell { $0.status(f.isAllowed ? "PASS (allowed)" : Gate.statusWord(f.status), Self.tone(f.status)) }
        w.cell(f.check)
        w.cell { Self.why(&$0, f) }
        w.cell(f.line.map(String.init) ?? "")
        w.endRow()
    }

    /// Why a finding has its status: its message, the next step, and what a policy or a waiver did.
    static func why(_ w: inout Syntax, _ f: Finding) {
            w.text(f.message)
            if let hint = f.hint { w.text(f.message.hasSuffix(".") ? " " : ". "); w.strong { $0.text("Next step:") }; w.text(" ", hint) }
            if let note = PolicyText.levelNote(f) { w.text(" "); w.strong { $0.text("Policy:") }; w.text(" ", note) }
            if let waiver = f.waiver {
                w.text(" "); w.strong { $0.text("Waived") }
                w.text(" (was \(waiver.originalStatus.rawValue)\(waiver.terms.map { ", \($0)" } ?? "")): ", waiver.reason)
            }
            if f.status != .fail && f.status != .warn { w.text(" "); w.strong { $0.text("Clause:") }; w.text(" ", f.clause) }
    }

    // MARK: 6. Sign-off, 7. the command

    public func tail(_ outcome: RunOutcome, omitted: Int) -> [UInt8] {
        var w = Syntax(capacity: 1 << 11)
        w.endSection()
        w.beginSection(id: "sign-off", title: "Sign-off", newPage: true)
        w.paragraph("By signing, each person confirms they have read this pack and what blocks the release.")
        w.beginTable(["Role", "Name", "Signature", "Date"], kind: .signature)
        for (role, name) in signOff() { w.row(role, name ?? "", "", "") }
        w.endTable()
        w.endSection()
        if let command = settings.command {
            w.beginSection(id: "reproduce", title: "Reproduce this run", newPage: false)
            w.paragraph("From the same working folder, with the inputs above (their SHA-256 tell they are the same), adding the report options wanted (--html FILE, --markdown FILE, …):")
            w.command(Self.reproduced(command))
            w.endSection()
        }
        w.endDocument()
        return w.finish()
    }

    /// The command as shell words, grouped (an option with its value) and without the options that name
    /// where reports are written: running it anywhere writes the same pack (issue 27 item 7).
    static func reproduced(_ command: [[UInt8]]) -> [String] {
        let outputs = Set(ReportFormat.files.map { "--" + $0.rawValue })
        var groups = [ToolInfo.name], skip = false, option = false
        for word in command {
            if skip { skip = false; continue }
            let s = String(decoding: word, as: UTF8.self)
            if outputs.contains(s) { skip = true; continue }
            if let eq = s.firstIndex(of: "="), outputs.contains(String(s[..<eq])) { continue }
            let quoted = ShellText.quote(word)
            if option && !s.hasPrefix("-") { groups[groups.count - 1] += " " + quoted; option = false; continue }
            option = s.hasPrefix("--") && !s.contains("=")
            groups.append(quoted)
        }
        return groups
    }

    /// The sign-off roles, with a name where one is known. Blank for now: the release scope's sign-off
    /// (`Scope.SignOff`) fills them once the scope is wired into the run.
    /// The names from the scope file's `signOff`, when there is one (blank lines to sign otherwise).
    func signOff() -> [(role: String, name: String?)] {
        let s = settings.scope?.scope.signOff
        func name(_ n: String?) -> String? { n.flatMap { $0.isEmpty ? nil : $0 } }
        return [("Prepared by", name(s?.preparedBy)), ("Reviewed by", name(s?.reviewedBy)), ("Approved by", name(s?.approvedBy))]
    }

    // MARK: Anchors

    static func anchor(_ p: PlanResult) -> String { anchor(id: p.id, file: p.file) }

    /// The id of a plan's section: readable (from the plan id, or the file name of an unreadable plan) and
    /// unique (a digest of the file path, which is unique in a run, so two plans sharing an id differ).
    /// Stable across runs; only ASCII letters, digits and `-`, so every renderer and sanitiser keeps it
    /// (GitHub prefixes it with `user-content-` and follows links to it all the same).
    public static func anchor(id: String?, file: String) -> String {
        var slug = ""
        var dash = false
        for u in (id ?? file).unicodeScalars {
            if slug.unicodeScalars.count >= 40 { break }
            if ("a"..."z").contains(u) || ("0"..."9").contains(u) {
                if dash && !slug.isEmpty { slug += "-" }
                slug.unicodeScalars.append(u); dash = false
            } else if ("A"..."Z").contains(u) {
                if dash && !slug.isEmpty { slug += "-" }
                slug.unicodeScalars.append(Unicode.Scalar(u.value + 32)!); dash = false
            } else {
                dash = true
            }
        }
        let digest = SHA256.hex(of: Array(file.utf8)).prefix(12)
        return "plan-" + (slug.isEmpty ? "" : slug + "-") + digest
    }
}

extension AppliedWaiver {
    /// What bounds the waiver, as the reports say it: "expires 2023-12-31, approved by J. Bloggs"; nil
    /// when it has neither expiry nor approver.
    public var terms: String? {
        let parts = [expires.map { "expires \($0)" }, approvedBy.map { "approved by \($0)" }].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}
