/// What changed between two baselines (e.g. TBRD 1.24 and 1.25), compared after resolution, so a change
/// is reported the way it affects plans: a document whose relevant version moved, a consultation that
/// closed at a new version, a TBRD/SEC/SVTAD version that rose.
public struct BaselineDiff: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case tbrd, sec, svtad, added, removed, reversioned
        /// A version entering or leaving legal effect (several may be in legal effect side by side).
        case legalEffectAdded = "legal-effect-added"
        case legalEffectRemoved = "legal-effect-removed"
        case consultationOpened = "consultation-opened"
        case consultationClosed = "consultation-closed"
        /// A dated consultation event (the IOC cessation) added or removed: it changes ioc-cessation verdicts.
        case eventAdded = "event-added"
        case eventRemoved = "event-removed"
        /// A name plans may use for the document added or removed.
        case nameAdded = "name-added"
        case nameRemoved = "name-removed"
        case phases, title
    }

    public struct Change: Sendable, Hashable {
        public var kind: Kind
        public var subject: String
        public var old: String?
        public var new: String?
        public var detail: String
    }

    /// A plan that the change puts out of date: it declares what the old baseline required, and the new
    /// baseline requires something else.
    public struct PlanImpact: Sendable, Hashable {
        public var file: String
        /// The line of the declaration in the plan file (the `tbrd` value, the artefact), when known.
        public var line: Int?
        public var planID: String
        public var subject: String
        public var declared: String
        public var expected: String
        public var reason: String
    }

    public let old: ResolvedBaseline
    public let new: ResolvedBaseline
    public let changes: [Change]

    public var isEmpty: Bool { changes.isEmpty }

    public init(old: Baseline, new: Baseline) {
        self.old = ResolvedBaseline(old)
        self.new = ResolvedBaseline(new)
        var changes: [Change] = []
        if old.tbrd.version != new.tbrd.version || old.tbrd.date != new.tbrd.date {
            changes.append(Change(kind: .tbrd, subject: "TBRD", old: "\(old.tbrd.version)", new: "\(new.tbrd.version)",
                                  detail: "TBRD \(old.tbrd.version) (\(old.tbrd.date)) → \(new.tbrd.version) (\(new.tbrd.date))"))
        }
        if old.sec != new.sec {
            changes.append(Change(kind: .sec, subject: "SEC", old: "\(old.sec)", new: "\(new.sec)", detail: "SEC Version \(old.sec) → \(new.sec)"))
        }
        if old.svtad != new.svtad {
            changes.append(Change(kind: .svtad, subject: "Appendix AK (SVTAD)", old: "\(old.svtad)", new: "\(new.svtad)",
                                  detail: "SVTAD \(old.svtad) → \(new.svtad)"))
        }
        let oldRefs = Set(self.old.artefacts.map(\.ref))
        let newRefs = Set(self.new.artefacts.map(\.ref))
        for a in self.new.artefacts where !oldRefs.contains(a.ref) {
            changes.append(Change(kind: .added, subject: a.ref.description, old: nil, new: a.version?.description,
                                  detail: "\(a.ref) (\(a.title)) added" + (a.version.map { " at \($0)" } ?? "")))
        }
        for a in self.old.artefacts where !newRefs.contains(a.ref) {
            changes.append(Change(kind: .removed, subject: a.ref.description, old: a.version?.description, new: nil,
                                  detail: "\(a.ref) (\(a.title)) removed"))
        }
        for n in self.new.artefacts {
            // Sections and the SEC follow the SEC version, reported once above.
            guard let o = self.old[n.ref], n.origin != .secVersion || o.origin != .secVersion else { continue }
            let ov = o.version?.description ?? "none", nv = n.version?.description ?? "none"
            switch (o.consultation, n.consultation) {
            case (let c?, nil):
                changes.append(Change(kind: .consultationClosed, subject: n.ref.description, old: c.version.description, new: n.version?.description,
                                      detail: "\(n.ref) is no longer subject to further consultation: \(c.version) (provisional) → \(nv)" + (n.origin == nil ? "" : " (\(n.explanation))")))
            case (nil, let c?):
                changes.append(Change(kind: .consultationOpened, subject: n.ref.description, old: o.version?.description, new: c.version.description,
                                      detail: "\(n.ref) becomes subject to further consultation: \(ov) → \(c.version) (provisional)"))
            default:
                if o.version != n.version {
                    changes.append(Change(kind: .reversioned, subject: n.ref.description, old: o.version?.description, new: n.version?.description,
                                          detail: "\(n.ref) \(ov) → \(nv)" + (n.version == nil ? "" : " (\(n.explanation))")))
                }
            }
            // Looked up, not scanned; and the versions side by side are listed once per document (on the row of
            // the first version entering legal effect), not on every entering version's row: the output grows
            // with the change, not with its square (issue 26).
            let oldLegal = Set(o.legalEffect), newLegal = Set(n.legalEffect)
            var firstEntering: Version?
            for v in n.legalEffect where !oldLegal.contains(v) {
                var detail = "\(n.ref) \(v) enters legal effect"
                if let first = firstEntering {
                    detail += ", side by side with the versions listed on the row of \(first)"
                } else if n.legalEffect.count > 1 {
                    detail += ", side by side with \(n.legalEffect.filter { $0 != v }.map(\.description).joined(separator: ", "))"
                }
                firstEntering = firstEntering ?? v
                changes.append(Change(kind: .legalEffectAdded, subject: n.ref.description, old: nil, new: v.description, detail: detail))
            }
            for v in o.legalEffect where !newLegal.contains(v) {
                changes.append(Change(kind: .legalEffectRemoved, subject: n.ref.description, old: v.description, new: nil,
                                      detail: "\(n.ref) \(v) leaves legal effect"))
            }
            let oldEvents = o.consultation?.events ?? [], newEvents = n.consultation?.events ?? []
            let oldEventSet = Set(oldEvents), newEventSet = Set(newEvents)
            for e in newEvents where !oldEventSet.contains(e) {
                changes.append(Change(kind: .eventAdded, subject: n.ref.description, old: nil, new: e.date.description,
                                      detail: "\(n.ref): event added, \(ConsultationText.describe(e))"))
            }
            for e in oldEvents where !newEventSet.contains(e) {
                changes.append(Change(kind: .eventRemoved, subject: n.ref.description, old: e.date.description, new: nil,
                                      detail: "\(n.ref): event removed, \(ConsultationText.describe(e))"))
            }
            if o.phases != n.phases {
                let f = { (p: [Phase]?) in p.map { $0.map(\.rawValue).joined(separator: ", ") } ?? "all" }
                changes.append(Change(kind: .phases, subject: n.ref.description, old: f(o.phases), new: f(n.phases),
                                      detail: "\(n.ref) applies to \(f(o.phases)) → \(f(n.phases))"))
            }
            if o.title != n.title {
                changes.append(Change(kind: .title, subject: n.ref.description, old: o.title, new: n.title,
                                      detail: "\(n.ref) retitled \"\(o.title)\" → \"\(n.title)\""))
            }
        }
        // Names: a name a plan used that no longer names its document makes that plan fail.
        let oldNames = BaselineDiff.names(old), newNames = BaselineDiff.names(new)
        let oldNameSets = oldNames.mapValues(Set.init), newNameSets = newNames.mapValues(Set.init)
        for (ref, names) in newNames.sorted(by: { $0.key < $1.key }) {
            for name in names where !(oldNameSets[ref]?.contains(name) ?? false) && oldRefs.contains(ref) {
                changes.append(Change(kind: .nameAdded, subject: ref.description, old: nil, new: name,
                                      detail: "\(ref) may also be named \"\(name)\"" + BaselineDiff.formerTitleNote(name, ref, new)))
            }
        }
        for (ref, names) in oldNames.sorted(by: { $0.key < $1.key }) {
            for name in names where !(newNameSets[ref]?.contains(name) ?? false) && newRefs.contains(ref) {
                changes.append(Change(kind: .nameRemoved, subject: ref.description, old: name, new: nil,
                                      detail: "\(ref) is no longer named \"\(name)\"" + BaselineDiff.formerTitleNote(name, ref, old)))
            }
        }
        self.changes = changes
    }

    /// The aliases and former titles of each document, and the names of each part: every name a plan may
    /// use besides the code and the title (a former title resolves, with a note naming the current one).
    static func names(_ b: Baseline) -> [DocumentRef: [String]] {
        var out: [DocumentRef: [String]] = [:]
        for d in b.documents {
            if !d.aliases.isEmpty || !d.formerTitles.isEmpty { out[d.ref] = d.aliases + d.formerTitles }
            for p in d.parts { out[d.ref(of: p)] = [p.name] + p.aliases }
        }
        return out
    }

    /// ", a former title" when `name` is one of the document's former titles in `baseline`.
    static func formerTitleNote(_ name: String, _ ref: DocumentRef, _ baseline: Baseline) -> String {
        baseline.document(ref)?.formerTitles.contains(name) == true ? " (a former title)" : ""
    }

    /// The plans the change puts out of date, and why.
    public func impact(on plans: [(file: String, plan: Plan)]) -> [PlanImpact] {
        impact(on: plans.map { ($0.file, $0.plan, nil) })
    }

    /// The plans the change puts out of date, each row at its line when the plan's `lines` are given.
    public func impact(on plans: [(file: String, plan: Plan, lines: LineIndex?)]) -> [PlanImpact] {
        var out: [PlanImpact] = []
        let oldTBRD = old.baseline.tbrd.version, newTBRD = new.baseline.tbrd.version
        for (file, plan, lines) in plans {
            let line = { (offset: Int) in lines?.line(ofOffset: offset) }
            if oldTBRD != newTBRD && plan.tbrd.value == oldTBRD {
                out.append(PlanImpact(file: file, line: line(plan.tbrd.offset), planID: plan.id, subject: "TBRD", declared: plan.tbrdText,
                                      expected: newTBRD.description, reason: "prepared against TBRD \(oldTBRD), now superseded"))
            }
            var seen: Set<String> = []
            for a in plan.artefacts {
                guard let ref = a.ref, seen.insert("\(ref) \(a.version)").inserted, let o = old[ref] else { continue }
                let n = new[ref]
                // Relevant under the old baseline, and not under the new one.
                guard o.relevant.contains(a.version), !(n?.relevant.contains(a.version) ?? false) else { continue }
                let expected = n.flatMap { $0.relevant.isEmpty ? nil : $0.expectedText } ?? "none (removed or unversioned)"
                out.append(PlanImpact(file: file, line: line(a.offset), planID: plan.id, subject: ref.description, declared: a.versionText,
                                      expected: expected, reason: n == nil ? "\(ref) is no longer in the baseline"
                                          : "\(ref) moves from \(o.expectedText) to \(expected)"))
            }
        }
        return out
    }
}
