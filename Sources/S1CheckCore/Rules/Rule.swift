/// A rule: one type in one file (`Rules/<Name>Rule.swift`), registered once in `RuleRegistry`.
///
/// A rule is a `WaivableRule` (its findings run before the waivers, which may waive them) or an
/// `UnwaivableRule` (the waivers themselves, and rules that run after them); it says which by the
/// protocol it conforms to, and its description takes `waivable` from that (`describe`), so the two
/// can never disagree, and the registry's lists, typed by these protocols, cannot place a waivable rule
/// after the waivers.
///
/// Rules run in registry order, each appending its findings (passes included) to the plan's list. A rule
/// that `applies` to a plan must leave at least one finding: the checker turns a rule that applied but
/// said nothing into a failing finding, so no rule can silently not run.
public protocol Rule: Sendable {
    /// Id, summary, clause, whether it can be waived, and worked examples.
    static var description: RuleDescription { get }
    init()
    /// Whether the plan holds anything for this rule to check.
    func applies(to plan: PlanFacts, _ context: CheckContext) -> Bool
    /// Appends this rule's findings. Only the waiver rule changes findings already there.
    func check(_ plan: PlanFacts, _ context: CheckContext, into findings: inout [Finding])
}

extension Rule {
    /// The rule's description, from an instance.
    public var rule: RuleDescription { Self.description }
}

/// A rule whose findings a waiver may waive: it runs before `WaiverRule` (`RuleRegistry.waivable`).
public protocol WaivableRule: Rule {}

/// A rule whose findings no waiver touches: `WaiverRule` itself, and the rules that run after it
/// (`RuleRegistry.afterWaivers`), such as checks across plans, which break the identity of CI history.
public protocol UnwaivableRule: Rule {}

extension WaivableRule {
    /// The rule's description, waivable.
    public static func describe(id: String, summary: String, clause: String, examples: [RuleExample]) -> RuleDescription {
        RuleDescription(id: id, summary: summary, clause: clause, waivable: true, examples: examples)
    }
}

extension UnwaivableRule {
    /// The rule's description, not waivable.
    public static func describe(id: String, summary: String, clause: String, examples: [RuleExample]) -> RuleDescription {
        RuleDescription(id: id, summary: summary, clause: clause, waivable: false, examples: examples)
    }
}

/// What a rule is, for people and for tooling: the stable id (waivers, policy files and CI history refer
/// to it), a one-line summary, the baseline clause it rests on, and examples that are also its tests.
///
/// A final class with constant properties: every finding points at its rule, and one pointer is cheaper
/// to copy than the strings.
public final class RuleDescription: Sendable, Hashable, Identifiable, CustomStringConvertible {
    public let id: String
    public let summary: String
    public let clause: String
    /// Whether a waiver may waive its findings: for a registered rule, whether it is a `WaivableRule`.
    /// Waiver findings cannot be waived (a waiver could otherwise excuse itself), nor can duplicate plan
    /// ids (they break the identity of CI history).
    public let waivable: Bool
    /// Plan fragments and what the rule says about them, status and exact message.
    public let examples: [RuleExample]

    public init(id: String, summary: String, clause: String, waivable: Bool, examples: [RuleExample]) {
        self.id = id
        self.summary = summary
        self.clause = clause
        self.waivable = waivable
        self.examples = examples
    }

    public static func == (a: RuleDescription, b: RuleDescription) -> Bool { a.id == b.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
    public var description: String { id }
}

/// A worked example of a rule, in the style of SwiftLint's triggering and non-triggering examples: a plan
/// (the example plan with some keys replaced), and the findings the rule makes on it. Every example runs
/// as a test through the library and, written out as a fixture, through the binary.
public struct RuleExample: Sendable {
    /// Short and file-name safe: the fixture is `Tests/Fixtures/Verdicts/<rule>-<name>/`.
    public let name: String
    /// Top-level keys of the example plan replaced by raw JSON (nil removes the key).
    public let plan: [String: String?]
    /// More plans in the same run, as replacements of the example plan (for cross-plan rules).
    public let otherPlans: [[String: String?]]
    /// A device registry (JSON) to check against, as `--devices` would give.
    public let registry: String?
    /// Facts added to documents of the embedded baseline, as a `--baseline` file would state them:
    /// document id to JSON members (`"AT": #""phases": ["FOC"]"#`), for rules whose verdicts depend on a
    /// fact TBRD 1.24 does not state.
    public let baseline: [String: String]
    /// A JUnit XML results file (its text) the run reads, as `--results` would give
    /// (`resultsFileName` in the fixture's folder); nil: the run reads no results.
    public let results: String?
    /// This rule's findings on the first plan, in order.
    public let expected: [Expected]
    /// For an example a fix mends (SwiftLint's `corrections:`), the plan as `s1check fix --confirm-tbrd`
    /// leaves it, as replacements of the example plan like `plan`; nil: a fix changes nothing.
    public let fixed: [String: String?]?

    public struct Expected: Sendable, Hashable {
        public let status: Status
        public let message: String
    }

    public init(_ name: String, plan: [String: String?] = [:], otherPlans: [[String: String?]] = [],
                registry: String? = nil, baseline: [String: String] = [:], results: String? = nil, expect expected: [(Status, String)],
                fixed: [String: String?]? = nil) {
        self.name = name
        self.plan = plan
        self.otherPlans = otherPlans
        self.registry = registry
        self.baseline = baseline
        self.results = results
        self.expected = expected.map { Expected(status: $0.0, message: $0.1) }
        self.fixed = fixed
    }

    /// The name of an example's results file in its fixture folder.
    public static let resultsFileName = "results.xml"

    /// The date examples are checked as of (waivers are judged against it).
    public static let asOf = CalendarDate(year: 2023, month: 6, day: 1)!

    /// The keys of the example plan in the order they are written.
    public static let keyOrder = ["id", "title", "phase", "tbrd", "window", "deviceModels", "deviceModelCombinations",
                                  "artefacts", "waivers"]

    /// A plan that passes every rule against the embedded TBRD v1.24 baseline.
    public static let examplePlan: [String: String] = [
        "id": #""EX-1""#,
        "title": #""Example plan""#,
        "phase": #""FOC""#,
        "tbrd": #""1.24""#,
        "window": #"{"start": "2023-06-05", "end": "2023-06-30"}"#,
        "deviceModels": #"[{"type": "ESME", "manufacturer": "Example Meters Ltd", "model": "EM-100", "firmware": "4.2.1"}]"#,
        "deviceModelCombinations": "[]",
        "artefacts": #"[{"document": "SEC", "version": "72.0"}]"#,
        "waivers": "[]",
    ]

    /// The embedded baseline file with `facts` added to its documents (see `baseline`); nil without any.
    public static func baselineText(_ facts: [String: String]) -> String? {
        guard !facts.isEmpty else { return nil }
        var text = String(decoding: EmbeddedBaseline.bytes, as: UTF8.self)
        for (id, members) in facts.sorted(by: { $0.key < $1.key }) {
            let anchor = "\"id\": \"\(id)\",\n"
            guard let r = text.firstRange(of: anchor) else { preconditionFailure("no document \(id) in the embedded baseline") }
            text.replaceSubrange(r, with: anchor + "      \(members),\n")
        }
        return text
    }

    /// The example plan with `replacements` applied, as a plan file's text.
    public static func planText(_ replacements: [String: String?]) -> String {
        var lines: [String] = []
        for key in keyOrder {
            let value: String?
            if let replacement = replacements[key] { value = replacement } else { value = examplePlan[key] }
            if let value { lines.append("  \"\(key)\": \(value)") }
        }
        return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
    }
}
