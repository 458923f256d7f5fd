import Foundation
import Testing
import S1CheckCore
import S1CheckTestSupport

/// The release binary (.ci/build-release) runs on a machine with no Swift toolchain: in a private mount
/// namespace the toolchain is hidden under empty tmpfs mounts, the debug binary (which links the
/// toolchain's libraries) is shown to fail there, and the release binary then prints its version and
/// writes the committed example reports byte for byte. Needs root and unshare(1); without them, or
/// without the binary, it is skipped with the reason, except under CI, where it runs and fails.
@Suite(.enabled(if: ReleaseBinary.blocker == nil || ExternalTool.inCI, Comment(rawValue: ReleaseBinary.blocker ?? "")))
struct ReleaseBinaryTests {
    func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// What to hide: the toolchain's folder (/opt/swift), or where it is installed in /usr (the swift
    /// images), its runtime libraries and compiler. Found from where the debug binary loads its runtime.
    func toolchain() throws -> (folders: [String], files: [String]) {
        let ldd = try ExternalTool.ldd.run([CLI.binary.path]).out
        let line = try #require(ldd.split(separator: "\n").first { $0.contains("libswiftCore.so => ") }, "the debug binary does not load libswiftCore.so: \(ldd)")
        let library = String(line.components(separatedBy: "=> ")[1].split(separator: " ")[0])
        let prefix = try #require(library.components(separatedBy: "/lib/swift/").first)
        if prefix == "/usr" {
            let tools = ["swift", "swift-frontend", "swift-driver", "swift-build", "swiftc"].map { "/usr/bin/\($0)" }
            return (["/usr/lib/swift", "/usr/lib/swift_static"].filter { FileManager.default.fileExists(atPath: $0) },
                    tools.filter { FileManager.default.fileExists(atPath: $0) })
        }
        return ([prefix.hasSuffix("/usr") ? String(prefix.dropLast(4)) : prefix], [])
    }

    @Test func runsWithNoSwiftToolchainAndWritesTheCommittedReports() throws {
        if let blocker = ReleaseBinary.blocker { Issue.record("CI runs this test: \(blocker)"); return }
        let size = try #require(try FileManager.default.attributesOfItem(atPath: ReleaseBinary.binary.path)[.size] as? Int)
        #expect(size <= ReleaseBinary.maximumBytes, "the release binary is \(size) bytes; more than 20 MB means Foundation (ICU) is linked again")
        let sums = try ExternalTool.sha256sum.run(["-c", ReleaseBinary.name + ".sha256"], in: ReleaseBinary.dist)
        #expect(sums.status == 0 && sums.out == "\(ReleaseBinary.name): OK\n", "\(sums.out)\(sums.err)")

        let hide = try toolchain()
        let s = Scratch()
        let job = GoldenReportTests.mainJob + GoldenReportTests.reportOptions(folder: s.url.path)
        // In the namespace: hide the toolchain, show that the debug binary cannot start, then run the
        // release binary: its version, and the README's main job.
        let script = """
            set -u
            for d in \(hide.folders.map(quote).joined(separator: " ")); do mount -t tmpfs -o size=1m s1check-no-toolchain "$d" || exit 90; done
            for f in \(hide.files.map(quote).joined(separator: " ")); do mount --bind /dev/null "$f" || exit 90; done
            if \(quote(CLI.binary.path)) --version >/dev/null 2>&1; then echo "the debug binary still starts: the toolchain is not hidden"; exit 91; fi
            if command -v swiftc >/dev/null 2>&1 && swiftc --version >/dev/null 2>&1; then echo "swiftc still runs"; exit 92; fi
            \(quote(ReleaseBinary.binary.path)) --version || exit 93
            \(quote(ReleaseBinary.binary.path)) \(job.map(quote).joined(separator: " ")) >\(quote(s.path("console.txt")))
            echo "check exited $?"
            """
        let r = try ExternalTool.unshare.run(["--mount", "--propagation", "private", "/bin/sh", "-c", script], in: CLI.packageRoot)
        #expect(r.status == 0, "\(r.out)\(r.err)")
        #expect(r.out == "s1check \(ToolInfo.version) (embedded baseline: TBRD v\(EmbeddedBaseline.load().tbrd.version))\ncheck exited 1\n", "\(r.out)\(r.err)")
        // The evidence pack ends with the command that made it, whose report paths are this test's: all
        // before it must agree.
        func comparable(_ data: Data?, _ report: String) -> Data? {
            guard report == "report.md", let data else { return data }
            return Data(String(decoding: data, as: UTF8.self).components(separatedBy: "\n## Reproduce this run\n")[0].utf8)
        }
        for report in ["junit.xml", "report.md", "report.json", "s1check.sarif", "codequality.json", "summary.md"] {
            let made = comparable(try? Data(contentsOf: s.url.appendingPathComponent(report)), report)
            #expect(made == comparable(try Data(contentsOf: CLI.packageRoot.appendingPathComponent("Reports/\(report)")), report),
                    "the release binary's \(report) is not Reports/\(report) (an old binary? run .ci/build-release)")
        }
        // The same console lines as the debug binary gives.
        let debug = try CLI.run(GoldenReportTests.mainJob)
        #expect((try? String(contentsOf: s.url.appendingPathComponent("console.txt"), encoding: .utf8)) == debug.stdout)
    }

}

/// Where the release binary is, and what keeps its test from running here.
enum ReleaseBinary {
    static let name = "s1check-\(ToolInfo.version)-linux-\(machine())"
    static let dist = CLI.packageRoot.appendingPathComponent(".build-release/dist")
    static let binary = dist.appendingPathComponent(name)
    /// The release binary stays small: FoundationEssentials, not Foundation and its ICU data (59 MB).
    static let maximumBytes = 20_000_000

    static var blocker: String? {
        if getuid() != 0 { return "needs root, for a private mount namespace that hides the Swift toolchain" }
        if ExternalTool.unshare.path == nil { return "needs unshare(1) (Debian util-linux)" }
        if !FileManager.default.isExecutableFile(atPath: binary.path) { return "no release binary at .build-release/dist/\(name): run .ci/build-release" }
        return nil
    }

    static func machine() -> String {
        var u = utsname()
        uname(&u)
        return withUnsafeBytes(of: u.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
}
