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
    public var baselineFile: String? { example.baseline.isEmpty ? nil : "\(folder)/baseline.json" }
    /// The example's test results (`--results`), when it has some.
    public var resultsFile: String? { example.results == nil ? nil : "\(folder)/\(RuleExample.resultsFileName)" }
    /// The results as the library reads them (as `--results` would give them).
    public var testResults: TestResults? {
        guard let resultsFile, let text = example.results else { return nil }
        return TestResults(files: [try! JUnitReader.read(file: resultsFile, bytes: Array(text.utf8))])
    }
    /// The baseline the example is checked against: the embedded one, or it with the example's facts added.
    public var resolvedBaseline: ResolvedBaseline {
        guard let text = RuleExample.baselineText(example.baseline) else { return ResolvedBaseline(EmbeddedBaseline.load()) }
        do throws(Diagnostics) {
            return ResolvedBaseline(try BaselineDecoding.decode(file: "baseline.json", bytes: Array(text.utf8)))
        } catch {
            preconditionFailure("\(description): the example's baseline does not decode: \(error.all.map(\.description))")
        }
    }
    /// `--devices` and `--baseline` as the binary takes them.
    public var extraArguments: [String] {
        (registry.map { ["--devices", $0] } ?? []) + (baselineFile.map { ["--baseline", $0] } ?? []) + (resultsFile.map { ["--results", $0] } ?? [])
    }

    /// Every file of the fixture, relative to the package root, with its text.
    public var files: [(path: String, text: String)] {
        var out = [(plan, RuleExample.planText(example.plan))]
        for (i, other) in example.otherPlans.enumerated() {
            out.append(("\(folder)/other-\(i + 1).plan.json", RuleExample.planText(other)))
        }
        if let registry, let text = example.registry { out.append((registry, text + "\n")) }
        if let baselineFile, let text = RuleExample.baselineText(example.baseline) { out.append((baselineFile, text)) }
        if let resultsFile, let text = example.results { out.append((resultsFile, text)) }
        return out
    }

    /// The plan files, in the order a run over the folder reads them (byte order of the path).
    public var planFiles: [(name: String, bytes: [UInt8])] {
        files.filter { $0.path.hasSuffix(".plan.json") }.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
            .map { ($0.path, Array($0.text.utf8)) }
    }

    public var description: String { "\(rule.id): \(example.name)" }
}
