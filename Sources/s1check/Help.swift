import S1CheckCore
import S1CheckReports

enum Help {
    static let main = """
    s1check \(ToolInfo.version): SMETS1 variation-testing compliance checker.

    Checks SMETS1 test plans against the Amended SMETS1 SEC baseline that the SMETS1 Testing Baseline
    Requirements Document (TBRD v1.24, embedded) defines, and reports pass / warn / fail per plan and per
    artefact, as console lines (or GitHub Actions annotations), JUnit XML, Markdown, JSON, SARIF, GitLab
    Code Quality and a job-page summary.

    Usage:
      s1check check PATH... [options]        check plans (files, or folders searched for *.plan.json)
      s1check fix PATH... [--write]          the patch bringing drifted versions onto the baseline
      s1check baseline [options]             show the resolved baseline
      s1check baseline export [--baseline F] print the baseline file in use, unchanged
      s1check baseline diff OLD NEW          what changed between two baseline files
      s1check init --phase P --id ID         print a new plan at the resolved baseline
      s1check rules                          the rules: id, status, clause, whether waivable
      s1check explain RULE                   one rule: summary, clause, examples and their findings
      s1check --version | --help             (each command also takes --help)

    Exit status: 0 no fail; 1 a fail (or a warn with --strict); 2 usage or input error, or no plan found.
    """

    static let check = """
    Usage: s1check check PATH... [--baseline FILE] [--devices FILE] [--config FILE]
                                 [--junit FILE] [--markdown FILE] [--json FILE] [--sarif FILE]
                                 [--codequality FILE] [--summary FILE]
                                 [--format text|github] [--strict] [--keep-going] [--as-of YYYY-MM-DD]

    Checks every plan. A folder is searched recursively for *.plan.json (other *.json files are listed as
    passed over); a file given by name is read whatever its name.

      --baseline FILE   a baseline file instead of the embedded TBRD v1.24 (see `s1check baseline export`)
      --devices FILE    a device registry: check each device model and combination is eligible for the phase
      --config FILE     a policy file: per-rule levels (allow | warn | deny) and shared waivers
                        (default: s1check.json in the working folder, when there is one)
    \(reportOptions)
      --format FORMAT   console output: text (default) or github (Actions workflow commands)
      --strict          warnings fail the run (exit 1), and every CI format reports them as failures
      --keep-going      an unreadable plan is reported as a failing plan (exit 1) instead of exit 2
      --as-of DATE      the date waivers are judged against (default: today); reports record it

    Reports are written as a set: none is replaced unless all are complete; missing folders are
    created; an input is never overwritten. FILE may be - (standard output), a device or a FIFO, which
    are written into; a symlink to a file is refused.
    Exit status: 0 no fail; 1 a fail (or a warn with --strict); 2 usage or input error, or no plan found.
    """

    /// One line per report format, from the formats themselves, so a new format is explained. (The usage
    /// line is written out; a test checks it names every option.)
    static var reportOptions: String {
        ReportFormat.files.map { f in
            let option = "  --\(f.rawValue) FILE"
            let pad = max(2, 20 - option.count)
            return option + String(repeating: " ", count: pad) + f.help
        }.joined(separator: "\n")
    }

    static let baseline = """
    Usage: s1check baseline [--baseline FILE] [--phase IOC|MOC|FOC] [--format text|markdown|json]
           s1check baseline export [--baseline FILE]
           s1check baseline diff OLD NEW [--plans PATH]... [--format text|markdown|json]

    baseline          the resolved baseline: each artefact with its version and where it came from
                      (Annex A, legal effect, consultation). --phase leaves out what does not apply.
    baseline export   prints the baseline file in use (embedded, or --baseline) byte for byte, to copy
                      and edit for the next TBRD issue.
    baseline diff     artefacts added, removed and re-versioned, consultations opened or closed, and
                      SEC / SVTAD / TBRD changes between OLD and NEW (use @embedded for the embedded
                      baseline). With --plans (once per path), the plans each change puts out of
                      date.
                      Exit status: 0 nothing changed, 1 something changed, 2 input error.
    """

    static let fix = """
    Usage: s1check fix PATH... [--baseline FILE] [--config FILE] [--write]

    Brings plans onto the baseline: changes the version of each drifted artefact (an artefact-version
    fail) that has exactly one relevant version, and a tbrd older than the baseline's, and no other byte
    of the file. Several relevant versions side by side, a document declared more than once and a waived
    finding are listed as notes with the choices, never guessed; a version is never lowered.

      --baseline FILE   a baseline file instead of the embedded TBRD v1.24
      --config FILE     a policy file whose shared waivers are respected, like a plan's own
                        (default: s1check.json in the working folder, when there is one)
      --write           replace each plan that changes (atomically, keeping its permissions) instead
                        of printing the unified diff (for git apply or patch -p1) on standard output

    A plan is never written through a symlink, when it is read-only or has other hard links, or when it
    changed since it was read. Notes, errors and the summary go to standard error.
    Exit status: without --write, 0 nothing to change, 1 a change to make; with --write, 0 written;
    2 usage or input error, or a plan that could not be written.
    """

    static let rules = """
    Usage: s1check rules [--format text|markdown]

    The catalogue of rules, in the order they run: each id (as findings, waivers and policy files name
    it), the statuses its findings can have, whether a waiver may waive it, and the clause it rests on.
    --format markdown prints the catalogue with every rule's examples (docs/rules.md is this output).
    """

    static let explain = """
    Usage: s1check explain RULE [--format text|markdown]

    One rule: its summary, the clause it rests on, the statuses its findings can have, whether a waiver
    may waive it, and its worked examples (plan fragments with the exact findings they give, which run
    as tests). RULE is an id from s1check rules, such as artefact-version or input-error.
    """

    static let initPlan = """
    Usage: s1check init --phase IOC|MOC|FOC --id ID [--title TITLE] [--start YYYY-MM-DD] [--end YYYY-MM-DD]
                        [--baseline FILE]

    Prints a new plan declaring every artefact that applies to the phase at its resolved version (the
    most recent, where several versions are in legal effect side by side), with a test window (default:
    today to today; set it to the real dates). Add the device models or combinations under test, then
    `s1check check` it.
    """
}
