import Foundation
import S1CheckCore

/// Loads the baseline (embedded or `--baseline FILE`) and the device registry, turning problems into
/// input errors that name the file.
enum Inputs {
    struct LoadedBaseline {
        var baseline: Baseline
        var bytes: [UInt8]
        var source: InputDigest
        var path: String?
    }

    /// The literal that names the embedded baseline where a file path is expected (`baseline diff`).
    static let embeddedToken = "@embedded"

    static func baseline(_ path: String?) throws(Diagnostics) -> LoadedBaseline {
        guard let path, path != embeddedToken else {
            let bytes = EmbeddedBaseline.bytes
            return LoadedBaseline(baseline: EmbeddedBaseline.load(), bytes: bytes,
                                  source: InputDigest(role: "baseline", file: EmbeddedBaseline.displayName, sha256: SHA256.hex(of: bytes)),
                                  path: nil)
        }
        let bytes: [UInt8]
        switch Files.read(path) {
        case .success(let b): bytes = b
        case .failure(let e): throw Diagnostics([e])
        }
        switch BaselineDecoding.decode(file: path, bytes: bytes) {
        case .success(let b):
            return LoadedBaseline(baseline: b, bytes: bytes, source: InputDigest(role: "baseline", file: path, sha256: SHA256.hex(of: bytes)), path: path)
        case .failure(let e): throw e
        }
    }

    static func registry(_ path: String) throws(Diagnostics) -> (DeviceRegistry, InputDigest) {
        let bytes: [UInt8]
        switch Files.read(path) {
        case .success(let b): bytes = b
        case .failure(let e): throw Diagnostics([e])
        }
        switch DeviceRegistryDecoding.decode(file: path, bytes: bytes) {
        case .success(let r): return (r, InputDigest(role: "device registry", file: path, sha256: SHA256.hex(of: bytes)))
        case .failure(let e): throw e
        }
    }

    /// The policy file: `--config FILE`, or `s1check.json` in the working folder when there is one.
    static let defaultPolicyFile = "s1check.json"

    static func policy(_ path: String?, names: DocumentNames) throws(Diagnostics) -> (Policy, InputDigest)? {
        guard let file = path ?? (Files.exists(defaultPolicyFile) ? defaultPolicyFile : nil) else { return nil }
        let bytes: [UInt8]
        switch Files.read(file) {
        case .success(let b): bytes = b
        case .failure(let e): throw Diagnostics([e])
        }
        switch PolicyDecoding.decode(file: file, bytes: bytes, names: names) {
        case .success(let p): return (p, InputDigest(role: "policy", file: file, sha256: SHA256.hex(of: bytes)))
        case .failure(let e): throw e
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

    static func date(_ text: String) throws(Diagnostic) -> CalendarDate { try date(text, option: "a date option") }

    static func date(_ text: String, option: String) throws(Diagnostic) -> CalendarDate {
        guard let d = CalendarDate(iso: text) else {
            throw Diagnostic.usage("\(option) must be a real date written YYYY-MM-DD, not \"\(text)\"")
        }
        return d
    }
}
