/// What every rule may consult: the resolved baseline, the device registry (if given), the date waivers
/// are judged against, and the plan ids of the whole run (for the cross-plan rule).
public struct CheckContext: Sendable {
    public var baseline: ResolvedBaseline
    public var registry: DeviceRegistry?
    public var asOf: CalendarDate
    public var planIDs: PlanIDIndex

    public init(baseline: ResolvedBaseline, registry: DeviceRegistry?, asOf: CalendarDate, planIDs: PlanIDIndex = PlanIDIndex()) {
        self.baseline = baseline
        self.registry = registry
        self.asOf = asOf
        self.planIDs = planIDs
    }

    var tbrd: Version { baseline.baseline.tbrd.version }
}

/// A plan with what several rules derive from it, worked out once.
public struct PlanFacts: Sendable {
    public let plan: Plan
    /// The file the plan was read from, as the run names it.
    public let file: String
    let declarations: ArtefactDeclarations

    public init(_ plan: Plan, file: String, _ baseline: ResolvedBaseline) {
        self.plan = plan
        self.file = file
        declarations = ArtefactDeclarations(plan, baseline)
    }
}

/// The plan's artefacts sorted out once: the first declaration of each known document, conflicting
/// repeats and names outside the catalogue. Several rules read it.
struct ArtefactDeclarations: Sendable {
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
