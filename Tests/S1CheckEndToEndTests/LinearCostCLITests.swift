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
}
