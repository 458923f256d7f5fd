import Foundation
import S1CheckCore

/// Loads the baseline (embedded or `--baseline FILE`) and the device registry, turning problems into
/// input errors that name the file.
enum Inputs {
    struct LoadedBaseline {
        var baseline: Baseline
        var bytes: [UInt8]
        var source: InputDigest
        /// The file it came from (nil: embedded), for comparing report targets with the inputs.
        var file: FileID?
    }

    /// The literal that names the embedded baseline where a file path is expected (`baseline diff`).
    static let embeddedToken = "@embedded"

    static func baseline(_ path: FilePath?) throws(Diagnostics) -> LoadedBaseline {
        guard let path, path.bytes != Array(embeddedToken.utf8) else {
            let bytes = EmbeddedBaseline.bytes
            return LoadedBaseline(baseline: EmbeddedBaseline.load(), bytes: bytes,
                                  source: InputDigest(role: "baseline", file: EmbeddedBaseline.displayName, sha256: SHA256.hex(of: bytes)),
                                  file: nil)
        }
        let contents = try read(path)
        switch BaselineDecoding.decode(file: path.display, bytes: contents.bytes) {
        case .success(let b):
            return LoadedBaseline(baseline: b, bytes: contents.bytes,
                                  source: InputDigest(role: "baseline", file: path.display, sha256: SHA256.hex(of: contents.bytes)),
                                  file: contents.id)
        case .failure(let e): throw e
        }
    }

    static func registry(_ path: FilePath) throws(Diagnostics) -> (registry: DeviceRegistry, source: InputDigest, file: FileID) {
        let contents = try read(path)
        switch DeviceRegistryDecoding.decode(file: path.display, bytes: contents.bytes) {
        case .success(let r): return (r, InputDigest(role: "device registry", file: path.display, sha256: SHA256.hex(of: contents.bytes)), contents.id)
        case .failure(let e): throw e
        }
    }

    /// The policy file: `--config FILE`, or `s1check.json` in the working folder when there is one.
    static let defaultPolicyFile = FilePath("s1check.json")

    static func policy(_ path: FilePath?, names: DocumentNames) throws(Diagnostics) -> (policy: Policy, source: InputDigest, file: FileID)? {
        guard let file = path ?? (Files.exists(defaultPolicyFile) ? defaultPolicyFile : nil) else { return nil }
        let contents = try read(file)
        switch PolicyDecoding.decode(file: file.display, bytes: contents.bytes, names: names) {
        case .success(let p): return (p, InputDigest(role: "policy", file: file.display, sha256: SHA256.hex(of: contents.bytes)), contents.id)
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

    /// Today's date in the local time zone, the default for --as-of.
    static func today() -> CalendarDate {
        let c = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: c.year!, month: c.month!, day: c.day!)!
    }

    static func asOf(_ text: String?) throws(Diagnostic) -> CalendarDate {
        guard let text else { return today() }
        return try date(text, option: "--as-of")
    }

    static func date(_ text: String, option: String) throws(Diagnostic) -> CalendarDate {
        guard let d = CalendarDate(iso: text) else {
            throw Diagnostic.usage("\(option) must be a real date written YYYY-MM-DD, not \"\(text)\"")
        }
        return d
    }
}
