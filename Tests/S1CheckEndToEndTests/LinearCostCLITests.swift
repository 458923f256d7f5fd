import Foundation
import Testing
import S1CheckTestSupport

/// Issue 26, item 5, through the real binary: what `baseline diff` prints, and what `check` asks the
/// allocator for, grow with the input, not with its square. Each test runs an input and one four times
/// larger and compares sizes (bytes printed, bytes allocated), never time.
@Suite struct LinearCostCLITests {
    /// The embedded baseline with Schedule 8 in legal effect at `n` versions (1.0 … 1.999, 2.0 …), its
    /// source quoting each.
    static func baseline(schedule8Versions n: Int) throws -> String {
        let url = CLI.packageRoot.appendingPathComponent("Sources/S1CheckCore/Baseline/Data/tbrd-1.24.baseline.json")
        var root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var documents = try #require(root["documents"] as? [[String: Any]])
        let i = try #require(documents.firstIndex { $0["kind"] as? String == "schedule" && $0["id"] as? String == "8" })
        let versions = (0..<n).map { "\($0 / 1000 + 1).\($0 % 1000)" }
        documents[i]["legalEffect"] = versions
        var sources = try #require(documents[i]["sources"] as? [String: String])
        sources["legalEffect"] = "SEC consolidated text, contents, every version listed: "
            + versions.map { "“Schedule 8: Great Britain Companion Specification Version \($0)”" }.joined(separator: ", ")
        documents[i]["sources"] = sources
        root["documents"] = documents
        return String(decoding: try JSONSerialization.data(withJSONObject: root), as: UTF8.self)
    }

    /// `baseline diff` between one version in legal effect and `n`: each version entering legal effect is
    /// a row, and the versions side by side are listed once, not on every row (two 45 KB baselines printed
    /// 55 MB; 20,000 versions: 320 s and 15.7 GB).
    @Test(arguments: ["text", "markdown", "json"])
    func baselineDiffPrintsInProportionToTheChange(format: String) throws {
        func printed(_ n: Int) throws -> Int {
            let s = Scratch()
            s.write("old.json", try Self.baseline(schedule8Versions: 1))
            s.write("new.json", try Self.baseline(schedule8Versions: n))
            let out = try CLI.run(["baseline", "diff", "old.json", "new.json", "--format", format], in: s.url, timeout: 300)
            #expect(out.status == 1, "\(out.stderr)")
            #expect(out.stderr.isEmpty, "\(out.stderr.prefix(400))")
            // Every entering version is a row.
            #expect(out.stdout.components(separatedBy: "legal-effect-added").count - 1 == n - 1)
            return out.stdout.utf8.count
        }
        let one = try printed(500), four = try printed(2_000)
        #expect(four <= 5 * one, "\(one) bytes printed for 500 versions, \(four) for 2,000")
    }

    /// The rows: the first entering version lists the versions side by side, the others point at it.
    @Test func theVersionsSideBySideAreListedOnce() throws {
        let s = Scratch()
        s.write("old.json", try Self.baseline(schedule8Versions: 1))
        s.write("new.json", try Self.baseline(schedule8Versions: 4))
        let out = try CLI.run(["baseline", "diff", "old.json", "new.json", "--format", "json"], in: s.url)
        #expect(out.status == 1, "\(out.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let details = (json["changes"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "legal-effect-added" }.compactMap { $0["detail"] as? String }
        #expect(details == ["Schedule 8 1.1 enters legal effect, side by side with 1.0, 1.2, 1.3",
                            "Schedule 8 1.2 enters legal effect, side by side with the versions listed on the row of 1.1",
                            "Schedule 8 1.3 enters legal effect, side by side with the versions listed on the row of 1.1"])
    }

    /// The C compiler that builds the allocation counter (Tests/Fixtures/AllocationCounter).
    static let cc = ["cc", "gcc"].lazy.compactMap { name in
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }.first

    /// The bytes `s1check ARGS` asks the allocator for over its run, counted by the preloaded counter.
    static func allocatedBytes(_ args: [String], in s: Scratch) throws -> Int {
        let library = s.path("count-allocations.so")
        if !FileManager.default.fileExists(atPath: library) {
            guard let cc else { throw Missing(what: "a C compiler (cc or gcc) is not installed (not found on PATH)") }
            let p = Process()
            p.executableURL = URL(fileURLWithPath: cc)
            p.arguments = ["-shared", "-fPIC", "-O2", "-o", library,
                           CLI.packageRoot.appendingPathComponent("Tests/Fixtures/AllocationCounter/count-allocations.c").path]
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "cc could not build the allocation counter")
        }
        let countFile = s.path("allocated-\(UUID().uuidString)")
        _ = try CLI.run(args, in: s.url, env: ["LD_PRELOAD": library, "S1CHECK_ALLOCATED_BYTES_FILE": countFile], timeout: 300)
        let text = try String(contentsOfFile: countFile, encoding: .utf8)
        return try #require(Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), "no count in \(countFile)")
    }

    /// One document declared at thousands of distinct versions (issue 15's case, still 19 s at 20,000): the
    /// plan's declarations are grouped without copying a collection on every declaration, which asked the
    /// allocator for the square of the count in all.
    @Test(.enabled(if: cc != nil || ExternalTool.inCI, "no C compiler (cc) to build the allocation counter"))
    func aDocumentAtThousandsOfVersionsIsGroupedInProportion() throws {
        let s = Scratch()
        func allocated(_ n: Int) throws -> Int {
            let artefacts = (0..<n).map { #"{"document": "Appendix AD", "version": "\#($0 / 1000 + 1).\#($0 % 1000)"}"# }
            s.write("p\(n).plan.json", #"{"id": "V-1", "title": "t", "phase": "FOC", "tbrd": "1.24", "deviceModels": [{"type": "ESME", "manufacturer": "m", "model": "x", "firmware": "1"}], "artefacts": ["#
                    + artefacts.joined(separator: ", ") + "]}")
            return try Self.allocatedBytes(["check", "p\(n).plan.json", "--as-of", "2023-06-01"], in: s)
        }
        let one = try allocated(1_000), four = try allocated(4_000)
        #expect(four <= 5 * one, "\(one) bytes allocated for 1,000 versions, \(four) for 4,000")
    }
}
