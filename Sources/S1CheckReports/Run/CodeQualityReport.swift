import S1CheckCore

/// GitLab Code Quality (`--codequality`): a JSON array with one entry per fail, warn and waived finding
/// and per input error, so a merge request shows each on its plan file and line.
///
/// GitLab reads `description`, `check_name`, `fingerprint`, `severity` and `location` (path and
/// `lines.begin`); `type`, `categories` and `engine_name` make each entry a Code Climate issue for other
/// readers too. Severities: input error `critical` (nothing in the plan was checked), fail `major`, warn
/// `minor` (`major` under `--strict`, which fails the run on it), waived `info`.
///
/// GitLab keeps one entry per fingerprint (a later one replaces an earlier one) and stops reading at the
/// first entry it cannot accept, so every fingerprint is unique (plan path and check name) and every
/// entry has every field, with a line of at least 1.
public struct CodeQualityReport: ReportRenderer {
    let settings: RunSettings

    public init(settings: RunSettings) { self.settings = settings }

    public static var separator: [UInt8] { Array(",".utf8) }
    public static var headNeedsOutcome: Bool { false }

    public func opening() -> [UInt8] { Array("[".utf8) }
    public func head(_ outcome: RunOutcome, omitted: Int) -> [UInt8] { opening() }

    public func section(_ p: FileResult) -> ReportSection {
        let path = RepositoryPath(bytes: p.location, workingFolder: settings.workingFolder)
        var w = JSONWriter(itemAt: 1, first: true, out: TextBuffer(capacity: 1 << 11))
        var items = 0
        for f in p.findings where Gate.isListed(f) {
            // An input error is the one "critical": nothing in its file was checked.
            entry(&w, description: PolicyText.messageWithWaiver(f), check: f.rule.id,
                  severity: f.inputError != nil ? "critical" : CodeQualityReport.severity(Gate.status(f, strict: settings.strict)),
                  fingerprint: Fingerprint.of(path: path, check: f.check),
                  // A finding that stands in another file (a test case in a results file) is located there.
                  path: f.elsewhere.map { RepositoryPath($0.file, workingFolder: settings.workingFolder) } ?? path,
                  line: f.elsewhere?.position.line ?? f.line)
            items += 1
        }
        return ReportSection(items == 0 ? [] : w.out.finish(), items: items)
    }

    /// A status as reported to the CI (after `--strict`): fail major, warn minor, waived or allowed info.
    static func severity(_ gate: Status) -> String {
        switch gate {
        case .fail: return "major"
        case .warn: return "minor"
        default: return "info"
        }
    }

    func entry(_ w: inout JSONWriter, description: String, check: String, severity: String, fingerprint: String,
               path: RepositoryPath, line: Int?) {
        w.beginCompactObject()
        w.string("type", "issue")
        w.string("engine_name", ToolInfo.name)
        w.string("check_name", check)
        w.string("description", description)
        w.stringArray("categories", ["Compliance"])
        w.string("severity", severity)
        w.string("fingerprint", fingerprint)
        w.beginObject("location")
        w.string("path", path.path)
        w.beginObject("lines"); w.number("begin", max(line ?? 1, 1)); w.endObject()
        w.endObject()
        w.endObject()
    }

    public func tail(_ outcome: RunOutcome, omitted: Int) -> [UInt8] {
        var any = outcome.hasListedFindings
        var w = JSONWriter(itemAt: 1, first: !any, out: TextBuffer(capacity: 1 << 10))
        // The one place Code Quality can say a run's note: an info entry at the baseline file.
        if let note = BaselineText.supersededNote(settings) {
            let path = RepositoryPath(bytes: settings.baselineSource.location, workingFolder: settings.workingFolder)
            entry(&w, description: note.prefix(1).uppercased() + note.dropFirst(), check: "baseline-may-be-superseded", severity: "info",
                  fingerprint: Fingerprint.of(path: path, check: "baseline-may-be-superseded"), path: path, line: nil)
            any = true
        }
        return w.out.finish() + Array((any ? "\n]\n" : "]\n").utf8)
    }
}
