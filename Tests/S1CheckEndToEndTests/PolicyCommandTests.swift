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
        #expect(out.stdout.contains("(warn, raised to fail by policy s1check.json) [consultation]"))
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
        // Under --format github the same errors are annotations on the policy file's lines.
        let github = try CLI.run(["check", file, "--config", bad, "--format", "github"])
        #expect(github.status == 2)
        #expect(github.stdout.contains("::error file=\(bad),line=2,col=14,title=input-error::$.rules.consultaton: unknown rule id"), "\(github.all)")
        let missing = try CLI.run(["check", file, "--config", s.path("nope.json")])
        #expect(missing.status == 2 && missing.stderr.contains("nope.json: cannot read this file: it does not exist"))
    }
}

/// Every report names the policy, shows what a level changed, and carries an unused shared waiver as a
/// warning of the run at its line of the policy file; each stays valid for its consumers.
@Suite(.enabled(if: ExternalTool.checkJSONSchema.shouldRun && ExternalTool.xmllint.shouldRun && PinnedSchema.sarif.shouldRun,
                Comment(rawValue: "needs check-jsonschema, xmllint and the SARIF schema (.ci/run installs them)")))
struct PolicyInReportsTests {
    /// An IOC plan declaring Appendix A (no version in the baseline: a warning) and AM (subject to further
    /// consultation: a warning), checked with the policy already in `s`, writing every report.
    static func runWithEveryReport(_ s: Scratch, id: String) throws -> CLI.Output {
        s.write("p.plan.json", """
        {"id": "\(id)", "title": "IOC plan with Appendix A", "phase": "IOC", "tbrd": "1.24", "window": {"start": "2023-05-01", "end": "2023-05-20"},
         "deviceModels": [{"type": "ESME", "manufacturer": "Example Meters Ltd", "model": "EM-100", "firmware": "4.2.1"}],
         "artefacts": [{"document": "Appendix A", "version": "1.0"}, {"document": "AM", "version": "12.0"}]}
        """)
        let reports = ["--junit", "j.xml", "--markdown", "r.md", "--json", "r.json", "--sarif", "r.sarif", "--codequality", "cq.json", "--summary", "s.md"]
        return try CLI.run(["check", "p.plan.json", "--as-of", "2023-06-01"] + reports, in: s.url)
    }

    @Test func everyReportNamesThePolicyAndItsWarnings() throws {
        let s = Scratch()
        s.write("s1check.json", """
        {
          "rules": {"unversioned-document": "deny"},
          "waivers": [
            {"rule": "consultation", "document": "AM", "reason": "booked", "expires": "2023-12-31"},
            {"rule": "consultation", "document": "S1SR", "reason": "the same again", "expires": "2023-12-31"}
          ]
        }
        """)
        let out = try Self.runWithEveryReport(s, id: "P-2")
        #expect(out.status == 1, "deny turns the Appendix A warning into a failure: \(out.all)")
        #expect(out.stdout.contains("s1check.json:5: warning: the shared waiver for consultation · Appendix AM matches no warn or fail finding in any plan; remove it [waiver]"))
        func text(_ name: String) throws -> String { try String(contentsOf: s.url.appendingPathComponent(name), encoding: .utf8) }

        let json = try CLI.json(s.url.appendingPathComponent("r.json"))
        #expect((json["policy"] as? [String: Any])?["file"] as? String == "s1check.json")
        let findings = ((json["plans"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]]) ?? []
        #expect(findings.contains { ($0["policy"] as? [String: String]) == ["level": "deny", "originalStatus": "warn"] })
        #expect(((json["summary"] as? [String: Any])?["unusedSharedWaivers"] as? [[String: Any]])?.first?["line"] as? Int == 5)
        #expect(try ExternalTool.checkJSONSchema.run(["--schemafile", CLI.packageRoot.appendingPathComponent("Plans/schemas/report.schema.json").path, "r.json"], in: s.url).status == 0)

        let junit = try text("j.xml")
        #expect(junit.contains(#"<property name="policy" value="s1check.json (unversioned-document deny); 2 shared waivers"/>"#))
        #expect(junit.contains(#"<testsuite name="policy: s1check.json""#) && junit.contains("waiver · consultation · Appendix AM (shared, line 5)"))
        #expect(try ExternalTool.xmllint.run(["--noout", "--schema", CLI.packageRoot.appendingPathComponent("Tests/Fixtures/Schemas/junit-10.xsd").path, "j.xml"], in: s.url).status == 0)

        #expect(try text("r.md").contains("| Policy | s1check.json (unversioned-document deny); 2 shared waivers, SHA-256 "))
        #expect(try text("r.md").contains("**Policy:** warn, raised to fail by policy s1check.json"))
        // An unused shared waiver is a finding of the policy file like any other (issue 23 item 1): a WARN
        // row of the job summary, a SARIF result of rule waiver at its line of the policy file.
        let summaryRow = try #require(try text("s.md").split(separator: "\n").first { $0.contains("matches no warn or fail finding") })
        #expect(summaryRow.hasPrefix("| WARN |") && summaryRow.contains("s1check.json:5"), "\(summaryRow)")

        let sarif = try text("r.sarif")
        #expect(!sarif.contains("\"unused-shared-waiver\"") && sarif.contains("\"policyLevel\": \"deny\""))
        let results = try #require(((try CLI.json(s.url.appendingPathComponent("r.sarif"))["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]))
        let unusedResult = try #require(results.first { ($0["message"] as? [String: Any])?["text"].map { "\($0)" }?.contains("matches no warn or fail finding") == true })
        #expect(unusedResult["ruleId"] as? String == "waiver")
        let place = ((unusedResult["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((place?["artifactLocation"] as? [String: Any])?["uri"] as? String == "s1check.json")
        #expect((place?["region"] as? [String: Any])?["startLine"] as? Int == 5)
        #expect(try ExternalTool.checkJSONSchema.run(["--schemafile", PinnedSchema.sarif.path, "r.sarif"], in: s.url).status == 0)

        let cq = try JSONSerialization.jsonObject(with: Data(try text("cq.json").utf8)) as? [[String: Any]] ?? []
        let unused = cq.first { ($0["description"] as? String)?.contains("shared waiver") == true }
        #expect((unused?["location"] as? [String: Any])?["path"] as? String == "s1check.json")
        #expect(Set(cq.compactMap { $0["fingerprint"] as? String }).count == cq.count, "fingerprints stay unique")
    }

    /// A pass a policy allowed is listed wherever warnings are (never hidden), and a shared waiver past its
    /// expiry fails the plans it would have waived and its own case, and is not called unused.
    @Test func allowedFindingsAndExpiredSharedWaiversShowInEveryFormat() throws {
        let s = Scratch()
        s.write("s1check.json", """
        {
          "rules": {"unversioned-document": "allow"},
          "waivers": [
            {"rule": "consultation", "document": "AM", "reason": "booked", "expires": "2023-05-31"}
          ]
        }
        """)
        let out = try Self.runWithEveryReport(s, id: "P-3")
        #expect(out.status == 1, "the expired waiver fails the plan: \(out.all)")
        #expect(out.stdout.contains("note: Appendix A (Device Certificate Policy) has no version in the baseline: it is not listed in TBRD 1.24 Annex A and no version in legal effect is recorded, so 1.0 cannot be verified (warn, allowed by policy s1check.json) [unversioned-document]"), "\(out.stdout)")
        #expect(out.stdout.contains("expired on 2023-05-31 (as of 2023-06-01); renew it or fix the finding [waiver]"))
        #expect(!out.stdout.contains("remove it"), "an expired waiver met its finding: it is not unused")
        func text(_ name: String) throws -> String { try String(contentsOf: s.url.appendingPathComponent(name), encoding: .utf8) }

        let github = try CLI.run(["check", "p.plan.json", "--as-of", "2023-06-01", "--format", "github"], in: s.url)
        #expect(github.stdout.contains("::notice file=p.plan.json,line=3,title=P-3 · unversioned-document · Appendix A (allowed)::"))
        let sarif = try CLI.json(s.url.appendingPathComponent("r.sarif"))
        let results = (((sarif["runs"] as? [[String: Any]])?.first)?["results"] as? [[String: Any]]) ?? []
        #expect(results.contains { $0["ruleId"] as? String == "unversioned-document" })
        let cq = try JSONSerialization.jsonObject(with: Data(try text("cq.json").utf8)) as? [[String: Any]] ?? []
        #expect(cq.contains { $0["check_name"] as? String == "unversioned-document" }, "\(cq)")
        #expect(try text("s.md").contains("| P-3 | unversioned-document |"))

        let junit = try text("j.xml")
        #expect(junit.contains(#"<testsuite name="policy: s1check.json" tests="1" failures="1""#), "\(junit)")
        #expect(junit.contains("expired on 2023-05-31 (as of 2023-06-01); 1 plan fails on it"))
        #expect(try text("r.md").contains("| consultation · Appendix AM | booked | **not recorded** | 2023-05-31 | **expired: 1 plan fails on it** | s1check.json:4 |"))
        let json = try CLI.json(s.url.appendingPathComponent("r.json"))
        #expect(((json["summary"] as? [String: Any])?["unusedSharedWaivers"] as? [Any])?.isEmpty == true)
    }
}
