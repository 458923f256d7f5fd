import Testing
import S1CheckTestSupport
@testable import S1CheckCore

/// What the checker guarantees around the rules: every check name unique within a plan, and a rule that
/// applies but says nothing is a failure no policy or waiver can hide.
@Suite struct CheckerTests {
    static func finding(_ check: String) -> Finding {
        var f = Finding(rule: ArtefactVersionRule.description, status: .pass, message: "m")
        f.check = check
        return f
    }

    @Test func generatedNamesNeverCollideWithNamesAlreadyThere() {
        var findings = ["Foo", "Foo", "Foo (2)"].map(Self.finding)
        Checker.makeCheckNamesUnique(&findings)
        #expect(findings.map(\.check) == ["Foo", "Foo (3)", "Foo (2)"])
    }

    /// The names the first implementation gave (one set of names taken, grown name by name), for any list:
    /// the faster one (issue 15, a look-up per finding) must give the same.
    @Test func sameNamesAsTheNameByNameAlgorithm() {
        func reference(_ names: [String]) -> [String] {
            var out = names
            var taken = Set(names), seen = Set<String>(), next: [String: Int] = [:]
            for i in out.indices {
                let name = out[i]
                if seen.insert(name).inserted { continue }
                var n = next[name] ?? 2
                while taken.contains("\(name) (\(n))") { n += 1 }
                out[i] = "\(name) (\(n))"
                taken.insert(out[i]); seen.insert(out[i]); next[name] = n + 1
            }
            return out
        }
        var rng = SplitMix(seed: 15)
        let pool = ["A", "A (2)", "A (3)", "A (2) (2)", "A (2) (3)", "B", "B (10)", "A (1)", "B (2)"]
        for _ in 0..<2000 {
            let names = (0..<rng.below(16)).map { _ in pool[rng.below(pool.count)] }
            var findings = names.map(Self.finding)
            Checker.makeCheckNamesUnique(&findings)
            #expect(findings.map(\.check) == reference(names), "\(names)")
        }
    }

    /// For any list of names, some of which look like generated ones: names come out unique, the first of
    /// each name keeps it, and a renamed one is its name followed by " (n)".
    @Test func everyNameComesOutUniqueAndFirstsKeepTheirs() {
        var rng = SplitMix(seed: 7)
        let pool = ["A", "A (2)", "A (3)", "A (2) (2)", "B", "B (10)", "A (1)"]
        for _ in 0..<500 {
            let names = (0..<rng.below(12)).map { _ in pool[rng.below(pool.count)] }
            var findings = names.map(Self.finding)
            Checker.makeCheckNamesUnique(&findings)
            let out = findings.map(\.check)
            #expect(Set(out).count == out.count, "\(names) → \(out)")
            for (i, name) in names.enumerated() {
                if names.firstIndex(of: name) == i {
                    #expect(out[i] == name, "\(names) → \(out)")
                } else {
                    #expect(out[i].hasPrefix(name + " (") && out[i].hasSuffix(")"), "\(names) → \(out)")
                }
            }
        }
    }

    /// A rule that applies to every plan and appends nothing: a defect in s1check that must fail the plan.
    struct SilentRule: Rule {
        static let description = RuleDescription(id: "silent-test", summary: "Says nothing.", clause: "test", waivable: true, examples: [])
        func applies(to plan: PlanFacts, _ context: CheckContext) -> Bool { true }
        func check(_ plan: PlanFacts, _ context: CheckContext, into findings: inout [Finding]) {}
    }

    @Test func aRuleThatAppliesButSaysNothingFailsWhateverThePolicyOrWaivers() throws {
        let waiver = Waiver(rule: "silent-test", document: nil, documentRef: nil, reason: "r",
                            expires: CalendarDate(iso: "2030-01-01"), offset: 0)
        let policy = Policy(file: "s1check.json", levels: ["silent-test": .allow, "internal-error": .allow],
                            waivers: [waiver], waiverLines: [3])
        let context = CheckContext(baseline: TestData.resolved, registry: nil, asOf: TestData.asOf, policy: policy)
        let checker = Checker(context: context, rules: RuleRegistry.all + [SilentRule()])
        let plan = try PlanDecoding.decode(file: "t.plan.json", bytes: Array(PlanJSON().text.utf8),
                                           names: TestData.resolved.names)
        let findings = checker.findings(for: plan, file: "t.plan.json")
        let errors = findings.filter { $0.rule.id == "internal-error" }
        #expect(errors.count == 1)
        #expect(errors.first?.status == .fail && errors.first?.waiver == nil && errors.first?.level == nil)
        #expect(errors.first?.message == "internal error: rule silent-test applies to this plan but made no check; please report this")
        // The real registry never trips it on a valid plan.
        #expect(!Checker(context: context, rules: RuleRegistry.all).findings(for: plan, file: "t.plan.json")
            .contains { $0.rule.id == "internal-error" })
    }
}

/// Issue 15: waivers find their findings by lookup. For any findings and waivers, each finding ends up
/// waived by the first waiver that `WaiverRule.matches` it, as scanning every finding for every waiver did.
@Suite struct WaiverLookupTests {
    @Test func theLookupWaivesWhatScanningWould() {
        let rules = [ConsultationRule.description, UnknownDocumentRule.description, DeviceEligibilityRule.description, WaiverRule.description]
        let refs: [DocumentRef?] = [nil, .code, .document(.appendix, "AM"), .document(.appendix, "ZZ")]
        let subjects: [String?] = [nil, "SEC", "Appendix AM", "Widget Spec", "widget  SPEC", "Appendix ZZ", "ESME m x"]
        let statuses: [Status] = [.pass, .warn, .fail]
        var rng = SplitMix(seed: 0x15)
        for _ in 0..<1500 {
            let findings = (0..<rng.below(10)).map { _ in
                Finding(rule: rules[rng.below(rules.count)], status: statuses[rng.below(3)], subject: subjects[rng.below(subjects.count)],
                        documentRef: refs[rng.below(refs.count)], message: "m")
            }
            let waivers = (0..<rng.below(6)).map { i in
                let document = subjects[rng.below(subjects.count)]
                return Waiver(rule: rules[rng.below(rules.count)].id, document: document, documentRef: document == nil ? nil : refs[rng.below(refs.count)],
                              reason: "r\(i)", expires: nil, offset: i)
            }
            // The scan: every finding for every waiver, in order.
            var scanned = findings, scannedCounts: [Int] = []
            for w in waivers {
                var n = 0
                for i in scanned.indices where WaiverRule.matches(w, scanned[i]) {
                    scanned[i].waiver = AppliedWaiver(reason: w.reason!, expires: nil, originalStatus: scanned[i].status)
                    scanned[i].status = .waived
                    n += 1
                }
                scannedCounts.append(n)
            }
            var looked = findings, lookedCounts: [Int] = []
            var targets = WaiverTargets(looked[...])
            for w in waivers { lookedCounts.append(targets.waive(w, reason: w.reason!, shared: nil, approved: true, &looked).waived) }
            #expect(lookedCounts == scannedCounts)
            #expect(looked.map(\.status) == scanned.map(\.status))
            #expect(looked.map { $0.waiver?.reason } == scanned.map { $0.waiver?.reason })
            // The first a waiver would match, without waiving it.
            var fresh = WaiverTargets(findings[...])
            for w in waivers {
                #expect(fresh.first(matching: w, in: findings) == findings.indices.first { WaiverRule.matches(w, findings[$0]) })
            }
        }
    }
}
