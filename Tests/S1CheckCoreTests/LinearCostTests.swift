import Foundation
import Testing
import S1CheckTestSupport
@testable import S1CheckCore

/// Issue 26, item 5: costs that grew with the square of an input now grow with the input. Each test counts
/// operations (comparisons, hashes, lookups) at a size and at four times it, never time: a linear cost
/// takes about 4 times as many, a quadratic one 16 times.
@Suite struct LinearCostTests {
    /// Counts what a value costs the collections holding it: `==` and `hash(into:)` calls.
    final class Tally { var equalities = 0, hashes = 0; var total: Int { equalities + hashes } }
    struct Counted: Hashable {
        let value: Int
        let tally: Tally
        static func == (a: Counted, b: Counted) -> Bool { a.tally.equalities += 1; return a.value == b.value }
        func hash(into hasher: inout Hasher) { tally.hashes += 1; hasher.combine(value) }
    }

    /// The baseline decoder's check for an item listed twice (versions in legal effect, aliases, parts)
    /// looks each key up: it compared every item with every item kept before (40,000 versions: 32 s).
    @Test func aListOfThousandsIsCheckedForRepeatsByLookup() throws {
        func operations(_ n: Int) throws -> Int {
            let text = "[" + (0..<n).map { "\"\($0)\"" }.joined(separator: ", ") + ", \"7\"]"
            let d = StrictDecoder(file: "b.json", bytes: Array(text.utf8))
            let root = try #require(d.parse())
            guard case .array(let items) = root.value else { Issue.record("not an array"); return 0 }
            let tally = Tally()
            let kept = BaselineDecoding.uniqueItems(items, .root, d, decode: { node, _ in
                if case .string(let s) = node.value { return Int(s) } else { return nil }
            }, key: { Counted(value: $0, tally: tally) }, named: { "item \($0)" })
            #expect(kept.count == n)
            // The repeat at the end is still found, at its place.
            #expect(d.errors.map(\.message) == ["item 7 is listed twice"])
            #expect(d.errors.first?.path == "$[\(n)]")
            return tally.total
        }
        let one = try operations(2_000), four = try operations(8_000)
        #expect(one <= 3 * 2_000, "\(one) operations for 2,000 items")
        #expect(four <= 5 * one, "\(one) operations for 2,000 items, \(four) for 8,000")
    }

    /// The pack's coverage matrix lists each combination once, in first-seen order, by lookup: it searched
    /// the combinations listed so far for every cell (40,000 cells: +3 s).
    @Test func distinctValuesInOrderAreFoundByLookup() {
        func operations(_ n: Int) -> Int {
            let tally = Tally()
            // Each value twice, as a combination is in a row of several cells.
            let values = (0..<n).flatMap { [Counted(value: $0, tally: tally), Counted(value: $0, tally: tally)] }
            let distinct = values.distinctInOrder()
            #expect(distinct.map(\.value) == Array(0..<n))
            return tally.total
        }
        let one = operations(2_000), four = operations(8_000)
        #expect(four <= 5 * one, "\(one) operations for 2,000 values, \(four) for 8,000")
    }

    /// A scope of `n` cells (n/4 combinations × 2 test types × 2 installation types, in FOC) and `n`
    /// exclusions, none matching a cell (each names a combination of the scope, in IOC).
    static func scope(cells n: Int, exclusions: [Scope.Exclusion]? = nil) -> Scope {
        let combinations = (0..<(n / 4)).map { Located(String(format: "DMC-%06d", $0), offset: $0) }
        let requirement = Scope.Requirement(phase: .FOC, combinations: combinations, testTypes: [.SRVT, .Regression],
                                            installationTypes: [.Active, .Dormant], offset: 0)
        let x = exclusions ?? (0..<n).map {
            Scope.Exclusion(combination: combinations[$0 % combinations.count].value, phase: .IOC, testType: $0 % 2 == 0 ? .SRVT : .Regression,
                            installationType: ($0 / 2) % 2 == 0 ? .Active : .Dormant, reason: "r", approvedBy: "a",
                            expires: CalendarDate(iso: "2099-12-31"), offset: $0)
        }
        return Scope(release: "r", tbrd: nil, requirements: [requirement], equivalents: [], exclusions: x, signOff: nil)
    }

    /// Each uncovered cell looks its exclusion up in a fixed number of steps: it scanned every exclusion
    /// (40,000 cells and 40,000 exclusions: 6.9 s; 80,000: 25 s).
    @Test func eachCellLooksItsExclusionUpInAFixedNumberOfSteps() {
        func lookups(_ n: Int) -> Int {
            let s = Self.scope(cells: n)
            let index = ExclusionIndex(s.exclusions)
            let cells = s.cells
            #expect(cells.count == n)
            return cells.reduce(0) { total, cell in
                let (x, steps) = index.lookup(cell)
                #expect(x == nil)
                return total + steps
            }
        }
        let one = lookups(4_000), four = lookups(16_000)
        #expect(one <= 8 * 4_000, "\(one) lookups for 4,000 cells")
        #expect(four <= 4 * one, "\(one) lookups for 4,000 cells, \(four) for 16,000")
    }

    /// The index gives each cell the exclusion a scan in file order gives it: the first that matches, with
    /// a phase, test type or installation type left out matching them all.
    @Test func theIndexFindsTheExclusionAScanFinds() {
        let phases: [Phase?] = [nil, .IOC, .FOC], tests: [TestType?] = [nil, .SRVT, .Regression], installs: [InstallationType?] = [nil, .Active, .Dormant]
        var exclusions: [Scope.Exclusion] = []
        var i = 0
        // Every pattern, for a few combinations, in an order that puts wide and narrow ones first by turns.
        for c in 0..<3 {
            for p in phases { for t in tests { for k in installs {
                i += 1
                if (i * 7 + c) % 3 == 0 { continue }
                exclusions.append(Scope.Exclusion(combination: String(format: "DMC-%06d", (c * 5 + i) % 4), phase: p, testType: t,
                                                  installationType: k, reason: "r\(i)", approvedBy: nil, expires: nil, offset: i))
            } } }
        }
        exclusions.reverse()
        let s = Self.scope(cells: 16, exclusions: exclusions)
        let index = ExclusionIndex(s.exclusions)
        var matched = 0
        for phase in [Phase.IOC, .FOC, .MOC] {
            for cell in s.cells {
                var c = cell
                c.phase = phase
                let scanned = s.exclusions.first { $0.matches(c) }
                #expect(index.first(matching: c)?.offset == scanned?.offset, "\(c.label)")
                if scanned != nil { matched += 1 }
            }
        }
        #expect(matched > 0)
    }
}
