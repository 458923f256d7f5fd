import Foundation
import Testing
import S1CheckTestSupport

/// Every row of the README's verdict table, through the binary: the finding in the JSON report, the
/// console line, and the exit status.
@Suite struct VerdictRowTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var fixture: String
        var rule: String
        var status: String
        var check: String
        var exit: Int32
        var extra: [String] = []
        var testDescription: String { "\(fixture): \(rule) \(status)" }
    }

    static let rows: [Row] = [
        Row(fixture: "artefact-version-pass", rule: "artefact-version", status: "pass", check: "artefact-version · Appendix AD", exit: 0),
        Row(fixture: "artefact-version-drift", rule: "artefact-version", status: "fail", check: "artefact-version · Appendix AD", exit: 1),
        Row(fixture: "artefact-version-below-consultation", rule: "artefact-version", status: "fail", check: "artefact-version · Appendix AM", exit: 1),
        Row(fixture: "artefact-version-newer", rule: "artefact-version", status: "warn", check: "artefact-version · Appendix AD", exit: 0),
        Row(fixture: "consultation-provisional", rule: "consultation", status: "warn", check: "consultation · Appendix AM", exit: 0),
        Row(fixture: "consultation-waived", rule: "consultation", status: "waived", check: "consultation · Appendix AM", exit: 0),
        Row(fixture: "unknown-document", rule: "unknown-document", status: "fail", check: "unknown-document · Appendix AZ", exit: 1),
        Row(fixture: "unversioned-document", rule: "unversioned-document", status: "warn", check: "unversioned-document · Schedule 9", exit: 0),
        Row(fixture: "duplicate-document", rule: "duplicate-document", status: "fail", check: "duplicate-document · Appendix AD", exit: 1),
        Row(fixture: "phase-applicability", rule: "phase-applicability", status: "warn", check: "phase-applicability · Appendix AP2", exit: 0),
        Row(fixture: "tbrd-version-older", rule: "tbrd-version", status: "fail", check: "tbrd-version", exit: 1),
        Row(fixture: "tbrd-version-newer", rule: "tbrd-version", status: "warn", check: "tbrd-version", exit: 0),
        Row(fixture: "ioc-cessation", rule: "ioc-cessation", status: "warn", check: "ioc-cessation · Appendix AL", exit: 0),
        Row(fixture: "devices-declared", rule: "devices-declared", status: "fail", check: "devices-declared", exit: 1),
        Row(fixture: "device-eligibility", rule: "device-eligibility", status: "fail",
            check: "device-eligibility · ESME Example Meters Ltd EM-100 firmware 4.2.1", exit: 1,
            extra: ["--devices", CLI.fixture("Verdicts/registry.json")]),
        Row(fixture: "waiver-no-reason", rule: "waiver", status: "fail", check: "waiver · consultation · Appendix AM", exit: 1),
        Row(fixture: "waiver-expired", rule: "waiver", status: "fail", check: "waiver · consultation · Appendix AM", exit: 1),
        Row(fixture: "waiver-unused", rule: "waiver", status: "warn", check: "waiver · artefact-version · Appendix AD", exit: 0),
    ]

    @Test(arguments: rows)
    func row(_ row: Row) throws {
        let scratch = Scratch()
        let file = CLI.fixture("Verdicts/\(row.fixture).plan.json")
        let out = try CLI.run(["check", file, "--as-of", "2023-06-01", "--json", scratch.path("r.json")] + row.extra)
        #expect(out.status == row.exit, "\(out.all)")
        let report = try CLI.json(scratch.url.appendingPathComponent("r.json"))
        let findings = ((report["plans"] as! [[String: Any]])[0]["findings"] as! [[String: Any]])
        let f = findings.first { $0["check"] as? String == row.check }
        #expect(f?["rule"] as? String == row.rule)
        #expect(f?["status"] as? String == row.status, "\(findings.map { "\($0["check"]!) \($0["status"]!)" })")
        if row.status != "pass" {
            let label = row.status == "fail" ? "error" : row.status == "warn" ? "warning" : "note"
            let line = out.stdout.split(separator: "\n").first { $0.hasSuffix("[\(row.rule)]") && $0.contains(": \(label): ") }
            #expect(line?.hasPrefix("\(file):") == true, "console: \(out.stdout)")
            // file:line: — the line number is there and points into the file.
            let parts = line?.split(separator: ":") ?? []
            #expect(parts.count > 2 && Int(parts[1]) != nil)
        }
        if row.status == "warn" {
            let strict = try CLI.run(["check", file, "--as-of", "2023-06-01", "--strict"] + row.extra)
            #expect(strict.status == 1)
        }
    }

    @Test func duplicatePlanIDsFailNamingBothFiles() throws {
        let dir = CLI.fixture("Verdicts/duplicate-plan-id")
        let out = try CLI.run(["check", dir, "--as-of", "2023-06-01"])
        #expect(out.status == 1)
        let lines = out.stdout.split(separator: "\n").filter { $0.hasSuffix("[duplicate-plan-id]") }
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("\(dir)/first.plan.json:2: error:") && lines[0].contains("\(dir)/second.plan.json"))
        #expect(lines[1].hasPrefix("\(dir)/second.plan.json:2: error:") && lines[1].contains("\(dir)/first.plan.json"))
    }
}

/// Every bad-input row exits 2 naming the file, the JSON path and the line and column.
@Suite struct BadInputTests {
    @Test(arguments: [
        ("invalid-json", "$", "expected ',' or '}'"),
        ("unknown-key", "$.artefact", "unknown key \"artefact\" (did you mean \"artefacts\"?)"),
        ("missing-field", "$", "missing required key \"tbrd\""),
        ("bad-version", "$.artefacts[0].version", "expected the document version as a dotted number"),
        ("bad-date", "$.window.start", "real calendar date"),
    ])
    func exitsTwoNamingFilePathAndPosition(name: String, path: String, message: String) throws {
        let file = CLI.fixture("BadInput/\(name).plan.json")
        let good = CLI.fixture("Verdicts/artefact-version-drift.plan.json")
        let out = try CLI.run(["check", file, good, "--as-of", "2023-06-01"])
        #expect(out.status == 2)
        let line = out.stdout.split(separator: "\n").first { $0.hasPrefix(file + ":") && $0.hasSuffix("[input-error]") }
        #expect(line != nil, "\(out.all)")
        #expect(line?.contains(": \(path): ") == true)
        #expect(line?.contains(message) == true, "\(line ?? "")")
        let loc = line?.split(separator: ":") ?? []
        #expect(loc.count > 3 && Int(loc[1]) != nil && Int(loc[2]) != nil, "line and column")
        // One bad plan never hides the others' results.
        #expect(out.stdout.contains("\(good):"))
        #expect(out.stdout.contains("[artefact-version]"))
        // With --keep-going the bad file is a failing plan and the run exits 1.
        let kept = try CLI.run(["check", file, good, "--as-of", "2023-06-01", "--keep-going"])
        #expect(kept.status == 1)
    }

    @Test func badBaselineAndRegistryAreInputErrors() throws {
        let s = Scratch()
        let baseline = s.write("b.json", #"{"tbrd": {"version": "1.x", "date": "2023-05-10", "title": "t", "publisher": "p"}, "sec": "72.0", "svtad": "10.0", "phases": {"IOC": "a", "MOC": "b", "FOC": "c"}, "documents": [{"id": "AD", "kind": "appendix", "title": "x"}, {"id": "AD", "kind": "appendix", "title": "y"}]}"#)
        let out = try CLI.run(["check", CLI.fixture("Verdicts/artefact-version-pass.plan.json"), "--baseline", baseline])
        #expect(out.status == 2)
        #expect(out.stderr.contains("\(baseline):1:"))
        #expect(out.stderr.contains("$.tbrd.version"))
        #expect(out.stderr.contains("$.documents[1]: Appendix AD is listed twice"))
        let reg = s.write("r.json", #"{"deviceModels": [{"id": "D", "type": "ESME", "manufacturer": "m", "model": "x", "firmware": ["1"], "phases": ["NOC"]}], "combinations": []}"#)
        let r = try CLI.run(["check", CLI.fixture("Verdicts/artefact-version-pass.plan.json"), "--devices", reg])
        #expect(r.status == 2)
        #expect(r.stderr.contains("$.deviceModels[0].phases[0]"))
    }
}
