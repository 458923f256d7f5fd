import Dispatch

/// Checks plans against a resolved baseline. Pure: files come in as bytes through a loader the caller
/// supplies, so the library does no I/O and the same code runs in tests, the CLI and the fuzzer.
public struct Checker: Sendable {
    public let context: CheckContext

    /// Every plan rule, in reporting order. Waivers and duplicate plan ids are applied after these.
    public static let planRules: [any PlanRule] = [
        TBRDVersionRule(), DevicesDeclaredRule(), DeviceEligibilityRule(), UnknownDocumentRule(),
        DuplicateDocumentRule(), ArtefactVersionRule(), UnversionedDocumentRule(), ConsultationRule(),
        PhaseApplicabilityRule(), IOCCessationRule(),
    ]

    public init(baseline: ResolvedBaseline, registry: DeviceRegistry? = nil, asOf: CalendarDate) {
        context = CheckContext(baseline: baseline, registry: registry, asOf: asOf)
    }

    /// Every finding for one decoded plan, waivers applied (lines and cross-plan checks not yet).
    public func findings(for plan: Plan) -> [Finding] {
        let facts = PlanFacts(plan, context.baseline)
        var findings: [Finding] = []
        findings.reserveCapacity(24)
        for rule in Checker.planRules { findings += rule.check(facts, context) }
        findings += WaiverApplication.apply(plan.waivers, to: &findings, asOf: context.asOf)
        return findings
    }

    /// Decodes and checks one file.
    public func check(file: String, bytes: [UInt8]) -> PlanResult {
        let digest = SHA256.hex(of: bytes)
        switch PlanDecoding.decode(file: file, bytes: bytes) {
        case .failure(let e):
            return PlanResult(file: file, sha256: digest, plan: nil, findings: [], inputErrors: e.errors)
        case .success(let plan):
            let lines = LineIndex(bytes)
            var findings = findings(for: plan)
            for i in findings.indices {
                findings[i].line = findings[i].offset.map { lines.position(ofOffset: $0).line }
            }
            findings = Checker.uniqueCheckNames(findings)
            var result = PlanResult(file: file, sha256: digest, plan: plan, findings: findings, inputErrors: [])
            result.idLine = lines.position(ofOffset: plan.idOffset).line
            return result
        }
    }

    /// Checks `count` files on every core, then applies the cross-plan checks. Results keep the order of
    /// the indices, whatever order the workers finish in, so reports are deterministic.
    /// `load(i)` returns the i-th file's display name and bytes, or an input error.
    public func checkAll(count: Int, load: @Sendable (Int) -> (file: String, bytes: Result<[UInt8], InputError>)) -> [PlanResult] {
        let slots = ConcurrentSlots<PlanResult>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in
            let (file, bytes) = load(i)
            switch bytes {
            case .success(let b): slots.set(i, check(file: file, bytes: b))
            case .failure(let e): slots.set(i, PlanResult(file: file, sha256: "", plan: nil, findings: [], inputErrors: [e]))
            }
        }
        var results = slots.take().map { $0! }
        Checker.crossPlan(&results)
        return results
    }

    /// Duplicate plan ids across the run, in place. (Its check name, `duplicate-plan-id`, is unique in a
    /// plan by construction; the other names were made unique per plan in `check`.)
    public static func crossPlan(_ results: inout [PlanResult]) {
        var index: [String: [String]] = [:]
        for r in results { if let id = r.id { index[id, default: []].append(r.file) } }
        let filesByID = index
        // Appending to each plan is independent work: spread it over the cores.
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let plans = buffer
            DispatchQueue.concurrentPerform(iterations: plans.count) { i in
                guard let plan = plans[i].plan else { return }
                let others = filesByID[plan.id, default: []].filter { $0 != plans[i].file }
                let rule = Rules.duplicatePlanID
                let f = others.isEmpty
                    ? Finding(rule: rule, status: .pass, message: "plan id \(plan.id) is unique in this run", offset: plan.idOffset)
                    : Finding(rule: rule, status: .fail, declared: plan.id,
                              message: "plan id \(plan.id) is also used by \(others.joined(separator: ", ")); each plan needs its own id",
                              offset: plan.idOffset)
                f.line = plans[i].idLine
                plans[i].findings.append(f)
            }
        }
    }

    /// `crossPlan` for a value, for callers that hold one.
    public static func crossPlan(_ input: [PlanResult]) -> [PlanResult] {
        var results = input
        crossPlan(&results)
        return results
    }

    static let repeatableRules: Set<String> = [Rules.unknownDocument.id, Rules.duplicateDocument.id, Rules.deviceEligibility.id,
                                               Rules.waiver.id, Rules.iocCessation.id]

    /// Appends " (2)", " (3)" to repeated check names, in order, so every JUnit test case is distinct.
    static func uniqueCheckNames(_ findings: [Finding]) -> [Finding] {
        // Only these rules can name two checks alike (the same unknown name, device or conflicting
        // document twice, two waivers
        // of one finding, two events on one document); the others make one check per document or plan.
        let repeatable = findings.filter { Checker.repeatableRules.contains($0.rule.id) }
        if repeatable.count < 2 { return findings }
        var names = Set<String>(minimumCapacity: repeatable.count)
        if repeatable.allSatisfy({ names.insert($0.check).inserted }) { return findings }
        var seen: [String: Int] = [:]
        return findings.map { f in
            let n = (seen[f.check] ?? 0) + 1
            seen[f.check] = n
            if n > 1 { f.check += " (\(n))" }
            return f
        }
    }
}
