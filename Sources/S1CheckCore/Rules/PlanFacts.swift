/// What every rule may consult: the resolved baseline, the device registry (if given), the date waivers
/// are judged against, the plan ids of the whole run (for the cross-plan rule) and the run's policy.
public struct CheckContext: Sendable {
    public var baseline: ResolvedBaseline
    public var registry: DeviceRegistry?
    public var asOf: CalendarDate
    public var planIDs: PlanIDIndex
    public var policy: Policy
    /// The run's test results linked to its plans (`--results`); nil: the run reads none, and rule
    /// `test-results` says nothing.
    public var execution: ExecutionIndex? = nil

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
    /// Every declaration of each document declared more than once, in plan order: grouped once, so a rule
    /// (or its fix) asking about one declaration does not scan the plan again.
    let declaredMoreThanOnce: [DocumentRef: [DeclaredArtefact]]
    private let lines: LineIndex?

    public init(_ plan: Plan, file: String, _ baseline: ResolvedBaseline, lines: LineIndex? = nil) {
        self.plan = plan
        self.file = file
        self.lines = lines
        declarations = ArtefactDeclarations(plan, baseline)
        // Only documents with a conflict or a repeat are grouped (what a fix of their findings lists): most
        // plans have none, so the check of an ordinary plan builds nothing here.
        let involved = Set(declarations.conflicts.map { $0.2.ref } + declarations.repeats.map { $0.2.ref })
        var byDocument: [DocumentRef: [DeclaredArtefact]] = [:]
        if !involved.isEmpty {
            for a in plan.artefacts { if let ref = a.ref, involved.contains(ref) { byDocument[ref, default: []].append(a) } }
        }
        declaredMoreThanOnce = byDocument
    }

    /// "line 12" for a byte offset in the plan file, for messages that point at two places.
    func line(_ offset: Int) -> String {
        lines.map { "line \($0.line(ofOffset: offset))" } ?? "offset \(offset)"
    }
}

/// The plan's artefacts sorted out once. Several rules read it.
///
/// A document may be declared more than once: at several relevant versions (versions side by side: each
/// is checked, TBRD paragraphs 1(ii) and 3), at the same version again (a repeat, reported), or at a
/// version that is not relevant beside another declaration (a conflict, reported on the declaration that
/// is not relevant, which is not checked again). Linear in the number of declarations.
struct ArtefactDeclarations: Sendable {
    /// The declarations checked against the baseline, each with its resolved artefact.
    var checked: [(DeclaredArtefact, ResolvedArtefact)] = []
    /// A declaration at a version that is not relevant, beside `other`: a relevant declaration of the same
    /// document when there is one, else the first one declared (which is checked).
    var conflicts: [(DeclaredArtefact, other: DeclaredArtefact, ResolvedArtefact)] = []
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
        // Per document, the first declaration of each version (in plan order), and the first relevant one. The
        // versions are kept in one flat map keyed by document and version, never in a collection inside a
        // group: a group copied out of `groups`, changed and written back would copy that collection on every
        // declaration (quadratic in a document declared at thousands of versions, issue 26).
        struct Group { var versions = 1; var first: DeclaredArtefact; var relevant: DeclaredArtefact? }
        struct DeclaredVersion: Hashable { var ref: DocumentRef; var version: Version }
        var groups: [DocumentRef: Group] = [:]
        var firstOfVersion: [DeclaredVersion: DeclaredArtefact] = [:]
        // Each document's relevant versions as a set and the newest version the baseline knows, worked out
        // once per document, not scanned for every declaration.
        var known: [DocumentRef: (relevant: Set<Version>, newest: Version?)] = [:]
        var distinct: [(DeclaredArtefact, ResolvedArtefact, isRelevant: Bool)] = []
        for (a, r) in resolved {
            let k = known[r.ref] ?? {
                let k = (relevant: Set(r.relevant), newest: r.knownVersions.max())
                known[r.ref] = k
                return k
            }()
            // A version newer than any the baseline knows is checked too (a warning), never a conflict.
            let isRelevant = k.relevant.contains(a.version) || k.newest.map { a.version > $0 } ?? false
            let key = DeclaredVersion(ref: r.ref, version: a.version)
            if let earlier = firstOfVersion[key] { repeats.append((a, earlier, r)); continue }
            firstOfVersion[key] = a
            if var g = groups[r.ref] {
                g.versions += 1
                if isRelevant && g.relevant == nil { g.relevant = a }
                groups[r.ref] = g
            } else {
                groups[r.ref] = Group(first: a, relevant: isRelevant ? a : nil)
            }
            distinct.append((a, r, isRelevant))
        }
        for (a, r, isRelevant) in distinct {
            let g = groups[r.ref]!
            if g.versions == 1 || isRelevant {
                checked.append((a, r))
            } else if let other = g.relevant {
                conflicts.append((a, other, r))
            } else if a.offset == g.first.offset {
                // No declared version is relevant: the first is checked (and drifts), the rest conflict with it.
                checked.append((a, r))
            } else {
                conflicts.append((a, g.first, r))
            }
        }
    }
}

extension Finding {
    /// A finding about one declared artefact: the subject, document, declared version and line come from
    /// the declaration, so the artefact rules state only what differs.
    init(_ rule: RuleDescription, _ status: Status, about a: DeclaredArtefact, _ r: ResolvedArtefact,
         declared: String? = nil, expected: String? = nil, message: String, clause: String? = nil, hint: String? = nil,
         fix: Fix? = nil) {
        self.init(rule: rule, status: status, subject: r.ref.description, documentRef: r.ref,
                  declared: declared ?? a.versionText, expected: expected, message: message, clause: clause ?? r.clause,
                  hint: hint, offset: a.offset, fix: fix)
    }
}
