import Foundation
import Testing
import S1CheckTestSupport

/// This repository's CI files, against the schemas GitHub and GitLab publish (vendored in check-jsonschema,
/// so this runs offline), and the promises the README makes about them.
@Suite(.enabled(if: ExternalTool.checkJSONSchema.shouldRun, Comment(rawValue: ExternalTool.checkJSONSchema.skipReason)))
struct CIConfigurationTests {
    static let github = ".github/workflows/s1check.yml", gitlab = ".gitlab-ci.yml"

    func validate(_ schema: String, _ text: String) throws -> (status: Int32, out: String) {
        let s = Scratch()
        let r = try ExternalTool.checkJSONSchema.run(["--builtin-schema", schema, s.write("ci.yml", text)])
        return (r.status, r.out + r.err)
    }

    /// The file is valid against `schema`, and stops being so once `original` becomes `replacement`: the
    /// schema really checks what the test relies on.
    func expectValid(_ schema: String, _ text: String, butNotWhen original: String, becomes replacement: String, _ why: Comment,
                     sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(text.contains(original), "the file no longer holds what the check mutates", sourceLocation: sourceLocation)
        let r = try validate(schema, text)
        #expect(r.status == 0, "\(r.out)", sourceLocation: sourceLocation)
        #expect(try validate(schema, text.replacingOccurrences(of: original, with: replacement)).status != 0, why, sourceLocation: sourceLocation)
    }

    func text(_ path: String) throws -> String { try String(contentsOf: CLI.packageRoot.appendingPathComponent(path), encoding: .utf8) }

    @Test func githubWorkflowIsValidAndUploadsWhateverTheVerdict() throws {
        let workflow = try text(Self.github)
        try expectValid("vendor.github-workflows", workflow, butNotWhen: "runs-on: ubuntu-24.04\n    container: swift:6.3-noble\n    timeout-minutes: 30",
                        becomes: "timeout-minutes: 30", "the schema notices a job without runs-on")
        #expect(workflow.contains("run: .ci/run"))
        for option in ["--format github", "--sarif reports/s1check.sarif", "--junit reports/junit.xml", "--summary reports/summary.md"] {
            #expect(workflow.contains(option), "\(option)")
        }
        // Every step after the check runs although the check exits 1.
        let afterCheck = workflow.components(separatedBy: "name: Check the plans")[1].components(separatedBy: "\n      - ").dropFirst()
        #expect(afterCheck.count == 3 && afterCheck.allSatisfy { $0.contains("if: always()") })
        #expect(workflow.contains("github/codeql-action/upload-sarif@") && workflow.contains("security-events: write"))
        #expect(workflow.contains("\"$GITHUB_STEP_SUMMARY\""))
    }

    @Test func gitlabPipelineIsValidAndKeepsItsReportsWhateverTheVerdict() throws {
        let pipeline = try text(Self.gitlab)
        try expectValid("vendor.gitlab-ci", pipeline, butNotWhen: "when: always", becomes: "when: sometimes", "the schema notices a wrong artifacts:when")
        #expect(pipeline.contains("- .ci/run") && pipeline.contains("when: always"))
        #expect(pipeline.contains("codequality: reports/gl-code-quality-report.json") && pipeline.contains("junit: reports/junit.xml"))
        for option in ["--codequality reports/gl-code-quality-report.json", "--junit reports/junit.xml", "--summary reports/summary.md"] {
            #expect(pipeline.contains(option), "\(option)")
        }
    }
}
