import Foundation
import S1CheckTestSupport
@testable import S1CheckCore
@testable import S1CheckReports

enum Paths {
    /// The Jenkins xunit plugin's junit-10.xsd (a copy of shared/schemas/junit-10.xsd).
    static let junitSchema = packageRoot.appendingPathComponent("Tests/Fixtures/Schemas/junit-10.xsd")
}

enum Sample {
    static let baseline = ResolvedBaseline(EmbeddedBaseline.load())
    static let asOf = CalendarDate(iso: "2023-06-01")!

    /// The reports' tests' plan (`Sample.plan.with(id: "A").text`): AD 5.0 (drifted) and AM 12.0.
    static let plan = PlanJSON(title: "t", window: nil, devices: #"[{"type": "ESME", "manufacturer": "M", "model": "X", "firmware": "1"}]"#, combinations: nil,
                               artefacts: #"[{"document": "AD", "version": "5.0"}, {"document": "AM", "version": "12.0"}]"#, layout: .threeLines)

    /// A plan's result with its parts open to change, for tests that put text where no input could.
    struct Editable {
        var file: String
        var sha256: String
        var plan: Plan?
        var findings: [Finding]
        var inputErrors: [Diagnostic]
    }

    static let settings = RunSettings(baseline: baseline, baselineSource: InputDigest(role: "baseline", file: EmbeddedBaseline.displayName, sha256: "00"),
                                      registrySource: nil, asOf: asOf, strict: false, keepGoing: false, passedOver: [])

    static func run(_ plans: [(String, String)], strict: Bool = false, keepGoing: Bool = false,
                    mutate: (inout [Editable]) -> Void = { _ in }) -> RunResult {
        let checked = Checker.checkAll(plans.map { ($0.0, Array($0.1.utf8)) }, baseline: baseline, asOf: asOf)
        var editable = checked.map { Editable(file: $0.file, sha256: $0.sha256, plan: $0.plan, findings: $0.findings.filter { $0.inputError == nil },
                                              inputErrors: $0.inputErrors) }
        mutate(&editable)
        var s = settings
        s.strict = strict
        s.keepGoing = keepGoing
        return RunResult(settings: s, plans: editable.map {
            FileResult(file: $0.file, sha256: $0.sha256, plan: $0.plan, findings: $0.findings, inputErrors: $0.inputErrors)
        })
    }

    /// Text no input should be able to smuggle into a report.
    static let hostile = "a<b>&c \"q\" 'a' ]]> | pipe `tick` *em* _u_ [link](x) <script>alert(1)</script> # h ~s~ \\ $x$ é😀"
    static let controls = "bell\u{7}nul\u{0}esc\u{1B}cr\rnl\ntab\t\u{FFFE}end"
}
