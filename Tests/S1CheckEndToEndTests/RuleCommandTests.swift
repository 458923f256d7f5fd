import Foundation
import Testing
import S1CheckTestSupport
import S1CheckCore

/// `s1check rules` and `s1check explain RULE` against the rule descriptions they are rendered from, and
/// docs/rules.md, which is `rules --format markdown`.
@Suite struct RuleCommandTests {
    /// Every id a finding can carry: the registry's rules, then internal-error and input-error.
    static let ids = RuleRegistry.descriptions.map(\.id) + ["coverage", "internal-error", "input-error"]

    /// Text as one line with single spaces, so a wrapped message can be found whole.
    func flat(_ s: String) -> String { s.split(whereSeparator: \.isWhitespace).joined(separator: " ") }

    @Test func rulesListsEveryRuleInOrderWithinAHundredColumns() throws {
        let out = try CLI.run(["rules"])
        #expect(out.status == 0)
        let lines = out.stdout.split(separator: "\n")
        let rows = lines.dropFirst().compactMap { $0.first?.isLetter == true ? $0.split(separator: " ").first.map(String.init) : nil }
        #expect(Array(rows.prefix(Self.ids.count)) == Self.ids)
        #expect(lines.first?.hasPrefix("RULE ") == true && lines.first?.contains("STATUS") == true && lines.first?.contains("WAIVABLE") == true && lines.first?.contains("CLAUSE") == true)
        #expect(lines.allSatisfy { $0.count <= 100 }, "\(lines.filter { $0.count > 100 })")
        for rule in RuleRegistry.descriptions {
            let row = try #require(lines.first { $0.hasPrefix(rule.id + " ") })
            #expect(row.contains(rule.waivable ? "  yes  " : "  no  "), "\(row)")
        }
        #expect(flat(out.stdout).contains(flat(RuleRegistry.byID["consultation"]!.clause)))
    }

    @Test(arguments: RuleRegistry.descriptions)
    func explainGivesTheSummaryClauseAndEveryExampleFinding(_ rule: RuleDescription) throws {
        let out = try CLI.run(["explain", rule.id])
        #expect(out.status == 0, "\(out.all)")
        let text = flat(out.stdout)
        #expect(text.hasPrefix(rule.id + " " + flat(rule.summary)))
        #expect(text.contains("clause: " + flat(rule.clause)))
        #expect(text.contains("waivable: " + (rule.waivable ? "yes" : "no")))
        for example in rule.examples {
            #expect(text.contains(" \(example.name): "), "example \(example.name)")
            for finding in example.expected {
                #expect(text.contains("\(finding.status.rawValue) \(flat(finding.message))"), "\(example.name): \(finding.message)")
            }
        }
    }

    @Test func explainNamesAMistypedRuleAndOtherUsageErrors() throws {
        let typo = try CLI.run(["explain", "artefact-versoin"])
        #expect(typo.status == 2 && typo.stdout.isEmpty)
        #expect(typo.stderr.contains("unknown rule \"artefact-versoin\" (did you mean artefact-version?); s1check rules lists them"), "\(typo.stderr)")
        let upper = try CLI.run(["explain", "IOC-Cessation"])
        #expect(upper.status == 2 && upper.stderr.contains("did you mean ioc-cessation?"))
        #expect(try CLI.run(["explain", "no-such-thing-at-all"]).stderr.contains("unknown rule \"no-such-thing-at-all\"; s1check rules"))
        #expect(try CLI.run(["explain"]).status == 2)
        #expect(try CLI.run(["explain", "waiver", "consultation"]).status == 2)
        #expect(try CLI.run(["explain", "waiver", "--format", "yaml"]).status == 2)
        #expect(try CLI.run(["rules", "waiver"]).status == 2)
        #expect(try CLI.run(["rules", "--strict"]).stderr.contains("unknown option --strict"))
        let input = try CLI.run(["explain", "input-error"])
        #expect(input.status == 0 && input.stdout.contains("No examples"))
    }

    @Test func rulesDocumentIsCurrent() throws {
        let out = try CLI.run(["rules", "--format", "markdown"])
        #expect(out.status == 0)
        let committed = try? String(contentsOf: CLI.packageRoot.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        #expect(committed == out.stdout, "\(Generated.stale("docs/rules.md", "it is s1check rules --format markdown"))")
        for id in Self.ids { #expect(out.stdout.contains("\n## \(id)\n"), "\(id)") }
        let one = try CLI.run(["explain", "consultation", "--format", "markdown"])
        #expect(out.stdout.contains(one.stdout))
    }

    @Test(.enabled(if: ExternalTool.cmarkGFM.shouldRun, Comment(rawValue: ExternalTool.cmarkGFM.skipReason)))
    func rulesDocumentRendersAsGitHubDoes() throws {
        let html = try MarkdownRenderer.cmarkGFM.html(Array(try CLI.run(["rules", "--format", "markdown"]).stdout.utf8))
        #expect(html.components(separatedBy: "<h2>").count == Self.ids.count + 2, "a section per id and the example plan")
        #expect(html.contains("<table>") && html.contains("<code>artefact-version</code>"))
    }
}
