import S1CheckCore

/// JUnit XML for CI (`--junit`): `<testsuites>`, a `<testsuite>` per plan, a `<testcase>` per check.
///
/// Mapping: fail → `<failure>`; warn → a passing case whose `<system-out>` carries the warning (with
/// `--strict`, a `<failure>`); waived → `<skipped>` with the waiver's reason; a plan that could not be
/// read → one case with `<error>` (with `--keep-going`, `<failure>`). Valid against the Jenkins xunit
/// junit-10.xsd: no timestamps or hostnames (they would break byte-identical re-runs), times are "0".
///
/// A failing, erroring or skipped case says everything in its element, and has no `<system-out>`: GitLab
/// shows a failure's text and then its system-out, so a copy there is shown twice (docs/reports.md, "How CI
/// reporters read it"). Only a warning, which has no element of its own, is written to `<system-out>`.
public struct JUnitReport: ReportRenderer {
    let settings: RunSettings
    /// The properties every plan's suite ends with: the same for the whole run, so worked out once.
    let runProperties: [(String, String)]

    public init(settings: RunSettings) {
        self.settings = settings
        let b = settings.baseline.baseline
        runProperties = [("baseline-tbrd", b.tbrd.version.description), ("baseline-sec", b.sec.description),
                         ("baseline-svtad", b.svtad.description), ("as-of", settings.asOf.description),
                         ("device-eligibility", settings.registrySource.map { "checked against \($0.file)" } ?? "not checked (no --devices registry)"),
                         ("policy", PolicyText.label(settings) ?? "none")]
    }

    /// The totals come first in the file, so the head waits for the outcome.
    public func head(_ outcome: RunOutcome, omitted: Int) -> [UInt8] {
        var tests = 0, failures = 0, errors = 0
        for p in outcome.summaries {
            let c = counts(isInputError: p.isInputError, p.counts)
            tests += c.tests
            failures += c.failures
            errors += c.errors
        }
        // The run-level results, each a suite after the plans'.
        for r in outcome.runResults {
            let k = suiteCounts(r)
            tests += k.tests
            failures += k.failures
        }
        var out = TextBuffer(capacity: 256)
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        out.write("<testsuites name=\"s1check\" tests=\"")
        out.write(tests)
        out.write("\" failures=\"")
        out.write(failures)
        out.write("\" errors=\"")
        out.write(errors)
        out.write("\" time=\"0\">\n")
        // JUnit has no place for a run's note: a comment, which cannot hold "--" (the baseline's own
        // words are in it, so any left are split).
        if let note = BaselineText.supersededNote(settings, option: "option ") {
            out.write("<!-- Note: ")
            var text = ""
            for c in note.unicodeScalars where !XMLText.forbidden(c) {
                if c == "-" && text.unicodeScalars.last == "-" { text += " " }
                text.unicodeScalars.append(c)
            }
            out.write(text)
            out.write(" -->\n")
        }
        return out.finish()
    }

    public func tail(_ outcome: RunOutcome, omitted: Int) -> [UInt8] {
        Array("</testsuites>\n".utf8)
    }

    /// A suite's counts: a plan's by its findings' statuses, an unreadable file's one case, and the policy
    /// file's a case per shared waiver (`writePolicySuite`).
    func suiteCounts(_ r: FileResult) -> (tests: Int, failures: Int, errors: Int, skipped: Int) {
        guard let use = r.sharedWaivers else { return counts(isInputError: r.kind == .unreadable, r.counts) }
        let expired = use.expiries.filter { $0 > 0 }.count
        return (settings.policy.waivers.count, expired + (settings.strict ? r.findings.count : 0), 0, 0)
    }

    /// The policy file's result, as the run's last suite: one case per shared waiver, passing when it
    /// waived something in some plan, failing where it had expired, and the file's own findings (a
    /// shared waiver that waived nothing: a warning, a failure under --strict).
    func writePolicySuite(_ p: FileResult, _ use: SharedWaiverUse, into out: inout TextBuffer) {
        guard let source = settings.policySource else { return }
        let c = suiteCounts(p)
        JUnitReport.openSuite("policy: \(source.file)", file: source.file, counts: c,
                              properties: [("file", source.file), ("sha256", source.sha256), ("policy", PolicyText.label(settings) ?? "")],
                              into: &out)
        let unused = Dictionary(p.findings.compactMap { f in f.sharedWaiver.map { ($0, f) } }, uniquingKeysWith: { a, _ in a })
        for (i, w) in settings.policy.waivers.enumerated() {
            JUnitReport.openCase(settings.policy.checkName(i), classname: JUnitReport.classname("policy"), into: &out)
            out.write(">\n")
            let location = "location: \(source.file):\(settings.policy.waiverLines[i])"
            let expiredIn = use.expiries[i]
            if expiredIn > 0 {
                // Past its expiry where it would have waived something: those plans fail, and so does this case.
                let message = "[waiver] the shared waiver for \(w.label) expired on \(w.expires?.description ?? "?") (as of \(settings.asOf)); \(expiredIn == 1 ? "1 plan fails" : "\(expiredIn) plans fail") on it"
                JUnitReport.element("failure", type: WaiverRule.description.id, message: message, detail: "\(message)\n\(location)", into: &out)
            } else if let f = unused[i] {
                writeWarning(rule: f.rule.id, message: f.message, detail: "\(f.message)\nrule: \(f.rule.id)\n\(location)", into: &out)
            } else {
                let uses = use.uses[i]
                JUnitReport.systemOut("used in \(uses) plan\(uses == 1 ? "" : "s"): \(w.reason ?? "")" + (w.approvedBy.map { " (approved by \($0))" } ?? ""), into: &out)
            }
            out.write("    </testcase>\n")
        }
        out.write("  </testsuite>\n")
    }

    public func section(_ plan: FileResult) -> ReportSection {
        var out = TextBuffer(capacity: 1 << 12)
        write(plan, into: &out)
        return ReportSection(out.finish())
    }

    /// A plan's JUnit counts: the one statement of how statuses map to elements, used by the suite and by
    /// the root totals so they cannot disagree.
    func counts(isInputError: Bool, _ c: StatusCounts) -> (tests: Int, failures: Int, errors: Int, skipped: Int) {
        guard !isInputError else { return (1, settings.keepGoing ? 1 : 0, settings.keepGoing ? 0 : 1, 0) }
        return (c[.pass] + c[.waived] + c[.warn] + c[.fail], c[.fail] + (settings.strict ? c[.warn] : 0), 0, c[.waived])
    }

    /// One `<testsuite>` for a plan, written straight from its findings.
    func write(_ p: FileResult, into out: inout TextBuffer) {
        var properties: [(String, String)] = [("file", p.file), ("sha256", p.sha256), ("status", p.status.rawValue)]
        if p.kind != .unreadable {
            // A plan that passes by a team's decision never reads as a bare PASS (docs/verdicts.md, "Deviations").
            properties += [("verdict", Gate.verdict(p.status, deviations: p.tally.deviations)), ("deviations", String(p.tally.deviations))]
        }
        let suite: String, classname: String
        if let use = p.sharedWaivers { writePolicySuite(p, use, into: &out); return }
        if let scope = p.scope {
            // The release scope: a case per cell. No plan id maps to "~coverage" (classname keeps `~` doubled).
            properties += [("release", scope.scope.release), ("scope-tbrd", scope.scope.tbrd?.description ?? "not stated")] + runProperties
            suite = "coverage: \(scope.scope.release)"
            classname = "s1check.~coverage"
        } else if let plan = p.plan {
            properties += [("plan-id", plan.id), ("title", plan.title), ("phase", plan.phase.rawValue), ("plan-tbrd", plan.tbrdText)]
            properties += runProperties
            suite = plan.id
            classname = JUnitReport.classname(plan.id)
        } else if p.kind == .testResults {
            // A test results file (--results): a case per finding (the file read, unknown plan ids, cases
            // linked to no plan).
            properties += runProperties
            suite = p.file
            classname = JUnitReport.classname(p.file)
        } else {
            // A plan that could not be read: one case, an <error> (a <failure> with --keep-going), holding
            // every input error of the file.
            let errors = p.findings.compactMap(\.inputError)
            properties.append(("input-error", "true"))
            JUnitReport.openSuite(p.file, file: p.file, counts: counts(isInputError: true, p.counts), properties: properties, into: &out)
            JUnitReport.openCase("input-error · \(p.file)", classname: JUnitReport.classname(p.file), into: &out)
            out.write(">\n")
            JUnitReport.element(settings.keepGoing ? "failure" : "error", type: "input-error",
                                message: errors.first?.message ?? "unreadable",
                                detail: errors.map(\.description).joined(separator: "\n"), into: &out)
            out.write("    </testcase>\n  </testsuite>\n")
            return
        }
        JUnitReport.openSuite(suite, file: p.file, counts: counts(isInputError: false, p.counts), properties: properties, into: &out)
        for f in p.findings {
            JUnitReport.openCase(f.check, classname: classname, into: &out)
            if f.status == .pass {
                // A pass the policy allowed keeps its message where a passing case can show it.
                if let note = PolicyText.levelNote(f) {
                    out.write(">\n"); JUnitReport.systemOut("status: pass (\(note))\n\(JUnitReport.detailText(f, file: p.file))", into: &out)
                    out.write("    </testcase>\n")
                } else {
                    out.write("/>\n")
                }
                continue
            }
            out.write(">\n")
            let detail = JUnitReport.detailText(f, file: p.file)
            switch f.status {
            case .fail:
                JUnitReport.element("failure", type: f.rule.id, message: "[\(f.rule.id)] \(f.message)", detail: detail, into: &out)
            case .warn:
                writeWarning(rule: f.rule.id, message: f.message, detail: detail, into: &out)
            case .waived:
                // The reason goes in the message attribute (Jenkins shows it) and leads the element text
                // (GitLab reads only the text).
                let w = f.waiver!
                let reason = "waived (\(w.originalStatus.rawValue)): \(w.reason)" + (w.terms.map { ", \($0)" } ?? "")
                JUnitReport.element("skipped", type: f.rule.id, message: reason, detail: reason + "\n" + detail, into: &out)
            case .pass:
                break
            }
            out.write("    </testcase>\n")
        }
        out.write("  </testsuite>\n")
    }

    /// A warning has no element of its own: it is told in `<system-out>`, or is a `<failure>` under
    /// `--strict` (which fails the run on it).
    func writeWarning(rule: String, message: String, detail: String, into out: inout TextBuffer) {
        if settings.strict {
            JUnitReport.element("failure", type: "warn", message: "[\(rule)] \(message)", detail: detail, into: &out)
        } else {
            JUnitReport.systemOut("status: warn\nWARNING: \(detail)", into: &out)
        }
    }

    /// `s1check.` and a name with no dot in it: Jenkins splits a classname at its last dot into package
    /// and class, so a plan id `SVT-FOC-0051.R2` would show as class `R2`. Dots become `_`; so that no two
    /// names share a classname (`A.1` and `A_1`), `_` becomes `~_` and `~` becomes `~~` (each of `_`,
    /// `~_`, `~~` reads back one way). A name with none of `.`, `_` and `~` is kept as it is.
    static func classname(_ name: String) -> String {
        guard name.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "~") }) else {
            return "s1check." + name
        }
        var out = String.UnicodeScalarView()
        for u in name.unicodeScalars {
            switch u {
            case ".": out.append("_")
            case "_": out.append("~"); out.append("_")
            case "~": out.append("~"); out.append("~")
            default: out.append(u)
            }
        }
        return "s1check." + String(out)
    }

    static func detailText(_ f: Finding, file: String) -> String {
        // A finding that stands in another file (a test case in a results file) is located there.
        let location = f.elsewhere?.description ?? f.line.map { "\(file):\($0)" } ?? file
        var d = "\(f.message)\nrule: \(f.rule.id)\nclause: \(f.clause)\nlocation: \(location)"
        if let hint = f.hint { d += "\nhint: \(hint)" }
        if let note = PolicyText.levelNote(f) { d += "\npolicy: \(note)" }
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
