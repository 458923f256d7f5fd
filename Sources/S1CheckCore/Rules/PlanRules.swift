/// What every rule may consult: the resolved baseline, the device registry (if given) and the date
/// waivers are judged against.
public struct CheckContext: Sendable {
    public var baseline: ResolvedBaseline
    public var registry: DeviceRegistry?
    public var asOf: CalendarDate

    public init(baseline: ResolvedBaseline, registry: DeviceRegistry?, asOf: CalendarDate) {
        self.baseline = baseline
        self.registry = registry
        self.asOf = asOf
    }

    var tbrd: Version { baseline.baseline.tbrd.version }
}

/// A rule that looks at one plan. Each returns every check it made, passes included.
public protocol PlanRule: Sendable {
    var rule: Rule { get }
    func check(_ plan: PlanFacts, _ context: CheckContext) -> [Finding]
}

/// A plan with what several rules derive from it, worked out once.
public struct PlanFacts {
    public let plan: Plan
    let declarations: ArtefactDeclarations

    public init(_ plan: Plan, _ baseline: ResolvedBaseline) {
        self.plan = plan
        declarations = ArtefactDeclarations(plan, baseline)
    }
}

/// The plan's artefacts sorted out once: the first declaration of each known document, redundant
/// repeats, conflicting repeats and names outside the catalogue. Several rules read it.
struct ArtefactDeclarations {
    var first: [(DeclaredArtefact, ResolvedArtefact)] = []
    var conflicts: [(DeclaredArtefact, first: DeclaredArtefact, ResolvedArtefact)] = []
    var unknown: [DeclaredArtefact] = []

    init(_ plan: Plan, _ baseline: ResolvedBaseline) {
        var seen: [DocumentRef: DeclaredArtefact] = [:]
        for a in plan.artefacts {
            guard let ref = a.ref, let resolved = baseline[ref] else { unknown.append(a); continue }
            if let earlier = seen[ref] {
                if earlier.version != a.version { conflicts.append((a, earlier, resolved)) }
                continue
            }
            seen[ref] = a
            first.append((a, resolved))
        }
    }
}

struct TBRDVersionRule: PlanRule {
    let rule = Rules.tbrdVersion
    func check(_ facts: PlanFacts, _ c: CheckContext) -> [Finding] {
        let plan = facts.plan
        let declared = plan.tbrd.value, baseline = c.tbrd
        let status: Status
        let message: String
        if declared == baseline {
            status = .pass
            message = "prepared against TBRD \(baseline), the baseline in use"
        } else if declared < baseline {
            status = .fail
            message = "prepared against TBRD \(declared), but the baseline is TBRD \(baseline) (\(c.baseline.baseline.tbrd.date)): the plan has drifted from the current baseline; re-check it against TBRD \(baseline)"
        } else {
            status = .warn
            message = "prepared against TBRD \(declared), newer than the checker's baseline TBRD \(baseline): pass the newer baseline with --baseline before relying on this result"
        }
        return [Finding(rule: rule, status: status, declared: plan.tbrdText, expected: baseline.description,
                        message: message, offset: plan.tbrd.offset)]
    }
}

struct DevicesDeclaredRule: PlanRule {
    let rule = Rules.devicesDeclared
    func check(_ facts: PlanFacts, _ c: CheckContext) -> [Finding] {
        let plan = facts.plan
        let models = plan.deviceModels.count, combos = plan.combinations.count
        if models == 0 && combos == 0 {
            return [Finding(rule: rule, status: .fail,
                            message: "the plan declares no device model and no device model combination; the baseline applies in respect of the devices used in testing, so a plan must name them",
                            offset: plan.devicesOffset)]
        }
        return [Finding(rule: rule, status: .pass,
                        message: "\(models) device model\(models == 1 ? "" : "s") and \(combos) combination\(combos == 1 ? "" : "s") declared",
                        offset: plan.devicesOffset)]
    }
}

struct DeviceEligibilityRule: PlanRule {
    let rule = Rules.deviceEligibility
    func check(_ facts: PlanFacts, _ c: CheckContext) -> [Finding] {
        let plan = facts.plan
        guard let registry = c.registry else { return [] }
        var out: [Finding] = []
        for d in plan.deviceModels {
            let sameModel = registry.entries(manufacturer: d.manufacturer, model: d.model)
            let exact = sameModel.filter { $0.firmware.contains(d.firmware) }
            let status: Status
            let message: String
            if let entry = exact.first(where: { $0.phases.contains(plan.phase) && $0.type == d.type }) {
                status = .pass
                message = "\(d.label) is registry entry \(entry.id), eligible for \(plan.phase.rawValue)"
            } else if let entry = exact.first(where: { $0.type == d.type }) {
                status = .fail
                message = "\(d.label) is registry entry \(entry.id), eligible for \(entry.phases.map(\.rawValue).joined(separator: ", ")) only, not \(plan.phase.rawValue)"
            } else if let entry = exact.first {
                status = .fail
                message = "\(d.manufacturer) \(d.model) firmware \(d.firmware) is registry entry \(entry.id) of type \(entry.type.rawValue), not \(d.type.rawValue)"
            } else if !sameModel.isEmpty {
                status = .fail
                let known = sameModel.map { "\($0.id) (firmware \($0.firmware.joined(separator: ", ")))" }.joined(separator: "; ")
                message = "firmware \(d.firmware) of \(d.manufacturer) \(d.model) is not in the registry; it lists \(known)"
            } else {
                status = .fail
                let labels = registry.deviceModels.map { "\($0.manufacturer) \($0.model)" }
                let near = nearest(to: "\(d.manufacturer) \(d.model)", in: labels, limit: 3, maxDistance: 8)
                message = "\(d.manufacturer) \(d.model) is not in the device registry" + (near.isEmpty ? "" : "; nearest entries: \(near.joined(separator: ", "))")
            }
            out.append(Finding(rule: rule, status: status, subject: d.label, declared: d.firmware,
                               expected: status == .pass ? d.firmware : nil, message: message, offset: d.offset))
        }
        for combo in plan.combinations {
            let id = combo.value
            let finding: Finding
            if let entry = registry.combination(id: id) {
                let ok = entry.phases.contains(plan.phase)
                finding = Finding(rule: rule, status: ok ? .pass : .fail, subject: "combination \(id)",
                                  message: ok ? "combination \(id) is eligible for \(plan.phase.rawValue)"
                                      : "combination \(id) is eligible for \(entry.phases.map(\.rawValue).joined(separator: ", ")) only, not \(plan.phase.rawValue)",
                                  offset: combo.offset)
            } else {
                let near = nearest(to: id, in: registry.combinations.map(\.id), limit: 3, maxDistance: 3)
                finding = Finding(rule: rule, status: .fail, subject: "combination \(id)",
                                  message: "combination \(id) is not in the device registry" + (near.isEmpty ? "" : "; nearest: \(near.joined(separator: ", "))"),
                                  offset: combo.offset)
            }
            out.append(finding)
        }
        return out
    }
}

struct UnknownDocumentRule: PlanRule {
    let rule = Rules.unknownDocument
    func check(_ facts: PlanFacts, _ c: CheckContext) -> [Finding] {
        return facts.declarations.unknown.map { a in
            let name = a.ref?.description ?? a.written
            var candidates = c.baseline.names
            if case .document(let kind, _)? = a.ref {
                candidates = c.baseline.artefacts.filter { if case .document(kind, _) = $0.ref { return true }; return false }.map(\.ref.description)
            }
            var near = nearest(to: name, in: candidates, limit: 3, maxDistance: max(3, name.count / 2))
            // A name with a title after it ("Appendix AD – DCC User Interface ...") names its document first.
            if a.ref == nil, let lead = DocumentName.leadingReference(a.written), c.baseline[lead] != nil {
                near = [lead.description] + near.filter { $0 != lead.description }.prefix(2)
            }
            let hint = near.isEmpty ? "" : "; nearest: \(near.joined(separator: ", "))"
            return Finding(rule: rule, status: .fail, subject: name, documentRef: a.ref, declared: a.versionText,
                           message: "\"\(a.written)\" is not a Section, Schedule or Appendix of the SEC\(hint)", offset: a.offset)
        }
    }
}

struct DuplicateDocumentRule: PlanRule {
    let rule = Rules.duplicateDocument
    func check(_ facts: PlanFacts, _ c: CheckContext) -> [Finding] {
        return facts.declarations.conflicts.map { (a, first, resolved) in
            Finding(rule: rule, status: .fail, subject: resolved.ref.description, documentRef: resolved.ref,
                    declared: a.versionText, expected: first.versionText,
                    message: "\(resolved.ref) is declared twice with different versions: \(first.versionText) and \(a.versionText); a plan tests one version of each document",
                    offset: a.offset)
        }
    }
}

struct ArtefactVersionRule: PlanRule {
    let rule = Rules.artefactVersion
    func check(_ facts: PlanFacts, _ c: CheckContext) -> [Finding] {
        return facts.declarations.first.compactMap { (a, r) in
            guard let expected = r.version else { return nil }
            let why = r.explanation
            let status: Status
            let message: String
            if a.version == expected {
                status = .pass
                message = "\(r.ref) at \(a.versionText) matches the baseline (\(why))"
            } else if a.version < expected {
                status = .fail
                let below = r.origin == .consultation ? ", below the version under consultation" : ""
                message = "\(r.ref) is declared at \(a.versionText) but the baseline requires \(expected) (\(why))\(below): the plan has drifted"
            } else {
                status = .warn
                message = "\(r.ref) is declared at \(a.versionText), newer than the baseline's \(expected) (\(why)): not yet in TBRD \(c.tbrd)"
            }
            return Finding(rule: rule, status: status, subject: r.ref.description, documentRef: r.ref,
                           declared: a.versionText, expected: expected.description, message: message,
                           clause: "\(rule.clause): \(why)", offset: a.offset)
        }
    }
}

struct UnversionedDocumentRule: PlanRule {
    let rule = Rules.unversionedDocument
    func check(_ facts: PlanFacts, _ c: CheckContext) -> [Finding] {
        return facts.declarations.first.compactMap { (a, r) in
            guard r.version == nil else { return nil }
            return Finding(rule: rule, status: .warn, subject: r.ref.description, documentRef: r.ref, declared: a.versionText,
                           message: "\(r.ref) (\(r.title)) has no version in the baseline: it is not listed in TBRD \(c.tbrd) Annex A and no version in legal effect is recorded, so \(a.versionText) cannot be verified",
                           offset: a.offset)
        }
    }
}

struct ConsultationRule: PlanRule {
    let rule = Rules.consultation
    func check(_ facts: PlanFacts, _ c: CheckContext) -> [Finding] {
        return facts.declarations.first.compactMap { (a, r) in
            guard let consultation = r.consultation, a.version == consultation.version else { return nil }
            let notes = consultation.notes.map(ConsultationText.describe).joined(separator: "; ")
            return Finding(rule: rule, status: .warn, subject: r.ref.description, documentRef: r.ref,
                           declared: a.versionText, expected: consultation.version.description,
                           message: "\(r.ref) \(consultation.version) is still under consultation, so this version is provisional" + (notes.isEmpty ? "" : " (\(notes))"),
                           offset: a.offset)
        }
    }
}

/// Phrases for consultation notes and events, shared by findings and reports.
public enum ConsultationText {
    public static func describe(_ n: ConsultationNote) -> String {
        switch (n.opened, n.closed) {
        case let (o?, c?): return "\(n.what), \(o) to \(c)"
        case let (nil, c?): return "\(n.what), closed \(c)"
        case let (o?, nil): return "\(n.what), opened \(o)"
        case (nil, nil): return n.what
        }
    }

    public static func describe(_ e: ConsultationEvent) -> String {
        let phases = e.phases.map { " (\($0.map(\.rawValue).joined(separator: ", ")))" } ?? ""
        return "\(e.date): \(e.what)\(phases)"
    }
}

struct PhaseApplicabilityRule: PlanRule {
    let rule = Rules.phaseApplicability
    func check(_ facts: PlanFacts, _ c: CheckContext) -> [Finding] {
        let plan = facts.plan
        return facts.declarations.first.compactMap { (a, r) in
            guard let phases = r.phases else { return nil }
            let list = phases.map(\.rawValue).joined(separator: ", ")
            let ok = phases.contains(plan.phase)
            return Finding(rule: rule, status: ok ? .pass : .warn, subject: r.ref.description, documentRef: r.ref,
                           declared: plan.phase.rawValue, expected: list,
                           message: ok ? "\(r.ref) (\(r.title)) applies to \(list); this plan is for \(plan.phase.rawValue)"
                               : "\(r.ref) (\(r.title)) applies to \(list) only; this plan is for \(plan.phase.rawValue)",
                           clause: "\(rule.clause); \(r.ref) applies to \(list)", offset: a.offset)
        }
    }
}

struct IOCCessationRule: PlanRule {
    let rule = Rules.iocCessation
    func check(_ facts: PlanFacts, _ c: CheckContext) -> [Finding] {
        let plan = facts.plan
        guard let window = plan.window else { return [] }
        return c.baseline.events.filter { $0.1.phases?.contains(plan.phase) ?? true }.map { (r, event) in
            let past = window.end > event.date
            return Finding(
                rule: rule, status: past ? .warn : .pass, subject: r.ref.description, documentRef: r.ref,
                declared: window.end.description, expected: "on or before \(event.date)",
                message: past
                    ? "the \(plan.phase.rawValue) test window ends \(window.end), after \(event.date), the \(event.what) (\(r.ref)): plan for the change"
                    : "the \(plan.phase.rawValue) test window ends \(window.end), not after \(event.date), the \(event.what) (\(r.ref))",
                clause: "TBRD \(c.tbrd) Annex A, \(r.ref): \(event.what) on \(event.date)", offset: window.endOffset)
        }
    }
}

/// Applies a plan's waivers to its findings and reports on each waiver.
enum WaiverApplication {
    static func apply(_ waivers: [Waiver], to findings: inout [Finding], asOf: CalendarDate) -> [Finding] {
        var out: [Finding] = []
        for w in waivers {
            let rule = Rules.waiver
            guard let reason = w.reason else {
                out.append(Finding(rule: rule, status: .fail, subject: w.label,
                                   message: "the waiver for \(w.label) gives no reason; a waiver must say why", offset: w.offset))
                continue
            }
            if let expires = w.expires, expires < asOf {
                out.append(Finding(rule: rule, status: .fail, subject: w.label, declared: expires.description,
                                   expected: "on or after \(asOf)",
                                   message: "the waiver for \(w.label) expired on \(expires) (as of \(asOf)); renew it or fix the finding",
                                   offset: w.offset))
                continue
            }
            var matched = 0
            for i in findings.indices where matches(w, findings[i]) {
                let original = findings[i].status
                findings[i].status = .waived
                findings[i].waiver = AppliedWaiver(reason: reason, expires: w.expires, originalStatus: original)
                matched += 1
            }
            out.append(matched == 0
                ? Finding(rule: rule, status: .warn, subject: w.label,
                          message: "the waiver for \(w.label) matches no warn or fail finding; remove it", offset: w.offset)
                : Finding(rule: rule, status: .pass, subject: w.label,
                          message: "the waiver for \(w.label) waives \(matched) finding\(matched == 1 ? "" : "s"): \(reason)", offset: w.offset))
        }
        return out
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
