import Foundation
import Testing
import S1CheckReports
import S1CheckTestSupport
@testable import s1check

/// Docs that cannot drift from the code (issue 27.10): the README's command block is the command list of
/// `s1check --help`, every usage line a docs/ page quotes is the table's, and every `formatVersion` the
/// docs name is the JSON report's. `S1CHECK_WRITE_GENERATED=1 swift test --filter GeneratedFiles` (the
/// command that regenerates the schemas' enums) rewrites them.
@Suite struct GeneratedFilesCommandListTests {
    static var writing: Bool { ProcessInfo.processInfo.environment["S1CHECK_WRITE_GENERATED"] == "1" }
    static let regenerate = "run \(GeneratedFile.regenerateCommand)"

    static func read(_ path: String) throws -> String {
        try String(contentsOf: CLI.packageRoot.appendingPathComponent(path), encoding: .utf8)
    }

    static func write(_ path: String, _ text: String) throws {
        try text.write(to: CLI.packageRoot.appendingPathComponent(path), atomically: true, encoding: .utf8)
    }

    /// The README's fenced block under "## Commands", and the text around it.
    static func readmeBlock(_ readme: String) throws -> (before: Substring, block: Substring, after: Substring) {
        let heading = try #require(readme.range(of: "\n## Commands\n"))
        let open = try #require(readme.range(of: "```\n", range: heading.upperBound..<readme.endIndex))
        let close = try #require(readme.range(of: "\n```\n", range: open.upperBound..<readme.endIndex))
        return (readme[..<open.upperBound], readme[open.upperBound..<close.lowerBound], readme[close.lowerBound...])
    }

    @Test func theReadmeCommandBlockIsTheCommandList() throws {
        let readme = try Self.read("README.md")
        let (before, block, after) = try Self.readmeBlock(readme)
        if Self.writing && block != Help.commandList {
            try Self.write("README.md", before + Help.commandList + after)
            return
        }
        #expect(block == Help.commandList, "README.md's command block is not the command list of s1check --help: \(Self.regenerate)")
    }

    /// Every usage line a docs/ page quotes (`s1check fix PATH... [--baseline FILE] ...`) is the table's.
    @Test func everyUsageLineInTheDocsIsTheTables() throws {
        var usage: [String: String] = [:]
        for (words, spec) in CommandTableTests.all { usage[words.joined(separator: " ")] = Help.usageLine(spec, words: words) }
        let docs = try FileManager.default.contentsOfDirectory(atPath: CLI.packageRoot.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.map { "docs/" + $0 }
        var quoted = 0
        for path in docs {
            var lines = try Self.read(path).components(separatedBy: "\n")
            var changed = false
            for (i, line) in lines.enumerated() where line.hasPrefix("s1check ") && line.contains(" [--") {
                // The command: the longest run of words the table names.
                let words = line.split(separator: " ").dropFirst().prefix { !$0.hasPrefix("-") && $0.uppercased() != $0 }
                let name = (0...words.count).reversed().map { words.prefix($0).joined(separator: " ") }.first { usage[$0] != nil }
                guard let name, let expected = usage[name] else {
                    Issue.record("\(path):\(i + 1): no command of the table: \(line)")
                    continue
                }
                quoted += 1
                if line == expected { continue }
                if Self.writing { lines[i] = expected; changed = true; continue }
                Issue.record("\(path):\(i + 1): the usage of \(name) is now\n\(expected)\nnot\n\(line)\n(\(Self.regenerate))")
            }
            if changed { try Self.write(path, lines.joined(separator: "\n")) }
        }
        #expect(quoted >= 1, "docs/plans.md quotes fix's usage")
    }

    /// docs/ name the JSON report's formatVersion as it is (docs/reports.md said 1.2 while reports said 1.3).
    @Test func theDocsNameTheRealFormatVersion() throws {
        let pattern = /`formatVersion`( \(now)? `?(?<version>[0-9]+\.[0-9]+)`?/
        var named = 0
        for path in ["docs/reports.md", "docs/coverage.md", "README.md"] {
            var text = try Self.read(path)
            for match in text.matches(of: pattern) where match.output.version != JSONReport.formatVersion {
                if Self.writing {
                    text = text.replacingOccurrences(of: String(match.output.0), with: String(match.output.0).replacingOccurrences(of: String(match.output.version), with: JSONReport.formatVersion))
                    try Self.write(path, text)
                } else {
                    Issue.record("\(path) names formatVersion \(match.output.version), reports write \(JSONReport.formatVersion): \(Self.regenerate)")
                }
            }
            named += text.matches(of: pattern).count
        }
        #expect(named >= 2, "docs/reports.md and docs/coverage.md name it")
    }
}
