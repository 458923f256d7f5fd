/// Applies a plan's waivers to the findings before it and reports on each waiver: a waiver is a recorded,
/// dated decision, so one without a reason or past its expiry fails, and one that waives nothing warns.
/// Waived findings stay in every report with the waiver's reason; they are never hidden.
public struct WaiverRule: UnwaivableRule {
    public static let description = describe(
        id: "waiver",
        summary: "Each waiver has a reason, has not expired at --as-of, names an approver (approvedBy) when it waives a failure, and matches a warn or fail finding.",
        clause: "s1check waiver policy: a waiver is a recorded, dated decision",
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
        if facts.plan.waivers.isEmpty && c.policy.waivers.isEmpty { return }
        // Each waiver looks up what it may waive instead of scanning every finding: a plan of many
        // findings and many waivers costs their sum, not their product.
        var targets = WaiverTargets(findings[..<earlier])
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
            let (matched, unapproved) = targets.waive(w, reason: reason, shared: nil, approved: w.approvedBy != nil, &findings)
            if unapproved > 0 {
                findings.append(Finding(rule: rule, status: .fail, subject: w.label, expected: WaiverRule.needsApprover,
                                        message: WaiverRule.unapprovedMessage("the waiver for \(w.label)", unapproved), offset: w.offset))
                continue
            }
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
                guard let target = targets.first(matching: w, in: findings) else { continue }
                var f = Finding(rule: rule, status: .fail, subject: label, declared: expires.description, expected: "on or after \(c.asOf)",
                                message: "the shared waiver for \(w.label) in \(c.policy.file) expired on \(expires) (as of \(c.asOf)); renew it or fix the finding",
                                offset: findings[target].offset)
                f.meetsSharedWaiver(index, .expired)
                findings.append(f)
                continue
            }
            let (matched, unapproved) = targets.waive(w, reason: w.reason ?? "", shared: index, approved: w.approvedBy != nil, &findings)
            if unapproved > 0 {
                var f = Finding(rule: rule, status: .fail, subject: label, expected: WaiverRule.needsApprover,
                                message: WaiverRule.unapprovedMessage("the shared waiver for \(w.label) in \(c.policy.file)", unapproved))
                f.meetsSharedWaiver(index, .unapproved)
                findings.append(f)
                continue
            }
            if matched > 0 {
                var f = Finding(rule: rule, status: .pass, subject: label,
                                message: "the shared waiver for \(w.label) in \(c.policy.file) waives \(matched) finding\(matched == 1 ? "" : "s"): \(w.reason ?? "")")
                f.meetsSharedWaiver(index, .waived)
                findings.append(f)
            }
        }
    }

    /// What a waiver that would waive a failure without an approver expects (docs/verdicts.md, "Deviations").
    public static let needsApprover = "an approvedBy naming who accepted the failure"

    static func unapprovedMessage(_ subject: String, _ n: Int) -> String {
        "\(subject) would waive \(n == 1 ? "a finding that fails" : "\(n) findings that fail") but names no approver: "
            + "waiving a failure needs \"approvedBy\", so the failure stands"
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

    /// Same rule and same document; a waiver with no document matches only the rule's findings that name
    /// no document (plan-wide checks and devices): never a name outside the catalogue, which an
    /// `unknown-document` finding names. (`WaiverTargets` finds the same findings by lookup.)
    static func matches(_ w: Waiver, _ f: Finding) -> Bool {
        guard WaiverTargets.mayBeWaived(f), f.rule.id == w.rule else { return false }
        guard let document = w.document else { return f.documentName == nil }
        if let ref = w.documentRef, let fref = f.documentRef { return ref == fref }
        // Names outside the catalogue (unknown-document) match as written, case- and space-insensitively.
        return DocumentName.tokens(document) == DocumentName.tokens(f.subject ?? "")
    }
}

/// The findings a plan's waivers may waive, filed by what a waiver names (rule, then document), so each
/// waiver finds its findings by lookup. Every finding filed under a waiver's keys matches it
/// (`WaiverRule.matches`), so a waiver that applies takes the whole of its lists, and no later waiver
/// looks through them again: the cost is the number of findings and waivers, not their product.
struct WaiverTargets {
    /// Indices into the findings, in order, with the first not yet taken.
    struct List {
        var indices: [Int] = []
        var start = 0
    }

    /// What a list holds, for one rule: the findings that name no document; those about one document of
    /// the catalogue; and, for waivers matched by name, those whose subject has these words, without a
    /// document of the catalogue or with one.
    enum Key: Hashable {
        case noDocument(rule: String)
        case document(rule: String, DocumentRef)
        case nameWithoutDocument(rule: String, [String])
        case nameWithDocument(rule: String, [String])
    }

    private var lists: [Key: List] = [:]

    static func mayBeWaived(_ f: Finding) -> Bool {
        f.rule.waivable && (f.status == .warn || f.status == .fail) && f.waiver == nil
    }

    init(_ findings: ArraySlice<Finding>) {
        for (i, f) in zip(findings.indices, findings) where WaiverTargets.mayBeWaived(f) {
            let rule = f.rule.id
            if f.documentName == nil { lists[.noDocument(rule: rule), default: List()].indices.append(i) }
            if let ref = f.documentRef { lists[.document(rule: rule, ref), default: List()].indices.append(i) }
            if let subject = f.subject {
                let words = DocumentName.tokens(subject)
                let key: Key = f.documentRef == nil ? .nameWithoutDocument(rule: rule, words) : .nameWithDocument(rule: rule, words)
                lists[key, default: List()].indices.append(i)
            }
        }
    }

    /// The lists `w` draws on: every finding filed there matches it.
    private static func keys(for w: Waiver) -> [Key] {
        guard let document = w.document else { return [.noDocument(rule: w.rule)] }
        let words = DocumentName.tokens(document)
        if let ref = w.documentRef { return [.document(rule: w.rule, ref), .nameWithoutDocument(rule: w.rule, words)] }
        return [.nameWithoutDocument(rule: w.rule, words), .nameWithDocument(rule: w.rule, words)]
    }

    /// Waives every finding `w` matches; returns how many, and how many failures it left standing because
    /// it is not `approved` (a waiver of a failure needs an approver).
    mutating func waive(_ w: Waiver, reason: String, shared: Int?, approved: Bool, _ findings: inout [Finding]) -> (waived: Int, unapproved: Int) {
        var matched = 0, unapproved = 0
        for key in WaiverTargets.keys(for: w) {
            guard let list = lists[key], list.start < list.indices.count else { continue }
            for i in list.indices[list.start...] where findings[i].waiver == nil {
                if !approved && findings[i].status == .fail { unapproved += 1; continue }
                findings[i].waiver = AppliedWaiver(reason: reason, expires: w.expires, originalStatus: findings[i].status, shared: shared,
                                                   approvedBy: w.approvedBy)
                findings[i].status = .waived
                matched += 1
            }
            lists[key]!.start = list.indices.count
        }
        return (matched, unapproved)
    }

    /// The first finding `w` matches (its index), without waiving it.
    mutating func first(matching w: Waiver, in findings: [Finding]) -> Int? {
        var first: Int?
        for key in WaiverTargets.keys(for: w) {
            guard let list = lists[key] else { continue }
            // Findings waived since are passed over for good.
            var start = list.start
            while start < list.indices.count && findings[list.indices[start]].waiver != nil { start += 1 }
            lists[key]!.start = start
            if start < list.indices.count { first = min(first ?? .max, list.indices[start]) }
        }
        return first
    }
}
