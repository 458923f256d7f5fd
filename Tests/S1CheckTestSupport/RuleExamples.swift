import Foundation
import S1CheckCore

/// Every rule's examples as fixture files: `Tests/Fixtures/Verdicts/<rule>-<example>/` holds the example's
/// plan (`plan.plan.json`), any other plans of its run (`other-N.plan.json`) and its device registry
/// (`registry.json`). The files are generated from the examples (a test checks they are current), so the
/// same cases run through the library and through the binary.
public struct ExampleFixture: Sendable, CustomStringConvertible {
    public let rule: RuleDescription
    public let example: RuleExample

    public static let all: [ExampleFixture] = RuleRegistry.descriptions.flatMap { rule in
        rule.examples.map { ExampleFixture(rule: rule, example: $0) }
    }

    public static let root = "Tests/Fixtures/Verdicts"

    /// Relative to the package root, as the binary is run from there and names files as given.
    public var folder: String { "\(ExampleFixture.root)/\(rule.id)-\(example.name)" }
    public var plan: String { "\(folder)/plan.plan.json" }
    public var registry: String? { example.registry == nil ? nil : "\(folder)/registry.json" }

    /// Every file of the fixture, relative to the package root, with its text.
    public var files: [(path: String, text: String)] {
        var out = [(plan, RuleExample.planText(example.plan))]
        for (i, other) in example.otherPlans.enumerated() {
            out.append(("\(folder)/other-\(i + 1).plan.json", RuleExample.planText(other)))
        }
        if let registry, let text = example.registry { out.append((registry, text + "\n")) }
        return out
    }

    /// The plan files, in the order a run over the folder reads them (byte order of the path).
    public var planFiles: [(name: String, bytes: [UInt8])] {
        files.filter { $0.path.hasSuffix(".plan.json") }.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
            .map { ($0.path, Array($0.text.utf8)) }
    }

    public var description: String { "\(rule.id): \(example.name)" }
}
