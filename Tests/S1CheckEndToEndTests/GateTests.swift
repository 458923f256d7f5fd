import Foundation
import Synchronization
import Testing
import S1CheckTestSupport

/// Issue 10, through the real binary: a gate that never passes by accident and never harms a file.
/// Device nodes, FIFOs, sockets, symlinks and mounts are the tests' own, made in their scratch folders;
/// the system's /dev is never touched. Tests that need root (mknod, mount) run as root or under CI,
/// where a missing privilege is a failure, not a skip.
enum Gate {
    /// A plan that fails (drift): a finding line on the console.
    static let failing = PlanJSON(title: "t", window: nil, devices: #"[{"type": "ESME", "manufacturer": "m", "model": "x", "firmware": "1"}]"#,
                                  combinations: nil, artefacts: #"[{"document": "SEC", "version": "71.0"}]"#, waivers: nil, layout: .oneLine)

    static let asRoot = geteuid() == 0
    static var rootOrCI: Bool { asRoot || ExternalTool.inCI }
    static let needsRoot = Comment(rawValue: "needs root (mknod, mount); runs as root or under CI=true")

    struct Result {
        var status: Int32
        var signalled: Bool
        var stdout: Data
        var stderr: Data
        var out: String { String(decoding: stdout, as: UTF8.self) }
        var err: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// A running binary whose output goes to files (no pipe to drain, so no threads), killed at its limit.
    struct Launched {
        let process: Process
        let outURL: URL, errURL: URL
        let exited: ExitSignal

        /// Waits for the exit (the timeout is a safety net: the run is killed and the test fails).
        func wait(timeout: TimeInterval) throws -> Result {
            defer { try? FileManager.default.removeItem(at: outURL); try? FileManager.default.removeItem(at: errURL) }
            if !exited.wait(timeout: timeout) {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                throw CLI.TimedOut(args: process.arguments ?? [])
            }
            process.waitUntilExit()
            return Result(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                          stdout: (try? Data(contentsOf: outURL)) ?? Data(), stderr: (try? Data(contentsOf: errURL)) ?? Data())
        }
    }

    static func start(_ args: [String], in dir: URL, executable: URL = CLI.binary, env extra: [String: String] = [:]) throws -> Launched {
        // $S1CHECK names the binary for shell command lines.
        let p = CLI.process(args, in: dir, executable: executable, env: ["S1CHECK": CLI.binary.path].merging(extra) { $1 })
        let tag = UUID().uuidString
        let outURL = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("gate-\(tag).out")
        let errURL = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("gate-\(tag).err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        p.standardOutput = try FileHandle(forWritingTo: outURL)
        p.standardError = try FileHandle(forWritingTo: errURL)
        p.standardInput = FileHandle.nullDevice
        let exited = ExitSignal(p)
        try p.run()
        return Launched(process: p, outURL: outURL, errURL: errURL, exited: exited)
    }

    static func run(_ args: [String], in dir: URL, timeout: TimeInterval = 60, env: [String: String] = [:]) throws -> Result {
        try start(args, in: dir, env: env).wait(timeout: timeout)
    }

    /// Runs a shell script with $S1CHECK set: for arguments that are not UTF-8, which Process cannot pass.
    static func shell(_ script: String, in dir: URL, timeout: TimeInterval = 60) throws -> Result {
        try start(["-c", script], in: dir, executable: URL(fileURLWithPath: "/bin/sh")).wait(timeout: timeout)
    }

    /// Writes a file whose path is given as bytes (it need not be UTF-8).
    static func write(_ path: [UInt8], _ text: String) {
        let fd = (path + [0]).withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        }
        precondition(fd >= 0, "cannot create a test file")
        _ = Array(text.utf8).withUnsafeBytes { Foundation.write(fd, $0.baseAddress!, $0.count) }
        close(fd)
    }

    static func lstatMode(_ path: String) -> mode_t? {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & S_IFMT : nil
    }

    static func entries(_ dir: String) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() }

    static func temporaryFiles(_ dir: String) -> [String] { entries(dir).filter { $0.contains(".s1check-") } }

    /// /dev/null's numbers, for a character device the test makes in its own folder.
    static let nullDevice = dev_t((1 << 8) | 3)

    static func mknod(_ path: String, _ type: mode_t, _ device: dev_t) throws {
        guard Glibc.mknod(path, type | 0o644, device) == 0 else { throw Failure("mknod \(path): errno \(errno)") }
    }

    static func mkfifo(_ path: String) throws {
        guard Glibc.mkfifo(path, 0o644) == 0 else { throw Failure("mkfifo \(path): errno \(errno)") }
    }

    /// A listening Unix socket at `path` (closed when the test ends; the node stays).
    static func makeSocket(_ path: String) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure("socket: errno \(errno)") }
        defer { close(fd) }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: addr.sun_path) else { throw Failure("socket path too long") }
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
            raw[bytes.count] = 0
        }
        let ok = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard ok == 0 else { throw Failure("bind \(path): errno \(errno)") }
    }

    /// Mounts a small tmpfs (or, with `options`, anything `mount` takes); nil with the reason if it cannot.
    static func mount(_ args: [String]) -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/mount")
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return "cannot run mount" }
        p.waitUntilExit()
        return p.terminationStatus == 0 ? nil : "mount \(args.joined(separator: " ")) failed (status \(p.terminationStatus))"
    }

    static func unmount(_ dir: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/umount")
        p.arguments = ["-l", dir]
        try? p.run()
        p.waitUntilExit()
    }

    /// A mount the test needs: where it cannot be made, the test is skipped with the reason, except under
    /// CI, where it fails.
    static func requireMount(_ args: [String]) throws {
        guard let why = mount(args) else { return }
        if ExternalTool.inCI { throw Failure("under CI a test must not skip: \(why)") }
        try Test.cancel(Comment(rawValue: "\(why); needs root (runs under CI=true)"))
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    static func json(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}

// MARK: 1. Option values

@Suite struct OptionValueTests {
    @Test(arguments: [
        (["--junit", "--strict"], "--junit needs a value, not \"--strict\""),
        (["--strict", "--json"], "--json needs a value"),
        (["--junit="], "--junit needs a value, and was given an empty one"),
        (["--json=-x"], "--json needs a value, not \"-x\""),
        (["--json", "-x"], "--json needs a value, not \"-x\""),
        (["--devices", "--junit", "j.xml"], "--devices needs a value, not \"--junit\""),
        (["--baseline", "-"], "--baseline needs a file; s1check does not read inputs from standard input"),
    ])
    func aMissingOrOptionLikeValueIsAUsageError(extra: [String], message: String) throws {
        let s = Scratch()
        s.write("p.plan.json", CLI.goodPlan)
        let out = try Gate.run(["check", "p.plan.json", "--as-of", "2023-06-01"] + extra, in: s.url)
        #expect(out.status == 2, "\(out.err)")
        #expect(out.err.contains(message), "\(out.err)")
        // Nothing was taken for a file name.
        #expect(Gate.entries(s.url.path) == ["p.plan.json"])
    }

    @Test func positionalDashAndEmptyAreUsageErrors() throws {
        let s = Scratch()
        s.write("p.plan.json", CLI.goodPlan)
        let dash = try Gate.run(["check", "-", "--as-of", "2023-06-01"], in: s.url)
        #expect(dash.status == 2 && dash.err.contains("does not read plans from standard input"), "\(dash.err)")
        let empty = try Gate.run(["check", "p.plan.json", "", "--as-of", "2023-06-01"], in: s.url)
        #expect(empty.status == 2 && empty.err.contains("an empty argument"), "\(empty.err)")
    }

    @Test func dashIsStandardOutputAndTheConsoleMovesToStandardError() throws {
        let s = Scratch()
        s.write("plans/bad.plan.json", Gate.failing.with(id: "BAD-1").text)
        s.write("plans/good.plan.json", CLI.goodPlan)
        let out = try Gate.run(["check", "plans", "--as-of", "2023-06-01", "--json", "-", "--junit", "j.xml"], in: s.url)
        #expect(out.status == 1)
        let report = try Gate.json(out.stdout)
        #expect((report["plans"] as? [[String: Any]])?.count == 2)
        #expect(out.err.contains("plans/bad.plan.json:1: error: SEC is declared at 71.0"), "\(out.err)")
        #expect(out.err.contains("FAIL: 2 plans checked"))
        #expect(FileManager.default.fileExists(atPath: s.path("j.xml")))
        // The same through a pipe, and through /dev/stdout (the process's own standard output).
        let piped = try CLI.run(["check", "plans", "--as-of", "2023-06-01", "--json", "/dev/stdout"], in: s.url)
        #expect(piped.status == 1)
        #expect(try JSONSerialization.jsonObject(with: Data(piped.stdout.utf8)) is [String: Any], "\(piped.stdout.prefix(300))")
        #expect(piped.stderr.contains("FAIL: 2 plans checked"))
    }

    @Test func aNonBlockingStandardOutputIsWaitedOn() throws {
        // Some parents leave a pipe non-blocking: a full pipe must be waited on, not taken for a failure,
        // by a report on standard output and by the console lines alike.
        let s = Scratch()
        for i in 0..<400 { s.write("plans/p\(i).plan.json", Gate.failing.with(id: "P-\(i)").text) }
        func run(_ extra: [String]) throws -> Data {
            let p = CLI.process(["check", "plans", "--as-of", "2023-06-01"] + extra, in: s.url)
            let out = Pipe()
            let w = out.fileHandleForWriting.fileDescriptor
            _ = fcntl(w, F_SETFL, fcntl(w, F_GETFL) | O_NONBLOCK)
            // The pipe is full before the run starts, so its first write finds no room (EAGAIN), with no
            // clock deciding whether the reader is slow enough.
            let one = [UInt8(ascii: "#")]
            var prefilled = 0
            while one.withUnsafeBytes({ Foundation.write(w, $0.baseAddress, 1) }) == 1 { prefilled += 1 }
            #expect(errno == EAGAIN && prefilled >= 4096, "the pipe filled: \(prefilled) bytes, errno \(errno)")
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            try p.run()
            try out.fileHandleForWriting.close()
            let all = out.fileHandleForReading.readDataToEndOfFile()
            #expect(all.prefix(prefilled).allSatisfy { $0 == UInt8(ascii: "#") })
            let bytes = all.dropFirst(prefilled)
            p.waitUntilExit()
            #expect(p.terminationStatus == 1)
            #expect(bytes.count > 1 << 16, "more than a pipe holds")
            return bytes
        }
        #expect((try Gate.json(run(["--json", "-"]))["plans"] as? [[String: Any]])?.count == 400)
        let console = String(decoding: try run([]), as: UTF8.self)
        #expect(console.contains("FAIL: 400 plans checked"), "\(console.suffix(300))")
    }

    @Test func atMostOneReportOnStandardOutput() throws {
        let s = Scratch()
        s.write("p.plan.json", CLI.goodPlan)
        for pair in [["--json", "-", "--junit", "-"], ["--json", "-", "--markdown", "/dev/stdout"]] {
            let out = try CLI.run(["check", "p.plan.json", "--as-of", "2023-06-01"] + pair, in: s.url)
            #expect(out.status == 2)
            #expect(out.stderr.contains("two reports would be written to standard output"), "\(out.stderr)")
            #expect(out.stdout.isEmpty)
        }
        // A file whose name starts with "-" is written ./-name.
        let named = try Gate.run(["check", "p.plan.json", "--as-of", "2023-06-01", "--json", "./-r.json"], in: s.url)
        #expect(named.status == 0, "\(named.err)")
        #expect(FileManager.default.fileExists(atPath: s.path("-r.json")))
    }
}

// MARK: 2. Overlapping paths

@Suite struct OverlappingPathTests {
    @Test func eachPlanIsCheckedOnceWhateverTheOrder() throws {
        let s = Scratch()
        s.write("plans/a.plan.json", Gate.failing.with(id: "A-1").text)
        s.write("plans/foc/b.plan.json", CLI.goodPlan.replacingOccurrences(of: "OK-1", with: "B-1"))
        s.write("plans/foc/c.plan.json", CLI.goodPlan.replacingOccurrences(of: "OK-1", with: "C-1"))
        s.write("plans/foc/other.json", "{}")
        // (Named after "foc", so the files keep their plain paths: a file reached two ways goes by the first
        // path in byte order.)
        try FileManager.default.createSymbolicLink(atPath: s.path("plans/z-again"), withDestinationPath: "foc")
        var results: [(Gate.Result, Data)] = []
        for (i, paths) in [["plans", "plans/foc"], ["plans/foc", "plans"], ["plans/foc/b.plan.json", "plans", "plans/foc/"],
                           ["plans/z-again", "plans/foc", "plans"]].enumerated() {
            let out = try Gate.run(["check"] + paths + ["--as-of", "2023-06-01", "--json", "r\(i).json"], in: s.url)
            results.append((out, try Data(contentsOf: s.url.appendingPathComponent("r\(i).json"))))
        }
        for (out, _) in results {
            #expect(out.status == 1, "\(out.out)\(out.err)")
            #expect(out.out.contains("FAIL: 3 plans checked"), "\(out.out)")
            #expect(!out.out.contains("no *.plan.json"), "\(out.out)")
            #expect(!out.out.contains("duplicate-plan-id"))
            #expect(out.out.contains("passed over 1 .json file not named *.plan.json: plans/foc/other.json"), "\(out.out)")
        }
        // The same plans under the same names: the reports are identical.
        #expect(Set(results.map { $0.1 }).count == 1)
        #expect(Set(results.map { $0.0.out }).count == 1)
    }
}

// MARK: 3. Special files and entries the walk cannot examine

@Suite struct SpecialInputTests {
    @Test func aFIFOIsRefusedWithoutWaiting() throws {
        let s = Scratch()
        s.write("plans/good.plan.json", CLI.goodPlan)
        try Gate.mkfifo(s.path("plans/x.plan.json"))
        try Gate.mkfifo(s.path("fifo.json"))
        let walked = try Gate.run(["check", "plans", "--as-of", "2023-06-01"], in: s.url, timeout: 10)
        #expect(walked.status == 2)
        #expect(walked.out.contains("plans/x.plan.json: error: is a FIFO (named pipe), not a regular file"), "\(walked.out)")
        #expect(walked.out.contains("1 plan checked"))
        for args in [["fifo.json"], ["plans/good.plan.json", "--baseline", "fifo.json"], ["plans/good.plan.json", "--devices", "fifo.json"]] {
            let out = try Gate.run(["check"] + args + ["--as-of", "2023-06-01"], in: s.url, timeout: 10)
            #expect(out.status == 2, "\(args)")
            #expect(out.all.contains("fifo.json") && out.all.contains("is a FIFO (named pipe), not a regular file"), "\(args): \(out.all)")
        }
        let diff = try Gate.run(["baseline", "diff", "@embedded", "fifo.json"], in: s.url, timeout: 10)
        #expect(diff.status == 2 && diff.err.contains("is a FIFO"), "\(diff.err)")
    }

    @Test(.enabled(if: Gate.rootOrCI, Gate.needsRoot))
    func devicesAndSocketsAreRefusedWithoutOpening() throws {
        let s = Scratch()
        s.write("plans/good.plan.json", CLI.goodPlan)
        try Gate.mknod(s.path("plans/chr.plan.json"), S_IFCHR, Gate.nullDevice)
        try Gate.mknod(s.path("blk.json"), S_IFBLK, dev_t((7 << 8) | 200))
        try Gate.makeSocket(s.path("plans/sock.plan.json"))
        let out = try Gate.run(["check", "plans", "--as-of", "2023-06-01"], in: s.url, timeout: 10)
        #expect(out.status == 2)
        #expect(out.out.contains("plans/chr.plan.json: error: is a character device, not a regular file"), "\(out.out)")
        #expect(out.out.contains("plans/sock.plan.json: error: is a socket, not a regular file"), "\(out.out)")
        #expect(out.out.contains("1 plan checked"))
        let blk = try Gate.run(["check", "plans/good.plan.json", "--devices", "blk.json"], in: s.url, timeout: 10)
        #expect(blk.status == 2 && blk.err.contains("blk.json: is a block device, not a regular file"), "\(blk.err)")
    }

    @Test func whatTheWalkCannotExamineIsNamed() throws {
        let s = Scratch()
        s.write("plans/good.plan.json", CLI.goodPlan)
        try FileManager.default.createSymbolicLink(atPath: s.path("plans/gone"), withDestinationPath: "elsewhere")
        try FileManager.default.createSymbolicLink(atPath: s.path("plans/loop"), withDestinationPath: "loop")
        let out = try Gate.run(["check", "plans", "--as-of", "2023-06-01"], in: s.url, timeout: 10)
        #expect(out.status == 2)
        #expect(out.out.contains("plans/gone: error: cannot examine this entry: it does not exist"), "\(out.out)")
        #expect(out.out.contains("plans/loop: error: cannot examine this entry: a symlink loop"), "\(out.out)")
        #expect(out.out.contains("1 plan checked"))
    }

    @Test func aPathLongerThanTheSystemTakesIsNamedNotSkipped() throws {
        let s = Scratch()
        s.write("plans/good.plan.json", CLI.goodPlan)
        // Folders 200 bytes a name, deeper than PATH_MAX (4096) from the scratch folder, made one level at a
        // time (a path that long cannot be given to mkdir whole); a plan at the bottom.
        let name = String(repeating: "d", count: 200)
        var fd = open(s.path("plans"), O_RDONLY | O_DIRECTORY)
        for _ in 0..<22 {
            mkdirat(fd, name, 0o755)
            let next = openat(fd, name, O_RDONLY | O_DIRECTORY)
            close(fd)
            fd = next
        }
        let pfd = openat(fd, "deep.plan.json", O_WRONLY | O_CREAT, 0o644)
        _ = Array(CLI.goodPlan.utf8).withUnsafeBytes { Foundation.write(pfd, $0.baseAddress!, $0.count) }
        close(pfd)
        close(fd)
        let out = try Gate.run(["check", "plans", "--as-of", "2023-06-01"], in: s.url, timeout: 30)
        #expect(out.status == 2, "\(out.out)")
        #expect(out.out.contains("its path is longer than the system allows"), "\(out.out.suffix(600))")
        #expect(out.out.contains("1 plan checked"))
        // The scratch folder cannot remove what it cannot reach by path.
        _ = try Gate.shell("rm -rf plans", in: s.url)
    }

    @Test(.enabled(if: Gate.rootOrCI, Gate.needsRoot))
    func aFolderItCannotListIsNamed() throws {
        // Root lists any folder, so the binary runs as nobody (setpriv), on a folder nobody may not list.
        let s = Scratch()
        s.write("plans/good.plan.json", CLI.goodPlan)
        s.write("plans/locked/hidden.plan.json", CLI.goodPlan)
        chmod(s.path("plans/locked"), 0o000)
        defer { chmod(s.path("plans/locked"), 0o755) }
        let drop = try Gate.asNobody()
        let out = try Gate.shell("\(drop)\"$S1CHECK\" check plans --as-of 2023-06-01", in: s.url, timeout: 10)
        #expect(out.status == 2, "\(out.out)\(out.err)")
        #expect(out.out.contains("plans/locked: error: cannot list this folder: permission denied"), "\(out.out)\(out.err)")
        #expect(out.out.contains("1 plan checked"))
        // Named on its own, it is one entry saying why, not also "no plan in this folder".
        let alone = try Gate.shell("\(drop)\"$S1CHECK\" check plans/locked --as-of 2023-06-01", in: s.url, timeout: 10)
        #expect(alone.status == 2)
        #expect(alone.out.split(separator: "\n").filter { $0.hasPrefix("plans/locked:") }
            == ["plans/locked: error: cannot list this folder: permission denied [input-error]"], "\(alone.out)")
        // Named twice (once with a trailing slash), still one entry.
        let twice = try Gate.shell("\(drop)\"$S1CHECK\" check plans/locked plans/locked/ --as-of 2023-06-01", in: s.url, timeout: 10)
        #expect(twice.out.split(separator: "\n").filter { $0.hasPrefix("plans/locked") }.count == 1, "\(twice.out)")
    }
}

// MARK: 4. Report targets

@Suite struct ReportTargetTests {
    @Test(.enabled(if: Gate.rootOrCI, Gate.needsRoot))
    func aCharacterDeviceIsWrittenIntoNeverReplaced() throws {
        let s = Scratch()
        s.write("p.plan.json", CLI.goodPlan)
        try Gate.mknod(s.path("null"), S_IFCHR, Gate.nullDevice)
        try FileManager.default.createSymbolicLink(atPath: s.path("to-null"), withDestinationPath: "null")
        let out = try Gate.run(["check", "p.plan.json", "--as-of", "2023-06-01", "--json", "null", "--junit", "to-null", "--markdown", "r.md"], in: s.url)
        // Two reports into one device is refused; one is fine.
        #expect(out.status == 2 && out.err.contains("two reports would be written"), "\(out.err)")
        let one = try Gate.run(["check", "p.plan.json", "--as-of", "2023-06-01", "--json", "null", "--markdown", "r.md"], in: s.url)
        #expect(one.status == 0, "\(one.err)")
        let link = try Gate.run(["check", "p.plan.json", "--as-of", "2023-06-01", "--junit", "to-null"], in: s.url)
        #expect(link.status == 0, "\(link.err)")
        var st = stat()
        #expect(stat(s.path("null"), &st) == 0 && (st.st_mode & S_IFMT) == S_IFCHR && st.st_rdev == Gate.nullDevice)
        #expect(Gate.lstatMode(s.path("to-null")) == S_IFLNK)
        #expect(FileManager.default.fileExists(atPath: s.path("r.md")))
        #expect(Gate.temporaryFiles(s.url.path).isEmpty)
    }

    @Test(.enabled(if: Gate.rootOrCI, Gate.needsRoot))
    func foldersBlockDevicesAndSocketsAreRefused() throws {
        let s = Scratch()
        s.write("p.plan.json", CLI.goodPlan)
        try FileManager.default.createDirectory(atPath: s.path("dir"), withIntermediateDirectories: true)
        try Gate.mknod(s.path("blk"), S_IFBLK, dev_t((7 << 8) | 200))
        try Gate.makeSocket(s.path("sock"))
        for (target, words, type) in [("dir", "is a folder", S_IFDIR), ("dir/.", "is a folder", S_IFDIR), ("blk", "is a block device", S_IFBLK),
                                      ("sock", "is a socket", S_IFSOCK)] {
            let out = try Gate.run(["check", "p.plan.json", "--as-of", "2023-06-01", "--json", target, "--markdown", "ok.md"], in: s.url)
            #expect(out.status == 2)
            #expect(out.err.contains("--json \(target) \(words)"), "\(out.err)")
            #expect(Gate.lstatMode(s.path(target)) == type)
            #expect(!FileManager.default.fileExists(atPath: s.path("ok.md")), "nothing is written when a target is refused")
        }
    }

    @Test func aSymlinkNeverLeadsToItsTargetBeingReplaced() throws {
        let s = Scratch()
        s.write("p.plan.json", CLI.goodPlan)
        s.write("real.json", "previous report")
        chmod(s.path("real.json"), 0o600)
        try FileManager.default.createSymbolicLink(atPath: s.path("link.json"), withDestinationPath: "real.json")
        try FileManager.default.createSymbolicLink(atPath: s.path("dangling.json"), withDestinationPath: "nowhere/r.json")
        for link in ["link.json", "dangling.json"] {
            let out = try Gate.run(["check", "p.plan.json", "--as-of", "2023-06-01", "--json", link], in: s.url)
            #expect(out.status == 2)
            #expect(out.err.contains("--json \(link) is a symlink"), "\(out.err)")
            #expect(Gate.lstatMode(s.path(link)) == S_IFLNK)
        }
        #expect(try String(contentsOfFile: s.path("real.json"), encoding: .utf8) == "previous report")
        var st = stat()
        #expect(stat(s.path("real.json"), &st) == 0 && st.st_mode & 0o777 == 0o600)
        #expect(!FileManager.default.fileExists(atPath: s.path("nowhere")))
        // A symlinked folder on the way is fine: only the last component is never followed to a file.
        try FileManager.default.createDirectory(atPath: s.path("out"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: s.path("out-link"), withDestinationPath: "out")
        let folder = try Gate.run(["check", "p.plan.json", "--as-of", "2023-06-01", "--json", "out-link/r.json"], in: s.url)
        #expect(folder.status == 0, "\(folder.err)")
        #expect(Gate.lstatMode(s.path("out/r.json")) == S_IFREG)
    }

    @Test func aReplacedReportKeepsItsPermissions() throws {
        let s = Scratch()
        s.write("p.plan.json", CLI.goodPlan)
        s.write("r.json", "previous report")
        chmod(s.path("r.json"), 0o640)
        let out = try Gate.run(["check", "p.plan.json", "--as-of", "2023-06-01", "--json", "r.json"], in: s.url)
        #expect(out.status == 0)
        var st = stat()
        #expect(stat(s.path("r.json"), &st) == 0 && st.st_mode & 0o777 == 0o640)
        #expect(try Gate.json(Data(contentsOf: s.url.appendingPathComponent("r.json")))["plans"] != nil)
    }

    @Test func aFIFOIsWrittenIntoAndOneNobodyReadsIsAnErrorNotAHang() throws {
        let s = Scratch()
        s.write("bad.plan.json", Gate.failing.with(id: "BAD-1").text)
        try Gate.mkfifo(s.path("fifo"))
        let lonely = try Gate.run(["check", "bad.plan.json", "--as-of", "2023-06-01", "--json", "fifo", "--markdown", "r.md"], in: s.url, timeout: 10)
        #expect(lonely.status == 2)
        #expect(lonely.err.contains("fifo: cannot write this report: no process is reading from it"), "\(lonely.err)")
        // The findings came first, and no other report was put in place.
        #expect(lonely.out.contains("bad.plan.json:1: error: SEC is declared at 71.0"))
        #expect(!FileManager.default.fileExists(atPath: s.path("r.md")))
        #expect(Gate.temporaryFiles(s.url.path).isEmpty)
        // With a reader (this test, holding the FIFO open; the report is smaller than a pipe's buffer), the
        // report arrives through the FIFO, which stays a FIFO.
        let reader = open(s.path("fifo"), O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        let read = try Gate.run(["check", "bad.plan.json", "--as-of", "2023-06-01", "--json", "fifo"], in: s.url, timeout: 10)
        #expect(read.status == 1, "\(read.err)")
        var got = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { Foundation.read(reader, $0.baseAddress!, $0.count) }
            if n <= 0 { break }
            got += buffer[0..<n]
        }
        #expect(try Gate.json(Data(got))["summary"] != nil)
        #expect(Gate.lstatMode(s.path("fifo")) == S_IFIFO)
    }

    @Test func aReportPathThatIsAnInputByAnyNameIsRefused() throws {
        let s = Scratch()
        s.write("plans/p.plan.json", CLI.goodPlan)
        s.write("devices.json", #"{"deviceModels": [], "combinations": []}"#)
        link(s.path("plans/p.plan.json"), s.path("hard-link.json"))
        try FileManager.default.createSymbolicLink(atPath: s.path("alias"), withDestinationPath: "plans")
        for target in ["hard-link.json", "alias/p.plan.json", "plans/../devices.json"] {
            let out = try Gate.run(["check", "plans", "--devices", "devices.json", "--as-of", "2023-06-01", "--json", target], in: s.url)
            #expect(out.status == 2)
            #expect(out.err.contains("is one of the inputs"), "\(target): \(out.err)")
        }
        #expect(try String(contentsOfFile: s.path("plans/p.plan.json"), encoding: .utf8) == CLI.goodPlan)
    }

    /// The issue's overlay case: layers on different file systems, where a directory entry's inode is not
    /// the file's. A report path equal to the plan must still be refused.
    @Test(.enabled(if: Gate.rootOrCI, Gate.needsRoot))
    func aReportPathThatIsAPlanOnAnOverlayIsRefused() throws {
        let s = Scratch()
        for d in ["lower", "upper", "work", "merged"] {
            try FileManager.default.createDirectory(atPath: s.path(d), withIntermediateDirectories: true)
        }
        try Gate.requireMount(["-t", "tmpfs", "-o", "size=1m", "tmpfs", s.path("lower")])
        defer { Gate.unmount(s.path("lower")) }
        s.write("lower/plans/p.plan.json", CLI.goodPlan)
        try Gate.requireMount(["-t", "overlay", "overlay", "-o", "lowerdir=\(s.path("lower")),upperdir=\(s.path("upper")),workdir=\(s.path("work"))", s.path("merged")])
        defer { Gate.unmount(s.path("merged")) }
        // Copy the plan up to the upper layer (same bytes, a new upper inode).
        let fd = open(s.path("merged/plans/p.plan.json"), O_WRONLY | O_APPEND)
        close(fd)
        let out = try Gate.run(["check", "merged/plans", "--as-of", "2023-06-01", "--json", "merged/plans/p.plan.json"], in: s.url)
        #expect(out.status == 2)
        #expect(out.err.contains("is one of the inputs"), "\(out.err)")
        #expect(try String(contentsOfFile: s.path("merged/plans/p.plan.json"), encoding: .utf8) == CLI.goodPlan)
    }
}

// MARK: 5 and 6. The report set; write failures

@Suite struct ReportSetTests {
    @Test(.enabled(if: Gate.rootOrCI, Gate.needsRoot))
    func aFullDiskReplacesNoReportAndTheFindingsStillComeFirst() throws {
        let s = Scratch()
        for i in 0..<40 { s.write("plans/p\(i).plan.json", Gate.failing.with(id: "P-\(i)").text) }
        try FileManager.default.createDirectory(atPath: s.path("disk"), withIntermediateDirectories: true)
        try Gate.requireMount(["-t", "tmpfs", "-o", "size=64k", "tmpfs", s.path("disk")])
        defer { Gate.unmount(s.path("disk")) }
        for name in ["j.xml", "r.md", "r.json"] { s.write("disk/\(name)", "old \(name)") }
        let out = try Gate.run(["check", "plans", "--as-of", "2023-06-01", "--junit", "disk/j.xml", "--markdown", "disk/r.md", "--json", "disk/r.json"], in: s.url)
        #expect(out.status == 2)
        #expect(out.err.contains("cannot write this report: the disk is full; no report was replaced"), "\(out.err)")
        // The tool's own words only.
        #expect(!out.err.contains("Error Domain") && !out.err.contains("NSCocoa") && !out.err.contains("No space left"))
        // The findings and the summary came first, on standard output.
        #expect(out.out.contains("plans/p0.plan.json:1: error: SEC is declared at 71.0"))
        #expect(out.out.contains("FAIL: 40 plans checked"))
        for name in ["j.xml", "r.md", "r.json"] {
            #expect(try String(contentsOfFile: s.path("disk/\(name)"), encoding: .utf8) == "old \(name)")
        }
        #expect(Gate.entries(s.path("disk")) == ["j.xml", "r.json", "r.md"])
    }

    @Test func aReportThatCannotStartStillLetsTheFindingsOut() throws {
        let s = Scratch()
        s.write("bad.plan.json", Gate.failing.with(id: "BAD-1").text)
        s.write("file", "in the way")
        let out = try Gate.run(["check", "bad.plan.json", "--as-of", "2023-06-01", "--json", "file/r.json", "--markdown", "r.md"], in: s.url)
        #expect(out.status == 2)
        #expect(out.out.contains("bad.plan.json:1: error: SEC is declared at 71.0"))
        #expect(out.err.contains("s1check: file: cannot create this folder: a file of that name is in the way; no report was written"), "\(out.err)")
        #expect(!FileManager.default.fileExists(atPath: s.path("r.md")))
        #expect(Gate.temporaryFiles(s.url.path).isEmpty)
    }

    /// Interrupts a run after every report is complete and before any is put in place: the JSON report
    /// goes into a FIFO whose reader never reads, so the run stops there, with the other two reports
    /// complete in their temporary files.
    static func interrupted(_ signo: Int32) throws {
        let s = Scratch()
        for i in 0..<300 { s.write("plans/p\(i).plan.json", Gate.failing.with(id: "P-\(i)").text) }
        for name in ["j.xml", "r.md"] { s.write("out/\(name)", "old \(name)") }
        try Gate.mkfifo(s.path("fifo"))
        // A reader that never reads: this test holds the FIFO open; the JSON report is larger than a pipe's buffer.
        let reader = open(s.path("fifo"), O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        let run = try Gate.start(["check", "plans", "--as-of", "2023-06-01", "--junit", "out/j.xml", "--markdown", "out/r.md", "--json", "fifo"], in: s.url)
        // The event: the JSON report's first bytes in the FIFO (or the run's end, a hang-up); the timeout
        // is a safety net. The report is larger than the FIFO holds, so the run then waits there.
        #expect(waitReadable(reader, timeout: 60), "nothing reached the FIFO")
        let during = Gate.temporaryFiles(s.path("out"))
        #expect(run.process.isRunning, "the run waits on the FIFO")
        // (Swift Testing starts the binary with these signals blocked; s1check unblocks them.)
        kill(run.process.processIdentifier, signo)
        let out = try run.wait(timeout: 30)
        #expect(during.count == 2, "\(during)")
        #expect(out.signalled && out.status == signo, "status \(out.status), signalled \(out.signalled): \(out.err)")
        #expect(Gate.temporaryFiles(s.path("out")).isEmpty, "\(Gate.entries(s.path("out")))")
        for name in ["j.xml", "r.md"] {
            #expect(try String(contentsOfFile: s.path("out/\(name)"), encoding: .utf8) == "old \(name)")
        }
    }

    @Test func sigtermMidRunLeavesNoTemporaryFileAndEveryOldReport() throws { try Self.interrupted(SIGTERM) }
    @Test func sigintMidRunLeavesNoTemporaryFileAndEveryOldReport() throws { try Self.interrupted(SIGINT) }

    @Test func staleTemporaryFilesOfGoneRunsAreRemovedAndLiveOnesKept() throws {
        let s = Scratch()
        s.write("p.plan.json", CLI.goodPlan)
        let stale = ".r.json.s1check-tmp-99999-0badf00d"
        let staleSpool = ".r.json.s1check-spool0-99999-0badf00d"
        let live = ".r.json.s1check-tmp-12345-1234abcd"
        let otherTarget = ".x.json.s1check-tmp-99999-0badf00d"
        let notOurs = ".r.json.s1check-tmp-by-hand"
        for name in [stale, staleSpool, live, otherTarget, notOurs] { s.write("out/\(name)", "partial") }
        // A live writer holds its file's lock: this test process plays one.
        let fd = open(s.path("out/\(live)"), O_RDONLY)
        #expect(flock(fd, LOCK_EX) == 0)
        defer { close(fd) }
        let out = try Gate.run(["check", "p.plan.json", "--as-of", "2023-06-01", "--json", "out/r.json"], in: s.url)
        #expect(out.status == 0, "\(out.err)")
        #expect(Gate.entries(s.path("out")) == [live, notOurs, otherTarget, "r.json"].sorted())
    }

    @Test func longReportNamesWork() throws {
        let s = Scratch()
        s.write("p.plan.json", CLI.goodPlan)
        // 245 and 255 bytes (NAME_MAX), one of them with multi-byte characters where the name is cut.
        let names = [String(repeating: "r", count: 240) + ".json", String(repeating: "é", count: 125) + ".json"]
        #expect(names.map(\.utf8.count) == [245, 255])
        for name in names {
            s.write(name, "old")
            let out = try Gate.run(["check", "p.plan.json", "--as-of", "2023-06-01", "--json", name, "--junit", "j-" + name.dropFirst(2)], in: s.url)
            #expect(out.status == 0, "\(out.err)")
            #expect(try Gate.json(Data(contentsOf: s.url.appendingPathComponent(name)))["plans"] != nil)
        }
        #expect(Gate.temporaryFiles(s.url.path).isEmpty)
    }
}

// MARK: 7. Pathological cost

@Suite struct PathologicalCostTests {
    @Test func a16MiBOneLinePlanFullOfErrorsIsAnsweredQuickly() throws {
        let s = Scratch()
        var text = #"{"id": "BIG-1", "title": "t", "phase": "FOC", "tbrd": "1.24", "deviceModels": [{"type": "ESME", "manufacturer": "m", "model": "x", "firmware": "1"}], "artefacts": ["#
        var i = 0
        let limit = 16 << 20
        while text.utf8.count < limit - 200 {
            text += #"{"document": "SEC", "version": 5.\#(i), "vesrion": "1"}, "#
            i += 1
        }
        text += #"{"document": "SEC", "version": "72.0"}]}"#
        #expect(text.utf8.count <= limit)
        s.write("big.plan.json", text)
        let out = try Gate.run(["check", "big.plan.json", "--as-of", "2023-06-01"], in: s.url, timeout: 120)
        #expect(out.status == 2)
        #expect(out.out.contains("big.plan.json: error: $: … and \(2 * i - 50) more errors in this file (s1check lists the first 50)"), "\(out.out.suffix(400))")
        #expect(out.out.split(separator: "\n").count < 60)
    }

    @Test func aThousandPlansAgainstFiveThousandRegistryEntriesWithNoMatch() throws {
        let s = Scratch()
        let models = (0..<5000).map { #"{"id": "DM-\#($0)", "type": "ESME", "manufacturer": "Maker \#($0) Meters Ltd", "model": "EM-\#($0 * 7)", "firmware": ["1.0"], "phases": ["FOC"]}"# }
        let combos = (0..<5000).map { #"{"id": "DMC-\#($0)", "deviceModels": ["DM-\#($0)"], "phases": ["FOC"]}"# }
        s.write("devices.json", #"{"deviceModels": [\#(models.joined(separator: ","))], "combinations": [\#(combos.joined(separator: ","))]}"#)
        for i in 0..<1000 {
            s.write("plans/p\(i).plan.json", #"{"id": "P-\#(i)", "title": "t", "phase": "FOC", "tbrd": "1.24", "deviceModels": [{"type": "ESME", "manufacturer": "Nobody Anywhere Corporation \#(i)", "model": "QQ-\#(i)", "firmware": "9"}], "deviceModelCombinations": ["XYZ-\#(i)"], "artefacts": [{"document": "SEC", "version": "72.0"}]}"#)
        }
        // A near miss among them is still suggested.
        s.write("plans/near.plan.json", #"{"id": "NEAR", "title": "t", "phase": "FOC", "tbrd": "1.24", "deviceModels": [{"type": "ESME", "manufacturer": "Makr 123 Meters Ltd", "model": "EM-861", "firmware": "1.0"}], "deviceModelCombinations": ["DMC-12x"], "artefacts": [{"document": "SEC", "version": "72.0"}]}"#)
        let out = try Gate.run(["check", "plans", "--devices", "devices.json", "--as-of", "2023-06-01"], in: s.url, timeout: 300)
        #expect(out.status == 1)
        #expect(out.out.contains("FAIL: 1001 plans checked"))
        #expect(out.out.contains("Makr 123 Meters Ltd EM-861 is not in the device registry; nearest entries: Maker 123 Meters Ltd EM-861"), "\(out.out.suffix(800))")
        #expect(out.out.contains("combination DMC-12x is not in the device registry; nearest: DMC-12, DMC-120, DMC-121"), "\(out.out.suffix(800))")
    }
}

// MARK: 8. Names and free text

@Suite struct NamesAndFreeTextTests {
    @Test func aPlanWhoseNameIsNotUTF8IsReadAndShownEscaped() throws {
        let s = Scratch()
        try FileManager.default.createDirectory(atPath: s.path("plans"), withIntermediateDirectories: true)
        Gate.write(Array((s.path("plans") + "/bad").utf8) + [0xFF] + Array("name.plan.json".utf8), Gate.failing.with(id: "BAD-1").text)
        Gate.write(Array((s.path("plans") + "/caf").utf8) + [0xE9] + Array(".json".utf8), "{}")
        let walked = try Gate.run(["check", "plans", "--as-of", "2023-06-01", "--json", "r.json", "--junit", "j.xml"], in: s.url)
        #expect(walked.status == 1, "\(walked.out)")
        #expect(walked.out.contains(#"plans/bad\xFFname.plan.json:1: error: SEC is declared at 71.0"#), "\(walked.out)")
        #expect(walked.out.contains(#"passed over 1 .json file not named *.plan.json: plans/caf\xE9.json"#), "\(walked.out)")
        let report = try Gate.json(Data(contentsOf: s.url.appendingPathComponent("r.json")))
        #expect((report["plans"] as? [[String: Any]])?.first?["file"] as? String == #"plans/bad\xFFname.plan.json"#)
        // Named directly (bytes that Process cannot pass, so through the shell).
        let direct = try Gate.shell(#""$S1CHECK" check "plans/$(printf 'bad\377name').plan.json" --as-of 2023-06-01"#, in: s.url)
        #expect(direct.status == 1, "\(direct.out)\(direct.err)")
        #expect(direct.out.contains(#"plans/bad\xFFname.plan.json:1: error"#))
        if ExternalTool.xmllint.shouldRun {
            let xml = try ExternalTool.xmllint.run(["--noout", "--schema", CLI.packageRoot.path + "/Tests/Fixtures/Schemas/junit-10.xsd", "j.xml"], in: s.url)
            #expect(xml.status == 0, "\(xml.err)")
        }
    }

    @Test func controlCharactersInFileNamesNeverReachTheConsoleRaw() throws {
        let s = Scratch()
        let hostile = "plans/x\u{1B}[2J\u{1B}[H\rPASS: 0 plans\nfake.plan.json"
        s.write(hostile, Gate.failing.with(id: "BAD-1").text)
        let out = try Gate.run(["check", "plans", "--as-of", "2023-06-01", "--json", "r.json"], in: s.url)
        #expect(out.status == 1)
        let console = out.stdout + out.stderr
        #expect(!console.contains(0x1B) && !console.contains(0x0D), "\(out.out)")
        #expect(out.out.contains(#"plans/x\x1B[2J\x1B[H\x0DPASS: 0 plans\x0Afake.plan.json:1: error: SEC is declared at 71.0"#), "\(out.out)")
        // Every line is s1check's own: no forged verdict line.
        #expect(out.out.split(separator: "\n").filter { $0.hasPrefix("PASS") || $0.hasPrefix("FAIL") }.count == 1)
        // Arguments quoted in messages are escaped too.
        let arg = try Gate.run(["check", "plans", "--as-of", "2023-06-01\u{1B}[2J"], in: s.url)
        #expect(arg.status == 2 && !arg.stderr.contains(0x1B), "\(arg.err)")
    }

    @Test func titlesAndReasonsWithTabsAndLineFeedsAreAcceptedAndEveryReportStaysValid() throws {
        let s = Scratch()
        let plan = #"{"id": "TXT-1", "title": "Line one\nline\ttwo", "phase": "FOC", "tbrd": "1.24", "deviceModelCombinations": ["D"], "artefacts": [{"document": "AM", "version": "12.0"}], "waivers": [{"rule": "consultation", "document": "AM", "reason": "Booked\nPASS: forged\tline", "expires": "2099-01-01"}]}"#
        s.write("t.plan.json", plan)
        s.write("cr.plan.json", plan.replacingOccurrences(of: "TXT-1", with: "TXT-2").replacingOccurrences(of: #"Line one\n"#, with: #"Line one\r"#))
        let out = try Gate.run(["check", "t.plan.json", "--as-of", "2023-06-01", "--junit", "j.xml", "--markdown", "r.md", "--json", "r.json"], in: s.url)
        #expect(out.status == 0, "\(out.out)\(out.err)")
        #expect(out.out.contains("(waived warn: Booked PASS: forged line) [consultation]"), "\(out.out)")
        #expect(out.out.split(separator: "\n").filter { $0.hasPrefix("PASS") }.count == 1)
        let json = try Gate.json(Data(contentsOf: s.url.appendingPathComponent("r.json")))
        let p = (json["plans"] as? [[String: Any]])?.first
        #expect(p?["title"] as? String == "Line one\nline\ttwo")
        let md = try String(contentsOfFile: s.path("r.md"), encoding: .utf8)
        #expect(md.contains("Line one line two"), "line breaks in a title become spaces in Markdown")
        #expect(!md.contains("Booked\n"))
        if ExternalTool.xmllint.shouldRun {
            let xml = try ExternalTool.xmllint.run(["--noout", "--schema", CLI.packageRoot.path + "/Tests/Fixtures/Schemas/junit-10.xsd", "j.xml"], in: s.url)
            #expect(xml.status == 0, "\(xml.err)")
        }
        if ExternalTool.cmarkGFM.shouldRun {
            let html = try ExternalTool.cmarkGFM.run(["-e", "table", "--validate-utf8", "r.md"], in: s.url)
            #expect(html.status == 0 && html.out.contains("<td>Booked PASS: forged line</td>"), "\(html.out)")
        }
        if ExternalTool.checkJSONSchema.shouldRun {
            // The plan schema agrees: tabs and line feeds in free text, not carriage returns.
            let schema = CLI.packageRoot.path + "/Plans/schemas/plan.schema.json"
            let v = try ExternalTool.checkJSONSchema.run(["--schemafile", schema, "t.plan.json"], in: s.url)
            #expect(v.status == 0, "\(v.out)\(v.err)")
            #expect(try ExternalTool.checkJSONSchema.run(["--schemafile", schema, "cr.plan.json"], in: s.url).status != 0)
        }
        // A carriage return is still a control character.
        let cr = try Gate.run(["check", "cr.plan.json", "--as-of", "2023-06-01"], in: s.url)
        #expect(cr.status == 2 && cr.out.contains("the plan title contains the control character U+000D"), "\(cr.out)")
    }
}

extension Gate.Result {
    var all: String { out + err }
}
