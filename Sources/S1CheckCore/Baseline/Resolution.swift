/// Where a resolved version came from, so every verdict can cite its ground.
public enum VersionOrigin: Sendable, Hashable {
    /// The SEC version named in Annex A ("SEC Version 72.0 includes ..."): the SEC itself and every
    /// Section take it (TBRD paragraph 1(i) and the Annex A heading).
    case secVersion
    /// The SVTAD version given in TBRD footnote 1 ("The current version is 10.0."), Appendix AK's.
    case svtad
    /// Every relevant version is in legal effect: Annex A lists no version more recent than any of them
    /// (`annexA`: the Annex A version, equal or older, if any). TBRD paragraph 3.
    case legalEffect(annexA: Version?)
    /// The Annex A version alone: it replaces every version in legal effect it is more recent than
    /// (`replaces`, oldest first; empty when none is recorded). TBRD paragraph 3.
    case annexA(replaces: [Version])
    /// The Annex A version, in place of the older versions in legal effect (`replaces`), beside the versions
    /// in legal effect more recent than it, which stand (TBRD paragraph 3, read version by version).
    case annexAAndLegalEffect(annexA: Version, replaces: [Version])
    /// A version listed in Annex A among the documents "currently subject to further consultation and
    /// amendment": provisional.
    case consultation

    /// A machine-readable key for JSON.
    public var key: String {
        switch self {
        case .secVersion: return "sec"
        case .svtad: return "svtad"
        case .legalEffect: return "legalEffect"
        case .annexA: return "annexA"
        case .annexAAndLegalEffect: return "annexAAndLegalEffect"
        case .consultation: return "consultation"
        }
    }
}

/// One artefact of the baseline with its relevant versions (none when the baseline gives it none).
/// A class: built once per run and shared by every plan's findings.
public final class ResolvedArtefact: Sendable {
    public let ref: DocumentRef
    public let title: String
    /// The versions a plan may declare, oldest first: usually one; several where versions in legal effect
    /// sit side by side (which one applies depends on the device models tested, TBRD paragraph 1(ii)).
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
    /// cites one): an explanation for messages ("TBRD 1.24 Annex A, more recent than the 5.0 in legal
    /// effect, which it replaces under paragraph 3") and a short one for tables.
    public let explanation: String
    public let originSummary: String
    /// The clause the versions rest on, and nothing else: "TBRD 1.24 paragraph 3 and Annex A" for an
    /// Appendix or Schedule, "TBRD 1.24 paragraph 1(i) and the Annex A heading" for the SEC and its
    /// Sections, "TBRD 1.24 footnote 1" for the SVTAD.
    public let clause: String
    /// The clause a drift rests on: `clause` without paragraph 1(ii), which says which of several relevant
    /// versions applies, not which are relevant.
    public let driftClause: String
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
        let isSVTAD = ref == Baseline.svtadRef
        explanation = ResolvedArtefact.explain(relevant, origin, datedIssues, legalEffect: legalEffect, tbrd: tbrd, isSVTAD: isSVTAD)
        originSummary = ResolvedArtefact.summarise(relevant, origin, datedIssues, history: ResolvedArtefact.historyRows(sources["legalEffect"]))
        clause = ResolvedArtefact.clause(origin, relevant, tbrd: tbrd, isSVTAD: isSVTAD)
        driftClause = ResolvedArtefact.clause(origin, Array(relevant.prefix(1)), tbrd: tbrd, isSVTAD: isSVTAD)
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

    /// Newer than every version the baseline knows: one it has not caught up with (a warning, never a
    /// drift, whether declared alone or beside a relevant version).
    public func isNewerThanKnown(_ v: Version) -> Bool { knownVersions.max().map { v > $0 } ?? false }

    /// For a declared version that is not relevant, the version paragraph 3 puts in its place: the Annex
    /// A version when the declared one is in legal effect and older than it.
    public func replacement(for declared: Version) -> Version? {
        switch origin {
        case .annexA(let replaced)?, .annexAAndLegalEffect(_, let replaced)?:
            return replaced.contains(declared) ? annexA : nil
        default: return nil
        }
    }

    static func list(_ versions: [Version]) -> String { versions.map(\.description).joined(separator: ", ") }

    /// "the 5.0 in legal effect" or "the versions in legal effect (1.1, 2.0, 5.0)".
    static func inLegalEffect(_ versions: [Version], older: Bool = false) -> String {
        versions.count == 1 ? "the \(versions[0]) in legal effect" : "the \(older ? "older " : "")versions in legal effect (\(list(versions)))"
    }

    static func clause(_ origin: VersionOrigin?, _ relevant: [Version], tbrd: Version, isSVTAD: Bool) -> String {
        let t = "TBRD \(tbrd)"
        switch origin {
        case nil: return "\(t) paragraph 3 and Annex A: no version number recorded in legal effect and none listed in Annex A"
        case .secVersion?: return "\(t) paragraph 1(i) and the Annex A heading (“Relevant version of SEC and its Subsidiary Documents”)"
        case .svtad?: return "\(t) footnote 1"
        case .legalEffect(let a)?:
            let base = a == nil ? "\(t) paragraph 3" : "\(t) paragraph 3 and Annex A"
            return relevant.count > 1 ? "\(base); paragraph 1(ii): the versions that apply to the device models tested" : base
        case .annexA?, .annexAAndLegalEffect?:
            let base = "\(t) paragraph 3 and Annex A"
            if isSVTAD { return base + "; footnote 1 gives the SVTAD version it replaces" }
            return relevant.count > 1 ? "\(base); paragraph 1(ii): the versions that apply to the device models tested" : base
        case .consultation?: return "\(t) Annex A: relevant versions of SEC subsidiary documents currently subject to further consultation and amendment"
        }
    }

    static func explain(_ relevant: [Version], _ origin: VersionOrigin?, _ dated: [CalendarDate], legalEffect: [Version],
                        tbrd: Version, isSVTAD: Bool) -> String {
        let t = "TBRD \(tbrd)"
        let dependsOnDevices = "which one applies depends on the device models tested (paragraph 1(ii))"
        guard let version = relevant.last, let origin else {
            if !dated.isEmpty {
                return "listed in the consolidated SEC by date only (issues of \(dated.map(\.description).joined(separator: ", "))), with no version number"
            }
            return "not listed in \(t) Annex A and no version in legal effect is recorded"
        }
        switch origin {
        case .secVersion: return "SEC Version \(version), \(t) paragraph 1(i) and the Annex A heading"
        case .svtad: return "the current SVTAD version, \(t) footnote 1"
        case .legalEffect(let a):
            let annex: String
            if let a { annex = relevant.contains(a) ? " (also listed in Annex A)" : "; Annex A lists \(a), which is not more recent" }
            else { annex = "" }
            if relevant.count > 1 {
                return "the versions in legal effect side by side (\(list(relevant))), \(t) paragraph 3\(annex); \(dependsOnDevices)"
            }
            return "in legal effect, \(t) paragraph 3\(annex)"
        case .annexA(let replaced):
            if replaced.isEmpty { return "\(t) Annex A" }
            if isSVTAD { return "\(t) Annex A, more recent than the SVTAD version \(replaced[0]) of footnote 1, which it replaces under paragraph 3" }
            let itself = legalEffect.contains(version) ? " (\(version) is itself in legal effect)" : ""
            return "\(t) Annex A, more recent than \(inLegalEffect(replaced)), which it replaces under paragraph 3\(itself)"
        case .annexAAndLegalEffect(let a, let replaced):
            let newer = relevant.filter { $0 > a }
            return "\(a) from \(t) Annex A, in place of \(inLegalEffect(replaced, older: true)) under paragraph 3, and \(list(newer)) in legal effect, more recent than the Annex A version; \(dependsOnDevices)"
        case .consultation:
            return "listed in \(t) Annex A as currently subject to further consultation and amendment, so provisional"
        }
    }

    /// The SEC version history rows a version in legal effect is taken from, where the consolidated SEC
    /// does not number it (Schedule 9's SMETS1 v1.2: "SEC 5.4 and 5.13"); nil where its source is the
    /// consolidated SEC's contents.
    static func historyRows(_ source: String?) -> String? {
        guard let source, !source.hasPrefix("SEC consolidated text") else { return nil }
        var rows: [String] = []
        var rest = Substring(source)
        let marker = "SEC version history, SEC "
        while let r = rest.firstRange(of: marker) {
            let number = rest[r.upperBound...].prefix { $0.isNumber || $0 == "." }
            if !number.isEmpty && !rows.contains(String(number)) { rows.append(String(number)) }
            rest = rest[r.upperBound...]
        }
        guard !rows.isEmpty else { return nil }
        return "SEC version history, SEC " + (rows.count == 1 ? rows[0] : rows.dropLast().joined(separator: ", ") + " and " + rows.last!)
    }

    /// "1.1–5.0" for the versions in legal effect an Annex A version is more recent than, or "5.0" alone.
    static func span(_ versions: [Version]) -> String {
        versions.count == 1 ? versions[0].description : "\(versions.first!)–\(versions.last!)"
    }

    static func summarise(_ relevant: [Version], _ origin: VersionOrigin?, _ dated: [CalendarDate], history: String? = nil) -> String {
        guard let version = relevant.last, let origin else {
            if !dated.isEmpty { return "no version: dated issues only (\(dated.map(\.description).joined(separator: ", ")))" }
            return "no version in the baseline"
        }
        switch origin {
        case .secVersion: return "SEC version: paragraph 1(i), Annex A heading"
        case .svtad: return "SVTAD version, TBRD footnote 1"
        case .legalEffect(let annex):
            if relevant.count > 1 { return "legal effect, side by side: \(list(relevant))" + (annex.map { " (Annex A \($0))" } ?? "") }
            if let annex, annex == version { return "legal effect \(version) = Annex A" }
            if let annex { return "legal effect \(version) (Annex A \(annex) is older)" }
            return "legal effect \(version)" + (history.map { ": \($0)" } ?? "")
        case .annexA(let replaced):
            if replaced.count > 1 { return "Annex A \(version), more recent than each version in legal effect (\(span(replaced)))" }
            if let newest = replaced.last { return "Annex A \(version), more recent than legal effect \(newest)" }
            return "Annex A \(version)"
        case .annexAAndLegalEffect(let a, let replaced):
            return "Annex A \(a) (in place of legal effect \(list(replaced))), side by side with legal effect \(list(relevant.filter { $0 > a }))"
        case .consultation:
            // The consultation's notes and dates are listed in their own section of each report.
            return "subject to further consultation: \(version) is provisional"
        }
    }
}

/// TBRD paragraph 3 in code, read version by version: "Where a SEC Appendix or Schedule is already in
/// legal effect, that version of the document shall be the relevant version, except where a more recent
/// version of that document is listed at Annex A, in which case the more recent version is the relevant
/// version." So each version in legal effect is relevant unless Annex A lists a more recent one, which is
/// then relevant in its place; with nothing in legal effect the Annex A version is relevant. Where several
/// versions stay relevant side by side, which one applies depends on the device models tested (paragraph
/// 1(ii)). Paragraph 3 covers Appendices and Schedules only: the SEC and its Sections take the SEC version
/// (paragraph 1(i) and the Annex A heading), Appendix AK the SVTAD version (footnote 1; paragraph 3 lets
/// a more recent Annex A version replace it), and the documents subject to further consultation their
/// provisional version.
public enum BaselineResolver {
    public static func resolve(legalEffect: [Version], annexA: Version?) -> (relevant: [Version], origin: VersionOrigin)? {
        guard let a = annexA else { return legalEffect.isEmpty ? nil : (legalEffect, .legalEffect(annexA: nil)) }
        // `legalEffect` is sorted: the versions Annex A replaces are a prefix.
        let split = legalEffect.firstIndex { $0 >= a } ?? legalEffect.endIndex
        let replaced = Array(legalEffect[..<split]), standing = Array(legalEffect[split...])
        if legalEffect.isEmpty { return ([a], .annexA(replaces: [])) }
        if replaced.isEmpty { return (legalEffect, .legalEffect(annexA: a)) }
        let newer = standing.filter { $0 != a }
        if newer.isEmpty { return ([a], .annexA(replaces: replaced)) }
        return ([a] + newer, .annexAAndLegalEffect(annexA: a, replaces: replaced))
    }

    public static func resolve(_ doc: BaselineDocument, in baseline: Baseline) -> ResolvedArtefact {
        var relevant: [Version] = []
        var origin: VersionOrigin?
        if let c = doc.consultation {
            (relevant, origin) = ([c.version], .consultation)
        } else if doc.kind == .section {
            (relevant, origin) = ([baseline.sec], .secVersion)
        } else if doc.ref == Baseline.svtadRef {
            // Footnote 1's version stands as the one in legal effect; a more recent Annex A one replaces it.
            let r = resolve(legalEffect: [baseline.svtad], annexA: doc.annexA)!
            if case .annexA = r.origin { (relevant, origin) = (r.relevant, r.origin) } else { (relevant, origin) = ([baseline.svtad], .svtad) }
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
