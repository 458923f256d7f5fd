import Foundation
import Testing
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
}
