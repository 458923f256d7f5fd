import Foundation

/// The Markdown renderers a report meets: GitHub (cmark-gfm), GitHub Pages (kramdown, GFM input) and MkDocs
/// (Python-Markdown with tables). `.ci/run` installs all three.
public enum MarkdownRenderer: String, CaseIterable, Sendable, CustomStringConvertible {
    case cmarkGFM = "cmark-gfm", kramdown, pythonMarkdown = "Python-Markdown"

    public var description: String { rawValue }

    public var available: Bool {
        switch self {
        case .cmarkGFM: return ExternalTool.cmarkGFM.path != nil
        case .kramdown: return ExternalTool.kramdown.path != nil
        case .pythonMarkdown: return (try? ExternalTool.python3.run(["-c", "import markdown"]).status) == 0
        }
    }

    /// Whether tests needing this renderer should run (always under CI, where a missing one must fail).
    public var shouldRun: Bool { available || ExternalTool.inCI }

    public static var allShouldRun: Bool { allCases.allSatisfy(\.shouldRun) }
    public static var skipReason: String {
        "a Markdown renderer is missing (\(allCases.filter { !$0.available }.map(\.rawValue).joined(separator: ", "))); .ci/run installs them"
    }

    /// The HTML for `markdown`. cmark-gfm runs with GitHub's extensions and keeps raw HTML, as GitHub
    /// does for the `<a id>` anchors its sanitiser allows.
    public func html(_ markdown: [UInt8]) throws -> String {
        let r: (status: Int32, out: String, err: String)
        switch self {
        case .cmarkGFM:
            r = try ExternalTool.cmarkGFM.run(["--unsafe", "--validate-utf8", "-e", "table", "-e", "strikethrough", "-e", "autolink"], input: markdown)
        case .kramdown:
            r = try ExternalTool.kramdown.run(["-i", "GFM"], input: markdown)
        case .pythonMarkdown:
            r = try ExternalTool.python3.run(["-c", "import sys, markdown; sys.stdout.write(markdown.markdown(sys.stdin.read(), extensions=['tables']))"], input: markdown)
        }
        guard r.status == 0 else { throw Failed(renderer: rawValue, message: r.err) }
        return r.out
    }

    public struct Failed: Error { public let renderer: String; public let message: String }
}
