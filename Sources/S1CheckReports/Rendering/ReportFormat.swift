import S1CheckCore

/// Every output format of `check`, one renderer each: the console formats (`--format text|github`) and the
/// reports written to files (`--junit FILE`, …, the option being the raw value). Adding a report format is
/// a case here (listed in `files`), its `help`, and a renderer.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, github
    case junit, markdown, json, sarif, codequality, summary, html

    /// The reports `check` writes to files, each asked for by its option.
    public static let files: [ReportFormat] = [.junit, .markdown, .json, .sarif, .codequality, .summary, .html]

    /// The renderer for a run with these settings. `colour` paints the text console's labels (only on a terminal).
    public func renderer(_ settings: RunSettings, colour: Bool = false) -> any ReportRenderer {
        switch self {
        case .text: return ConsoleReport(settings: settings, style: ConsoleReport.Style(colour: colour))
        case .github: return GitHubAnnotations(settings: settings)
        case .junit: return JUnitReport(settings: settings)
        case .markdown: return MarkdownReport(settings: settings)
        case .json: return JSONReport(settings: settings)
        case .sarif: return SARIFReport(settings: settings)
        case .codequality: return CodeQualityReport(settings: settings)
        case .summary: return JobSummaryReport(settings: settings)
        case .html: return HTMLReport(settings: settings)
        }
    }

    /// What `--help` says the format writes.
    public var help: String {
        switch self {
        case .text: return "console lines, file:line: error|warning|note: message [rule]"
        case .github: return "console lines as GitHub Actions workflow commands (annotations)"
        case .junit: return "write JUnit XML (a suite per plan, a test case per check)"
        case .markdown: return "write the Markdown evidence-pack report"
        case .json: return "write the JSON report (every check, passes included)"
        case .sarif: return "write SARIF 2.1.0 (GitHub code scanning: findings on the plan line)"
        case .codequality: return "write GitLab Code Quality JSON (findings in merge requests)"
        case .summary: return "write a Markdown summary for a CI job page (at most 1 MiB)"
        case .html: return "write the evidence pack as one self-contained HTML file (prints to PDF)"
        }
    }
}

/// How `check` writes to the console (`--format`): text lines, or GitHub Actions workflow commands.
public enum ConsoleFormat: String, CaseIterable, Sendable {
    case text, github

    /// The output format it selects.
    public var format: ReportFormat {
        switch self {
        case .text: return .text
        case .github: return .github
        }
    }
}
