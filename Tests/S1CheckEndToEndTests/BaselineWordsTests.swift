import Foundation
import Testing
import S1CheckTestSupport

/// What `s1check baseline` says a version comes from, and hints that can be followed as written (issue 24
/// items 8 and 12).
@Suite struct BaselineWordsTests {
    func artefacts(_ args: [String]) throws -> [String: [String: Any]] {
        let out = try CLI.run(["baseline", "--format", "json"] + args)
        #expect(out.status == 0, "\(out.all)")
        let json = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as! [String: Any]
        var byDocument: [String: [String: Any]] = [:]
        for a in json["artefacts"] as! [[String: Any]] { byDocument[a["document"] as! String] = a }
        return byDocument
    }

    /// Schedule 9's 1.2 names the SEC version history rows it comes from; an Annex A version that replaces
    /// several versions in legal effect is more recent than each of them, not only the newest.
    @Test func baselineSaysWhereEachVersionComesFrom() throws {
        let a = try artefacts([])
        #expect(a["Schedule 9"]?["from"] as? String == "legal effect 1.2: SEC version history, SEC 5.4 and 5.13")
        #expect(a["Appendix AD"]?["from"] as? String == "Annex A 5.1, more recent than each version in legal effect (1.1–5.0)")
        #expect(a["Appendix AF"]?["from"] as? String == "Annex A 5.1, more recent than each version in legal effect (1.0–5.0)")
        let text = try CLI.run(["baseline"])
        #expect(text.stdout.contains("SEC 5.4 and 5.13"), "\(text.stdout)")
    }

    /// The hint of a version newer than the baseline knows, followed step by step: export the baseline, add
    /// the version to "legalEffect" with the contents line it says to quote, run with --baseline: the plan
    /// passes. Adding the version alone, as the old hint said, is refused (exit 2): the hint says why.
    @Test func theNewerVersionHintCanBeFollowedAsWritten() throws {
        let s = Scratch()
        let plan = s.write("p.plan.json", RuleExampleText.plan.with(artefacts: #"[{"document": "Appendix AD", "version": "5.2"}]"#).text)
        let out = try CLI.run(["check", plan, "--as-of", "2023-06-01", "--json", s.path("r.json")])
        let findings = try #require(((try CLI.json(s.url.appendingPathComponent("r.json"))["plans"] as? [[String: Any]])?.first?["findings"]) as? [[String: Any]])
        let hint = try #require(findings.first { $0["check"] as? String == "artefact-version · Appendix AD" }?["hint"] as? String, "\(out.all)")
        #expect(hint.hasPrefix("only if the consolidated SEC lists 5.2 in legal effect: "))
        #expect(hint.contains("s1check baseline export"))
        let quote = try #require(hint.firstRange(of: "“").flatMap { open in hint[open.upperBound...].firstRange(of: "”").map { String(hint[open.upperBound..<$0.lowerBound]) } })
        #expect(quote == "Appendix AD: DCC User Interface Specification Version 5.2")

        let export = try CLI.run(["baseline", "export"])
        func edited(quoting: Bool) throws -> String {
            var json = try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as! [String: Any]
            var documents = json["documents"] as! [[String: Any]]
            let i = documents.firstIndex { $0["id"] as? String == "AD" }!
            documents[i]["legalEffect"] = (documents[i]["legalEffect"] as! [String]) + ["5.2"]
            if quoting {
                var sources = documents[i]["sources"] as! [String: String]
                sources["legalEffect"]! += ", “\(quote)”"
                documents[i]["sources"] = sources
            }
            json["documents"] = documents
            return s.write(quoting ? "quoted.json" : "bare.json", Array(try JSONSerialization.data(withJSONObject: json)))
        }
        let followed = try CLI.run(["check", plan, "--as-of", "2023-06-01", "--baseline", try edited(quoting: true)])
        #expect(followed.status == 0, "\(followed.all)")
        #expect(!followed.stdout.contains("[artefact-version]"), "\(followed.stdout)")
        let unquoted = try CLI.run(["check", plan, "--as-of", "2023-06-01", "--baseline", try edited(quoting: false)])
        #expect(unquoted.status == 2 && unquoted.all.contains("a version in legal effect is 5.2, but its source"), "\(unquoted.all)")
    }

    /// No hint suggests editing or deleting what the TBRD states: the SEC version of Annex A, the SVTAD
    /// version of footnote 1, a consultation Annex A lists.
    @Test func noHintEditsOrDeletesATBRDFact() throws {
        let s = Scratch()
        let plan = s.write("p.plan.json", RuleExampleText.plan.with(artefacts: #"[{"document": "SEC", "version": "73.0"}, {"document": "Appendix AK", "version": "11.0"}, {"document": "Appendix AM", "version": "13.0"}]"#).text)
        _ = try CLI.run(["check", plan, "--as-of", "2023-06-01", "--json", s.path("r.json")])
        let findings = try #require(((try CLI.json(s.url.appendingPathComponent("r.json"))["plans"] as? [[String: Any]])?.first?["findings"]) as? [[String: Any]])
        let hints = findings.filter { $0["rule"] as? String == "artefact-version" }.compactMap { $0["hint"] as? String }
        #expect(hints.count == 3)
        for hint in hints {
            for forbidden in ["set its \"sec\"", "set its \"svtad\"", "remove its \"consultation\"", "remove", "delete"] {
                #expect(!hint.contains(forbidden), "\(hint)")
            }
            #expect(hint.contains("TBRD fact"), "\(hint)")
        }
    }
}

/// A plan file's text around the given artefacts (the rule examples' plan).
enum RuleExampleText {
    static let plan = PlanJSON(id: "W-1", title: "words", window: #"{"start": "2023-06-05", "end": "2023-06-30"}"#, devices: PlanJSON.exampleDevice,
                               combinations: nil, waivers: nil, layout: .threeLines)
}
