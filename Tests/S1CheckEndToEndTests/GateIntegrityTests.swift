import Foundation
import Testing
import S1CheckTestSupport

/// Issue 15, through the real binary: the attacks a red-team round found after the first hardening
/// (issue 10, `GateTests`). Each suite is one attack; the run must neither go green by mistake nor harm
/// a file it reads or writes.
extension Gate {
    /// The command that runs what follows it as nobody (uid 65534), for tests about permissions root
    /// would override; empty when the tests do not run as root.
    static func asNobody() throws -> String {
        let setpriv = "/usr/bin/setpriv"
        guard asRoot else { return "" }
        guard FileManager.default.isExecutableFile(atPath: setpriv) else { throw Failure("setpriv (util-linux) is needed to drop root") }
        return "\(setpriv) --reuid=65534 --regid=65534 --clear-groups "
    }

    static func text(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }
}

// MARK: 1. Closed standard streams

@Suite struct ClosedStandardStreamTests {
    /// With standard output, error or input closed, the first file opened would take its number and the
    /// console lines would be written into a report.
    @Test(arguments: [">&-", "2>&-", ">&- 2>&-", "<&- >&- 2>&-"])
    func aClosedStreamNeverTakesAReportsPlace(_ closing: String) throws {
        let s = Scratch()
        s.write("bad.plan.json", Gate.failing.with(id: "BAD-1").text)
        let out = try Gate.shell("\"$S1CHECK\" check bad.plan.json --as-of 2023-06-01 --junit j.xml --json r.json \(closing)", in: s.url)
        #expect(out.status == 1, "\(out.all)")
        let junit = try #require(Gate.text(s.path("j.xml")))
        #expect(junit.hasPrefix("<?xml"), "\(junit.prefix(200))")
        #expect(!junit.contains("FAIL: 1 plan checked") && !junit.contains("bad.plan.json:1: error"), "no console line in the report")
        #expect(try Gate.json(Data(contentsOf: s.url.appendingPathComponent("r.json")))["plans"] != nil)
        #expect(Gate.temporaryFiles(s.url.path).isEmpty)
    }
}

// MARK: 2. Two reports on one file through a folder link that does not resolve yet

@Suite struct DanglingFolderLinkTests {
    @Test func twoSpellingsOfOneNewFileAreRefused() throws {
        let s = Scratch()
        s.write("p.plan.json", CLI.goodPlan)
        try FileManager.default.createSymbolicLink(atPath: s.path("link"), withDestinationPath: "out")
        try FileManager.default.createSymbolicLink(atPath: s.path("abs"), withDestinationPath: s.path("out/deeper"))
        // (Reports are compared in the order of the README's option list: --junit, --markdown, --json.)
        for (pair, message) in [(["--junit", "out/r.txt", "--json", "link/r.txt"], "link/r.txt (--junit out/r.txt and --json link/r.txt)"),
                                (["--json", "link/deeper/r.txt", "--markdown", "abs/r.txt"], "link/deeper/r.txt (--markdown abs/r.txt and --json link/deeper/r.txt)"),
                                (["--json", "link/../out/r.txt", "--junit", "out/./r.txt"], "link/../out/r.txt (--junit out/./r.txt and --json link/../out/r.txt)")] {
            let out = try Gate.run(["check", "p.plan.json", "--as-of", "2023-06-01"] + pair, in: s.url)
            #expect(out.status == 2, "\(pair): \(out.all)")
            #expect(out.err.contains("two reports would be written to \(message)"), "\(out.err)")
            #expect(!FileManager.default.fileExists(atPath: s.path("out")), "refused before anything is written")
        }
        // Distinct files through the same link are fine.
        let fine = try Gate.run(["check", "p.plan.json", "--as-of", "2023-06-01", "--junit", "out/j.xml", "--json", "link/r.json"], in: s.url)
        #expect(fine.status == 0, "\(fine.err)")
        #expect(Gate.entries(s.path("out")) == ["j.xml", "r.json"])
    }

    /// A folder mounted at a second path is one folder: two reports there under one name are one file.
    @Test(.enabled(if: Gate.rootOrCI, Gate.needsRoot))
    func oneFolderUnderTwoMountsIsOneFolder() throws {
        let s = Scratch()
        s.write("p.plan.json", CLI.goodPlan)
        for d in ["out", "again"] { try FileManager.default.createDirectory(atPath: s.path(d), withIntermediateDirectories: true) }
        try Gate.requireMount(["--bind", s.path("out"), s.path("again")])
        defer { Gate.unmount(s.path("again")) }
        let out = try Gate.run(["check", "p.plan.json", "--as-of", "2023-06-01", "--junit", "out/r.txt", "--json", "again/r.txt"], in: s.url)
        #expect(out.status == 2, "\(out.all)")
        #expect(out.err.contains("two reports would be written to again/r.txt (--junit out/r.txt and --json again/r.txt)"), "\(out.err)")
        #expect(Gate.entries(s.path("out")).isEmpty)
    }
}

// MARK: 3. Cost bounds within one plan

@Suite struct PlanCostTests {
    /// N repeats of one artefact, each repeat a `duplicate-document` warning, and N waivers of it: the
    /// first waiver waives every repeat, the others match nothing. Looked up, not scanned: linear. N is
    /// the red team's 40,000 (278 s before), in a plan padded to the 16 MiB limit with a long title.
    @Test func manyRepeatsAndManyWaiversAreLinear() throws {
        let s = Scratch()
        let n = 40_000
        let artefact = #"{"document": "SEC", "version": "72.0"}"#
        let waiver = #"{"rule": "duplicate-document", "document": "SEC", "reason": "r"}"#
        let body = #", "phase": "FOC", "tbrd": "1.24", "deviceModels": [{"type": "ESME", "manufacturer": "m", "model": "x", "firmware": "1"}], "artefacts": ["#
            + Array(repeating: artefact, count: n).joined(separator: ", ") + #"], "waivers": ["#
            + Array(repeating: waiver, count: n).joined(separator: ", ") + "]}"
        let head = #"{"id": "BIG-1", "title": ""#
        let text = head + String(repeating: "t", count: (16 << 20) - head.utf8.count - body.utf8.count - 1) + "\"" + body
        #expect(text.utf8.count == 16 << 20)
        s.write("big.plan.json", text)
        let out = try Gate.run(["check", "big.plan.json", "--as-of", "2023-06-01"], in: s.url, timeout: 120)
        #expect(out.status == 0, "\(out.err)")
        #expect(out.out.contains("PASS with warnings and \(n - 1) deviations: 1 plan checked"), "\(out.out.suffix(400))")
        #expect(out.out.contains(" warn, \(n - 1) waived, "), "\(out.out.suffix(400))")
        #expect(out.out.contains("warning: the waiver for duplicate-document · SEC matches no warn or fail finding; remove it [waiver]"))
    }

    /// Thousands of copies of one plan: each finding names five of the others and counts the rest, so
    /// the console and the JUnit report grow with the number of plans, not its square.
    @Test func manyPlansSharingAnIDNameAFewOthersAndCountTheRest() throws {
        let s = Scratch()
        let copies = 3000
        for i in 0..<copies { s.write("plans/p\(String(format: "%04d", i)).plan.json", CLI.goodPlan) }
        let out = try Gate.run(["check", "plans", "--as-of", "2023-06-01", "--junit", "j.xml"], in: s.url, timeout: 120)
        #expect(out.status == 1)
        #expect(out.out.contains("plans/p0000.plan.json:1: error: plan id OK-1 is also used by plans/p0001.plan.json, plans/p0002.plan.json, plans/p0003.plan.json, plans/p0004.plan.json, plans/p0005.plan.json and 2994 more files; each plan needs its own id [duplicate-plan-id]"), "\(out.out.prefix(600))")
        #expect(out.out.contains("plans/p0003.plan.json:1: error: plan id OK-1 is also used by plans/p0000.plan.json, plans/p0001.plan.json, plans/p0002.plan.json, plans/p0004.plan.json, plans/p0005.plan.json and 2994 more files"))
        #expect(out.stdout.count < 2_000_000, "\(out.stdout.count) bytes of console")
        let junit = try FileManager.default.attributesOfItem(atPath: s.path("j.xml"))[.size] as! Int
        #expect(junit < 12_000_000, "\(junit) bytes of JUnit")
        // Two plans sharing an id still name each other, with nothing to count.
        let two = try Gate.run(["check", "plans/p0000.plan.json", "plans/p0001.plan.json", "--as-of", "2023-06-01"], in: s.url)
        #expect(two.out.contains("plan id OK-1 is also used by plans/p0001.plan.json; each plan needs its own id"), "\(two.out)")
    }
}

// MARK: 4. The stale-temporary-file cleanup and the run's own inputs

@Suite struct StaleCleanupTests {
    @Test func inputsNamedLikeTemporaryFilesAreNeverRemoved() throws {
        let s = Scratch()
        let planName = ".r.json.s1check-tmp-99999-0badf00d"
        let devicesName = ".r.json.s1check-spool0-99998-0badf00d"
        s.write("out/\(planName)", CLI.goodPlan)
        s.write("out/\(devicesName)", #"{"deviceModels": [{"id": "DM-1", "type": "ESME", "manufacturer": "m", "model": "x", "firmware": ["1"], "phases": ["FOC"]}], "combinations": []}"#)
        let out = try Gate.run(["check", "out/\(planName)", "--devices", "out/\(devicesName)", "--as-of", "2023-06-01", "--json", "out/r.json"], in: s.url)
        #expect(out.status == 0, "\(out.all)")
        #expect(Gate.entries(s.path("out")) == [devicesName, planName, "r.json"].sorted())
        #expect(Gate.text(s.path("out/\(planName)")) == CLI.goodPlan)
    }

    @Test func onlyFilesOfThisUserWhoseWriterHasGoneAreRemoved() throws {
        let s = Scratch()
        s.write("p.plan.json", CLI.goodPlan)
        // A process that is running (this test) is the writer named in one; the other's writer is gone.
        let running = ".r.json.s1check-tmp-\(getpid())-0badf00d"
        let gone = ".r.json.s1check-old-99999-0badf00d"
        for name in [running, gone] { s.write("out/\(name)", "partial") }
        var out = try Gate.run(["check", "p.plan.json", "--as-of", "2023-06-01", "--json", "out/r.json"], in: s.url)
        #expect(out.status == 0, "\(out.err)")
        #expect(Gate.entries(s.path("out")) == [running, "r.json"].sorted())
        // Another user's leftover is theirs to remove.
        guard Gate.asRoot else { return }
        s.write("out/\(gone)", "partial")
        chown(s.path("out/\(gone)"), 65534, 65534)
        out = try Gate.run(["check", "p.plan.json", "--as-of", "2023-06-01", "--json", "out/r.json"], in: s.url)
        #expect(out.status == 0, "\(out.err)")
        #expect(Gate.entries(s.path("out")) == [gone, running, "r.json"].sorted())
    }
}

// MARK: 6. A waiver without a document

@Suite struct DocumentlessWaiverTests {
    /// A waiver without `document` waives the rule's findings that name no document: never a name
    /// outside the catalogue, which an `unknown-document` finding names.
    @Test func aSharedWaiverWithoutADocumentWaivesNoUnknownName() throws {
        let s = Scratch()
        s.write("p.plan.json", #"{"id": "U-1", "title": "t", "phase": "FOC", "tbrd": "1.24", "deviceModels": [{"type": "ESME", "manufacturer": "m", "model": "x", "firmware": "1"}], "artefacts": [{"document": "SEC", "version": "72.0"}, {"document": "Widget Spec", "version": "1.0"}]}"#)
        s.write("s1check.json", #"{"waivers": [{"rule": "unknown-document", "reason": "all of them", "expires": "2099-01-01"}]}"#)
        let out = try Gate.run(["check", "p.plan.json", "--as-of", "2023-06-01", "--json", "r.json"], in: s.url)
        #expect(out.status == 1, "\(out.out)")
        #expect(out.out.contains("p.plan.json:1: error: \"Widget Spec\" is not a Section, Schedule or Appendix of the SEC"), "\(out.out)")
        #expect(out.out.contains("s1check.json:1: warning: the shared waiver for unknown-document matches no warn or fail finding in any plan; remove it [waiver]"), "\(out.out)")
        // A plan's own waiver alike; one that names the document waives it.
        s.write("s1check.json", "{}")
        s.write("q.plan.json", #"{"id": "U-2", "title": "t", "phase": "FOC", "tbrd": "1.24", "deviceModels": [{"type": "ESME", "manufacturer": "m", "model": "x", "firmware": "1"}], "artefacts": [{"document": "Widget Spec", "version": "1.0"}, {"document": "Gadget Spec", "version": "1.0"}], "waivers": [{"rule": "unknown-document", "reason": "any"}, {"rule": "unknown-document", "document": "widget  SPEC", "reason": "this one", "approvedBy": "QA"}]}"#)
        let own = try Gate.run(["check", "q.plan.json", "--as-of", "2023-06-01"], in: s.url)
        #expect(own.status == 1)
        #expect(own.out.contains("(waived fail: this one; approved by QA) [unknown-document]"), "\(own.out)")
        #expect(own.out.contains("error: \"Gadget Spec\" is not a Section"), "\(own.out)")
        #expect(own.out.contains("warning: the waiver for unknown-document matches no warn or fail finding; remove it [waiver]"), "\(own.out)")
    }
}

// MARK: 9. A rename that fails mid-set

@Suite struct ReportSetRenameTests {
    /// A sticky folder (as /tmp is) where one report belongs to another user: that rename would fail, so
    /// no rename is made.
    @Test(.enabled(if: Gate.rootOrCI, Gate.needsRoot))
    func aRenameThatWouldFailIsFoundBeforeTheFirst() throws {
        let s = Scratch()
        s.write("p.plan.json", CLI.goodPlan)
        s.write("out/mine.json", "old mine")
        s.write("out/theirs.xml", "old theirs")
        chown(s.path("out/mine.json"), 65534, 65534)
        chmod(s.path("out"), 0o1777)
        let out = try Gate.shell("\(try Gate.asNobody())\"$S1CHECK\" check p.plan.json --as-of 2023-06-01 --json out/mine.json --junit out/theirs.xml", in: s.url)
        #expect(out.status == 2, "\(out.all)")
        #expect(out.err.contains("s1check: out/theirs.xml: cannot put this report in place: its folder is sticky (as /tmp is) and the report there belongs to another user, who alone may replace it; no report was replaced"), "\(out.err)")
        #expect(Gate.text(s.path("out/mine.json")) == "old mine")
        #expect(Gate.text(s.path("out/theirs.xml")) == "old theirs")
        #expect(Gate.temporaryFiles(s.path("out")).isEmpty, "\(Gate.entries(s.path("out")))")
    }

    /// A rename that fails all the same (a file mounted on a report: the kernel refuses, and nothing
    /// shows it beforehand): the reports already put in place are put back, old or absent as they were.
    @Test(.enabled(if: Gate.rootOrCI, Gate.needsRoot))
    func aRenameThatFailsAllTheSamePutsBackTheOthers() throws {
        let s = Scratch()
        s.write("p.plan.json", CLI.goodPlan)
        s.write("out/j.xml", "old junit")
        s.write("out/mounted.json", "old json")
        s.write("source.json", "mounted file")
        try Gate.requireMount(["--bind", s.path("source.json"), s.path("out/mounted.json")])
        defer { Gate.unmount(s.path("out/mounted.json")) }
        let out = try Gate.run(["check", "p.plan.json", "--as-of", "2023-06-01", "--junit", "out/j.xml", "--markdown", "out/new.md", "--json", "out/mounted.json"], in: s.url)
        #expect(out.status == 2, "\(out.all)")
        #expect(out.err.contains("s1check: out/mounted.json: cannot put this report in place: it is busy; no report was replaced (those already put in place were put back)"), "\(out.err)")
        #expect(Gate.text(s.path("out/j.xml")) == "old junit")
        #expect(!FileManager.default.fileExists(atPath: s.path("out/new.md")))
        #expect(Gate.text(s.path("out/mounted.json")) == "mounted file")
        #expect(Gate.entries(s.path("out")) == ["j.xml", "mounted.json"], "\(Gate.entries(s.path("out")))")
    }
}

// MARK: 5. Misnamed plans

@Suite struct MisnamedPlanTests {
    /// A name that is `*.plan.json` but for the case of its letters or spaces (or invisible characters)
    /// at its end is meant to be a plan: an input error naming the name it should have, never a pass.
    @Test func aNearMissPlanNameIsAnInputErrorNamingTheRightName() throws {
        let s = Scratch()
        s.write("plans/good.plan.json", CLI.goodPlan)
        for (i, name) in ["bad.plan.JSON", "x.Plan.Json", "y.plan.json ", "z.PLAN.JSON\t", "w.plan.json\u{200B}"].enumerated() {
            s.write("plans/sub/\(name)", CLI.goodPlan.replacingOccurrences(of: "OK-1", with: "N-\(i)"))
        }
        s.write("plans/other.JSON", "{}")
        let out = try Gate.run(["check", "plans", "--as-of", "2023-06-01", "--json", "r.json"], in: s.url)
        #expect(out.status == 2, "\(out.out)")
        let said = "is named like a plan but not *.plan.json, so it was not read: rename it"
        for (given, shown, right) in [("bad.plan.JSON", "bad.plan.JSON", "bad.plan.json"), ("x.Plan.Json", "x.Plan.Json", "x.plan.json"),
                                      ("y.plan.json ", "y.plan.json ", "y.plan.json"), ("z.PLAN.JSON\t", #"z.PLAN.JSON\x09"#, "z.plan.json"),
                                      ("w.plan.json\u{200B}", #"w.plan.json\xE2\x80\x8B"#, "w.plan.json")] {
            #expect(out.out.contains("plans/sub/\(shown): error: \(said) \(right) to have it checked (plans are found by that exact name) [input-error]"), "\(given): \(out.out)")
        }
        #expect(out.out.contains("INPUT ERROR: 1 plan checked"), "\(out.out)")
        #expect(out.out.contains("5 inputs could not be read"), "\(out.out)")
        #expect(out.out.contains("passed over 1 .json file not named *.plan.json: plans/other.JSON"), "\(out.out)")
        // Every report says so too.
        let plans = try #require(try Gate.json(Data(contentsOf: s.url.appendingPathComponent("r.json")))["plans"] as? [[String: Any]])
        #expect(plans.filter { $0["status"] as? String == "input-error" }.count == 5)
        // Named directly, such a file is read as a plan, as any file named directly is.
        let direct = try Gate.run(["check", "plans/sub/x.Plan.Json", "--as-of", "2023-06-01"], in: s.url)
        #expect(direct.status == 0, "\(direct.out)")
    }
}

// MARK: 7. The SARIF cap

@Suite struct SARIFCapTests {
    static func results(_ url: URL) throws -> (results: [[String: Any]], notifications: [[String: Any]], leftOut: Int?) {
        let run = try #require((try CLI.json(url)["runs"] as? [[String: Any]])?.first)
        let notes = (run["invocations"] as? [[String: Any]])?.first?["toolExecutionNotifications"] as? [[String: Any]] ?? []
        return (run["results"] as? [[String: Any]] ?? [], notes, (run["properties"] as? [String: Any])?["resultsLeftOut"] as? Int)
    }

    /// One plan with more results than GitHub takes keeps the first 25,000, worst first, not none.
    @Test func onePlanOverTheLimitKeepsItsWorstResults() throws {
        let s = Scratch()
        // 25,001 repeats of the SEC (each a duplicate-document warning) and ten unknown names (failures).
        let unknown = (0..<10).map { #"{"document": "Widget \#($0)", "version": "1.0"}"# }
        let artefacts = unknown + Array(repeating: #"{"document": "SEC", "version": "72.0"}"#, count: 25_002)
        s.write("big.plan.json", #"{"id": "BIG-1", "title": "t", "phase": "FOC", "tbrd": "1.24", "deviceModels": [{"type": "ESME", "manufacturer": "m", "model": "x", "firmware": "1"}], "artefacts": [\#(artefacts.joined(separator: ", "))]}"#)
        s.write("small.plan.json", Gate.failing.with(id: "SMALL-1").text)
        let out = try Gate.run(["check", "big.plan.json", "small.plan.json", "--as-of", "2023-06-01", "--sarif", "r.sarif"], in: s.url, timeout: 120)
        #expect(out.status == 1, "\(out.err)")
        let sarif = try Self.results(s.url.appendingPathComponent("r.sarif"))
        #expect(sarif.results.count == 25_000)
        let levels = sarif.results.map { $0["level"] as? String ?? "" }
        // Every failure (the big plan's ten and the small plan's one), first, then warnings.
        #expect(levels.prefix(11).allSatisfy { $0 == "error" } && levels.dropFirst(11).allSatisfy { $0 == "warning" })
        #expect(sarif.leftOut == 25_001 + 11 - 25_000)
        let note = sarif.notifications.first { ($0["descriptor"] as? [String: Any])?["id"] as? String == "results-left-out" }
        #expect(((note?["message"] as? [String: Any])?["text"] as? String)?.hasPrefix("12 results were left out") == true, "\(String(describing: note))")
        if PinnedSchema.sarif.shouldRun && ExternalTool.checkJSONSchema.shouldRun {
            let v = try ExternalTool.checkJSONSchema.run(["--schemafile", PinnedSchema.sarif.path, "r.sarif"], in: s.url)
            #expect(v.status == 0, "\(v.out)\(v.err)")
        }
    }
}

// MARK: 8. Machine locations are real paths

@Suite struct MachineLocationTests {
    /// A backslash or a byte that is not UTF-8 in a file name is escaped where people read it (the
    /// console, the reports' text), but a location a machine reads is the real path: SARIF percent-encodes
    /// its bytes, Code Quality and GitHub's `file=` have it as it is.
    @Test func locationsAreTheRealPathAndOnlyDisplayTextIsEscaped() throws {
        let s = Scratch()
        s.write("p/a\\b.plan.json", Gate.failing.with(id: "BS-1").text)
        Gate.write(Array(s.path("p/bad").utf8) + [0xFF] + Array(".plan.json".utf8), Gate.failing.with(id: "FF-1").text)
        let out = try Gate.run(["check", "p", "--as-of", "2023-06-01", "--sarif", "r.sarif", "--codequality", "cq.json", "--json", "r.json", "--format", "github"], in: s.url)
        #expect(out.status == 1, "\(out.all)")
        #expect(out.out.contains(#"::error file=p/a\b.plan.json,line=1,title=BS-1 · artefact-version · SEC::"#), "\(out.out)")
        // Not UTF-8, a name cannot be text: its display form, in the formats that take text.
        #expect(out.out.contains(#"::error file=p/bad\xFF.plan.json,line=1,"#), "\(out.out)")
        let uris = try SARIFCapTests.results(s.url.appendingPathComponent("r.sarif")).results.map {
            (((($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"] as? String) ?? ""
        }
        #expect(uris == ["p/a%5Cb.plan.json", "p/bad%FF.plan.json"], "\(uris)")
        let cq = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: s.url.appendingPathComponent("cq.json"))) as? [[String: Any]])
        #expect(cq.map { ($0["location"] as? [String: Any])?["path"] as? String } == [#"p/a\b.plan.json"#, #"p/bad\xFF.plan.json"#])
        // People read the escaped form: the JSON report's file, the console.
        let files = (try Gate.json(Data(contentsOf: s.url.appendingPathComponent("r.json")))["plans"] as? [[String: Any]])?.map { $0["file"] as? String }
        #expect(files == [#"p/a\\b.plan.json"#, #"p/bad\xFF.plan.json"#])
        let text = try Gate.run(["check", "p", "--as-of", "2023-06-01"], in: s.url)
        #expect(text.out.contains(#"p/a\\b.plan.json:1: error: SEC is declared at 71.0"#), "\(text.out)")
    }
}

// MARK: 10. JUnit classnames

@Suite struct JUnitClassnameTests {
    @Test func idsThatDifferOnlyInDotsUnderscoresAndTildesHaveTheirOwnClassnames() throws {
        let s = Scratch()
        let ids = ["A.1", "A_1", "A~_1", "A~.1", "A._1", "A_.1", "SVT-FOC-0051"]
        for (i, id) in ids.enumerated() { s.write("p\(i).plan.json", CLI.goodPlan.replacingOccurrences(of: "OK-1", with: id)) }
        let out = try Gate.run(["check", "."] + ["--as-of", "2023-06-01", "--junit", "j.xml"], in: s.url)
        #expect(out.status == 0, "\(out.out)")
        let junit = try #require(Gate.text(s.path("j.xml")))
        var bySuite: [String: Set<String>] = [:]
        var suite = ""
        for line in junit.split(separator: "\n") {
            if let r = line.range(of: "<testsuite name=\"") { suite = String(line[r.upperBound...].prefix { $0 != "\"" }) }
            if let r = line.range(of: "classname=\"") { bySuite[suite, default: []].insert(String(line[r.upperBound...].prefix { $0 != "\"" })) }
        }
        let classnames = ids.map { bySuite[$0] ?? [] }
        #expect(classnames.allSatisfy { $0.count == 1 }, "\(bySuite)")
        #expect(Set(classnames.compactMap(\.first)).count == ids.count, "one classname per id: \(classnames)")
        #expect(classnames.compactMap(\.first) == ["s1check.A_1", "s1check.A~_1", "s1check.A~~~_1", "s1check.A~~_1", "s1check.A_~_1", "s1check.A~__1", "s1check.SVT-FOC-0051"])
        #expect(classnames.allSatisfy { $0.allSatisfy { !$0.dropFirst("s1check.".count).contains(".") } })
    }
}

// MARK: 11. Invisible characters

@Suite struct InvisibleCharacterTests {
    /// `SVT-1` and `SVT-1` + U+200B look alike; U+202E reverses what follows it on a line. Inputs refuse
    /// format characters (Unicode Cf) in every text field, as they refuse control characters.
    @Test(arguments: [("\u{200B}", "200B"), ("\u{202E}", "202E"), ("\u{2066}", "2066"), ("\u{FEFF}", "FEFF"), ("\u{00AD}", "00AD"), ("\u{E0041}", "E0041")])
    func formatCharactersInPlanTextAreRefused(_ character: String, _ code: String) throws {
        let s = Scratch()
        s.write("plans/a.plan.json", CLI.goodPlan.replacingOccurrences(of: "OK-1", with: "SVT-1"))
        s.write("plans/b.plan.json", CLI.goodPlan.replacingOccurrences(of: "OK-1", with: "SVT-1\(character)"))
        s.write("plans/c.plan.json", CLI.goodPlan.replacingOccurrences(of: "OK-1", with: "C-1").replacingOccurrences(of: "\"title\": \"t\"", with: "\"title\": \"a\(character)b\""))
        s.write("plans/d.plan.json", CLI.goodPlan.replacingOccurrences(of: "OK-1", with: "D-1").replacingOccurrences(of: "\"m\"", with: "\"m\\u\(code.count == 4 ? code : "DB40\\uDC41")\""))
        let out = try Gate.run(["check", "plans", "--as-of", "2023-06-01"], in: s.url)
        #expect(out.status == 2, "\(out.out)")
        #expect(out.out.contains("plans/b.plan.json:1:8: error: $.id: the plan id contains the invisible format character U+\(code); remove it [input-error]"), "\(out.out)")
        #expect(out.out.contains("plans/c.plan.json:1:") && out.out.contains("$.title: the plan title contains the invisible format character U+\(code); remove it"), "\(out.out)")
        #expect(out.out.contains("plans/d.plan.json:1:") && out.out.contains("$.deviceModels[0].manufacturer: the manufacturer contains the invisible format character U+\(code)"), "\(out.out)")
        #expect(out.out.contains("INPUT ERROR: 1 plan checked"))
        #expect(!out.out.contains(character) && !out.err.contains(character))
    }

    /// What does not come from a plan's text (a file name, an argument) is escaped on the console and
    /// in annotations, never written raw.
    @Test func formatCharactersInNamesAndArgumentsAreEscapedOnTheConsole() throws {
        let s = Scratch()
        s.write("plans/x\u{202E}nosj.plan.json", Gate.failing.with(id: "RLO-1").text)
        s.write("plans/y\u{200B}.plan.json", Gate.failing.with(id: "ZW-1").text)
        for format in ["text", "github"] {
            let out = try Gate.run(["check", "plans", "--as-of", "2023-06-01", "--format", format, "--json", "r.json"], in: s.url)
            #expect(out.status == 1)
            #expect(!out.out.contains("\u{202E}") && !out.out.contains("\u{200B}"), "\(out.out)")
            let rlo = format == "text" ? #"plans/x\xE2\x80\xAEnosj.plan.json:1: error"# : #"::error file=plans/x\u{202E}nosj.plan.json,line=1,"#
            #expect(out.out.contains(rlo), "\(out.out)")
        }
        let json = try String(decoding: Data(contentsOf: s.url.appendingPathComponent("r.json")), as: UTF8.self)
        #expect(!json.contains("\u{202E}") && json.contains(#"plans/x\\xE2\\x80\\xAEnosj.plan.json"#))
        let arg = try Gate.run(["check", "plans", "--as-of", "2023-06-01\u{202E}"], in: s.url)
        #expect(arg.status == 2 && !arg.err.contains("\u{202E}") && arg.err.contains(#"2023-06-01\u{202E}"#), "\(arg.err)")
        // An error message quoting what no text field holds (an unknown key): shown escaped in the
        // console and in the reports people read (Markdown, the job summary, JUnit).
        s.write("k.plan.json", CLI.goodPlan.replacingOccurrences(of: "\"title\"", with: "\"a\u{202E}b\": 1, \"title\""))
        let key = try Gate.run(["check", "k.plan.json", "--as-of", "2023-06-01", "--markdown", "r.md", "--summary", "s.md", "--junit", "j.xml"], in: s.url)
        #expect(key.status == 2 && key.out.contains(#"unknown key "a\u{202E}b""#) && !key.out.contains("\u{202E}"), "\(key.out)")
        for report in ["r.md", "s.md", "j.xml"] {
            let text = try #require(Gate.text(s.path(report)))
            #expect(text.contains(#"unknown key "a\u{202E}b""#) || text.contains(#"unknown key &quot;a\u{202E}b&quot;"#), "\(report)")
            #expect(!text.contains("\u{202E}"), "\(report)")
        }
    }
}

// MARK: 12. init prints only plans check reads

@Suite struct InitValidationTests {
    @Test(arguments: [
        (["--id", " X"], "--id: the plan id has leading or trailing spaces"),
        (["--id", "A\u{1B}[2JB"], "--id: the plan id contains the control character U+001B; remove it"),
        (["--id", "SVT-1\u{200B}"], "--id: the plan id contains the invisible format character U+200B; remove it"),
        (["--id", "X", "--title", "a\u{202E}b"], "--title: the plan title contains the invisible format character U+202E; remove it"),
    ] as [([String], String)])
    func initRefusesWhatCheckWouldRefuse(_ options: [String], _ message: String) throws {
        let s = Scratch()
        let out = try Gate.run(["init", "--phase", "FOC"] + options, in: s.url)
        #expect(out.status == 2, "\(out.out)")
        #expect(out.stdout.isEmpty)
        #expect(out.err.contains("s1check: \(message) (check would refuse the plan, so init prints none)"), "\(out.err)")
        // One message: the title made from the id says nothing more.
        #expect(out.err.split(separator: "\n").count == 1, "\(out.err)")
        #expect(!out.err.contains("\u{1B}") && !out.err.contains("\u{200B}") && !out.err.contains("\u{202E}"))
    }

    @Test func whatInitPrintsCheckReads() throws {
        let s = Scratch()
        let out = try Gate.run(["init", "--phase", "FOC", "--id", "SVT-FOC-0100", "--title", "New\tchange", "--start", "2023-06-01"], in: s.url)
        #expect(out.status == 0, "\(out.err)")
        try InitChoice.made(out.stdout).write(to: s.url.appendingPathComponent("n.plan.json"))
        let check = try Gate.run(["check", "n.plan.json", "--as-of", "2023-06-01"], in: s.url)
        #expect(check.status != 2, "\(check.out)")
    }
}
