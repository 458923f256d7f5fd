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

    static func baseline(_ path: FilePath?) throws(Diagnostics) -> Loaded<Baseline> {
        guard let path, path.bytes != Array(embeddedToken.utf8) else {
            let bytes = EmbeddedBaseline.bytes
            return Loaded(value: EmbeddedBaseline.load(), bytes: bytes,
                          source: InputDigest(role: "baseline", file: EmbeddedBaseline.displayName, sha256: SHA256.hex(of: bytes)), file: nil)
        }
        return try load(path, role: "baseline") { BaselineDecoding.decode(file: path.display, bytes: $0) }
    }

    static func registry(_ path: FilePath) throws(Diagnostics) -> Loaded<DeviceRegistry> {
        try load(path, role: "device registry") { DeviceRegistryDecoding.decode(file: path.display, bytes: $0) }
    }

    /// A release scope (`--scope FILE`), read against the device registry its combinations must be in.
    static func scope(_ path: FilePath, registry: DeviceRegistry) throws(Diagnostics) -> Loaded<ScopeInput> {
        let loaded = try load(path, role: "release scope") { ScopeDecoding.decode(file: path.display, bytes: $0, registry: registry) }
        return Loaded(value: ScopeInput(scope: loaded.value, source: loaded.source, lines: LineIndex(loaded.bytes)),
                      bytes: loaded.bytes, source: loaded.source, file: loaded.file)
    }

    /// The policy file: `--config FILE`, or `s1check.json` in the working folder when there is one.
    static let defaultPolicyFile = FilePath("s1check.json")

    static func policy(_ path: FilePath?, names: DocumentNames) throws(Diagnostics) -> Loaded<Policy>? {
        guard let file = path ?? (Files.exists(defaultPolicyFile) ? defaultPolicyFile : nil) else { return nil }
        return try load(file, role: "policy") { PolicyDecoding.decode(file: file.display, bytes: $0, names: names) }
    }

    /// Reads a regular file and decodes it; its problems are input errors naming it.
    static func load<Value>(_ path: FilePath, role: String, decode: ([UInt8]) -> Result<Value, Diagnostics>) throws(Diagnostics) -> Loaded<Value> {
        let contents = try read(path)
        switch decode(contents.bytes) {
        case .success(let value):
            return Loaded(value: value, bytes: contents.bytes,
                          source: InputDigest(role: role, file: path.display, location: path.bytes, sha256: SHA256.hex(of: contents.bytes)), file: contents.id)
        case .failure(let e): throw e
        }
    }

    /// A regular file's contents: anything else (a FIFO, a device) is refused before it is opened.
    static func read(_ path: FilePath) throws(Diagnostics) -> Files.Contents {
        if let problem = Files.checkRegular(path) { throw Diagnostics([problem]) }
        switch Files.read(path) {
        case .success(let c): return c
        case .failure(let e): throw Diagnostics([e])
        }
    }

    /// Today's date in the local time zone (TZ, else /etc/localtime), the default for --as-of. From the C
    /// library: Foundation's time zones beyond UTC need its ICU data, which the release binary leaves out.
    static func today() -> CalendarDate {
        var now = time(nil), local = tm()
        localtime_r(&now, &local)
        return CalendarDate(year: Int(local.tm_year) + 1900, month: Int(local.tm_mon) + 1, day: Int(local.tm_mday))!
    }

    static func date(_ text: String, option: String) throws(Diagnostic) -> CalendarDate {
        guard let d = CalendarDate(iso: text) else {
            throw Diagnostic.usage("\(option) must be a real date written YYYY-MM-DD, not \"\(text)\"")
        }
        return d
    }
}
