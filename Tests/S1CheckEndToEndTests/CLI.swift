import Foundation
import S1CheckTestSupport

/// Runs the real `s1check` binary, as CI and users do.
enum CLI {
    static let packageRoot = S1CheckTestSupport.packageRoot
    /// A plan that checks clean (one device, the SEC at its baseline version), for tests about everything
    /// around the plans.
    static let goodPlan = PlanJSON(id: "OK-1", title: "t", window: nil, devices: #"[{"type": "ESME", "manufacturer": "m", "model": "x", "firmware": "1"}]"#,
                                   combinations: nil, waivers: nil, layout: .oneLine).text

    /// The binary SwiftPM built beside the test bundle (the test target depends on it, so it is built).
    static let binary: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("s1check")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return packageRoot.appendingPathComponent(".build/debug/s1check")
    }()

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        var all: String { stdout + stderr }
    }

    /// A process for `executable` in `dir`, with this environment but for NO_COLOR (colour is decided by
    /// the terminal under test), plus `extra`.
    static func process(_ args: [String], in dir: URL, executable: URL = binary, env extra: [String: String] = [:]) -> Process {
        let p = Process()
        p.executableURL = executable
        p.arguments = args
        p.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NO_COLOR")
        for (k, v) in extra { env[k] = v }
        p.environment = env
        return p
    }

    /// Runs with a time limit: a hung gate is a failure, not a stuck CI job.
    static func run(_ args: [String], in dir: URL = packageRoot, env extra: [String: String] = [:], timeout: TimeInterval = 60) throws -> Output {
        let p = process(args, in: dir, env: extra)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        let exited = ExitSignal(p)
        try p.run()
        let outData = CollectedBytes(), errData = CollectedBytes()
        let group = DispatchGroup()
        for (pipe, box) in [(out, outData), (err, errData)] {
            group.enter()
            DispatchQueue.global().async { let d = pipe.fileHandleForReading.readDataToEndOfFile(); box.bytes.withLock { $0 = d }; group.leave() }
        }
        if !exited.wait(timeout: timeout) { p.terminate(); throw TimedOut(args: args) }
        group.wait()
        p.waitUntilExit()
        return Output(status: p.terminationStatus, stdout: String(decoding: outData.data, as: UTF8.self),
                      stderr: String(decoding: errData.data, as: UTF8.self))
    }

    struct TimedOut: Error { let args: [String] }

    static func fixture(_ path: String) -> String { "Tests/Fixtures/" + path }

    static func json(_ url: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }
}

