import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import S1CheckTestSupport
@testable import S1CheckCore
@testable import S1CheckReports

/// The JSON report's contract: its schema, one convention for absent values, statuses that add up.
@Suite struct JSONReportContractTests {
    static let schema = packageRoot.appendingPathComponent("Plans/schemas/report.schema.json").path

    @Test(.enabled(if: ExternalTool.checkJSONSchema.shouldRun, Comment(rawValue: ExternalTool.checkJSONSchema.skipReason)))
    func validAgainstItsSchema() throws {
        for var run in [CIRuns.mixed(), CIRuns.mixed(strict: true, keepGoing: true), Sample.run([])] {
            // The sample settings carry a stand-in digest; the schema wants a real one.
            run.settings.baselineSource.sha256 = SHA256.hex(of: [])
            let r = try CIRuns.validate(ReportRendering.render(.json, run), schema: Self.schema)
            #expect(r.status == 0, "\(r.out)")
        }
        // The schema refuses what the convention rules out: a finding that leaves out a key.
        var run = CIRuns.mixed()
        run.settings.baselineSource.sha256 = SHA256.hex(of: [])
        let json = String(decoding: ReportRendering.render(.json, run), as: UTF8.self)
        #expect(try CIRuns.validate(Array(json.replacingOccurrences(of: "\"subject\": null, ", with: "").utf8), schema: Self.schema).status != 0)
        #expect(try CIRuns.validate(Array(json.replacingOccurrences(of: "\"status\": \"input-error\"", with: "\"status\": \"fail\"").utf8), schema: Self.schema).status != 0)
    }

    @Test func everyObjectOfAKindHasTheSameKeys() throws {
        let root = try CIRuns.json(ReportRendering.render(.json, CIRuns.mixed())) as! [String: Any]
        #expect(root["formatVersion"] as? String == JSONReport.formatVersion)
        let plans = root["plans"] as! [[String: Any]]
        #expect(Set(plans.map { $0.keys.sorted() }).count == 1)
        let findings = plans.flatMap { $0["findings"] as! [[String: Any]] }
        #expect(Set(findings.map { $0.keys.sorted() }).count == 1)
        #expect(findings.contains { $0["subject"] is NSNull } && findings.contains { $0["waiver"] is NSNull })
        let unreadable = plans[2]
        #expect(unreadable["id"] is NSNull && unreadable["title"] is NSNull && unreadable["sha256"] is String)
        #expect((unreadable["inputErrors"] as! [[String: Any]]).allSatisfy { $0["line"] is Int && $0["column"] is Int })
        let devices = root["devices"] as! [String: Any]
        #expect(devices["checked"] as? Bool == false && devices["file"] is NSNull && devices["sha256"] is NSNull)
    }

    @Test func planStatusesAddUpToTheSummary() throws {
        for run in [CIRuns.mixed(), CIRuns.mixed(keepGoing: true)] {
            let root = try CIRuns.json(ReportRendering.render(.json, run)) as! [String: Any]
            let plans = root["plans"] as! [[String: Any]]
            let summary = root["summary"] as! [String: Any]
            #expect(plans[2]["status"] as? String == "input-error")
            for status in ["pass", "warn", "fail", "input-error"] {
                #expect(plans.filter { $0["status"] as? String == status }.count == summary[status] as? Int, "\(status)")
            }
            #expect(["pass", "warn", "fail", "input-error"].reduce(0) { $0 + (summary[$1] as! Int) } == summary["plans"] as? Int)
        }
    }
}

/// JUnit: no text said twice, and classnames Jenkins does not split.
@Suite(.enabled(if: ExternalTool.xmllint.shouldRun, Comment(rawValue: ExternalTool.xmllint.skipReason)))
struct JUnitContractTests {
    func cases(_ run: RunResult) throws -> [XMLElement] {
        let xml = ReportRendering.render(.junit, run)
        let r = try ExternalTool.xmllint.run(["--noout", "--schema", Paths.junitSchema.path, "-"], input: xml)
        #expect(r.status == 0, "xmllint: \(r.err)")
        let doc = try XMLDocument(data: Data(xml))
        return doc.rootElement()!.elements(forName: "testsuite").flatMap { $0.elements(forName: "testcase") }
    }

    @Test(arguments: [false, true])
    func onlyWarningsUseSystemOut(strict: Bool) throws {
        let all = try cases(CIRuns.mixed(strict: strict, keepGoing: strict))
        for c in all {
            let verdict = ["failure", "error", "skipped"].flatMap { c.elements(forName: $0) }
            let out = c.elements(forName: "system-out")
            if !verdict.isEmpty { #expect(out.isEmpty, "\(c.attribute(forName: "name")!.stringValue!) repeats its text in <system-out>") }
            if let o = out.first { #expect(o.stringValue!.hasPrefix("status: warn\nWARNING: ")) }
        }
        #expect(all.contains { !$0.elements(forName: "system-out").isEmpty } == !strict, "a warning keeps its system-out unless it is a failure")
    }

    @Test func classnamesHaveNoDotAfterTheTool() throws {
        let all = try cases(CIRuns.mixed())
        let classnames = Set(all.map { $0.attribute(forName: "classname")!.stringValue! })
        for c in classnames {
            #expect(c.hasPrefix("s1check.") && !c.dropFirst("s1check.".count).contains("."), "\(c)")
        }
        #expect(classnames.contains("s1check.B_R2"))
        #expect(classnames.contains("s1check.plans/c_plan_json"))
    }
}

/// The evidence pack in the three renderers it meets: entities, not backslashes; a sorted, linked summary.
@Suite(.enabled(if: MarkdownRenderer.allShouldRun, Comment(rawValue: MarkdownRenderer.skipReason)))
struct MarkdownRenderingTests {
    /// The text a reader sees: tags dropped, character references decoded, kramdown's typographic quotes
    /// taken back to ASCII (its typography, not our escaping).
    static func visibleText(_ html: String) -> String {
        var text = ""
        var inTag = false
        for c in html {
            if c == "<" { inTag = true; continue }
            if c == ">" && inTag { inTag = false; continue }
            if !inTag { text.append(c) }
        }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            rest = rest[amp...]
            guard let semi = rest.firstIndex(of: ";"), rest.distance(from: rest.startIndex, to: semi) <= 10 else { out += "&"; rest = rest.dropFirst(); continue }
            let name = rest[rest.index(after: rest.startIndex)..<semi]
            let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "ldquo": "\"", "rdquo": "\"", "lsquo": "'", "rsquo": "'"]
            if let v = named[String(name)] { out += v }
            else if name.hasPrefix("#x"), let n = UInt32(name.dropFirst(2), radix: 16), let u = Unicode.Scalar(n) { out.unicodeScalars.append(u) }
            else if name.hasPrefix("#"), let n = UInt32(name.dropFirst()), let u = Unicode.Scalar(n) { out.unicodeScalars.append(u) }
            else { out += "&" + name + ";" }
            rest = rest[rest.index(after: semi)...]
        }
        out += rest
        return out.replacingOccurrences(of: "“", with: "\"").replacingOccurrences(of: "”", with: "\"")
            .replacingOccurrences(of: "‘", with: "'").replacingOccurrences(of: "’", with: "'")
    }

    static func hostileRun() -> RunResult {
        Sample.run([("a.plan.json", Sample.plan.with(id: "A", waivers: CIRuns.waiveAM).text), ("h.plan.json", Sample.plan.with(id: "H").text)]) { results in
            results[1].plan!.title = "Security & Net Zero " + Sample.hostile
            results[1].plan!.id = Sample.hostile
            results[1].findings[0].message = Sample.hostile
            results[1].file = Sample.hostile + ".plan.json"
        }
    }

    @Test(arguments: MarkdownRenderer.allCases)
    func inputTextReadsBackExactlyWithNoStrayBackslash(renderer: MarkdownRenderer) throws {
        let html = try renderer.html(ReportRendering.render(.markdown, Self.hostileRun()))
        let text = Self.visibleText(html)
        #expect(text.contains("Security & Net Zero " + Sample.hostile), "\(renderer) changed the title")
        #expect(text.contains(Sample.hostile + ".plan.json"))
        #expect(!text.contains("Security \\& Net Zero"))
        for escape in ["\\&", "\\<", "\\|", "\\*", "\\_", "\\`", "\\#"] {
            #expect(!text.contains(escape), "\(renderer) shows a backslash escape \(escape)")
        }
        #expect(!html.contains("<script") && !html.contains("<em>") && !html.contains("<del>") && !html.contains("href=\"x\""))
        #expect(text.contains("**Waived**") == false && text.contains("Waived (was warn, expires 2023-12-31): booked, 50% done: see ticket #1"))
    }

    @Test func summaryIsWorstFirstAndFailRowsStandOut() throws {
        let run = Sample.run([("a.plan.json", Sample.plan.with(id: "PASS-1", artefacts: #"[{"document": "AD", "version": "5.1"}]"#).text),
                              ("b.plan.json", Sample.plan.with(id: "WARN-1", artefacts: #"[{"document": "AM", "version": "12.0"}]"#).text),
                              ("c.plan.json", Sample.plan.with(id: "FAIL-1").text), ("d.plan.json", "{"),
                              ("e.plan.json", Sample.plan.with(id: "PASS-2", artefacts: #"[{"document": "AD", "version": "5.1"}]"#).text),
                              ("f.plan.json", Sample.plan.with(id: "FAIL-2").text)])
        let md = String(decoding: ReportRendering.render(.markdown, run), as: UTF8.self)
        let table = md.components(separatedBy: "### Plans checked")[1].components(separatedBy: "## Plans")[0]
        let rows = table.split(separator: "\n").filter { $0.hasPrefix("| [") }
        #expect(rows.map { $0.components(separatedBy: "](")[0] } == ["| [(unreadable)", "| [FAIL-1", "| [FAIL-2", "| [WARN-1", "| [PASS-1", "| [PASS-2"])
        #expect(rows[0].contains("| **INPUT ERROR** |") && rows[1].contains("| **FAIL** |") && rows[3].contains("| WARN |") && rows[4].contains("| PASS |"))
    }

    @Test(arguments: MarkdownRenderer.allCases)
    func everySummaryRowLinksToItsOwnSection(renderer: MarkdownRenderer) throws {
        // Two plans share an id, one has a hostile id, one cannot be read: every anchor is still unique.
        let run = Sample.run([("x/a.plan.json", Sample.plan.with(id: "SAME").text), ("y/a.plan.json", Sample.plan.with(id: "SAME").text),
                              ("z.plan.json", "[]"), ("h.plan.json", Sample.plan.with(id: "H").text)]) { $0[3].plan!.id = Sample.hostile }
        let html = try renderer.html(ReportRendering.render(.markdown, run))
        let links = html.components(separatedBy: "href=\"#").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        // The plans checked link to their sections, and so does each row of what blocks the release; a plan
        // section links back to what blocks the release for the reasons of its failures and warnings.
        #expect(links.count > 4 && Set(links).subtracting(["blockers"]).count == 4)
        for link in links {
            #expect(html.components(separatedBy: "id=\"\(link)\"").count - 1 == 1, "\(renderer): no single target for #\(link)")
            #expect(link.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        }
        // Stable: the same plan gets the same anchor in another run.
        #expect(links.contains(MarkdownReport.anchor(id: "SAME", file: "x/a.plan.json")))
        #expect(MarkdownReport.anchor(id: "SVT-FOC-0051.R2", file: "Plans/foc/a.plan.json").hasPrefix("plan-svt-foc-0051-r2-"))
    }
}
