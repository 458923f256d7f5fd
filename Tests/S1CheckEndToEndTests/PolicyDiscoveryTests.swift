import Foundation
import Testing
import S1CheckTestSupport

/// The policy file is found as ruff and SwiftLint find theirs: the nearest `s1check.json` from the
/// inputs up to the repository root (issue 27.2).
@Suite struct PolicyDiscoveryTests {
    static let plan = #"{"id": "P-1", "title": "t", "phase": "FOC", "tbrd": "1.24", "deviceModels": [{"type": "ESME", "manufacturer": "m", "model": "x", "firmware": "1"}], "artefacts": [{"document": "SEC", "version": "72.0"}, {"document": "Appendix AM", "version": "12.0"}]}"#
    static let deny = #"{"rules": {"consultation": "deny"}}"#
    static let allow = #"{"rules": {"consultation": "allow"}}"#

    /// A repository (`repo/.git`) with a policy at its root and a plan in `repo/Plans`; a policy above
    /// the repository and a plan outside it.
    static func repository() -> Scratch {
        let s = Scratch()
        try! FileManager.default.createDirectory(at: s.url.appendingPathComponent("repo/.git"), withIntermediateDirectories: true)
        s.write("repo/s1check.json", deny)
        s.write("repo/Plans/p.plan.json", plan)
        s.write("s1check.json", allow)
        s.write("outside/p.plan.json", plan)
        return s
    }

    @Test func aSubfolderFindsTheRepositorysPolicy() throws {
        let s = Self.repository()
        let out = try CLI.run(["check", ".", "--as-of", "2023-06-01"], in: s.url.appendingPathComponent("repo/Plans"))
        #expect(out.status == 1, "the repository's policy denies the consultation warning: \(out.all)")
        #expect(out.stdout.contains("policy: ../s1check.json (consultation deny); 0 shared waivers\n"), "\(out.stdout)")
        let json = try CLI.run(["check", ".", "--as-of", "2023-06-01", "--json", "../r.json"], in: s.url.appendingPathComponent("repo/Plans"))
        #expect(json.status == 1)
        let policy = try #require(try CLI.json(s.url.appendingPathComponent("repo/r.json"))["policy"] as? [String: Any])
        #expect((policy["file"] as? String) == "../s1check.json", "\(policy)")
        // From the root too, the same file by its name from there.
        let root = try CLI.run(["check", "Plans", "--as-of", "2023-06-01"], in: s.url.appendingPathComponent("repo"))
        #expect(root.status == 1 && root.stdout.contains("policy: s1check.json (consultation deny)"), "\(root.stdout)")
    }

    @Test func aPlanOutsideTheRepositoryDoesNotGetItsPolicy() throws {
        let s = Self.repository()
        try FileManager.default.removeItem(at: s.url.appendingPathComponent("s1check.json"))
        let out = try CLI.run(["check", "../outside/p.plan.json", "--as-of", "2023-06-01"], in: s.url.appendingPathComponent("repo"))
        #expect(out.status == 0, "\(out.all)")
        #expect(!out.stdout.contains("policy:"), "\(out.stdout)")
    }

    @Test func theSearchStopsAtTheRepositoryRoot() throws {
        let s = Self.repository()
        try FileManager.default.removeItem(at: s.url.appendingPathComponent("repo/s1check.json"))
        let out = try CLI.run(["check", "Plans", "--as-of", "2023-06-01"], in: s.url.appendingPathComponent("repo"))
        #expect(out.status == 0 && !out.stdout.contains("policy:"), "the policy above the repository is not its: \(out.stdout)")
    }

    @Test func theNearestWins() throws {
        let s = Self.repository()
        s.write("repo/Plans/s1check.json", Self.allow)
        let out = try CLI.run(["check", "Plans", "--as-of", "2023-06-01"], in: s.url.appendingPathComponent("repo"))
        #expect(out.status == 0 && out.stdout.contains("policy: Plans/s1check.json (consultation allow)"), "\(out.stdout)")
    }

    @Test func configWinsAndNoConfigIgnores() throws {
        let s = Self.repository()
        let repo = s.url.appendingPathComponent("repo")
        let config = try CLI.run(["check", "Plans", "--config", "../s1check.json", "--as-of", "2023-06-01"], in: repo)
        #expect(config.status == 0 && config.stdout.contains("policy: ../s1check.json (consultation allow)"), "\(config.stdout)")
        let none = try CLI.run(["check", "Plans", "--no-config", "--as-of", "2023-06-01"], in: repo)
        #expect(none.status == 0 && !none.stdout.contains("policy:"), "\(none.stdout)")
        let both = try CLI.run(["check", "Plans", "--no-config", "--config", "s1check.json"], in: repo)
        #expect(both.status == 2 && both.stderr == "s1check: --config and --no-config contradict each other: give one\n", "\(both.stderr)")
    }

    /// One run, one policy: inputs that find different files are refused, naming both.
    @Test func inputsFindingDifferentPoliciesAreRefused() throws {
        let s = Self.repository()
        s.write("repo/Other/s1check.json", Self.allow)
        s.write("repo/Other/q.plan.json", Self.plan.replacingOccurrences(of: "P-1", with: "Q-1"))
        let repo = s.url.appendingPathComponent("repo")
        let out = try CLI.run(["check", "Plans", "Other", "--as-of", "2023-06-01"], in: repo)
        #expect(out.status == 2)
        #expect(out.stderr == "s1check: the inputs find different policy files (Plans finds s1check.json; Other finds Other/s1check.json), and one run has one policy: give it with --config FILE, or --no-config for none\n", "\(out.stderr)")
        let outside = try CLI.run(["check", "Plans", "../outside/p.plan.json"], in: repo)
        #expect(outside.status == 2 && outside.stderr.contains("(Plans finds s1check.json; ../outside/p.plan.json finds ../s1check.json)"), "\(outside.stderr)")
        // Inputs finding the same file are one policy.
        let same = try CLI.run(["check", "Plans", "Plans/p.plan.json", "--as-of", "2023-06-01"], in: repo)
        #expect(same.status == 1 && same.stdout.contains("policy: s1check.json (consultation deny)"), "\(same.all)")
    }

    /// `fix` finds the policy as `check` does (its shared waivers are respected).
    @Test func fixFindsThePolicyToo() throws {
        let s = Self.repository()
        let out = try CLI.run(["fix", "Plans", "--no-config", "--config", "x.json"], in: s.url.appendingPathComponent("repo"))
        #expect(out.status == 2 && out.stderr.contains("--config and --no-config contradict each other"), "\(out.stderr)")
        let other = try CLI.run(["fix", ".", "../outside"], in: s.url.appendingPathComponent("repo"))
        #expect(other.status == 2 && other.stderr.contains("the inputs find different policy files"), "\(other.stderr)")
    }
}
