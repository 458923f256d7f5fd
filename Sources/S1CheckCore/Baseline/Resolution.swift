/// Where a resolved version came from, so every verdict can cite its ground.
public enum VersionOrigin: Sendable, Hashable {
    /// The SEC version named in Annex A ("SEC Version 72.0 includes ..."); Sections take it (TBRD para 1(i)).
    case secVersion
    /// The SVTAD version given in TBRD footnote 1, treated as the version in legal effect of Appendix AK.
    case svtad
    /// The versions in legal effect (one, or several side by side); `annexA` is an older or equal Annex A
    /// entry, if any.
    case legalEffect(annexA: Version?)
    /// The Annex A version; `supersedes` is the most recent version in legal effect it replaces, if any.
    case annexA(supersedes: Version?)
    /// A version still under consultation (Annex A, second list): provisional.
    case consultation

    /// A machine-readable key for JSON: "annexA", "legalEffect", "consultation", "sec", "svtad".
    public var key: String {
        switch self {
        case .secVersion: return "sec"
        case .svtad: return "svtad"
        case .legalEffect: return "legalEffect"
        case .annexA: return "annexA"
        case .consultation: return "consultation"
        }
    }
}

/// One artefact of the baseline with its relevant versions (none when the baseline gives it none).
/// A class: built once per run and shared by every plan's findings.
public final class ResolvedArtefact: Sendable {
    public let ref: DocumentRef
    public let title: String
    /// The versions a plan may declare, oldest first: usually one; every version in legal effect where
    /// several sit side by side and Annex A lists none more recent (which one applies depends on the
    /// device models tested, TBRD paragraph 1).
    public let relevant: [Version]
    /// The most recent relevant version: what `init` writes and tables lead with.
    public let version: Version?
    public let origin: VersionOrigin?
    /// The facts the versions rest on: every version in legal effect, the Annex A version.
    public let legalEffect: [Version]
    public let annexA: Version?
    public let phases: [Phase]?
    public let consultation: Consultation?
    /// Issues in legal effect the SEC identifies by date only (Schedule 9's SMETS2 issues).
    public let datedIssues: [CalendarDate]
    public let sources: [String: String]
    /// Where the versions come from, in two phrasings worked out once (every finding about this artefact
    /// cites one): a clause for findings ("TBRD 1.24 Annex A, which supersedes the 5.0 in legal effect
    /// under paragraph 3") and a short one for tables ("Annex A 5.1, more recent than legal effect 5.0").
    public let explanation: String
    public let originSummary: String
    /// "5.1", or "one of 1.0, 1.1, …" for versions side by side.
    public let expectedText: String

    init(ref: DocumentRef, title: String, relevant: [Version], origin: VersionOrigin?, legalEffect: [Version] = [],
         annexA: Version? = nil, phases: [Phase]?, consultation: Consultation?, datedIssues: [CalendarDate] = [],
         sources: [String: String], tbrd: Version) {
        self.ref = ref
        self.title = title
        self.relevant = relevant
        self.version = relevant.last
        self.origin = origin
        self.legalEffect = legalEffect
        self.annexA = annexA
        self.phases = phases
        self.consultation = consultation
        self.datedIssues = datedIssues
        self.sources = sources
        explanation = ResolvedArtefact.explain(relevant, origin, datedIssues, tbrd: tbrd)
        originSummary = ResolvedArtefact.summarise(relevant, origin, datedIssues)
        expectedText = relevant.count == 1 ? relevant[0].description : "one of " + ResolvedArtefact.list(relevant)
    }

    public func applies(to phase: Phase) -> Bool { phases?.contains(phase) ?? true }

    /// Several relevant versions side by side.
    public var isConcurrent: Bool { relevant.count > 1 }

    /// Every version the baseline knows for the artefact: a declared version above all of these is one
    /// the baseline has not caught up with.
    public var knownVersions: [Version] {
        var all = relevant + legalEffect
        if let annexA { all.append(annexA) }
        if let c = consultation { all.append(c.version) }
        return all
    }

    static func list(_ versions: [Version]) -> String { versions.map(\.description).joined(separator: ", ") }

    static func explain(_ relevant: [Version], _ origin: VersionOrigin?, _ dated: [CalendarDate], tbrd: Version) -> String {
        guard let version = relevant.last, let origin else {
            if !dated.isEmpty {
                return "listed in the consolidated SEC by date only (issues of \(dated.map(\.description).joined(separator: ", "))), with no version number"
            }
            return "not listed in TBRD \(tbrd) Annex A and no version in legal effect is recorded"
        }
        switch origin {
        case .secVersion: return "SEC Version \(version), TBRD \(tbrd) paragraph 1(i) and Annex A"
        case .svtad: return "the current SVTAD version, TBRD \(tbrd) footnote 1"
        case .legalEffect(let a):
            if relevant.count > 1 {
                return "the versions in legal effect side by side (\(list(relevant))), TBRD \(tbrd) paragraph 3; which one applies depends on the device models tested (paragraph 1)"
            }
            if let a, a == version { return "in legal effect and listed in TBRD \(tbrd) Annex A" }
            if let a { return "in legal effect; the Annex A version \(a) is older, TBRD \(tbrd) paragraph 3" }
            return "in legal effect, TBRD \(tbrd) paragraph 3"
        case .annexA(let s):
            if let s { return "TBRD \(tbrd) Annex A, which supersedes the \(s) in legal effect under paragraph 3" }
            return "TBRD \(tbrd) Annex A"
        case .consultation: return "under consultation, TBRD \(tbrd) Annex A; provisional"
        }
    }

    static func summarise(_ relevant: [Version], _ origin: VersionOrigin?, _ dated: [CalendarDate]) -> String {
        guard let version = relevant.last, let origin else {
            if !dated.isEmpty { return "no version: dated issues only (\(dated.map(\.description).joined(separator: ", ")))" }
            return "no version in the baseline"
        }
        switch origin {
        case .secVersion: return "SEC version, Annex A"
        case .svtad: return "SVTAD version, TBRD footnote 1"
        case .legalEffect(let annex):
            if relevant.count > 1 { return "legal effect, side by side: \(list(relevant))" }
            if let annex, annex == version { return "legal effect \(version) = Annex A" }
            if let annex { return "legal effect \(version) (Annex A \(annex) is older)" }
            return "legal effect \(version)"
        case .annexA(let supersedes):
            if let supersedes { return "Annex A \(version), more recent than legal effect \(supersedes)" }
            return "Annex A \(version)"
        case .consultation:
            // The consultation's notes and dates are listed in their own section of each report.
            return "under consultation: \(version) is provisional"
        }
    }
}

/// TBRD paragraph 3 in code: the relevant version of an Appendix or Schedule is the one in legal effect,
/// except where Annex A lists a more recent one. Where several versions are in legal effect side by side
/// and Annex A lists none more recent, each is relevant: which one applies depends on the device models
/// tested (paragraph 1). Consultation items resolve to their provisional version; Sections to the SEC
/// version; Appendix AK to the SVTAD version (unless Annex A lists a more recent one).
public enum BaselineResolver {
    public static func resolve(legalEffect: [Version], annexA: Version?) -> (relevant: [Version], origin: VersionOrigin)? {
        switch (legalEffect.last, annexA) {
        case (nil, nil): return nil
        case (_?, nil): return (legalEffect, .legalEffect(annexA: nil))
        case (nil, let a?): return ([a], .annexA(supersedes: nil))
        case (let l?, let a?): return a > l ? ([a], .annexA(supersedes: l)) : (legalEffect, .legalEffect(annexA: a))
        }
    }

    public static func resolve(_ doc: BaselineDocument, in baseline: Baseline) -> ResolvedArtefact {
        var relevant: [Version] = []
        var origin: VersionOrigin?
        if let c = doc.consultation {
            (relevant, origin) = ([c.version], .consultation)
        } else if doc.kind == .section {
            (relevant, origin) = ([baseline.sec], .secVersion)
        } else if doc.ref == Baseline.svtadRef {
            if let a = doc.annexA, a > baseline.svtad { (relevant, origin) = ([a], .annexA(supersedes: baseline.svtad)) }
            else { (relevant, origin) = ([baseline.svtad], .svtad) }
        } else if let r = resolve(legalEffect: doc.legalEffect, annexA: doc.annexA) {
            (relevant, origin) = (r.relevant, r.origin)
        }
        return ResolvedArtefact(ref: doc.ref, title: doc.title, relevant: relevant, origin: origin, legalEffect: doc.legalEffect,
                                annexA: doc.annexA, phases: doc.phases, consultation: doc.consultation, sources: doc.sources,
                                tbrd: baseline.tbrd.version)
    }

    /// A part resolves by its own versions in legal effect (it has no Annex A entry of its own).
    public static func resolve(_ part: DocumentPart, of doc: BaselineDocument, in baseline: Baseline) -> ResolvedArtefact {
        let r = resolve(legalEffect: part.legalEffect, annexA: nil)
        return ResolvedArtefact(ref: doc.ref(of: part), title: part.title, relevant: r?.relevant ?? [],
                                origin: r?.origin, legalEffect: part.legalEffect, phases: doc.phases, consultation: nil,
                                datedIssues: part.datedIssues, sources: part.sources, tbrd: baseline.tbrd.version)
    }
}

/// A baseline with every artefact resolved, ready to check plans against. Built once per run.
public struct ResolvedBaseline: Sendable {
    public let baseline: Baseline
    /// The SEC itself first, then the catalogue in its own order, each document followed by its parts.
    public let artefacts: [ResolvedArtefact]
    private let index: [DocumentRef: Int]
    /// Every dated consultation event with its artefact (the IOC cessation), for the rules that read them.
    public let events: [(ResolvedArtefact, ConsultationEvent)]
    /// The names plans may use for the artefacts: codes, titles and aliases.
    public let names: DocumentNames

    public init(_ baseline: Baseline) {
        self.baseline = baseline
        let code = ResolvedArtefact(ref: .code, title: "Smart Energy Code", relevant: [baseline.sec], origin: .secVersion,
                                    phases: nil, consultation: nil, sources: ["version": baseline.sources["sec"] ?? ""],
                                    tbrd: baseline.tbrd.version)
        artefacts = [code] + baseline.documents.flatMap { doc in
            [BaselineResolver.resolve(doc, in: baseline)] + doc.parts.map { BaselineResolver.resolve($0, of: doc, in: baseline) }
        }
        events = artefacts.flatMap { a in (a.consultation?.events ?? []).map { (a, $0) } }
        var index: [DocumentRef: Int] = [:]
        for (i, a) in artefacts.enumerated() { index[a.ref] = i }
        self.index = index
        names = DocumentNames(baseline)
    }

    public subscript(ref: DocumentRef) -> ResolvedArtefact? { index[ref].map { artefacts[$0] } }

    /// Artefacts that carry a version and apply to the phase (or to any phase when nil).
    public func versioned(for phase: Phase?) -> [ResolvedArtefact] {
        artefacts.filter { $0.version != nil && (phase.map($0.applies(to:)) ?? true) }
    }
}
