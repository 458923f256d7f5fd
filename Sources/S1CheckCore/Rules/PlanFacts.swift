/// What every rule may consult: the resolved baseline, the device registry (if given), the date waivers
/// are judged against, the plan ids of the whole run (for the cross-plan rule) and the run's policy.
public struct CheckContext: Sendable {
    public var baseline: ResolvedBaseline
    public var registry: DeviceRegistry?
    public var asOf: CalendarDate
    public var planIDs: PlanIDIndex
    public var policy: Policy

    public init(baseline: ResolvedBaseline, registry: DeviceRegistry?, asOf: CalendarDate, planIDs: PlanIDIndex = PlanIDIndex(),
                policy: Policy = .none) {
        self.baseline = baseline
        self.registry = registry
        self.asOf = asOf
        self.planIDs = planIDs
        self.policy = policy
    }

    var tbrd: Version { baseline.baseline.tbrd.version }
}

/// A plan with what several rules derive from it, worked out once.
public struct PlanFacts: Sendable {
    public let plan: Plan
    /// The file the plan was read from, as the run names it.
    public let file: String
    let declarations: ArtefactDeclarations
    private let lines: LineIndex?

    public init(_ plan: Plan, file: String, _ baseline: ResolvedBaseline, lines: LineIndex? = nil) {
        self.plan = plan
        self.file = file
        self.lines = lines
        declarations = ArtefactDeclarations(plan, baseline)
    }

    /// "line 12" for a byte offset in the plan file, for messages that point at two places.
    func line(_ offset: Int) -> String {
        lines.map { "line \($0.line(ofOffset: offset))" } ?? "offset \(offset)"
    }
}

/// The plan's artefacts sorted out once. Several rules read it.
///
/// A document may be declared more than once: at versions in legal effect side by side (each is checked,
/// TBRD paragraphs 1 and 3), at the same version again (a repeat, reported), or at another version when
/// not all of them are relevant (a conflict: the repeat is not checked again).
struct ArtefactDeclarations: Sendable {
    /// The declarations checked against the baseline, each with its resolved artefact.
    var checked: [(DeclaredArtefact, ResolvedArtefact)] = []
    var conflicts: [(DeclaredArtefact, first: DeclaredArtefact, ResolvedArtefact)] = []
    var repeats: [(DeclaredArtefact, first: DeclaredArtefact, ResolvedArtefact)] = []
    var unknown: [DeclaredArtefact] = []

    init(_ plan: Plan, _ baseline: ResolvedBaseline) {
        // Resolve each declaration once; most plans name each document once, which needs no grouping.
        var resolved: [(DeclaredArtefact, ResolvedArtefact)] = []
        resolved.reserveCapacity(plan.artefacts.count)
        for a in plan.artefacts {
            if let ref = a.ref, let r = baseline[ref] { resolved.append((a, r)) } else { unknown.append(a) }
        }
        var seen = Set<DocumentRef>(minimumCapacity: resolved.count)
        if resolved.allSatisfy({ seen.insert($0.1.ref).inserted }) {
            checked = resolved
            return
        }
        var byRef: [DocumentRef: [DeclaredArtefact]] = [:]
        for (a, r) in resolved { byRef[r.ref, default: []].append(a) }
        var checkedOffsets: Set<Int> = []
        for (ref, group) in byRef {
            let r = baseline[ref]!
            var byVersion: [DeclaredArtefact] = []
            for a in group {
                if let earlier = byVersion.first(where: { $0.version == a.version }) { repeats.append((a, earlier, r)); continue }
                byVersion.append(a)
            }
            let concurrent = byVersion.count > 1 && byVersion.allSatisfy { r.relevant.contains($0.version) }
            for (i, a) in byVersion.enumerated() {
                if i == 0 || concurrent { checkedOffsets.insert(a.offset) } else { conflicts.append((a, byVersion[0], r)) }
            }
        }
        // Findings follow the plan's order, whatever order the groups were visited in.
        checked = resolved.filter { checkedOffsets.contains($0.0.offset) }
        repeats.sort { $0.0.offset < $1.0.offset }
        conflicts.sort { $0.0.offset < $1.0.offset }
    }
}

extension Finding {
    /// A finding about one declared artefact: the subject, document, declared version and line come from
    /// the declaration, so the artefact rules state only what differs.
    init(_ rule: RuleDescription, _ status: Status, about a: DeclaredArtefact, _ r: ResolvedArtefact,
         declared: String? = nil, expected: String? = nil, message: String, clause: String? = nil) {
        self.init(rule: rule, status: status, subject: r.ref.description, documentRef: r.ref,
                  declared: declared ?? a.versionText, expected: expected, message: message, clause: clause,
                  offset: a.offset)
    }
}
