import S1CheckCore

/// SARIF 2.1.0 (`--sarif`), for GitHub code scanning and other SARIF viewers: each fail, warn and waived
/// finding as a result on its plan file and line, each unreadable plan's input errors too.
///
/// - `tool.driver.rules` lists every rule of the registry (id, summary, clause), then `internal-error` (a
///   rule that applied but said nothing) and `input-error`.
/// - Levels: fail and input errors `error`; warn `warning` (`error` under `--strict`, which fails the run
///   on it); waived `note`, with a `suppressions` entry carrying the waiver's reason. GitHub ignores
///   suppressions, so the message also says the finding was waived.
/// - Locations are relative to the working folder, as `%SRCROOT%`-based URIs (see `RepositoryPath`).
/// - GitHub rejects a run with more than 25,000 results. Results come in three streams (fail, warn,
///   waived), so when the limit cuts, the most severe are kept, result by result (a plan with more results
///   than the limit keeps its first 25,000, worst first), and a run-level notification says how many were
///   left out.
/// - Deterministic: no times, no absolute paths for inputs inside the working folder.
public struct SARIFReport: ReportRenderer {
    let settings: RunSettings

    public init(settings: RunSettings) { self.settings = settings }

    public static var streams: Int { 3 }
    public static var separator: [UInt8] { Array(",".utf8) }
    public static var limit: ReportLimit? { .items(maxResults) }
    /// Everything before the results is known before the first plan is checked.
    public static var headNeedsOutcome: Bool { false }

    /// GitHub's limit on results per run (above it the upload is rejected); the notification says 25,000.
    public static let maxResults = 25_000
    static let schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    /// Depth of the results array's items: root object, `runs`, the run, `results`.
    static let resultDepth = 4

    static let rules = RuleCatalogue.all
    static let ruleIndex: [String: Int] = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })

    public func head(_ outcome: RunOutcome, omitted: Int) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.string("$schema", SARIFReport.schema)
        w.string("version", "2.1.0")
        w.beginArray("runs")
        w.beginObject()
        w.beginObject("tool")
        w.beginObject("driver")
        w.string("name", ToolInfo.name)
        w.string("version", ToolInfo.version)
        w.string("semanticVersion", ToolInfo.version)
        w.beginArray("rules")
        for r in SARIFReport.rules {
            w.beginObject()
            w.string("id", r.id)
            w.string("name", SARIFReport.ruleName(r.id))
            w.beginObject("shortDescription"); w.string("text", r.summary); w.endObject()
            w.beginObject("fullDescription"); w.string("text", "\(r.summary) Clause: \(r.clause).\(r.waivable ? " Waivable." : "")"); w.endObject()
            w.beginObject("help")
            w.string("text", "\(r.summary) It rests on \(r.clause). s1check explain \(r.id) shows its worked examples; \(r.waivable ? "a plan may waive its warn and fail findings with a reason and an expiry" : "its findings cannot be waived").")
            w.endObject()
            w.beginObject("properties"); w.stringArray("tags", ["smets1", "compliance"]); w.bool("waivable", r.waivable); w.endObject()
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.endObject()
        w.beginArray("results")
        return w.out.finish()
    }

    /// `artefact-version` → `ArtefactVersion` (SARIF's `name` is an identifier-like form of the id).
    static func ruleName(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    public func section(_ p: FileResult) -> ReportSection {
        let path = RepositoryPath(bytes: p.location, workingFolder: settings.workingFolder)
        // A writer per stream (fail, warn, waived), made when its first result comes.
        var writers: [JSONWriter?] = [nil, nil, nil]
        var items = [0, 0, 0]
        // Where each result ends, so the cut at GitHub's limit can keep a plan's most severe results and
        // leave out the rest one by one, not the plan whole.
        var ends: [[Int]] = [[], [], []]
        func result(_ stream: Int, rule: RuleDescription, level: String, message: String, line: Int?, column: Int?, check: String,
                    at elsewhere: ResultsLocation? = nil, more: (inout JSONWriter) -> Void) {
            if writers[stream] == nil { writers[stream] = JSONWriter(itemAt: SARIFReport.resultDepth, first: true, out: TextBuffer(capacity: 1 << 11)) }
            // A finding that stands in another file (a test case in a results file) is located there; its
            // fingerprint stays its plan's.
            let place = elsewhere.map { RepositoryPath($0.file, workingFolder: settings.workingFolder) } ?? path
            SARIFReport.writeResult(&writers[stream]!, rule: rule, level: level, message: message, uri: place.uri, isRelative: place.isRelative,
                                    line: elsewhere?.position.line ?? line, column: elsewhere?.position.column ?? column,
                                    fingerprint: Fingerprint.of(path: path, check: check), more: more)
            items[stream] += 1
            ends[stream].append(writers[stream]!.out.bytes.count)
        }
        for f in p.findings where Gate.isListed(f) {
            if f.inputError != nil {
                // Nothing in the file was checked: an error at line:column, its own status.
                result(0, rule: f.rule, level: "error", message: f.message, line: f.line, column: f.column, check: f.check) { w in
                    w.beginObject("properties")
                    w.string("status", "input-error")
                    w.endObject()
                }
                continue
            }
            let gate = Gate.status(f, strict: settings.strict)
            // Streams by severity for the cut: fails, then warnings (raised or not), then waived and allowed.
            let stream = f.status == .fail ? 0 : gate == .fail || gate == .warn ? 1 : 2
            result(stream, rule: f.rule, level: SARIFReport.level(gate), message: PolicyText.messageWithWaiver(f), line: f.line, column: nil, check: f.check,
                   at: f.elsewhere) { w in
                if let waiver = f.waiver {
                    w.beginArray("suppressions")
                    w.beginObject()
                    w.string("kind", "external")
                    w.string("status", "accepted")
                    w.string("justification", waiver.reason + (waiver.terms.map { " (\($0))" } ?? ""))
                    w.endObject()
                    w.endArray()
                }
                w.beginObject("properties")
                w.string("plan", p.id)
                w.string("check", f.check)
                w.string("status", f.status.rawValue)
                if let waiver = f.waiver { w.string("originalStatus", waiver.originalStatus.rawValue) }
                if let level = f.level { w.string("policyLevel", level.level.rawValue); w.string("statusBeforePolicy", level.originalStatus.rawValue) }
                w.string("clause", f.clause)
                if let hint = f.hint { w.string("hint", hint) }
                w.endObject()
            }
        }
        return ReportSection(parts: writers.map { $0?.out.bytes ?? [] }, items: items, itemEnds: ends)
    }

    static func writeResult(_ w: inout JSONWriter, rule: RuleDescription, level: String, message: String, uri: String, isRelative: Bool,
                            line: Int?, column: Int?, fingerprint: String, more: (inout JSONWriter) -> Void) {
        w.beginCompactObject()
        w.string("ruleId", rule.id)
        if let index = SARIFReport.ruleIndex[rule.id] { w.number("ruleIndex", index) }
        w.string("level", level)
        w.beginObject("message"); w.string("text", message); w.endObject()
        writeLocations(&w, uri: uri, isRelative: isRelative, line: line, column: column)
        w.beginObject("partialFingerprints"); w.string("s1check/v1", fingerprint); w.endObject()
        more(&w)
        w.endObject()
    }

    /// A status as reported to the CI (after `--strict`): fail `error`, warn `warning`, waived or allowed `note`.
    static func level(_ gate: Status) -> String {
        switch gate {
        case .fail: return "error"
        case .warn: return "warning"
        default: return "note"
        }
    }

    /// `locations` with the one place a result or notification is about. GitHub needs a start line; a
    /// finding about the whole file points at its first line.
    static func writeLocations(_ w: inout JSONWriter, uri: String, isRelative: Bool, line: Int?, column: Int?) {
        w.beginArray("locations")
        w.beginObject()
        w.beginObject("physicalLocation")
        w.beginObject("artifactLocation")
        w.string("uri", uri)
        if isRelative { w.string("uriBaseId", "%SRCROOT%") }
        w.endObject()
        w.beginObject("region")
        w.number("startLine", max(line ?? 1, 1))
        if let column { w.number("startColumn", max(column, 1)) }
        w.endObject()
        w.endObject()
        w.endObject()
        w.endArray()
    }

    public func tail(_ outcome: RunOutcome, omitted: Int) -> [UInt8] {
        let run = settings
        // The results array may be empty; closing it on its own line keeps the tail independent of that.
        var w = JSONWriter(insideArrayAt: SARIFReport.resultDepth, hasItems: true)
        w.endArray()
        w.beginArray("invocations")
        w.beginObject()
        // The run completed unless a plan could not be read (exit status 2): verdicts are not failures.
        w.bool("executionSuccessful", outcome.exitCode != 2)
        w.number("exitCode", Int(outcome.exitCode))
        w.beginArray("toolExecutionNotifications")
        if omitted > 0 {
            notification(&w, id: "results-left-out", level: "warning",
                         "\(omitted) result\(omitted == 1 ? " was" : "s were") left out: GitHub code scanning rejects a run with more than 25,000 results, so the most severe were kept (fail, then warn, then waived). Every finding is in the JSON and JUnit reports.")
        }
        if let note = BaselineText.supersededNote(run) {
            notification(&w, id: "baseline-may-be-superseded", level: "note", note.prefix(1).uppercased() + note.dropFirst())
        }
        if run.registrySource == nil {
            notification(&w, id: "device-eligibility-not-checked", level: "note", "Device eligibility was not checked (no --devices registry given).")
        }
        if !run.passedOver.isEmpty {
            notification(&w, id: "passed-over", level: "note",
                         "Passed over \(run.passedOver.count) .json file\(run.passedOver.count == 1 ? "" : "s") not named *.plan.json: \(run.passedOver.joined(separator: ", ")).")
        }
        w.endArray()
        w.endObject()
        w.endArray()
        w.beginObject("properties")
        w.string("result", Gate.verdict(outcome))
        w.string("asOf", run.asOf.description)
        w.bool("strict", run.strict)
        w.bool("keepGoing", run.keepGoing)
        w.string("policy", PolicyText.label(run))
        let b = run.baseline.baseline
        w.beginObject("baseline")
        w.string("file", run.baselineSource.file)
        w.string("sha256", run.baselineSource.sha256)
        w.string("tbrd", b.tbrd.version.description)
        w.string("tbrdDate", b.tbrd.date.description)
        w.string("sec", b.sec.description)
        w.string("svtad", b.svtad.description)
        w.endObject()
        w.beginObject("plans")
        w.number("total", outcome.planCount)
        for s in [Status.pass, .warn, .fail] { w.number(s.rawValue, outcome.plans(withStatus: s)) }
        w.number("input-error", outcome.inputErrorCount)
        w.endObject()
        // The counts every report states (the scope's cells and the run's own findings included).
        w.tallyFields(outcome.tally, order: [.fail, .warn, .waived, .pass])
        w.number("resultsLeftOut", omitted)
        w.endObject()
        w.endObject()
        w.endArray()
        w.endObject()
        return w.finish()
    }

    func notification(_ w: inout JSONWriter, id: String, level: String, _ text: String,
                      location: (uri: String, isRelative: Bool, line: Int)? = nil) {
        w.beginObject()
        w.beginObject("descriptor"); w.string("id", id); w.endObject()
        w.string("level", level)
        w.beginObject("message"); w.string("text", text); w.endObject()
        if let location { SARIFReport.writeLocations(&w, uri: location.uri, isRelative: location.isRelative, line: location.line, column: nil) }
        w.endObject()
    }
}
