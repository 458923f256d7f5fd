/// A release scope's exclusions looked up by what they name (docs/coverage.md): an exclusion names a
/// combination and, optionally, a phase, a test type and an installation type (left out: every one), so a
/// cell is matched by at most eight patterns, each looked up once. The first exclusion in file order that
/// matches a cell is the one that applies to it, as it was when every cell scanned every exclusion (which
/// was quadratic: 40,000 cells and 40,000 exclusions took 6.9 s, issue 26).
struct ExclusionIndex: Sendable {
    struct Pattern: Hashable {
        var combination: String
        var phase: Phase?
        var testType: TestType?
        var installationType: InstallationType?
    }

    private let exclusions: [Scope.Exclusion]
    /// Each pattern's first exclusion (its index in file order).
    private let first: [Pattern: Int]

    init(_ exclusions: [Scope.Exclusion]) {
        self.exclusions = exclusions
        var first: [Pattern: Int] = [:]
        for (i, x) in exclusions.enumerated() {
            let p = Pattern(combination: x.combination, phase: x.phase, testType: x.testType, installationType: x.installationType)
            if first[p] == nil { first[p] = i }
        }
        self.first = first
    }

    /// The first exclusion, in file order, that matches the cell.
    func first(matching cell: Cell) -> Scope.Exclusion? { lookup(cell).exclusion }

    /// The first exclusion matching the cell, and how many patterns were looked up to find it (for the
    /// tests, which count them: a fixed number per cell, whatever the number of exclusions).
    func lookup(_ cell: Cell) -> (exclusion: Scope.Exclusion?, lookups: Int) {
        var best: Int?
        var lookups = 0
        for phase in [cell.phase, nil] {
            for testType in [cell.testType, nil] {
                for installationType in [cell.installationType, nil] {
                    lookups += 1
                    let p = Pattern(combination: cell.combination, phase: phase, testType: testType, installationType: installationType)
                    if let i = first[p], i < (best ?? .max) { best = i }
                }
            }
        }
        return (best.map { exclusions[$0] }, lookups)
    }
}
