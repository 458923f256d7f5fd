import S1CheckCore

// The evidence pack's anchors: stable links to each plan's section. See EvidencePack.swift for the layout.
extension EvidencePack {
    static func anchor(_ p: FileResult) -> String { anchor(id: p.id, file: p.file) }

    /// The pack's section about a file: a plan's own; the release scope's is the coverage, the policy
    /// file's the waivers (its shared waivers' table); a test results file's the plans.
    static func section(of p: FileResult) -> String {
        switch p.kind {
        case .plan, .unreadable: return anchor(p)
        case .scope: return "coverage"
        case .policy: return "waivers"
        case .testResults: return "plans"
        }
    }

    /// The id of a plan's section: readable (from the plan id, or the file name of an unreadable plan) and
    /// unique (a digest of the file path, which is unique in a run, so two plans sharing an id differ).
    /// Stable across runs; only ASCII letters, digits and `-`, so every renderer and sanitiser keeps it
    /// (GitHub prefixes it with `user-content-` and follows links to it all the same).
    public static func anchor(id: String?, file: String) -> String {
        var slug = ""
        var dash = false
        for u in (id ?? file).unicodeScalars {
            if slug.unicodeScalars.count >= 40 { break }
            if ("a"..."z").contains(u) || ("0"..."9").contains(u) {
                if dash && !slug.isEmpty { slug += "-" }
                slug.unicodeScalars.append(u); dash = false
            } else if ("A"..."Z").contains(u) {
                if dash && !slug.isEmpty { slug += "-" }
                slug.unicodeScalars.append(Unicode.Scalar(u.value + 32)!); dash = false
            } else {
                dash = true
            }
        }
        let digest = SHA256.hex(of: Array(file.utf8)).prefix(12)
        return "plan-" + (slug.isEmpty ? "" : slug + "-") + digest
    }
}

extension AppliedWaiver {
    /// What bounds the waiver, as the reports say it: "expires 2023-12-31, approved by J. Bloggs"; nil
    /// when it has neither expiry nor approver.
    public var terms: String? {
        let parts = [expires.map { "expires \($0)" }, approvedBy.map { "approved by \($0)" }].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}
