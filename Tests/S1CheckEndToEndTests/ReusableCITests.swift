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

        /// Runs `script` (bash, or the POSIX `sh` as GitLab's runner may) in the repository with the CI's
        /// environment plus `env`.
        func run(_ script: String, env: [String: String], shell: ExternalTool = .bash) throws -> (status: Int32, out: String) {
            let p = CLI.process(["-c", script], in: root, executable: URL(fileURLWithPath: shell.path ?? "/bin/\(shell.rawValue)"), env: env)
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

    static let args = "--devices Plans/devices.json --scope Plans/scope.json --results Plans/results --as-of 2023-07-31"

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
        #expect(r.outputs == "exit-code=1\njunit=s1check-reports/junit.xml\nsarif=s1check-reports/s1check.sarif\nsummary=s1check-reports/summary.md\nhtml=s1check-reports/report.html\ndownloaded=true\n")
        #expect(repo.report("s1check-reports/report.html").map { String(decoding: $0, as: UTF8.self).hasPrefix("<!DOCTYPE html>") } == true,
                "the HTML evidence pack is among the reports")
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

    /// The pinned digest as sha256sum prints it, in upper case, or after `sha256:` (as registries write
    /// it); anything else that is not 64 hex digits is refused before anything runs.
    @Test func theActionTakesADigestInEitherCaseWithOrWithoutItsPrefix() throws {
        let repo = try Repository()
        let digest = String(try ExternalTool.sha256sum.run([repo.name], in: repo.release).out.prefix(64))
        for pin in [digest.uppercased(), "sha256:" + digest, "SHA256:" + digest.uppercased()] {
            let r = try action(repo, ["S1CHECK_SHA256": pin])
            #expect(r.status == 1, "\(pin): \(r.out)")
        }
        try FileManager.default.removeItem(at: repo.root.appendingPathComponent("s1check-reports"))
        for pin in ["sha256:" + digest.dropLast(), digest + "0", "sha512:" + digest] {
            let r = try action(repo, ["S1CHECK_SHA256": pin])
            #expect(r.status == 2 && r.out.contains("the sha256 input is not a SHA-256"), "\(pin): \(r.out)")
            #expect(repo.report("s1check-reports/junit.xml") == nil)
        }
    }

    /// A plans folder, a registry and a reports folder with spaces in their names, quoted in the inputs;
    /// and an option the action passes itself, given again in args: the user's value wins (no "given
    /// more than once"), and the outputs name it.
    @Test func theActionTakesPathsWithSpacesAndTheUsersOwnReportOptions() throws {
        let repo = try Repository()
        try FileManager.default.moveItem(at: repo.root.appendingPathComponent("Plans"), to: repo.root.appendingPathComponent("My Plans"))
        let r = try action(repo, ["S1CHECK_PLANS": "'My Plans'", "S1CHECK_REPORTS": "s1check reports",
                                  "S1CHECK_ARGS": #"--devices "My Plans/devices.json" --as-of 2023-06-01 --junit=out/my\ junit.xml --format text"#])
        #expect(r.status == 1, "the plans fail, and no option was refused: \(r.out)")
        #expect(!r.out.contains("::error file="), "the user's --format text wins over the action's github")
        #expect(r.out.contains("device eligibility: checked against My Plans/devices.json"), "\(r.out)")
        #expect(repo.report("out/my junit.xml") != nil && repo.report("s1check reports/junit.xml") == nil, "the user's --junit wins")
        #expect(repo.report("s1check reports/s1check.sarif") != nil && repo.report("s1check reports/report.html") != nil)
        #expect(r.outputs.contains("\njunit=out/my junit.xml\n") && r.outputs.contains("\nsarif=s1check reports/s1check.sarif\n"), "\(r.outputs)")
        let unmatched = try action(repo, ["S1CHECK_PLANS": "'My Plans"])
        #expect(unmatched.status == 2 && unmatched.out.contains("the plans input has an unmatched quote"), "\(unmatched.out)")
    }

    /// The binary is kept in a cache folder between runs: a second run takes it from there (the release
    /// folder's binary may be gone), but only while it matches the release's SHA-256, fetched every time.
    @Test func theActionCachesTheBinaryAndChecksItEveryTime() throws {
        let repo = try Repository()
        let cache = repo.scratch.url.appendingPathComponent("cache folder")
        let first = try action(repo, ["S1CHECK_CACHE_DIR": cache.path])
        #expect(first.status == 1 && first.outputs.hasSuffix("downloaded=true\n"), "\(first.out)")
        let binary = repo.release.appendingPathComponent(repo.name), kept = repo.scratch.url.appendingPathComponent("kept")
        try FileManager.default.moveItem(at: binary, to: kept)
        let second = try action(repo, ["S1CHECK_CACHE_DIR": cache.path])
        #expect(second.status == 1 && second.outputs.hasSuffix("downloaded=false\n"), "\(second.out)")
        #expect(second.out.contains("s1check: \(repo.name) from the cache (it matches \(repo.name).sha256)"))
        // A cached binary that no longer matches is not run: it is downloaded again.
        let h = try FileHandle(forWritingTo: cache.appendingPathComponent(repo.name))
        try h.seekToEnd(); try h.write(contentsOf: Data([0])); try h.close()
        let gone = try action(repo, ["S1CHECK_CACHE_DIR": cache.path])
        #expect(gone.status == 2 && gone.out.contains("cannot download \(repo.name) from"), "\(gone.out)")
        try FileManager.default.moveItem(at: kept, to: binary)
        let third = try action(repo, ["S1CHECK_CACHE_DIR": cache.path])
        #expect(third.status == 1 && third.outputs.hasSuffix("downloaded=true\n"), "\(third.out)")
    }

    /// The version is pinned once: the action's `version` input and the template's S1CHECK_VERSION default
    /// to the release they are part of, so the ref a plans repository names (and a Dependabot or Renovate
    /// bump of it) decides the binary.
    @Test(.enabled(if: ExternalTool.python3.shouldRun, Comment(rawValue: ExternalTool.python3.skipReason)))
    func theVersionDefaultsToTheReleaseTheActionAndTemplateAreFrom() throws {
        let read = """
            import sys
            try:
                from ruamel.yaml import YAML
                load = YAML(typ="safe").load
            except ImportError:
                import yaml
                load = yaml.safe_load
            action = load(open(sys.argv[1]))
            template = load(open(sys.argv[2]))
            print(action["inputs"]["version"].get("required", False), action["inputs"]["version"]["default"], template["variables"]["S1CHECK_VERSION"])
            """
        let r = try ExternalTool.python3.run(["-c", read, CLI.packageRoot.appendingPathComponent(CIConfigurationTests.action).path,
                                              CLI.packageRoot.appendingPathComponent(CIConfigurationTests.template).path])
        #expect(r.out == "False \(ToolInfo.version) \(ToolInfo.version)\n", "set both to ToolInfo.version: \(r.out)\(r.err)")
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

    /// Under the POSIX `sh` (dash), as GitLab's runner may run it.
    @Test(.enabled(if: ExternalTool.python3.shouldRun && ExternalTool.sh.shouldRun, Comment(rawValue: ExternalTool.python3.skipReason)))
    func theGitLabTemplateChecksAndPassesTheExitStatusThrough() throws {
        let script = try templateScript()
        let repo = try Repository()
        let env = ["S1CHECK_VERSION": ToolInfo.version, "S1CHECK_ARGS": Self.args, "S1CHECK_DOWNLOAD_URL": repo.release.absoluteString,
                   "CI_SERVER_URL": "https://gitlab.example"]
        let r = try repo.run(script, env: env, shell: .sh)
        #expect(r.status == 1, "\(r.out)")
        #expect(repo.report("s1check-reports/gl-code-quality-report.json") == (try repo.committed("codequality.json")))
        #expect(repo.report("s1check-reports/junit.xml") == (try repo.committed("junit.xml")))
        #expect(repo.report("s1check-reports/summary.md") == (try repo.committed("summary.md")))
        // The evidence pack ends with the command that made it, which is the template's own: all before it agrees.
        func beforeTheCommand(_ data: Data?) -> String? {
            data.map { String(decoding: $0, as: UTF8.self).components(separatedBy: "\n## Reproduce this run\n")[0] }
        }
        #expect(beforeTheCommand(repo.report("s1check-reports/report.md")) == beforeTheCommand(try repo.committed("report.md")))
        #expect(repo.report("s1check-reports/report.html").map { String(decoding: $0, as: UTF8.self).hasPrefix("<!DOCTYPE html>") } == true,
                "the HTML evidence pack is an artifact")
        // The cache folder GitLab keeps (cache:paths) holds the verified binary; a second run takes it from there.
        #expect(FileManager.default.fileExists(atPath: repo.root.appendingPathComponent(".s1check-cache/\(repo.name)").path))
        let again = try repo.run(script, env: env, shell: .sh)
        #expect(again.status == 1 && again.out.contains("s1check: \(repo.name) from the cache"), "\(again.out)")
        // A digest pinned in upper case after sha256:, paths with spaces, and the user's own --junit.
        let digest = String(try ExternalTool.sha256sum.run([repo.name], in: repo.release).out.prefix(64))
        try FileManager.default.moveItem(at: repo.root.appendingPathComponent("Plans"), to: repo.root.appendingPathComponent("My Plans"))
        let spaced = try repo.run(script, env: env.merging([
            "S1CHECK_PLANS": #""My Plans""#, "S1CHECK_SHA256": "SHA256:" + digest.uppercased(),
            "S1CHECK_ARGS": "--devices 'My Plans/devices.json' --as-of 2023-06-01 --junit 'my reports/junit.xml'"]) { $1 }, shell: .sh)
        #expect(spaced.status == 1, "\(spaced.out)")
        #expect(repo.report("my reports/junit.xml") != nil, "the user's --junit wins")
        #expect(!spaced.out.contains("more than once"), "\(spaced.out)")
        try FileManager.default.moveItem(at: repo.root.appendingPathComponent("My Plans"), to: repo.root.appendingPathComponent("Plans"))
        let tampered = try Repository(tamper: true)
        let bad = try tampered.run(script, env: env.merging(["S1CHECK_DOWNLOAD_URL": tampered.release.absoluteString]) { $1 })
        #expect(bad.status == 2 && bad.out.contains("does not match its release's SHA-256: not run"), "\(bad.out)")
        #expect(tampered.report("s1check-reports/junit.xml") == nil)
        let noProject = try repo.run(script, env: env.merging(["S1CHECK_DOWNLOAD_URL": ""]) { $1 })
        #expect(noProject.status == 2 && noProject.out.contains("set S1CHECK_PROJECT"), "\(noProject.out)")
        let badPin = try repo.run(script, env: env.merging(["S1CHECK_SHA256": "sha256:xyz"]) { $1 }, shell: .sh)
        #expect(badPin.status == 2 && badPin.out.contains("S1CHECK_SHA256 is not a SHA-256"), "\(badPin.out)")
    }

    /// A private project: the template downloads from its package registry with the job's token, follows
    /// the redirect to object storage without it (Tests/Fixtures/CI/private-gitlab.py refuses a token
    /// there), and without a token gets nothing and runs nothing.
    @Test(.enabled(if: ExternalTool.python3.shouldRun && ExternalTool.sh.shouldRun, Comment(rawValue: ExternalTool.python3.skipReason)))
    func theGitLabTemplateDownloadsFromAPrivateProjectWithTheJobToken() throws {
        let script = try templateScript()
        let repo = try Repository()
        // One bash script starts the server (its port is its first line), runs the template with and
        // without the token, and stops the server, so no process outlives it holding a pipe.
        let driver = """
            set -u
            exec 3< <(exec "$PYTHON" "$SERVER" "$RELEASE" job-token-1 2>/dev/null)
            server=$!
            read -r port <&3
            export CI_SERVER_URL="http://127.0.0.1:$port" CI_API_V4_URL="http://127.0.0.1:$port/api/v4"
            echo "gitlab=$CI_SERVER_URL"
            status=0; CI_JOB_TOKEN=job-token-1 "$SH" -c "$TEMPLATE" || status=$?
            echo "with the token: $status"
            cp s1check-reports/junit.xml with-token-junit.xml 2>/dev/null || true
            rm -rf .s1check-cache s1check-reports
            status=0; CI_JOB_TOKEN= "$SH" -c "$TEMPLATE" || status=$?
            echo "without: $status"
            kill -KILL "$server"
            """
        let env = ["S1CHECK_VERSION": ToolInfo.version, "S1CHECK_ARGS": Self.args, "S1CHECK_PROJECT": "GROUP/s1check",
                   "PYTHON": try #require(ExternalTool.python3.path), "SH": try #require(ExternalTool.sh.path), "TEMPLATE": script,
                   "SERVER": CLI.packageRoot.appendingPathComponent("Tests/Fixtures/CI/private-gitlab.py").path, "RELEASE": repo.release.path]
        let r = try repo.run(driver, env: env)
        #expect(r.out.contains("with the token: 1\n"), "\(r.out)")
        #expect(repo.report("with-token-junit.xml") == (try repo.committed("junit.xml")))
        #expect(r.out.contains("without: 2\n"), "\(r.out)")
        let gitlab = try #require(r.out.split(separator: "\n").first { $0.hasPrefix("gitlab=") }?.dropFirst(7))
        #expect(r.out.contains("cannot download \(repo.name).sha256 from \(gitlab)/api/v4/projects/GROUP%2Fs1check/packages/generic/s1check/\(ToolInfo.version)"), "\(r.out)")
        #expect(repo.report("s1check-reports/junit.xml") == nil)
    }
}
