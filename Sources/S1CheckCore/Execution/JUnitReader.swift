/// Reads one JUnit XML results file, fed in chunks, into its cases grouped by link (`JUnitResultsFile`),
/// with the file's SHA-256. No I/O: the caller feeds the bytes (the CLI reads the file in chunks).
///
/// The JUnit subset read (docs/execution.md): a root `<testsuites>` or `<testsuite>`; `<testsuite>`s,
/// nested or not, with `name`, `timestamp` and `<properties>`; `<testcase>`s with `name`, `classname`,
/// `file`, `line`, `<properties>` and outcome elements `<failure>`, `<error>`, `<skipped>`. Anything else
/// (`system-out`, `rerunFailure`, a producer's own elements and attributes) is passed over. The suites'
/// `tests`/`failures` counts are not trusted: cases are counted one by one.
///
/// Linking, in order: an `s1check.plan` property on the case, else on its nearest suite that has one;
/// else (decided by `ExecutionIndex`, which knows the run's plan ids) the name of the nearest suite that
/// is a plan id. `s1check.combination` is found the same way. A suite's properties apply to all its cases
/// wherever they stand in the suite, so memory holds one group per link and suite, never the cases.
public struct JUnitReader {
    public static let planProperty = "s1check.plan"
    public static let combinationProperty = "s1check.combination"
    /// Bytes of a failure's text kept to find its first line.
    static let textKept = 8 << 10

    public let file: String
    private var xml: XMLStreamReader
    private var digest = SHA256()
    private var bytes = 0
    private var suites: [Suite] = []
    private var testCase: Case?
    /// Inside `<property>` (for a value written as text) and inside a case's failure or error.
    private var property: (name: String, value: String?, inCase: Bool, text: String)?
    private var inFailureText = false
    private var sawRoot = false
    /// The open elements' names (for the paths errors name).
    private var elements: [String] = []
    private var groups: [LinkKey: ExecutionEvidence] = [:]
    private var order: [LinkKey] = []
    /// Cases outside any suite (a `<testcase>` right under `<testsuites>`).
    private var loose = Suite(name: "", position: SourcePosition(line: 1, column: 1))

    private struct PendingKey: Hashable {
        var plan: String?
        var combination: String?
        var suiteNames: [String] = []
        var dated = false
        var date: CalendarDate?
    }

    private struct Suite {
        var name: String
        var position: SourcePosition
        var timestamp: CalendarDate?
        var plan: String?
        var combination: String?
        var pending: [PendingKey: ExecutionEvidence] = [:]
        var order: [PendingKey] = []
    }

    private struct Case {
        var name: String
        var position: SourcePosition
        var source: String?
        var plan: String?
        var combination: String?
        var outcome = CaseOutcome.passed
        var messageAttribute: String?
        var text = ""
        var textBytes = 0
        var messageBytes = 0
    }

    public init(file: String, limits: XMLLimits = XMLLimits()) {
        self.file = file
        self.xml = XMLStreamReader(file: file, limits: limits)
    }

    /// Bytes the XML reader has gone past (an input refused early has consumed little).
    public var bytesConsumed: Int { xml.bytesConsumed }

    public mutating func feed(_ chunk: [UInt8]) throws(Diagnostic) {
        digest.update(chunk)
        bytes += chunk.count
        // Take the XML reader out while it runs, so its buffer is not copied on write.
        var xml = self.xml
        self.xml = XMLStreamReader(file: file)
        defer { self.xml = xml }
        try xml.feed(chunk) { (event) throws(Diagnostic) in try self.handle(event) }
    }

    public mutating func finish() throws(Diagnostic) -> JUnitResultsFile {
        var xml = self.xml
        self.xml = XMLStreamReader(file: file)
        defer { self.xml = xml }
        try xml.finish { (event) throws(Diagnostic) in try self.handle(event) }
        for key in loose.order { finalize(key, loose.pending[key]!) }
        let hex = digest.finalize().map { b -> String in
            let s = String(b, radix: 16)
            return b < 16 ? "0" + s : s
        }.joined()
        return JUnitResultsFile(file: file, sha256: hex, bytes: bytes, groups: order.map { ($0, groups[$0]!) })
    }

    /// Reads a whole file held in memory, in chunks as the CLI would feed it (for tests and small files).
    public static func read(file: String, bytes: [UInt8], chunk: Int = 64 << 10, limits: XMLLimits = XMLLimits()) throws(Diagnostic) -> JUnitResultsFile {
        var reader = JUnitReader(file: file, limits: limits)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            try reader.feed(Array(bytes[start..<end]))
            start = end
        }
        return try reader.finish()
    }

    // MARK: - Events

    private mutating func handle(_ event: XMLEvent) throws(Diagnostic) {
        switch event {
        case .start(let name, let attributes, let position):
            elements.append(name)
            try start(name, attributes, position)
        case .end(let name):
            elements.removeLast()
            try end(name)
        case .text(let text):
            if property != nil {
                if property!.text.utf8.count < Self.textKept { property!.text += text }
            } else if inFailureText, testCase != nil {
                testCase!.textBytes += text.utf8.count
                if testCase!.text.utf8.count < Self.textKept { testCase!.text += text }
            }
        }
    }

    /// An error about the element just opened (its path names it).
    private func error(_ position: SourcePosition, _ message: String) -> Diagnostic {
        .input(file: file, path: "/" + elements.joined(separator: "/"), position: position, message: message)
    }

    private mutating func start(_ name: String, _ attributes: [XMLAttribute], _ position: SourcePosition) throws(Diagnostic) {
        func attribute(_ n: String) -> String? { attributes.first { $0.name == n }?.value }
        if !sawRoot {
            sawRoot = true
            guard name == "testsuites" || name == "testsuite" else {
                let hint = name.lowercased() == "html" ? " (this is an HTML page)" : ""
                throw error(position, "the root element is <\(name)>\(hint): expected JUnit XML, whose root is <testsuites> or <testsuite>")
            }
        }
        switch name {
        case "testsuite" where testCase == nil:
            var timestamp: CalendarDate?
            if let text = attribute("timestamp"), !text.isEmpty {
                guard let date = Self.date(text) else {
                    throw error(position, "the timestamp \"\(text)\" is not a date: expected ISO 8601 (2023-06-05T10:00:00, a time zone may follow)")
                }
                timestamp = date
            }
            suites.append(Suite(name: attribute("name") ?? "", position: position, timestamp: timestamp))
        case "testcase" where testCase == nil:
            let caseName = attribute("name") ?? ""
            let fullName = attribute("classname").map { $0.isEmpty ? caseName : "\($0).\(caseName)" } ?? caseName
            let source = attribute("file").map { f in attribute("line").map { "\(f):\($0)" } ?? f }
            testCase = Case(name: fullName, position: position, source: source)
        case "failure", "error", "skipped":
            guard testCase != nil, property == nil else { return }
            let outcome: CaseOutcome = name == "failure" ? .failed : name == "error" ? .errored : .skipped
            if outcome > testCase!.outcome {
                testCase!.outcome = outcome
                if outcome != .skipped {
                    testCase!.messageAttribute = attribute("message")
                    testCase!.text = ""
                    testCase!.textBytes = 0
                }
            }
            if outcome != .skipped {
                testCase!.messageBytes += attribute("message")?.utf8.count ?? 0
                inFailureText = testCase!.outcome == outcome
            }
        case "property":
            guard let propertyName = attribute("name") else { return }
            property = (propertyName, attribute("value"), testCase != nil, "")
        default:
            break
        }
    }

    private mutating func end(_ name: String) throws(Diagnostic) {
        switch name {
        case "property":
            guard let p = property else { return }
            property = nil
            let value = (p.value ?? p.text).trimmingWhitespace
            guard p.name == Self.planProperty || p.name == Self.combinationProperty, !value.isEmpty else { return }
            let isPlan = p.name == Self.planProperty
            if p.inCase, testCase != nil {
                if isPlan { testCase!.plan = value } else { testCase!.combination = value }
            } else if !suites.isEmpty {
                if isPlan { suites[suites.count - 1].plan = value } else { suites[suites.count - 1].combination = value }
            }
        case "failure", "error":
            if testCase != nil, property == nil { inFailureText = false }
        case "testcase":
            guard let c = testCase else { return }
            testCase = nil
            inFailureText = false
            record(c)
        case "testsuite":
            guard testCase == nil, let suite = suites.popLast() else { return }
            for var key in suite.order {
                let evidence = suite.pending[key]!
                if key.plan == nil { key.plan = suite.plan }
                if key.combination == nil { key.combination = suite.combination }
                if key.plan == nil { key.suiteNames.append(suite.name) }
                if !key.dated, let t = suite.timestamp {
                    key.dated = true
                    key.date = t
                }
                if suites.isEmpty {
                    finalize(key, evidence)
                } else {
                    let last = suites.count - 1
                    Self.addPending(key, evidence, to: &suites[last])
                }
            }
        default:
            break
        }
    }

    private mutating func record(_ c: Case) {
        let ref = CaseRef(name: c.name, at: ResultsLocation(file: file, position: c.position), source: c.source)
        var failure: FailedCase?
        if c.outcome == .failed || c.outcome == .errored {
            let (message, cut) = Self.firstLine(of: c.messageAttribute, text: c.text)
            let total = c.messageBytes + c.textBytes
            failure = FailedCase(testCase: ref, outcome: c.outcome, message: message, messageBytes: total,
                                 capped: cut || c.textBytes > c.text.utf8.count)
        }
        var evidence = ExecutionEvidence()
        evidence.record(ref, c.outcome, failure: failure)
        let key = PendingKey(plan: c.plan, combination: c.combination)
        if suites.isEmpty {
            Self.addPending(key, evidence, to: &loose)
        } else {
            let last = suites.count - 1
            Self.addPending(key, evidence, to: &suites[last])
        }
    }

    private static func addPending(_ key: PendingKey, _ evidence: ExecutionEvidence, to suite: inout Suite) {
        if suite.pending[key] == nil {
            suite.order.append(key)
            suite.pending[key] = evidence
        } else {
            suite.pending[key]!.merge(evidence)
        }
    }

    private mutating func finalize(_ key: PendingKey, _ evidence: ExecutionEvidence) {
        let link: LinkKey = key.plan.map { .plan($0) } ?? .suites(key.suiteNames)
        if groups[link] == nil {
            order.append(link)
            // Cases linked by a property keep only their first for naming; others may turn out unlinked.
            if case .plan = link {
                groups[link] = ExecutionEvidence(listLimit: ExecutionEvidence.casesListedForPlans)
            } else {
                groups[link] = ExecutionEvidence()
            }
        }
        groups[link]!.absorb(evidence, date: key.date, combination: key.combination)
    }

    // MARK: - Values

    /// The calendar day of an ISO 8601 timestamp as written (`2023-06-05T10:00:00.123+01:00`,
    /// `2023-06-05 10:00:00`): its first ten characters. Nil when they are not a date.
    static func date(_ text: String) -> CalendarDate? {
        let head = String(text.prefix(10))
        guard let date = CalendarDate(iso: head) else { return nil }
        let rest = text.dropFirst(10)
        guard rest.isEmpty || rest.first == "T" || rest.first == " " else { return nil }
        return date
    }

    /// The first non-empty line of the message attribute, else of the text, capped; and whether it was cut.
    static func firstLine(of attribute: String?, text: String) -> (String, Bool) {
        func first(_ s: String) -> Substring? {
            s.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).lazy
                .map { $0.drop(while: { $0 == " " || $0 == "\t" }) }.first { !$0.isEmpty }
        }
        guard let line = attribute.flatMap(first) ?? first(text) else { return ("(no message)", false) }
        var trimmed = String(line)
        while trimmed.last == " " || trimmed.last == "\t" { trimmed.removeLast() }
        if trimmed.count > ExecutionEvidence.messageCap {
            return (String(trimmed.prefix(ExecutionEvidence.messageCap)) + "…", true)
        }
        return (trimmed, false)
    }
}

extension String {
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[start...end])
    }
}
