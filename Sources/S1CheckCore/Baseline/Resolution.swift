/// Where a resolved version came from, so every verdict can cite its ground.
public enum VersionOrigin: Sendable, Hashable {
    /// The SEC version named in Annex A ("SEC Version 72.0 includes ..."); Sections take it (TBRD para 1(i)).
    case secVersion
    /// The SVTAD version given in TBRD footnote 1, treated as the version in legal effect of Appendix AK.
    case svtad
    /// The version in legal effect; `annexA` is the older or equal Annex A entry, if any.
    case legalEffect(annexA: Version?)
    /// The Annex A version; `supersedes` is the older version in legal effect it replaces, if any.
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

/// One artefact of the baseline with its relevant version (nil when the baseline gives it none).
/// A class: built once per run and shared by every plan's findings.
public final class ResolvedArtefact: Sendable {
    public let ref: DocumentRef
    public let title: String
    public let version: Version?
    public let origin: VersionOrigin?
    public let phases: [Phase]?
    public let consultation: Consultation?
    public let sources: [String: String]
    /// Where the version comes from, in two phrasings worked out once (every finding about this artefact
    /// cites one): a clause for findings ("TBRD 1.24 Annex A, which supersedes the 5.0 in legal effect
    /// under paragraph 3") and a short one for tables ("Annex A 5.1, more recent than legal effect 5.0").
    public let explanation: String
    public let originSummary: String

    init(ref: DocumentRef, title: String, version: Version?, origin: VersionOrigin?, phases: [Phase]?,
         consultation: Consultation?, sources: [String: String], tbrd: Version) {
        self.ref = ref
        self.title = title
        self.version = version
        self.origin = origin
        self.phases = phases
        self.consultation = consultation
        self.sources = sources
        self.explanation = ResolvedArtefact.explain(version: version, origin: origin, tbrd: tbrd)
        self.originSummary = ResolvedArtefact.summarise(version: version, origin: origin)
    }

    public func applies(to phase: Phase) -> Bool { phases?.contains(phase) ?? true }

    static func explain(version: Version?, origin: VersionOrigin?, tbrd: Version) -> String {
        guard let version, let origin else {
            return "not listed in TBRD \(tbrd) Annex A and no version in legal effect recorded"
        }
        switch origin {
        case .secVersion: return "SEC Version \(version), TBRD \(tbrd) paragraph 1(i) and Annex A"
        case .svtad: return "the current SVTAD version, TBRD \(tbrd) footnote 1"
        case .legalEffect(let a):
            if let a, a == version { return "in legal effect and listed in TBRD \(tbrd) Annex A" }
            if let a { return "in legal effect; the Annex A version \(a) is older, TBRD \(tbrd) paragraph 3" }
            return "in legal effect, TBRD \(tbrd) paragraph 3"
        case .annexA(let s):
            if let s { return "TBRD \(tbrd) Annex A, which supersedes the \(s) in legal effect under paragraph 3" }
            return "TBRD \(tbrd) Annex A"
        case .consultation: return "under consultation, TBRD \(tbrd) Annex A; provisional"
        }
    }

    static func summarise(version: Version?, origin: VersionOrigin?) -> String {
        guard let origin, let version else { return "no version in the baseline" }
        switch origin {
        case .secVersion: return "SEC version, Annex A"
        case .svtad: return "SVTAD version, TBRD footnote 1"
        case .legalEffect(let annex):
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
/// except where Annex A lists a more recent one. Consultation items resolve to their provisional version;
/// Sections to the SEC version; Appendix AK to the SVTAD version (unless Annex A lists a more recent one).
public enum BaselineResolver {
    public static func resolve(legalEffect: Version?, annexA: Version?) -> (Version, VersionOrigin)? {
        switch (legalEffect, annexA) {
        case (nil, nil): return nil
        case (let l?, nil): return (l, .legalEffect(annexA: nil))
        case (nil, let a?): return (a, .annexA(supersedes: nil))
        case (let l?, let a?): return a > l ? (a, .annexA(supersedes: l)) : (l, .legalEffect(annexA: a))
        }
    }

    public static func resolve(_ doc: BaselineDocument, in baseline: Baseline) -> ResolvedArtefact {
        var version: Version?
        var origin: VersionOrigin?
        if let c = doc.consultation {
            (version, origin) = (c.version, .consultation)
        } else if doc.kind == .section {
            (version, origin) = (baseline.sec, .secVersion)
        } else if doc.ref == Baseline.svtadRef {
            if let a = doc.annexA, a > baseline.svtad { (version, origin) = (a, .annexA(supersedes: baseline.svtad)) }
            else { (version, origin) = (baseline.svtad, .svtad) }
        } else if let r = resolve(legalEffect: doc.legalEffect, annexA: doc.annexA) {
            (version, origin) = (r.0, r.1)
        }
        return ResolvedArtefact(ref: doc.ref, title: doc.title, version: version, origin: origin,
                                phases: doc.phases, consultation: doc.consultation, sources: doc.sources,
                                tbrd: baseline.tbrd.version)
    }
}

/// A baseline with every artefact resolved, ready to check plans against. Built once per run.
public struct ResolvedBaseline: Sendable {
    public let baseline: Baseline
    /// The SEC itself first, then the catalogue in its own order.
    public let artefacts: [ResolvedArtefact]
    private let index: [DocumentRef: Int]
    /// Every dated consultation event with its artefact (the IOC cessation), for the rules that read them.
    public let events: [(ResolvedArtefact, ConsultationEvent)]

    public init(_ baseline: Baseline) {
        self.baseline = baseline
        let code = ResolvedArtefact(ref: .code, title: "Smart Energy Code", version: baseline.sec, origin: .secVersion,
                                    phases: nil, consultation: nil, sources: ["version": baseline.sources["sec"] ?? ""],
                                    tbrd: baseline.tbrd.version)
        artefacts = [code] + baseline.documents.map { BaselineResolver.resolve($0, in: baseline) }
        events = artefacts.flatMap { a in (a.consultation?.events ?? []).map { (a, $0) } }
        var index: [DocumentRef: Int] = [:]
        for (i, a) in artefacts.enumerated() { index[a.ref] = i }
        self.index = index
    }

    public subscript(ref: DocumentRef) -> ResolvedArtefact? { index[ref].map { artefacts[$0] } }

    /// Artefacts that carry a version and apply to the phase (or to any phase when nil).
    public func versioned(for phase: Phase?) -> [ResolvedArtefact] {
        artefacts.filter { $0.version != nil && (phase.map($0.applies(to:)) ?? true) }
    }

    /// Display names of every artefact, for "nearest name" suggestions.
    public var names: [String] { artefacts.map(\.ref.description) }
}
