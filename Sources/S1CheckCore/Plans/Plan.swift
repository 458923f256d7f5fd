/// The SMETS1 device types a plan may declare: those the brief names, plus the ALCS/APC/SAPC load
/// controllers the SEC names in Section F11 ("ALCS/HCALCS/APC/SAPC Labels List").
public enum DeviceType: String, Sendable, CaseIterable, Hashable {
    case ESME, GSME, CH, PPMID, IHD, HCALCS, ALCS, APC, SAPC
}

/// A device model under test, as the plan declares it.
public struct DeclaredDeviceModel: Sendable, Hashable {
    public var type: DeviceType
    public var manufacturer: String
    public var model: String
    public var firmware: String
    public var offset: Int

    /// "ESME Example Meters Ltd EM-100 firmware 4.2.1"
    public var label: String { "\(type.rawValue) \(manufacturer) \(model) firmware \(firmware)" }
}

/// One artefact the plan says it tested against.
public struct DeclaredArtefact: Sendable, Hashable {
    /// The name as written in the plan, e.g. "SEC Appendix AD".
    public var written: String
    /// The parsed name, or nil when it does not read as a SEC document name at all.
    public var ref: DocumentRef?
    public var versionText: String
    public var version: Version
    public var offset: Int
    /// For a document under consultation (AL, AM): whether the plan tested the version as supplemented by
    /// the consultations TBRD Annex A names (`"asSupplemented": true`); nil where the plan does not say.
    public var asSupplemented: Bool? = nil
    /// An issue declared by its date (`"version": "2019-07-04"`), as the consolidated SEC identifies
    /// Schedule 9's SMETS2 issues; `version` then holds the date's numbers (2019.7.4), so two declarations
    /// of one date are the same declaration, and the rules judge the date.
    public var issueDate: CalendarDate? = nil
    /// The byte span of the `version` string literal, quotes included: where a fix edits it.
    public var versionSpan: Range<Int>? = nil
}

/// A waiver as written. Validity (reason, expiry) is judged by the waiver rule, not the decoder, so a
/// bad waiver becomes a visible failing finding rather than a file that cannot be read.
public struct Waiver: Sendable, Hashable {
    public var rule: String
    /// As written; nil waives findings of the rule that are not about a document.
    public var document: String?
    public var documentRef: DocumentRef?
    public var reason: String?
    public var expires: CalendarDate?
    public var offset: Int
    /// Who approved it, as written (optional: the evidence pack shows "not recorded" without it).
    public var approvedBy: String? = nil

    /// "consultation · Appendix AM", the same key a finding's check name starts with.
    public var label: String {
        guard let document else { return rule }
        return "\(rule) · \(documentRef?.description ?? document)"
    }
}

/// The test types of DCC's Depth and Breadth of Testing (README, "Coverage of a release scope").
public enum TestType: String, Sendable, CaseIterable, Hashable, Comparable {
    case Migration, SIT, SRVT, Regression
    public static func < (a: TestType, b: TestType) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
}

/// The installation types of DCC's Depth and Breadth of Testing.
public enum InstallationType: String, Sendable, CaseIterable, Hashable, Comparable {
    case Active, Dormant, Mixed
    public static func < (a: InstallationType, b: InstallationType) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
}

public struct PlanWindow: Sendable, Hashable {
    public var start: CalendarDate
    public var end: CalendarDate
    public var endOffset: Int
}

/// A test plan, decoded and normalised.
public struct Plan: Sendable {
    public var id: String
    public var title: String
    public var phase: Phase
    public var tbrd: Located<Version>
    public var tbrdText: String
    /// The byte span of the `tbrd` string literal, quotes included (nil for a number): where a fix edits it.
    public var tbrdSpan: Range<Int>? = nil
    public var window: PlanWindow?
    public var deviceModels: [DeclaredDeviceModel]
    public var combinations: [Located<String>]
    public var artefacts: [DeclaredArtefact]
    public var waivers: [Waiver]
    /// What kind of testing the plan is, and on which installation types (optional: a plan without them
    /// covers no cell of a release scope, and a run with `--scope` says so).
    public var testType: TestType? = nil
    public var installationTypes: [InstallationType] = []
    /// Offsets of fields findings point at.
    public var idOffset: Int
    public var phaseOffset: Int
    public var devicesOffset: Int
}
