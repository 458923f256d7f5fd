import Foundation
import Testing
import S1CheckTestSupport
@testable import S1CheckCore

/// Rule `coverage`: every cell of a release scope is covered, covered through an equivalent, excluded
/// validly, or a fail at its line in the scope file (fixtures in Tests/Fixtures/Coverage).
@Suite struct CoverageTests {
    typealias T = TestData
    static let registryBytes = Paths.bytes(Paths.fixture("Coverage/registry.json"))
    static let registry = try! DeviceRegistryDecoding.decode(file: "registry.json", bytes: registryBytes)
    static let scopeBytes = Paths.bytes(Paths.fixture("Coverage/scope.json"))

    /// A FOC plan with coverage keys; `artefacts` lets a test make it fail.
    func plan(_ id: String, combinations: [String], testType: String?, installation: [String]?,
              artefacts: String = #"[{"document": "SEC", "version": "72.0"}]"#) -> (String, [UInt8]) {
        var extra = ""
        if let testType { extra += "\"testType\": \"\(testType)\", " }
        if let installation { extra += "\"installationTypes\": [" + installation.map { "\"\($0)\"" }.joined(separator: ", ") + "], " }
        let json = PlanJSON(id: id, extra: extra, combinations: "[" + combinations.map { "\"\($0)\"" }.joined(separator: ", ") + "]", artefacts: artefacts)
        return ("\(id).plan.json", json.bytes)
    }

    func run(_ plans: [(String, [UInt8])]) throws -> CoverageResult {
        let scope = try ScopeDecoding.decode(file: "scope.json", bytes: Self.scopeBytes, registry: Self.registry)
        var acc = CoverageAccumulator(scope: scope)
        for r in Checker.checkAll(plans, baseline: T.resolved, registry: nil, asOf: T.asOf) { acc.add(r) }
        return acc.result(file: "scope.json", sha256: "", lines: LineIndex(Self.scopeBytes), asOf: T.asOf)
    }

    @Test func everyCellIsARowWithItsVerdictAndLine() throws {
        let r = try run([
            plan("P1", combinations: ["DMC-A"], testType: "SRVT", installation: ["Active", "Dormant"]),
            plan("P2", combinations: ["DMC-B"], testType: "SRVT", installation: ["Active"], artefacts: #"[{"document": "AD", "version": "5.0"}]"#),
            plan("P3", combinations: ["DMC-A"], testType: "Regression", installation: ["Active"]),
            plan("P4", combinations: ["DMC-A"], testType: nil, installation: nil),
        ])
        #expect(r.cells.map(\.cell.label) == ["FOC · DMC-A · SRVT · Active", "FOC · DMC-A · SRVT · Dormant", "FOC · DMC-B · SRVT · Active",
                                              "FOC · DMC-B · SRVT · Dormant", "FOC · DMC-C · SRVT · Active", "FOC · DMC-C · SRVT · Dormant",
                                              "FOC · DMC-D · SRVT · Active", "FOC · DMC-D · SRVT · Dormant"])
        #expect(r.cells.map(\.kind) == ["covered", "covered", "only-failing", "invalid-exclusion", "equivalent", "equivalent", "gap", "excluded"])
        #expect(r.cells.map(\.finding.status) == [.pass, .pass, .fail, .fail, .pass, .pass, .fail, .waived])
        // Each cell points at its combination's line in the scope file.
        #expect(r.cells.map { $0.finding.line ?? 0 } == [6, 6, 7, 7, 8, 8, 9, 9])
        #expect(r.cells[6].finding.message == "no plan in this run covers DMC-D in FOC, SRVT testing on Active installations")
        #expect(r.cells[4].finding.message.contains("covered through DMC-A, stated as substantively equivalent (SEC F2.10A): same ESME firmware line (approved by TAG, 2023-10-05); tested by P1"))
        #expect(r.cells[3].finding.message.contains("its exclusion has no approver"))
        #expect(r.cells[2].finding.message.contains("covered only by plans that fail (P2)"))
        #expect(r.cells[7].finding.waiver?.reason == "DMCT: uneconomic to test" && r.cells[7].finding.waiver?.approvedBy == "TAG, 2023-10-05")
        #expect(r.status == .fail)
        // Plans that cover no cell are named, with why.
        #expect(r.uncovering.map(\.id) == ["P3", "P4"])
        #expect(r.uncovering.map(\.why) == ["none of its cells is in the scope", "it gives no testType"])
    }

    /// With --results, a plan whose tests did not run and pass covers nothing, and the cell says why
    /// (docs/coverage.md); a plan without results (nil) covers as before.
    @Test func withResultsOnlyPlansWhoseTestsPassedCover() throws {
        let scope = try ScopeDecoding.decode(file: "scope.json", bytes: Self.scopeBytes, registry: Self.registry)
        let checked = Checker.checkAll([
            plan("P1", combinations: ["DMC-A"], testType: "SRVT", installation: ["Active", "Dormant"]),
            plan("P5", combinations: ["DMC-A"], testType: "SRVT", installation: ["Dormant"]),
        ], baseline: T.resolved, registry: nil, asOf: T.asOf)
        func judged(_ passed: [Bool?]) -> CoverageResult {
            var acc = CoverageAccumulator(scope: scope)
            for (r, p) in zip(checked, passed) {
                var facts = try! #require(CoverageFacts(r))
                facts.testsPassed = p
                acc.add(facts)
            }
            return acc.result(file: "scope.json", sha256: "", lines: LineIndex(Self.scopeBytes), asOf: T.asOf)
        }
        #expect(judged([nil, nil]).cells.prefix(2).map(\.kind) == ["covered", "covered"])
        #expect(judged([true, true]).cells.prefix(2).map(\.kind) == ["covered", "covered"])
        let r = judged([false, true])
        #expect(r.cells.prefix(2).map(\.kind) == ["untested", "covered"])
        #expect(r.cells[0].finding.status == .fail)
        #expect(r.cells[0].finding.message == "DMC-A in FOC, SRVT testing on Active installations is not covered: the tests of its plan (P1) did not run and pass in the results given (--results); the cell is not tested until a plan's tests run and pass")
        #expect(r.cells[1].plans == ["P5"], "a plan whose tests passed still covers")
        // Through an equivalent too: DMC-C is covered through DMC-A.
        #expect(judged([false, false]).cells[4].kind == "untested")
    }

    /// Whether a plan's tests passed, from rule test-results' findings: nil when it made none.
    @Test func testsPassedIsReadFromTheRulesExecutionFinding() {
        let none = TestResultsJudgement.findings(planID: "P", window: nil, combinations: [], execution: nil, asOf: T.asOf).map(\.finding)
        #expect(TestResultsJudgement.testsPassed(in: none) == false)
        #expect(TestResultsJudgement.testsPassed(in: []) == nil)
    }

    @Test func anExpiredExclusionFails() throws {
        let scope = try ScopeDecoding.decode(file: "scope.json", bytes: Self.scopeBytes, registry: Self.registry)
        let acc = CoverageAccumulator(scope: scope)
        let r = acc.result(file: "scope.json", sha256: "", lines: LineIndex(Self.scopeBytes), asOf: CalendarDate(iso: "2024-04-01")!)
        #expect(r.cells[7].kind == "invalid-exclusion" && r.cells[7].finding.message.contains("expired on 2024-03-31"))
    }

    @Test func badScopesAreInputErrorsNamingTheNearest() {
        func errors(_ text: String) -> [Diagnostic] {
            if let e = decodeFailure({ () throws(Diagnostics) in try ScopeDecoding.decode(file: "s.json", bytes: Array(text.utf8), registry: Self.registry) }) { return e.all }
            return []
        }
        let e = errors(#"{"release": "r", "require": [{"phase": "FOC", "combinations": ["DMC-X"], "testTypes": ["SRTV"], "installationTypes": ["Active"]}]}"#)
        #expect(e.contains { $0.path == "$.require[0].combinations[0]" && $0.message.contains("nearest: DMC-A") })
        #expect(e.contains { $0.path == "$.require[0].testTypes[0]" && $0.message.contains("SRVT") })
        #expect(errors(#"{"release": "r", "require": []}"#).contains { $0.message.contains("at least one requirement") })
        #expect(errors(#"{"release": "r", "require": [], "scope": 1}"#).contains { $0.message.contains("unknown key") })
    }

    @Test func planKeysAreStrict() {
        let (_, bytes) = plan("P", combinations: ["DMC-A"], testType: "srvt", installation: [])
        guard let e = decodeFailure({ () throws(Diagnostics) in try PlanDecoding.decode(file: "p", bytes: bytes, names: T.resolved.names) }) else { Issue.record("decoded"); return }
        #expect(e.all.contains { $0.path == "$.testType" })
        #expect(e.all.contains { $0.path == "$.installationTypes" && $0.message.contains("at least one") })
    }

    /// Cost: plans × their cells, one lookup each; a 2,000-cell scope with 10,000 plans is one pass.
    @Test func linearInPlansAndCells() throws {
        var requirements: [Scope.Requirement] = []
        for i in 0..<500 {
            requirements.append(Scope.Requirement(phase: .FOC, combinations: [Located("DMC-\(i)", offset: 0)], testTypes: [.SRVT, .Regression],
                                                  installationTypes: [.Active, .Dormant], offset: 0))
        }
        let scope = Scope(release: "r", tbrd: nil, requirements: requirements, equivalents: [], exclusions: [], signOff: nil)
        #expect(scope.cells.count == 2_000)
        var acc = CoverageAccumulator(scope: scope)
        let base = Checker.checkAll([plan("P", combinations: ["DMC-1"], testType: "SRVT", installation: ["Active"])], baseline: T.resolved, asOf: T.asOf)[0]
        for _ in 0..<10_000 { acc.add(base) }
        let r = acc.result(file: "s", sha256: "", lines: LineIndex([]), asOf: T.asOf)
        #expect(r.cells.filter { $0.finding.status == .pass }.count == 1)
        #expect(r.cells[4].finding.message.contains("P, P, P, P, P and 9995 more"))
    }
}
