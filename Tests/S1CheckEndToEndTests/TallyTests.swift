import Foundation
import Testing
import S1CheckTestSupport

/// Every report of one run states the same counts (issue 23 item 2): the console summary, JUnit, SARIF,
/// Code Quality, the job summary, JSON, and both evidence packs, for the README's main job and for a
/// generated run with unreadable plans, a policy and waivers. The counts come from one `Tally`; this test
/// reads them back out of each format's own words and elements.
@Suite struct TallyTests {
    /// What a report states: findings by status, and the rows or elements it lists them in.
    struct Counts: Equatable, CustomStringConvertible {
        var fail = 0, warn = 0, waived = 0
        var description: String { "\(fail) fail, \(warn) warn, \(waived) waived" }
    }

    static func number(_ pattern: String, in text: String) -> [Int] {
        let re = try! NSRegularExpression(pattern: pattern)
        let match = re.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
        guard let match else { return [] }
        return (1..<match.numberOfRanges).map { Int(text[Range(match.range(at: $0), in: text)!])! }
    }

    static func count(_ pattern: String, in text: String) -> Int {
        (try! NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])).numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
    }

    /// Each format's statement of the counts, by name.
    static func stated(console: String, folder: URL) throws -> [(String, Counts)] {
        func read(_ name: String) throws -> String { try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) }
        func words(_ text: String, _ prefix: String) -> Counts {
            let n = number(prefix + #"(\d+) fail, (\d+) warn, (\d+) waived, \d+ pass"#, in: text)
            return n.count == 3 ? Counts(fail: n[0], warn: n[1], waived: n[2]) : Counts(fail: -1, warn: -1, waived: -1)
        }
        var out: [(String, Counts)] = []
        out.append(("console summary", words(console, "findings: ")))
        let summary = try read("summary.md")
        out.append(("summary.md Findings row", words(summary, #"\| Findings \| "#)))
        out.append(("summary.md rows", Counts(fail: count(#"^\| \*\*FAIL\*\* \|"#, in: summary),
                                              warn: count(#"^\| WARN \|"#, in: summary) + count(#"^\| Policy warning \|"#, in: summary),
                                              waived: count(#"^\| waived \(was"#, in: summary))))
        for name in ["report.md", "report.html"] {
            let pack = try read(name).replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression)
            let fact = name.hasSuffix(".md") ? #"\| Findings \| "# : "Findings"
            out.append(("\(name) Findings", words(pack, fact)))
            out.append(("\(name) headings", Counts(fail: number(#"Failures: (\d+) finding"#, in: pack).first ?? -1,
                                                 warn: number(#"Warnings: (\d+) finding"#, in: pack).first ?? -1,
                                                 waived: words(pack, name.hasSuffix(".md") ? #"\| Findings \| "# : "Findings").waived)))
        }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("report.json"))) as! [String: Any]
        let findings = (json["summary"] as! [String: Any])["findings"] as! [String: Int]
        out.append(("report.json summary.findings", Counts(fail: findings["fail"]!, warn: findings["warn"]!, waived: findings["waived"]!)))
        let sarif = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("s1check.sarif"))) as! [String: Any]
        let run = (sarif["runs"] as! [[String: Any]])[0]
        let sp = (run["properties"] as! [String: Any])["findings"] as! [String: Int]
        out.append(("SARIF properties.findings", Counts(fail: sp["fail"]!, warn: sp["warn"]!, waived: sp["waived"]!)))
        var results = Counts()
        for r in run["results"] as! [[String: Any]] {
            switch (r["properties"] as? [String: Any])?["status"] as? String {
            case "fail": results.fail += 1
            case "warn": results.warn += 1
            case "waived": results.waived += 1
            default: break
            }
        }
        let notifications = ((run["invocations"] as! [[String: Any]])[0]["toolExecutionNotifications"] as? [[String: Any]]) ?? []
        results.warn += notifications.filter { ($0["descriptor"] as? [String: Any])?["id"] as? String == "unused-shared-waiver" }.count
        out.append(("SARIF results", results))
        let quality = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("codequality.json"))) as! [[String: Any]]
        out.append(("Code Quality entries", Counts(fail: quality.filter { $0["severity"] as? String == "major" }.count,
                                                   warn: quality.filter { $0["severity"] as? String == "minor" }.count,
                                                   waived: quality.filter { ($0["description"] as? String)?.contains("(waived ") == true }.count)))
        let junit = try read("junit.xml")
        // Under --keep-going an unreadable plan is a <failure> too: the tally counts it apart.
        let failures = (number(#"<testsuites [^>]*failures="(\d+)""#, in: junit).first ?? -1) - count(#"<testcase name="input-error"#, in: junit)
        out.append(("JUnit", Counts(fail: failures, warn: count("status: warn\nWARNING:", in: junit), waived: count("<skipped", in: junit))))
        return out
    }

    static func expectConsistent(console: String, folder: URL, _ what: String) throws {
        let all = try stated(console: console, folder: folder)
        let reference = all[0].1
        #expect(reference.fail >= 0, "\(what): the console summary states no counts:\n\(console)")
        for (name, c) in all {
            #expect(c == reference, "\(what): \(name) states \(c), the console \(reference)")
        }
    }

    @Test func theSampleRunStatesOneSetOfCounts() throws {
        let s = Scratch()
        let (out, reports) = try GoldenReportTests.runMainJob(in: s)
        try Self.expectConsistent(console: out.stdout, folder: reports, "the README's main job")
        // The 3 coverage cells that fail are counted with the plans' 9 failures (2 of them test-results).
        #expect(try Self.stated(console: out.stdout, folder: reports)[0].1.fail == 12)
    }

    /// Every link of the Markdown pack leads to an anchor it defines (issue 26 item 10: `#coverage` did not).
    @Test func everyMarkdownPackLinkHasItsAnchor() throws {
        let s = Scratch()
        let (_, reports) = try GoldenReportTests.runMainJob(in: s)
        let md = try String(contentsOf: reports.appendingPathComponent("report.md"), encoding: .utf8)
        func all(_ pattern: String) -> Set<String> {
            let re = try! NSRegularExpression(pattern: pattern)
            return Set(re.matches(in: md, range: NSRange(md.startIndex..., in: md)).map { String(md[Range($0.range(at: 1), in: md)!]) })
        }
        let targets = all(#"\]\(#([^)]+)\)"#), anchors = all(#"<a id="([^"]+)"></a>"#)
        #expect(targets.contains("coverage"))
        #expect(targets.isSubset(of: anchors), "links without an anchor: \(targets.subtracting(anchors).sorted())")
    }

    @Test func aGeneratedRunStatesOneSetOfCounts() throws {
        let s = Scratch()
        let plans = s.url.appendingPathComponent("plans")
        try FileManager.default.createDirectory(at: plans, withIntermediateDirectories: true)
        var rng = SplitMix(seed: 23)
        for i in 0..<60 {
            try Data(PlanGenerator.plan(i, &rng)).write(to: plans.appendingPathComponent("p\(i).plan.json"))
        }
        try Data("{\"id\": ".utf8).write(to: plans.appendingPathComponent("broken.plan.json"))
        // A level that lowers failures (deviations), a shared waiver that waives, and one that waives nothing.
        let policy = #"""
        {"rules": {"artefact-version": "warn"},
         "waivers": [{"rule": "tbrd-version", "reason": "re-confirmed", "approvedBy": "QA", "expires": "2099-01-01"},
                     {"rule": "unknown-document", "document": "Appendix ZZ", "reason": "never", "approvedBy": "QA", "expires": "2099-01-01"}]}
        """#
        try Data(policy.utf8).write(to: s.url.appendingPathComponent("policy.json"))
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("Plans/devices.json"), to: s.url.appendingPathComponent("devices.json"))
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("Plans/scope.json"), to: s.url.appendingPathComponent("scope.json"))
        let out = try CLI.run(["check", "plans", "--keep-going", "--config", "policy.json", "--devices", "devices.json", "--scope", "scope.json",
                               "--as-of", "2023-06-01"] + GoldenReportTests.reportOptions(folder: "out"), in: s.url)
        #expect(out.status == 1, "\(out.all)")
        try Self.expectConsistent(console: out.stdout, folder: s.url.appendingPathComponent("out"), "a generated run")
    }
}

/// The job summary states the coverage verdict whenever a scope is given, in its head: a 20,000-cell scope
/// whose cells all fail fills the rows past the size cap, and the reason for the FAIL is still there
/// (issue 26 item 4).
@Suite struct SummaryCoverageTests {
    @Test func aHugeScopeKeepsTheReasonForItsFail() throws {
        let s = Scratch()
        let combinations = (1...2_500).map { String(format: "DMC-%05d", $0) }
        let registry: [String: Any] = [
            "deviceModels": [["id": "DM-1", "type": "ESME", "manufacturer": "Maker 1", "model": "M-1", "firmware": ["1"], "phases": ["IOC", "MOC", "FOC"]]],
            "combinations": combinations.map { ["id": $0, "deviceModels": ["DM-1"], "phases": ["IOC", "MOC", "FOC"]] },
        ]
        let scope: [String: Any] = ["release": "huge", "tbrd": "1.24", "require": [["phase": "FOC", "combinations": combinations,
                                                                   "testTypes": ["Migration", "SIT", "SRVT", "Regression"], "installationTypes": ["Active", "Dormant"]]]]
        try JSONSerialization.data(withJSONObject: registry).write(to: s.url.appendingPathComponent("devices.json"))
        try JSONSerialization.data(withJSONObject: scope).write(to: s.url.appendingPathComponent("scope.json"))
        s.write("ok.plan.json", CLI.goodPlan)
        let out = try CLI.run(["check", "ok.plan.json", "--devices", "devices.json", "--scope", "scope.json", "--as-of", "2023-06-01",
                               "--summary", "summary.md"], in: s.url)
        #expect(out.status == 1, "\(out.all)")
        let summary = try String(contentsOf: s.url.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(summary.utf8.count <= 1 << 20)
        #expect(summary.contains("more: see the full report"), "the rows are cut")
        let row = try #require(summary.split(separator: "\n").first { $0.hasPrefix("| Coverage | **FAIL**") }, "no coverage row in the head")
        #expect(row.contains("20000 cells") && row.contains("20000 not covered"), "\(row)")
        #expect(row.contains("First failing cell (line ") && row.contains("no plan in this run covers DMC-00001 in FOC"), "\(row)")
    }
}
