/// The TBRD v1.24 baseline, built into the binary from `Data/tbrd-1.24.baseline.json` (a SwiftPM
/// `embedInCode` resource), so `s1check` works from any directory with no files beside it.
public enum EmbeddedBaseline {
    public static let fileName = "tbrd-1.24.baseline.json"
    /// A label for reports, distinct from any path a user could pass with --baseline.
    public static let displayName = "(embedded) TBRD v1.24 baseline"

    public static var bytes: [UInt8] { PackageResources.tbrd_1_24_baseline_json }

    /// The embedded file decoded. It is covered by tests, so a decoding failure is a build defect.
    public static func load() -> Baseline {
        do throws(Diagnostics) {
            return try BaselineDecoding.decode(file: displayName, bytes: bytes)
        } catch {
            fatalError("the embedded baseline is invalid: \(error.all.map(\.description))")
        }
    }
}
