import S1CheckCore

/// The evidence-pack report (`--markdown`): self-contained and reproducible. It states the baseline and
/// where each version came from, the inputs with SHA-256 digests, a summary of plans, then every plan
/// with every finding (passes included) and every waiver with its reason. GitHub-flavoured Markdown;
/// all text taken from inputs is escaped.
public struct MarkdownReport: ReportRenderer {
    let settings: RunSettings

    public init(settings: RunSettings) { self.settings = settings }

    public func section(_ plan: PlanResult) -> ReportSection {
        var md = TextBuffer(capacity: 1 << 13)
        writePlan(&md, plan)
        return ReportSection(md.finish())
    }

    public func tail(_ outcome: RunOutcome, omitted: Int) -> [UInt8] { [] }

    /// Everything before the plans' sections: the result, the baseline, the inputs and the summary table.
    public func head(_ outcome: RunOutcome, omitted: Int) -> [UInt8] {
        let run = settings
        var md = TextBuffer(capacity: 1 << 16)
        let b = run.baseline.baseline
        md.write("# s1check report: SMETS1 variation test plans\n\n")
        md.write("| | |\n|---|---|\n")
        md.write("| Result | **\(Gate.verdict(outcome))** (exit status \(outcome.exitCode)) |\n")
        md.write("| Plans | \(outcome.planCount): \(outcome.plans(withStatus: .pass)) pass, \(outcome.plans(withStatus: .warn)) warn, \(outcome.plans(withStatus: .fail)) fail")
        if outcome.inputErrorCount > 0 { md.write(" (\(outcome.inputErrorCount) unreadable)") }
        md.write(" |\n")
        md.write("| Findings | \(outcome.findings(withStatus: .pass)) pass, \(outcome.findings(withStatus: .warn)) warn, \(outcome.findings(withStatus: .fail)) fail, \(outcome.findings(withStatus: .waived)) waived |\n")
        md.write("| As of | \(run.asOf) (the date waivers are judged against) |\n")
        md.write("| Strict | \(run.strict ? "yes: warnings fail the run" : "no") |\n")
        md.write("| Device eligibility | ")
        if let r = run.registrySource { md.write("checked against "); md.markdown(r.file) } else { md.write("**not checked** (no device registry given)") }
        md.write(" |\n| Policy | ")
        if let label = PolicyText.label(run) { md.markdown(label) } else { md.write("none (every rule at its own level, no shared waiver)") }
        md.write(" |\n| Tool | \(ToolInfo.name) \(ToolInfo.version) |\n\n")

        md.write("## Baseline: the Amended SMETS1 SEC\n\n")
        md.write("| | |\n|---|---|\n")
        md.write("| TBRD | "); md.markdown("\(b.tbrd.title) v\(b.tbrd.version), \(b.tbrd.date), \(b.tbrd.publisher)"); md.write(" |\n")
        md.write("| SEC | Version \(b.sec) |\n")
        md.write("| SVTAD (Appendix AK) | Version \(b.svtad) |\n")
        md.write("| Baseline file | "); md.markdown(run.baselineSource.file); md.write(" |\n\n")
        md.write("Resolution rule (TBRD paragraph 3, version by version): each version of an Appendix or Schedule in legal effect is relevant, unless Annex A lists a more recent one, which is relevant in its place. The SEC and its Sections take the SEC version (paragraph 1(i)); Appendix AK the SVTAD version (footnote 1). Documents Annex A lists as currently subject to further consultation and amendment are at their provisional version.\n\n")
        MarkdownReport.writeArtefactTable(&md, run.baseline.versioned(for: nil), tbrd: b.tbrd.version)
        let unversioned = run.baseline.artefacts.filter { $0.version == nil }
        if !unversioned.isEmpty {
            md.write("\nThe baseline gives no version to: ")
            md.markdown(unversioned.map(\.ref.description).joined(separator: ", "))
            md.write(". A plan declaring one of these gets `unversioned-document` (warn).")
            for a in unversioned where !a.datedIssues.isEmpty {
                md.write(" "); md.markdown("\(a.ref) (\(a.title)) is \(a.explanation).")
            }
            md.write("\n")
        }
        MarkdownReport.writeConsultations(&md, run.baseline)

        md.write("\n## Inputs\n\n| Role | File | SHA-256 |\n|---|---|---|\n")
        md.write("| baseline | "); md.markdown(run.baselineSource.file); md.write(" | `\(run.baselineSource.sha256)` |\n")
        if let r = run.registrySource { md.write("| device registry | "); md.markdown(r.file); md.write(" | `\(r.sha256)` |\n") }
        if let p = run.policySource { md.write("| policy | "); md.markdown(p.file); md.write(" | `\(p.sha256)` |\n") }
        for p in outcome.summaries {
            md.write("| plan | "); md.markdown(p.file); md.write(" | ")
            md.write(p.sha256.isEmpty ? "(unreadable)" : "`\(p.sha256)`")
            md.write(" |\n")
        }
        if run.baselineSource.file == EmbeddedBaseline.displayName {
            md.write("\nThe embedded baseline's digest can be reproduced with `s1check baseline export | sha256sum`.\n")
        }
        if !run.passedOver.isEmpty {
            md.write("\nPassed over (not named `*.plan.json`): "); md.markdown(run.passedOver.joined(separator: ", ")); md.write("\n")
        }
        MarkdownReport.writePolicy(&md, run, outcome)

        // Worst first: unreadable plans (nothing in them was checked), then fail, warn, pass; plan order
        // within each. Fail rows are in bold, and every row links to its plan's section.
        md.write("\n## Summary of plans\n\nWorst first: input errors, then fail, warn and pass. Each plan links to its section.\n\n")
        md.write("| Plan | Title | Phase | Status | Fail | Warn | Waived | File |\n|---|---|---|---|---|---|---|---|\n")
        for p in MarkdownReport.worstFirst(outcome.summaries) {
            let stands = p.isInputError || p.status == .fail
            md.write(stands ? "| **[" : "| [")
            md.markdown(p.id ?? "(unreadable)")
            md.write("](#\(MarkdownReport.anchor(id: p.id, file: p.file)))\(stands ? "**" : "") | ")
            md.markdown(p.title ?? "")
            md.write(" | \(p.phase?.rawValue ?? "") | \(MarkdownReport.statusCell(p)) | \(p.counts[.fail]) | \(p.counts[.warn]) | \(p.counts[.waived]) | ")
            md.markdown(p.file); md.write(" |\n")
        }

        md.write("\n## Plans\n")
        return md.finish()
    }

    /// The policy: its levels, and its shared waivers with the number of plans each waived something in.
    static func writePolicy(_ md: inout TextBuffer, _ run: RunSettings, _ outcome: RunOutcome) {
        guard run.policySource != nil else { return }
        md.write("\n## Policy\n\n")
        if run.policy.levels.isEmpty { md.write("Every rule at its own level.\n") } else {
            md.write("| Rule | Level |\n|---|---|\n")
            for (rule, level) in run.policy.levels.sorted(by: { $0.key < $1.key }) { md.write("| \(rule) | \(level.rawValue) |\n") }
        }
        guard !run.policy.waivers.isEmpty else { return }
        md.write("\n| Shared waiver | Reason | Expires | Plans waived in | Line |\n|---|---|---|---|---|\n")
        for (i, w) in run.policy.waivers.enumerated() {
            md.write("| "); md.markdown(w.label); md.write(" | "); md.markdown(w.reason ?? "")
            let uses = outcome.sharedWaiverUses[i], expired = outcome.sharedWaiverExpiries[i]
            let cell = expired > 0 ? "**expired: \(expired == 1 ? "1 plan fails" : "\(expired) plans fail") on it**"
                : uses == 0 ? "**none: remove it**" : String(uses)
            md.write(" | \(w.expires?.description ?? "") | \(cell) | \(run.policy.waiverLines[i]) |\n")
        }
    }

    /// The resolved artefact table; shared with `s1check baseline --format markdown`.
    public static func writeArtefactTable(_ md: inout TextBuffer, _ artefacts: [ResolvedArtefact], tbrd: Version) {
        md.write("| Artefact | Title | Version | Where the version comes from | Phases |\n|---|---|---|---|---|\n")
        for row in BaselineText.artefactRows(artefacts) {
            md.write("| "); md.markdown(row.artefact); md.write(" | "); md.markdown(row.title)
            md.write(" | \(row.version) | "); md.markdown(row.from); md.write(" | \(row.phases) |\n")
        }
    }

    static func writeConsultations(_ md: inout TextBuffer, _ baseline: ResolvedBaseline) {
        let items = baseline.artefacts.filter { $0.consultation != nil }
        guard !items.isEmpty else { return }
        md.write("\n### Subject to further consultation and amendment\n\n")
        for a in items {
            let c = a.consultation!
            md.write("- **\(a.ref)** ("); md.markdown(a.title); md.write(") \(c.version): provisional.")
            // Each note and event is a sentence of its own here (in a finding they follow a parenthesis).
            for text in ConsultationText.lines(c) {
                md.write(" "); md.markdown(text.prefix(1).uppercased() + text.dropFirst()); md.write(".")
            }
            md.write("\n")
        }
    }

    /// Input errors first, then fail, warn, pass; a stable sort, so plan order holds within a status.
    static func worstFirst(_ plans: [PlanSummary]) -> [PlanSummary] {
        func rank(_ p: PlanSummary) -> Int { p.isInputError ? 0 : p.status == .fail ? 1 : p.status == .warn ? 2 : 3 }
        var buckets: [[PlanSummary]] = [[], [], [], []]
        for p in plans { buckets[rank(p)].append(p) }
        return buckets.flatMap { $0 }
    }

    static func statusCell(_ p: PlanSummary) -> String {
        if p.isInputError { return "**INPUT ERROR**" }
        return p.status == .fail ? "**FAIL**" : Gate.statusWord(p.status)
    }

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

    func writePlan(_ md: inout TextBuffer, _ p: PlanResult) {
        let run = settings
        md.write("\n<a id=\"\(MarkdownReport.anchor(id: p.id, file: p.file))\"></a>\n\n### ")
        md.markdown(p.id ?? p.file)
        if let t = p.plan?.title { md.write(": "); md.markdown(t) }
        md.write("\n\n| | |\n|---|---|\n")
        md.write("| Status | **\(p.isInputError ? "INPUT ERROR" : Gate.statusWord(p.status))** |\n")
        md.write("| File | "); md.markdown(p.file); md.write(" |\n")
        guard let plan = p.plan else {
            md.write("\nThis file could not be read as a plan, so nothing in it was checked:\n\n| Line | Column | JSON path | Problem |\n|---|---|---|---|\n")
            for e in p.inputErrors {
                md.write("| \(e.position.map { String($0.line) } ?? "") | \(e.position.map { String($0.column) } ?? "") | ")
                md.markdown(e.path ?? "$"); md.write(" | "); md.markdown(e.message); md.write(" |\n")
            }
            return
        }
        let phaseName = run.baseline.baseline.phaseNames[plan.phase] ?? ""
        md.write("| Phase | \(plan.phase.rawValue) ("); md.markdown(phaseName); md.write(") |\n")
        md.write("| TBRD | "); md.markdown(plan.tbrdText); md.write(" |\n")
        md.write("| Window | ")
        if let w = plan.window { md.write("\(w.start) to \(w.end)") } else { md.write("not given") }
        md.write(" |\n| Device models | ")
        md.markdown(plan.deviceModels.isEmpty ? "none" : plan.deviceModels.map(\.label).joined(separator: "; "))
        md.write(" |\n| Combinations | ")
        md.markdown(plan.combinations.isEmpty ? "none" : plan.combinations.map(\.value).joined(separator: ", "))
        md.write(" |\n\n")
        md.write("| Status | Check | Declared | Expected | Why | Clause | Line |\n|---|---|---|---|---|---|---|\n")
        for f in p.findings {
            md.write("| \(Gate.statusWord(f.status)) | "); md.markdown(f.check)
            md.write(" | "); md.markdown(f.declared ?? ""); md.write(" | "); md.markdown(f.expected ?? "")
            md.write(" | "); md.markdown(f.message)
            if let hint = f.hint { md.write(f.message.hasSuffix(".") ? " " : ". "); md.write("*Next step*: "); md.markdown(hint) }
            if let note = PolicyText.levelNote(f) { md.write(" **Policy**: "); md.markdown(note) }
            if let w = f.waiver {
                md.write(" **Waived** (was \(w.originalStatus.rawValue)\(w.expires.map { ", expires \($0)" } ?? "")): ")
                md.markdown(w.reason)
            }
            md.write(" | "); md.markdown(f.clause); md.write(" | \(f.line.map(String.init) ?? "") |\n")
        }
        if !plan.waivers.isEmpty {
            md.write("\n| Waiver | Reason | Expires |\n|---|---|---|\n")
            for w in plan.waivers {
                md.write("| "); md.markdown(w.label); md.write(" | "); md.markdown(w.reason ?? "(no reason given)")
                md.write(" | \(w.expires?.description ?? "no expiry") |\n")
            }
        }
    }
}
