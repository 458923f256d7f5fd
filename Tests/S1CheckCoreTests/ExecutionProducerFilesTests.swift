import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import S1CheckTestSupport
@testable import S1CheckCore

/// Real JUnit XML written by other producers (Maven Surefire, Gradle, gotestsum, jest-junit, Robot Framework
/// 7.0 and 2.8.7, rspec_junit_formatter), copied byte for byte from public repositories: their origins are in
/// Tests/Fixtures/Execution/producers/README.md. Each is read by the library's reader and its counts are checked
/// against numbers read off the file by hand and against a second XML parser (libxml2, through Foundation's
/// `XMLDocument`). None names an s1check plan, so every case must come out unlinked, counted and named, not
/// dropped (docs/execution.md, "Linking").
@Suite struct ExecutionProducerFilesTests {
    /// One producer's file and what it holds, as read off the file by hand (and with `xmllint --xpath`).
    struct Producer: Sendable, CustomTestStringConvertible {
        let file: String
        let producer: String
        /// The SHA-256 of the file as committed in its origin: an edit (an editor adding a newline) fails here.
        let sha256: String
        let cases, passed, failed, errored, skipped: Int
        /// Earliest and latest suite timestamp (calendar days), nil when no suite has one.
        let earliest, latest: String?
        /// Cases whose suites carry no timestamp.
        let undated: Int
        /// The first case, `classname.name`, at its `<testcase>` tag's line:column.
        let firstCase: String
        let firstAt: String
        /// The first failed or errored case's message and place.
        let failure: String?
        let failureAt: String?
        /// The first case's own source (`file` and `line` attributes), where the producer writes them.
        var firstSource: String? = nil

        var path: String { "Execution/producers/\(file)" }
        var testDescription: String { "\(producer) (\(file))" }
    }

    static let producers: [Producer] = [
        Producer(file: "maven-surefire-CalculatorTest.xml", producer: "Maven Surefire 2.x (JUnit 4)",
                 sha256: "84222090624a9b2efee5d5870295c78e5cbf957639b1a086b72e0864abfbba10",
                 cases: 4, passed: 3, failed: 1, errored: 0, skipped: 0, earliest: nil, latest: nil, undated: 4,
                 firstCase: "com.github.stokito.unitTestExample.calculator.CalculatorTest.testSum", firstAt: "60:3",
                 failure: "expected:<0> but was:<4>", failureAt: "61:3"),
        Producer(file: "gradle-TestSuite-1.xml", producer: "Gradle 4.4 (JUnit 4)",
                 sha256: "a9ac0b8e11625326599a2978e7bce12acec60d54f89edab9a564cd8a482a37a0",
                 cases: 1, passed: 0, failed: 1, errored: 0, skipped: 0, earliest: "2018-09-27", latest: "2018-09-27", undated: 0,
                 firstCase: "junit.framework.TestSuite$1.warning", firstAt: "4:3",
                 failure: "junit.framework.AssertionFailedError: No tests found in io.pravega.leaderelection.LeaderElectionTest",
                 failureAt: "4:3"),
        Producer(file: "gotestsum-junit-report.xml", producer: "gotestsum (go1.17.6)",
                 sha256: "36b60d5ec2db71e3c6cd4b2e00e48542a989467121a72804341c91445a0b0351",
                 cases: 3, passed: 3, failed: 0, errored: 0, skipped: 0, earliest: "2022-01-21", latest: "2022-01-21", undated: 0,
                 firstCase: "github.com/renderedtext/go-tackle.TestConsumerCanBeStartedAndStopped", firstAt: "7:3",
                 failure: nil, failureAt: nil),
        Producer(file: "jest-junit.xml", producer: "jest-junit 13.0.0 (Jest 27)",
                 sha256: "460ebf43f459c474ec8f9c08aa711aacfa36345946c895fd7abe2e7aa5f81c91",
                 cases: 2, passed: 0, failed: 0, errored: 0, skipped: 2, earliest: "2022-03-25", latest: "2022-03-25", undated: 0,
                 firstCase: "my-todos should render the header text.my-todos should render the header text", firstAt: "4:5",
                 failure: nil, failureAt: nil),
        Producer(file: "robot-7.0-xunit.xml", producer: "Robot Framework 7.0 (--xunit)",
                 sha256: "e5c967ebf480aaa74a09ed62367ee3e3ef957122a6ac47eff6f612cb1a0f975f",
                 cases: 2, passed: 2, failed: 0, errored: 0, skipped: 0, earliest: "2024-04-28", latest: "2024-04-28", undated: 0,
                 firstCase: "Sel.Test Sample1.Starting a browser with a page", firstAt: "4:1",
                 failure: nil, failureAt: nil),
        Producer(file: "robot-2.8.7-xunit.xml", producer: "Robot Framework 2.8.7 (--xunit)",
                 sha256: "a8cf2502d10948040b75e52349ce5ad6fe88951064d00c2b97d40e24a2cce102",
                 cases: 4, passed: 3, failed: 1, errored: 0, skipped: 0, earliest: nil, latest: nil, undated: 4,
                 firstCase: "Python Test.Check Python Version", firstAt: "3:1",
                 failure: "1 != 0", failureAt: "9:1"),
        Producer(file: "rspec_junit_formatter-rspec-4.xml", producer: "rspec_junit_formatter (RSpec, Rails 6.0)",
                 sha256: "28f32d0baa081689adae59595232007d1e66ab23290ac19d0833216628059906",
                 cases: 869, passed: 863, failed: 1, errored: 0, skipped: 5, earliest: "2020-03-31", latest: "2020-03-31", undated: 0,
                 firstCase: "spec.requests.v4.categories_spec.Category API Dash V4 #index return all categories", firstAt: "6:1",
                 failure: "No route matches [GET] \"/og\"", failureAt: "723:1",
                 firstSource: "./spec/requests/v4/categories_spec.rb"),
    ]

    static func bytes(_ p: Producer) -> [UInt8] { Paths.bytes(Paths.fixture(p.path)) }

    static func read(_ p: Producer, chunk: Int = 4096) throws(Diagnostic) -> JUnitResultsFile {
        try JUnitReader.read(file: p.path, bytes: bytes(p), chunk: chunk)
    }

    static func counts(_ p: Producer) -> CaseCounts {
        var c = CaseCounts()
        (c.linked, c.passed, c.failed, c.errored, c.skipped) = (p.cases, p.passed, p.failed, p.errored, p.skipped)
        return c
    }

    /// The counts, dates, first case and first failure the reader gives equal those read off the file.
    @Test(arguments: producers)
    func readsTheFileAsItIs(_ p: Producer) throws {
        let file = try Self.read(p)
        #expect(file.sha256 == p.sha256, "the fixture is no longer the file its origin holds")
        #expect(file.bytes == Self.bytes(p).count)
        #expect(file.cases == p.cases)
        let index = ExecutionIndex(files: [file], planIDs: ExecutionResultsTests.samplePlanIDs)
        let unlinked = index.unlinked
        #expect(unlinked.counts == Self.counts(p))
        #expect(unlinked.earliest?.description == p.earliest)
        #expect(unlinked.latest?.description == p.latest)
        #expect(unlinked.undated == p.undated)
        if p.undated > 0 { #expect(unlinked.firstUndated?.description == "\(p.path):\(p.firstAt)") }
        #expect(unlinked.cases.first?.name == p.firstCase)
        #expect(unlinked.cases.first?.at.description == "\(p.path):\(p.firstAt)")
        #expect(unlinked.cases.first?.source == p.firstSource)
        #expect(unlinked.cases.count == min(p.cases, ExecutionEvidence.casesListed))
        #expect(unlinked.failures.first?.message == p.failure)
        #expect(unlinked.failures.first.map { "\($0.testCase.at.position.line):\($0.testCase.at.position.column)" } == p.failureAt)
        #expect(unlinked.failures.count == p.failed + p.errored)
        #expect(unlinked.failures.allSatisfy { !$0.capped })
        #expect(unlinked.files == [p.path])
    }

    /// None of them names an s1check plan: no case is linked, none is taken for an unknown plan id, all are
    /// counted as unlinked (not dropped), whatever the run's plan ids.
    @Test(arguments: producers)
    func noCaseIsLinkedToAPlan(_ p: Producer) throws {
        let file = try Self.read(p)
        for group in file.groups {
            guard case .suites = group.key else {
                Issue.record("\(p.file): a group is linked by an s1check.plan property: \(group.key)")
                continue
            }
        }
        let index = ExecutionIndex(files: [file], planIDs: ExecutionResultsTests.samplePlanIDs)
        #expect(index.plans.isEmpty)
        #expect(index.unknownPlans.isEmpty)
        #expect(index.linkedCases == 0)
        #expect(index.unlinked.counts.linked == p.cases)
        #expect(index.files.map(\.cases) == [p.cases])
    }

    /// All seven in one run: every case is counted once, in the unlinked evidence, and every file is listed with
    /// its digest, in the order given.
    @Test func allTogetherNothingIsDropped() throws {
        let files = try Self.producers.map { try Self.read($0) }
        let index = ExecutionIndex(files: files, planIDs: ExecutionResultsTests.samplePlanIDs)
        var total = CaseCounts()
        for p in Self.producers { total.add(Self.counts(p)) }
        #expect(total.linked == 885)
        #expect(index.unlinked.counts == total)
        #expect(index.files.map(\.file) == Self.producers.map(\.path))
        #expect(index.files.map(\.sha256) == Self.producers.map(\.sha256))
        #expect(index.unlinked.files == Self.producers.map(\.path))
        #expect(index.unlinked.earliest?.description == "2018-09-27")
        #expect(index.unlinked.latest?.description == "2024-04-28")
        #expect(index.unlinked.undated == 8)
        #expect(index.unlinked.failures.map(\.message) == Self.producers.compactMap(\.failure))
    }

    /// Fed a byte at a time (every chunk boundary: inside the Surefire attribute value that holds a newline,
    /// inside Gradle's CDATA sections; three bytes at a time for the 233 KB RSpec file), each file gives what
    /// it gives in one piece.
    @Test(arguments: producers)
    func anyChunkingGivesTheSameEvidence(_ p: Producer) throws {
        let whole = try Self.read(p, chunk: 1 << 20)
        let bytewise = try Self.read(p, chunk: Self.bytes(p).count > 16 << 10 ? 3 : 1)
        #expect(bytewise.groups.map(\.key) == whole.groups.map(\.key))
        #expect(bytewise.groups.map(\.evidence.counts) == whole.groups.map(\.evidence.counts))
        #expect(bytewise.groups.map(\.evidence.failures) == whole.groups.map(\.evidence.failures))
        #expect(bytewise.groups.map(\.evidence.cases) == whole.groups.map(\.evidence.cases))
        #expect(bytewise.sha256 == whole.sha256)
    }

    /// A second, independent count: libxml2 (Foundation's `XMLDocument`) counts the same cases and outcomes.
    /// A case with several outcome elements takes the worst (errored, failed, skipped), as the reader does.
    @Test(arguments: producers)
    func anotherParserCountsTheSame(_ p: Producer) throws {
        let doc = try XMLDocument(data: Data(Self.bytes(p)))
        func count(_ xpath: String) throws -> Int { try doc.nodes(forXPath: xpath).count }
        var c = CaseCounts()
        c.linked = try count("//testcase")
        c.errored = try count("//testcase[error]")
        c.failed = try count("//testcase[failure and not(error)]")
        c.skipped = try count("//testcase[skipped and not(failure) and not(error)]")
        c.passed = c.linked - c.errored - c.failed - c.skipped
        #expect(c == Self.counts(p))
        // The suites' timestamps, as days, span what the reader reports.
        let days = try doc.nodes(forXPath: "//testsuite/@timestamp").compactMap { $0.stringValue.map { String($0.prefix(10)) } }
        #expect(days.min() == p.earliest && days.max() == p.latest)
    }

    /// Every file is well-formed XML to xmllint too (real producers sometimes write files that are not; none
    /// of these seven does).
    @Test(.enabled(if: ExternalTool.xmllint.shouldRun, Comment(rawValue: ExternalTool.xmllint.skipReason)),
          arguments: producers)
    func xmllintFindsItWellFormed(_ p: Producer) throws {
        let r = try ExternalTool.xmllint.run(["--noout", Paths.fixture(p.path).path])
        #expect(r.status == 0 && r.err.isEmpty, "xmllint: \(r.err)")
    }
}
