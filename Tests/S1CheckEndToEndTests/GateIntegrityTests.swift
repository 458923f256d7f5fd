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
        s.write("bad.plan.json", Gate.failing("BAD-1"))
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
        #expect(out.seconds < Gate.bound(release: 2), "\(out.seconds) s")
        #expect(out.out.contains("PASS with warnings: 1 plan checked"), "\(out.out.suffix(400))")
        #expect(out.out.contains("; \(n - 1) findings waived"), "\(out.out.suffix(400))")
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
        #expect(out.seconds < Gate.bound(release: 2), "\(out.seconds) s")
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
        s.write("q.plan.json", #"{"id": "U-2", "title": "t", "phase": "FOC", "tbrd": "1.24", "deviceModels": [{"type": "ESME", "manufacturer": "m", "model": "x", "firmware": "1"}], "artefacts": [{"document": "Widget Spec", "version": "1.0"}, {"document": "Gadget Spec", "version": "1.0"}], "waivers": [{"rule": "unknown-document", "reason": "any"}, {"rule": "unknown-document", "document": "widget  SPEC", "reason": "this one"}]}"#)
        let own = try Gate.run(["check", "q.plan.json", "--as-of", "2023-06-01"], in: s.url)
        #expect(own.status == 1)
        #expect(own.out.contains("(waived fail: this one) [unknown-document]"), "\(own.out)")
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
