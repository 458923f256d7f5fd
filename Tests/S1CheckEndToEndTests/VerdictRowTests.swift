import Foundation
import Testing
import S1CheckCore
import S1CheckTestSupport

/// Every rule's examples through the binary: the verdict fixtures are generated from the examples (a
/// test checks they are current), and the binary's JSON report, console lines and exit status must agree
/// with the examples and with the library.
@Suite struct VerdictRowTests {
    /// `swift run s1check-generate` rewrites them (and removes those no example makes).
    @Test func verdictFixturesAreCurrent() throws {
        let root = CLI.packageRoot
        var expected: Set<String> = []
        for fixture in ExampleFixture.all {
            for (path, text) in fixture.files {
                expected.insert(path)
                let url = root.appendingPathComponent(path)
                #expect((try? String(contentsOf: url, encoding: .utf8)) == text, "\(Generated.stale(path, "not as \(fixture) makes it"))")
            }
        }
        let onDisk = try FileManager.default.subpathsOfDirectory(atPath: root.appendingPathComponent(ExampleFixture.root).path)
            .filter { $0.hasSuffix(".json") || $0.hasSuffix(".xml") }.map { "\(ExampleFixture.root)/\($0)" }
        #expect(Set(onDisk) == expected, "files under \(ExampleFixture.root) that no example makes: \(Set(onDisk).subtracting(expected).sorted()); run `\(Generated.command)`")
    }

    @Test(arguments: ExampleFixture.all)
    func example(_ fixture: ExampleFixture) throws {
        let scratch = Scratch()
        let plans = fixture.planFiles.map(\.name)
        let extra = fixture.extraArguments
        let out = try CLI.run(["check"] + plans + ["--as-of", "2023-06-01", "--json", scratch.path("r.json")] + extra)
        let report = try CLI.json(scratch.url.appendingPathComponent("r.json"))
        let reported = try #require((report["plans"] as? [[String: Any]])?.first { $0["file"] as? String == fixture.plan })
        let findings = try #require(reported["findings"] as? [[String: Any]])
        let ruleFindings = findings.filter { $0["rule"] as? String == fixture.rule.id }
        #expect(ruleFindings.map { "\($0["status"]!) \($0["message"]!)" } == fixture.example.expected.map { "\($0.status.rawValue) \($0.message)" })

        // The library, run on the same files, makes the same findings and the same exit status.
        var registry: DeviceRegistry?
        if let text = fixture.example.registry { registry = try DeviceRegistryDecoding.decode(file: "r", bytes: Array(text.utf8)) }
        let library = Checker.checkAll(fixture.planFiles, baseline: fixture.resolvedBaseline, registry: registry, asOf: RuleExample.asOf, results: fixture.testResults)
        let mine = try #require(library.first { $0.file == fixture.plan })
        #expect(findings.map { "\($0["check"]!) \($0["status"]!) \($0["message"]!)" } == mine.findings.map { "\($0.check) \($0.status.rawValue) \($0.message)" })
        var outcome = RunOutcome(RunSettings(baseline: fixture.resolvedBaseline, baselineSource: InputDigest(role: "baseline", file: "b", sha256: ""),
                                             registrySource: nil, asOf: RuleExample.asOf, strict: false, keepGoing: false, passedOver: []))
        for r in library { outcome.add(r) }
        outcome.finish(noPlan: library.isEmpty)
        #expect(out.status == outcome.exitCode, "\(out.all)")

        // Each finding that is not a pass is a console line: file:line: label: message [rule].
        for e in fixture.example.expected where e.status != .pass {
            let label = e.status == .fail ? "error" : e.status == .warn ? "warning" : "note"
            let line = out.stdout.split(separator: "\n").first { $0.hasPrefix("\(fixture.plan):") && $0.contains(": \(label): \(e.message)") && $0.hasSuffix("[\(fixture.rule.id)]") }
            #expect(line != nil, "console: \(out.stdout)")
            #expect(line.map { Int($0.split(separator: ":")[1]) != nil } == true, "file:line")
        }
        // A warning fails the run under --strict.
        if fixture.example.expected.contains(where: { $0.status == .warn }) && !fixture.example.expected.contains(where: { $0.status == .fail }) {
            let strict = try CLI.run(["check"] + plans + ["--as-of", "2023-06-01", "--strict"] + extra)
            #expect(strict.status == 1)
        }
    }
}

/// Every bad-input row exits 2 naming the file, the JSON path and the line and column (of the comma, the
/// comment, the value: where the fix goes).
@Suite struct BadInputTests {
    @Test(arguments: [
        ("invalid-json", "$", "expected ',' or '}'", 5),
        ("unknown-key", "$.artefact", "unknown key \"artefact\" (did you mean \"artefacts\"?)", 21),
        ("missing-field", "$", "missing required key \"tbrd\"", 1),
        ("bad-version", "$.artefacts[0].version", "expected the document version as a dotted number", 18),
        ("bad-date", "$.window.start", "real calendar date", 22),
        ("c1-control", "$.title", "contains the control character U+009B", 3),
        ("trailing-comma", "$.artefacts", "trailing comma after the last item of this array; JSON allows none: remove it", 19),
        ("comment", "$.deviceModels[0]", "a comment (//): comments are not allowed in JSON", 11),
        ("lower-case-phase", "$.phase", "found \"moc\" (did you mean \"MOC\"?)", 4),
        ("leading-zero-version", "$.artefacts[0].version", "found \"5.01\": its part \"01\" has a leading zero, and s1check refuses it rather than read it as 5.1", 18),
        ("invisible-id", "$.id", "the plan id contains the invisible format character U+200B; remove it", 2),
        ("bidi-title", "$.title", "the plan title contains the invisible format character U+202E; remove it", 3),
    ])
    func exitsTwoNamingFilePathAndPosition(name: String, path: String, message: String, lineNumber: Int) throws {
        let file = CLI.fixture("BadInput/\(name).plan.json")
        let good = CLI.fixture("Verdicts/artefact-version-drift/plan.plan.json")
        let out = try CLI.run(["check", file, good, "--as-of", "2023-06-01"])
        #expect(out.status == 2)
        let line = out.stdout.split(separator: "\n").first { $0.hasPrefix(file + ":") && $0.hasSuffix("[input-error]") }
        #expect(line != nil, "\(out.all)")
        #expect(line?.contains(": \(path): ") == true)
        #expect(line?.contains(message) == true, "\(line ?? "")")
        let loc = line?.split(separator: ":") ?? []
        #expect(loc.count > 3 && Int(loc[1]) == lineNumber && Int(loc[2]) != nil, "line and column")
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
        let out = try CLI.run(["check", CLI.fixture("Verdicts/artefact-version-pass/plan.plan.json"), "--baseline", baseline])
        #expect(out.status == 2)
        #expect(out.stderr.contains("\(baseline):1:"))
        #expect(out.stderr.contains("$.tbrd.version"))
        #expect(out.stderr.contains("$.documents[1]: Appendix AD is listed twice"))
        let reg = s.write("r.json", #"{"deviceModels": [{"id": "D", "type": "ESME", "manufacturer": "m", "model": "x", "firmware": ["1"], "phases": ["NOC"]}], "combinations": []}"#)
        let r = try CLI.run(["check", CLI.fixture("Verdicts/artefact-version-pass/plan.plan.json"), "--devices", reg])
        #expect(r.status == 2)
        #expect(r.stderr.contains("$.deviceModels[0].phases[0]"))
    }
}
