import Foundation
import Testing
@testable import s1check

/// What every command prints on standard output reaches it, or the run says it did not (issue 26.6):
/// with standard output on a full disk (`/dev/full`), no command may exit 0 (or 1, "a change to make")
/// as if its plan, patch or catalogue had been printed.
@Suite struct StandardOutputTests {
    /// Arguments that make each command print on standard output, by its words. A new command gets its
    /// line here (`everyCommandIsTried` says which is missing).
    static let printing: [String: [String]] = [
        "check": ["Plans", "--as-of", "2023-06-01"],
        "fix": ["Plans/moc/SVT-MOC-0017-mmc-drift.plan.json"],
        "baseline": [],
        "baseline export": [],
        "baseline diff": ["@embedded", "Tests/Fixtures/Baselines/tbrd-1.25.baseline.json"],
        "init": ["--phase", "FOC", "--id", "SVT-FOC-0100"],
        "scope": ["--help"],
        "scope init": ["--phase", "FOC", "--devices", "Plans/devices.json"],
        "rules": [],
        "explain": ["artefact-version"],
        "schema": ["plan"],
    ]

    /// Runs the binary with standard output on /dev/full.
    static func runOnFullDisk(_ args: [String]) throws -> (status: Int32, stderr: String) {
        let p = CLI.process(args, in: CLI.packageRoot)
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let err = Pipe()
        p.standardOutput = full
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: stderr, as: UTF8.self))
    }

    static let lost = "s1check: standard output: cannot write: the disk is full; what was printed is incomplete\n"

    @Test func everyCommandIsTried() {
        for (words, _) in CommandTableTests.all {
            #expect(Self.printing[words.joined(separator: " ")] != nil, "add \(words) to StandardOutputTests.printing")
        }
    }

    @Test(arguments: CommandTableTests.all.map { $0.words.joined(separator: " ") })
    func aFullDiskIsExitTwoNamingIt(command: String) throws {
        guard let args = Self.printing[command] else { return }
        let out = try Self.runOnFullDisk(command.split(separator: " ").map(String.init) + args)
        #expect(out.status == 2, "\(command): exit \(out.status)")
        #expect(out.stderr.hasSuffix(Self.lost), "\(command): \(out.stderr)")
    }

    @Test(arguments: [["--help"], ["--version"], ["check", "--help"], ["scope", "init", "--help"]])
    func helpAndVersionOnAFullDiskAreExitTwo(args: [String]) throws {
        let out = try Self.runOnFullDisk(args)
        #expect(out.status == 2 && out.stderr == Self.lost, "\(args): exit \(out.status): \(out.stderr)")
    }

    /// The report on standard output says so once, as the report set's failure.
    @Test func aReportOnAFullStandardOutputIsExitTwo() throws {
        let out = try Self.runOnFullDisk(["check", "Plans", "--as-of", "2023-06-01", "--junit", "-"])
        #expect(out.status == 2, "exit \(out.status)")
        #expect(out.stderr.contains("cannot write this report: the disk is full"), "\(out.stderr)")
    }
}
