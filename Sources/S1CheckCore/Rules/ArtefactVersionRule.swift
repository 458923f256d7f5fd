/// Each declared artefact is at a relevant version. TBRD paragraph 3: an Appendix or Schedule in legal
/// effect is at that version, unless Annex A lists a more recent one; where several versions are in
/// legal effect side by side, each is relevant, and which applies depends on the device models tested
/// (paragraph 1). Sections take the SEC version, AK the SVTAD version, AL and AM their consultation
/// version.
public struct ArtefactVersionRule: WaivableRule {
    public static let description = describe(
        id: "artefact-version",
        summary: "Each declared artefact is at a relevant baseline version (older: fail; newer than any known: warn).",
        clause: "TBRD paragraph 3 and Annex A (Appendices and Schedules); paragraph 1(i) and the Annex A heading (the SEC and its Sections); footnote 1 (Appendix AK)",
        examples: [
            RuleExample("pass", plan: ["artefacts": #"[{"document": "SEC", "version": "72.0"}, {"document": "Appendix AD", "version": "5.1"}]"#], expect: [
                (.pass, "SEC at 72.0 matches the baseline (SEC Version 72.0, TBRD 1.24 paragraph 1(i) and the Annex A heading)"),
                (.pass, "Appendix AD at 5.1 matches the baseline (TBRD 1.24 Annex A, more recent than the versions in legal effect (1.1, 2.0, 3.0, 3.1, 4.0, 5.0), which it replaces under paragraph 3)"),
            ]),
            RuleExample("svtad", plan: ["artefacts": #"[{"document": "SMETS1 SVTAD", "version": "10.0"}]"#], expect: [
                (.pass, "Appendix AK at 10.0 matches the baseline (the current SVTAD version, TBRD 1.24 footnote 1)"),
            ]),
            RuleExample("side-by-side", plan: ["artefacts": #"[{"document": "GBCS", "version": "3.2"}, {"document": "Schedule 8", "version": "4.1"}]"#], expect: [
                (.pass, "Schedule 8 at 3.2 is one of the versions in legal effect side by side (1.0, 1.1, 2.0, 2.1, 3.0, 3.1, 3.2, 4.0, 4.1), TBRD 1.24 paragraph 3; which one applies depends on the device models tested (paragraph 1(ii))"),
                (.pass, "Schedule 8 at 4.1 is one of the versions in legal effect side by side (1.0, 1.1, 2.0, 2.1, 3.0, 3.1, 3.2, 4.0, 4.1), TBRD 1.24 paragraph 3; which one applies depends on the device models tested (paragraph 1(ii))"),
            ]),
            RuleExample("drift", plan: ["artefacts": #"[{"document": "Appendix AD", "version": "5.0"}]"#], expect: [
                (.fail, "Appendix AD is declared at 5.0, which is in legal effect, but TBRD 1.24 Annex A lists the more recent 5.1, which is the relevant version in its place (paragraph 3): the plan has drifted"),
            ], fixed: ["artefacts": #"[{"document": "Appendix AD", "version": "5.1"}]"#]),
            RuleExample("waived", plan: ["artefacts": #"[{"document": "Appendix AD", "version": "5.0"}]"#,
                                         "waivers": #"[{"rule": "artefact-version", "document": "DUIS", "reason": "Accepted by the test lead", "approvedBy": "Test assurance lead", "expires": "2099-12-31"}]"#], expect: [
                (.waived, "Appendix AD is declared at 5.0, which is in legal effect, but TBRD 1.24 Annex A lists the more recent 5.1, which is the relevant version in its place (paragraph 3): the plan has drifted"),
            ]),
            RuleExample("not-in-legal-effect", plan: ["artefacts": #"[{"document": "CHTS", "version": "1.3.1"}, {"document": "GBCS", "version": "2.2"}, {"document": "DUIS", "version": "4.5"}]"#], expect: [
                (.fail, "Schedule 10 is declared at 1.3.1, which is not a version the consolidated SEC lists in legal effect (1.0, 1.1, 1.2, 1.3, 1.4, 1.5); the relevant versions are the versions in legal effect side by side (1.0, 1.1, 1.2, 1.3, 1.4, 1.5), TBRD 1.24 paragraph 3; which one applies depends on the device models tested (paragraph 1(ii))"),
                (.fail, "Schedule 8 is declared at 2.2, which is not a version the consolidated SEC lists in legal effect (1.0, 1.1, 2.0, 2.1, 3.0, 3.1, 3.2, 4.0, 4.1); the relevant versions are the versions in legal effect side by side (1.0, 1.1, 2.0, 2.1, 3.0, 3.1, 3.2, 4.0, 4.1), TBRD 1.24 paragraph 3; which one applies depends on the device models tested (paragraph 1(ii))"),
                (.fail, "Appendix AD is declared at 4.5, which is not a version the consolidated SEC lists in legal effect (1.1, 2.0, 3.0, 3.1, 4.0, 5.0); the relevant version is 5.1 (TBRD 1.24 Annex A, more recent than the versions in legal effect (1.1, 2.0, 3.0, 3.1, 4.0, 5.0), which it replaces under paragraph 3)"),
            ], fixed: ["artefacts": #"[{"document": "CHTS", "version": "1.3.1"}, {"document": "GBCS", "version": "2.2"}, {"document": "DUIS", "version": "5.1"}]"#]),
            RuleExample("not-recorded", plan: ["artefacts": #"[{"document": "SMETS1", "version": "1.1"}]"#], expect: [
                (.fail, "Schedule 9 is declared at 1.1, which is not a version the baseline records in legal effect (1.2); the relevant version is 1.2 (in legal effect, TBRD 1.24 paragraph 3)"),
            ], fixed: ["artefacts": #"[{"document": "SMETS1", "version": "1.2"}]"#]),
            RuleExample("below-consultation", plan: ["artefacts": #"[{"document": "Appendix AM", "version": "11.0"}]"#], expect: [
                (.fail, "Appendix AM is declared at 11.0 but the relevant version is 12.0 (listed in TBRD 1.24 Annex A as currently subject to further consultation and amendment, so provisional), and 11.0 is older: the plan has drifted"),
            ], fixed: ["artefacts": #"[{"document": "Appendix AM", "version": "12.0"}]"#]),
            RuleExample("newer", plan: ["artefacts": #"[{"document": "Appendix AD", "version": "5.2"}]"#], expect: [
                (.warn, "Appendix AD is declared at 5.2, newer than any version the baseline knows (5.1: TBRD 1.24 Annex A, more recent than the versions in legal effect (1.1, 2.0, 3.0, 3.1, 4.0, 5.0), which it replaces under paragraph 3). If 5.2 is already in legal effect it is a relevant version under TBRD paragraph 3 without a new TBRD issue, and the baseline should record it"),
            ]),
            RuleExample("newer-than-side-by-side", plan: ["artefacts": #"[{"document": "GBCS", "version": "5.0"}]"#], expect: [
                (.warn, "Schedule 8 is declared at 5.0, newer than any version the baseline knows (the versions in legal effect side by side (1.0, 1.1, 2.0, 2.1, 3.0, 3.1, 3.2, 4.0, 4.1), TBRD 1.24 paragraph 3; which one applies depends on the device models tested (paragraph 1(ii))). If 5.0 is already in legal effect it is a relevant version under TBRD paragraph 3 without a new TBRD issue, and the baseline should record it"),
            ]),
            RuleExample("schedule-9-two-readings", plan: ["artefacts": #"[{"document": "Schedule 9", "version": "4.1"}]"#], expect: [
                (.warn, "Schedule 9 is declared at 4.1. Read as Schedule 9 (SMETS1) (1.2: in legal effect, TBRD 1.24 paragraph 3), it is newer than any version the baseline knows: if 4.1 is already in legal effect it is a relevant version under TBRD paragraph 3 without a new TBRD issue, and the baseline should record it. Read as Schedule 9 (SMETS2), it cannot be verified: the consolidated SEC lists that part's issues by date only."),
            ]),
            RuleExample("smets1-named", plan: ["artefacts": #"[{"document": "SMETS1", "version": "4.1"}]"#], expect: [
                (.warn, "Schedule 9 is declared at 4.1, newer than any version the baseline knows (1.2: in legal effect, TBRD 1.24 paragraph 3). If 4.1 is already in legal effect it is a relevant version under TBRD paragraph 3 without a new TBRD issue, and the baseline should record it"),
            ]),
            RuleExample("dated-issue", plan: ["artefacts": #"[{"document": "SMETS2", "version": "2019-07-04"}]"#], expect: [
                (.pass, "Schedule 9 (SMETS2) issue of 2019-07-04 is one of the issues the consolidated SEC lists in legal effect by date (2018-02-01, 2018-11-08, 2019-07-04, 2020-11-29, 2021-11-04); which one applies depends on the device models tested (paragraph 1(ii))"),
            ]),
            RuleExample("dated-not-listed", plan: ["artefacts": #"[{"document": "SMETS2", "version": "2019-07-05"}]"#], expect: [
                (.fail, "Schedule 9 (SMETS2) is declared as the issue of 2019-07-05, which is not an issue the consolidated SEC lists in legal effect (2018-02-01, 2018-11-08, 2019-07-04, 2020-11-29, 2021-11-04)"),
            ]),
            RuleExample("dated-later", plan: ["artefacts": #"[{"document": "SMETS2", "version": "2022-06-01"}]"#], expect: [
                (.warn, "Schedule 9 (SMETS2) is declared as the issue of 2022-06-01, later than any issue the baseline knows (2018-02-01, 2018-11-08, 2019-07-04, 2020-11-29, 2021-11-04). If that issue is already in legal effect it is relevant under TBRD paragraph 3 without a new TBRD issue, and the baseline should record it"),
            ]),
            RuleExample("dated-schedule-9", plan: ["artefacts": #"[{"document": "Schedule 9", "version": "2018-02-01"}]"#], expect: [
                (.warn, "Schedule 9 is declared as the issue of 2018-02-01, but Schedule 9 (Smart Metering Equipment Technical Specifications) is numbered (1.2: in legal effect, TBRD 1.24 paragraph 3); Schedule 9 (SMETS2) has an issue of 2018-02-01 (2018-02-01, 2018-11-08, 2019-07-04, 2020-11-29, 2021-11-04)"),
            ]),
            RuleExample("dated-numbered", plan: ["artefacts": #"[{"document": "DUIS", "version": "2019-07-04"}]"#], expect: [
                (.fail, "Appendix AD is declared as the issue of 2019-07-04, but its relevant versions are numbered: 5.1 (TBRD 1.24 Annex A, more recent than the versions in legal effect (1.1, 2.0, 3.0, 3.1, 4.0, 5.0), which it replaces under paragraph 3)"),
            ]),
            RuleExample("newer-beside-relevant", plan: ["artefacts": #"[{"document": "DUIS", "version": "5.1"}, {"document": "DUIS", "version": "5.2"}]"#], expect: [
                (.pass, "Appendix AD at 5.1 matches the baseline (TBRD 1.24 Annex A, more recent than the versions in legal effect (1.1, 2.0, 3.0, 3.1, 4.0, 5.0), which it replaces under paragraph 3)"),
                (.warn, "Appendix AD is declared at 5.2, newer than any version the baseline knows (5.1: TBRD 1.24 Annex A, more recent than the versions in legal effect (1.1, 2.0, 3.0, 3.1, 4.0, 5.0), which it replaces under paragraph 3). If 5.2 is already in legal effect it is a relevant version under TBRD paragraph 3 without a new TBRD issue, and the baseline should record it"),
            ]),
        ])

    public init() {}

    public func applies(to facts: PlanFacts, _ c: CheckContext) -> Bool {
        facts.declarations.checked.contains { a, r in r.version != nil || Self.judgesDate(a, r, c) }
    }

    public func check(_ facts: PlanFacts, _ c: CheckContext, into findings: inout [Finding]) {
        for (a, r) in facts.declarations.checked {
            if let date = a.issueDate, Self.judgesDate(a, r, c) {
                findings.append(Self.dated(a, date, r, c))
                continue
            }
            guard let newest = r.version else { continue }
            let why = r.explanation
            var hint: String?
            let status: Status
            let message: String
            if r.relevant.contains(a.version) {
                status = .pass
                if !r.isConcurrent {
                    message = "\(r.ref) at \(a.versionText) matches the baseline (\(why))"
                } else if case .legalEffect? = r.origin {
                    message = "\(r.ref) at \(a.versionText) is one of \(why)"
                } else {
                    message = "\(r.ref) at \(a.versionText) is one of the relevant versions: \(why)"
                }
            } else if r.isNewerThanKnown(a.version) {
                status = .warn
                // Versions side by side are listed once, in the explanation.
                let known = r.isConcurrent ? why : "\(r.expectedText): \(why)"
                let (recorded, record) = Self.newerVersion(a.versionText, r, c)
                if let readings = otherReadings(of: a, r, c) {
                    message = "\(r.ref) is declared at \(a.versionText). Read as \(readings.own) (\(known)), it is newer than any version the baseline knows: \(recorded.prefix(1).lowercased() + recorded.dropFirst()). \(readings.others)"
                    hint = "say which is meant by declaring it as \(readings.names); " + record
                } else {
                    message = "\(r.ref) is declared at \(a.versionText), newer than any version the baseline knows (\(known)). \(recorded)"
                    hint = record
                }
            } else if let annex = r.replacement(for: a.version) {
                status = .fail
                let standing = r.ref == Baseline.svtadRef ? "which is the current SVTAD version (TBRD \(c.tbrd) footnote 1)" : "which is in legal effect"
                message = "\(r.ref) is declared at \(a.versionText), \(standing), but TBRD \(c.tbrd) Annex A lists the more recent \(annex), which is the relevant version in its place (paragraph 3)" + (r.isConcurrent ? "; the relevant versions are \(ResolvedArtefact.list(r.relevant))" : "") + ": the plan has drifted"
            } else if r.origin == .consultation {
                status = .fail
                message = "\(r.ref) is declared at \(a.versionText) but the relevant version is \(newest) (\(why)), and \(a.versionText) is older: the plan has drifted"
            } else if let listed = Self.notListed(a.version, r) {
                // Not a version that was ever in legal effect (GBCS 2.2, CHTS 1.3.1): not a drift from one.
                status = .fail
                message = "\(r.ref) is declared at \(a.versionText), which is not a version \(listed) in legal effect (\(ResolvedArtefact.list(r.legalEffect))); "
                    + (r.isConcurrent ? "the relevant versions are \(why)" : "the relevant version is \(newest) (\(why))")
            } else if r.isConcurrent {
                status = .fail
                message = "\(r.ref) is declared at \(a.versionText), which is not one of the relevant versions (\(why)): the plan has drifted"
            } else {
                status = .fail
                message = "\(r.ref) is declared at \(a.versionText) but the baseline requires \(newest) (\(why)): the plan has drifted"
            }
            // The rule that finds a drift attaches its fix (`s1check fix` applies it or lists the choice).
            let fix = status == .fail ? Fix.drift(a, r, declarations: facts.declarations(of: r.ref, besides: a), facts: facts) : nil
            if let fix, fix.applicability == .safe { hint = Fix.hint(fix) }
            // A drift rests on paragraph 3 and Annex A alone, not on which version the device models need.
            findings.append(Finding(rule, status, about: a, r, expected: r.expectedText, message: message,
                                    clause: status == .fail ? r.driftClause : r.clause, hint: hint, fix: fix))
        }
    }

    /// Whether this rule judges a declaration by date: one of an artefact with issues by date (Schedule 9's
    /// SMETS2), with numbered versions, or with parts that have dated issues. A date on a document the
    /// baseline gives neither is left to unversioned-document (it cannot be verified).
    static func judgesDate(_ a: DeclaredArtefact, _ r: ResolvedArtefact, _ c: CheckContext) -> Bool {
        guard a.issueDate != nil else { return false }
        return !r.datedIssues.isEmpty || r.version != nil || datedParts(of: r, c) != nil
    }

    /// The parts of the artefact's document that have dated issues ("Schedule 9 (SMETS2)"), if any.
    static func datedParts(of r: ResolvedArtefact, _ c: CheckContext) -> [ResolvedArtefact]? {
        guard case .document(let kind, let id) = r.ref, let doc = c.baseline.baseline.document(r.ref) else { return nil }
        let parts = doc.parts.compactMap { c.baseline[.part(kind, id, $0.name)] }.filter { !$0.datedIssues.isEmpty }
        return parts.isEmpty ? nil : parts
    }

    /// A declaration by date (TBRD paragraph 3, read with the consolidated SEC, which lists Schedule 9's
    /// SMETS2 issues by date only): one of the dated issues passes (which applies depends on the device
    /// models tested, paragraph 1(ii)); a later date warns (the baseline may not have caught up); any other
    /// date fails. On a document whose versions are numbered, a date fails; on one whose part has dated
    /// issues (Schedule 9), it warns, asking which part is meant.
    static func dated(_ a: DeclaredArtefact, _ date: CalendarDate, _ r: ResolvedArtefact, _ c: CheckContext) -> Finding {
        let rule = description
        let clause = "TBRD \(c.tbrd) paragraph 3 (in legal effect: the consolidated SEC, which lists these issues by date only); paragraph 1(ii): the issues that apply to the device models tested"
        let issues = r.datedIssues.map(\.description).joined(separator: ", ")
        if !r.datedIssues.isEmpty {
            let expected = "one of " + issues
            if r.datedIssues.contains(date) {
                return Finding(rule, .pass, about: a, r, expected: expected,
                               message: "\(r.ref) issue of \(date) is one of the issues the consolidated SEC lists in legal effect by date (\(issues)); which one applies depends on the device models tested (paragraph 1(ii))",
                               clause: clause)
            }
            if let last = r.datedIssues.max(), date > last {
                return Finding(rule, .warn, about: a, r, expected: expected,
                               message: "\(r.ref) is declared as the issue of \(date), later than any issue the baseline knows (\(issues)). If that issue is already in legal effect it is relevant under TBRD paragraph 3 without a new TBRD issue, and the baseline should record it",
                               clause: clause,
                               hint: "only if the consolidated SEC lists an issue of \(date): export the baseline in use (s1check baseline export), add \"\(date)\" to the part's \"datedIssues\" and quote the contents line that lists it in its \"sources\" \"datedIssues\", then run with --baseline")
            }
            return Finding(rule, .fail, about: a, r, expected: expected,
                           message: "\(r.ref) is declared as the issue of \(date), which is not an issue the consolidated SEC lists in legal effect (\(issues))",
                           clause: clause)
        }
        if let parts = datedParts(of: r, c) {
            let readings = parts.map { p -> String in
                let listed = p.datedIssues.map(\.description).joined(separator: ", ")
                return p.datedIssues.contains(date) ? "\(p.ref) has an issue of \(date) (\(listed))" : "\(p.ref) has no issue of \(date) (\(listed))"
            }
            let names = parts.compactMap { p -> String? in if case .part(_, _, let name) = p.ref { return "\"\(name)\"" }; return nil }
            return Finding(rule, .warn, about: a, r, expected: r.expectedText,
                           message: "\(r.ref) is declared as the issue of \(date), but \(r.ref) (\(r.title)) is numbered (\(r.expectedText): \(r.explanation)); \(readings.joined(separator: "; "))",
                           clause: clause, hint: "say which is meant: declare it as \(names.joined(separator: " or ")) with that date, or give \(r.ref)'s version number")
        }
        return Finding(rule, .fail, about: a, r, expected: r.expectedText,
                       message: "\(r.ref) is declared as the issue of \(date), but its relevant versions are numbered: \(r.expectedText) (\(r.explanation))",
                       clause: r.driftClause)
    }

    /// Who lists the versions in legal effect, for a declared version older than the newest known that is
    /// none of them (nor the Annex A or consultation version): "the consolidated SEC lists" where the
    /// baseline took them from its contents, "the baseline records" otherwise (Schedule 9's SMETS1 v1.2
    /// comes from the SEC version history). Nil where the version is known, or no version in legal effect
    /// is recorded (nothing to say it is not one).
    static func notListed(_ v: Version, _ r: ResolvedArtefact) -> String? {
        guard !r.legalEffect.isEmpty, !r.knownVersions.contains(v) else { return nil }
        return r.sources["legalEffect"]?.hasPrefix("SEC consolidated text") == true ? "the consolidated SEC lists" : "the baseline records"
    }

    /// For a version newer than any the baseline knows, what would make it relevant, by the clause the
    /// document's version rests on, and what to do (a hint: s1check's own steps). A hint never suggests
    /// editing or deleting a fact the TBRD states (the SEC version of Annex A, the SVTAD version of footnote
    /// 1, a consultation listed in Annex A), since each is quoted and a baseline file keeps its quotations;
    /// the one fact a team may add is a version in legal effect, with the consolidated SEC's line that
    /// lists it, which the baseline file requires (docs/baseline.md, "Versions agree with their sources").
    static func newerVersion(_ v: String, _ r: ResolvedArtefact, _ c: CheckContext) -> (String, String) {
        let b = c.baseline.baseline
        let newIssue = "check the version tested, or use the baseline of a TBRD issue giving"
        switch r.origin {
        case .secVersion?:
            return ("If SEC \(v) is the version most recently published by the Secretary of State, it is the relevant one under TBRD paragraph 1(i), but TBRD \(c.tbrd) Annex A names SEC \(b.sec)",
                    "TBRD \(c.tbrd) Annex A's SEC \(b.sec) is a TBRD fact: \(newIssue) SEC \(v) (--baseline)")
        case .svtad?:
            return ("If \(v) is the current SVTAD version, TBRD \(c.tbrd) footnote 1 (which gives \(b.svtad)) no longer states it",
                    "TBRD footnote 1's SVTAD \(b.svtad) is a TBRD fact: \(newIssue) \(v) (--baseline)")
        case .consultation?:
            return ("If \(v) is already in legal effect it is the relevant version under TBRD paragraph 3, and the document is no longer provisional at \(r.version!): TBRD \(c.tbrd) Annex A no longer describes it",
                    "the consultation TBRD \(c.tbrd) Annex A lists is a TBRD fact: \(newIssue) \(v) (--baseline)")
        default:
            let line: String
            if case .document(let kind, let id) = r.ref { line = " (“\(kind.title) \(id): \(r.title) Version \(v)”)" } else { line = "" }
            return ("If \(v) is already in legal effect it is a relevant version under TBRD paragraph 3 without a new TBRD issue, and the baseline should record it",
                    "only if the consolidated SEC lists \(v) in legal effect: add it to \"legalEffect\" in s1check baseline export's file, quoting its contents line\(line) in sources.legalEffect, and use --baseline")
        }
    }

    /// A document with parts of its own (Schedule 9: its SMETS1 issue, and SMETS2 by date only) may be
    /// declared at a version of a part: a number its own versions do not reach names every reading, unless
    /// the plan's name already picked one (`SMETS1`).
    func otherReadings(of a: DeclaredArtefact, _ r: ResolvedArtefact, _ c: CheckContext) -> (own: String, others: String, names: String)? {
        guard case .document(let kind, let id) = r.ref, let doc = c.baseline.baseline.document(r.ref), !doc.parts.isEmpty else { return nil }
        let written = DocumentName.tokens(a.written).drop { $0 == "SEC" }
        if doc.aliases.contains(where: { DocumentName.tokens($0) == Array(written) }) { return nil }
        let readings = doc.parts.map { part -> String in
            let ref = DocumentRef.part(kind, id, part.name)
            guard let p = c.baseline[ref], !p.relevant.isEmpty else {
                return "Read as \(ref), it cannot be verified: the consolidated SEC lists that part's issues by date only."
            }
            return p.relevant.contains(a.version) ? "Read as \(ref), it is a relevant version (\(p.explanation))."
                : "Read as \(ref), it is not a relevant version (\(p.expectedText): \(p.explanation))."
        }
        let own = doc.aliases.first.map { "\(r.ref) (\($0))" } ?? "\(r.ref) itself"
        let names = (doc.aliases.prefix(1) + doc.parts.map(\.name)).map { "\"\($0)\"" }.joined(separator: " or ")
        return (own, readings.joined(separator: " "), names)
    }
}
