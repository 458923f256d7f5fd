import Foundation
import Testing
import S1CheckTestSupport

/// This repository's CI files, against the schemas GitHub and GitLab publish (vendored in check-jsonschema,
/// so this runs offline), and the promises the documentation makes about them.
@Suite(.enabled(if: ExternalTool.checkJSONSchema.shouldRun, Comment(rawValue: ExternalTool.checkJSONSchema.skipReason)))
struct CIConfigurationTests {
    static let github = ".github/workflows/s1check.yml", gitlab = ".gitlab-ci.yml"
    /// What a plans repository uses: the composite action and the GitLab template.
    static let action = ".github/actions/s1check/action.yml", template = ".gitlab/s1check.gitlab-ci.yml"

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
        try expectValid("vendor.github-workflows", workflow, butNotWhen: "runs-on: ubuntu-24.04\n    container: swift:6.3-noble\n    timeout-minutes: 20",
                        becomes: "timeout-minutes: 20", "the schema notices a job without runs-on")
        #expect(workflow.contains("run: .ci/run"))
        // The test that hides the toolchain needs a mount namespace, so the test job's container is privileged.
        #expect(workflow.contains("image: swift:6.3-noble\n      options: --privileged\n    timeout-minutes: 30\n    steps:\n      - uses: actions/checkout@v5\n      - name: Build and test\n        run: .ci/run"))
        for option in ["--format github", "--sarif reports/s1check.sarif", "--junit reports/junit.xml", "--summary reports/summary.md"] {
            #expect(workflow.contains(option), "\(option)")
        }
        // Every step of the plans job after the check runs although the check exits 1.
        let plansJob = workflow.components(separatedBy: "name: Check the plans")[1].components(separatedBy: "\n  container-image:")[0]
        let afterCheck = plansJob.components(separatedBy: "\n      - ").dropFirst()
        #expect(afterCheck.count == 3 && afterCheck.allSatisfy { $0.contains("if: always()") })
        #expect(workflow.contains("github/codeql-action/upload-sarif@") && workflow.contains("security-events: write"))
        #expect(workflow.contains("\"$GITHUB_STEP_SUMMARY\""))
    }

    /// Each of `parts` is in `text`.
    func expect(_ text: String, holds parts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for part in parts { #expect(text.contains(part), "\(part)", sourceLocation: sourceLocation) }
    }

    /// A tag builds the release binaries with their SHA-256 files and publishes them, and the Dockerfile
    /// is built and run where a container engine runs.
    @Test func githubReleasesATagAndBuildsTheImage() throws {
        expect(try text(Self.github), holds: [
            "tags: [\"v*\"]", "if: startsWith(github.ref, 'refs/tags/v')",
            "container: swift:6.3-jammy", "runner: [ubuntu-24.04, ubuntu-24.04-arm]",
            ".ci/build-release --version \"${GITHUB_REF_NAME#v}\" --out dist",
            "sha256sum --check --strict ./*.sha256", "gh release create \"$GITHUB_REF_NAME\" ./*", "contents: write",
            "docker build -t s1check:ci .", "cmp reports/junit.xml Reports/junit.xml",
            "uses: ./.github/actions/s1check", "test \"$EXIT_CODE\" = 1",
        ])
    }

    @Test func gitlabReleasesATagAndBuildsTheImage() throws {
        let pipeline = try text(Self.gitlab)
        try expectValid("vendor.gitlab-ci", pipeline, butNotWhen: "expire_in: never", becomes: "expire_in: [never]", "the schema notices a wrong expire_in")
        expect(pipeline, holds: [
            "if: $CI_COMMIT_TAG =~ /^v[0-9]/", "image: swift:6.3-jammy",
            ".ci/build-release --version \"${CI_COMMIT_TAG#v}\" --out dist",
            // Both architectures, each uploaded with its .sha256 where the template downloads from.
            "release-binary-aarch64:\n  extends: release-binary-x86_64\n  tags: [saas-linux-small-arm64]",
            #"--header "JOB-TOKEN: $CI_JOB_TOKEN" --upload-file "dist/$file""#, #"for file in "$name" "$name.sha256"; do"#,
            #""$CI_API_V4_URL/projects/$CI_PROJECT_ID/packages/generic/s1check/${CI_COMMIT_TAG#v}/$file""#,
            "needs: [release-binary-x86_64, release-binary-aarch64]",
            #"\"url\":\"$packages/$name\",\"direct_asset_path\":\"/$name\""#,
            #""s1check-$version-linux-aarch64" "s1check-$version-linux-aarch64.sha256""#,
            "docker build -t s1check:ci .", "services:\n    - docker:27-dind",
        ])
    }

    /// The action and the template a plans repository uses, against GitHub's and GitLab's schemas.
    @Test func reusableActionAndTemplateAreValid() throws {
        let action = try text(Self.action)
        try expectValid("vendor.github-actions", action, butNotWhen: "using: composite", becomes: "using: compost", "the schema notices a wrong runs.using")
        expect(action, holds: ["  version:\n    description: The s1check release to use, such as 0.3.0 (a leading v is dropped). Default, the release this action is from.\n    required: false",
                               "run: bash \"$GITHUB_ACTION_PATH/run.sh\"", "exit-code:"])
        let template = try text(Self.template)
        try expectValid("vendor.gitlab-ci", template, butNotWhen: "when: always", becomes: "when: sometimes", "the schema notices a wrong artifacts:when")
        expect(template, holds: ["codequality: s1check-reports/gl-code-quality-report.json", "junit: s1check-reports/junit.xml",
                                 "paths:\n      - s1check-reports/", "html=report.html",
                                 "cache:\n    key: s1check-$S1CHECK_VERSION\n    paths:\n      - .s1check-cache/\n    when: always"])
        // The action keeps the binary (restored, and saved once verified, even when the plans fail) and the reports.
        expect(action, holds: ["uses: actions/cache/restore@v4", "- if: always() && inputs.cache == 'true' && steps.check.outputs.downloaded == 'true'\n      uses: actions/cache/save@v4",
                               "- if: always() && inputs.artifact != '' && steps.check.outputs.exit-code != ''\n      uses: actions/upload-artifact@v6"])
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

/// The Dockerfile, as far as a machine with no container engine can hold it: hadolint's rules (which
/// parse it as Docker does), two stages, the release binary built by the script the release jobs run, a
/// user that is not root, s1check as the entrypoint, and only files the repository has in the context.
/// CI files build and run the image where an engine runs (job container-image).
@Suite(.enabled(if: ExternalTool.hadolint.shouldRun, Comment(rawValue: ExternalTool.hadolint.skipReason)))
struct DockerfileTests {
    @Test func dockerfileIsLintCleanMultiStageAndNotRoot() throws {
        let lint = try ExternalTool.hadolint.run(["Dockerfile"], in: CLI.packageRoot)
        #expect(lint.status == 0, "\(lint.out)\(lint.err)")
        let text = try String(contentsOf: CLI.packageRoot.appendingPathComponent("Dockerfile"), encoding: .utf8)
        let lines = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines.filter { $0.hasPrefix("FROM ") } == ["FROM swift:6.3-noble AS build", "FROM ubuntu:24.04"])
        #expect(lines.contains { $0.hasPrefix("RUN .ci/build-release ") })
        #expect(lines.contains("COPY --from=build /s1check /usr/local/bin/s1check"))
        #expect(lines.contains("USER 10001:10001") && text.contains("--uid 10001 --gid 10001"))
        #expect(lines.last(where: { $0.hasPrefix("ENTRYPOINT") }) == #"ENTRYPOINT ["s1check"]"#)
        for copy in lines where copy.hasPrefix("COPY ") && !copy.contains("--from") {
            let source = String(copy.split(separator: " ")[1])
            #expect(FileManager.default.fileExists(atPath: CLI.packageRoot.appendingPathComponent(source).path), "COPY \(source)")
        }
    }
}
