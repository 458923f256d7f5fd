import Foundation

/// Schemas the tests validate against that are not committed: fetched by `.ci/fetch-sarif-schema` (run by
/// `.ci/run`) and checked against their pinned SHA-256 before use, so a truncated or substituted file
/// cannot make a validation pass.
public enum PinnedSchema: Sendable {
    case sarif

    public var path: String { packageRoot.appendingPathComponent(".ci/cache/sarif-schema-2.1.0.json").path }
    public var sha256: String { "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e" }
    public var shouldRun: Bool { FileManager.default.fileExists(atPath: path) || ExternalTool.inCI }
    public var skipReason: String { "the SARIF 2.1.0 schema is not fetched (run .ci/fetch-sarif-schema)" }

    /// Whether the file on disk is the pinned one.
    public func verified() throws -> Bool {
        guard FileManager.default.fileExists(atPath: path) else { throw Missing(what: "the SARIF 2.1.0 schema is not fetched (\(path))") }
        let out = try ExternalTool.sha256sum.run([path]).out
        return out.hasPrefix(sha256 + " ")
    }
}
