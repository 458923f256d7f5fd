import S1CheckCore

/// A finding's identity across runs, for SARIF `partialFingerprints` and Code Quality `fingerprint`.
public enum Fingerprint {
    /// The plan's path and the check's name, which is unique within a plan. Neither the line (an edit
    /// above would move it) nor the status (a warn that becomes a fail is the same problem) is part of it.
    public static func of(path: RepositoryPath, check: String) -> String {
        SHA256.hex(of: Array("s1check/v1\u{0}\(path.display)\u{0}\(check)".utf8))
    }
}
