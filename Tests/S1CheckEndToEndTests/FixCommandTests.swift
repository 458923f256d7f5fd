import Foundation
import Testing
import S1CheckCore
import S1CheckTestSupport

/// `s1check fix` through the real binary: the patch, `--write`, what a fix leaves for a person, and the
/// files it refuses to touch.
@Suite struct FixCommandTests {
    static let fixture125 = CLI.packageRoot.appendingPathComponent(CLI.fixture("Baselines/tbrd-1.25.baseline.json")).path

    /// Every file under `dir`, by relative path.
    static func files(_ dir: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for rel in try FileManager.default.subpathsOfDirectory(atPath: dir.path) {
            let u = dir.appendingPathComponent(rel)
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: u.path, isDirectory: &isDir), !isDir.boolValue { out[rel] = try Data(contentsOf: u) }
        }
        return out
    }

    static func copy(_ from: URL, to: URL) throws {
        try? FileManager.default.removeItem(at: to)
        try FileManager.default.copyItem(at: from, to: to)
    }

    /// (file, subject) of every non-waived artefact-version fail `check` finds, from its JSON report.
    static func artefactFails(in dir: URL, plans: String, baseline: String?) throws -> Set<String> {
        let report = dir.appendingPathComponent("report.json")
        _ = try CLI.run(["check", plans, "--json", report.path] + (baseline.map { ["--baseline", $0] } ?? []), in: dir)
        let json = try CLI.json(report)
        var out: Set<String> = []
        for p in json["plans"] as! [[String: Any]] {
            for f in p["findings"] as! [[String: Any]] where f["rule"] as? String == "artefact-version" && f["status"] as? String == "fail" {
                out.insert("\(p["file"] as! String) \(f["subject"] as! String)")
            }
        }
        return out
    }

    /// (file, subject) of every note `fix` printed: "FILE:LINE: note: SUBJECT at …".
    static func notes(_ stderr: String) -> Set<String> {
        Set(stderr.split(separator: "\n").compactMap { line -> String? in
            guard let r = line.range(of: ": note: ") else { return nil }
            let file = line[..<r.lowerBound].split(separator: ":").dropLast().joined(separator: ":")
            let message = line[r.upperBound...]
            guard let at = message.range(of: " at ") else { return nil }
            return "\(file) \(message[..<at.lowerBound])"
        })
    }

    /// The whole cycle on a folder of plans: the patch applies with git apply and gives what --write
    /// writes; a second fix has nothing to do; the plans then check with no artefact-version fail but those
    /// the fix listed; every plan the fix did not change is byte-identical.
    func cycle(_ original: URL, baseline: String? = nil, expectChanges: Bool = true, confirm: Bool = false,
               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let s = Scratch()
        let viaPatch = s.url.appendingPathComponent("patched"), viaWrite = s.url.appendingPathComponent("written")
        try Self.copy(original, to: viaPatch.appendingPathComponent("plans"))
        try Self.copy(original, to: viaWrite.appendingPathComponent("plans"))
        let b = (baseline.map { ["--baseline", $0] } ?? []) + (confirm ? ["--confirm-tbrd"] : [])

        let diff = try CLI.run(["fix", "plans"] + b, in: viaPatch)
        #expect(diff.status == (expectChanges ? 1 : 0), "\(diff.stderr)", sourceLocation: sourceLocation)
        #expect(try Self.files(viaPatch) == (try Self.files(viaWrite)), "fix without --write changed a file", sourceLocation: sourceLocation)
        if ExternalTool.git.shouldRun && !diff.stdout.isEmpty {
            let check = try ExternalTool.git.run(["apply", "--check", "-"], input: Array(diff.stdout.utf8), in: viaPatch)
            #expect(check.status == 0, "\(check.err)", sourceLocation: sourceLocation)
            _ = try ExternalTool.git.run(["apply", "--whitespace=nowarn", "-"], input: Array(diff.stdout.utf8), in: viaPatch)
        }

        let write = try CLI.run(["fix", "plans", "--write"] + b, in: viaWrite)
        #expect(write.status == 0, "\(write.stderr)", sourceLocation: sourceLocation)
        #expect(write.stderr.split(separator: "\n").filter { $0.contains(": note: ") } == diff.stderr.split(separator: "\n").filter { $0.contains(": note: ") },
                sourceLocation: sourceLocation)
        let before = try Self.files(original), after = try Self.files(viaWrite.appendingPathComponent("plans"))
        if ExternalTool.git.shouldRun { #expect(try Self.files(viaPatch.appendingPathComponent("plans")) == after, "git apply of the patch differs from --write", sourceLocation: sourceLocation) }
        let written = Set(write.stdout.split(separator: "\n").map { $0.split(separator: ":")[0].dropFirst("fixed plans/".count) }.map(String.init))
        // (Lines as bytes: in a String a CRLF is one character.)
        let patched = diff.stdout.utf8.split(separator: 0x0A).filter { $0.starts(with: "--- a/plans/".utf8) }
        #expect(written.count == patched.count, sourceLocation: sourceLocation)
        for (name, bytes) in before where !written.contains(name) {
            #expect(after[name] == bytes, "\(name) was not fixed but changed", sourceLocation: sourceLocation)
        }

        let again = try CLI.run(["fix", "plans"] + b, in: viaWrite)
        #expect(again.status == 0 && again.stdout.isEmpty, "a second fix: \(again.stdout)", sourceLocation: sourceLocation)
        #expect(again.stderr.contains("s1check fix: nothing to fix in"), sourceLocation: sourceLocation)

        let fails = try Self.artefactFails(in: viaWrite, plans: "plans", baseline: baseline)
        #expect(fails.isSubset(of: Self.notes(write.stderr)), "artefact-version fails the fix did not list: \(fails.subtracting(Self.notes(write.stderr)))", sourceLocation: sourceLocation)
    }

    @Test func theSamplePlans() throws {
        try cycle(CLI.packageRoot.appendingPathComponent("Plans"))
        try cycle(CLI.packageRoot.appendingPathComponent("Plans"), baseline: Self.fixture125)
        try cycle(CLI.packageRoot.appendingPathComponent("Plans"), baseline: Self.fixture125, confirm: true)
    }

    /// Generated plans of every shape (property test through the binary).
    @Test func generatedPlans() throws {
        let s = Scratch()
        var rng = SplitMix(seed: 2020)
        for i in 0..<200 { s.write("gen/p\(i).plan.json", PlanGenerator.plan(i, &rng)) }
        try cycle(s.url.appendingPathComponent("gen"))
        try cycle(s.url.appendingPathComponent("gen"), confirm: true)
    }

    @Test func whatTheSamplePlansGet() throws {
        let s = Scratch()
        try Self.copy(CLI.packageRoot.appendingPathComponent("Plans"), to: s.url.appendingPathComponent("Plans"))
        let diff = try CLI.run(["fix", "Plans", "--baseline", Self.fixture125], in: s.url)
        #expect(diff.stdout.hasPrefix("--- a/Plans/foc/SVT-FOC-0042-duis-read-tariff.plan.json\n+++ b/Plans/foc/SVT-FOC-0042-duis-read-tariff.plan.json\n@@ -32,7 +32,7 @@\n"), "\(diff.stdout)")
        #expect(diff.stdout.contains("-      \"version\": \"5.1\"\n+      \"version\": \"5.2\"\n"))
        #expect(diff.stderr.contains("Plans/foc/SVT-FOC-0080-old-tbrd.plan.json:43: note: Appendix AD at 5.0 (line 43) and 5.1 (line 47): declared more than once; the relevant version is 5.2: choose which declaration to keep\n"))
        #expect(diff.stderr.contains("s1check fix: 7 versions to fix in 5 of 11 plans; nothing was written (run with --write to apply the diff); 12 declarations are left for a person (the notes above)\n"), "\(diff.stderr)")
        // The output ends with what a person still has to do: tbrd is theirs to re-confirm.
        #expect(diff.stderr.hasSuffix("""
            Still for a person to do (s1check fix does not decide these; the notes above say where):
              - re-confirm 11 plans against TBRD 1.25 (their tbrd is older), then record it with s1check fix --confirm-tbrd
              - choose which declaration to keep for 1 document declared more than once

            """), "\(diff.stderr)")
        #expect(diff.stderr.contains("Plans/moc/SVT-MOC-0017-mmc-drift.plan.json:6: note: TBRD 1.24: the baseline is TBRD 1.25; left as it is: re-confirm the plan against TBRD 1.25, then record it with s1check fix --confirm-tbrd\n"))
        #expect(!diff.stdout.contains("\"tbrd\""), "fix raised tbrd without --confirm-tbrd")
        let write = try CLI.run(["fix", "Plans", "--baseline", Self.fixture125, "--write"], in: s.url)
        #expect(write.stdout.contains("fixed Plans/moc/SVT-MOC-0017-mmc-drift.plan.json: Appendix AF 5.0 → 5.1 (line 35); Appendix AD 5.1 → 5.2 (line 39)\n"), "\(write.stdout)")
        #expect(write.stderr.contains("s1check fix: fixed 7 versions in 5 of 11 plans; 12 declarations are left"))
        let confirmed = try CLI.run(["fix", "Plans", "--baseline", Self.fixture125, "--write", "--confirm-tbrd"], in: s.url)
        #expect(confirmed.stdout.contains("fixed Plans/moc/SVT-MOC-0017-mmc-drift.plan.json: TBRD 1.24 → 1.25 (line 6)\n"), "\(confirmed.stdout)")
        #expect(confirmed.stderr.contains("s1check fix: fixed 11 versions in 11 of 11 plans; 1 declaration is left"), "\(confirmed.stderr)")
    }

    /// Side by side: listed with the choices on standard error, the plan unchanged, exit 0.
    @Test func sideBySideVersionsAreListed() throws {
        let s = Scratch()
        s.write("b.json", try #require(RuleExample.baselineText(["8": #""annexA": "3.2""#])))
        let plan = RuleExample.planText(["artefacts": #"[{"document": "GBCS", "version": "2.0"}, {"document": "CHTS", "version": "1.3.1"}]"#])
        s.write("p.plan.json", plan)
        let out = try CLI.run(["fix", "p.plan.json", "--baseline", "b.json", "--write"], in: s.url)
        #expect(out.status == 0 && out.stdout.isEmpty)
        #expect(out.stderr.contains("p.plan.json:9: note: Schedule 8 at 2.0: relevant versions are 3.2, 4.0, 4.1: choose one\n"), "\(out.stderr)")
        #expect(out.stderr.contains("p.plan.json:9: note: Schedule 10 at 1.3.1: relevant versions are 1.0, 1.1, 1.2, 1.3, 1.4, 1.5: choose one\n"))
        #expect(out.stderr.contains("s1check fix: nothing to fix in 1 plan; 2 declarations are left for a person"))
        #expect(out.stderr.hasSuffix("  - choose the version for 2 declarations with versions side by side: the one the device models tested need\n"))
        #expect(try String(contentsOfFile: s.path("p.plan.json"), encoding: .utf8) == plan)
    }

    /// CRLF, tabs and a version prefix survive; the permissions are kept.
    @Test func crlfAndPermissionsAreKept() throws {
        let s = Scratch()
        let plan = "{\r\n\t\"id\": \"CR-1\",\"title\": \"t\",\r\n\t\"phase\": \"MOC\", \"tbrd\": \"v1.23\",\r\n\t\"deviceModels\": [{\"type\": \"ESME\", \"manufacturer\": \"m\", \"model\": \"x\", \"firmware\": \"1\"}],\r\n"
            + "\t\"artefacts\": [ {\"document\": \"DUIS\", \"version\": \"Version 4.0\"} ]\r\n}"
        let path = s.write("cr.plan.json", plan)
        #expect(chmod(path, 0o640) == 0)
        let out = try CLI.run(["fix", "cr.plan.json", "--write", "--confirm-tbrd"], in: s.url)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout == "fixed cr.plan.json: TBRD v1.23 → v1.24 (line 3); Appendix AD Version 4.0 → Version 5.1 (line 5)\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == plan.replacingOccurrences(of: "v1.23", with: "v1.24").replacingOccurrences(of: "Version 4.0", with: "Version 5.1"))
        var st = stat()
        #expect(stat(path, &st) == 0 && st.st_mode & 0o7777 == 0o640)
        // Nothing is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.url.path) == ["cr.plan.json"])
    }

    static let drifted = RuleExample.planText(["artefacts": #"[{"document": "Appendix AD", "version": "5.0"}]"#])

    /// A read-only plan (refused by its mode bits, which root would otherwise override), a symlinked plan
    /// and a plan with other hard links are left untouched, each with its reason; the other plans are fixed.
    @Test func filesFixRefusesToTouch() throws {
        let s = Scratch()
        let ro = s.write("plans/ro.plan.json", Self.drifted)
        #expect(chmod(ro, 0o444) == 0)
        let target = s.write("elsewhere/target.json", Self.drifted)
        #expect(symlink(target, s.path("plans/link.plan.json")) == 0)
        let hard = s.write("plans/hard.plan.json", Self.drifted)
        #expect(link(hard, s.path("elsewhere/hard-too.json")) == 0)
        let good = s.write("plans/good.plan.json", Self.drifted)
        let out = try CLI.run(["fix", "plans", "--write"], in: s.url)
        #expect(out.status == 2)
        #expect(out.stderr.contains("s1check: plans/ro.plan.json: $: is read-only (mode 0444); s1check fix replaces only plans that may be written: make it writable (chmod u+w) to fix it\n"), "\(out.stderr)")
        #expect(out.stderr.contains("s1check: plans/link.plan.json: $: is a symlink (to \(target)); s1check fix never changes a file through a symlink, nor replaces the link: give the file it leads to\n"))
        #expect(out.stderr.contains("s1check: plans/hard.plan.json: $: has 2 hard links; replacing it would leave its other names with the old content, so s1check fix leaves it as it is\n"))
        #expect(out.stdout == "fixed plans/good.plan.json: Appendix AD 5.0 → 5.1 (line 9)\n")
        for path in [ro, target, hard] { #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.drifted, "\(path)") }
        #expect(try String(contentsOfFile: good, encoding: .utf8) == Self.drifted.replacingOccurrences(of: "5.0", with: "5.1"))
        var st = stat()
        #expect(lstat(s.path("plans/link.plan.json"), &st) == 0 && st.st_mode & S_IFMT == S_IFLNK)
        // Without --write a read-only plan still gets its diff; a symlink does not (the patch would not apply to it).
        let diff = try CLI.run(["fix", "plans/ro.plan.json", "plans/link.plan.json"], in: s.url)
        #expect(diff.status == 2 && diff.stdout.hasPrefix("--- a/plans/ro.plan.json\n") && !diff.stdout.contains("link.plan.json"))
    }

    /// A file that does not decode as a plan is an input error at its line and column; nothing is written
    /// to it, and the other plans are still fixed.
    @Test func aFileThatIsNotAPlanIsNeverWritten() throws {
        let s = Scratch()
        let bad = s.write("plans/bad.plan.json", "{\n  \"id\": \"B-1\",\n  \"tbrd\": \"1.23\",\n  \"artefact\": []\n}\n")
        let good = s.write("plans/good.plan.json", Self.drifted)
        let out = try CLI.run(["fix", "plans", "--write"], in: s.url)
        #expect(out.status == 2)
        #expect(out.stderr.contains("s1check: plans/bad.plan.json:4:3: $.artefact: unknown key \"artefact\" (did you mean \"artefacts\"?)"), "\(out.stderr)")
        #expect(try String(contentsOfFile: bad, encoding: .utf8).contains("\"tbrd\": \"1.23\""))
        #expect(try String(contentsOfFile: good, encoding: .utf8).contains("\"5.1\""))
        #expect(out.stderr.hasSuffix("s1check fix: fixed 1 version in 1 of 2 plans; 4 errors (above)\n"), "\(out.stderr)")
    }

    /// A plan changed between the read and the rename (the test-only pause of S1CHECK_TEST_FIX_PAUSE) is
    /// left as it now is, with the reason, and no temporary file stays beside it.
    @Test func aPlanChangedMidRunIsLeftAlone() throws {
        let s = Scratch()
        let plan = s.write("plans/p.plan.json", Self.drifted)
        let hook = s.url.appendingPathComponent("hook")
        try FileManager.default.createDirectory(at: hook, withIntermediateDirectories: true)
        let paused = try Marker(path: hook.appendingPathComponent("paused").path)
        let p = CLI.process(["fix", "plans", "--write"], in: s.url, env: ["S1CHECK_TEST_FIX_PAUSE": hook.path])
        let err = Pipe(), out = Pipe()
        p.standardError = err
        p.standardOutput = out
        _ = ExitSignal(p, also: paused.hangUp)
        try p.run()
        #expect(paused.wait(timeout: 30)?.isEmpty == false, "fix never paused before its rename")
        let edited = Self.drifted.replacingOccurrences(of: "Example plan", with: "Edited meanwhile")
        try Data(edited.utf8).write(to: URL(fileURLWithPath: plan))
        FileManager.default.createFile(atPath: hook.appendingPathComponent("resume").path, contents: Data())
        p.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(p.terminationStatus == 2)
        #expect(stderr.contains("s1check: plans/p.plan.json: changed since s1check read it ("), "\(stderr)")
        #expect(stderr.contains("so it is left as it is: run s1check fix again"))
        #expect(try String(contentsOfFile: plan, encoding: .utf8) == edited)
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.path("plans")) == ["p.plan.json"])
    }

    /// Each rule example's fixed form through the binary: `fix --write --confirm-tbrd` on the example's
    /// plan leaves the plan the example states (SwiftLint's `corrections:`), and an example with none is
    /// left byte for byte.
    @Test func theFixedFormOfEachExample() throws {
        let s = Scratch()
        for fixture in ExampleFixture.all {
            let name = "\(fixture.rule.id)-\(fixture.example.name).plan.json"
            let original = RuleExample.planText(fixture.example.plan)
            let path = s.write(name, original)
            // (A registry plays no part in a fix: `fix` takes none.)
            let extra = fixture.baselineFile.map { ["--baseline", CLI.packageRoot.appendingPathComponent($0).path] } ?? []
            let out = try CLI.run(["fix", path, "--write", "--confirm-tbrd"] + extra)
            #expect(out.status == 0, "\(fixture): \(out.stderr)")
            let now = try String(contentsOfFile: path, encoding: .utf8)
            #expect(now == fixture.example.fixed.map { RuleExample.planText($0) } ?? original, "\(fixture)")
        }
    }

    /// `fix ../plans` and `fix /abs/plans` print a patch that applies: plans outside the folder fix ran in
    /// are named from the root (git apply and patch refuse `..` and `a//abs`), and standard error says to
    /// apply it from there. Plans inside it stay named from it.
    @Test func aPatchForPlansElsewhereApplies() throws {
        let s = Scratch()
        s.write("plans/p.plan.json", Self.drifted)
        try FileManager.default.createDirectory(at: s.url.appendingPathComponent("work"), withIntermediateDirectories: true)
        let root = URL(fileURLWithPath: "/")
        for argument in ["../plans", s.path("plans")] {
            let out = try CLI.run(["fix", argument], in: s.url.appendingPathComponent("work"))
            #expect(out.status == 1, "\(out.stderr)")
            let real = try #require(realpath(s.path("plans"), nil).map { p in defer { free(p) }; return String(cString: p) })
            #expect(out.stdout.hasPrefix("--- a\(real)/p.plan.json\n+++ b\(real)/p.plan.json\n"), "\(out.stdout)")
            #expect(out.stderr.contains("apply it from / (cd / && git apply, or patch -p1 -d /)"), "\(out.stderr)")
            if ExternalTool.git.shouldRun {
                let check = try ExternalTool.git.run(["apply", "--check", "-"], input: Array(out.stdout.utf8), in: root)
                #expect(check.status == 0, "\(argument): \(check.err)")
            }
            if ExternalTool.patch.shouldRun {
                let dry = try ExternalTool.patch.run(["-p1", "--dry-run", "-d", "/"], input: Array(out.stdout.utf8))
                #expect(dry.status == 0, "\(argument): \(dry.out) \(dry.err)")
            }
        }
        // Inside the working folder: named from it, `./` and `x/../` resolved.
        let inside = try CLI.run(["fix", "./plans/../plans"], in: s.url)
        #expect(inside.stdout.hasPrefix("--- a/plans/p.plan.json\n"), "\(inside.stdout)")
        #expect(!inside.stderr.contains("apply it from /"))
    }

    /// Runs `fix plans --write` in `dir` paused at the `at`th plan written (the test hook), and returns the
    /// running process once it is paused there (waiting on the `paused` file, not on a clock).
    static func pausedFix(in dir: URL, at: Int, extra: [String] = []) throws -> Process {
        let hook = dir.appendingPathComponent("hook-\(at)")
        try FileManager.default.createDirectory(at: hook, withIntermediateDirectories: true)
        let paused = try Marker(path: hook.appendingPathComponent("paused").path)
        let p = CLI.process(["fix", "plans", "--write"] + extra, in: dir,
                            env: ["S1CHECK_TEST_FIX_PAUSE": hook.path, "S1CHECK_TEST_FIX_PAUSE_AT": "\(at)"])
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        // Woken by the pause (the plan's path written into the marker) or by the exit, whichever comes first.
        _ = ExitSignal(p, also: paused.hangUp)
        try p.run()
        #expect(paused.wait(timeout: 120)?.isEmpty == false, "fix never reached plan \(at)")
        return p
    }

    static func leftovers(_ dir: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".s1check-") }
    }

    /// An interrupted `fix --write` leaves no temporary file, however many plans it rewrote before (the
    /// cleanup's slots are reused: they were 64, never reused), whatever the signal; one left by a
    /// SIGKILL is removed by the next `fix --write`, and a plan named like one is never touched.
    @Test(arguments: [SIGTERM, SIGINT, SIGHUP])
    func anInterruptedFixLeavesNoTemporaryFile(_ signal: Int32) throws {
        let s = Scratch()
        for i in 0..<100 { s.write("plans/p\(String(format: "%03d", i)).plan.json", Self.drifted) }
        let p = try Self.pausedFix(in: s.url, at: 90)
        #expect(try Self.leftovers(s.path("plans")).count >= 1, "the paused plan's temporary file is there")
        kill(p.processIdentifier, signal)
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal && p.terminationStatus == signal)
        #expect(try Self.leftovers(s.path("plans")) == [])
    }

    @Test func aKilledFixIsCleanedUpByTheNext() throws {
        let s = Scratch()
        for i in 0..<10 { s.write("plans/p\(i).plan.json", Self.drifted) }
        // A plan named like a temporary file of a process that is gone: an input, never removed.
        let decoy = s.write("plans/.p1.plan.json.s1check-tmp-999999-0badcafe.plan.json", Self.drifted)
        let p = try Self.pausedFix(in: s.url, at: 5)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        let left = try Self.leftovers(s.path("plans")).filter { !$0.hasSuffix(".plan.json") }
        #expect(left.count == 1, "\(left)")
        let again = try CLI.run(["fix", "plans", "--write"], in: s.url)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Self.leftovers(s.path("plans")) == [".p1.plan.json.s1check-tmp-999999-0badcafe.plan.json"])
        #expect(FileManager.default.fileExists(atPath: decoy))
    }

    /// A hard link made, or write permission taken away, while the run is under way (between the read and
    /// the rename) is seen just before the rename: the plan is left as it is, its links and mode intact.
    @Test func linksAndModesAreCheckedAgainBeforeTheRename() throws {
        for change in ["link", "chmod"] {
            let s = Scratch()
            let plan = s.write("plans/p.plan.json", Self.drifted)
            let p = try Self.pausedFix(in: s.url, at: 1)
            if change == "link" { #expect(link(plan, s.path("other-name.json")) == 0) } else { #expect(chmod(plan, 0o444) == 0) }
            FileManager.default.createFile(atPath: s.url.appendingPathComponent("hook-1/resume").path, contents: Data())
            p.waitUntilExit()
            #expect(p.terminationStatus == 2, "\(change)")
            #expect(try String(contentsOfFile: plan, encoding: .utf8) == Self.drifted, "\(change)")
            var st = stat()
            #expect(stat(plan, &st) == 0)
            if change == "link" {
                #expect(try st.st_nlink == 2 && (String(contentsOfFile: s.path("other-name.json"), encoding: .utf8)) == Self.drifted)
            } else {
                #expect(st.st_mode & 0o7777 == 0o444)
            }
            #expect(try Self.leftovers(s.path("plans")) == [])
        }
    }

    /// A plan reached through a symlinked folder inside the folder named lies outside every path given:
    /// `fix --write` refuses it (the diff still shows it); naming that folder writes it.
    @Test func aWriteGoesOnlyWhereTheUserPointed() throws {
        let s = Scratch()
        let elsewhere = s.write("elsewhere/far.plan.json", Self.drifted)
        let near = s.write("plans/near.plan.json", Self.drifted)
        #expect(symlink(s.path("elsewhere"), s.path("plans/shared")) == 0)
        let out = try CLI.run(["fix", "plans", "--write"], in: s.url)
        #expect(out.status == 2)
        let real = try #require(realpath(elsewhere, nil).map { p in defer { free(p) }; return String(cString: p) })
        #expect(out.stderr.contains("s1check: plans/shared/far.plan.json: $: is reached through a symlinked folder and lies outside every path given (it is \(real)); s1check fix --write writes only where it was pointed: give that file or its folder to fix it\n"), "\(out.stderr)")
        #expect(try String(contentsOfFile: elsewhere, encoding: .utf8) == Self.drifted)
        #expect(try String(contentsOfFile: near, encoding: .utf8) != Self.drifted)
        let named = try CLI.run(["fix", "plans/shared", "--write"], in: s.url)
        #expect(named.status == 0, "\(named.stderr)")
        #expect(try String(contentsOfFile: elsewhere, encoding: .utf8) != Self.drifted)
    }

    /// Extended attributes and ACLs are kept (docs/robustness.md): `fix --write` copies every one onto
    /// the new plan before the rename. A file system that holds none has none to lose: skipped there.
    @Test func extendedAttributesAndACLsAreKept() throws {
        let s = Scratch()
        let plan = s.write("plans/p.plan.json", Self.drifted)
        // A POSIX ACL as the kernel stores it: user::rw-, user:1234:r--, group::r--, mask::r--, other::---.
        var acl: [UInt8] = [2, 0, 0, 0]
        for (tag, perm, id) in [(1, 6, UInt32.max), (2, 4, 1234), (4, 4, UInt32.max), (0x10, 4, UInt32.max), (0x20, 0, UInt32.max)] as [(UInt16, UInt16, UInt32)] {
            acl += [UInt8(tag & 0xFF), UInt8(tag >> 8), UInt8(perm & 0xFF), UInt8(perm >> 8)] + (0..<4).map { UInt8((id >> (8 * $0)) & 0xFF) }
        }
        let attributes: [(String, [UInt8])] = [("user.s1check-test", Array("kept".utf8)), ("system.posix_acl_access", acl)]
        for (name, value) in attributes where testSetxattr(plan, name, value, value.count, 0) != 0 {
            #expect(!ExternalTool.inCI, "cannot set \(name) on the scratch folder's file system: errno \(errno)")
            return
        }
        let out = try CLI.run(["fix", "plans", "--write"], in: s.url)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(try String(contentsOfFile: plan, encoding: .utf8) != Self.drifted)
        for (name, value) in attributes {
            var got = [UInt8](repeating: 0, count: 256)
            let n = testGetxattr(plan, name, &got, got.count)
            #expect(n >= 0 && Array(got[..<max(n, 0)]) == value, "\(name) was not kept")
        }
    }

    @Test func commandLine() throws {
        let help = try CLI.run(["fix", "--help"])
        #expect(help.status == 0 && help.stdout.hasPrefix("Usage: s1check fix PATH... [--baseline FILE] [--config FILE] [--write] [--confirm-tbrd]"))
        for option in ["baseline", "config", "write", "confirm-tbrd"] { #expect(help.stdout.contains("\n  --\(option) "), "no line explains --\(option)") }
        #expect(try CLI.run(["--help"]).stdout.contains("s1check fix PATH..."))
        let typo = try CLI.run(["fxi", "Plans"])
        #expect(typo.status == 2 && typo.stderr.contains("did you mean fix?"))
        let option = try CLI.run(["fix", "Plans", "--wirte"])
        #expect(option.status == 2 && option.stderr.contains("did you mean --write?"))
        #expect(try CLI.run(["fix"]).status == 2)
        let missing = try CLI.run(["fix", "no/such/folder"])
        #expect(missing.status == 2 && missing.stderr.contains("no/such/folder"))
        let nothing = try CLI.run(["fix", "Plans/foc/SVT-FOC-0042-duis-read-tariff.plan.json"])
        #expect(nothing.status == 0 && nothing.stdout.isEmpty && nothing.stderr == "s1check fix: nothing to fix in 1 plan\n")
        let badBaseline = try CLI.run(["fix", "Plans", "--baseline", "Plans/devices.json"])
        #expect(badBaseline.status == 2 && badBaseline.stderr.contains("Plans/devices.json"))
    }
}

/// `baseline diff` puts each out-of-date row at its line.
@Suite struct BaselineDiffLineTests {
    @Test func outOfDateRowsHaveTheirLine() throws {
        let out = try CLI.run(["baseline", "diff", "@embedded", FixCommandTests.fixture125, "--plans", "Plans", "--format", "json"])
        #expect(out.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as! [String: Any]
        let rows = json["outOfDate"] as! [[String: Any]]
        #expect(rows.count > 10)
        for row in rows {
            let file = row["file"] as! String, line = try #require(row["line"] as? Int, "\(row)")
            let lines = try String(contentsOf: CLI.packageRoot.appendingPathComponent(file), encoding: .utf8).components(separatedBy: "\n")
            let near = lines[(line - 1)..<min(lines.count, line + 3)].joined(separator: "\n")
            if row["artefact"] as? String == "TBRD" { #expect(lines[line - 1].contains("\"tbrd\"")) }
            #expect(near.contains("\"\(row["declared"] as! String)\""), "\(file):\(line)")
            #expect(Array(row.keys).sorted() == ["artefact", "declared", "expected", "file", "line", "plan", "reason"])
        }
        let text = try CLI.run(["baseline", "diff", "@embedded", FixCommandTests.fixture125, "--plans", "Plans"])
        #expect(text.stdout.contains("Plans/moc/SVT-MOC-0017-mmc-drift.plan.json:37 "))
    }
}

@_silgen_name("setxattr") private func testSetxattr(_ path: UnsafePointer<CChar>, _ name: UnsafePointer<CChar>, _ value: UnsafeRawPointer, _ size: Int, _ flags: Int32) -> Int32
@_silgen_name("getxattr") private func testGetxattr(_ path: UnsafePointer<CChar>, _ name: UnsafePointer<CChar>, _ value: UnsafeMutableRawPointer, _ size: Int) -> Int
