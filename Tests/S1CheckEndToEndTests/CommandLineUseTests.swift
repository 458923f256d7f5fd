import Foundation
import Testing
import S1CheckTestSupport
@testable import s1check

/// The command line as a user meets it: options read as declared, help where users look for it.
@Suite struct CommandLineUseTests {
    /// `scope init --baseline -` was read through `try?`: the usage error every other command gives
    /// became the embedded baseline, exit 0 (issue 26.8).
    @Test func scopeInitRefusesStandardInputAsItsBaseline() throws {
        let out = try CLI.run(["scope", "init", "--phase", "FOC", "--devices", "Plans/devices.json", "--baseline", "-"])
        #expect(out.status == 2, "exit \(out.status)")
        #expect(out.stdout.isEmpty)
        #expect(out.stderr == "s1check: --baseline needs a file; s1check does not read inputs from standard input (for a file named -, write ./-)\n", "\(out.stderr)")
    }

    /// No error from user input is thrown away: the CLI has no `try?` at all, so none can come back.
    @Test func theCLISwallowsNoError() throws {
        let root = CLI.packageRoot.appendingPathComponent("Sources/s1check")
        let files = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)).compactMap { $0 as? URL }
            .filter { $0.pathExtension == "swift" }
        #expect(files.count > 10)
        for f in files {
            let lines = try String(contentsOf: f, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            for (i, line) in lines.enumerated() where line.contains(/(^|[^A-Za-z0-9_])try\?/) && !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                Issue.record("\(f.lastPathComponent):\(i + 1): try? swallows an error: \(line)")
            }
        }
    }

    /// Help where users look for it (issue 27.6): `-h`, `help COMMAND` and `COMMAND --version`.
    @Test func helpAndVersionWhereUsersLook() throws {
        let page = try CLI.run(["check", "--help"])
        #expect(page.status == 0 && page.stdout.hasPrefix("Usage: s1check check PATH..."))
        for args in [["check", "-h"], ["help", "check"], ["check", "Plans", "-h"]] {
            let out = try CLI.run(args)
            #expect(out.status == 0 && out.stdout == page.stdout && out.stderr.isEmpty, "\(args): \(out.stderr)")
        }
        let scopeInit = try CLI.run(["scope", "init", "--help"])
        #expect(try CLI.run(["help", "scope", "init"]).stdout == scopeInit.stdout)
        #expect(try CLI.run(["scope", "init", "-h"]).stdout == scopeInit.stdout)
        let version = try CLI.run(["--version"])
        #expect(version.status == 0 && version.stdout.hasPrefix("s1check "))
        for args in [["check", "--version"], ["baseline", "diff", "--version"], ["init", "--version"]] {
            let out = try CLI.run(args)
            #expect(out.status == 0 && out.stdout == version.stdout, "\(args): \(out.stdout)\(out.stderr)")
        }
        let unknown = try CLI.run(["help", "chek"])
        #expect(unknown.status == 2 && unknown.stderr == "s1check: no help for \"chek\" (did you mean check?); see s1check --help\n", "\(unknown.stderr)")
    }

    /// The table checks how many arguments a command takes (issue 23.5): too few or too many is a usage
    /// error naming the command, what it needs, how many were given and its help, before any file is read.
    @Test func positionalCountsAreCheckedByTheTable() throws {
        let cases: [([String], String)] = [
            (["check"], "check needs at least one plan file or folder (e.g. s1check check Plans), found 0; see s1check check --help"),
            (["check", "--strict", "--as-of", "2023-06-01"],
             "check needs at least one plan file or folder (e.g. s1check check Plans), found 0; see s1check check --help"),
            (["fix", "--write"], "fix needs at least one plan file or folder (e.g. s1check fix Plans), found 0; see s1check fix --help"),
            (["explain"], "explain needs one rule id, such as s1check explain artefact-version (s1check rules lists them), found 0; "
                + "see s1check explain --help"),
            (["explain", "artefact-version", "tbrd-version"], "explain needs one rule id, such as s1check explain artefact-version "
                + "(s1check rules lists them), found 2; see s1check explain --help"),
            (["baseline", "diff", "@embedded"], "baseline diff needs two baselines: OLD NEW (use @embedded for the embedded one), found 1; "
                + "see s1check baseline diff --help"),
            (["baseline", "diff", "@embedded", "@embedded", "Plans"], "baseline diff needs two baselines: OLD NEW (use @embedded for the "
                + "embedded one), found 3; see s1check baseline diff --help"),
            // A third path after --plans is most likely a second plan folder: the error says how to give it.
            (["baseline", "diff", "--plans", "Plans/ioc", "Plans/moc", "@embedded", "@embedded"], "baseline diff needs two baselines: OLD NEW "
                + "(use @embedded for the embedded one), found 3; give --plans once per plan path (--plans A --plans B); see s1check baseline diff --help"),
            (["schema", "plan", "scope"], "schema needs one name, plan, scope, policy, devices, baseline, report (such as s1check schema plan), "
                + "found 2; see s1check schema --help"),
        ]
        for (args, message) in cases {
            let out = try CLI.run(args)
            #expect(out.status == 2 && out.stdout.isEmpty, "\(args): exit \(out.status)")
            #expect(out.stderr == "s1check: \(message)\n", "\(args): \(out.stderr)")
        }
        // The right count runs the command.
        #expect(try CLI.run(["explain", "artefact-version"]).status == 0)
        #expect(try CLI.run(["baseline", "diff", "@embedded", "@embedded"]).status == 0)
    }

    /// `scope init` cannot run without a registry: its usage line and help say so.
    @Test func scopeInitShowsDevicesAsRequired() throws {
        let out = try CLI.run(["scope", "init", "--help"])
        #expect(out.stdout.hasPrefix("Usage: s1check scope init --phase IOC|MOC|FOC --devices FILE [--release NAME]"), "\(out.stdout)")
        #expect(!out.stdout.contains("(required)"))
        let missing = try CLI.run(["scope", "init", "--phase", "FOC"])
        #expect(missing.status == 2 && missing.stderr == "s1check: scope init needs --devices FILE\n", "\(missing.stderr)")
    }

    /// Test and installation types are words like the phase: any case is accepted.
    @Test func choicesAreReadWhateverTheirCase() throws {
        let out = try CLI.run(["init", "--phase", "foc", "--id", "SVT-FOC-0100", "--test-type", "regression", "--installation-type", "active",
                               "--installation-type", "DORMANT", "--start", "2023-06-01"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains(#""testType": "Regression""#) && out.stdout.contains(#""Active""#) && out.stdout.contains(#""Dormant""#), "\(out.stdout)")
        let scope = try CLI.run(["scope", "init", "--phase", "FOC", "--devices", "Plans/devices.json", "--test-type", "sit", "--installation-type", "mixed"])
        #expect(scope.status == 0 && scope.stdout.contains(#""SIT""#) && scope.stdout.contains(#""Mixed""#), "\(scope.stderr)")
        let bad = try CLI.run(["init", "--phase", "FOC", "--id", "X-1", "--test-type", "regresion"])
        #expect(bad.status == 2 && bad.stderr == "s1check: --test-type must be Migration, SIT, SRVT or Regression, not \"regresion\"\n", "\(bad.stderr)")
    }

    /// An error about a path as a whole names the path, not the JSON root `$` of a file never read.
    @Test func aPathErrorSaysThePath() throws {
        let out = try CLI.run(["check", "nosuch", "--as-of", "2023-06-01"])
        #expect(out.status == 2)
        #expect(out.stdout.hasPrefix("nosuch: error: cannot read this path: it does not exist [input-error]\n"), "\(out.stdout)")
        let github = try CLI.run(["check", "nosuch", "--format", "github", "--as-of", "2023-06-01"])
        #expect(github.stdout.hasPrefix("::error file=nosuch,title=input-error::cannot read this path: it does not exist\n"), "\(github.stdout)")
        let devices = try CLI.run(["check", "Plans", "--devices", "nosuch.json"])
        #expect(devices.status == 2 && devices.stderr == "s1check: nosuch.json: cannot read this file: it does not exist\n", "\(devices.stderr)")
    }

    /// One plan that covers no cell is "1 plan covers", not "1 plan cover".
    @Test func onePlanCoversNoCell() throws {
        let out = try CLI.run(["check", "Plans/ioc/SVT-IOC-0008-migration-cessation.plan.json", "--devices", "Plans/devices.json",
                               "--scope", "Plans/scope.json", "--as-of", "2023-06-01"])
        #expect(out.stdout.contains("; 1 plan covers no cell;"), "\(out.stdout)")
        let all = try CLI.run(["check", "Plans", "--devices", "Plans/devices.json", "--scope", "Plans/scope.json", "--as-of", "2023-06-01"])
        #expect(all.stdout.contains(" plans cover no cell;"), "\(all.stdout)")
    }

    /// `@embedded` is the embedded baseline; a file of that name is `./@embedded`, and never shadowed
    /// silently (issue 26, suspected).
    @Test func atEmbeddedNeverShadowsAFile() throws {
        let s = Scratch()
        let next = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/Baselines/tbrd-1.25.baseline.json")
        try FileManager.default.createDirectory(at: s.url.appendingPathComponent("b"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: next, to: s.url.appendingPathComponent("b/@embedded"))
        let file = try CLI.run(["baseline", "diff", "@embedded", "b/@embedded"], in: s.url)
        #expect(file.status == 1, "b/@embedded is the file, which differs from the embedded baseline: \(file.all)")
        let b = s.url.appendingPathComponent("b")
        let same = try CLI.run(["baseline", "diff", "./@embedded", next.path], in: b)
        #expect(same.status == 0, "./@embedded is the file: \(same.all)")
        let ambiguous = try CLI.run(["baseline", "diff", "@embedded", "./@embedded"], in: b)
        #expect(ambiguous.status == 2 && ambiguous.stderr == "s1check: @embedded names the embedded baseline, and a file of that name is in the working folder too: write ./@embedded for the file, or move it\n", "\(ambiguous.stderr)")
        let check = try CLI.run(["check", CLI.packageRoot.appendingPathComponent("Plans").path, "--baseline", "@embedded"], in: b)
        #expect(check.status == 2 && check.stderr.contains("@embedded names the embedded baseline"), "\(check.stderr)")
    }
}
