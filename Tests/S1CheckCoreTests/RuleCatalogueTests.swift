import Foundation
import Testing
import S1CheckTestSupport
@testable import S1CheckCore

/// Every rule's worked examples, through the library: the rule's findings on the example plan, status and
/// exact message, in order. (`VerdictRowTests` runs the same examples through the binary.)
@Suite struct RuleExampleTests {
    @Test(arguments: ExampleFixture.all)
    func example(_ fixture: ExampleFixture) throws {
        var registry: DeviceRegistry?
        if let text = fixture.example.registry {
            registry = try DeviceRegistryDecoding.decode(file: "registry.json", bytes: Array(text.utf8))
        }
        let results = Checker.checkAll(fixture.planFiles, baseline: fixture.resolvedBaseline, registry: registry, asOf: RuleExample.asOf, results: fixture.testResults)
        let result = try #require(results.first { $0.file == fixture.plan })
        try #require(result.inputErrors.isEmpty, "the example plan does not decode: \(result.inputErrors)")
        let made = result.findings.filter { $0.rule == fixture.rule }.map { RuleExample.Expected(status: $0.status, message: $0.message) }
        #expect(made == fixture.example.expected)
    }

    /// Each rule shows both sides: an example where it passes or says nothing, and one where it warns or
    /// fails (as SwiftLint keeps triggering and non-triggering examples).
    @Test(arguments: RuleRegistry.descriptions)
    func everyRuleHasExamplesOfBothKinds(_ rule: RuleDescription) {
        let statuses = rule.examples.map { Set($0.expected.map(\.status)) }
        #expect(statuses.contains { $0.isEmpty || $0 == [.pass] }, "no example where \(rule.id) passes")
        #expect(statuses.contains { $0.contains(.warn) || $0.contains(.fail) || $0.contains(.waived) }, "no example where \(rule.id) triggers")
        #expect(Set(rule.examples.map(\.name)).count == rule.examples.count, "example names must be unique")
    }

    /// A waivable rule shows its waiver working: an example plan waives its finding (the example runs
    /// through the library and the binary, so a waiver that silently did nothing fails both).
    @Test(arguments: RuleRegistry.descriptions.filter(\.waivable))
    func everyWaivableRuleHasAnExampleOfItsFindingWaived(_ rule: RuleDescription) {
        #expect(rule.examples.contains { $0.expected.contains { $0.status == .waived } },
                "no example where a finding of \(rule.id) is waived: add one to its examples")
    }
}

/// The places that name the rules agree with the registry: adding a rule is its file plus one line in
/// `RuleRegistry.all`, and each test here fails when a place is forgotten.
@Suite struct RuleCatalogueTests {
    let root = Paths.packageRoot

    @Test func everyRuleFileIsRegistered() throws {
        let folder = root.appendingPathComponent("Sources/S1CheckCore/Rules")
        let types = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix("Rule.swift") && $0 != "Rule.swift" }
            .map { String($0.dropLast(".swift".count)) }.sorted()
        let registered = RuleRegistry.all.map { String(describing: type(of: $0)) }.sorted()
        #expect(types == registered, "a Rules/*Rule.swift file is not in RuleRegistry.all, or the other way round")
        #expect(Set(RuleRegistry.descriptions.map(\.id)).count == RuleRegistry.all.count, "two rules share an id")
    }

    /// Waivable is what a rule is (its protocol), and every waivable rule runs before the waivers.
    @Test func waivableRulesAreWaivableAndRunBeforeTheWaivers() {
        for rule in RuleRegistry.all {
            #expect(rule.rule.waivable == (rule is any WaivableRule), "\(rule.rule.id): its description and its protocol disagree")
        }
        let waivers = RuleRegistry.all.firstIndex { $0 is WaiverRule }!
        #expect(RuleRegistry.all[waivers...].allSatisfy { !$0.rule.waivable })
        #expect(RuleRegistry.all[..<waivers].allSatisfy { $0.rule.waivable })
    }

    @Test func verdictsTableListsEveryRule() throws {
        let verdicts = try String(contentsOf: root.appendingPathComponent("docs/verdicts.md"), encoding: .utf8)
        let table = verdicts.components(separatedBy: "\n\n").first { $0.trimmingCharacters(in: .newlines).hasPrefix("| rule id") } ?? ""
        var ids: [String] = []
        for row in table.split(separator: "\n") where row.hasPrefix("| `") {
            let id = row.dropFirst(3).prefix { $0 != "`" }
            if !ids.contains(String(id)) { ids.append(String(id)) }
        }
        #expect(ids == RuleRegistry.descriptions.map(\.id), "the rule table of docs/verdicts.md lists the rules in registry order")
    }
}
