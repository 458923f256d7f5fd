/// Checks plans against a resolved baseline. Pure: files come in as bytes, so the library does no I/O and
/// the same code runs in tests, the CLI and the fuzzer.
public struct Checker: Sendable {
    public let context: CheckContext
    /// The rules run, in order: the registry's (tests may give others).
    let rules: [any Rule]

    public init(baseline: ResolvedBaseline, registry: DeviceRegistry? = nil, asOf: CalendarDate,
                planIDs: PlanIDIndex = PlanIDIndex(), policy: Policy = .none, execution: ExecutionIndex? = nil) {
        var context = CheckContext(baseline: baseline, registry: registry, asOf: asOf, planIDs: planIDs, policy: policy)
        context.execution = execution
        self.init(context: context, rules: RuleRegistry.all)
    }

    init(context: CheckContext, rules: [any Rule]) {
        self.context = context
        self.rules = rules
    }

    /// Every finding for one decoded plan: each rule of the registry in order, the policy's level for each
    /// rule applied to its findings, then waivers (lines and unique check names not yet).
    public func findings(for plan: Plan, file: String, lines: LineIndex? = nil) -> [Finding] {
        let facts = PlanFacts(plan, file: file, context.baseline, lines: lines)
        var findings: [Finding] = []
        findings.reserveCapacity(24)
        var silent: [RuleDescription] = []
        for rule in rules {
            let before = findings.count
            rule.check(facts, context, into: &findings)
            // A rule that applies must say something: silence would read as a pass nobody checked.
            if findings.count == before && rule.applies(to: facts, context) { silent.append(rule.rule) }
            if let level = context.policy.levels[rule.rule.id] {
                for i in before..<findings.count {
                    let original = findings[i].status
                    let changed = level.apply(to: original)
                    if changed != original {
                        findings[i].status = changed
                        findings[i].level = AppliedLevel(level: level, originalStatus: original, file: context.policy.file)
                    }
                }
            }
        }
        // Reported under its own rule, after the policy and the waivers: no level or waiver can turn it
        // into a pass.
        for rule in silent {
            findings.append(Finding(rule: Checker.silentRule, status: .fail, subject: rule.id,
                                    message: "internal error: rule \(rule.id) applies to this plan but made no check; please report this"))
        }
        return findings
    }

    /// The finding for a rule that applied to a plan but said nothing (a defect in s1check). Reports that
    /// list rules (SARIF) list it too, so such a finding always points at a rule.
    public static let silentRule = RunLevelRules.internalError

    /// Checks a whole run held in memory through the pipeline the CLI runs (`RunPipeline`): the plan ids
    /// of every file first (for the cross-plan rule), then every plan on every core; results in file order.
    public static func checkAll(_ files: [(name: String, bytes: [UInt8])], baseline: ResolvedBaseline,
                                registry: DeviceRegistry? = nil, asOf: CalendarDate, policy: Policy = .none,
                                results: TestResults? = nil) -> [FileResult] {
        let collected = ResultCollector()
        var settings = RunSettings(baseline: baseline, baselineSource: InputDigest(role: "baseline", file: "", sha256: ""), registrySource: nil,
                                   asOf: asOf, strict: false, keepGoing: false, passedOver: [], policy: policy)
        settings.registry = registry
        settings.results = results
        _ = RunPipeline(settings).run(MemoryPlanSource(files), into: [collected])
        // The plans' results; the run-level results (the policy file's, the results files') follow them.
        return Array(collected.results.prefix(files.count))
    }

    /// Decodes and checks one file; `location`: its path's bytes, when `file` is not their text.
    public func check(file: String, location: [UInt8]? = nil, bytes: [UInt8]) -> FileResult {
        let digest = SHA256.hex(of: bytes)
        let plan: Plan
        do throws(Diagnostics) {
            plan = try PlanDecoding.decode(file: file, bytes: bytes, names: context.baseline.names)
        } catch {
            return FileResult(file: file, location: location, sha256: digest, unreadable: error.all)
        }
        let lines = LineIndex(bytes)
        var findings = findings(for: plan, file: file, lines: lines)
        for i in findings.indices {
            findings[i].line = findings[i].offset.map { lines.line(ofOffset: $0) }
        }
        Checker.makeCheckNamesUnique(&findings)
        var result = FileResult(file: file, location: location, sha256: digest, plan: plan, findings: findings)
        if let execution = context.execution { result.execution = execution[plan.id] ?? .none(plan.id) }
        return result
    }

    /// Appends " (2)", " (3)" to repeated check names, in order, so every JUnit test case is distinct.
    /// (The same unknown name, device or conflicting document twice, two waivers of one finding.) A
    /// generated name must be free too: "Foo", "Foo", "Foo (2)" gives "Foo", "Foo (3)", "Foo (2)".
    ///
    /// One look-up per finding, and one per name tried: a generated name ends in the one number given for
    /// its base name, so it can only meet a name of the plan, never another generated one.
    static func makeCheckNamesUnique(_ findings: inout [Finding]) {
        // Per name: how many findings have it, and, once its first is passed, the next number to try.
        var names: [String: (count: Int, next: Int)] = [:]
        names.reserveCapacity(findings.count)
        var repeated = false
        for f in findings {
            let i = names.index(forKey: f.check)
            if let i { names.values[i].count += 1; repeated = true } else { names[f.check] = (1, 0) }
        }
        guard repeated else { return }
        for k in findings.indices {
            let name = findings[k].check
            let i = names.index(forKey: name)!
            let entry = names.values[i]
            if entry.count == 1 { continue }
            // The first finding of a name keeps it.
            if entry.next == 0 { names.values[i].next = 2; continue }
            var n = entry.next
            while names[name + " (\(n))"] != nil { n += 1 }
            findings[k].check = name + " (\(n))"
            names.values[i].next = n + 1
        }
    }
}
