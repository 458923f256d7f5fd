import Foundation
import Testing
@testable import S1CheckCore
import S1CheckTestSupport

/// `s1check fix` in the library: which versions a fix changes, that it changes nothing else, what it
/// lists instead of guessing, and that the fixed plan leaves nothing to fix.
@Suite struct FixTests {
    static let fixer = Fixer(baseline: TestData.resolved, asOf: TestData.asOf)
    static let confirming = Fixer(baseline: TestData.resolved, asOf: TestData.asOf, confirmTBRD: true)

    func fix(_ json: String, fixer: Fixer = FixTests.fixer, sourceLocation: SourceLocation = #_sourceLocation) throws -> FixedPlan {
        let p = fixer.fix(file: "t.plan.json", bytes: Array(json.utf8))
        try #require(p.problems.isEmpty, "\(p.problems)", sourceLocation: sourceLocation)
        return p
    }

    func text(_ p: FixedPlan) -> String { String(decoding: p.fixed, as: UTF8.self) }

    func artefacts(_ items: [(String, String)]) -> String {
        "[" + items.map { #"{"document": "\#($0.0)", "version": "\#($0.1)"}"# }.joined(separator: ", ") + "]"
    }

    @Test func aDriftedVersionWithOneRelevantVersionIsChangedAndNothingElse() throws {
        let json = PlanJSON(artefacts: artefacts([("DUIS", "5.0"), ("SEC", "72.0"), ("MMC", "v2.0"), ("Appendix AM", "Version 11.0")])).text
        let p = try fix(json)
        #expect(p.changed)
        #expect(text(p) == json.replacingOccurrences(of: #""5.0""#, with: #""5.1""#).replacingOccurrences(of: #""v2.0""#, with: #""v5.1""#)
            .replacingOccurrences(of: #""Version 11.0""#, with: #""Version 12.0""#))
        #expect(p.fix.changes.map(\.description) == ["Appendix AD 5.0 → 5.1 (line 5)", "Appendix AF v2.0 → v5.1 (line 5)", "Appendix AM Version 11.0 → Version 12.0 (line 5)"])
        #expect(p.fix.choices.isEmpty)
        // Only the dotted numbers are replaced.
        #expect(p.fix.fix.edits.allSatisfy { e in p.original[e.range].allSatisfy { $0 == UInt8(ascii: ".") || ($0 >= 0x30 && $0 <= 0x39) } })
        #expect(try fix(text(p)).fixed == p.fixed && !(try fix(text(p)).changed))
    }

    /// Raising `tbrd` says the plan was re-confirmed against the baseline's TBRD issue, which only a person
    /// can say: left and listed, unless confirmed (`--confirm-tbrd`). A newer one is left.
    @Test func anOlderTBRDIsRaisedOnlyWhenConfirmedANewerOneIsLeft() throws {
        let left = try fix(PlanJSON(tbrd: "v1.23").text)
        #expect(!left.changed && left.fixed == left.original)
        #expect(left.fix.choices.map(\.reason) == [.reconfirm])
        #expect(left.fix.choices.map(\.message) == ["TBRD v1.23: the baseline is TBRD 1.24; left as it is: re-confirm the plan against TBRD v1.24, then record it with s1check fix --confirm-tbrd"])
        let older = try fix(PlanJSON(tbrd: "v1.23").text, fixer: FixTests.confirming)
        #expect(text(older).contains(#""tbrd": "v1.24""#))
        #expect(older.fix.changes.map(\.description) == ["TBRD v1.23 → v1.24 (line 2)"])
        #expect(older.fix.choices.isEmpty)
        let newer = try fix(PlanJSON(tbrd: "1.25").text)
        #expect(!newer.changed && newer.fixed == newer.original && newer.fix.choices.isEmpty)
    }

    /// A version newer than any the baseline knows is a warning, not a drift: never lowered.
    @Test func aNewerVersionIsNeverLowered() throws {
        let p = try fix(PlanJSON(artefacts: artefacts([("DUIS", "5.2"), ("GBCS", "5.0"), ("Schedule 9", "4.1")])).text)
        #expect(!p.changed && p.fix.choices.isEmpty)
    }

    /// Versions side by side: listed with the choices, never guessed.
    @Test func sideBySideVersionsAreListedWithTheirChoices() throws {
        let p = try fix(PlanJSON(artefacts: artefacts([("CHTS", "1.3.1"), ("DUIS", "5.0")])).text)
        #expect(p.fix.changes.map(\.subject) == ["Appendix AD"])
        #expect(p.fix.choices.map(\.message) == ["Schedule 10 at 1.3.1: relevant versions are 1.0, 1.1, 1.2, 1.3, 1.4, 1.5: choose one"])
        #expect(p.fix.choices.map(\.reason) == [.sideBySide])
        // A baseline whose Annex A lists GBCS 3.2: 3.2, 4.0 and 4.1 stay relevant side by side.
        let gbcs = try #require(RuleExample.baselineText(["8": #""annexA": "3.2""#]))
        let baseline = ResolvedBaseline(try BaselineDecoding.decode(file: "b.json", bytes: Array(gbcs.utf8)))
        let q = try fix(PlanJSON(artefacts: artefacts([("Schedule 8", "2.0")])).text, fixer: Fixer(baseline: baseline, asOf: TestData.asOf))
        #expect(!q.changed)
        #expect(q.fix.choices.map(\.message) == ["Schedule 8 at 2.0: relevant versions are 3.2, 4.0, 4.1: choose one"])
    }

    /// A document declared more than once, one of them drifted: which to keep is the author's call.
    @Test func duplicateDeclarationsAreListedNotChanged() throws {
        for pair in [[("DUIS", "4.0"), ("Appendix AD", "5.0")], [("DUIS", "5.0"), ("AD", "5.1")], [("AD", "5.0"), ("AD", "5.0")]] {
            let p = try fix(PlanJSON(artefacts: artefacts(pair)).text)
            #expect(!p.changed, "\(pair)")
            #expect(p.fix.choices.count == 1 && p.fix.choices[0].reason == .duplicate, "\(pair)")
            #expect(p.fix.choices.first?.message == "Appendix AD at \(pair[0].1) (line 5) and \(pair[1].1) (line 5): declared more than once; the relevant version is 5.1: choose which declaration to keep")
        }
        // Relevant versions side by side declared together are no duplicate to fix.
        #expect(try fix(PlanJSON(artefacts: artefacts([("GBCS", "3.2"), ("Schedule 8", "4.1")])).text).fix.choices.isEmpty)
    }

    /// A waiver is a recorded decision to stay: the waived drift is left, and said so.
    @Test func aWaivedDriftIsLeftAsItIs() throws {
        let waiver = #"[{"rule": "artefact-version", "document": "DUIS", "reason": "Accepted by the test lead", "approvedBy": "QA", "expires": "2099-12-31"}, {"rule": "tbrd-version", "reason": "Re-confirmed", "expires": "2099-12-31"}]"#
        let p = try fix(PlanJSON(tbrd: "1.23", artefacts: artefacts([("AD", "5.0")]), waivers: waiver).text)
        #expect(!p.changed)
        #expect(p.fix.choices.map(\.message) == [
            "TBRD 1.23: the baseline is TBRD 1.24; left as it is, since a waiver waives the tbrd-version finding (Re-confirmed, expires 2099-12-31)",
            "Appendix AD at 5.0: the relevant version is 5.1; left as it is, since a waiver waives the artefact-version finding (Accepted by the test lead, expires 2099-12-31)",
        ])
        // A shared waiver of the policy file counts like the plan's own; the policy's levels do not.
        let shared = Waiver(rule: "artefact-version", document: "AD", documentRef: .document(.appendix, "AD"), reason: "Shared", expires: nil, offset: 0, approvedBy: "QA")
        let policy = Policy(file: "s1check.json", levels: ["artefact-version": .allow], waivers: [shared], waiverLines: [3])
        let q = try fix(PlanJSON(artefacts: artefacts([("AD", "5.0"), ("MMC", "5.0")])).text, fixer: Fixer(baseline: TestData.resolved, asOf: TestData.asOf, policy: policy))
        #expect(q.fix.changes.map(\.subject) == ["Appendix AF"])
        #expect(q.fix.choices.map(\.reason) == [.waived])
    }

    /// A policy level changes how a finding gates, not whether the version drifted: a result checked with
    /// levels gets the same fix.
    @Test func policyLevelsDoNotChangeTheFix() throws {
        let json = PlanJSON(tbrd: "1.23", artefacts: artefacts([("AD", "5.0"), ("AF", "5.0")])).text
        let policy = Policy(file: "s1check.json", levels: ["artefact-version": .warn, "tbrd-version": .allow])
        let result = Checker(baseline: TestData.resolved, asOf: TestData.asOf, policy: policy).check(file: "t.plan.json", bytes: Array(json.utf8))
        #expect(result.findings.allSatisfy { $0.status != .fail })
        let p = PlanFixer.fix(bytes: Array(json.utf8), result: result, confirmTBRD: true)
        #expect(p.changes.map(\.description) == ["TBRD 1.23 → 1.24 (line 2)", "Appendix AD 5.0 → 5.1 (line 5)", "Appendix AF 5.0 → 5.1 (line 5)"])
    }

    /// Only the version's digits change: CRLF line endings, tabs, key order, a byte-order mark and names as
    /// written stay byte for byte. A version written with JSON escapes is not decoded a second time to find
    /// its digits: it is left for a person, and said so.
    @Test func oddFormattingIsKept() throws {
        let json = "\u{FEFF}{\r\n\t\"artefacts\" :[ {\"version\":\"V 4.0 \",\r\n\t\t\"document\":\"SEC Appendix AD – DCC User Interface Specification\"},"
            + "{ \"version\" : \"\\u0037\\u0031.0\", \"document\": \"sec\" } ],\r\n\t\"id\":\"X\",\"title\":\"t\",\"phase\":\"FOC\",\r\n"
            + "\t\"deviceModels\": [{\"type\": \"ESME\", \"manufacturer\": \"M\", \"model\": \"X\", \"firmware\": \"1.0\"}], \"tbrd\":\"Version\\u00a01.22\"\r\n}"
        let p = try fix(json, fixer: FixTests.confirming)
        #expect(text(p) == json.replacingOccurrences(of: "V 4.0 ", with: "V 5.1 "))
        #expect(p.fix.changes.map(\.line) == [2])
        #expect(p.fix.choices.map(\.reason) == [.escaped, .escaped])
        #expect(p.fix.choices.map(\.message) == [
            "SEC at 71.0: the relevant version is 72.0; the version is written with JSON escapes, so set it to 72.0 by hand",
            "TBRD at Version\u{a0}1.22: the baseline is TBRD 1.24; the version is written with JSON escapes, so set it to 1.24 by hand",
        ])
        #expect(!(try fix(text(p), fixer: FixTests.confirming).changed))
    }

    /// The dotted number of a literal, through prefixes and spaces, from its decoded text and span alone;
    /// none for a literal with an escape.
    @Test(arguments: [(#""5.0""#, "5.0", "5.0"), (#""v5.0""#, "v5.0", "5.0"), (#""Version 5.0""#, "Version 5.0", "5.0"),
                      (#"" version  12.0 ""#, " version  12.0 ", "12.0"), (#""\u0035.0""#, "5.0", nil), (#""V5\u002e0\t""#, "V5.0\t", nil),
                      (#""vx""#, "vx", nil)])
    func theDottedNumberOfALiteral(_ literal: String, _ decoded: String, _ expected: String?) {
        let bytes = Array(literal.utf8)
        let r = VersionLiteral.dottedRange(text: decoded, literal: 0..<bytes.count)
        #expect(r.map { String(decoding: bytes[$0], as: UTF8.self) } == expected)
    }

    /// Over generated plans of every shape: a plan with nothing to fix is byte-identical; a fixed one
    /// differs only in the edited digits, keeps its lines and line endings, has no artefact-version fail
    /// but those listed, no older TBRD unless waived, and a second fix changes nothing.
    @Test func propertiesOverGeneratedPlans() throws {
        var rng = SplitMix(seed: 20)
        var changed = 0, choices = 0, untouched = 0
        for i in 0..<400 {
            let bytes = PlanGenerator.plan(i, &rng)
            let p = FixTests.confirming.fix(file: "gen.plan.json", bytes: bytes)
            try #require(p.problems.isEmpty, "plan \(i): \(p.problems) \(String(decoding: bytes, as: UTF8.self))")
            choices += p.fix.choices.count
            guard p.changed else {
                #expect(p.fixed == bytes)
                untouched += 1
                continue
            }
            changed += 1
            // Outside the edits, the same bytes in the same order.
            var at = 0, out: [UInt8] = []
            for e in p.fix.fix.edits.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
                out += bytes[at..<e.range.lowerBound]
                #expect(e.replacement.allSatisfy { $0 == UInt8(ascii: ".") || ($0 >= 0x30 && $0 <= 0x39) })
                at = e.range.upperBound
            }
            out += bytes[at...]
            let kept = zip(bytes.indices, bytes).filter { i, _ in !p.fix.fix.edits.contains { $0.range.contains(i) } }.map(\.1)
            #expect(kept == out)
            #expect(bytes.filter { $0 == 0x0A }.count == p.fixed.filter { $0 == 0x0A }.count)
            #expect(bytes.filter { $0 == 0x0D }.count == p.fixed.filter { $0 == 0x0D }.count)
            let again = FixTests.confirming.checker.check(file: "gen.plan.json", bytes: p.fixed)
            let listed = Set(p.fix.choices.map(\.subject))
            for f in again.findings where f.rule.id == "artefact-version" && f.status == .fail {
                #expect(listed.contains(f.subject ?? ""), "plan \(i): \(f.message)")
            }
            if let tbrd = again.findings.first(where: { $0.rule.id == "tbrd-version" }), tbrd.status == .warn {
                #expect(again.plan!.tbrd.value > TestData.baseline.tbrd.version || listed.contains("TBRD"), "plan \(i): \(tbrd.message)")
            }
            let second = FixTests.confirming.fix(file: "gen.plan.json", bytes: p.fixed)
            #expect(!second.changed && second.fixed == p.fixed, "plan \(i): \(second.fix.fix.summary)")
        }
        // The generator reaches every case.
        #expect(changed > 100 && untouched > 50 && choices > 50, "\(changed) changed, \(untouched) untouched, \(choices) choices")
    }
}

/// A baseline file's versions agree with the quotations of their sources.
@Suite struct SourceQuotationTests {
    func decode(_ text: String) throws(Diagnostics) -> Baseline { try BaselineDecoding.decode(file: "b.json", bytes: Array(text.utf8)) }
    static let embedded = String(decoding: EmbeddedBaseline.bytes, as: UTF8.self)

    @Test func theEmbeddedBaselineAndTheTestFixtureLoad() throws {
        _ = try decode(Self.embedded)
        // The hand-made 1.25 says "TEST FIXTURE" where a source would quote: nothing to check there.
        _ = try BaselineDecoding.decode(file: "f.json", bytes: Paths.bytes(Paths.fixture("Baselines/tbrd-1.25.baseline.json")))
    }

    /// A bulk edit that bumps a version and not its quotation is an input error naming both.
    @Test func aVersionItsSourceDoesNotQuoteIsRefused() throws {
        let edited = Self.embedded.replacingOccurrences(of: #""annexA": "5.1""#, with: #""annexA": "5.2""#)
        guard let e = decodeFailure({ () throws(Diagnostics) in try decode(edited) }) else { Issue.record("accepted"); return }
        #expect(e.all.map(\.description) == [
            "b.json:614:17: $.documents[58].annexA: Appendix AD: the Annex A version is 5.2, but its source ($.documents[58].sources.annexA, line 620) quotes “SEC Appendix AD – DCC User Interface Specification Version 5.1”, not 5.2: correct the version or the quotation, whichever is wrong",
            "b.json:647:17: $.documents[60].annexA: Appendix AF: the Annex A version is 5.2, but its source ($.documents[60].sources.annexA, line 653) quotes “SEC Appendix AF – Message Mapping Catalogue Version 5.1”, not 5.2: correct the version or the quotation, whichever is wrong",
        ])
        // Editing the quotation with the version is accepted.
        let both = edited.replacingOccurrences(of: "Interface Specification Version 5.1”", with: "Interface Specification Version 5.2”")
            .replacingOccurrences(of: "Mapping Catalogue Version 5.1”", with: "Mapping Catalogue Version 5.2”")
        _ = try decode(both)
    }

    @Test(arguments: [
        (#""svtad": "10.0""#, #""svtad": "10.1""#, "$.svtad: the SVTAD version is 10.1, but its source ($.sources.svtad, line 18) quotes “The current version is 10.0.”"),
        (#""sec": "72.0""#, #""sec": "73.0""#, "$.sec: the SEC version is 73.0"),
        (#""version": "1.24""#, #""version": "1.25""#, "$.tbrd.version: the TBRD version is 1.25, but its source ($.sources.tbrd, line 16) quotes “10 May 2023 v1.24”"),
        (#""version": "12.0""#, #""version": "12.1""#, "$.documents[67].consultation.version: Appendix AM: the consultation version is 12.1"),
        (#""version": "25.0""#, #""version": "26.0""#, "$.documents[66].consultation.version: Appendix AL: the consultation version is 26.0"),
        (#""4.1""#, #""4.2""#, "$.documents[25].legalEffect[8]: Schedule 8: a version in legal effect is 4.2, but its source ($.documents[25].sources.legalEffect, line 251) quotes versions 1.0, 1.1, 2.0, 2.1, 3.0, 3.1, 3.2, 4.0, 4.1, not 4.2"),
    ])
    func everyCheckedFact(_ from: String, _ to: String, _ expected: String) throws {
        let range = try #require(Self.embedded.range(of: from))
        var edited = Self.embedded
        edited.replaceSubrange(range, with: to)
        guard let e = decodeFailure({ () throws(Diagnostics) in try decode(edited) }) else { Issue.record("accepted \(to)"); return }
        #expect(e.all.count == 1 && e.all[0].description.contains(expected), "\(e.all.map(\.description))")
    }

    @Test func versionsInAQuotation() {
        #expect(SourceQuotations.versions(in: "The current version is 10.0.") == [Version(dotted: "10.0")!])
        #expect(SourceQuotations.versions(in: "Schedule 9 – SMETS1 v1.2, Schedule 9 – SMETS2 v2.0") == [Version(dotted: "1.2")!, Version(dotted: "2.0")!])
        #expect(SourceQuotations.versions(in: "Specifications Version 1.2.") == [Version(dotted: "1.2")!])
        #expect(SourceQuotations.versions(in: "SEC Appendix B – Organisation Certificate Policy 7.0").isEmpty)
        #expect(SourceQuotations.versions(in: "Subversion 3.0, conversion 4.0, TMADv5, vx 2.0").isEmpty)
        // Only quotations count: the source's own words around them do not.
        #expect(SourceQuotations.versions(quotedIn: "Annex A (SEC Version 72.0): “SEC Appendix B – Organisation Certificate Policy 7.0”").isEmpty)
    }
}

/// Every rule example a fix mends states the plan after the fix (SwiftLint's `corrections:`), and the
/// library gives exactly that; every other example is left byte for byte.
@Suite struct FixedExampleTests {
    @Test(arguments: ExampleFixture.all)
    func theFixedFormOfEachExample(_ fixture: ExampleFixture) throws {
        let plan = Array(RuleExample.planText(fixture.example.plan).utf8)
        let fixer = Fixer(baseline: fixture.resolvedBaseline, asOf: RuleExample.asOf, confirmTBRD: true)
        let p = fixer.fix(file: "plan.plan.json", bytes: plan)
        #expect(p.problems.isEmpty, "\(p.problems)")
        if let fixed = fixture.example.fixed {
            #expect(String(decoding: p.fixed, as: UTF8.self) == RuleExample.planText(fixed))
        } else {
            #expect(p.fixed == plan, "a fix changes this example, which states no fixed form: \(p.fix.fix.summary)")
        }
    }

    /// The rules that attach fixes say so by example.
    @Test func theRulesThatFixHaveFixedExamples() {
        for id in ["artefact-version", "tbrd-version"] {
            #expect(RuleRegistry.byID[id]!.examples.contains { $0.fixed != nil }, "\(id)")
        }
    }
}
