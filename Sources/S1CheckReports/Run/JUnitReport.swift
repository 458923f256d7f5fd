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
            let c = counts(p, run)
            tests += c.tests
            failures += c.failures
            errors += c.errors
        }
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        out.write("<testsuites name=\"s1check\" tests=\"")
        out.write(tests)
        out.write("\" failures=\"")
        out.write(failures)
        out.write("\" errors=\"")
        out.write(errors)
        out.write("\" time=\"0\">\n")
        PlanSections.render(run.plans, into: &out) { _, p, buffer in write(p, run, into: &buffer) }
        out.write("</testsuites>\n")
        return out.finish()
    }

    /// A plan's JUnit counts: the one statement of how statuses map to elements, used by the suite and by
    /// the root totals so they cannot disagree.
    static func counts(_ p: PlanResult, _ run: RunResult) -> (tests: Int, failures: Int, errors: Int, skipped: Int) {
        guard p.plan != nil else { return (1, run.keepGoing ? 1 : 0, run.keepGoing ? 0 : 1, 0) }
        return (p.findings.count, p.count(.fail) + (run.strict ? p.count(.warn) : 0), 0, p.count(.waived))
    }

    /// One `<testsuite>` for a plan, written straight from its findings.
    static func write(_ p: PlanResult, _ run: RunResult, into out: inout TextBuffer) {
        let b = run.baseline.baseline
        var properties: [(String, String)] = [("file", p.file), ("sha256", p.sha256), ("status", p.status.rawValue)]
        guard let plan = p.plan else {
            // A plan that could not be read: one case, an <error> (a <failure> with --keep-going).
            properties.append(("input-error", "true"))
            openSuite(p.file, file: p.file, counts: counts(p, run), properties: properties, into: &out)
            openCase("input-error · \(p.file)", classname: "s1check.\(p.file)", into: &out)
            out.write(">\n")
            element(run.keepGoing ? "failure" : "error", type: "input-error",
                    message: p.inputErrors.first?.message ?? "unreadable",
                    detail: p.inputErrors.map(\.description).joined(separator: "\n"), into: &out)
            out.write("    </testcase>\n  </testsuite>\n")
            return
        }
        properties += [("plan-id", plan.id), ("title", plan.title), ("phase", plan.phase.rawValue),
                       ("plan-tbrd", plan.tbrdText), ("baseline-tbrd", b.tbrd.version.description),
                       ("baseline-sec", b.sec.description), ("baseline-svtad", b.svtad.description),
                       ("as-of", run.asOf.description),
                       ("device-eligibility", run.registrySource.map { "checked against \($0.file)" } ?? "not checked (no --devices registry)")]
        openSuite(plan.id, file: p.file, counts: counts(p, run), properties: properties, into: &out)
        let classname = "s1check.\(plan.id)"
        for f in p.findings {
            openCase(f.check, classname: classname, into: &out)
            if f.status == .pass {
                out.write("/>\n")
                continue
            }
            out.write(">\n")
            let detail = detailText(f, file: p.file)
            switch f.status {
            case .fail:
                element("failure", type: f.rule.id, message: "[\(f.rule.id)] \(f.message)", detail: detail, into: &out)
                systemOut("status: fail\n\(detail)", into: &out)
            case .warn where run.strict:
                element("failure", type: "warn", message: "[\(f.rule.id)] \(f.message)", detail: detail, into: &out)
                systemOut("status: warn\n\(detail)", into: &out)
            case .warn:
                systemOut("status: warn\nWARNING: \(detail)", into: &out)
            case .waived:
                // The reason goes in the message attribute (Jenkins shows it) and leads the element text
                // (GitLab reads only the text).
                let w = f.waiver!
                let reason = "waived (\(w.originalStatus.rawValue)): \(w.reason)" + (w.expires.map { ", expires \($0)" } ?? "")
                element("skipped", type: f.rule.id, message: reason, detail: reason + "\n" + detail, into: &out)
                systemOut("status: waived\n\(detail)", into: &out)
            case .pass:
                break
            }
            out.write("    </testcase>\n")
        }
        out.write("  </testsuite>\n")
    }

    static func detailText(_ f: Finding, file: String) -> String {
        let location = f.line.map { "\(file):\($0)" } ?? file
        var d = "\(f.message)\nrule: \(f.rule.id)\nclause: \(f.clause)\nlocation: \(location)"
        if let x = f.declared { d += "\ndeclared: \(x)" }
        if let x = f.expected { d += "\nexpected: \(x)" }
        return d
    }

    static func openSuite(_ name: String, file: String, counts: (tests: Int, failures: Int, errors: Int, skipped: Int),
                          properties: [(String, String)], into out: inout TextBuffer) {
        out.write("  <testsuite name=\""); out.xmlAttribute(name)
        out.write("\" tests=\""); out.write(counts.tests)
        out.write("\" failures=\""); out.write(counts.failures)
        out.write("\" errors=\""); out.write(counts.errors)
        out.write("\" skipped=\""); out.write(counts.skipped)
        out.write("\" time=\"0\" file=\""); out.xmlAttribute(file)
        out.write("\">\n    <properties>\n")
        for (name, value) in properties {
            out.write("      <property name=\""); out.xmlAttribute(name)
            out.write("\" value=\""); out.xmlAttribute(value); out.write("\"/>\n")
        }
        out.write("    </properties>\n")
    }

    static func openCase(_ name: String, classname: String, into out: inout TextBuffer) {
        out.write("    <testcase name=\""); out.xmlAttribute(name)
        out.write("\" classname=\""); out.xmlAttribute(classname)
        out.write("\" time=\"0\"")
    }

    static func element(_ name: StaticString, type: String, message: String, detail: String, into out: inout TextBuffer) {
        out.write("      <"); out.write(name)
        out.write(" type=\""); out.xmlAttribute(type)
        out.write("\" message=\""); out.xmlAttribute(message); out.write("\">")
        out.xmlText(detail)
        out.write("</"); out.write(name); out.write(">\n")
    }

    static func systemOut(_ text: String, into out: inout TextBuffer) {
        out.write("      <system-out>"); out.xmlText(text); out.write("</system-out>\n")
    }
}
