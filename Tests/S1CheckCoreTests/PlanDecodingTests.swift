import Testing
@testable import S1CheckCore
import S1CheckTestSupport

@Suite struct PlanDecodingTests {
    func decode(_ json: String) throws(Diagnostics) -> Plan {
        try PlanDecoding.decode(file: "p.plan.json", bytes: Array(json.utf8), names: TestData.resolved.names)
    }

    func errors(_ json: String) -> [Diagnostic] {
        if let e = decodeFailure({ () throws(Diagnostics) in try decode(json) }) { return e.all }
        return []
    }

    @Test func normalisesNamesAndVersions() throws {
        let plan = try decode(PlanJSON(artefacts: #"[{"document": "sec appendix ad", "version": "Version 5.1"}, {"document": "SMETS1 SVTAD", "version": "v10.0"}]"#).text)
        #expect(plan.artefacts.map(\.ref) == [.document(.appendix, "AD"), .document(.appendix, "AK")])
        #expect(plan.artefacts.map(\.version) == [Version(dotted: "5.1")!, Version(dotted: "10.0")!])
        #expect(plan.artefacts[0].versionText == "Version 5.1")
    }

    @Test func namesPeopleUseResolveAndAnAmbiguousNameIsAnInputError() throws {
        let plan = try decode(PlanJSON(artefacts: #"[{"document": "DUIS", "version": "5.1"}, {"document": "gbcs", "version": "4.1"}, {"document": "SMETS1 TMAD", "version": "25.0"}, {"document": "SMETS2", "version": "4.0"}]"#).text)
        #expect(plan.artefacts.map(\.ref) == [.document(.appendix, "AD"), .document(.schedule, "8"), .document(.appendix, "AL"), .part(.schedule, "9", "SMETS2")])
        // A bare SVTAD is as ambiguous as a bare TMAD: AJ, AK, AN, AQ and AR are all SVTADs.
        let svtad = errors(PlanJSON(artefacts: #"[{"document": "SVTAD", "version": "10.0"}]"#).text)
        #expect(svtad.first?.message == "\"SVTAD\" could mean Appendix AJ, Appendix AK, Appendix AN, Appendix AQ, Appendix AR; name the one meant")
        let e = errors(PlanJSON(artefacts: #"[{"document": "TMAD", "version": "25.0"}]"#).text)
        #expect(e.count == 1)
        #expect(e.first?.path == "$.artefacts[0].document")
        #expect(e.first?.message == "\"TMAD\" could mean Appendix AL, Appendix AS, Appendix AU; name the one meant")
        #expect(e.first?.position?.line == 5)
        // Waiver documents are read the same way.
        let w = errors(PlanJSON(waivers: #"[{"rule": "consultation", "document": "tmad", "reason": "r"}]"#).text)
        #expect(w.first?.path == "$.waivers[0].document")
    }

    @Test func allowsSchemaKey() throws {
        let json = PlanJSON().text.replacingOccurrences(of: "\"id\":", with: "\"$schema\": \"./plan.schema.json\", \"id\":")
        #expect(throws: Never.self) { try decode(json) }
    }

    @Test func unknownKeyNamesPathLineAndSuggestion() {
        let json = PlanJSON().text.replacingOccurrences(of: "\"artefacts\":", with: "\"artefact\": [],\n  \"artefacts\":")
        let e = errors(json)
        #expect(e.count == 1)
        #expect(e[0].path == "$.artefact")
        #expect(e[0].message.contains("did you mean \"artefacts\""))
        #expect(e[0].position?.line == 5)
        #expect(e[0].description.hasPrefix("p.plan.json:5:"))
    }

    @Test func missingFieldsAreListed() {
        let e = errors(#"{"id": "x", "title": "t", "phase": "FOC"}"#)
        #expect(Set(e.map(\.message)) == ["missing required key \"tbrd\" in a test plan", "missing required key \"artefacts\" in a test plan"])
        #expect(e.allSatisfy { $0.path == "$" && $0.position == SourcePosition(line: 1, column: 1) })
    }

    @Test func badValuesNameTheirPath() {
        let json = PlanJSON(phase: "EOC", window: #"{"start": "2023-02-30", "end": "2023-06-01"}"#,
                                     artefacts: #"[{"document": "SEC", "version": 72.0}, {"document": "AD", "version": "five"}]"#).text
        let e = errors(json)
        #expect(e.contains { $0.path == "$.phase" && $0.message.contains("IOC, MOC, FOC") })
        #expect(e.contains { $0.path == "$.window.start" && $0.message.contains("real calendar date") })
        #expect(e.contains { $0.path == "$.artefacts[0].version" && $0.message.contains("found the number 72.0") })
        #expect(e.contains { $0.path == "$.artefacts[1].version" && $0.message.contains("\"five\"") })
    }

    @Test func versionAsNumberExplainsTrailingZeros() {
        let e = errors(PlanJSON(artefacts: #"[{"document": "AD", "version": 5.10}]"#).text)
        #expect(e.first?.message.contains("5.10 would read as 5.1") == true)
    }

    /// "5.01" is refused, not read as 5.1 (which it may not mean), in a plan's artefacts and its tbrd.
    @Test func aVersionWithALeadingZeroIsRefused() {
        let e = errors(PlanJSON(tbrd: "01.24", artefacts: #"[{"document": "AD", "version": "5.01"}, {"document": "AF", "version": "v5.1"}]"#).text)
        #expect(e.map(\.path) == ["$.tbrd", "$.artefacts[0].version"])
        #expect(e.last?.message.hasSuffix(#"found "5.01": its part "01" has a leading zero, and s1check refuses it rather than read it as 5.1"#) == true,
                "\(e.last?.message ?? "")")
        #expect(e.first?.message.contains("rather than read it as 1.24") == true)
    }

    /// A phase in the wrong case is one edit from the right one, so it is suggested; an unclear one is not.
    @Test func aPhaseInLowerCaseSuggestsTheRightOne() {
        #expect(errors(PlanJSON(phase: "moc").text).first?.message == #"expected the capability phase, one of IOC, MOC, FOC, found "moc" (did you mean "MOC"?)"#)
        #expect(errors(PlanJSON(phase: "XOC").text).first?.message == #"expected the capability phase, one of IOC, MOC, FOC, found "XOC""#)
    }

    @Test func windowMustNotEndBeforeItStarts() {
        let e = errors(PlanJSON(window: #"{"start": "2023-06-30", "end": "2023-06-01"}"#).text)
        #expect(e.first?.path == "$.window.end")
    }

    @Test func waiverRuleMustBeAWaivableRuleID() {
        let e = errors(PlanJSON(waivers: #"[{"rule": "consultaton", "document": "AM", "reason": "r"}, {"rule": "waiver", "reason": "r"}]"#).text)
        #expect(e.contains { $0.path == "$.waivers[0].rule" && $0.message.contains("did you mean \"consultation\"") })
        #expect(e.contains { $0.path == "$.waivers[1].rule" && $0.message.contains("cannot be waived") })
    }

    /// A failed test cannot be waived into a pass: a waiver of test-results is refused as the plan is read,
    /// and so is a policy level for it (docs/execution.md).
    @Test func testResultsCannotBeWaived() {
        let e = errors(PlanJSON(waivers: #"[{"rule": "test-results", "reason": "flaky rig", "approvedBy": "QA"}]"#).text)
        #expect(e.contains { $0.path == "$.waivers[0].rule" && $0.message == #"rule "test-results" cannot be waived"# })
        #expect(!Policy.levelledRuleIDs.contains("test-results"))
    }

    /// `approvedBy` is optional; when given it is text, and it reaches the finding the waiver waives.
    @Test func waiverMayNameItsApprover() throws {
        let waivers = #"[{"rule": "consultation", "document": "AM", "reason": "r", "approvedBy": "J. Bloggs"}, {"rule": "consultation", "document": "AL", "reason": "r"}]"#
        let plan = try decode(PlanJSON(waivers: waivers).text)
        #expect(plan.waivers.map(\.approvedBy) == ["J. Bloggs", nil])
        let e = errors(PlanJSON(waivers: #"[{"rule": "consultation", "reason": "r", "approvedBy": " "}, {"rule": "consultation", "reason": "r", "approvedBy": 7}]"#).text)
        #expect(e.map(\.path) == ["$.waivers[0].approvedBy", "$.waivers[1].approvedBy"])
        let r = Checker.checkAll([("p.plan.json", Array(PlanJSON(artefacts: #"[{"document": "AM", "version": "12.0"}]"#, waivers: waivers).text.utf8))],
                                 baseline: TestData.resolved, asOf: TestData.asOf)[0]
        #expect(r.findings.first { $0.status == .waived }?.waiver?.approvedBy == "J. Bloggs")
    }

    @Test func controlCharactersAndBlankStringsAreRejected() {
        let e = errors(PlanJSON(id: #"a\u0000b"#).text)
        #expect(e.first?.message.contains("control character U+0000") == true)
        #expect(errors(PlanJSON(id: " ").text).first?.message.contains("empty") == true)
        #expect(errors(PlanJSON(artefacts: "[]").text).first?.message.contains("at least one artefact") == true)
    }

    @Test(arguments: ["[]", "\"plan\"", "42", "null"])
    func topLevelMustBeAnObject(json: String) {
        #expect(errors(json).first?.message.contains("expected a test plan (a JSON object)") == true)
    }
}
