// libFuzzer entry point over s1check's input handling: plan decoding, checking and fixing, baseline
// decoding, device-registry and policy decoding, and rendering every report, the console and a fix's diff. Built by
// Tests/Fuzz/run.sh with `swiftc -sanitize=fuzzer,address` together with the library sources; not part
// of the SwiftPM build.
//
// The first byte picks the target so one corpus covers all four formats; the rest is the file.

private let baseline = ResolvedBaseline(EmbeddedBaseline.load())
private let asOf = CalendarDate(iso: "2023-06-01")!
private let settings = RunSettings(baseline: baseline, baselineSource: InputDigest(role: "baseline", file: "embedded", sha256: ""),
                                   registrySource: nil, asOf: asOf, strict: true, keepGoing: false, passedOver: [])
private let fixer = Fixer(baseline: baseline, asOf: asOf)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    switch data[0] % 4 {
    case 0:
        // The same file twice: the quick id scan and the full decode must agree on whether they share an id.
        let result = Checker.checkAll([("fuzz.plan.json", bytes), ("copy.plan.json", bytes)], baseline: baseline, asOf: asOf)
        let run = RunResult(settings: settings, plans: result)
        // Every report and console format must render whatever the plan held.
        for format in ReportFormat.allCases { _ = ReportRendering.render(format, run) }
        // Plan text cannot open a tag in the HTML pack: every tag in it is one the pack writes, and the
        // plan's own words add no `<` (the same run with a plain id and title has as many).
        let html = ReportRendering.render(.html, run)
        if let tag = HTMLPack.foreignMarkup(in: html) { preconditionFailure("plan text became markup in the HTML pack: \(tag)") }
        if result[0].plan != nil {
            let plain = RunResult(settings: settings, plans: result.map { r in
                var plan = r.plan!
                plan.id = "x"
                plan.title = "x"
                return FileResult(file: r.file, sha256: r.sha256, plan: plan, findings: r.findings.filter { $0.inputError == nil }, inputErrors: r.inputErrors)
            })
            let lt = { (bytes: [UInt8]) in bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "<") ? 1 : 0) } }
            precondition(lt(html) == lt(ReportRendering.render(.html, plain)), "a plan's id or title opened a tag in the HTML pack")
        }
        // Nothing from a plan reaches a terminal or a CI log raw: no control byte but the line feed (and
        // the tab in workflow commands), no DEL, no C1 control.
        precondition(!hasRawControl(ReportRendering.render(.text, run), allowTab: false), "a control character reached the console")
        precondition(!hasRawControl(ReportRendering.render(.github, run), allowTab: true), "a control character reached a workflow command")
        // Invariants: a decoded plan has findings; an undecodable one has input errors.
        precondition(result[0].plan == nil ? !result[0].inputErrors.isEmpty : !result[0].findings.isEmpty)
        if let plan = result[0].plan {
            precondition(result[0].findings.contains { $0.rule.id == DuplicatePlanIDRule.description.id && $0.status == .fail },
                         "two copies of plan \(plan.id) must share its id")
        }
        // A fix never fails its own check of the fixed plan (that is an internal error), and its diff renders.
        let fixed = fixer.fix(file: "fuzz.plan.json", bytes: bytes)
        precondition(!fixed.problems.contains { $0.message.hasPrefix("internal error") }, "a fix failed its own check: \(fixed.problems)")
        if fixed.changed { _ = UnifiedDiff.render(old: bytes, new: fixed.fixed, path: Array("fuzz.plan.json".utf8)) }
    case 1:
        if let b = try? BaselineDecoding.decode(file: "fuzz.baseline.json", bytes: bytes) {
            let resolved = ResolvedBaseline(b)
            _ = BaselineDiff(old: baseline.baseline, new: b)
            for phase in Phase.allCases { _ = PlanTemplate.artefacts(for: phase, in: resolved) }
        }
    case 2:
        if let r = try? DeviceRegistryDecoding.decode(file: "fuzz.devices.json", bytes: bytes) {
            _ = Checker(baseline: baseline, registry: r, asOf: asOf)
        }
    default:
        if let p = try? PolicyDecoding.decode(file: "s1check.json", bytes: bytes, names: baseline.names) {
            precondition(p.waivers.count == p.waiverLines.count && p.waivers.allSatisfy { $0.reason != nil && $0.expires != nil })
            for i in p.waivers.indices { _ = p.unusedMessage(i, in: baseline) }
        }
    }
    return 0
}

private func hasRawControl(_ bytes: [UInt8], allowTab: Bool) -> Bool {
    var previous: UInt8 = 0
    for b in bytes {
        if b < 0x20 && b != 0x0A && !(allowTab && b == 0x09) { return true }
        if b == 0x7F || (previous == 0xC2 && b >= 0x80 && b <= 0x9F) { return true }
        previous = b
    }
    return false
}
