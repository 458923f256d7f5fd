import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import S1CheckTestSupport
@testable import S1CheckCore
@testable import S1CheckReports

@Suite(.enabled(if: ExternalTool.xmllint.shouldRun, Comment(rawValue: ExternalTool.xmllint.skipReason)))
struct JUnitTests {
    func validate(_ xml: [UInt8]) throws {
        let r = try ExternalTool.xmllint.run(["--noout", "--schema", Paths.junitSchema.path, "-"], input: xml)
        #expect(r.status == 0, "xmllint: \(r.err)")
    }

    /// A second, independent reader: Foundation's XML parser, reading the counts back.
    func read(_ xml: [UInt8]) throws -> XMLDocument { try XMLDocument(data: Data(xml)) }

    @Test func mapsStatusesToJUnitElements() throws {
        let run = Sample.run([("a.plan.json", Sample.plan.with(id: "A", waivers: #"[{"rule": "consultation", "document": "AM", "reason": "booked"}]"#).text),
                              ("b.plan.json", Sample.plan.with(id: "B").text), ("c.plan.json", "{ broken")])
        let xml = ReportRendering.render(.junit, run)
        try validate(xml)
        let doc = try read(xml)
        let root = doc.rootElement()!
        #expect(root.name == "testsuites")
        let suites = root.elements(forName: "testsuite")
        #expect(suites.map { $0.attribute(forName: "name")!.stringValue! } == ["A", "B", "c.plan.json"])
        let a = suites[0].elements(forName: "testcase")
        func testcase(_ cases: [XMLElement], _ name: String) -> XMLElement? { cases.first { $0.attribute(forName: "name")?.stringValue == name } }
        #expect(testcase(a, "artefact-version · Appendix AD")?.elements(forName: "failure").first?.attribute(forName: "type")?.stringValue == "artefact-version")
        let skipped = testcase(a, "consultation · Appendix AM")?.elements(forName: "skipped").first
        #expect(skipped?.attribute(forName: "message")?.stringValue?.contains("booked") == true)
        #expect(skipped?.stringValue?.hasPrefix("waived (warn): booked") == true, "GitLab reads only the element text")
        let b = suites[1].elements(forName: "testcase")
        let warn = testcase(b, "consultation · Appendix AM")!
        #expect(warn.elements(forName: "failure").isEmpty && warn.elements(forName: "skipped").isEmpty)
        #expect(warn.elements(forName: "system-out").first?.stringValue?.hasPrefix("status: warn\nWARNING:") == true)
        #expect(testcase(b, "artefact-version · SEC") == nil)
        let properties = suites[0].elements(forName: "properties")[0].elements(forName: "property")
        #expect(properties.first { $0.attribute(forName: "name")?.stringValue == "device-eligibility" }?
            .attribute(forName: "value")?.stringValue == "not checked (no --devices registry)")
        let c = suites[2].elements(forName: "testcase")
        #expect(c.count == 1 && c[0].elements(forName: "error").count == 1)
        // Counts on every element agree with the cases.
        var total = (tests: 0, failures: 0, errors: 0)
        for s in suites {
            let cases = s.elements(forName: "testcase")
            let f = cases.filter { !$0.elements(forName: "failure").isEmpty }.count
            let e = cases.filter { !$0.elements(forName: "error").isEmpty }.count
            let k = cases.filter { !$0.elements(forName: "skipped").isEmpty }.count
            #expect(s.attribute(forName: "tests")?.stringValue == "\(cases.count)")
            #expect(s.attribute(forName: "failures")?.stringValue == "\(f)")
            #expect(s.attribute(forName: "errors")?.stringValue == "\(e)")
            #expect(s.attribute(forName: "skipped")?.stringValue == "\(k)")
            total = (total.tests + cases.count, total.failures + f, total.errors + e)
        }
        #expect(root.attribute(forName: "tests")?.stringValue == "\(total.tests)")
        #expect(root.attribute(forName: "failures")?.stringValue == "\(total.failures)")
        #expect(root.attribute(forName: "errors")?.stringValue == "\(total.errors)")
        // Test case names are unique within each suite, so CI history can track them.
        for s in suites {
            let names = s.elements(forName: "testcase").map { $0.attribute(forName: "name")!.stringValue! }
            #expect(Set(names).count == names.count)
        }
    }

    @Test func strictTurnsWarningsIntoFailuresAndKeepGoingErrorsIntoFailures() throws {
        let run = Sample.run([("b.plan.json", Sample.plan.with(id: "B").text), ("c.plan.json", "[]")], strict: true, keepGoing: true)
        let xml = ReportRendering.render(.junit, run)
        try validate(xml)
        let suites = try read(xml).rootElement()!.elements(forName: "testsuite")
        let warn = suites[0].elements(forName: "testcase").first { $0.attribute(forName: "name")?.stringValue == "consultation · Appendix AM" }!
        #expect(warn.elements(forName: "failure").first?.attribute(forName: "type")?.stringValue == "warn")
        #expect(suites[1].elements(forName: "testcase")[0].elements(forName: "failure").count == 1)
    }

    @Test func hostileTextStaysTextAndTheXMLStaysValid() throws {
        let run = Sample.run([("h.plan.json", Sample.plan.with(id: "H").text)]) { results in
            results[0].plan!.title = Sample.hostile + Sample.controls
            results[0].plan!.id = Sample.hostile + Sample.controls
            results[0].findings[0].message = Sample.controls + Sample.hostile
            results[0].file = "dir/" + Sample.hostile + ".plan.json"
        }
        let xml = ReportRendering.render(.junit, run)
        try validate(xml)
        let doc = try read(xml)
        let suite = doc.rootElement()!.elements(forName: "testsuite")[0]
        let expected = Sample.hostile + "bell\\u{7}nul\\u{0}esc\\u{1B}cr\rnl\ntab\t\\u{FFFE}end"
        #expect(suite.attribute(forName: "name")?.stringValue == expected)
        let title = suite.elements(forName: "properties")[0].elements(forName: "property").first { $0.attribute(forName: "name")?.stringValue == "title" }
        #expect(title?.attribute(forName: "value")?.stringValue == expected)
        #expect(!String(decoding: xml, as: UTF8.self).contains("<script>"))
    }
}

@Suite(.enabled(if: ExternalTool.cmarkGFM.shouldRun, Comment(rawValue: ExternalTool.cmarkGFM.skipReason)))
struct MarkdownTests {
    func render(_ md: [UInt8]) throws -> String {
        let r = try ExternalTool.cmarkGFM.run(["-e", "table", "--validate-utf8"], input: md)
        #expect(r.status == 0)
        return r.out
    }

    @Test func tablesRenderWithTheRightShape() throws {
        let run = Sample.run([("a.plan.json", Sample.plan.with(id: "A").text), ("b.plan.json", Sample.plan.with(id: "B").text)])
        let html = try render(ReportRendering.render(.markdown, run))
        // Verdict facts, failures, warnings, TBRD facts, artefacts, inputs, plans checked, sign-off. A plan's
        // failures and warnings are named in a line of its section, given in full among what blocks the release.
        #expect(html.components(separatedBy: "<table>").count - 1 == 8)
        #expect(html.contains("<td>Appendix AD</td>"))
        // A table that failed to render would be left as paragraph text starting with "|".
        #expect(!html.split(separator: "\n").contains { $0.hasPrefix("|") || $0.hasPrefix("<p>|") }, "a table did not render")
    }

    @Test func hostileTextIsEscapedInEveryPlace() throws {
        let run = Sample.run([("h.plan.json", Sample.plan.with(id: "H").text)]) { results in
            results[0].plan!.title = Sample.hostile + Sample.controls
            results[0].plan!.id = Sample.hostile
            results[0].findings[0].message = Sample.hostile + Sample.controls
            results[0].file = Sample.hostile + ".plan.json"
        }
        let md = ReportRendering.render(.markdown, run)
        let html = try render(md)
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<em>") && !html.contains("<code>a") && !html.contains("<a href=\"x\"") && !html.contains("<del>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        // The whole text arrives in one cell, character for character (GFM drops cells past the header's
        // count silently, so a split cell would lose text rather than add a cell).
        let asHTML = Sample.hostile.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        #expect(html.contains("\">" + asHTML + "</a></td>"), "hostile text not intact in its cell")
        #expect(html.contains("<td>" + asHTML + ".plan.json</td>"))
        // Every row of the findings table has as many cells as its header: no pipe or newline split a cell.
        for table in html.components(separatedBy: "<table>").dropFirst() {
            let body = table.components(separatedBy: "</table>")[0]
            let headerCells = body.components(separatedBy: "</th>").count - 1
            for row in body.components(separatedBy: "<tr>").dropFirst(2) {
                #expect(row.components(separatedBy: "</td>").count - 1 == headerCells)
            }
        }
        #expect(!String(decoding: md, as: UTF8.self).contains("\u{7}"))
    }

    @Test func recordsDigestsAsOfAndWaivers() throws {
        let run = Sample.run([("a.plan.json", Sample.plan.with(id: "A", waivers: #"[{"rule": "consultation", "document": "AM", "reason": "booked", "expires": "2023-12-31"}]"#).text)])
        let md = String(decoding: ReportRendering.render(.markdown, run), as: UTF8.self)
        #expect(md.contains(SHA256.hex(of: Array(Sample.plan.with(id: "A", waivers: #"[{"rule": "consultation", "document": "AM", "reason": "booked", "expires": "2023-12-31"}]"#).text.utf8))))
        #expect(md.contains("| As of | 2023-06-01"))
        #expect(md.contains("| consultation · Appendix AM | booked | **not recorded** | 2023-12-31 | in use | a.plan.json:"))
        #expect(md.contains("**Waived**"))
        #expect(md.contains("**not checked**"))
    }
}

@Suite struct JSONReportTests {
    @Test func shapeAndContent() throws {
        let run = Sample.run([("a.plan.json", Sample.plan.with(id: "A").text), ("bad.plan.json", #"{"id": 1}"#)])
        let bytes = ReportRendering.render(.json, run)
        let json = try JSONSerialization.jsonObject(with: Data(bytes)) as! [String: Any]
        let plans = json["plans"] as! [[String: Any]]
        #expect(plans.map { $0["id"] as? String } == ["A", nil])
        #expect(plans[0]["status"] as? String == "fail")
        let findings = plans[0]["findings"] as! [[String: Any]]
        let ad = findings.first { $0["check"] as? String == "artefact-version · Appendix AD" }!
        #expect(ad["rule"] as? String == "artefact-version")
        #expect(ad["document"] as? String == "Appendix AD")
        #expect(ad["declared"] as? String == "5.0" && ad["expected"] as? String == "5.1")
        #expect(ad["status"] as? String == "fail")
        #expect(findings.contains { $0["status"] as? String == "pass" })
        let errors = plans[1]["inputErrors"] as! [[String: Any]]
        #expect(errors.contains { $0["path"] as? String == "$.id" })
        let summary = json["summary"] as! [String: Any]
        #expect(summary["exitCode"] as? Int == 2)
        #expect((json["baseline"] as! [String: Any])["sec"] as? String == "72.0")
        // Our own reader reads it too (and finds no duplicate keys).
        #expect(throws: Never.self) { try JSONReader.parse(bytes) }
    }

    @Test func hostileTextRoundTrips() throws {
        let run = Sample.run([("h.plan.json", Sample.plan.with(id: "H").text)]) { $0[0].plan!.title = Sample.hostile + Sample.controls }
        let json = try JSONSerialization.jsonObject(with: Data(ReportRendering.render(.json, run))) as! [String: Any]
        #expect(((json["plans"] as! [[String: Any]])[0]["title"] as? String) == Sample.hostile + Sample.controls)
    }

    @Test func everyReportIsDeterministic() {
        let plans = (0..<50).map { ("p\($0).plan.json", Sample.plan.with(id: "P\($0)").text) }
        let a = Sample.run(plans), b = Sample.run(plans)
        #expect(ReportRendering.render(.json, a) == ReportRendering.render(.json, b))
        #expect(ReportRendering.render(.junit, a) == ReportRendering.render(.junit, b))
        #expect(ReportRendering.render(.markdown, a) == ReportRendering.render(.markdown, b))
        #expect(ReportRendering.render(.html, a) == ReportRendering.render(.html, b))
    }
}

@Suite struct EscapingTests {
    @Test func xmlAttributeAndTextEscaping() {
        var t = TextBuffer()
        t.xmlAttribute("<&>\"'\t\n]]>\u{1}\u{FFFF}é")
        #expect(t.string == "&lt;&amp;&gt;&quot;&apos;&#9;&#10;]]&gt;\\u{1}\\u{FFFF}é")
        var x = TextBuffer()
        x.xmlText("a]]>b\rc")
        #expect(x.string == "a]]&gt;b&#13;c")
    }

    @Test func markdownEscaping() {
        var t = TextBuffer()
        t.markdown("a|b `c` <d> *e* \\ line\nnext & {x}")
        #expect(t.string == "a&#124;b &#96;c&#96; &lt;d&gt; &#42;e&#42; &#92; line next &amp; &#123;x&#125;")
    }

    @Test func jsonEscaping() {
        var w = JSONWriter()
        w.string(nil, "q\"\\\n\u{1}é")
        #expect(String(decoding: w.finish(), as: UTF8.self) == "\"q\\\"\\\\\\n\\u0001é\"\n")
    }
}
