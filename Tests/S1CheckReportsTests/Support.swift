import Foundation
@testable import S1CheckCore
@testable import S1CheckReports

enum Paths {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let junitSchema: URL = {
        // The Jenkins schema ships beside the project in shared/; a copy is kept under Tests/Fixtures.
        packageRoot.appendingPathComponent("Tests/Fixtures/Schemas/junit-10.xsd")
    }()
}

/// Runs an external tool (xmllint, cmark-gfm) on bytes, returning its status and output.
func runTool(_ path: String, _ args: [String], input: [UInt8]) throws -> (status: Int32, out: String, err: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = args
    let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
    p.standardInput = inPipe
    p.standardOutput = outPipe
    p.standardError = errPipe
    try p.run()
    let writer = Thread { inPipe.fileHandleForWriting.write(Data(input)); try? inPipe.fileHandleForWriting.close() }
    writer.start()
    let out = outPipe.fileHandleForReading.readDataToEndOfFile()
    let err = errPipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
}

enum Sample {
    static let baseline = ResolvedBaseline(EmbeddedBaseline.load())
    static let asOf = CalendarDate(iso: "2023-06-01")!

    static func plan(id: String, title: String = "t", artefacts: String = #"[{"document": "AD", "version": "5.0"}, {"document": "AM", "version": "12.0"}]"#,
                     waivers: String = "[]") -> String {
        """
        {"id": "\(id)", "title": "\(title)", "phase": "FOC", "tbrd": "1.24",
         "deviceModels": [{"type": "ESME", "manufacturer": "M", "model": "X", "firmware": "1"}],
         "artefacts": \(artefacts), "waivers": \(waivers)}
        """
    }

    static func run(_ plans: [(String, String)], strict: Bool = false, keepGoing: Bool = false,
                    mutate: (inout [PlanResult]) -> Void = { _ in }) -> RunResult {
        let checker = Checker(baseline: baseline, asOf: asOf)
        var results = Checker.crossPlan(plans.map { checker.check(file: $0.0, bytes: Array($0.1.utf8)) })
        mutate(&results)
        return RunResult(baseline: baseline, baselineSource: InputDigest(role: "baseline", file: EmbeddedBaseline.displayName, sha256: "00"),
                         registrySource: nil, asOf: asOf, strict: strict, keepGoing: keepGoing, plans: results, passedOver: [])
    }

    /// Text no input should be able to smuggle into a report.
    static let hostile = "a<b>&c \"q\" 'a' ]]> | pipe `tick` *em* _u_ [link](x) <script>alert(1)</script> # h ~s~ \\ $x$ é😀"
    static let controls = "bell\u{7}nul\u{0}esc\u{1B}cr\rnl\ntab\t\u{FFFE}end"
}
