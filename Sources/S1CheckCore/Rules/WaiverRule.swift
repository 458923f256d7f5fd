/// Applies a plan's waivers to the findings before it and reports on each waiver: a waiver is a recorded,
/// dated decision, so one without a reason or past its expiry fails, and one that waives nothing warns.
/// Waived findings stay in every report with the waiver's reason; they are never hidden.
public struct WaiverRule: Rule {
    public static let description = RuleDescription(
        id: "waiver",
        summary: "Each waiver has a reason, has not expired at --as-of, and matches a warn or fail finding.",
        clause: "s1check waiver policy: a waiver is a recorded, dated decision", waivable: false,
        examples: [
            RuleExample("used", plan: [
                "artefacts": #"[{"document": "Appendix AM", "version": "12.0"}]"#,
                "waivers": #"[{"rule": "consultation", "document": "AM", "reason": "Re-test booked", "expires": "2099-12-31"}]"#,
            ], expect: [(.pass, "the waiver for consultation · Appendix AM waives 1 finding: Re-test booked")]),
            RuleExample("no-reason", plan: [
                "artefacts": #"[{"document": "Appendix AM", "version": "12.0"}]"#,
                "waivers": #"[{"rule": "consultation", "document": "Appendix AM", "reason": " "}]"#,
            ], expect: [(.fail, "the waiver for consultation · Appendix AM gives no reason; a waiver must say why")]),
            RuleExample("expired", plan: [
                "artefacts": #"[{"document": "Appendix AM", "version": "12.0"}]"#,
                "waivers": #"[{"rule": "consultation", "document": "Appendix AM", "reason": "booked", "expires": "2023-05-31"}]"#,
            ], expect: [(.fail, "the waiver for consultation · Appendix AM expired on 2023-05-31 (as of 2023-06-01); renew it or fix the finding")]),
            RuleExample("unused", plan: [
                "waivers": #"[{"rule": "artefact-version", "document": "Appendix AD", "reason": "just in case"}]"#,
            ], expect: [(.warn, "the waiver for artefact-version · Appendix AD matches no warn or fail finding; remove it")]),
            RuleExample("misspelt-document", plan: [
                "artefacts": #"[{"document": "Appendix AM", "version": "12.0"}]"#,
                "waivers": #"[{"rule": "consultation", "document": "Suporting Requirements", "reason": "booked"}]"#,
            ], expect: [(.warn, "the waiver for consultation · Suporting Requirements matches no finding: \"Suporting Requirements\" names no document of the SEC (did you mean Appendix AM (SMETS1 Supporting Requirements)?)")]),
        ])

    public init() {}

    public func applies(to facts: PlanFacts, _ c: CheckContext) -> Bool { !facts.plan.waivers.isEmpty }

    public func check(_ facts: PlanFacts, _ c: CheckContext, into findings: inout [Finding]) {
        let earlier = findings.count
        for w in facts.plan.waivers {
            guard let reason = w.reason else {
                findings.append(Finding(rule: rule, status: .fail, subject: w.label,
                                        message: "the waiver for \(w.label) gives no reason; a waiver must say why", offset: w.offset))
                continue
            }
            if let expires = w.expires, expires < c.asOf {
                findings.append(Finding(rule: rule, status: .fail, subject: w.label, declared: expires.description,
                                        expected: "on or after \(c.asOf)",
                                        message: "the waiver for \(w.label) expired on \(expires) (as of \(c.asOf)); renew it or fix the finding",
                                        offset: w.offset))
                continue
            }
            let matched = WaiverRule.waive(w, reason: reason, shared: nil, &findings, upTo: earlier)
            findings.append(matched == 0
                ? Finding(rule: rule, status: .warn, subject: w.label, message: WaiverRule.unmatched(w, c), offset: w.offset)
                : Finding(rule: rule, status: .pass, subject: w.label,
                          message: "the waiver for \(w.label) waives \(matched) finding\(matched == 1 ? "" : "s"): \(reason)", offset: w.offset))
        }
        // The policy's shared waivers, after the plan's own. One that matches nothing in this plan says
        // nothing here: the run reports, once, a shared waiver that matched nothing in any plan.
        for (index, w) in c.policy.waivers.enumerated() {
            // Built only when there is a finding to make: most shared waivers meet nothing in most plans.
            var label: String { "\(w.label) (shared, \(c.policy.file))" }
            if let expires = w.expires, expires < c.asOf {
                // Only where it would have waived something: that finding stands, and the plan fails.
                guard let target = findings[..<earlier].first(where: { WaiverRule.matches(w, $0) }) else { continue }
                var f = Finding(rule: rule, status: .fail, subject: label, declared: expires.description, expected: "on or after \(c.asOf)",
                                message: "the shared waiver for \(w.label) in \(c.policy.file) expired on \(expires) (as of \(c.asOf)); renew it or fix the finding",
                                offset: target.offset)
                f.sharedWaiver = index
                findings.append(f)
                continue
            }
            let matched = WaiverRule.waive(w, reason: w.reason ?? "", shared: index, &findings, upTo: earlier)
            if matched > 0 {
                var f = Finding(rule: rule, status: .pass, subject: label,
                                message: "the shared waiver for \(w.label) in \(c.policy.file) waives \(matched) finding\(matched == 1 ? "" : "s"): \(w.reason ?? "")")
                f.sharedWaiver = index
                findings.append(f)
            }
        }
    }

    /// Waives the findings before `end` that `w` matches; returns how many.
    static func waive(_ w: Waiver, reason: String, shared: Int?, _ findings: inout [Finding], upTo end: Int) -> Int {
        var matched = 0
        for i in 0..<end where WaiverRule.matches(w, findings[i]) {
            let original = findings[i].status
            findings[i].status = .waived
            findings[i].waiver = AppliedWaiver(reason: reason, expires: w.expires, originalStatus: original, shared: shared, approvedBy: w.approvedBy)
            matched += 1
        }
        return matched
    }

    /// Why a waiver waived nothing; a document name that names no document gets the nearest name.
    static func unmatched(_ w: Waiver, _ c: CheckContext) -> String {
        unmatched(w, "the waiver for \(w.label)", in: c.baseline, anywhere: "")
    }

    /// `subject`: "the waiver for …"; `anywhere`: where it was looked for (" in any plan").
    static func unmatched(_ w: Waiver, _ subject: String, in baseline: ResolvedBaseline, anywhere: String) -> String {
        if let document = w.document, w.documentRef.map({ baseline[$0] == nil }) ?? true {
            let near = baseline.names.suggestions(for: document, known: { baseline[$0] != nil }, limit: 1)
            return "\(subject) matches no finding\(anywhere): \"\(document)\" names no document of the SEC" + (near.first.map { " (did you mean \($0)?)" } ?? "")
        }
        return "\(subject) matches no warn or fail finding\(anywhere); remove it"
    }

    /// Same rule and same document; a waiver with no document matches the rule's findings that name no
    /// document (plan-wide checks and devices).
    static func matches(_ w: Waiver, _ f: Finding) -> Bool {
        guard f.rule.id == w.rule, f.rule.waivable, f.status == .warn || f.status == .fail, f.waiver == nil else { return false }
        guard let document = w.document else { return f.documentRef == nil }
        if let ref = w.documentRef, let fref = f.documentRef { return ref == fref }
        // Names outside the catalogue (unknown-document) match as written, case- and space-insensitively.
        return DocumentName.tokens(document) == DocumentName.tokens(f.subject ?? "")
    }
}
