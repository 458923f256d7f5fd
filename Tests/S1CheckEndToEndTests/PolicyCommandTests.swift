import Foundation
import Testing
import S1CheckTestSupport

/// The policy file through the binary: a team waives the consultation warnings once, with an expiry, and
/// gates with --strict.
@Suite struct PolicyCommandTests {
    let plan = """
    {"id": "P-1", "title": "FOC plan on AL and AM", "phase": "FOC", "tbrd": "1.24",
     "window": {"start": "2023-06-05", "end": "2023-06-30"},
     "deviceModels": [{"type": "ESME", "manufacturer": "Example Meters Ltd", "model": "EM-100", "firmware": "4.2.1"}],
     "artefacts": [{"document": "SEC", "version": "72.0"}, {"document": "S1SR", "version": "12.0"}, {"document": "Appendix AL", "version": "25.0"}]}
    """

    @Test func sharedWaiversLetAStrictGatePass() throws {
        let s = Scratch()
        let file = s.write("p.plan.json", plan)
        let config = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/Policy/gate.s1check.json").path
        let without = try CLI.run(["check", file, "--as-of", "2023-06-01", "--strict"])
        #expect(without.status == 1, "the consultation warnings fail a strict gate")
        let with = try CLI.run(["check", file, "--as-of", "2023-06-01", "--strict", "--config", config, "--json", s.path("r.json")])
        #expect(with.status == 0, "\(with.all)")
        #expect(with.stdout.contains("policy: \(config) (phase-applicability deny, unversioned-document allow); 2 shared waivers"))
        // Waived findings are shown, never hidden.
        #expect(with.stdout.split(separator: "\n").filter { $0.contains(": note: ") && $0.hasSuffix("[consultation]") }.count == 2)
        let report = try CLI.json(s.url.appendingPathComponent("r.json"))
        let findings = ((report["plans"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]]) ?? []
        #expect(findings.filter { $0["rule"] as? String == "consultation" }.allSatisfy { $0["status"] as? String == "waived" })
    }

    @Test func s1checkJSONInTheWorkingFolderIsUsedAndNamed() throws {
        let s = Scratch()
        s.write("p.plan.json", plan)
        s.write("s1check.json", #"{"rules": {"consultation": "deny"}}"#)
        let out = try CLI.run(["check", "p.plan.json", "--as-of", "2023-06-01"], in: s.url)
        #expect(out.status == 1, "deny turns the consultation warnings into failures")
        #expect(out.stdout.contains("policy: s1check.json (consultation deny); 0 shared waivers"))
        #expect(out.stdout.contains("(denied by policy: was warn) [consultation]"))
        // A report may not overwrite the policy file: it is an input.
        let clobber = try CLI.run(["check", "p.plan.json", "--json", "s1check.json"], in: s.url)
        #expect(clobber.status == 2 && clobber.stderr.contains("one of the inputs"))
    }

    @Test func aBadPolicyIsAnInputErrorNamingFilePathLineAndColumn() throws {
        let s = Scratch()
        let file = s.write("p.plan.json", plan)
        let bad = CLI.fixture("Policy/bad.s1check.json")
        let out = try CLI.run(["check", file, "--config", bad])
        #expect(out.status == 2)
        #expect(out.stderr.contains("\(bad):2:14: $.rules.consultaton: unknown rule id \"consultaton\" (did you mean \"consultation\"?)"), "\(out.stderr)")
        #expect(out.stderr.contains("$.waivers[0]: a shared waiver needs an expiry date"))
        let missing = try CLI.run(["check", file, "--config", s.path("nope.json")])
        #expect(missing.status == 2 && missing.stderr.contains("nope.json: $: cannot open: it does not exist"))
    }
}
