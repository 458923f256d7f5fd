import S1CheckCore

/// JUnit XML for CI (`--junit`): `<testsuites>`, a `<testsuite>` per plan, a `<testcase>` per check.
///
/// Mapping: fail → `<failure>`; warn → a passing case whose `<system-out>` carries the warning (with
/// `--strict`, a `<failure>`); waived → `<skipped>` with the waiver's reason; a plan that could not be
/// read → one case with `<error>` (with `--keep-going`, `<failure>`). Valid against the Jenkins xunit
/// junit-10.xsd: no timestamps or hostnames (they would break byte-identical re-runs), times are "0".
public enum JUnitReport {
    /// The report; with a sink, most of it goes to the sink as it is written and the rest is returned.
    public static func render(_ run: RunResult, sink: (([UInt8]) -> Void)? = nil) -> [UInt8] {
        var out = TextBuffer(capacity: 1 << 20, sink: sink)
        // The totals come first in the file, so count before writing (without building every case twice).
        var tests = 0, failures = 0, errors = 0
        for p in run.plans {
            if p.plan == nil {
                tests += 1
                if run.keepGoing { failures += 1 } else { errors += 1 }
                continue
            }
            tests += p.findings.count
            failures += p.count(.fail) + (run.strict ? p.count(.warn) : 0)
        }
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        out.write("<testsuites name=\"s1check\" tests=\"")
        out.write(tests)
        out.write("\" failures=\"")
        out.write(failures)
        out.write("\" errors=\"")
        out.write(errors)
        out.write("\" time=\"0\">\n")
        for p in run.plans {
            write(suite(for: p, run), into: &out)
            out.flushIfLarge()
        }
        out.write("</testsuites>\n")
        return out.finish()
    }

    enum Outcome { case passed, failure, error, skipped }

    struct Case {
        var name: String
        var classname: String
        var outcome: Outcome
        var type: String
        var message: String
        var detail: String
        var systemOut: String?
    }

    struct Suite {
        var name: String
        var file: String
        var properties: [(String, String)]
        var cases: [Case]
        func count(_ o: Outcome) -> Int { cases.filter { $0.outcome == o }.count }
    }

    static func suite(for p: PlanResult, _ run: RunResult) -> Suite {
        let b = run.baseline.baseline
        var properties: [(String, String)] = [("file", p.file), ("sha256", p.sha256), ("status", p.status.rawValue)]
        guard let plan = p.plan else {
            let detail = p.inputErrors.map(\.description).joined(separator: "\n")
            let c = Case(name: "input-error · \(p.file)", classname: "s1check.\(p.file)",
                         outcome: run.keepGoing ? .failure : .error, type: "input-error",
                         message: p.inputErrors.first?.message ?? "unreadable", detail: detail, systemOut: nil)
            properties.append(("input-error", "true"))
            return Suite(name: p.file, file: p.file, properties: properties, cases: [c])
        }
        properties += [("plan-id", plan.id), ("title", plan.title), ("phase", plan.phase.rawValue),
                       ("plan-tbrd", plan.tbrdText), ("baseline-tbrd", b.tbrd.version.description),
                       ("baseline-sec", b.sec.description), ("baseline-svtad", b.svtad.description),
                       ("as-of", run.asOf.description)]
        let cases = p.findings.map { f -> Case in
            let location = f.line.map { "\(p.file):\($0)" } ?? p.file
            let detail = "\(f.message)\nrule: \(f.rule.id)\nclause: \(f.clause)\nlocation: \(location)"
                + (f.declared.map { "\ndeclared: \($0)" } ?? "") + (f.expected.map { "\nexpected: \($0)" } ?? "")
            var outcome: Outcome = .passed
            var systemOut: String? = "status: \(f.status.rawValue)\n\(detail)"
            switch f.status {
            case .pass: systemOut = nil
            case .fail: outcome = .failure
            case .warn: outcome = run.strict ? .failure : .passed
                if !run.strict { systemOut = "status: warn\nWARNING: \(detail)" }
            case .waived: outcome = .skipped
            }
            var message = "[\(f.rule.id)] \(f.message)"
            if let w = f.waiver { message = "waived (\(w.originalStatus.rawValue)): \(w.reason)" + (w.expires.map { ", expires \($0)" } ?? "") }
            return Case(name: f.check, classname: "s1check.\(plan.id)", outcome: outcome,
                        type: f.status == .warn ? "warn" : f.rule.id, message: message, detail: detail, systemOut: systemOut)
        }
        return Suite(name: plan.id, file: p.file, properties: properties, cases: cases)
    }

    static func write(_ s: Suite, into out: inout TextBuffer) {
        out.write("  <testsuite name=\""); out.xmlAttribute(s.name)
        out.write("\" tests=\""); out.write(s.cases.count)
        out.write("\" failures=\""); out.write(s.count(.failure))
        out.write("\" errors=\""); out.write(s.count(.error))
        out.write("\" skipped=\""); out.write(s.count(.skipped))
        out.write("\" time=\"0\" file=\""); out.xmlAttribute(s.file)
        out.write("\">\n    <properties>\n")
        for (name, value) in s.properties {
            out.write("      <property name=\""); out.xmlAttribute(name)
            out.write("\" value=\""); out.xmlAttribute(value); out.write("\"/>\n")
        }
        out.write("    </properties>\n")
        for c in s.cases {
            out.write("    <testcase name=\""); out.xmlAttribute(c.name)
            out.write("\" classname=\""); out.xmlAttribute(c.classname)
            out.write("\" time=\"0\"")
            let element: StaticString?
            switch c.outcome {
            case .passed: element = nil
            case .failure: element = "failure"
            case .error: element = "error"
            case .skipped: element = "skipped"
            }
            if element == nil && c.systemOut == nil { out.write("/>\n"); continue }
            out.write(">\n")
            if let element {
                out.write("      <"); out.write(element)
                out.write(" type=\""); out.xmlAttribute(c.type)
                out.write("\" message=\""); out.xmlAttribute(c.message); out.write("\">")
                out.xmlText(c.detail)
                out.write("</"); out.write(element); out.write(">\n")
            }
            if let so = c.systemOut {
                out.write("      <system-out>"); out.xmlText(so); out.write("</system-out>\n")
            }
            out.write("    </testcase>\n")
        }
        out.write("  </testsuite>\n")
    }
}
