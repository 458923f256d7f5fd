/// The test results a run reads (`--results`, docs/execution.md): every results file read, and the files
/// under a results folder that were passed over (not `*.xml`). The CLI reads the files; the pipeline
/// links them to the plans once it knows every plan id (`ExecutionIndex`).
public struct TestResults: Sendable {
    public var files: [JUnitResultsFile]
    public var passedOver: [String]
    /// Each file's path as the file system has its bytes, by its name, when the name is not their text.
    public var locations: [String: [UInt8]]

    public init(files: [JUnitResultsFile], passedOver: [String] = [], locations: [String: [UInt8]] = [:]) {
        self.files = files
        self.passedOver = passedOver
        self.locations = locations
    }
}

extension TestResultsJudgement {
    /// Each results file's own result (kind test-results), in the order read: what was read from it (a
    /// pass), each plan id it names that no plan of the run has (a warn at its first case's line), and the
    /// cases linked to no plan (a note at the first one's line, naming them: never dropped silently).
    public static func fileResults(_ results: TestResults, _ index: ExecutionIndex) -> [FileResult] {
        let unknown = unknownPlans(index)
        var linked: [String: Int] = [:]
        for p in index.plans.values { for f in p.files { linked[f.file, default: 0] += f.cases } }
        return results.files.map { file in
            let n = file.cases, l = linked[file.file] ?? 0
            var findings = [Finding(rule: rule, status: .pass, subject: "read",
                                    message: "read: \(cases(n)), \(l) linked to plans of this run (sha256 \(file.sha256))")]
            for judged in unknown where judged.at?.file == file.file {
                var f = judged.finding
                f.line = judged.at?.position.line
                findings.append(f)
            }
            let e = index.unlinked
            if let first = e.first, first.at.file == file.file {
                let named = e.cases.map { "\($0.name) at \($0.at)" }.joined(separator: ", ")
                let more = e.counts.linked - e.cases.count
                var f = Finding(rule: rule, status: .pass, subject: "unlinked",
                                message: "note: \(cases(e.counts.linked)) in the results \(e.counts.linked == 1 ? "is" : "are") linked to no plan (no \(JUnitReader.planProperty) property, no suite named as a plan): \(named)\(more > 0 ? " and \(more) more" : "")")
                f.line = first.at.position.line
                findings.append(f)
            }
            return FileResult(kind: .testResults, file: file.file, location: results.locations[file.file], sha256: file.sha256, findings: findings)
        }
    }
}
