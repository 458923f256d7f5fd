import Foundation

/// Every file of the repository generated from the code, and the one command that regenerates them all
/// (`Sources/s1check-generate`, as swift-format's `generate-swift-format`): the schemas' rule-id enums
/// (`GeneratedFile`), the verdict fixtures (`ExampleFixture`), `docs/rules.md`, the README's command
/// block, the usage lines and `formatVersion` that docs/ quote, and the example reports in `Reports/`
/// (the README's main job). The tests only check them, each naming the file and this command.
///
/// The text edits are here so the generator and the tests make the same ones: the generator from the
/// binary's output, the tests from the code in the process.
public enum Generated {
    public static let command = "swift run s1check-generate"
    /// What a test says when a generated file is stale.
    public static func stale(_ path: String, _ why: String = "") -> String {
        "\(path) is out of date\(why.isEmpty ? "" : " (\(why))"): run `\(command)` from the package root"
    }

    /// The README's main job, run in a folder holding a copy of `Plans/`: it writes `Reports/`.
    public static let mainJob = ["check", "Plans", "--devices", "Plans/devices.json", "--scope", "Plans/scope.json", "--results", "Plans/results", "--as-of", "2023-07-31"]
    /// Every report the main job writes, into `folder`.
    public static func reportOptions(folder: String) -> [String] {
        ["--junit", "\(folder)/junit.xml", "--markdown", "\(folder)/report.md", "--json", "\(folder)/report.json",
         "--sarif", "\(folder)/s1check.sarif", "--codequality", "\(folder)/codequality.json", "--summary", "\(folder)/summary.md",
         "--html", "\(folder)/report.html"]
    }
    public static let reportNames = ["junit.xml", "report.md", "report.json", "s1check.sarif", "codequality.json", "summary.md", "report.html"]

    public struct Problem: Error, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    /// The README with the fenced block under "## Commands" replaced by `commandList` (the command list
    /// of `s1check --help`).
    public static func readme(_ text: String, commandList: String) throws(Problem) -> String {
        guard let heading = text.range(of: "\n## Commands\n"),
              let open = text.range(of: "```\n", range: heading.upperBound..<text.endIndex),
              let close = text.range(of: "\n```\n", range: open.upperBound..<text.endIndex)
        else { throw Problem("README.md: no fenced block under \"## Commands\"") }
        return String(text[..<open.upperBound]) + commandList + String(text[close.lowerBound...])
    }

    /// A docs page with every usage line it quotes (`s1check fix PATH... [--baseline FILE] ...`, a line
    /// starting `s1check ` with ` [--` in it) replaced by the table's, from `usage` (a command's words to
    /// its usage line); the lines naming no command of the table, as `path:line: text`; and how many
    /// usage lines it quotes.
    public static func usageLines(in text: String, path: String, usage: [String: String]) -> (text: String, unknown: [String], quoted: Int) {
        var lines = text.components(separatedBy: "\n")
        var unknown: [String] = [], quoted = 0
        for (i, line) in lines.enumerated() where line.hasPrefix("s1check ") && line.contains(" [--") {
            // The command: the longest run of words the table names.
            let words = line.split(separator: " ").dropFirst().prefix { !$0.hasPrefix("-") && $0.uppercased() != $0 }
            let name = (0...words.count).reversed().map { words.prefix($0).joined(separator: " ") }.first { usage[$0] != nil }
            guard let name, let expected = usage[name] else {
                unknown.append("\(path):\(i + 1): no command of the table: \(line)")
                continue
            }
            quoted += 1
            lines[i] = expected
        }
        return (lines.joined(separator: "\n"), unknown, quoted)
    }

    /// The files that name the JSON report's `formatVersion`.
    public static let formatVersionFiles = ["docs/reports.md", "docs/coverage.md", "README.md"]
    /// `text` with every `formatVersion` it names made `version`, and how many it names.
    public static func formatVersions(in text: String, version: String) -> (text: String, named: Int) {
        let formatVersionPattern = /`formatVersion`( \(now)? `?(?<version>[0-9]+\.[0-9]+)`?/
        var text = text
        for match in text.matches(of: formatVersionPattern) where match.output.version != version {
            text = text.replacingOccurrences(of: String(match.output.0), with: String(match.output.0).replacingOccurrences(of: String(match.output.version), with: version))
        }
        return (text, text.matches(of: formatVersionPattern).count)
    }

    /// The first line where two texts differ (1-based), for a message shorter than two whole files.
    public static func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> Int {
        let lines = (a.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false), b.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false))
        return (zip(lines.0, lines.1).enumerated().first { !$0.element.0.elementsEqual($0.element.1) }?.offset ?? min(lines.0.count, lines.1.count)) + 1
    }
}
