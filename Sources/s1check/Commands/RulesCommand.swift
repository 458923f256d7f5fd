import S1CheckCore
import S1CheckReports

/// `s1check rules` and `s1check explain RULE`: the rule catalogue, rendered by the reports layer.
enum RulesCommand {
    static func list(_ a: ParsedArguments) throws(Diagnostics) -> Int32 {
        switch try a[Self.listFormat] ?? .text {
        case .text: Output.write(RuleCatalogue.text())
        case .markdown: Output.write(RuleCatalogue.markdown())
        }
        return 0
    }

    static func explain(_ a: ParsedArguments) throws(Diagnostics) -> Int32 {
        // (Exactly one: the table checks the count.)
        let id = a.positionalArguments[0].path.display
        guard let rule = RuleCatalogue.rule(id) else {
            let hint = RuleCatalogue.suggestions(for: id).first.map { " (did you mean \($0)?)" } ?? ""
            throw Diagnostics.usage("unknown rule \"\(id)\"\(hint); s1check rules lists them")
        }
        switch try a[Self.explainFormat] ?? .text {
        case .text: Output.write(RuleCatalogue.explainText(rule))
        case .markdown: Output.write(RuleCatalogue.explainMarkdown(rule))
        }
        return 0
    }
}
