import S1CheckCore

/// The report formats `check` can write, one renderer each. The option that asks for a format is its
/// raw value (`--junit FILE`); adding a format is a case here and a renderer.
public enum ReportFormat: String, CaseIterable, Sendable {
    case junit, markdown, json, sarif, codequality, summary, html

    /// The renderer for a run with these settings.
    public func renderer(_ settings: RunSettings) -> any ReportRenderer {
        switch self {
        case .junit: return JUnitReport(settings: settings)
        case .markdown: return MarkdownReport(settings: settings)
        case .json: return JSONReport(settings: settings)
        case .sarif: return SARIFReport(settings: settings)
        case .codequality: return CodeQualityReport(settings: settings)
        case .summary: return JobSummaryReport(settings: settings)
        case .html: return HTMLReport(settings: settings)
        }
    }

    /// What `--help` says the option writes.
    public var help: String {
        switch self {
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
