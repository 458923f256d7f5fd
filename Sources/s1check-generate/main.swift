// s1check-generate: regenerates every generated file of the repository, and nothing else (a development
// tool, not part of the release: .ci/build-release ships only `s1check`). Run from the package root:
//
//     swift run s1check-generate           writes the files that are out of date, naming each
//     swift run s1check-generate --check   writes nothing; lists them and exits 1 if any is
//
// The files (`Generated` in Tests/S1CheckTestSupport; the tests check them and name this command):
// the schemas' rule-id enums, the verdict fixtures under Tests/Fixtures/Verdicts/, docs/rules.md, the
// README's command block, the usage lines and `formatVersion` docs/ quote, and Reports/, which the
// README's main job writes: so the real `s1check` (this target depends on it, so SwiftPM builds it
// first, beside this executable) runs the main job, prints `rules --format markdown` and its help.
// Each file is replaced atomically (a temporary file renamed over it), and only if its bytes change.
import Foundation
import S1CheckCore
import S1CheckReports
import S1CheckTestSupport

struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The package these sources are in (Sources/s1check-generate/main.swift is two folders down).
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The `s1check` SwiftPM built beside this executable.
func binary() throws(Failure) -> URL {
    let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")).map { URL(fileURLWithPath: $0) }
        ?? URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    let beside = me.deletingLastPathComponent().appendingPathComponent("s1check")
    guard FileManager.default.isExecutableFile(atPath: beside.path) else {
        throw Failure("no s1check beside \(me.path): run `swift run s1check-generate` (which builds it) from the package root")
    }
    return beside
}

/// Runs the binary in `dir`; its standard output, and its exit status, which must be one of `expected`.
func run(_ s1check: URL, _ args: [String], in dir: URL, expected: Set<Int32> = [0]) throws -> [UInt8] {
    let p = Process()
    p.executableURL = s1check
    p.arguments = args
    p.currentDirectoryURL = dir
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    p.environment = env
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    try p.run()
    // Standard error on a thread of its own, so neither pipe fills while the other is read.
    let errBytes = LockedBytes()
    let errRead = DispatchSemaphore(value: 0)
    Thread { errBytes.set(err.fileHandleForReading.readDataToEndOfFile()); errRead.signal() }.start()
    let bytes = out.fileHandleForReading.readDataToEndOfFile()
    errRead.wait()
    p.waitUntilExit()
    guard expected.contains(p.terminationStatus) else {
        throw Failure("s1check \(args.joined(separator: " ")) (in \(dir.path)) exited \(p.terminationStatus), expected \(expected.sorted()):\n\(String(decoding: errBytes.bytes, as: UTF8.self))")
    }
    return [UInt8](bytes)
}

final class LockedBytes: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ d: Data) { lock.lock(); data = d; lock.unlock() }
    var bytes: Data { lock.lock(); defer { lock.unlock() }; return data ?? Data() }
}

func read(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: root.appendingPathComponent(path))) }
func readText(_ path: String) throws -> String { String(decoding: try read(path), as: UTF8.self) }

/// Every generated file as it should be, relative to the package root; and the files to remove (verdict
/// fixtures no example makes any more).
func generate() throws -> (files: [(path: String, bytes: [UInt8])], remove: [String]) {
    let s1check = try binary()
    var files: [(path: String, bytes: [UInt8])] = []

    // The schemas' rule-id enums, edited in place.
    for file in GeneratedFile.all { files.append((file.path, try file.generate(from: try read(file.path)))) }

    // The verdict fixtures, from the rules' examples; any other .json or .xml under their folder goes.
    var made: Set<String> = []
    for fixture in ExampleFixture.all {
        for (path, text) in fixture.files { files.append((path, Array(text.utf8))); made.insert(path) }
    }
    let fixtures = root.appendingPathComponent(ExampleFixture.root)
    let onDisk = ((try? FileManager.default.subpathsOfDirectory(atPath: fixtures.path)) ?? [])
        .filter { $0.hasSuffix(".json") || $0.hasSuffix(".xml") }.map { "\(ExampleFixture.root)/\($0)" }
    let remove = onDisk.filter { !made.contains($0) }.sorted()

    // docs/rules.md: `s1check rules --format markdown`.
    files.append(("docs/rules.md", try run(s1check, ["rules", "--format", "markdown"], in: root)))

    // The command list and every command's usage line, from the help pages.
    let main = String(decoding: try run(s1check, ["--help"], in: root), as: UTF8.self)
    guard let start = main.range(of: "\nUsage:\n"), let end = main.range(of: "\n\nExit status", range: start.upperBound..<main.endIndex) else {
        throw Failure("s1check --help: no \"Usage:\" list of commands")
    }
    let commandList = main[start.upperBound..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
        .map { $0.hasPrefix("  ") ? String($0.dropFirst(2)) : String($0) }.joined(separator: "\n")
    var usage: [String: String] = [:]
    for line in commandList.split(separator: "\n") where line.hasPrefix("s1check ") {
        let words = line.split(separator: " ").dropFirst().prefix { !$0.hasPrefix("-") && !$0.hasPrefix("[") && $0.uppercased() != $0 }.map(String.init)
        guard !words.isEmpty else { continue }
        let page = String(decoding: try run(s1check, words + ["--help"], in: root), as: UTF8.self)
        // The page's first usage line, wrapped at the help's width with the options under the first.
        var lines = page.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard let first = lines.popFirst(), first.hasPrefix("Usage: ") else { throw Failure("s1check \(words.joined(separator: " ")) --help: no usage line") }
        var joined = String(first.dropFirst("Usage: ".count))
        while let next = lines.first, next.hasPrefix(" "), !next.trimmingCharacters(in: .whitespaces).hasPrefix("s1check ") {
            joined += " " + next.trimmingCharacters(in: .whitespaces)
            lines = lines.dropFirst()
        }
        usage[words.joined(separator: " ")] = joined
    }

    // README.md, docs/*.md: the command block, the usage lines, formatVersion.
    var texts: [String: String] = [:]
    let docs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)
        .filter { $0.hasSuffix(".md") && $0 != "rules.md" }.sorted().map { "docs/" + $0 }
    for path in docs { texts[path] = try readText(path) }
    texts["README.md"] = try Generated.readme(try readText("README.md"), commandList: commandList)
    var unknown: [String] = []
    for path in docs {
        let edited = Generated.usageLines(in: texts[path]!, path: path, usage: usage)
        texts[path] = edited.text
        unknown += edited.unknown
    }
    guard unknown.isEmpty else { throw Failure(unknown.joined(separator: "\n")) }
    for path in Generated.formatVersionFiles {
        guard let text = texts[path] else { throw Failure("\(path): not found") }
        texts[path] = Generated.formatVersions(in: text, version: JSONReport.formatVersion).text
    }
    for path in ["README.md"] + docs { files.append((path, Array(texts[path]!.utf8))) }

    // Reports/: the README's main job, run in a folder of its own on a copy of Plans/ (the evidence pack
    // prints the command, so it is the same command); the sample plans fail by design (exit 1).
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("s1check-generate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: work) }
    try FileManager.default.copyItem(at: root.appendingPathComponent("Plans"), to: work.appendingPathComponent("Plans"))
    _ = try run(s1check, Generated.mainJob + Generated.reportOptions(folder: "Reports"), in: work, expected: [1])
    for name in Generated.reportNames {
        files.append(("Reports/\(name)", [UInt8](try Data(contentsOf: work.appendingPathComponent("Reports/\(name)")))))
    }
    return (files, remove)
}

do {
    let arguments = Array(CommandLine.arguments.dropFirst())
    guard arguments.isEmpty || arguments == ["--check"] else {
        throw Failure("usage: swift run s1check-generate [--check] (from the package root)")
    }
    let checking = arguments == ["--check"]
    guard FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) else {
        throw Failure("\(root.path) is not the package these sources were built from: build s1check-generate in the package")
    }
    let (files, remove) = try generate()
    var changed: [String] = []
    for (path, bytes) in files {
        let url = root.appendingPathComponent(path)
        if let current = try? Data(contentsOf: url), [UInt8](current) == bytes { continue }
        changed.append(path)
        if checking { continue }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url, options: .atomic)
        print("wrote \(path)")
    }
    for path in remove {
        changed.append(path)
        if checking { continue }
        let url = root.appendingPathComponent(path)
        try FileManager.default.removeItem(at: url)
        // Its folder too, once empty (git keeps no empty folder).
        let folder = url.deletingLastPathComponent()
        if (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty == true { try? FileManager.default.removeItem(at: folder) }
        print("removed \(path) (no rule example makes it)")
    }
    if checking {
        for path in changed { print("out of date: \(path)") }
        print(changed.isEmpty ? "\(files.count) generated files, all current" : "\(changed.count) of \(files.count + remove.count) generated files out of date: run swift run s1check-generate")
        exit(changed.isEmpty ? 0 : 1)
    }
    print("\(files.count) generated files, \(changed.count) rewritten")
} catch {
    FileHandle.standardError.write(Data("s1check-generate: \(error)\n".utf8))
    exit(2)
}
