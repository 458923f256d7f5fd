import Foundation
import Testing
import S1CheckTestSupport

/// The README's main job and the committed example reports.
@Suite struct GoldenReportTests {
    static let mainJob = Generated.mainJob

    /// Every report the README's main command writes, into `folder`.
    static func reportOptions(folder: String) -> [String] { Generated.reportOptions(folder: folder) }

    static let reportNames = Generated.reportNames

    /// The README's main command exactly, run in a working folder of its own with a copy of Plans/: the
    /// evidence pack prints the command, so the reports must be written by the same one.
    static func runMainJob(in s: Scratch) throws -> (output: CLI.Output, reports: URL) {
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("Plans"), to: s.url.appendingPathComponent("Plans"))
        let out = try CLI.run(mainJob + reportOptions(folder: "Reports"), in: s.url)
        return (out, s.url.appendingPathComponent("Reports"))
    }

    @Test func committedReportsAreCurrent() throws {
        let s = Scratch()
        let (out, reports) = try Self.runMainJob(in: s)
        #expect(out.status == 1, "the sample plans include failing plans: \(out.all)")
        for name in Self.reportNames {
            let fresh = try Data(contentsOf: reports.appendingPathComponent(name))
            let committed = try? Data(contentsOf: CLI.packageRoot.appendingPathComponent("Reports/\(name)"))
            #expect(fresh == committed, "\(Generated.stale("Reports/\(name)", "it is what the README's main job writes"))")
        }
    }

    @Test func reRunsAreByteIdentical() throws {
        // The same command twice (the packs print it), each run's reports read before the next replaces them.
        let s = Scratch()
        var runs: [[Data]] = []
        for _ in 0..<2 {
            _ = try CLI.run(Self.mainJob + ["--junit", s.path("r.xml"), "--markdown", s.path("r.md"), "--json", s.path("r.json"), "--html", s.path("r.html")])
            runs.append(try ["xml", "md", "json", "html"].map { try Data(contentsOf: s.url.appendingPathComponent("r.\($0)")) })
        }
        #expect(runs[0] == runs[1])
        #expect(runs[0][3].count > 10_000)
    }

    @Test(.enabled(if: ExternalTool.sha256sum.shouldRun, Comment(rawValue: ExternalTool.sha256sum.skipReason)))
    func markdownDigestsEqualSha256sum() throws {
        let md = try String(contentsOf: CLI.packageRoot.appendingPathComponent("Reports/report.md"), encoding: .utf8)
        let files = try FileManager.default.subpathsOfDirectory(atPath: CLI.packageRoot.appendingPathComponent("Plans").path)
            .filter { $0.hasSuffix(".plan.json") }.map { "Plans/" + $0 } + ["Plans/devices.json", "Plans/scope.json"]
        #expect(files.count >= 9)
        for line in try ExternalTool.sha256sum.run(files, in: CLI.packageRoot).out.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            let digest = String(parts[0]), file = parts[1].trimmingCharacters(in: .whitespaces)
            #expect(md.contains("| \(file.replacingOccurrences(of: "_", with: "&#95;")) | `\(digest)` |"), "\(file)")
        }
    }

    @Test(.enabled(if: ExternalTool.xmllint.shouldRun, Comment(rawValue: ExternalTool.xmllint.skipReason)))
    func committedReportsPassTheRealParsers() throws {
        let xml = try ExternalTool.xmllint.run(["--noout", "--schema", "Tests/Fixtures/Schemas/junit-10.xsd", "Reports/junit.xml"], in: CLI.packageRoot)
        #expect(xml.status == 0, "\(xml.err)")
        if ExternalTool.cmarkGFM.shouldRun {
            let md = try ExternalTool.cmarkGFM.run(["-e", "table", "--validate-utf8", "Reports/report.md"], in: CLI.packageRoot)
            #expect(md.status == 0 && md.out.components(separatedBy: "<table>").count > 10)
        }
    }
}

@Suite struct CommandLineTests {
    @Test(arguments: [["--help"], ["check", "--help"], ["baseline", "--help"], ["baseline", "export", "--help"],
                      ["baseline", "diff", "--help"], ["init", "--help"], ["rules", "--help"], ["explain", "--help"]])
    func helpOnEveryCommand(args: [String]) throws {
        let out = try CLI.run(args)
        #expect(out.status == 0)
        #expect(out.stdout.contains("Usage"))
    }

    /// Every option `check` takes is in its usage line and explained below it.
    @Test func checkHelpNamesEveryOption() throws {
        let help = try CLI.run(["check", "--help"]).stdout
        let usage = help.components(separatedBy: "\n\n")[0]
        for option in ["baseline", "devices", "config", "junit", "markdown", "json", "sarif", "codequality", "summary", "html", "format", "as-of", "strict", "keep-going"] {
            #expect(usage.contains("[--\(option)"), "usage lacks --\(option)")
            #expect(help.contains("\n  --\(option) "), "no line explains --\(option)")
        }
    }

    @Test func versionAndUsageErrors() throws {
        let v = try CLI.run(["--version"])
        #expect(v.status == 0 && v.stdout.contains("s1check 0.3.0") && v.stdout.contains("TBRD v1.24"))
        let none = try CLI.run([])
        #expect(none.status == 2 && none.stderr.contains("Usage") && none.stdout.isEmpty)
        let typo = try CLI.run(["chek", "Plans"])
        #expect(typo.status == 2 && typo.stderr.contains("did you mean check?"))
        let opt = try CLI.run(["check", "Plans", "--jsn", "x.json"])
        #expect(opt.status == 2 && opt.stderr.contains("did you mean --json?"))
        let date = try CLI.run(["check", "Plans", "--as-of", "2023-02-30"])
        #expect(date.status == 2 && date.stderr.contains("--as-of"))
        let nothing = try CLI.run(["check"])
        #expect(nothing.status == 2)
    }

    @Test func noColourWhenPipedOrUnderNO_COLOR() throws {
        let piped = try CLI.run(["check", "Plans", "--as-of", "2023-06-01"])
        #expect(!piped.stdout.contains("\u{1B}["))
        let noColour = try CLI.run(["check", "Plans", "--as-of", "2023-06-01"], env: ["NO_COLOR": "1"])
        #expect(!noColour.stdout.contains("\u{1B}["))
    }

    @Test func summarySaysWhatWasNotChecked() throws {
        let out = try CLI.run(["check", "Plans", "--as-of", "2023-06-01"])
        #expect(out.stdout.contains("device eligibility: not checked (no --devices registry given)"))
        #expect(out.stdout.contains("passed over"))
        #expect(out.stdout.contains("Plans/devices.json"))
        #expect(out.stdout.contains("Plans/schemas/plan.schema.json"))
    }
}

@Suite struct BaselineCommandTests {
    @Test func exportIsTheEmbeddedFileByteForByte() throws {
        let out = try CLI.run(["baseline", "export"])
        #expect(out.status == 0)
        let source = try Data(contentsOf: CLI.packageRoot.appendingPathComponent("Sources/S1CheckCore/Baseline/Data/tbrd-1.24.baseline.json"))
        #expect(Data(out.stdout.utf8) == source)
        let other = try CLI.run(["baseline", "export", "--baseline", CLI.fixture("Baselines/tbrd-1.25.baseline.json")])
        #expect(Data(other.stdout.utf8) == (try Data(contentsOf: CLI.packageRoot.appendingPathComponent(CLI.fixture("Baselines/tbrd-1.25.baseline.json")))))
    }

    @Test func showInEachFormatAndPhase() throws {
        let text = try CLI.run(["baseline"])
        // The origin wraps within its column: "Annex A 5.1, more recent than" / "each version in legal effect" / "(1.1–5.0)".
        #expect(text.status == 0 && text.stdout.contains("\nAppendix AD ") && text.stdout.contains("Annex A 5.1, more recent than") && text.stdout.contains("(1.1–5.0)\n"))
        // No clause restricts AP2 to FOC (TBRD paragraph 2): it is in every phase's baseline.
        let ioc = try CLI.run(["baseline", "--phase", "IOC"])
        #expect(ioc.stdout.contains("Appendix AP2"))
        let foc = try CLI.run(["baseline", "--phase", "foc"])
        #expect(foc.stdout.contains("Appendix AP2"))
        let md = try CLI.run(["baseline", "--format", "markdown"])
        #expect(md.stdout.hasPrefix("# Resolved baseline") && md.stdout.contains("| Appendix AD |"))
        let json = try CLI.run(["baseline", "--format", "json", "--phase", "MOC"])
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let artefacts = parsed["artefacts"] as! [[String: Any]]
        #expect(artefacts.contains { $0["document"] as? String == "Appendix AM" && $0["origin"] as? String == "consultation" })
        #expect(artefacts.contains { $0["document"] as? String == "Appendix AP2" })
        let bad = try CLI.run(["baseline", "--format", "yaml"])
        #expect(bad.status == 2)
    }

    /// A terminal of 100 columns shows the resolved baseline unbroken, for any phase and baseline file;
    /// wrapping keeps every artefact's row and every versioned document.
    @Test(arguments: [nil, "IOC", "MOC", "FOC"])
    func baselineTextFitsAHundredColumns(phase: String?) throws {
        for baseline in [[], ["--baseline", CLI.fixture("Baselines/tbrd-1.25.baseline.json")]] {
            let out = try CLI.run(["baseline"] + baseline + (phase.map { ["--phase", $0] } ?? []))
            #expect(out.status == 0)
            let wide = out.stdout.split(separator: "\n").filter { $0.count > 100 }
            #expect(wide.isEmpty, "lines over 100 columns: \(wide)")
            #expect(!out.stdout.split(separator: "\n").contains { $0.last == " " }, "a line ends in spaces")
            let json = try CLI.run(["baseline", "--format", "json"] + baseline + (phase.map { ["--phase", $0] } ?? []))
            let artefacts = (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any])["artefacts"] as! [[String: Any]]
            let rows = Set(out.stdout.split(separator: "\n").compactMap { line in
                line.first?.isLetter == true ? line.components(separatedBy: "  ").first : nil
            })
            for document in artefacts.compactMap({ $0["document"] as? String }) where !document.hasPrefix("Section") {
                #expect(rows.contains(document), "\(document) has no row")
            }
        }
    }

    @Test func diffAgainstAHandMadeNextTBRD() throws {
        let next = CLI.fixture("Baselines/tbrd-1.25.baseline.json")
        let same = try CLI.run(["baseline", "diff", "@embedded", "@embedded"])
        #expect(same.status == 0 && same.stdout.contains("No changes."))
        let json = try CLI.run(["baseline", "diff", "@embedded", next, "--plans", CLI.fixture("Verdicts"), "--format", "json"])
        #expect(json.status == 1)
        let d = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let changes = (d["changes"] as! [[String: Any]]).map { "\($0["kind"]!) \($0["artefact"]!) \($0["old"]!) \($0["new"]!)" }
        #expect(changes == ["tbrd TBRD 1.24 1.25", "reversioned Appendix AD 5.1 5.2", "consultation-closed Appendix AM 12.0 13.0"])
        let outOfDate = d["outOfDate"] as! [[String: Any]]
        #expect(outOfDate.contains { $0["file"] as? String == CLI.fixture("Verdicts/artefact-version-pass/plan.plan.json") && $0["artefact"] as? String == "Appendix AD" && $0["expected"] as? String == "5.2" })
        #expect(outOfDate.contains { $0["file"] as? String == CLI.fixture("Verdicts/consultation-provisional/plan.plan.json") && $0["artefact"] as? String == "Appendix AM" && $0["expected"] as? String == "13.0" })
        // The drifted plan (AD 5.0) was already out of date; the diff names only what the change moves.
        #expect(!outOfDate.contains { $0["file"] as? String == CLI.fixture("Verdicts/artefact-version-drift/plan.plan.json") && $0["artefact"] as? String == "Appendix AD" })
        let md = try CLI.run(["baseline", "diff", "@embedded", next, "--format", "markdown"])
        #expect(md.stdout.contains("| consultation-closed | Appendix AM | 12.0 | 13.0 |"))
        let missing = try CLI.run(["baseline", "diff", "@embedded", "no-such.json"])
        #expect(missing.status == 2 && missing.stderr.contains("no-such.json"))
    }

    @Test func checkWithTheNextBaselineFailsThePlansThatDrifted() throws {
        let s = Scratch()
        let out = try CLI.run(["check", CLI.fixture("Verdicts/artefact-version-pass/plan.plan.json"), CLI.fixture("Verdicts/consultation-provisional/plan.plan.json"),
                               "--baseline", CLI.fixture("Baselines/tbrd-1.25.baseline.json"), "--as-of", "2023-06-01", "--json", s.path("r.json")])
        #expect(out.status == 1)
        let plans = try CLI.json(s.url.appendingPathComponent("r.json"))["plans"] as! [[String: Any]]
        func status(_ p: [String: Any], _ check: String) -> String? {
            (p["findings"] as! [[String: Any]]).first { $0["check"] as? String == check }?["status"] as? String
        }
        #expect(status(plans[0], "artefact-version · Appendix AD") == "fail")
        #expect(status(plans[1], "artefact-version · Appendix AM") == "fail")
        // An older TBRD issue is a warning: the artefact findings above carry the drift.
        #expect(status(plans[0], "tbrd-version") == "warn")
    }

    @Test(arguments: ["IOC", "MOC", "FOC"])
    func initPrintsAPlanThatChecksCleanOnceADeviceIsAdded(phase: String) throws {
        let out = try CLI.run(["init", "--phase", phase, "--id", "NEW-\(phase)", "--title", "New plan", "--start", "2023-05-01", "--end", "2023-05-20"])
        #expect(out.status == 0)
        // Versions side by side are a person's choice (InitChoiceTests): made here as a person would.
        var plan = try JSONSerialization.jsonObject(with: Data(InitChoice.made(out.stdout).utf8)) as! [String: Any]
        // Every plan init writes has a window, so no rule passes by omission.
        #expect((plan["window"] as? [String: String]) == ["start": "2023-05-01", "end": "2023-05-20"])
        let s = Scratch()
        // As printed (no device yet): the only fail is devices-declared.
        s.write("bare.plan.json", InitChoice.made(out.stdout))
        let bare = try CLI.run(["check", s.path("bare.plan.json"), "--as-of", "2023-06-01"])
        #expect(bare.status == 1)
        #expect(bare.stdout.split(separator: "\n").filter { $0.contains(": error: ") }.allSatisfy { $0.hasSuffix("[devices-declared]") })
        plan["deviceModels"] = [["type": "ESME", "manufacturer": "Example Meters Ltd", "model": "EM-100", "firmware": "4.2.1"]]
        s.write("new.plan.json", Array(try JSONSerialization.data(withJSONObject: plan)))
        let checked = try CLI.run(["check", s.path("new.plan.json"), "--as-of", "2023-06-01"])
        #expect(checked.status == 0, "\(checked.stdout)")
        let warnings = checked.stdout.split(separator: "\n").filter { $0.contains(": warning: ") }
        #expect(!warnings.isEmpty && warnings.allSatisfy { $0.hasSuffix("[consultation]") })
        let missing = try CLI.run(["init", "--id", "X"])
        #expect(missing.status == 2)
        // Without --start, the window is today's date: an IOC plan then meets the IOC cessation.
        let today = try CLI.run(["init", "--phase", phase, "--id", "T"])
        let window = (try JSONSerialization.jsonObject(with: Data(today.stdout.utf8)) as? [String: Any])?["window"] as? [String: String]
        #expect(window?["start"] != nil && window?["start"] == window?["end"])
    }

    /// "Today" (the default window, and --as-of) is the date in the local time zone, TZ included: 26 hours
    /// apart, UTC+14 and UTC-12 never share a date, so a tool that fell back to UTC fails one of them.
    @Test(arguments: ["Pacific/Kiritimati", "Etc/GMT+12"])
    func todayIsTheLocalDate(zone: String) throws {
        func expected() -> String {
            var cal = Calendar(identifier: .gregorian)
            cal.timeZone = TimeZone(identifier: zone)!
            let c = cal.dateComponents([.year, .month, .day], from: Date())
            return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
        }
        let before = expected()
        let r = try CLI.run(["init", "--phase", "FOC", "--id", "T"], env: ["TZ": zone])
        let window = (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])?["window"] as? [String: String]
        #expect([before, expected()].contains(window?["start"] ?? ""), "\(r.all)")
    }
}

/// The plan, baseline and registry JSON Schemas agree with the decoder on every fixture (checked with
/// check-jsonschema, an independent validator).
@Suite(.enabled(if: ExternalTool.checkJSONSchema.shouldRun, Comment(rawValue: ExternalTool.checkJSONSchema.skipReason)))
struct SchemaAgreementTests {
    func validate(_ schema: String, _ files: [String]) throws -> Int32 {
        try ExternalTool.checkJSONSchema.run(["--schemafile", schema] + files, in: CLI.packageRoot).status
    }

    func planFiles(_ dir: String) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: CLI.packageRoot.appendingPathComponent(dir).path)
            .filter { $0.hasSuffix(".plan.json") }.sorted().map { "\(dir)/\($0)" }
    }

    @Test func validInputsPassAndBadInputsFail() throws {
        let good = try planFiles("Plans") + planFiles("Tests/Fixtures/Verdicts")
        #expect(try validate("Plans/schemas/plan.schema.json", good) == 0)
        for bad in try planFiles("Tests/Fixtures/BadInput") {
            #expect(try validate("Plans/schemas/plan.schema.json", [bad]) != 0, "\(bad) should break the schema")
            #expect(try CLI.run(["check", bad]).status == 2)
        }
        #expect(try validate("Plans/schemas/baseline.schema.json", ["Sources/S1CheckCore/Baseline/Data/tbrd-1.24.baseline.json", "Tests/Fixtures/Baselines/tbrd-1.25.baseline.json"]) == 0)
        #expect(try validate("Plans/schemas/devices.schema.json", ["Plans/devices.json", "Tests/Fixtures/Verdicts/device-eligibility-eligible/registry.json"]) == 0)
        #expect(try validate("Plans/schemas/scope.schema.json", ["Plans/scope.json", "Tests/Fixtures/Coverage/scope.json"]) == 0)
    }
}
