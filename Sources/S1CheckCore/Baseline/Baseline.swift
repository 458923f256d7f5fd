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

/// Which artefact a finding or a version is about: the Code as a whole, or one of its parts.
public enum DocumentRef: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The Smart Energy Code itself (its version covers the Sections, TBRD paragraph 1(i)).
    case code
    case document(DocumentKind, String)

    public var description: String {
        switch self {
        case .code: return "SEC"
        case .document(let kind, let id): return "\(kind.title) \(id)"
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
}

/// A dated event attached to a consultation, possibly phase-specific (the IOC migration cessation).
public struct ConsultationEvent: Sendable, Hashable {
    public var date: CalendarDate
    public var phases: [Phase]?
    public var what: String
    public var reference: String?
}

/// A document whose relevant version is still under consultation (TBRD Annex A, second list).
public struct Consultation: Sendable, Hashable {
    public var version: Version
    public var notes: [ConsultationNote]
    public var events: [ConsultationEvent]
}

/// One entry of the SEC catalogue with the versions the baseline gives it. Facts only; the rule that
/// picks the relevant version is `BaselineResolver`.
public struct BaselineDocument: Sendable, Hashable {
    public var kind: DocumentKind
    public var id: String
    public var title: String
    /// The version in legal effect (consolidated SEC).
    public var legalEffect: Version?
    /// The version listed in TBRD Annex A.
    public var annexA: Version?
    public var consultation: Consultation?
    /// The phases the document applies to; nil means all (TBRD paragraph 2).
    public var phases: [Phase]?
    /// Where each fact came from, by fact name (title, legalEffect, annexA, consultation, phases, note).
    public var sources: [String: String]

    public var ref: DocumentRef { .document(kind, id) }
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
