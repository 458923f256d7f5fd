import S1CheckCore

/// Facts that several reports state the same way, kept in one place so JUnit, Markdown, JSON and the
/// console never disagree.
public enum ReportFacts {
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

    /// The document a finding is about, for the JSON `document` field.
    public static func document(_ f: Finding) -> String? {
        if let ref = f.documentRef { return ref.description }
        return f.rule == UnknownDocumentRule.description ? f.subject : nil
    }

    public static func statusWord(_ s: Status) -> String { s.rawValue.uppercased() }

    public static func runVerdict(_ outcome: RunOutcome) -> String {
        switch outcome.exitCode {
        case 0: return outcome.hasWarnings ? "PASS with warnings" : "PASS"
        case 1: return "FAIL"
        default: return "INPUT ERROR"
        }
    }

    /// The status a CI format reports a finding with: its own, except that under `--strict` a warning
    /// fails the run, so it is reported as a failure (as JUnit does).
    public static func gateStatus(_ f: Finding, strict: Bool) -> Status { gateStatus(f.status, strict: strict) }

    public static func gateStatus(_ status: Status, strict: Bool) -> Status { status == .warn && strict ? .fail : status }

    /// The message with the policy level and the waiver that changed its status, as the console says it.
    /// For formats whose consumers show a waived finding like any other (GitHub code scanning ignores
    /// SARIF suppressions).
    public static func messageWithWaiver(_ f: Finding) -> String {
        var message = f.message
        if let note = levelNote(f) { message += " (\(note))" }
        if let w = f.waiver { message += " (waived \(w.originalStatus.rawValue): \(w.reason)\(w.approvedBy.map { "; approved by \($0)" } ?? ""))" }
        return message
    }

    /// The findings the console and the CI formats show: every one that is not a pass, and the passes a
    /// policy allowed (never hidden), in line order (findings without a line first), so a log reads down
    /// the plan. Reports that list every check keep the rules' order.
    public static func console(_ findings: [Finding]) -> [Finding] {
        findings.filter(isListed).enumerated().sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }.map(\.element)
    }

    /// Whether a CI format lists the finding: not a plain pass.
    public static func isListed(_ f: Finding) -> Bool { f.status != .pass || f.isAllowed }

    /// How the policy changed a finding: "denied by policy: was warn".
    public static func levelNote(_ f: Finding) -> String? {
        guard let l = f.level else { return nil }
        let verb: String
        switch l.level {
        case .deny: verb = "denied"
        case .allow: verb = "allowed"
        case .warn: verb = "lowered to warn"
        }
        return "\(verb) by policy: was \(l.originalStatus.rawValue)"
    }

    /// The policy as the reports name it: "s1check.json (consultation warn); 2 shared waivers"; nil without one.
    public static func policyLabel(_ run: RunSettings) -> String? {
        guard let p = run.policySource else { return nil }
        let levels = run.policy.levels.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.rawValue)" }
        let n = run.policy.waivers.count
        return p.file + (levels.isEmpty ? "" : " (\(levels.joined(separator: ", ")))") + "; \(n) shared waiver\(n == 1 ? "" : "s")"
    }

    /// The policy's shared waivers that waived nothing in any plan: each a warning of the run, at its line
    /// of the policy file; `status` is how CI formats report it (a failure under `--strict`).
    public static func unusedSharedWaivers(_ run: RunSettings, _ outcome: RunOutcome)
        -> [(file: String, line: Int, label: String, message: String, status: Status)] {
        outcome.unusedSharedWaivers.map { i in
            (run.policy.file, run.policy.waiverLines[i], run.policy.checkName(i), run.policy.unusedMessage(i, in: run.baseline),
             gateStatus(.warn, strict: run.strict))
        }
    }

    /// A finding's identity across runs, for SARIF `partialFingerprints` and Code Quality `fingerprint`:
    /// the plan's path and the check's name, which is unique within a plan. Neither the line (an edit
    /// above would move it) nor the status (a warn that becomes a fail is the same problem) is part of it.
    public static func fingerprint(path: RepositoryPath, check: String) -> String {
        SHA256.hex(of: Array("s1check/v1\u{0}\(path.path)\u{0}\(check)".utf8))
    }

    /// The check name of a plan's `index`th input error (its own id when nothing in it could be checked).
    public static func inputErrorCheck(_ index: Int) -> String { index == 0 ? "input-error" : "input-error · \(index + 1)" }

    public static func baselineLabel(_ run: RunSettings) -> String {
        let t = run.baseline.baseline.tbrd
        return "TBRD \(t.version) (\(t.date)), SEC \(run.baseline.baseline.sec), SVTAD \(run.baseline.baseline.svtad)"
    }
}
