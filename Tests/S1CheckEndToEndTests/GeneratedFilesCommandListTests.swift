import Foundation
import Testing
import S1CheckReports
import S1CheckTestSupport
@testable import s1check

/// Docs that cannot drift from the code (issue 27.10): the README's command block is the command list of
/// `s1check --help`, every usage line a docs/ page quotes is the table's, and every `formatVersion` the
/// docs name is the JSON report's. The tests only check, with the edits the generator makes
/// (`Generated`); `swift run s1check-generate` rewrites them.
@Suite struct GeneratedFilesCommandListTests {
    static func read(_ path: String) throws -> String {
        try String(contentsOf: CLI.packageRoot.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func theReadmeCommandBlockIsTheCommandList() throws {
        let readme = try Self.read("README.md")
        #expect(try Generated.readme(readme, commandList: Help.commandList) == readme,
                "\(Generated.stale("README.md", "its command block is not the command list of s1check --help"))")
    }

    /// Every usage line a docs/ page quotes (`s1check fix PATH... [--baseline FILE] ...`) is the table's.
    @Test func everyUsageLineInTheDocsIsTheTables() throws {
        var usage: [String: String] = [:]
        for (words, spec) in CommandTableTests.all { usage[words.joined(separator: " ")] = Help.usageLine(spec, words: words) }
        let docs = try FileManager.default.contentsOfDirectory(atPath: CLI.packageRoot.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.map { "docs/" + $0 }
        var quoted = 0
        for path in docs {
            let text = try Self.read(path)
            let generated = Generated.usageLines(in: text, path: path, usage: usage)
            for line in generated.unknown { Issue.record("\(line)") }
            quoted += generated.quoted
            if generated.text != text {
                let line = Generated.firstDifference(Array(text.utf8), Array(generated.text.utf8))
                Issue.record("\(path):\(line): the usage line is not the table's: \(Generated.stale(path))")
            }
        }
        #expect(quoted >= 1, "docs/plans.md quotes fix's usage")
    }

    /// docs/ name the JSON report's formatVersion as it is (docs/reports.md said 1.2 while reports said 1.3).
    @Test func theDocsNameTheRealFormatVersion() throws {
        var named = 0
        for path in Generated.formatVersionFiles {
            let text = try Self.read(path)
            let generated = Generated.formatVersions(in: text, version: JSONReport.formatVersion)
            named += generated.named
            #expect(generated.text == text, "\(Generated.stale(path, "it names a formatVersion other than \(JSONReport.formatVersion), which reports write"))")
        }
        #expect(named >= 2, "docs/reports.md and docs/coverage.md name it")
    }
}
