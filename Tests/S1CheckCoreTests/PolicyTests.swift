import Foundation
import Testing
@testable import S1CheckCore
import S1CheckTestSupport

/// The policy file: per-rule levels and shared waivers, through the library.
@Suite struct PolicyTests {
    typealias T = TestData

    func policy(_ json: String) throws(Diagnostics) -> Policy {
        try PolicyDecoding.decode(file: "s1check.json", bytes: Array(json.utf8), names: T.resolved.names)
    }

    func check(_ plans: [String], policy: Policy) -> [FileResult] {
        Checker.checkAll(plans.enumerated().map { ("p\($0.offset).plan.json", Array($0.element.utf8)) }, baseline: T.resolved,
                         asOf: T.asOf, policy: policy)
    }

    @Test func badPolicyIsAnInputErrorWithPathLineAndColumn() throws {
        let text = try String(contentsOf: Paths.fixture("Policy/bad.s1check.json"), encoding: .utf8)
        guard let e = decodeFailure({ () throws(Diagnostics) in try policy(text) }) else { Issue.record("the bad policy decoded"); return }
        let byPath = Dictionary(grouping: e.all, by: { $0.path ?? "" })
        #expect(byPath["$.rules.consultaton"]?.first?.message.contains("did you mean \"consultation\"?") == true)
        #expect(byPath["$.rules.waiver"]?.first?.message == "rule \"waiver\" cannot be given a level")
        #expect(byPath["$.rules.consultation"]?.first?.message.contains("one of allow, warn, deny") == true)
        #expect(byPath["$.waivers[0]"]?.first?.message.contains("needs an expiry date") == true)
        #expect(byPath["$.waivers[1].document"]?.first?.message.contains("could mean Appendix AL, Appendix AS, Appendix AU") == true)
        #expect(e.all.allSatisfy { $0.position != nil && $0.file == "s1check.json" })
        #expect(byPath["$.rules.consultaton"]?.first?.position?.line == 2)
    }

    @Test func sharedWaiverMayNameItsApprover() throws {
        let p = try policy(#"{"waivers": [{"rule": "consultation", "document": "AM", "reason": "r", "expires": "2030-01-01", "approvedBy": "Test assurance lead"}]}"#)
        #expect(p.waivers[0].approvedBy == "Test assurance lead")
        let r = check([PlanJSON(artefacts: #"[{"document": "AM", "version": "12.0"}]"#).text], policy: p)[0]
        #expect(r.findings.first { $0.status == .waived }?.waiver == AppliedWaiver(reason: "r", expires: CalendarDate(iso: "2030-01-01"), originalStatus: .warn,
                                                                                     shared: 0, approvedBy: "Test assurance lead"))
        guard decodeFailure({ () throws(Diagnostics) in try policy(#"{"waivers": [{"rule": "consultation", "reason": "r", "expires": "2030-01-01", "approvedBy": ""}]}"#) }) != nil else {
            Issue.record("a blank approver decoded"); return
        }
    }

    @Test func levelsChangeStatusesAndKeepTheFinding() throws {
        let p = try policy(#"{"rules": {"unversioned-document": "deny", "artefact-version": "warn", "consultation": "allow"}}"#)
        let plan = PlanJSON(phase: "MOC", artefacts: #"[{"document": "Appendix A", "version": "1.0"}, {"document": "AD", "version": "5.0"}, {"document": "AM", "version": "12.0"}]"#).text
        let r = check([plan], policy: p)[0]
        func finding(_ rule: RuleDescription) -> Finding? { r.findings.first { $0.rule == rule } }
        #expect(finding(UnversionedDocumentRule.description)?.status == .fail)
        #expect(finding(UnversionedDocumentRule.description)?.level == AppliedLevel(level: .deny, originalStatus: .warn, file: p.file))
        #expect(finding(ArtefactVersionRule.description)?.status == .warn)
        #expect(finding(ArtefactVersionRule.description)?.level == AppliedLevel(level: .warn, originalStatus: .fail, file: p.file))
        let allowed = try #require(finding(ConsultationRule.description))
        #expect(allowed.status == .pass && allowed.level == AppliedLevel(level: .allow, originalStatus: .warn, file: p.file))
        #expect(allowed.message.contains("subject to further consultation and amendment"), "allow keeps the message")
        // A pass is left alone: the level changes only warnings and failures.
        #expect(finding(TBRDVersionRule.description)?.level == nil)
        #expect(r.status == .fail)
    }

    @Test func sharedWaiversApplyToEveryPlanAndTheRunReportsUnusedOnes() throws {
        let text = try String(contentsOf: Paths.fixture("Policy/gate.s1check.json"), encoding: .utf8)
        let p = try policy(text)
        #expect(p.waivers.count == 2 && p.waiverLines == [8, 9])
        let am = PlanJSON(id: "A", artefacts: #"[{"document": "AM", "version": "12.0"}]"#).text
        let plain = PlanJSON(id: "B").text
        let results = check([am, plain], policy: p)
        let c = try #require(results[0].findings.first { $0.rule == ConsultationRule.description })
        #expect(c.status == .waived && c.waiver?.shared == 0)
        #expect(results[0].findings.contains { $0.rule == WaiverRule.description && $0.status == .pass && $0.message.contains("shared waiver") })
        // The plan without AM says nothing about the shared waiver: it is reported once, for the run.
        #expect(!results[1].findings.contains { $0.rule == WaiverRule.description })
        #expect(results.allSatisfy { $0.status == .pass })
        let settings = RunSettings(baseline: T.resolved, baselineSource: InputDigest(role: "baseline", file: "b", sha256: ""), registrySource: nil,
                                   asOf: T.asOf, strict: true, keepGoing: false, passedOver: [], policy: p)
        let run = RunResult(settings: settings, plans: results)
        let unused = run.outcome.runResults.filter { $0.kind == .policy }.flatMap(\.findings)
        #expect(unused.map(\.sharedWaiver) == [1] && unused.map(\.status) == [.warn] && unused.map(\.line) == [9], "the AL waiver waived nothing")
        #expect(unused.allSatisfy { $0.rule == WaiverRule.description } && run.outcome.tally.findings[.warn] == 1)
        #expect(run.outcome.hasWarnings && run.exitCode == 1, "an unused shared waiver is a warning of the run, so --strict fails")
    }

    @Test func anExpiredSharedWaiverFailsOnlyWhereItWouldWaive() throws {
        let p = try policy(#"{"waivers": [{"rule": "consultation", "document": "AM", "reason": "r", "expires": "2023-05-31"}]}"#)
        let results = check([PlanJSON(id: "A", artefacts: #"[{"document": "AM", "version": "12.0"}]"#).text, PlanJSON(id: "B").text], policy: p)
        let expired = results[0].findings.filter { $0.rule == WaiverRule.description }
        #expect(expired.map(\.status) == [.fail] && expired[0].message.contains("expired on 2023-05-31"))
        #expect(results[0].findings.first { $0.rule == ConsultationRule.description }?.status == .warn)
        #expect(results[1].status == .pass)
        // The typed fact, not the finding's words, says it met the waiver too late.
        #expect(expired[0].sharedWaiver == 0 && expired[0].sharedWaiverMeeting == .expired)
        var outcome = RunOutcome(T.settings(policy: p))
        for r in results { outcome.add(r) }
        outcome.finish(noPlan: false)
        #expect(outcome.runResults.flatMap(\.findings).isEmpty, "it met a finding, so it is reported there, not as unused")
        #expect(outcome.sharedWaivers.uses == [0] && outcome.sharedWaivers.expiries == [1], "expired is not used")
        // A run that could read no plan says nothing of the policy's waivers: it cannot judge them.
        var unread = RunOutcome(T.settings(policy: p))
        unread.add(PlanSummary(FileResult(file: "x.plan.json", unreadable: [.input(file: "x.plan.json", message: "unreadable")])))
        unread.finish(noPlan: false)
        #expect(unread.runResults.flatMap(\.findings).isEmpty)
    }

    /// A shared waiver that would waive a failure without an approver met something: the typed fact says
    /// so (not the finding's words), so it is counted as used, neither expired nor unused.
    @Test func anUnapprovedSharedWaiverIsUsedNotExpired() throws {
        let p = try policy(#"{"waivers": [{"rule": "artefact-version", "document": "AD", "reason": "r", "expires": "2030-01-01"}]}"#)
        let results = check([PlanJSON(id: "A", artefacts: #"[{"document": "AD", "version": "5.0"}]"#).text], policy: p)
        let f = try #require(results[0].findings.first { $0.sharedWaiver == 0 })
        #expect(f.status == .fail && f.sharedWaiverMeeting == .unapproved)
        var outcome = RunOutcome(T.settings(policy: p))
        for r in results { outcome.add(r) }
        outcome.finish(noPlan: false)
        #expect(outcome.sharedWaivers.uses == [1] && outcome.sharedWaivers.expiries == [0])
        #expect(outcome.runResults.flatMap(\.findings).isEmpty, "it met a failure: not unused")
    }

    /// An unused shared waiver whose document names nothing gets the nearest name, as a plan waiver does.
    @Test func anUnusedSharedWaiverWithAMistypedDocumentGetsTheNearestName() throws {
        let p = try policy(#"{"waivers": [{"rule": "consultation", "document": "Apendix AM", "reason": "r", "expires": "2030-01-01"}]}"#)
        #expect(p.unusedMessage(0, in: T.resolved)
            == "the shared waiver for consultation · Apendix AM matches no finding in any plan: \"Apendix AM\" names no document of the SEC (did you mean Appendix AM?)")
    }
}
