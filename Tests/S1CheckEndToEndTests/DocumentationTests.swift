import Foundation
import Testing
import S1CheckCore
import S1CheckTestSupport

/// The README stays a newcomer's page (small, two set-up commands, real output), the reference in docs/
/// and CONTRIBUTING.md links up, and the CI snippets a plans repository copies are valid.
@Suite struct DocumentationTests {
    static let documents = ["README.md", "CONTRIBUTING.md"] + ["baseline", "plans", "verdicts", "rules", "reports", "robustness"].map { "docs/\($0).md" }

    func text(_ path: String) throws -> String { try String(contentsOf: CLI.packageRoot.appendingPathComponent(path), encoding: .utf8) }

    /// The fenced blocks of `markdown` after `heading`, up to the next heading of its level.
    func blocks(_ markdown: String, under heading: String) -> [String] {
        guard let section = markdown.components(separatedBy: "\n" + heading + "\n").dropFirst().first else { return [] }
        let body = section.components(separatedBy: "\n## ")[0]
        return body.components(separatedBy: "```").enumerated().filter { $0.offset % 2 == 1 }.map { block in
            String(block.element.drop { $0 != "\n" }.dropFirst())
        }
    }

    @Test func readmeIsAtMostTenKilobytes() throws {
        let size = try Data(contentsOf: CLI.packageRoot.appendingPathComponent("README.md")).count
        #expect(size <= 10_000, "README.md is \(size) bytes; the reference belongs in docs/")
    }

    /// Exactly the two commands a newcomer needs: the main job, as the golden reports test runs it, and the tests.
    @Test func readmeKeepsTheTwoSetUpCommands() throws {
        let setUp = blocks(try text("README.md"), under: "## Set up and run (two commands)")
        #expect(setUp.count == 1)
        let commands = (setUp.first ?? "").split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.map(String.init)
        let mainJob = "swift run s1check " + (GoldenReportTests.mainJob + GoldenReportTests.reportOptions(folder: "Reports")).joined(separator: " ")
        #expect(commands == [mainJob, "swift test"])
    }

    /// The sample at the top of the README is real output of the command it shows.
    @Test func readmeSampleIsRealOutput() throws {
        let sample = try #require(try text("README.md").components(separatedBy: "```").dropFirst().first)
        let lines = sample.split(separator: "\n").map(String.init)
        let command = try #require(lines.first { $0.hasPrefix("$ s1check ") })
        let out = try CLI.run(command.dropFirst("$ s1check ".count).split(separator: " ").map(String.init))
        let real = Set(out.stdout.split(separator: "\n").map(String.init))
        let shown = lines.filter { $0 != command && $0 != "..." && !$0.isEmpty }
        #expect(shown.count >= 3)
        for line in shown { #expect(real.contains(line), "not in the output of \(command): \(line)") }
    }

    /// Every relative link in the README, CONTRIBUTING.md and docs/ leads to a file of the repository.
    @Test func relativeLinksResolve() throws {
        for doc in Self.documents {
            let markdown = try text(doc)
            let folder = URL(fileURLWithPath: doc).deletingLastPathComponent().relativePath
            for part in markdown.components(separatedBy: "](").dropFirst() {
                let target = String(part.prefix { $0 != ")" }.prefix { $0 != "#" })
                if target.isEmpty || target.contains("://") { continue }
                let path = CLI.packageRoot.appendingPathComponent(folder == "." ? target : folder + "/" + target).path
                #expect(FileManager.default.fileExists(atPath: path), "\(doc) links to \(target), which is not there")
            }
        }
    }

    /// Nothing in the documentation speaks of an assignment its readers never saw.
    @Test func documentationIsAddressedToItsReaders() throws {
        for doc in Self.documents {
            #expect(!(try text(doc)).lowercased().contains("the brief"), "\(doc)")
        }
    }

    /// The README's CI snippets, as a plans repository would paste them, against the published schemas;
    /// the action's inputs they use exist, and the template they include is there.
    @Test(.enabled(if: ExternalTool.checkJSONSchema.shouldRun, Comment(rawValue: ExternalTool.checkJSONSchema.skipReason)))
    func readmeCISnippetsAreValid() throws {
        let snippets = blocks(try text("README.md"), under: "## CI for a plans repository")
        try #require(snippets.count == 2)
        for (i, snippet) in snippets.enumerated() {
            #expect(snippet.split(separator: "\n").count <= 10, "a CI snippet is at most 10 lines")
            let s = Scratch()
            let file = i == 0 ? "on: pull_request\njobs:\n  plans:\n    runs-on: ubuntu-24.04\n" + snippet : snippet
            let r = try ExternalTool.checkJSONSchema.run(["--builtin-schema", i == 0 ? "vendor.github-workflows" : "vendor.gitlab-ci", s.write("ci.yml", file)])
            #expect(r.status == 0, "\(r.out)\(r.err)")
        }
        let action = try text(CIConfigurationTests.action)
        let uses = try #require(snippets[0].split(separator: "\n").first { $0.contains("/.github/actions/s1check@") })
        #expect(uses.hasSuffix("@v\(ToolInfo.version)"), "the README's action example uses this version")
        let with = try #require(snippets[0].split(separator: "\n").first { $0.contains("with: {") })
        for key in with.split(separator: "{")[1].split(separator: ",").map({ $0.split(separator: ":")[0].trimmingCharacters(in: .whitespaces) }) {
            #expect(action.contains("\n  \(key):\n    description:"), "the action has no input \(key)")
        }
        #expect(snippets[1].contains("file: \(CIConfigurationTests.template)\n") && snippets[1].contains("ref: v\(ToolInfo.version)\n"))
    }
}
