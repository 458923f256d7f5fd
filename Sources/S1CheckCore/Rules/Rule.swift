/// A rule as a value: a stable id (waivers and CI history refer to it), a one-line description and the
/// baseline clause it rests on. The ids are fixed by PRODUCT.md's verdict table.
///
/// A final class rather than a struct: every finding refers to its rule, and a reference is one pointer
/// to copy where a struct would be three strings.
public final class Rule: Sendable, Hashable, Identifiable {
    public let id: String
    public let summary: String
    public let clause: String
    /// Whether a plan's waiver may waive its findings. Waiver findings themselves cannot (a waiver could
    /// otherwise excuse itself), nor can duplicate plan ids (they break the identity of CI history).
    public let waivable: Bool

    init(id: String, summary: String, clause: String, waivable: Bool) {
        self.id = id
        self.summary = summary
        self.clause = clause
        self.waivable = waivable
    }

    public static func == (a: Rule, b: Rule) -> Bool { a.id == b.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}

/// The rule catalogue, in the order findings are reported.
public enum Rules {
    public static let tbrdVersion = Rule(
        id: "tbrd-version",
        summary: "The plan was prepared against the baseline's TBRD version (older: fail; newer: warn).",
        clause: "TBRD paragraph 4: the document may be updated from time to time", waivable: true)
    public static let devicesDeclared = Rule(
        id: "devices-declared",
        summary: "The plan declares at least one device model or device model combination.",
        clause: "TBRD paragraph 1(i)-(ii): versions apply in respect of the Device Models and/or Device Model Combinations used in testing",
        waivable: true)
    public static let deviceEligibility = Rule(
        id: "device-eligibility",
        summary: "Each declared device model and combination is in the device registry for the plan's phase.",
        clause: "TBRD paragraph 1(i)-(ii): Device Models and/or Device Model Combinations used in testing in respect of IOC, MOC or FOC",
        waivable: true)
    public static let unknownDocument = Rule(
        id: "unknown-document",
        summary: "Each declared document is a Section, Schedule or Appendix of the SEC.",
        clause: "SEC contents: the catalogue of Sections, Schedules and Appendices", waivable: true)
    public static let duplicateDocument = Rule(
        id: "duplicate-document",
        summary: "No document is declared twice with different versions.",
        clause: "TBRD paragraph 3: one relevant version per document", waivable: true)
    public static let artefactVersion = Rule(
        id: "artefact-version",
        summary: "Each declared artefact is at its resolved baseline version (older: fail; newer: warn).",
        clause: "TBRD paragraph 3 and Annex A", waivable: true)
    public static let unversionedDocument = Rule(
        id: "unversioned-document",
        summary: "A declared document to which the baseline gives no version cannot be verified (warn).",
        clause: "TBRD paragraph 3: no version in legal effect recorded and none listed in Annex A", waivable: true)
    public static let consultation = Rule(
        id: "consultation",
        summary: "An artefact still under consultation (AL, AM) at its consultation version is provisional (warn).",
        clause: "TBRD Annex A: relevant versions of documents subject to further consultation and amendment", waivable: true)
    public static let phaseApplicability = Rule(
        id: "phase-applicability",
        summary: "A phase-specific artefact is declared only by plans for that phase (warn otherwise).",
        clause: "TBRD paragraph 2: applies in respect of IOC, MOC and FOC unless stated otherwise", waivable: true)
    public static let iocCessation = Rule(
        id: "ioc-cessation",
        summary: "A plan's window does not run past a dated consultation event for its phase (the IOC cessation, 28 May 2023).",
        clause: "TBRD Annex A, Appendix AL: proposals to cease migrations in the SMETS1 IOC cohort on 28 May 2023", waivable: true)
    public static let waiver = Rule(
        id: "waiver",
        summary: "Each waiver has a reason, has not expired at --as-of, and matches a warn or fail finding.",
        clause: "s1check waiver policy: a waiver is a recorded, dated decision", waivable: false)
    public static let duplicatePlanID = Rule(
        id: "duplicate-plan-id",
        summary: "No two plans in one run share an id.",
        clause: "s1check: plan ids identify plans in reports and CI history", waivable: false)

    public static let all: [Rule] = [
        tbrdVersion, devicesDeclared, deviceEligibility, unknownDocument, duplicateDocument, artefactVersion,
        unversionedDocument, consultation, phaseApplicability, iocCessation, waiver, duplicatePlanID,
    ]

    public static let byID: [String: Rule] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
}
