/// Checks plans against a resolved baseline. Pure: files come in as bytes, so the library does no I/O and
/// the same code runs in tests, the CLI and the fuzzer.
public struct Checker: Sendable {
    public let context: CheckContext

    public init(baseline: ResolvedBaseline, registry: DeviceRegistry? = nil, asOf: CalendarDate,
                planIDs: PlanIDIndex = PlanIDIndex()) {
        context = CheckContext(baseline: baseline, registry: registry, asOf: asOf, planIDs: planIDs)
    }

    /// Every finding for one decoded plan: each rule of the registry in order, waivers applied (lines and
    /// unique check names not yet).
    public func findings(for plan: Plan, file: String) -> [Finding] {
        let facts = PlanFacts(plan, file: file, context.baseline)
        var findings: [Finding] = []
        findings.reserveCapacity(24)
        for rule in RuleRegistry.all {
            let before = findings.count
            rule.check(facts, context, into: &findings)
            // A rule that applies must say something: silence would read as a pass nobody checked.
            if findings.count == before && rule.applies(to: facts, context) {
                findings.append(Finding(rule: rule.rule, status: .fail,
                                        message: "internal error: rule \(rule.rule.id) applies to this plan but made no check; please report this"))
            }
        }
        return findings
    }

    /// Checks a whole run held in memory, as the CLI checks a run it streams: the plan ids of every file
    /// first (for the cross-plan rule), then every plan on every core, results in file order.
    public static func checkAll(_ files: [(name: String, bytes: [UInt8])], baseline: ResolvedBaseline,
                                registry: DeviceRegistry? = nil, asOf: CalendarDate) -> [PlanResult] {
        let checker = Checker(baseline: baseline, registry: registry, asOf: asOf, planIDs: PlanIDIndex(files: files))
        return parallelMap(files.count) { checker.check(file: files[$0].name, bytes: files[$0].bytes) }
    }

    /// Decodes and checks one file.
    public func check(file: String, bytes: [UInt8]) -> PlanResult {
        let digest = SHA256.hex(of: bytes)
        switch PlanDecoding.decode(file: file, bytes: bytes) {
        case .failure(let e):
            return PlanResult(file: file, sha256: digest, unreadable: e.all)
        case .success(let plan):
            let lines = LineIndex(bytes)
            var findings = findings(for: plan, file: file)
            for i in findings.indices {
                findings[i].line = findings[i].offset.map { lines.line(ofOffset: $0) }
            }
            Checker.makeCheckNamesUnique(&findings)
            return PlanResult(file: file, sha256: digest, plan: plan, findings: findings)
        }
    }

    /// The rules that can name two checks alike (the same unknown name, device or conflicting document
    /// twice, two waivers of one finding, two events on one document); the others make one check per
    /// document or per plan.
    static let repeatableRules: Set<String> = [UnknownDocumentRule.description.id, DuplicateDocumentRule.description.id,
                                               DeviceEligibilityRule.description.id, WaiverRule.description.id,
                                               IOCCessationRule.description.id]

    /// Appends " (2)", " (3)" to repeated check names, in order, so every JUnit test case is distinct.
    static func makeCheckNamesUnique(_ findings: inout [Finding]) {
        let repeatable = findings.filter { Checker.repeatableRules.contains($0.rule.id) }
        if repeatable.count < 2 { return }
        var names = Set<String>(minimumCapacity: repeatable.count)
        if repeatable.allSatisfy({ names.insert($0.check).inserted }) { return }
        var seen: [String: Int] = [:]
        for i in findings.indices {
            let n = (seen[findings[i].check] ?? 0) + 1
            seen[findings[i].check] = n
            if n > 1 { findings[i].check += " (\(n))" }
        }
    }
}
