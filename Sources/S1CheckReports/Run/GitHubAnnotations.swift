import S1CheckCore

/// `check --format github`: the console as GitHub Actions workflow commands, so each finding is an
/// annotation on its plan file and line: `::error` for a fail and an input error, `::warning` for a warn
/// (`::error` under `--strict`, which fails the run on it), `::notice` for a pass a policy allowed; a
/// waived finding is a plain log line, not an annotation. Then the summary, as in the text format.
///
/// Escaped as the Actions toolkit escapes (`@actions/core` command.ts): in the message `%`, CR and LF
/// become `%25`, `%0D`, `%0A`; in a property also `:` and `,` become `%3A` and `%2C` (the runner ends the
/// properties at the next `::`, and splits them at `,`). GitHub shows at most 10 annotations of each kind
/// per step; the rest are still in the log.
///
/// A renderer like the reports': each plan's commands are its section, the summary is the tail.
public struct GitHubAnnotations: ReportRenderer {
    let settings: RunSettings
    let detail: ConsoleReport.Detail
    let statistics: ConsoleReport.Statistics?

    public init(settings: RunSettings) { self.init(settings: settings, detail: .normal) }

    public init(settings: RunSettings, detail: ConsoleReport.Detail, statistics: ConsoleReport.Statistics? = nil) {
        self.settings = settings
        self.detail = detail
        self.statistics = statistics
    }

    public static var headNeedsOutcome: Bool { false }

    public func section(_ plan: FileResult) -> ReportSection {
        statistics?.add(plan)
        return ReportSection(GitHubAnnotations.lines(plan, settings: settings, detail: detail))
    }
    public func head(_ outcome: RunOutcome, omitted: Int) -> [UInt8] { [] }
    public func tail(_ outcome: RunOutcome, omitted: Int) -> [UInt8] {
        Array(((statistics?.text(verbose: detail == .verbose) ?? "") + GitHubAnnotations.summary(settings, outcome)).utf8)
    }

    /// The commands for one plan's input errors and its findings that are not a pass. A waived finding is
    /// never an annotation (a pull request is not the place for a decision already taken): it is a plain
    /// log line, `waived: FILE:LINE: message [rule]`, which no runner reads as a command; so is a pass
    /// under `--verbose`. `--quiet` keeps only what fails or warns.
    public static func lines(_ p: FileResult, settings: RunSettings, detail: ConsoleReport.Detail = .normal) -> [UInt8] {
        var out = TextBuffer(capacity: 1 << 10)
        let file = RepositoryPath(bytes: p.location, workingFolder: settings.workingFolder).path
        // Passes are not annotated, except those a policy allowed: a finding is never hidden.
        let shown = detail == .verbose ? ConsoleReport.inLineOrder(p.findings) : Gate.listed(p.findings)
        for f in shown where detail.shows(f) {
            if let e = f.inputError { inputErrorCommand(&out, e, file: file); continue }
            if f.status == .waived || (f.status == .pass && !f.isAllowed) {
                out.write(f.status == .waived ? "waived: " : "pass: ")
                // Where the annotations place findings (the repository path), shown as the console shows text.
                out.console(file)
                if let line = f.line { out.write(":\(line)") }
                out.write(": ")
                out.console(PolicyText.messageWithWaiver(f))
                out.write(" [\(f.rule.id)]\n")
                continue
            }
            let gate = Gate.status(f, strict: settings.strict)
            var title = "\(p.id ?? p.file) · \(f.check)"
            switch gate {
            case .fail: if f.status == .warn { title += " (warn under --strict)" }
            case .warn: break
            default: title += " (allowed)"
            }
            // A finding that stands in another file (a test case in a results file) is annotated there.
            let place = f.elsewhere.map { RepositoryPath($0.file, workingFolder: settings.workingFolder).path } ?? file
            command(&out, commandName(gate), file: place, line: f.elsewhere?.position.line ?? f.line, column: f.elsewhere?.position.column,
                    title: title, message: PolicyText.messageWithWaiver(f))
        }
        return out.finish()
    }

    /// `::error` commands for input files that stopped the run before any plan was checked (a baseline,
    /// registry or policy file that does not decode), so they are annotations too, on their lines.
    /// `locations`: the files' paths as bytes, by the names the diagnostics show.
    public static func inputErrors(_ errors: [Diagnostic], workingFolder: String?, locations: [String: [UInt8]] = [:]) -> [UInt8] {
        var out = TextBuffer(capacity: 1 << 10)
        for e in errors {
            let file = e.file.map { RepositoryPath(bytes: locations[$0] ?? Array($0.utf8), workingFolder: workingFolder).path }
            inputErrorCommand(&out, e, file: file ?? "")
        }
        return out.finish()
    }

    /// The run's summary, as the text format prints it, with every name from the inputs escaped as a
    /// message is, so no line break in a file name can start a workflow command.
    public static func summary(_ run: RunSettings, _ outcome: RunOutcome) -> String {
        ConsoleReport.summary(run, outcome, style: ConsoleReport.Style(colour: false), name: { ConsoleText.escaped(escapeData($0)) })
    }

    /// A status as reported to the CI (after `--strict`): fail `error`, warn `warning`, waived or allowed `notice`.
    static func commandName(_ gate: Status) -> StaticString {
        switch gate {
        case .fail: return "error"
        case .warn: return "warning"
        default: return "notice"
        }
    }

    static func inputErrorCommand(_ out: inout TextBuffer, _ e: Diagnostic, file: String) {
        command(&out, "error", file: file, line: e.position?.line, column: e.position?.column, title: "input-error",
                message: e.path.map { "\($0): \(e.message)" } ?? e.message)
    }

    static func command(_ out: inout TextBuffer, _ name: StaticString, file: String, line: Int?, column: Int?, title: String, message: String) {
        out.write("::"); out.write(name)
        out.write(" file="); out.write(file, escaping: propertyEscaper)
        // The toolkit leaves out a property with no value (and line 0).
        if let line, line > 0 {
            out.write(",line="); out.write(line)
            if let column, column > 0 { out.write(",col="); out.write(column) }
        }
        out.write(",title="); out.write(title, escaping: propertyEscaper)
        out.write("::"); out.write(message, escaping: dataEscaper); out.byte(0x0A)
    }

    /// `escapeData` of @actions/core (`%` is replaced first there, so no escape is escaped again).
    public static func escapeData(_ s: String) -> String {
        var out = TextBuffer(capacity: s.utf8.count + 8)
        out.write(s, escaping: dataEscaper)
        return out.string
    }

    /// `escapeProperty` of @actions/core.
    public static func escapeProperty(_ s: String) -> String {
        var out = TextBuffer(capacity: s.utf8.count + 8)
        out.write(s, escaping: propertyEscaper)
        return out.string
    }

    /// The toolkit's escapes, and then what a log viewer must not receive raw: every other C0 control
    /// but the tab, DEL, the C1 controls and the format characters are written visibly (`\u{1B}`,
    /// `\u{202E}`), as the text console does.
    static func escape(_ u: Unicode.Scalar) -> String? {
        switch u {
        case "%": return "%25"
        case "\r": return "%0D"
        case "\n": return "%0A"
        case ":": return "%3A"
        case ",": return "%2C"
        case "\t": return nil
        default: return ConsoleText.escape(u)
        }
    }

    // C1 controls (U+0080–U+009F) start with the lead byte 0xC2, format characters with one of a few.
    static let dataEscaper = Escaper(ascii: Array("%\r\n".utf8) + Escaper.controls, leadBytes: Unicode.formatLeadBytes, escape: { escape($0) })
    static let propertyEscaper = Escaper(ascii: Array("%\r\n:,".utf8) + Escaper.controls, leadBytes: Unicode.formatLeadBytes, escape: { escape($0) })
}
