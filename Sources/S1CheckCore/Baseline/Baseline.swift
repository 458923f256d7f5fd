/// The capability phases of SMETS1 services (TBRD footnote 2).
public enum Phase: String, Sendable, CaseIterable, Hashable, Comparable {
    case IOC, MOC, FOC

    public static func < (a: Phase, b: Phase) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// What kind of SEC part a document is.
public enum DocumentKind: String, Sendable, CaseIterable, Hashable {
    case section, schedule, appendix

    public var title: String {
        switch self {
        case .section: return "Section"
        case .schedule: return "Schedule"
        case .appendix: return "Appendix"
        }
    }
}

/// Which artefact a finding or a version is about: the Code as a whole, one of its Sections, Schedules
/// or Appendices, or a named part of one (Schedule 9's SMETS2 issues).
public enum DocumentRef: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The Smart Energy Code itself (its version covers the Sections, TBRD paragraph 1(i)).
    case code
    case document(DocumentKind, String)
    /// A part of a document with versions of its own: `.part(.schedule, "9", "SMETS2")`.
    case part(DocumentKind, String, String)

    public var description: String {
        switch self {
        case .code: return "SEC"
        case .document(let kind, let id): return "\(kind.title) \(id)"
        case .part(let kind, let id, let part): return "\(kind.title) \(id) (\(part))"
        }
    }

    public var kind: DocumentKind? {
        switch self {
        case .code: return nil
        case .document(let kind, _), .part(let kind, _, _): return kind
        }
    }

    public static func < (a: DocumentRef, b: DocumentRef) -> Bool { a.description < b.description }
}

/// The TBRD issue a baseline comes from.
public struct TBRDInfo: Sendable, Hashable {
    public var version: Version
    public var date: CalendarDate
    public var title: String
    public var publisher: String
}

/// A consultation's dated note ("closed on 10 February 2023").
public struct ConsultationNote: Sendable, Hashable {
    public var what: String
    public var opened: CalendarDate?
    public var closed: CalendarDate?
    public var reference: String?
    /// The TBRD says the version is "supplemented by" this consultation (AM 12.0 by the consultation on
    /// proposed changes; AL 25.0 by DCC's consultation), rather than only recording it.
    public var supplements: Bool = false
}

/// A dated event attached to a consultation, possibly phase-specific (the IOC migration cessation).
public struct ConsultationEvent: Sendable, Hashable {
    public var date: CalendarDate
    public var phases: [Phase]?
    public var what: String
    public var reference: String?
}

/// A document whose relevant version is "currently subject to further consultation and amendment" (TBRD
/// Annex A, second list).
public struct Consultation: Sendable, Hashable {
    public var version: Version
    public var notes: [ConsultationNote]
    public var events: [ConsultationEvent]
}

/// One entry of the SEC catalogue with the versions the baseline gives it. Facts only; the rule that
/// picks the relevant versions is `BaselineResolver`.
public struct BaselineDocument: Sendable, Hashable {
    public var kind: DocumentKind
    public var id: String
    public var title: String
    /// Every version in legal effect (the consolidated SEC often carries several side by side), oldest first.
    public var legalEffect: [Version]
    /// The version listed in TBRD Annex A.
    public var annexA: Version?
    public var consultation: Consultation?
    /// The phases the document applies to; nil means all (TBRD paragraph 2).
    public var phases: [Phase]?
    /// Other names people write for it, as the SEC and the TBRD use them ("DUIS", "SMETS1 SVTAD").
    public var aliases: [String]
    /// Titles the SEC version history gives the document that are not its title in the consolidated SEC
    /// ("Communication Hub Technical Specifications" for Schedule 10): plans may use them, with a note
    /// naming the current title.
    public var formerTitles: [String] = []
    /// Parts with versions of their own, named by the alias that picks them (Schedule 9's SMETS2 issues).
    public var parts: [DocumentPart]
    /// Where each fact came from, by fact name (title, legalEffect, annexA, consultation, phases, aliases,
    /// formerTitles, note): the document as its readers know it, and a verbatim quotation.
    public var sources: [String: String]

    public init(kind: DocumentKind, id: String, title: String, legalEffect: [Version] = [], annexA: Version? = nil,
                consultation: Consultation? = nil, phases: [Phase]? = nil, aliases: [String] = [], parts: [DocumentPart] = [],
                sources: [String: String] = [:]) {
        self.kind = kind
        self.id = id
        self.title = title
        self.legalEffect = legalEffect
        self.annexA = annexA
        self.consultation = consultation
        self.phases = phases
        self.aliases = aliases
        self.parts = parts
        self.sources = sources
    }

    public var ref: DocumentRef { .document(kind, id) }
    /// The reference of one of its parts ("Schedule 9 (SMETS2)").
    public func ref(of part: DocumentPart) -> DocumentRef { .part(kind, id, part.name) }
}

/// A part of a document that the SEC lists with issues of its own: Schedule 9 carries the SMETS1 and the
/// SMETS2 specifications, and the consolidated SEC lists the SMETS2 issues by date only.
public struct DocumentPart: Sendable, Hashable {
    /// The name that picks the part ("SMETS2"); it is also an alias of the part.
    public var name: String
    public var title: String
    /// Versions in legal effect, if the SEC numbers the part's issues.
    public var legalEffect: [Version]
    /// Issues in legal effect that the SEC identifies by date only.
    public var datedIssues: [CalendarDate]
    public var aliases: [String]
    public var sources: [String: String]

    public init(name: String, title: String, legalEffect: [Version] = [], datedIssues: [CalendarDate] = [],
                aliases: [String] = [], sources: [String: String] = [:]) {
        self.name = name
        self.title = title
        self.legalEffect = legalEffect
        self.datedIssues = datedIssues
        self.aliases = aliases
        self.sources = sources
    }
}

/// A baseline file: the facts of one TBRD issue and the SEC catalogue.
public struct Baseline: Sendable {
    public var tbrd: TBRDInfo
    public var sec: Version
    public var svtad: Version
    public var phaseNames: [Phase: String]
    public var sources: [String: String]
    public var documents: [BaselineDocument]

    /// The SVTAD is Appendix AK of the SEC (TBRD paragraph 1).
    public static let svtadRef = DocumentRef.document(.appendix, "AK")

    public func document(_ ref: DocumentRef) -> BaselineDocument? {
        documents.first { $0.ref == ref }
    }
}
