import Foundation
import Testing
import S1CheckCore
import S1CheckTestSupport

/// The GitHub Action's step (.github/actions/s1check/run.sh) and the GitLab template's script, run as a
/// plans repository's CI would run them, against a local release (a folder holding
/// s1check-<version>-linux-<arch> and its .sha256, reached by file:// as curl reaches a release): each
/// verifies the binary before running it, refuses one that does not match, writes the reports, and ends
/// with s1check's exit status.
@Suite(.enabled(if: ExternalTool.curl.shouldRun && ExternalTool.bash.shouldRun && ExternalTool.sha256sum.shouldRun,
                Comment(rawValue: "needs curl, bash and sha256sum (.ci/run installs curl)")))
struct ReusableCITests {
    /// A plans repository holding the sample plans, and a release of the binary under test.
    struct Repository {
        let scratch = Scratch()
        var root: URL { scratch.url.appendingPathComponent("plans-repo") }
        var release: URL { scratch.url.appendingPathComponent("release") }
        let name = "s1check-\(ToolInfo.version)-linux-\(ReleaseBinary.machine())"

        init(tamper: Bool = false) throws {
            let fm = FileManager.default
            try fm.createDirectory(at: root, withIntermediateDirectories: true)
            try fm.copyItem(at: CLI.packageRoot.appendingPathComponent("Plans"), to: root.appendingPathComponent("Plans"))
            try fm.createDirectory(at: release, withIntermediateDirectories: true)
            let binary = release.appendingPathComponent(name)
            try fm.copyItem(at: CLI.binary, to: binary)
            let sums = try ExternalTool.sha256sum.run([name], in: release)
            try Data(sums.out.utf8).write(to: release.appendingPathComponent(name + ".sha256"))
            if tamper {
                let h = try FileHandle(forWritingTo: binary)
                try h.seekToEnd()
                try h.write(contentsOf: Data([0]))
                try h.close()
            }
        }

        /// Runs `script` (bash) in the repository with the CI's environment plus `env`.
        func run(_ script: String, env: [String: String]) throws -> (status: Int32, out: String) {
            let p = CLI.process(["-c", script], in: root, executable: URL(fileURLWithPath: ExternalTool.bash.path ?? "/bin/bash"), env: env)
            let pipe = Pipe()
            p.standardOutput = pipe
            p.standardError = pipe
            try p.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: data, as: UTF8.self))
        }

        func report(_ path: String) -> Data? { try? Data(contentsOf: root.appendingPathComponent(path)) }
        func committed(_ name: String) throws -> Data { try Data(contentsOf: CLI.packageRoot.appendingPathComponent("Reports/\(name)")) }
    }

    static let args = "--devices Plans/devices.json --scope Plans/scope.json --as-of 2023-06-01"

    func action(_ repo: Repository, _ extra: [String: String] = [:]) throws -> (status: Int32, out: String, summary: String, outputs: String) {
        let summary = repo.scratch.url.appendingPathComponent("step-summary.md"), outputs = repo.scratch.url.appendingPathComponent("outputs")
        var env = ["S1CHECK_VERSION": "v" + ToolInfo.version, "S1CHECK_PLANS": "Plans", "S1CHECK_ARGS": Self.args,
                   "S1CHECK_REPORTS": "s1check-reports", "S1CHECK_DOWNLOAD_URL": repo.release.absoluteString,
                   "GITHUB_STEP_SUMMARY": summary.path, "GITHUB_OUTPUT": outputs.path, "RUNNER_TEMP": repo.scratch.url.path]
        env.merge(extra) { $1 }
        try? FileManager.default.removeItem(at: summary)
        try? FileManager.default.removeItem(at: outputs)
        let r = try repo.run("bash " + CLI.packageRoot.appendingPathComponent(".github/actions/s1check/run.sh").path, env: env)
        return (r.status, r.out, (try? String(contentsOf: summary, encoding: .utf8)) ?? "", (try? String(contentsOf: outputs, encoding: .utf8)) ?? "")
    }

    @Test func theActionChecksAndPassesTheExitStatusThrough() throws {
        let repo = try Repository()
        let r = try action(repo)
        #expect(r.status == 1, "the sample plans fail: \(r.out)")
        #expect(r.out.contains("::error file=Plans/moc/SVT-MOC-0017-mmc-drift.plan.json,line=33,"), "annotations on the plan lines")
        #expect(Data(r.summary.utf8) == (try repo.committed("summary.md")), "the summary goes to the job page")
        #expect(repo.report("s1check-reports/junit.xml") == (try repo.committed("junit.xml")))
        #expect(repo.report("s1check-reports/s1check.sarif") == (try repo.committed("s1check.sarif")))
        #expect(r.outputs == "exit-code=1\njunit=s1check-reports/junit.xml\nsarif=s1check-reports/s1check.sarif\nsummary=s1check-reports/summary.md\n")
        let digest = try ExternalTool.sha256sum.run([repo.name], in: repo.release).out.prefix(64)
        #expect(try action(repo, ["S1CHECK_SHA256": String(digest)]).status == 1, "a pinned digest that matches")
        // One plan cannot cover the release scope, so this run leaves the scope out.
        let clean = try action(repo, ["S1CHECK_PLANS": "Plans/foc/SVT-FOC-0042-duis-read-tariff.plan.json",
                                      "S1CHECK_ARGS": "--devices Plans/devices.json --as-of 2023-06-01"])
        #expect(clean.status == 0 && clean.outputs.hasPrefix("exit-code=0\n"), "\(clean.out)")
    }

    @Test func theActionRunsNothingThatDoesNotMatchItsDigest() throws {
        let tampered = try Repository(tamper: true)
        let r = try action(tampered)
        #expect(r.status == 2 && r.out.contains("::error title=s1check::\(tampered.name) does not match the SHA-256 of its release"), "\(r.out)")
        #expect(tampered.report("s1check-reports/junit.xml") == nil && r.summary.isEmpty)
        let repo = try Repository()
        let pinned = try action(repo, ["S1CHECK_SHA256": String(repeating: "0", count: 64)])
        #expect(pinned.status == 2 && pinned.out.contains("not the pinned"), "\(pinned.out)")
        let missing = try action(repo, ["S1CHECK_VERSION": "9.9.9"])
        #expect(missing.status == 2 && missing.out.contains("cannot download s1check-9.9.9-linux-"), "\(missing.out)")
        let noVersion = try action(repo, ["S1CHECK_VERSION": ""])
        #expect(noVersion.status == 2 && noVersion.out.contains("the version input is required"))
        let nowhere = try action(repo, ["S1CHECK_DOWNLOAD_URL": "", "S1CHECK_REPOSITORY": ""])
        #expect(nowhere.status == 2 && nowhere.out.contains("give the repository input"))
    }

    /// The template's script, as GitLab runs it: the job's `script` lines, read from the YAML.
    func templateScript() throws -> String {
        let read = """
            import sys
            try:
                from ruamel.yaml import YAML
                doc = YAML(typ="safe").load(open(sys.argv[1]))
            except ImportError:
                import yaml
                doc = yaml.safe_load(open(sys.argv[1]))
            sys.stdout.write("\\n".join(doc["s1check"]["script"]))
            """
        let r = try ExternalTool.python3.run(["-c", read, CLI.packageRoot.appendingPathComponent(CIConfigurationTests.template).path])
        try #require(r.status == 0, "\(r.err)")
        return r.out
    }

    @Test(.enabled(if: ExternalTool.python3.shouldRun, Comment(rawValue: ExternalTool.python3.skipReason)))
    func theGitLabTemplateChecksAndPassesTheExitStatusThrough() throws {
        let script = try templateScript()
        let repo = try Repository()
        let env = ["S1CHECK_VERSION": ToolInfo.version, "S1CHECK_ARGS": Self.args, "S1CHECK_DOWNLOAD_URL": repo.release.absoluteString,
                   "CI_SERVER_URL": "https://gitlab.example"]
        let r = try repo.run(script, env: env)
        #expect(r.status == 1, "\(r.out)")
        #expect(repo.report("s1check-reports/gl-code-quality-report.json") == (try repo.committed("codequality.json")))
        #expect(repo.report("s1check-reports/junit.xml") == (try repo.committed("junit.xml")))
        #expect(repo.report("s1check-reports/summary.md") == (try repo.committed("summary.md")))
        // The evidence pack ends with the command that made it, which is the template's own: all before it agrees.
        func beforeTheCommand(_ data: Data?) -> String? {
            data.map { String(decoding: $0, as: UTF8.self).components(separatedBy: "\n## Reproduce this run\n")[0] }
        }
        #expect(beforeTheCommand(repo.report("s1check-reports/report.md")) == beforeTheCommand(try repo.committed("report.md")))
        let tampered = try Repository(tamper: true)
        let bad = try tampered.run(script, env: env.merging(["S1CHECK_DOWNLOAD_URL": tampered.release.absoluteString]) { $1 })
        #expect(bad.status == 2 && bad.out.contains("does not match its release's SHA-256: not run"), "\(bad.out)")
        #expect(tampered.report("s1check-reports/junit.xml") == nil)
        let noProject = try repo.run(script, env: env.merging(["S1CHECK_DOWNLOAD_URL": ""]) { $1 })
        #expect(noProject.status == 2 && noProject.out.contains("set S1CHECK_PROJECT"), "\(noProject.out)")
    }
}
