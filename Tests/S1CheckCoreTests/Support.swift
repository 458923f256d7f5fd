import Foundation
import Testing
@testable import S1CheckCore

/// Paths in the package, found from this file so tests run from any working directory.
enum Paths {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = packageRoot.appendingPathComponent("Tests/Fixtures")
    static func fixture(_ name: String) -> URL { fixtures.appendingPathComponent(name) }
    static func bytes(_ url: URL) -> [UInt8] { [UInt8](try! Data(contentsOf: url)) }
}

enum TestData {
    static let baseline = EmbeddedBaseline.load()
    static let resolved = ResolvedBaseline(baseline)
    static let asOf = CalendarDate(iso: "2023-06-01")!

    /// The settings of a library run against the embedded baseline (no registry, no scope).
    static func settings(policy: Policy = .none, strict: Bool = false, keepGoing: Bool = false) -> RunSettings {
        RunSettings(baseline: resolved, baselineSource: InputDigest(role: "baseline", file: "b", sha256: ""), registrySource: nil,
                    asOf: asOf, strict: strict, keepGoing: keepGoing, passedOver: [], policy: policy,
                    policySource: policy.file.isEmpty ? nil : InputDigest(role: "policy", file: policy.file, sha256: ""))
    }

    static func check(_ json: String, registry: DeviceRegistry? = nil, asOf: CalendarDate = asOf,
                      baseline: ResolvedBaseline = resolved) -> FileResult {
        Checker.checkAll([("t.plan.json", Array(json.utf8))], baseline: baseline, registry: registry, asOf: asOf)[0]
    }

    /// The findings of one rule; a plan that does not decode fails the test (not the whole test run).
    static func findings(_ json: String, rule: RuleDescription, registry: DeviceRegistry? = nil, asOf: CalendarDate = asOf,
                         sourceLocation: SourceLocation = #_sourceLocation) throws -> [Finding] {
        let r = check(json, registry: registry, asOf: asOf)
        try #require(r.inputErrors.isEmpty, "fixture plan does not decode: \(r.inputErrors)", sourceLocation: sourceLocation)
        return r.findings.filter { $0.rule == rule }
    }
}
