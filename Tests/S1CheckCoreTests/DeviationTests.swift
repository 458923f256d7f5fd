import Foundation
import Testing
import S1CheckTestSupport
@testable import S1CheckCore

/// Deviations (docs/verdicts.md): no quiet route to a pass. A policy level that lowers a finding and a
/// waiver are counted as deviations; a waiver of a failure needs an approver; a coverage cell covered only
/// by plans that warn (or pass with deviations) warns; an equivalent needs an approver; the scope's `tbrd`
/// is judged as a plan's is (issues 24.1, 24.2, 24.4 and 26.3).
@Suite struct DeviationTests {
    typealias T = TestData
    static let drift = #"[{"document": "AD", "version": "5.0"}]"#

    @Test func aWaiverOfAFailureWithoutAnApproverFailsAndTheFailureStands() {
        let r = T.check(PlanJSON(artefacts: Self.drift, waivers: #"[{"rule": "artefact-version", "document": "AD", "reason": "device only supports DUIS 5.0"}]"#).text)
        let drift = r.findings.first { $0.rule.id == "artefact-version" && $0.documentRef != nil && $0.declared == "5.0" }
        #expect(drift?.status == .fail && drift?.waiver == nil)
        let waiver = r.findings.first { $0.rule.id == "waiver" }
        #expect(waiver?.status == .fail && waiver?.message.contains("names no approver") == true, "\(String(describing: waiver?.message))")
        #expect(r.status == .fail && r.tally.deviations == 0)
    }

    @Test func anApprovedWaiverIsADeviation() {
        let r = T.check(PlanJSON(artefacts: Self.drift, waivers: #"[{"rule": "artefact-version", "document": "AD", "reason": "device only supports DUIS 5.0", "approvedBy": "QA lead"}]"#).text)
        #expect(r.status == .pass)
        #expect(r.tally.waivedDeviations == 1 && r.tally.deviations == 1)
        #expect(r.findings.contains { $0.status == .waived && $0.deviation == .waived && $0.waiver?.approvedBy == "QA lead" })
    }

    @Test func aWaiverOfAWarningNeedsNoApprover() {
        let r = T.check(PlanJSON(tbrd: "1.23", waivers: #"[{"rule": "tbrd-version", "reason": "re-confirmed"}]"#).text)
        #expect(r.status == .pass && r.tally.waivedDeviations == 1)
    }

    @Test func aPolicyLevelThatLowersIsADeviationWithItsOwnLevelKept() {
        let policy = Policy(file: "s1check.json", levels: ["artefact-version": .allow])
        let r = Checker.checkAll([("t.plan.json", Array(PlanJSON(artefacts: Self.drift).text.utf8))], baseline: T.resolved, asOf: T.asOf, policy: policy)[0]
        let f = r.findings.first { $0.rule.id == "artefact-version" && $0.declared == "5.0" }
        #expect(f?.status == .pass && f?.level?.originalStatus == .fail && f?.level?.file == "s1check.json")
        #expect(f?.deviation == .policy)
        #expect(r.status == .pass && r.tally.policyDeviations == 1)
        // Raising a level is not a deviation.
        let deny = Checker.checkAll([("t.plan.json", Array(PlanJSON(tbrd: "1.23").text.utf8))], baseline: T.resolved, asOf: T.asOf,
                                    policy: Policy(file: "p.json", levels: ["tbrd-version": .deny]))[0]
        #expect(deny.status == .fail && deny.tally.deviations == 0)
    }

    @Test func aSharedWaiverOfAFailureNeedsAnApproverToo() throws {
        let text = #"{"waivers": [{"rule": "artefact-version", "document": "AD", "reason": "accepted", "expires": "2099-01-01"}]}"#
        let policy = try PolicyDecoding.decode(file: "s1check.json", bytes: Array(text.utf8), names: T.resolved.names)
        let r = Checker.checkAll([("t.plan.json", Array(PlanJSON(artefacts: Self.drift).text.utf8))], baseline: T.resolved, asOf: T.asOf, policy: policy)[0]
        #expect(r.status == .fail)
        #expect(r.findings.contains { $0.rule.id == "waiver" && $0.status == .fail && $0.sharedWaiver == 0 && $0.message.contains("names no approver") })
        // It met something: it is not reported as unused, nor as expired.
        let use = SharedWaiverUse.InPlan(r)
        #expect(use.used == [0] && use.expired.isEmpty)
    }

    // MARK: Coverage

    func coverage(_ scopeText: String? = nil, _ plans: [(String, [UInt8])]) throws -> CoverageResult {
        let bytes = scopeText.map { Array($0.utf8) } ?? CoverageTests.scopeBytes
        let scope = try ScopeDecoding.decode(file: "scope.json", bytes: bytes, registry: CoverageTests.registry)
        var acc = CoverageAccumulator(scope: scope)
        for r in Checker.checkAll(plans, baseline: T.resolved, registry: nil, asOf: T.asOf) { acc.add(r) }
        let tbrd = T.resolved.baseline.tbrd
        return acc.result(file: "scope.json", sha256: "", lines: LineIndex(bytes), asOf: T.asOf, baseline: (tbrd.version, tbrd.date))
    }

    @Test func aCellCoveredOnlyByPlansThatWarnWarns() throws {
        let warns = CoverageTests().plan("W", combinations: ["DMC-A"], testType: "SRVT", installation: ["Active", "Dormant"],
                                         artefacts: #"[{"document": "AM", "version": "12.0"}]"#)
        let r = try coverage(nil, [warns])
        #expect(r.cells[0].kind == "only-warning" && r.cells[0].finding.status == .warn, "\(r.cells[0].finding.message)")
        #expect(r.cells[0].finding.message.contains("covered only by plans that warn or pass with deviations (W)"))
        // Through the (approved) equivalent as well.
        #expect(r.cells[4].kind == "only-warning" && r.cells[4].finding.message.contains("through DMC-A"))
        #expect(r.tally.warned == 4)
    }

    @Test func anEquivalentWithoutAnApproverFails() throws {
        let text = String(decoding: CoverageTests.scopeBytes, as: UTF8.self).replacingOccurrences(of: #", "approvedBy": "TAG, 2023-10-05" }"#, with: " }")
        #expect(!text.contains(#""coveredBy": "DMC-A", "reason": "same ESME firmware line", "approvedBy""#))
        let clean = CoverageTests().plan("P1", combinations: ["DMC-A"], testType: "SRVT", installation: ["Active", "Dormant"])
        let r = try coverage(text, [clean])
        #expect(r.cells[4].kind == "unapproved-equivalent" && r.cells[4].finding.status == .fail)
        #expect(r.cells[4].finding.message.contains("names no approver"))
        let approved = try coverage(nil, [clean])
        #expect(approved.cells[4].kind == "equivalent" && approved.cells[4].finding.status == .pass)
    }

    @Test func theScopesTBRDIsJudgedAsAPlansIs() throws {
        let base = String(decoding: CoverageTests.scopeBytes, as: UTF8.self)
        let current = try coverage(base, [])
        #expect(current.notes.map(\.status) == [.pass] && current.notes[0].rule.id == "tbrd-version" && current.notes[0].line == 3)
        for (tbrd, words) in [("1.23", "an earlier issue"), ("9.99", "a later issue")] {
            let r = try coverage(base.replacingOccurrences(of: #""tbrd": "1.24""#, with: "\"tbrd\": \"\(tbrd)\""), [])
            #expect(r.notes.map(\.status) == [.warn] && r.notes[0].message.contains(words) && r.notes[0].line == 3, "\(r.notes.map(\.message))")
            #expect(r.findings.first?.rule.id == "tbrd-version")
        }
        let none = try coverage(base.replacingOccurrences(of: #""tbrd": "1.24","#, with: ""), [])
        #expect(none.notes.map(\.status) == [.warn] && none.notes[0].message.contains("names no TBRD issue"))
    }
}

/// The run-level rules are in the registry: the catalogue is the registry (issue 23 item 1).
@Suite struct RunLevelRuleTests {
    @Test func theCatalogueIsTheRegistryWithItsRunLevelRules() {
        #expect(RuleRegistry.catalogue.map(\.id) == RuleRegistry.descriptions.map(\.id) + ["coverage", "internal-error", "input-error"])
        #expect(Checker.silentRule == RunLevelRules.internalError)
        #expect(RunLevelRules.all.allSatisfy { !$0.waivable && RunLevelRules.statuses[$0.id] != nil })
    }

    /// One model (issue 23 item 1): every result is a file's findings, so no renderer goes round it to the
    /// scope, the input errors or the unused shared waivers, and no writer makes an outcome of its own.
    @Test func noRendererTakesASeparateRoad() throws {
        let banned = ["isScope", ".inputErrors", ".unusedSharedWaivers", "sharedWaiverUses", "sharedWaiverExpiries", "RunOutcome(",
                      "inputErrorCheck", "noPlanFound = "]
        // What may read alike: the tally's count of unreadable files, and the annotations of the inputs
        // that stop a run before any plan (the baseline, the registry, the policy, the scope).
        let allowed = ["t.inputErrors", "tally.inputErrors", "GitHubAnnotations.inputErrors("]
        var offending: [String] = []
        for folder in ["Sources/S1CheckReports", "Sources/s1check"] {
            let root = Paths.packageRoot.appendingPathComponent(folder)
            let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
            #expect(!files.isEmpty, "no source found in \(folder)")
            for file in files {
                var text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
                for a in allowed { text = text.replacingOccurrences(of: a, with: "") }
                for name in banned where text.contains(name) { offending.append("\(folder)/\(file): \(name)") }
            }
        }
        #expect(offending.isEmpty, "\(offending)")
    }

    /// An unreadable file's input errors are findings of `input-error`, at line and column, counted as
    /// its unreadable file and not as findings; the file is a result of its own kind.
    @Test func inputErrorsAreFindingsOfTheRegisteredRule() {
        let e1 = Diagnostic.input(file: "x.plan.json", path: "$.id", position: SourcePosition(line: 3, column: 9), message: "expected a string")
        let e2 = Diagnostic.input(file: "x.plan.json", message: "no title")
        let r = FileResult(file: "x.plan.json", unreadable: [e1, e2])
        #expect(r.kind == .unreadable && r.status == .fail)
        #expect(r.findings.map(\.rule) == [RunLevelRules.inputError, RunLevelRules.inputError])
        #expect(r.findings.map(\.check) == ["input-error", "input-error · 2"])
        #expect(r.findings.map(\.line) == [3, nil] && r.findings.map(\.column) == [9, nil])
        #expect(r.findings.map(\.message) == ["$.id: expected a string", "$: no title"])
        #expect(r.findings.compactMap(\.inputError) == [e1, e2])
        #expect(r.tally.findings[.fail] == 0, "counted as an unreadable file, not as findings")
        var outcome = RunOutcome(TestData.settings())
        outcome.add(r)
        outcome.finish(noPlan: false)
        #expect(outcome.tally.inputErrors == 1 && outcome.tally.findings[.fail] == 0 && outcome.exitCode == 2)
    }

    /// The pipeline, not its caller, decides that a run found no plan (issue 23 item 4).
    @Test func thePipelineDecidesNoPlanFound() {
        let none = RunPipeline(TestData.settings()).run(MemoryPlanSource([]), into: []).outcome
        #expect(none.noPlanFound && none.exitCode == 2)
        let one = RunPipeline(TestData.settings()).run(MemoryPlanSource([("a.plan.json", Array(PlanJSON(id: "A").text.utf8))]), into: []).outcome
        #expect(!one.noPlanFound && one.planCount == 1)
    }
}
