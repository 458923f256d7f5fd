import Foundation
import Testing
import S1CheckTestSupport

/// `.pre-commit-hooks.yaml` (docs/ci.md, "pre-commit"), run by pre-commit itself as a plans repository uses
/// it: the hooks come from a git repository holding this manifest (as `repo: .../s1check` at a tag would),
/// the built s1check is on PATH, and `pre-commit run --all-files` fails on a drifted plan (the check fails
/// it, the fixer rewrites it) and passes once it is fixed. Skipped with the reason when pre-commit is not
/// installed; under CI=true it runs, and a missing pre-commit fails it.
@Suite(.enabled(if: PreCommit.path != nil || ExternalTool.inCI,
                "pre-commit is not installed (.ci/run installs it)"),
       .enabled(if: ExternalTool.git.shouldRun, Comment(rawValue: ExternalTool.git.skipReason)))
struct PreCommitHookTests {
    /// Runs `executable` with `args` in `dir`, the built s1check first on PATH and pre-commit's cache in the
    /// scratch folder; standard output and error together.
    func run(_ executable: String, _ args: [String], in dir: URL, scratch: Scratch) throws -> (status: Int32, out: String) {
        let bin = scratch.url.appendingPathComponent("bin")
        try? FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try? FileManager.default.createSymbolicLink(at: bin.appendingPathComponent("s1check"), withDestinationURL: CLI.binary)
        let path = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let p = CLI.process(args, in: dir, executable: URL(fileURLWithPath: executable), env: [
            "PATH": path, "PRE_COMMIT_HOME": scratch.path("pre-commit-home"), "PRE_COMMIT_COLOR": "never",
            "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
            "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
        ])
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func theHooksFailADriftedPlanAndPassItOnceFixed() throws {
        guard let preCommit = PreCommit.path else { throw Missing(what: "pre-commit is not installed (not found on PATH)") }
        let git = try #require(ExternalTool.git.path)
        let s = Scratch()
        // The hooks repository: this repository's manifest, committed.
        let hooks = s.url.appendingPathComponent("s1check-hooks")
        s.write("s1check-hooks/.pre-commit-hooks.yaml", Array(try Data(contentsOf: CLI.packageRoot.appendingPathComponent(".pre-commit-hooks.yaml"))))
        for args in [["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "hooks"]] {
            let r = try run(git, args, in: hooks, scratch: s)
            try #require(r.status == 0, "git \(args): \(r.out)")
        }
        let rev = try run(git, ["rev-parse", "HEAD"], in: hooks, scratch: s).out.trimmingCharacters(in: .whitespacesAndNewlines)

        // A plans repository with a good plan and a drifted one (SEC 71.0, the baseline's is 72.0).
        let repo = s.url.appendingPathComponent("plans repo")
        s.write("plans repo/Plans/foc/good.plan.json", CLI.goodPlan)
        let second = CLI.goodPlan.replacingOccurrences(of: #""id": "OK-1""#, with: #""id": "OK-2""#)
        let drifted = second.replacingOccurrences(of: #""version": "72.0""#, with: #""version": "71.0""#)
        try #require(second != CLI.goodPlan && drifted != second)
        s.write("plans repo/Plans/foc/drifted.plan.json", drifted)
        s.write("plans repo/.pre-commit-config.yaml", """
            repos:
              - repo: \(hooks.path)
                rev: \(rev)
                hooks:
                  - id: s1check-check
                  - id: s1check-fix

            """)
        for args in [["init", "-q"], ["add", "-A"]] {
            let r = try run(git, args, in: repo, scratch: s)
            try #require(r.status == 0, "git \(args): \(r.out)")
        }

        let failing = try run(preCommit, ["run", "--all-files"], in: repo, scratch: s)
        #expect(failing.status == 1, "\(failing.out)")
        #expect(failing.out.contains("s1check check") && failing.out.contains("Failed"), "\(failing.out)")
        #expect(failing.out.contains("Plans/foc/drifted.plan.json:1: error: SEC is declared at 71.0"), "the check's finding: \(failing.out)")
        #expect(failing.out.contains("files were modified by this hook"), "the fixer rewrote the plan: \(failing.out)")
        let fixed = try String(contentsOf: repo.appendingPathComponent("Plans/foc/drifted.plan.json"), encoding: .utf8)
        #expect(fixed == second, "fix changed the version and no other byte")

        _ = try run(git, ["add", "-A"], in: repo, scratch: s)
        let passing = try run(preCommit, ["run", "--all-files"], in: repo, scratch: s)
        #expect(passing.status == 0, "\(passing.out)")
        #expect(passing.out.contains("s1check check") && passing.out.contains("s1check fix") && !passing.out.contains("Failed"), "\(passing.out)")
    }
}

/// pre-commit on PATH (PyPI `pre-commit`, which .ci/run installs).
enum PreCommit {
    static let path: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        .map { "\($0)/pre-commit" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}
