import Foundation
import Testing
import S1CheckTestSupport

/// The release gate through the binary: `check --scope`, `init` from the registry, `scope init`.
@Suite struct CoverageCommandTests {
    static let devices = "Plans/devices.json"

    @Test func aScopeNeedsTheRegistryAndNamesTheNearestCombination() throws {
        let s = Scratch()
        let noDevices = try CLI.run(["check", "Plans", "--scope", "Plans/scope.json"])
        #expect(noDevices.status == 2 && noDevices.stderr.contains("--scope needs --devices"), "\(noDevices.all)")
        let scope = s.write("scope.json", #"{"release": "r", "require": [{"phase": "FOC", "combinations": ["DMC-0070"], "testTypes": ["SRVT"], "installationTypes": ["Activ"]}]}"#)
        let bad = try CLI.run(["check", "Plans", "--devices", Self.devices, "--scope", scope])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("\(scope):1:") && bad.stderr.contains("$.require[0].combinations[0]") && bad.stderr.contains("nearest: DMC-0003, DMC-0007, DMC-0012"), "\(bad.stderr)")
        #expect(bad.stderr.contains("$.require[0].installationTypes[0]") && bad.stderr.contains("(did you mean \"Active\"?)"), "\(bad.stderr)")
    }

    /// The sample scope: a gap, a cell covered only by a failing plan, an equivalent and an exclusion, each a
    /// row of every report; the run fails on the gaps.
    @Test func theSampleScopeShowsEveryKindOfCell() throws {
        let s = Scratch()
        let out = try CLI.run(GoldenReportTests.mainJob + ["--json", s.path("r.json")])
        #expect(out.status == 1)
        let coverage = try #require(try CLI.json(s.url.appendingPathComponent("r.json"))["coverage"] as? [String: Any])
        let cells = try #require(coverage["cells"] as? [[String: Any]])
        let kinds = Set(cells.compactMap { $0["outcome"] as? String })
        // SVT-FOC-0042 passes with a deviation (a waiver), so the cells it covers warn, directly and through DMC-0007.
        // With the sample's test results (--results), SVT-MOC-0030's failing test leaves its cell untested.
        #expect(kinds == ["untested", "only-warning", "excluded", "only-failing", "gap"], "\(kinds)")
        #expect(cells.allSatisfy { ($0["line"] as? Int ?? 0) > 0 })
        #expect(out.stdout.contains("Plans/scope.json:12: error: no plan in this run covers DMC-0012 in MOC, SRVT testing on Mixed installations [coverage]"))
        #expect(out.stdout.contains("coverage of Plans/scope.json: FAIL: 10 cells"))
        // Without the scope the same plans do not fail on coverage.
        let plain = try CLI.run(["check", "Plans/foc/SVT-FOC-0042-duis-read-tariff.plan.json", "--devices", Self.devices, "--as-of", "2023-06-01"])
        #expect(plain.status == 0 && !plain.stdout.contains("coverage"), "\(plain.all)")
    }

    @Test func initFillsAPlanFromTheRegistryThatCoversACell() throws {
        let s = Scratch()
        let out = try CLI.run(["init", "--phase", "MOC", "--id", "NEW-1", "--devices", Self.devices, "--combination", "DMC-0012",
                               "--test-type", "SRVT", "--installation-type", "Mixed", "--start", "2023-06-01", "--end", "2023-06-30"])
        #expect(out.status == 0, "\(out.all)")
        let plan = s.write("new.plan.json", InitChoice.made(out.stdout))
        let r = try CLI.run(["check", plan, "--devices", Self.devices, "--scope", "Plans/scope.json", "--as-of", "2023-06-01", "--json", s.path("r.json")])
        let coverage = try #require(try CLI.json(s.url.appendingPathComponent("r.json"))["coverage"] as? [String: Any])
        let mixed = (coverage["cells"] as? [[String: Any]])?.first { $0["combination"] as? String == "DMC-0012" && $0["installationType"] as? String == "Mixed" }
        // The new plan warns (it asks for the consultation versions to be confirmed), so the cell warns until that is done.
        #expect(["covered", "only-warning"].contains(mixed?["outcome"] as? String ?? "") && mixed?["plans"] as? [String] == ["NEW-1"], "\(r.all)")
        let plans = try #require(try CLI.json(s.url.appendingPathComponent("r.json"))["plans"] as? [[String: Any]])
        let findings = (plans.first?["findings"] as? [[String: Any]]) ?? []
        #expect(findings.contains { $0["rule"] as? String == "device-eligibility" && $0["status"] as? String == "pass" })

        let wrongPhase = try CLI.run(["init", "--phase", "FOC", "--id", "X", "--devices", Self.devices, "--combination", "DMC-0012"])
        #expect(wrongPhase.status == 2 && wrongPhase.stderr.contains("--combination DMC-0012 is eligible for MOC only, not FOC") && wrongPhase.stdout.isEmpty)
        let noRegistry = try CLI.run(["init", "--phase", "FOC", "--id", "X", "--device-model", "DM-0001"])
        #expect(noRegistry.status == 2 && noRegistry.stderr.contains("--devices FILE"))
        let typo = try CLI.run(["init", "--phase", "FOC", "--id", "X", "--devices", Self.devices, "--device-model", "DM-0010"])
        #expect(typo.status == 2 && typo.stderr.contains("nearest: DM-0001"), "\(typo.stderr)")
    }

    @Test func scopeInitWritesAScopeCheckReads() throws {
        let s = Scratch()
        let out = try CLI.run(["scope", "init", "--phase", "FOC", "--devices", Self.devices, "--test-type", "SRVT", "--installation-type", "Active"])
        #expect(out.status == 0, "\(out.all)")
        let scope = s.write("scope.json", out.stdout)
        let r = try CLI.run(["check", "Plans/foc", "--devices", Self.devices, "--scope", scope, "--as-of", "2023-06-01", "--json", s.path("r.json")])
        let coverage = try #require(try CLI.json(s.url.appendingPathComponent("r.json"))["coverage"] as? [String: Any], "\(r.all)")
        #expect((coverage["cells"] as? [[String: Any]])?.map { $0["combination"] as? String } == ["DMC-0007", "DMC-0013"])
        if ExternalTool.checkJSONSchema.shouldRun {
            #expect(try ExternalTool.checkJSONSchema.run(["--schemafile", CLI.packageRoot.appendingPathComponent("Plans/schemas/scope.schema.json").path, scope]).status == 0)
        }
        let missing = try CLI.run(["scope", "init", "--phase", "FOC"])
        #expect(missing.status == 2)
    }
}
