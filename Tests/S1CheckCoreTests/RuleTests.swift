import Testing
@testable import S1CheckCore
import S1CheckTestSupport

/// Every row of the verdict table (docs/verdicts.md), through the library. (The end-to-end suite runs each row
/// through the binary too.)
@Suite struct RuleTests {
    typealias T = TestData
    func artefacts(_ pairs: [(String, String)]) -> String {
        "[" + pairs.map { #"{"document": "\#($0.0)", "version": "\#($0.1)"}"# }.joined(separator: ",") + "]"
    }
    func statuses(_ fs: [Finding]) -> [Status] { fs.map(\.status) }

    @Test func artefactVersionPassFailWarn() throws {
        let f = try T.findings(PlanJSON(artefacts: artefacts([("SEC", "72.0"), ("Appendix AD", "5.0"), ("AF", "5.2"), ("AK", "10.0"), ("AM", "11.0"), ("Section N", "72.0")])).text,
                           rule: ArtefactVersionRule.description)
        #expect(f.map(\.subject) == ["SEC", "Appendix AD", "Appendix AF", "Appendix AK", "Appendix AM", "Section N"])
        #expect(statuses(f) == [.pass, .fail, .warn, .pass, .fail, .pass])
        #expect(f[1].declared == "5.0" && f[1].expected == "5.1")
        #expect(f[1].message.contains("drifted"))
        #expect(f[1].clause == "TBRD 1.24 paragraph 3 and Annex A")
        #expect(f[1].message.contains("which is in legal effect, but TBRD 1.24 Annex A lists the more recent 5.1"))
        #expect(f[2].hint?.contains("s1check baseline export") == true && !f[2].message.contains("s1check"))
        #expect(f[3].clause == "TBRD 1.24 footnote 1")
        #expect(f[4].message.contains("11.0 is older"))
        #expect(f[5].clause.hasPrefix("TBRD 1.24 paragraph 1(i) and the Annex A heading"))
    }

    @Test func consultationWarnsAtTheConsultationVersionOnly() throws {
        let f = try T.findings(PlanJSON(artefacts: artefacts([("AM", "12.0"), ("AL", "25.0"), ("AD", "5.1")])).text, rule: ConsultationRule.description)
        #expect(f.map(\.subject) == ["Appendix AM", "Appendix AL"])
        #expect(statuses(f) == [.warn, .warn])
        #expect(f[0].message.contains("supplemented by a consultation on proposed changes to the document, which closed on 2023-02-10"))
        #expect(!f[0].message.contains("under consultation"))
        #expect(try T.findings(PlanJSON(artefacts: artefacts([("AM", "13.0")])).text, rule: ConsultationRule.description).isEmpty)
    }

    @Test func consultationWaived() {
        let json = PlanJSON(artefacts: artefacts([("AM", "12.0")]),
                              waivers: #"[{"rule": "consultation", "document": "Appendix AM", "reason": "booked", "expires": "2023-12-31"}]"#).text
        let r = T.check(json)
        let c = r.findings.first { $0.rule == ConsultationRule.description }!
        #expect(c.status == .waived)
        #expect(c.waiver == AppliedWaiver(reason: "booked", expires: CalendarDate(iso: "2023-12-31"), originalStatus: .warn))
        #expect(r.findings.first { $0.rule == WaiverRule.description }?.status == .pass)
        #expect(r.status == .pass)
    }

    @Test func unknownDocumentSuggestsNearestNames() throws {
        let f = try T.findings(PlanJSON(artefacts: artefacts([("Appendix AZ", "1.0"), ("Shedule 9", "1.0"), ("SEC", "72.0")])).text, rule: UnknownDocumentRule.description)
        #expect(statuses(f) == [.fail, .fail])
        #expect(f[0].message.contains("nearest: Appendix A, Appendix Z, Appendix AA"))
        #expect(f[1].message.contains("Schedule 9"))
        // Pasted from the TBRD with its title, the title mistyped: unknown, but the suggestion names the
        // document its code names. (With the title right, the name is read: see DocumentNameTests.)
        let pasted = try T.findings(PlanJSON(artefacts: artefacts([("SEC Appendix AD – DCC User Interface Spec", "5.1")])).text, rule: UnknownDocumentRule.description)
        #expect(pasted.first?.message.contains("nearest: Appendix AD") == true, "\(pasted.first?.message ?? "")")
        // A code that others extend suggests those first; a bare code is compared as the code it names.
        for written in ["Appendix AP", "AP"] {
            let ap = try T.findings(PlanJSON(artefacts: artefacts([(written, "2.0")])).text, rule: UnknownDocumentRule.description)
            #expect(ap.first?.message.contains("nearest: Appendix AP1, Appendix AP2,") == true, "\(ap.first?.message ?? "")")
        }
    }

    @Test func unversionedDocumentWarns() throws {
        let f = try T.findings(PlanJSON(artefacts: artefacts([("SMETS2", "4.0"), ("Appendix A", "1.0"), ("Schedule 9", "1.2")])).text, rule: UnversionedDocumentRule.description)
        #expect(statuses(f) == [.warn, .warn])
        #expect(f.map(\.subject) == ["Schedule 9 (SMETS2)", "Appendix A"])
        #expect(f[0].message.contains("cannot be verified"))
    }

    @Test func duplicateDocumentFailsOnlyOnVersionsNotSideBySide() throws {
        let f = try T.findings(PlanJSON(artefacts: artefacts([("AD", "5.1"), ("Appendix AD", "5.0"), ("AF", "5.1"), ("SEC Appendix AF", "v5.1"),
                                                                ("GBCS", "4.1"), ("Schedule 8", "3.2")])).text,
                           rule: DuplicateDocumentRule.description)
        #expect(f.map(\.subject) == ["Appendix AD", "Appendix AF"])
        #expect(statuses(f) == [.fail, .warn])
        #expect(f[1].message.contains("as \"AF\" (line 5) and as \"SEC Appendix AF\" (line 5)"))
        // One artefact per line, as people write plans: each declaration is named at its own line.
        let lines = try T.findings(PlanJSON(artefacts: artefacts([("AF", "5.1"), ("SEC Appendix AF", "5.1")]).replacingOccurrences(of: "},{", with: "},\n{")).text,
                                   rule: DuplicateDocumentRule.description)
        #expect(lines.first?.message.contains("as \"AF\" (line 5) and as \"SEC Appendix AF\" (line 6)") == true, "\(lines.first?.message ?? "")")
        // Versions in legal effect side by side are each checked.
        let gbcs = try T.findings(PlanJSON(artefacts: artefacts([("GBCS", "4.1"), ("Schedule 8", "3.2")])).text, rule: ArtefactVersionRule.description)
        #expect(statuses(gbcs) == [.pass, .pass] && gbcs.map(\.check) == ["artefact-version · Schedule 8", "artefact-version · Schedule 8 (2)"], "\(gbcs.map(\.check))")
        // The repeat is not checked again against the baseline (one artefact-version per document).
        let versions = try T.findings(PlanJSON(artefacts: artefacts([("AD", "5.1"), ("Appendix AD", "5.0")])).text, rule: ArtefactVersionRule.description)
        #expect(versions.count == 1 && versions[0].status == .pass)
    }

    @Test func phaseApplicability() throws {
        let ioc = try T.findings(PlanJSON(phase: "IOC", window: nil, artefacts: artefacts([("AP2", "2.0"), ("AP1", "2.0")])).text, rule: PhaseApplicabilityRule.description)
        // No clause restricts AP2 to FOC (paragraph 2): outside FOC it is a note, a pass that says so.
        #expect(statuses(ioc) == [.pass])
        #expect(ioc[0].message.hasPrefix("Note: ") && ioc[0].message.contains("TBRD 1.24 lists it with no phase restriction"))
        let foc = try T.findings(PlanJSON(phase: "FOC", artefacts: artefacts([("AP2", "2.0")])).text, rule: PhaseApplicabilityRule.description)
        #expect(statuses(foc) == [.pass])
    }

    /// Several declarations of one document: the fail lands on the version that is not relevant, whatever
    /// the order, and names both; versions side by side are both checked; cost is linear in declarations.
    @Test func duplicateDeclarationsBlameTheVersionThatIsNotRelevant() throws {
        for order in [[("AD", "5.0"), ("AD", "5.1")], [("AD", "5.1"), ("AD", "5.0")]] {
            let json = PlanJSON(artefacts: artefacts(order)).text
            let dup = try T.findings(json, rule: DuplicateDocumentRule.description)
            #expect(dup.map(\.declared) == ["5.0"] && dup.map(\.status) == [.fail])
            #expect(dup[0].message.contains("5.0 is not a relevant version") && !dup[0].message.contains("side by side"))
            let versions = try T.findings(json, rule: ArtefactVersionRule.description)
            #expect(versions.map(\.declared) == ["5.1"] && versions.map(\.status) == [.pass])
        }
        // Thousands of distinct versions of one document: one pass over them (quadratic before).
        let many = (0..<20_000).map { ("AD", "4.\($0)") }
        let r = T.check(PlanJSON(artefacts: artefacts(many)).text)
        #expect(r.findings.filter { $0.rule == DuplicateDocumentRule.description }.count == 19_999)
    }

    /// A baseline file may state phases for a document whose text restricts it: then it is a warning.
    @Test func statedPhasesWarn() throws {
        var b = T.baseline
        let at = try #require(b.documents.firstIndex { $0.ref == .document(.appendix, "AT") })
        b.documents[at].phases = [.FOC]
        let r = T.check(PlanJSON(phase: "MOC", artefacts: artefacts([("AT", "2.0")])).text, baseline: ResolvedBaseline(b))
        #expect(r.findings.filter { $0.rule == PhaseApplicabilityRule.description }.map(\.status) == [.warn])
    }

    @Test func tbrdVersion() throws {
        #expect(statuses(try T.findings(PlanJSON(tbrd: "1.24").text, rule: TBRDVersionRule.description)) == [.pass])
        #expect(statuses(try T.findings(PlanJSON(tbrd: "1.23").text, rule: TBRDVersionRule.description)) == [.warn])
        #expect(statuses(try T.findings(PlanJSON(tbrd: "v1.25").text, rule: TBRDVersionRule.description)) == [.warn])
        #expect(statuses(try T.findings(PlanJSON(tbrd: "1.240").text, rule: TBRDVersionRule.description)) == [.warn])
    }

    @Test func iocCessation() throws {
        let past = try T.findings(PlanJSON(phase: "IOC", window: #"{"start": "2023-05-01", "end": "2023-05-29"}"#).text, rule: IOCCessationRule.description)
        #expect(statuses(past) == [.warn])
        #expect(past[0].subject == "Appendix AL")
        // The cohort is closed from 28 May 2023: a window ending that day reaches it.
        let onTheDay = try T.findings(PlanJSON(phase: "IOC", window: #"{"start": "2023-05-01", "end": "2023-05-28"}"#).text, rule: IOCCessationRule.description)
        #expect(statuses(onTheDay) == [.warn])
        let before = try T.findings(PlanJSON(phase: "IOC", window: #"{"start": "2023-05-01", "end": "2023-05-27"}"#).text, rule: IOCCessationRule.description)
        #expect(statuses(before) == [.pass])
        #expect(try T.findings(PlanJSON(phase: "FOC", window: #"{"start": "2023-05-01", "end": "2023-12-28"}"#).text, rule: IOCCessationRule.description).isEmpty)
        // No window: the check cannot be made, and the plan is told so (no rule passes by omission).
        let noWindow = try T.findings(PlanJSON(phase: "IOC", window: nil).text, rule: IOCCessationRule.description)
        #expect(statuses(noWindow) == [.warn] && noWindow[0].message.contains("gives no test window"))
    }

    @Test func devicesDeclared() throws {
        #expect(statuses(try T.findings(PlanJSON(devices: "[]", combinations: "[]").text, rule: DevicesDeclaredRule.description)) == [.fail])
        #expect(statuses(try T.findings(PlanJSON(devices: "[]", combinations: #"["DMC-1"]"#).text, rule: DevicesDeclaredRule.description)) == [.pass])
        #expect(statuses(try T.findings(PlanJSON().text, rule: DevicesDeclaredRule.description)) == [.pass])
    }

    @Test func deviceEligibility() throws {
        let registry = DeviceRegistry(
            deviceModels: [.init(id: "DM-1", type: .ESME, manufacturer: "Maker Ltd", model: "EM-1", firmware: ["1.0", "1.1"], phases: [.FOC]),
                           .init(id: "DM-2", type: .GSME, manufacturer: "Maker Ltd", model: "GM-1", firmware: ["2.0"], phases: [.MOC])],
            combinations: [.init(id: "DMC-1", deviceModels: ["DM-1"], phases: [.FOC]), .init(id: "DMC-2", deviceModels: ["DM-2"], phases: [.MOC])])
        let devices = #"""
        [{"type": "ESME", "manufacturer": "maker  ltd", "model": "EM-1", "firmware": "1.1"},
         {"type": "ESME", "manufacturer": "Maker Ltd", "model": "EM-1", "firmware": "1.2"},
         {"type": "GSME", "manufacturer": "Maker Ltd", "model": "GM-1", "firmware": "2.0"},
         {"type": "IHD", "manufacturer": "Maker Ltd", "model": "EM-1", "firmware": "1.0"},
         {"type": "ESME", "manufacturer": "Makr Ltd", "model": "EM-2", "firmware": "1.0"}]
        """#
        let f = try T.findings(PlanJSON(devices: devices, combinations: #"["DMC-1", "DMC-2", "DMC-9"]"#).text, rule: DeviceEligibilityRule.description, registry: registry)
        #expect(statuses(f) == [.pass, .fail, .fail, .fail, .fail, .pass, .fail, .fail])
        #expect(f[1].message.contains("firmware 1.2") && f[1].message.contains("DM-1 (firmware 1.0, 1.1)"))
        #expect(f[2].message.contains("eligible for MOC only, not FOC"))
        #expect(f[3].message.contains("of type ESME, not IHD"))
        #expect(f[4].message.contains("nearest entries: Maker Ltd EM-1"))
        #expect(f[7].message.contains("not in the device registry; nearest: DMC-1"))
        // Names match by canonical equivalence: a registry written in NFD matches a plan written in NFC.
        let nfd = DeviceRegistry(deviceModels: [.init(id: "DM-9", type: .ESME, manufacturer: "Socie\u{301}te\u{301} Ge\u{301}ne\u{301}rale",
                                                      model: "E-1", firmware: ["1"], phases: [.FOC])], combinations: [])
        let nfc = #"[{"type": "ESME", "manufacturer": "Soci\#u{E9}t\#u{E9} G\#u{E9}n\#u{E9}rale", "model": "E-1", "firmware": "1"}]"#
        #expect(statuses(try T.findings(PlanJSON(devices: nfc).text, rule: DeviceEligibilityRule.description, registry: nfd)) == [.pass])
        // Without a registry nothing is checked (and the reports say so).
        #expect(try T.findings(PlanJSON(devices: devices).text, rule: DeviceEligibilityRule.description).isEmpty)
    }

    @Test func waiverWithoutReasonOrExpiredFailsAndLeavesTheFinding() {
        let json = PlanJSON(artefacts: artefacts([("AM", "12.0"), ("AL", "25.0")]), waivers: #"""
        [{"rule": "consultation", "document": "AM", "reason": "  "},
         {"rule": "consultation", "document": "AL", "reason": "old", "expires": "2023-05-31"}]
        """#).text
        let r = T.check(json)
        let waivers = r.findings.filter { $0.rule == WaiverRule.description }
        #expect(statuses(waivers) == [.fail, .fail])
        #expect(waivers[0].message.contains("gives no reason"))
        #expect(waivers[1].message.contains("expired on 2023-05-31 (as of 2023-06-01)"))
        #expect(statuses(r.findings.filter { $0.rule == ConsultationRule.description }) == [.warn, .warn])
        // Valid on its expiry day.
        let onDay = T.check(json, asOf: CalendarDate(iso: "2023-05-31")!)
        #expect(onDay.findings.filter { $0.rule == ConsultationRule.description }.map(\.status) == [.warn, .waived])
    }

    @Test func unusedWaiverWarns() {
        let r = T.check(PlanJSON(artefacts: artefacts([("AD", "5.1")]),
                                   waivers: #"[{"rule": "artefact-version", "document": "AD", "reason": "just in case"}]"#).text)
        let w = r.findings.first { $0.rule == WaiverRule.description }!
        #expect(w.status == .warn)
        #expect(w.message.contains("matches no warn or fail finding"))
    }

    @Test func waiverWithoutDocumentMatchesPlanWideFindings() {
        let r = T.check(PlanJSON(tbrd: "1.23", waivers: #"[{"rule": "tbrd-version", "reason": "migrating"}]"#).text)
        #expect(r.findings.first { $0.rule == TBRDVersionRule.description }?.status == .waived)
        #expect(r.status == .pass)
    }

    @Test func duplicatePlanIDNamesBothFiles() {
        let results = Checker.checkAll([("a.plan.json", Array(PlanJSON(id: "SAME").text.utf8)), ("b.plan.json", Array(PlanJSON(id: "SAME").text.utf8)),
                                        ("c.plan.json", Array(PlanJSON(id: "OTHER").text.utf8))], baseline: T.resolved, asOf: T.asOf)
        let dup = results.map { $0.findings.first { $0.rule == DuplicatePlanIDRule.description }! }
        #expect(dup.map(\.status) == [.fail, .fail, .pass])
        #expect(dup[0].message.contains("b.plan.json") && dup[1].message.contains("a.plan.json"))
        #expect(dup[0].line == 2)
    }

    @Test func checkNamesAreUniqueWithinAPlan() {
        let r = T.check(PlanJSON(artefacts: artefacts([("AM", "12.0")]), waivers: #"""
        [{"rule": "consultation", "document": "AM", "reason": "a"}, {"rule": "consultation", "document": "AM", "reason": "b"}]
        """#).text)
        let names = r.findings.map(\.check)
        #expect(Set(names).count == names.count)
        #expect(names.contains("waiver · consultation · Appendix AM (2)"))
        // Every rule that can repeat a name gets numbered: unknown names, conflicting declarations, devices.
        let device = #"{"type": "ESME", "manufacturer": "M", "model": "X", "firmware": "1.0"}"#
        let many = T.check(PlanJSON(devices: "[\(device), \(device)]",
                                      artefacts: artefacts([("AZ", "1"), ("AZ", "2"), ("AD", "5.1"), ("AD", "5.0"), ("AD", "4.0")])).text)
        let all = many.findings.map(\.check)
        #expect(Set(all).count == all.count, "\(all)")
        #expect(all.contains("unknown-document · Appendix AZ (2)") && all.contains("duplicate-document · Appendix AD (2)"))
    }

    @Test func findingsCarryLines() {
        let r = T.check(PlanJSON(artefacts: artefacts([("AD", "5.0")])).text)
        #expect(r.findings.first { $0.rule == ArtefactVersionRule.description }?.line == 5)
    }

    @Test func parallelCheckingKeepsOrder() {
        let jsons = (0..<200).map { PlanJSON(id: "P-\($0)").text }
        let results = Checker.checkAll(jsons.enumerated().map { ("\($0.offset).plan.json", Array($0.element.utf8)) }, baseline: T.resolved, asOf: T.asOf)
        #expect(results.map(\.id) == (0..<200).map { "P-\($0)" })
    }
}

@Suite struct BaselineToolTests {
    let next = { () -> Baseline in
        let bytes = Paths.bytes(Paths.fixture("Baselines/tbrd-1.25.baseline.json"))
        return try! BaselineDecoding.decode(file: "1.25", bytes: bytes)
    }()

    @Test func diffReportsExactlyTheChanges() {
        let d = BaselineDiff(old: TestData.baseline, new: next)
        #expect(d.changes.map(\.kind) == [.tbrd, .reversioned, .consultationClosed])
        #expect(d.changes.map(\.subject) == ["TBRD", "Appendix AD", "Appendix AM"])
        #expect(d.changes[1].old == "5.1" && d.changes[1].new == "5.2")
        #expect(d.changes[2].old == "12.0" && d.changes[2].new == "13.0")
        #expect(BaselineDiff(old: TestData.baseline, new: TestData.baseline).isEmpty)
    }

    @Test func diffFindsThePlansItPutsOutOfDate() throws {
        let plan = try PlanDecoding.decode(file: "p", bytes: Array(PlanJSON(
            artefacts: #"[{"document": "AD", "version": "5.1"}, {"document": "AM", "version": "12.0"}, {"document": "AF", "version": "5.1"}]"#).text.utf8),
            names: TestData.resolved.names)
        let impacts = BaselineDiff(old: TestData.baseline, new: next).impact(on: [("p", plan)])
        #expect(impacts.map(\.subject) == ["TBRD", "Appendix AD", "Appendix AM"])
        #expect(impacts.map(\.expected) == ["1.25", "5.2", "13.0"])
    }

    /// A baseline file exported by s1check 0.1.0 (one version in legal effect, as a string) still loads,
    /// and the diff to the embedded baseline shows every version that now counts as in legal effect.
    @Test func aBaselineExportedBy010StillLoadsAndDiffsByVersion() throws {
        let bytes = Paths.bytes(Paths.fixture("Baselines/tbrd-1.24-format-0.1.0.baseline.json"))
        let old = try BaselineDecoding.decode(file: "0.1.0", bytes: bytes)
        #expect(old.document(.document(.schedule, "8"))?.legalEffect == [Version(dotted: "4.1")!])
        let d = BaselineDiff(old: old, new: TestData.baseline)
        let added = d.changes.filter { $0.kind == .legalEffectAdded }
        #expect(added.filter { $0.subject == "Schedule 8" }.map { $0.new } == ["1.0", "1.1", "2.0", "2.1", "3.0", "3.1", "3.2", "4.0"])
        #expect(added.contains { $0.subject == "Schedule 9" && $0.new == "1.2" })
        #expect(d.changes.contains { $0.kind == .added && $0.subject == "Schedule 9 (SMETS2)" })
        #expect(d.changes.contains { $0.kind == .nameAdded && $0.subject == "Appendix AD" && $0.new == "DUIS" })
        #expect(!d.changes.contains { $0.kind == .reversioned && $0.subject == "Schedule 8" })
    }

    /// A former title removed from the baseline is a change: plans that use it stop resolving.
    @Test func aFormerTitleRemovedIsANameChange() throws {
        var new = TestData.baseline
        let i = try #require(new.documents.firstIndex { !$0.formerTitles.isEmpty })
        let former = new.documents[i].formerTitles[0]
        new.documents[i].formerTitles.removeFirst()
        let d = BaselineDiff(old: TestData.baseline, new: new)
        #expect(d.changes.map(\.kind) == [.nameRemoved])
        #expect(d.changes.first?.old == former)
        #expect(d.changes.first?.detail.hasSuffix("(a former title)") == true, "\(d.changes.first?.detail ?? "")")
    }

    @Test func eventsAndVersionsLeavingLegalEffectAreChanges() {
        var new = TestData.baseline
        let al = new.documents.firstIndex { $0.ref == .document(.appendix, "AL") }!
        new.documents[al].consultation!.events = []
        let gbcs = new.documents.firstIndex { $0.ref == .document(.schedule, "8") }!
        new.documents[gbcs].legalEffect.removeFirst()
        let d = BaselineDiff(old: TestData.baseline, new: new)
        #expect(d.changes.map(\.kind) == [.legalEffectRemoved, .eventRemoved])
        #expect(d.changes[1].detail.contains("2023-05-28"))
    }

    @Test func addedRemovedAndOpenedConsultations() {
        var new = TestData.baseline
        new.documents.removeAll { $0.ref == .document(.appendix, "AU") }
        let i = new.documents.firstIndex { $0.ref == .document(.appendix, "AE") }!
        new.documents[i].consultation = Consultation(version: Version(dotted: "2.0")!, notes: [], events: [])
        new.documents.append(BaselineDocument(kind: .appendix, id: "AV", title: "New", annexA: Version(dotted: "1.0")))
        let kinds = BaselineDiff(old: TestData.baseline, new: new).changes.map(\.kind)
        #expect(kinds == [.added, .removed, .consultationOpened])
    }

    @Test(arguments: Phase.allCases)
    func initTemplateChecksCleanApartFromConsultation(phase: Phase) {
        let artefacts = PlanTemplate.artefacts(for: phase, in: TestData.resolved)
        let json = PlanJSON(phase: phase.rawValue, window: nil,
                                     artefacts: "[" + artefacts.map { #"{"document": "\#($0.ref)", "version": "\#($0.version!)"}"# }.joined(separator: ",") + "]").text
        let r = TestData.check(json)
        #expect(r.findings.filter { $0.status == .fail }.isEmpty)
        // IOC plans also meet the IOC cessation: a template has no window yet, and the check says so.
        let expected: Set<RuleDescription> = phase == .IOC ? [ConsultationRule.description, IOCCessationRule.description] : [ConsultationRule.description]
        #expect(Set(r.findings.filter { $0.status == .warn }.map(\.rule)) == expected)
        #expect(artefacts.contains { $0.ref == .document(.appendix, "AP2") })
    }
}
