// libFuzzer entry point over s1check's input handling: plan decoding and checking, baseline decoding,
// device-registry decoding, and rendering every report. Built by Tests/Fuzz/run.sh with
// `swiftc -sanitize=fuzzer,address` together with the library sources; not part of the SwiftPM build.
//
// The first byte picks the target so one corpus covers all three formats; the rest is the file.

private let baseline = ResolvedBaseline(EmbeddedBaseline.load())
private let asOf = CalendarDate(iso: "2023-06-01")!
private let settings = RunSettings(baseline: baseline, baselineSource: InputDigest(role: "baseline", file: "embedded", sha256: ""),
                                   registrySource: nil, asOf: asOf, strict: true, keepGoing: false, passedOver: [])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    switch data[0] % 3 {
    case 0:
        // The same file twice: the quick id scan and the full decode must agree on whether they share an id.
        let result = Checker.checkAll([("fuzz.plan.json", bytes), ("copy.plan.json", bytes)], baseline: baseline, asOf: asOf)
        let run = RunResult(settings: settings, plans: result)
        // Every report must render whatever the plan held.
        for format in ReportFormat.allCases { _ = ReportRendering.render(format, run) }
        // Invariants: a decoded plan has findings; an undecodable one has input errors.
        precondition(result[0].plan == nil ? !result[0].inputErrors.isEmpty : !result[0].findings.isEmpty)
        if let plan = result[0].plan {
            precondition(result[0].findings.contains { $0.rule.id == DuplicatePlanIDRule.description.id && $0.status == .fail },
                         "two copies of plan \(plan.id) must share its id")
        }
    case 1:
        if case .success(let b) = BaselineDecoding.decode(file: "fuzz.baseline.json", bytes: bytes) {
            let resolved = ResolvedBaseline(b)
            _ = BaselineDiff(old: baseline.baseline, new: b)
            for phase in Phase.allCases { _ = PlanTemplate.artefacts(for: phase, in: resolved) }
        }
    default:
        if case .success(let r) = DeviceRegistryDecoding.decode(file: "fuzz.devices.json", bytes: bytes) {
            _ = Checker(baseline: baseline, registry: r, asOf: asOf)
        }
    }
    return 0
}
