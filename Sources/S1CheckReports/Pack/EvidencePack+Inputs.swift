import S1CheckCore

// The evidence pack, section 4. The baseline and the inputs, with their SHA-256. See EvidencePack.swift for the layout.
extension EvidencePack {
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
        let executed = outcome.execution != nil
        w.beginTable(["Plan", "Status", "Fail", "Warn", "Waived"] + (executed ? ["Execution"] : []) + ["File", "SHA-256"], kind: .list)
        for p in Self.worstFirst(outcome.summaries) {
            w.beginRow()
            w.cell { $0.link(to: Self.anchor(id: p.id, file: p.file)) { $0.text(p.id ?? "(unreadable)") } }
            w.cell { w in
                if p.isInputError { w.status("INPUT ERROR", .fail) } else { w.status(Gate.verdict(p.status, deviations: p.tally.deviations), Self.tone(p.status)) }
            }
            w.cell(String(p.counts[.fail])); w.cell(String(p.counts[.warn])); w.cell(String(p.counts[.waived]))
            if executed { w.cell(p.execution.map { ExecutionText.cell($0) } ?? "") }
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
}
