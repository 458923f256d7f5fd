#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import S1CheckCore

/// Loads the baseline (embedded or `--baseline FILE`) and the device registry, turning problems into
/// input errors that name the file.
enum Inputs {
    /// An input file decoded, with its digest (for the reports) and, for a file, its identity (for
    /// comparing report targets with the inputs; nil for the embedded baseline).
    struct Loaded<Value> {
        var value: Value
        var bytes: [UInt8]
        var source: InputDigest
        var file: FileID?
    }

    /// The literal that names the embedded baseline where a file path is expected (`baseline diff`).
    static let embeddedToken = "@embedded"

    /// The baseline: embedded (no path, or `@embedded`), or a file. `@embedded` never shadows a file of that
    /// name silently: with one in the working folder it is a usage error (write `./@embedded` for the file).
    static func baseline(_ path: FilePath?) throws(Diagnostics) -> Loaded<Baseline> {
        if let path, path.bytes == Array(embeddedToken.utf8), Files.exists(path) {
            throw Diagnostics.usage("@embedded names the embedded baseline, and a file of that name is in the working folder too: "
                + "write ./@embedded for the file, or move it")
        }
        guard let path, path.bytes != Array(embeddedToken.utf8) else {
            let bytes = EmbeddedBaseline.bytes
            return Loaded(value: EmbeddedBaseline.load(), bytes: bytes,
                          source: InputDigest(role: "baseline", file: EmbeddedBaseline.displayName, sha256: SHA256.hex(of: bytes)), file: nil)
        }
        return try load(path, role: "baseline") { (bytes) throws(Diagnostics) in try BaselineDecoding.decode(file: path.display, bytes: bytes) }
    }

    static func registry(_ path: FilePath) throws(Diagnostics) -> Loaded<DeviceRegistry> {
        try load(path, role: "device registry") { (bytes) throws(Diagnostics) in try DeviceRegistryDecoding.decode(file: path.display, bytes: bytes) }
    }

    /// A release scope (`--scope FILE`), read against the device registry its combinations must be in.
    static func scope(_ path: FilePath, registry: DeviceRegistry) throws(Diagnostics) -> Loaded<ScopeInput> {
        let loaded = try load(path, role: "release scope") { (bytes) throws(Diagnostics) in try ScopeDecoding.decode(file: path.display, bytes: bytes, registry: registry) }
        return Loaded(value: ScopeInput(scope: loaded.value, source: loaded.source, lines: LineIndex(loaded.bytes)),
                      bytes: loaded.bytes, source: loaded.source, file: loaded.file)
    }

    /// The name of the policy file found from the inputs.
    static let policyFileName = Array("s1check.json".utf8)

    /// The policy file (`policy` reads it), or nil.
    static func policy(_ path: FilePath?, names: DocumentNames) throws(Diagnostics) -> Loaded<Policy>? {
        guard let file = path else { return nil }
        return try load(file, role: "policy") { (bytes) throws(Diagnostics) in try PolicyDecoding.decode(file: file.display, bytes: bytes, names: names) }
    }

    /// The policy file of a run (docs/plans.md, "A policy file"): `--config FILE`; none with `--no-config`;
    /// else the nearest `s1check.json` from each input (a folder, or a file's folder) up to the repository
    /// root (the folder holding `.git`; without one, up to the file system's root), as ruff and SwiftLint
    /// find theirs. One run has one policy: inputs that find different files (or one a file, another
    /// none) are a usage error naming them, never a policy applied to plans it was not written for.
    static func policyFile(config: FilePath?, none: Bool, inputs: [FilePath]) throws(Diagnostics) -> FilePath? {
        // (Both together are refused by the table, as contradicting options.)
        if none { return nil }
        if let config { return config }
        var found: [(input: FilePath, file: FilePath?)] = []
        for input in inputs where !found.contains(where: { $0.input == input }) {
            found.append((input, nearestPolicyFile(from: input)))
        }
        guard let first = found.first else { return nil }
        let key = { (f: FilePath?) in f.map { Files.resolved($0) } }
        if let other = found.first(where: { key($0.file) != key(first.file) }) {
            func says(_ f: (input: FilePath, file: FilePath?)) -> String {
                "\(f.input.display) finds " + (f.file.map(\.display) ?? "none")
            }
            throw Diagnostics.usage("the inputs find different policy files (\(says(first)); \(says(other))), and one run has one policy: "
                + "give it with --config FILE, or --no-config for none")
        }
        return first.file
    }

    /// The nearest `s1check.json` in the folder of `input` (the input itself when it is a folder) or one
    /// above it, stopping at the folder that holds `.git`. Named relative to the working folder.
    static func nearestPolicyFile(from input: FilePath) -> FilePath? {
        var st = stat()
        let isFolder = input.trimmed.withCString { stat($0, &st) } == 0 && (st.st_mode & S_IFMT) == S_IFDIR
        // The folder with its symlinks and `.`/`..` resolved: a name inside it, resolved, less that name.
        var folder = Files.resolved((isFolder ? input.trimmed : input.parent).appending(Array("x".utf8))).parent.bytes
        let slash = UInt8(ascii: "/")
        while true {
            let candidate = FilePath(folder).appending(policyFileName)
            if Files.exists(candidate) { return relativeToWorkingFolder(candidate) }
            if Files.exists(FilePath(folder).appending(Array(".git".utf8))) || folder == [slash] { return nil }
            folder = FilePath(folder).parent.bytes
        }
    }

    /// An absolute path as the user would write it from the working folder: `s1check.json`,
    /// `Plans/s1check.json`, `../s1check.json`; absolute when only the root is shared.
    static func relativeToWorkingFolder(_ path: FilePath) -> FilePath {
        guard let cwd = getcwd(nil, 0) else { return path }
        let here = FilePath(cString: cwd).bytes
        free(cwd)
        let slash = UInt8(ascii: "/")
        let a = here.split(separator: slash).map(Array.init), b = path.bytes.split(separator: slash).map(Array.init)
        var k = 0
        while k < a.count && k < b.count - 1 && a[k] == b[k] { k += 1 }
        if k == 0 && !a.isEmpty { return path }
        let up = Array(repeating: Array("..".utf8), count: a.count - k)
        return FilePath(Array((up + b[k...]).joined(separator: [slash])))
    }

    /// Reads a regular file and decodes it; its problems are input errors naming it.
    static func load<Value>(_ path: FilePath, role: String, decode: ([UInt8]) throws(Diagnostics) -> Value) throws(Diagnostics) -> Loaded<Value> {
        let contents = try read(path)
        let value = try decode(contents.bytes)
        return Loaded(value: value, bytes: contents.bytes,
                      source: InputDigest(role: role, file: path.display, location: path.bytes, sha256: SHA256.hex(of: contents.bytes)), file: contents.id)
    }

    /// A regular file's contents: anything else (a FIFO, a device) is refused before it is opened.
    static func read(_ path: FilePath) throws(Diagnostics) -> Files.Contents {
        if let problem = Files.checkRegular(path) { throw Diagnostics(problem) }
        switch Files.read(path) {
        case .success(let c): return c
        case .failure(let e): throw Diagnostics(e)
        }
    }

    /// Today's date in the local time zone (TZ, else /etc/localtime), the default for --as-of. From the C
    /// library: Foundation's time zones beyond UTC need its ICU data, which the release binary leaves out.
    static func today() -> CalendarDate {
        var now = time(nil), local = tm()
        localtime_r(&now, &local)
        return CalendarDate(year: Int(local.tm_year) + 1900, month: Int(local.tm_mon) + 1, day: Int(local.tm_mday))!
    }

    static func date(_ text: String, option: String) throws(Diagnostics) -> CalendarDate {
        guard let d = CalendarDate(iso: text) else {
            throw Diagnostics.usage("\(option) must be a real date written YYYY-MM-DD, not \"\(text)\"")
        }
        return d
    }
}
