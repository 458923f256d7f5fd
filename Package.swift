// swift-tools-version: 6.0
// s1check: a SMETS1 variation-testing compliance checker. No third-party packages by design:
// an assurance tool with no supply chain, that builds offline.
import PackageDescription

let package = Package(
    name: "s1check",
    products: [
        .executable(name: "s1check", targets: ["s1check"]),
        .library(name: "S1CheckCore", targets: ["S1CheckCore"]),
        .library(name: "S1CheckReports", targets: ["S1CheckReports"]),
    ],
    targets: [
        // The domain: baseline, resolution rule, plans, rules, verdicts. No I/O.
        .target(
            name: "S1CheckCore",
            resources: [.embedInCode("Baseline/Data/tbrd-1.24.baseline.json")]
        ),
        // Renders a checked run (or a baseline) as JUnit XML, Markdown, JSON and console text.
        .target(name: "S1CheckReports", dependencies: ["S1CheckCore"]),
        // Thin CLI: arguments, files, atomic report writing, exit status.
        // Schemas/ holds symbolic links to Plans/schemas/, embedded (`s1check schema NAME`) as the baseline is.
        .executableTarget(
            name: "s1check", dependencies: ["S1CheckCore", "S1CheckReports"],
            resources: ["plan", "scope", "policy", "devices", "baseline", "report"].map { .embedInCode("Schemas/\($0).schema.json") }
        ),
        // `swift run s1check-generate`: regenerates every generated file (the schemas' rule-id enums, the
        // verdict fixtures, docs/rules.md, the docs' usage lines, Reports/), running the real binary for
        // what it prints; a development tool, not in the release. Depending on `s1check` builds it first.
        .executableTarget(
            name: "s1check-generate",
            dependencies: ["s1check", "S1CheckCore", "S1CheckReports", "S1CheckTestSupport"]
        ),
        // Helpers shared by the test targets (external validators, scratch folders).
        .target(name: "S1CheckTestSupport", dependencies: ["S1CheckCore"], path: "Tests/S1CheckTestSupport"),
        .testTarget(name: "S1CheckCoreTests", dependencies: ["S1CheckCore", "S1CheckTestSupport"]),
        .testTarget(name: "S1CheckReportsTests", dependencies: ["S1CheckCore", "S1CheckReports", "S1CheckTestSupport"]),
        // Runs the real binary; depending on the executable makes `swift test` build it.
        .testTarget(name: "S1CheckEndToEndTests", dependencies: ["s1check", "S1CheckCore", "S1CheckTestSupport"]),
    ]
)
