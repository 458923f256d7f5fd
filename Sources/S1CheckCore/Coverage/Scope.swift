/// A release scope (README, "Coverage of a release scope"): what a release's testing must cover, in the
/// terms of DCC's Depth and Breadth of Testing (capability phase, device model combination, test type,
/// installation type). Facts from DCC's and SECCo's public pages, not from the TBRD.
public struct Scope: Sendable {
    /// One `require` entry: the cross product of its lists is a set of cells.
    public struct Requirement: Sendable {
        public var phase: Phase
        public var combinations: [Located<String>]
        public var testTypes: [TestType]
        public var installationTypes: [InstallationType]
        public var offset: Int
    }

    /// SEC F2.10A: testing of "a different combination that the DCC considers to be substantively
    /// equivalent" stands for a combination.
    public struct Equivalent: Sendable {
        public var combination: String
        public var coveredBy: String
        public var reason: String?
        /// Who approved the equivalence: required for the cell to count (docs/coverage.md); no expiry.
        public var approvedBy: String? = nil
        public var offset: Int
    }

    /// The SVTAD's DMCT process lets a combination be excluded (e.g. uneconomic to test), with a reason, an
    /// approver and an expiry. Leaving out the test type, installation type or phase excludes them all.
    public struct Exclusion: Sendable {
        public var combination: String
        public var phase: Phase?
        public var testType: TestType?
        public var installationType: InstallationType?
        public var reason: String?
        public var approvedBy: String?
        public var expires: CalendarDate?
        public var offset: Int

        func matches(_ c: Cell) -> Bool {
            combination == c.combination && (phase.map { $0 == c.phase } ?? true)
                && (testType.map { $0 == c.testType } ?? true) && (installationType.map { $0 == c.installationType } ?? true)
        }
    }

    public struct SignOff: Sendable, Hashable {
        public var preparedBy: String
        public var reviewedBy: String
        public var approvedBy: String
    }

    public var release: String
    public var tbrd: Version?
    /// Where `tbrd` is in the file (the tbrd-version finding points at it); nil without one.
    public var tbrdOffset: Int? = nil
    public var requirements: [Requirement]
    public var equivalents: [Equivalent]
    public var exclusions: [Exclusion]
    public var signOff: SignOff?

    /// Every cell, in the order the file lists them (requirement, then combination, test type,
    /// installation type); a cell listed twice is kept once, at its first place.
    public var cells: [Cell] {
        var out: [Cell] = [], seen = Set<Cell.Key>()
        for r in requirements {
            for c in r.combinations {
                for t in r.testTypes {
                    for i in r.installationTypes {
                        let cell = Cell(phase: r.phase, combination: c.value, testType: t, installationType: i, offset: c.offset)
                        if seen.insert(cell.key).inserted { out.append(cell) }
                    }
                }
            }
        }
        return out
    }
}

/// One cell of a release scope: phase × combination × test type × installation type, at the place of its
/// combination in the scope file.
public struct Cell: Sendable, Hashable {
    public var phase: Phase
    public var combination: String
    public var testType: TestType
    public var installationType: InstallationType
    public var offset: Int

    struct Key: Hashable {
        var phase: Phase, combination: String, testType: TestType, installationType: InstallationType
    }
    var key: Key { Key(phase: phase, combination: combination, testType: testType, installationType: installationType) }

    /// "FOC · DMC-0007 · SRVT · Active": the stable check name of the cell.
    public var label: String { "\(phase.rawValue) · \(combination) · \(testType.rawValue) · \(installationType.rawValue)" }
}
