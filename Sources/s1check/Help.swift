import S1CheckCore
import S1CheckReports

/// Every help page, made from the declarations in `CommandTable`: the usage lines, the option lines and
/// the list of commands come from there, so a new command or option is shown with nothing more.
enum Help {
    /// Usage lines are wrapped to this width, continuing under the first option.
    static let width = 100
    /// The furthest column where the summaries of `s1check --help` start (after the two-space indent).
    static let summaryColumn = 46
    /// The column where an option's help starts.
    static let helpColumn = 20

    static let about = """
    Checks SMETS1 test plans against the Amended SMETS1 SEC baseline that the SMETS1 Testing Baseline
    Requirements Document (TBRD v1.24, embedded) defines, and reports pass / warn / fail per plan and
    per artefact, as console lines (or GitHub Actions annotations), JUnit XML, Markdown, JSON, SARIF,
    GitLab Code Quality, a job-page summary and an HTML evidence pack; and the coverage of a release
    scope.
    """

    static let exitStatus = "Exit status: 0 no fail; 1 a fail (or a warn with --strict); 2 usage or input error, or no plan."

    /// `s1check --help`: every command (and subcommand) with its synopsis and summary.
    static var main: String {
        "s1check \(ToolInfo.version): SMETS1 variation-testing compliance checker.\n\n\(about)\n\nUsage:\n"
            + commandList.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
            + "\n\n" + exitStatus
    }

    /// Every command (and subcommand) with its synopsis and summary, one a line: the list in
    /// `s1check --help`, and the README's command block (a test holds it to this).
    static var commandList: String {
        var rows: [(String, String)] = []
        func add(_ c: CommandSpec, words: [String]) {
            rows.append((synopsis(c, words: words), c.summary))
            for s in c.subcommands { add(s, words: words + [s.name]) }
        }
        for c in CommandTable.commands { add(c, words: [c.name]) }
        rows.append(("s1check --version | --help | help COMMAND", "(each command also takes --help or -h)"))
        // The summaries in one column, at most `summaryColumn` in: a longer synopsis has its summary on the
        // next line, so every line fits `width`.
        let column = min(rows.map(\.0.count).max()! + 2, summaryColumn)
        let lines = rows.map { row in
            row.0.count + 2 <= column ? row.0 + String(repeating: " ", count: column - row.0.count) + row.1
                : row.0 + "\n" + String(repeating: " ", count: column) + row.1
        }
        return lines.joined(separator: "\n")
    }

    /// A command's usage on one line, as docs/ quote it: `s1check fix PATH... [--baseline FILE] ...`.
    static func usageLine(_ c: CommandSpec, words: [String]) -> String {
        (["s1check"] + words + c.positionals.usage + c.options.map(\.usage)).joined(separator: " ")
    }

    /// The short form for the list of commands: `s1check init --phase PHASE --id ID [options]`.
    static func synopsis(_ c: CommandSpec, words: [String]) -> String {
        var parts = ["s1check"] + words + c.positionals.usage + c.options.filter(\.required).map(\.label)
        if c.options.contains(where: { !$0.required }) { parts.append("[options]") }
        return parts.joined(separator: " ")
    }

    /// A command's page: its usage line (and its subcommands'), what it does, its options, its
    /// subcommands, and what follows.
    static func page(_ c: CommandSpec, words: [String]) -> String {
        var usage: [String] = []
        func add(_ c: CommandSpec, words: [String]) {
            usage += usageLines(c, words: words, lead: usage.isEmpty ? "Usage: " : "       ")
            for s in c.subcommands { add(s, words: words + [s.name]) }
        }
        add(c, words: words)
        var sections = [usage.joined(separator: "\n"), c.discussion]
        let described = c.options.filter { !$0.help.isEmpty }
        if !described.isEmpty {
            sections.append(described.map { row($0.label, $0.help) }.joined(separator: "\n"))
        }
        if !c.subcommands.isEmpty {
            sections.append(c.subcommands.map { row($0.name, $0.summary + " (s1check \((words + [$0.name]).joined(separator: " ")) --help)") }.joined(separator: "\n"))
        }
        if let e = c.epilogue { sections.append(e) }
        return sections.joined(separator: "\n\n")
    }

    /// `  --baseline FILE   help`, the help at `helpColumn` (at least two spaces after the label), its
    /// further lines under it.
    static func row(_ label: String, _ help: String) -> String {
        let head = "  " + label
        let indent = String(repeating: " ", count: helpColumn)
        let text = help.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n" + indent)
        return head + String(repeating: " ", count: max(2, helpColumn - head.count)) + text
    }

    /// `Usage: s1check check PATH... [--baseline FILE] ...`, wrapped at `width` with the options
    /// continuing under the first.
    static func usageLines(_ c: CommandSpec, words: [String], lead: String) -> [String] {
        let head = lead + (["s1check"] + words + c.positionals.usage).joined(separator: " ")
        let indent = String(repeating: " ", count: head.count + 1)
        var lines = [head]
        for part in c.options.map(\.usage) {
            if lines[lines.count - 1].count + 1 + part.count > width {
                lines.append(indent + part)
            } else {
                lines[lines.count - 1] += " " + part
            }
        }
        return lines
    }
}
