import Foundation
import Testing
import S1CheckTestSupport
@testable import S1CheckCore
@testable import S1CheckReports

@Suite struct RepositoryPathTests {
    @Test(arguments: [
        ("Plans/a.plan.json", "/w/repo", "Plans/a.plan.json", true),
        ("./Plans//x/../a.plan.json", "/w/repo", "Plans/a.plan.json", true),
        ("/w/repo/Plans/a.plan.json", "/w/repo", "Plans/a.plan.json", true),
        ("/w/repo/../repo/Plans/a.plan.json", "/w/repo/", "Plans/a.plan.json", true),
        ("/w/other/a.plan.json", "/w/repo", "/w/other/a.plan.json", false),
        ("/w/repository/a.plan.json", "/w/repo", "/w/repository/a.plan.json", false),
        ("../other/a.plan.json", "/w/repo", "/w/other/a.plan.json", false),
        ("../other/a.plan.json", nil, "../other/a.plan.json", true),
        ("a/.hidden/.../b", "/w", "a/.hidden/.../b", true),
        ("a/./b/", "/w", "a/b", true),
        ("/w/repo", "/w/repo", ".", true),
        ("/w/repo/a", "/", "w/repo/a", true),
        ("/w/repo/a", nil, "/w/repo/a", false),
        ("/w/repo/a", "/w/./repo", "a", true),
    ] as [(String, String?, String, Bool)])
    func normalisesAgainstTheWorkingFolder(given: String, folder: String?, path: String, relative: Bool) {
        let p = RepositoryPath(given, workingFolder: folder)
        #expect(p.path == path)
        #expect(p.isRelative == relative)
    }

    @Test func urisArePercentEncoded() {
        #expect(RepositoryPath("Plans/my plan #1 50%.plan.json", workingFolder: "/w").uri == "Plans/my%20plan%20%231%2050%25.plan.json")
        #expect(RepositoryPath("é/a:b?.json", workingFolder: "/w").uri == "%C3%A9/a%3Ab%3F.json")
        #expect(RepositoryPath("/elsewhere/a b.json", workingFolder: "/w").uri == "file:///elsewhere/a%20b.json")
    }
}

@Suite struct SARIFTests {
    func render(_ run: RunResult) -> [UInt8] {
        var run = run
        run.settings.workingFolder = "/work/repo"
        return ReportRendering.render(.sarif, run)
    }

    func results(_ sarif: [UInt8]) throws -> [[String: Any]] {
        let root = try CIRuns.json(sarif) as! [String: Any]
        return (root["runs"] as! [[String: Any]])[0]["results"] as! [[String: Any]]
    }

    @Test(.enabled(if: PinnedSchema.sarif.shouldRun && ExternalTool.checkJSONSchema.shouldRun, Comment(rawValue: PinnedSchema.sarif.skipReason)),
          arguments: [false, true])
    func validAgainstTheOASISSchema(strict: Bool) throws {
        #expect(try PinnedSchema.sarif.verified(), "the SARIF schema on disk is not the pinned one")
        for run in [CIRuns.mixed(strict: strict), Sample.run([("p.plan.json", Sample.plan.with(id: "P", artefacts: #"[{"document": "AD", "version": "5.1"}]"#).text)])] {
            let r = try CIRuns.validate(render(run), schema: PinnedSchema.sarif.path, name: "s1check.sarif")
            #expect(r.status == 0, "\(r.out)")
        }
        // The validator does fail a wrong document (so the passes above mean something).
        let broken = String(decoding: render(CIRuns.mixed()), as: UTF8.self).replacingOccurrences(of: "\"level\": \"note\"", with: "\"level\": \"waived\"")
        #expect(try CIRuns.validate(Array(broken.utf8), schema: PinnedSchema.sarif.path, name: "bad.sarif").status != 0)
    }

    @Test func rulesAreTheRegistryAndEveryResultPointsAtItsRule() throws {
        let root = try CIRuns.json(render(CIRuns.mixed())) as! [String: Any]
        let run = (root["runs"] as! [[String: Any]])[0]
        let rules = ((run["tool"] as! [String: Any])["driver"] as! [String: Any])["rules"] as! [[String: Any]]
        #expect(rules.map { $0["id"] as! String } == RuleRegistry.descriptions.map(\.id) + ["coverage", "internal-error", "input-error"])
        for (rule, description) in zip(rules, RuleRegistry.descriptions) {
            #expect((rule["shortDescription"] as! [String: Any])["text"] as? String == description.summary)
            #expect(((rule["fullDescription"] as! [String: Any])["text"] as! String).contains(description.clause))
            for key in ["shortDescription", "fullDescription", "help"] {
                let text = (rule[key] as! [String: Any])["text"] as! String
                #expect(!text.isEmpty && text.count <= 1024, "GitHub requires 1 to 1024 characters in \(key)")
            }
        }
        for result in run["results"] as! [[String: Any]] {
            #expect(rules[result["ruleIndex"] as! Int]["id"] as? String == result["ruleId"] as? String)
        }
    }

    @Test func oneResultPerFindingThatIsNotAPassWithLevelLocationAndSuppression() throws {
        let run = CIRuns.mixed()
        let results = try results(render(run))
        #expect(results.count == CIRuns.rowCount(run))
        let levels = results.map { $0["level"] as! String }
        // Most severe first: every error, then every warning, then every note.
        #expect(levels == levels.sorted { ["error": 0, "warning": 1, "note": 2][$0]! < ["error": 0, "warning": 1, "note": 2][$1]! })
        #expect(levels.filter { $0 == "note" }.count == 1)
        func location(_ r: [String: Any]) -> (uri: String, line: Int, base: String?) {
            let physical = ((r["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any])
            let artifact = physical["artifactLocation"] as! [String: Any]
            return (artifact["uri"] as! String, (physical["region"] as! [String: Any])["startLine"] as! Int, artifact["uriBaseId"] as? String)
        }
        let ad = results.first { ($0["properties"] as? [String: Any])?["plan"] as? String == "A" && $0["ruleId"] as? String == "artefact-version" }!
        let adFinding = run.plans[0].findings.first { $0.check == "artefact-version · Appendix AD" }!
        #expect(location(ad).uri == "plans/a.plan.json" && location(ad).base == "%SRCROOT%" && location(ad).line == adFinding.line)
        #expect(ad["level"] as? String == "error")
        let waived = results.first { $0["level"] as? String == "note" }!
        #expect(location(waived).uri == "plans/b.plan.json", "./ is normalised away")
        let suppression = (waived["suppressions"] as! [[String: Any]])[0]
        #expect(suppression["kind"] as? String == "external" && suppression["status"] as? String == "accepted")
        #expect(suppression["justification"] as? String == "booked, 50% done: see ticket #1 (expires 2023-12-31)")
        #expect(((waived["message"] as! [String: Any])["text"] as! String).hasSuffix("(waived warn: booked, 50% done: see ticket #1)"))
        let inputErrors = results.filter { $0["ruleId"] as? String == "input-error" }
        #expect(inputErrors.count == run.plans[2].inputErrors.count && inputErrors.count > 1)
        #expect(inputErrors.allSatisfy { $0["level"] as? String == "error" && location($0).uri == "plans/c.plan.json" })
        // The hostile file name arrives whole, percent-encoded.
        let hostile = results.first { ($0["properties"] as? [String: Any])?["plan"] as? String == Sample.hostile }!
        let uri = location(hostile).uri
        #expect(!uri.contains(" ") && !uri.contains("\n") && uri.removingPercentEncoding == "plans/" + Sample.hostile + " %20 \n::warning::x.plan.json")
    }

    @Test func strictReportsWarningsAsErrors() throws {
        let levels = try results(render(CIRuns.mixed(strict: true))).map { $0["level"] as! String }
        #expect(!levels.contains("warning") && levels.contains("error") && levels.contains("note"))
    }

    @Test func fingerprintsAreUniqueAndStableWhenLinesMove() throws {
        let a = try results(render(CIRuns.mixed()))
        let prints = a.map { (($0["partialFingerprints"] as! [String: Any])["s1check/v1"] as! String) }
        #expect(Set(prints).count == prints.count)
        let moved = Sample.run([("plans/a.plan.json", "\n\n" + Sample.plan.with(id: "A").text)])
        let b = try results(render(moved))
        let ad = b.first { $0["ruleId"] as? String == "artefact-version" }!
        #expect((ad["partialFingerprints"] as! [String: Any])["s1check/v1"] as? String == a.first {
            ($0["properties"] as? [String: Any])?["check"] as? String == "artefact-version · Appendix AD" && ($0["properties"] as? [String: Any])?["plan"] as? String == "A"
        }.map { ($0["partialFingerprints"] as! [String: Any])["s1check/v1"] as! String })
    }

    @Test func neverMoreThan25000ResultsKeepingTheMostSevereAndSayingHowManyWereLeftOut() throws {
        // 260 plans, each with a fail, a waived finding and 100 warnings: 26,520 results.
        let plans = (0..<260).map { ("p\($0).plan.json", Sample.plan.with(id: "P\($0)", waivers: CIRuns.waiveAM).text) }
        let run = Sample.run(plans) { results in
            for i in results.indices {
                let warn = Finding(rule: ConsultationRule.description, status: .warn, subject: "x", message: "provisional")
                results[i].findings += (0..<100).map { n in var f = warn; f.check = "consultation · x\(n)"; f.line = 1; return f }
            }
        }
        let total = CIRuns.rowCount(run)
        #expect(total == 260 * 102)
        let root = try CIRuns.json(render(run)) as! [String: Any]
        let sarifRun = (root["runs"] as! [[String: Any]])[0]
        let results = sarifRun["results"] as! [[String: Any]]
        #expect(results.count == SARIFReport.maxResults, "cut result by result, not plan by plan")
        #expect(results.filter { $0["level"] as? String == "error" }.count == 260, "every fail is kept")
        #expect(!results.contains { $0["level"] as? String == "note" }, "waived findings go first when cutting")
        let notes = ((sarifRun["invocations"] as! [[String: Any]])[0]["toolExecutionNotifications"] as! [[String: Any]])
        let leftOut = notes.first { ($0["descriptor"] as! [String: Any])["id"] as? String == "results-left-out" }
        let text = (leftOut?["message"] as? [String: Any])?["text"] as? String ?? ""
        #expect(text.hasPrefix("\(total - results.count) results were left out"), "\(text)")
        #expect((sarifRun["properties"] as! [String: Any])["resultsLeftOut"] as? Int == total - results.count)
    }

    @Test func deterministic() {
        #expect(render(CIRuns.mixed()) == render(CIRuns.mixed()))
    }
}

@Suite struct CodeQualityTests {
    static let gitlabSchema = packageRoot.appendingPathComponent("Tests/Fixtures/Schemas/gitlab-codequality.schema.json").path

    func render(_ run: RunResult) -> [UInt8] {
        var run = run
        run.settings.workingFolder = "/work/repo"
        return ReportRendering.render(.codequality, run)
    }

    @Test(.enabled(if: ExternalTool.checkJSONSchema.shouldRun, Comment(rawValue: ExternalTool.checkJSONSchema.skipReason)))
    func everyEntryIsOneGitLabAccepts() throws {
        for run in [CIRuns.mixed(), CIRuns.mixed(strict: true), Sample.run([("p.plan.json", Sample.plan.with(id: "P", artefacts: #"[{"document": "SEC", "version": "72.0"}]"#).text)])] {
            let r = try CIRuns.validate(render(run), schema: Self.gitlabSchema, name: "gl-code-quality-report.json")
            #expect(r.status == 0, "\(r.out)")
        }
        // An entry without a fingerprint is refused by the same schema.
        #expect(try CIRuns.validate(Array(#"[{"description": "d", "check_name": "c", "severity": "major", "location": {"path": "a", "lines": {"begin": 1}}}]"#.utf8),
                                    schema: Self.gitlabSchema).status != 0)
    }

    @Test func oneEntryPerRowWithSeverityPathAndLine() throws {
        let run = CIRuns.mixed()
        let bytes = render(run)
        #expect(!bytes.starts(with: [0xEF, 0xBB, 0xBF]), "GitLab refuses a byte-order mark")
        let entries = try CIRuns.json(bytes) as! [[String: Any]]
        #expect(entries.count == CIRuns.rowCount(run))
        let severities = entries.map { $0["severity"] as! String }
        #expect(Set(severities) == ["critical", "major", "minor", "info"])
        let ad = entries.first { $0["check_name"] as? String == "artefact-version" }!
        let location = ad["location"] as! [String: Any]
        #expect(location["path"] as? String == "plans/a.plan.json")
        #expect((location["lines"] as! [String: Any])["begin"] as? Int == run.plans[0].findings.first { $0.check == "artefact-version · Appendix AD" }!.line)
        let prints = entries.map { $0["fingerprint"] as! String }
        #expect(Set(prints).count == prints.count, "GitLab keeps one entry per fingerprint")
        let strict = try CIRuns.json(render(CIRuns.mixed(strict: true))) as! [[String: Any]]
        #expect(!strict.contains { $0["severity"] as? String == "minor" })
    }

    @Test func twoPlansSharingAnIDStillHaveUniqueFingerprints() throws {
        let run = Sample.run([("a.plan.json", Sample.plan.with(id: "SAME").text), ("b.plan.json", Sample.plan.with(id: "SAME").text)])
        let prints = (try CIRuns.json(render(run)) as! [[String: Any]]).map { $0["fingerprint"] as! String }
        #expect(prints.count > 4 && Set(prints).count == prints.count)
    }

    @Test func anEmptyRunIsAnEmptyArray() throws {
        let run = Sample.run([("p.plan.json", Sample.plan.with(id: "P", artefacts: #"[{"document": "SEC", "version": "72.0"}]"#).text)])
        #expect(String(decoding: render(run), as: UTF8.self) == "[]\n")
    }
}

@Suite struct JobSummaryTests {
    func render(_ run: RunResult) -> [UInt8] { ReportRendering.render(.summary, run) }

    @Test func resultCountsBaselineThenRowsWorstFirst() throws {
        let md = String(decoding: render(CIRuns.mixed()), as: UTF8.self)
        #expect(md.hasPrefix("## s1check: INPUT ERROR\n"))
        #expect(md.contains("| Plans | 4: 0 pass, 0 warn, 3 fail, 1 could not be read |"))
        #expect(md.contains("| Baseline | TBRD 1.24 (2023-05-10), SEC 72.0, SVTAD 10.0 |"))
        #expect(md.contains("| Baseline file | (embedded) TBRD v1.24 baseline, SHA-256 `00` |"))
        let rows = md.split(separator: "\n").filter { $0.hasPrefix("| **INPUT ERROR**") || $0.hasPrefix("| **FAIL**") || $0.hasPrefix("| WARN") || $0.hasPrefix("| waived") }
        #expect(rows.count == CIRuns.rowCount(CIRuns.mixed()))
        let order = rows.map { $0.hasPrefix("| **INPUT") || $0.hasPrefix("| **FAIL") ? 0 : $0.hasPrefix("| WARN") ? 1 : 2 }
        #expect(order == order.sorted())
        #expect(md.contains("| **FAIL** | A | artefact-version | Appendix AD | Appendix AD is declared at 5.0, which is in legal effect, but TBRD 1.24 Annex A lists the more recent 5.1"))
        #expect(md.contains("| plans/a.plan.json:"))
        #expect(md.contains("Waived: booked, 50% done: see ticket &#35;1 (expires 2023-12-31)"))
        #expect(!md.contains("more: see the full report"))
    }

    @Test(.enabled(if: ExternalTool.cmarkGFM.shouldRun, Comment(rawValue: ExternalTool.cmarkGFM.skipReason)))
    func rendersAsTablesWithEveryCellInPlace() throws {
        let html = try MarkdownRenderer.cmarkGFM.html(render(CIRuns.mixed()))
        #expect(html.components(separatedBy: "<table>").count - 1 == 2)
        #expect(!html.contains("<script>") && !html.contains("<em>") && !html.contains("<del>"))
        let body = html.components(separatedBy: "<table>")[2]
        for row in body.components(separatedBy: "<tr>").dropFirst(2) {
            #expect(row.components(separatedBy: "</td>").count - 1 == 6, "a row lost or gained a cell: \(row)")
        }
    }

    /// Plans whose rows together are ten times GitHub's limit: the summary keeps under 1 MiB, cuts at a
    /// plan, and says how many rows it left out.
    @Test func neverOverOneMebibyte() throws {
        let long = String(repeating: "drift & <more> | ", count: 40)
        let run = Sample.run((0..<5_000).map { ("plans/p\($0).plan.json", Sample.plan.with(id: "P\($0)").text) }) { results in
            for i in results.indices { for j in results[i].findings.indices { results[i].findings[j].message += long } }
        }
        let bytes = render(run)
        #expect(bytes.count <= JobSummaryReport.maxBytes)
        let md = String(decoding: bytes, as: UTF8.self)
        let shown = md.split(separator: "\n").filter { $0.hasPrefix("| **FAIL**") || $0.hasPrefix("| WARN") }.count
        #expect(shown > 100)
        #expect(md.hasSuffix("\n… \(CIRuns.rowCount(run) - shown) more: see the full report.\n"))
        // Fails come first: the cut takes warnings before any fail.
        #expect(md.split(separator: "\n").filter { $0.hasPrefix("| **FAIL**") }.count == min(5_000, shown))
    }

    @Test func hugeInputsStillFit() throws {
        let huge = String(repeating: "|<&>*_", count: 400_000)
        var run = Sample.run([("plans/a.plan.json", Sample.plan.with(id: "A").text)]) { results in
            results[0].findings = Array(repeating: results[0].findings.first { $0.status == .fail }!, count: 3)
            for j in 0..<3 { results[0].findings[j].message = huge }
        }
        run.settings.baselineSource = InputDigest(role: "baseline", file: huge, sha256: huge)
        run.settings.registrySource = InputDigest(role: "registry", file: huge, sha256: huge)
        run.settings.passedOver = Array(repeating: huge, count: 10)
        let bytes = render(run)
        #expect(bytes.count <= JobSummaryReport.maxBytes)
        let head = ReportRendering.render(JobSummaryReport(settings: run.settings), RunResult(settings: run.settings, plans: []))
        #expect(head.count < JobSummaryReport.headAndTailBudget / 2)
    }

    @Test func noRowsSaysSo() {
        let run = Sample.run([("p.plan.json", Sample.plan.with(id: "P", artefacts: #"[{"document": "SEC", "version": "72.0"}]"#).text)])
        let md = String(decoding: render(run), as: UTF8.self)
        #expect(md.contains("No plan has a fail, warn, waived or allowed finding, and every plan could be read.") && !md.contains("| Status |"), "\(md)")
    }

    @Test func deterministic() {
        #expect(render(CIRuns.mixed()) == render(CIRuns.mixed()))
    }
}

@Suite struct GitHubAnnotationTests {
    /// The escaping of @actions/core command.ts, case by case.
    @Test func escapesAsTheToolkitDoes() {
        #expect(GitHubAnnotations.escapeData("50% a\r\nb: c, d %25") == "50%25 a%0D%0Ab: c, d %2525")
        #expect(GitHubAnnotations.escapeProperty("50% a\r\nb: c, d %25") == "50%25 a%0D%0Ab%3A c%2C d %2525")
        #expect(GitHubAnnotations.escapeData("é😀 plain") == "é😀 plain")
    }

    /// Reads a command line back the way actions/runner does: properties end at the next `::`, split at
    /// `,`, each at its first `=`; then the toolkit's escapes are undone.
    static func parse(_ line: Substring) -> (command: String, properties: [String: String], message: String)? {
        guard line.hasPrefix("::"), let end = line.dropFirst(2).range(of: "::") else { return nil }
        let head = line[line.index(line.startIndex, offsetBy: 2)..<end.lowerBound]
        let message = String(line[end.upperBound...])
        let space = head.firstIndex(of: " ") ?? head.endIndex
        var properties: [String: String] = [:]
        if space < head.endIndex {
            for pair in head[head.index(after: space)...].split(separator: ",") {
                let eq = pair.firstIndex(of: "=")!
                properties[String(pair[..<eq])] = unescape(String(pair[pair.index(after: eq)...]))
            }
        }
        return (String(head[..<space]), properties, unescape(message))
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%0A", with: "\n")
            .replacingOccurrences(of: "%3A", with: ":").replacingOccurrences(of: "%2C", with: ",").replacingOccurrences(of: "%25", with: "%")
    }

    @Test func everyFindingIsACommandThatReadsBackWhole() throws {
        var run = CIRuns.mixed()
        run.settings.workingFolder = "/work/repo"
        let text = run.plans.map { String(decoding: GitHubAnnotations.lines($0, settings: run.settings), as: UTF8.self) }.joined()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == CIRuns.rowCount(run))
        let parsed = lines.compactMap(Self.parse)
        // A waived finding is a plain log line, never an annotation (issue 27.1); every other line is a command.
        let waivedLines = lines.filter { $0.hasPrefix("waived: ") }
        #expect(parsed.count + waivedLines.count == lines.count, "every other line is a workflow command")
        #expect(Set(parsed.map(\.command)) == ["error", "warning"])
        let ad = parsed.first { $0.properties["title"] == "A · artefact-version · Appendix AD" }!
        #expect(ad.command == "error" && ad.properties["file"] == "plans/a.plan.json")
        #expect(ad.properties["line"] == String(run.plans[0].findings.first { $0.check == "artefact-version · Appendix AD" }!.line!))
        let waived = try #require(waivedLines.first)
        #expect(waivedLines.count == 1 && waived.hasPrefix("waived: plans/b.plan.json:") && waived.hasSuffix("(waived warn: booked, 50% done: see ticket #1) [consultation]"), "\(waived)")
        let input = parsed.filter { $0.properties["title"] == "input-error" }
        #expect(input.count == run.plans[2].inputErrors.count && input.allSatisfy { $0.command == "error" && $0.properties["col"] != nil })
        let hostile = parsed.filter { $0.properties["file"] == "plans/" + Sample.hostile + " %20 \n::warning::x.plan.json" }
        #expect(!hostile.isEmpty, "the hostile file name reads back whole")
        // Carriage return and line feed come back whole (the toolkit's escapes); other controls but the
        // tab are shown, never sent raw to the log viewer.
        let shown = "bell\\u{7}nul\\u{0}esc\\u{1B}cr\rnl\ntab\t\u{FFFE}end"
        #expect(hostile.contains { $0.message == Sample.hostile + shown }, "\(hostile.map(\.message))")
        #expect(!text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) })
    }

    @Test func strictRaisesWarningsToErrors() {
        let run = CIRuns.mixed(strict: true)
        let text = run.plans.map { String(decoding: GitHubAnnotations.lines($0, settings: run.settings), as: UTF8.self) }.joined()
        #expect(!text.contains("::warning ") && text.contains("(warn under --strict)::"))
    }

    @Test func theSummaryCannotStartACommand() {
        var run = CIRuns.mixed()
        run.settings.passedOver = ["x\n::error::injected.json"]
        run.settings.baselineSource = InputDigest(role: "baseline", file: "b\n::warning::b.json", sha256: "00")
        let summary = GitHubAnnotations.summary(run.settings, run.outcome)
        #expect(!summary.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("::") })
        #expect(summary.contains("x%0A::error::injected.json"))
    }
}
