import Foundation
import Testing
@testable import S1CheckCore

/// Hostile and broken results files get a clear input error, early: the bytes read before a refusal are
/// counted (not timed), and nothing a file holds makes the reader keep more than a chunk and a tag.
@Suite struct ExecutionBadInputTests {
    /// Feeds `chunks` until the reader refuses; the error and how many bytes had been handed over.
    static func refusal(_ name: String, _ chunks: some Sequence<[UInt8]>) -> (error: Diagnostic?, fed: Int) {
        var reader = JUnitReader(file: name)
        var fed = 0
        do {
            for chunk in chunks {
                fed += chunk.count
                try reader.feed(chunk)
            }
            _ = try reader.finish()
            return (nil, fed)
        } catch {
            return (error, fed)
        }
    }

    static func fixtureChunks(_ name: String, size: Int = 16) -> [[UInt8]] {
        let bytes = Paths.bytes(Paths.fixture("Execution/bad/\(name)"))
        return stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min(bytes.count, $0 + size)]) }
    }

    @Test func aBillionLaughsIsRefusedAtTheDoctype() {
        let (error, fed) = Self.refusal("billion-laughs.xml", Self.fixtureChunks("billion-laughs.xml"))
        #expect(error?.description == "billion-laughs.xml:2:1: $: a DOCTYPE is refused: s1check reads no DTD and expands no entities (so entity bombs and external entities cannot work); expected JUnit XML without <!DOCTYPE …>")
        // The DOCTYPE starts at byte 22: refused within the chunk that completes "<!DOCTYPE".
        #expect(fed <= 48)
    }

    @Test func anExternalEntityIsRefusedAtTheDoctype() {
        let (error, fed) = Self.refusal("external-entity.xml", Self.fixtureChunks("external-entity.xml"))
        #expect(error?.location == "external-entity.xml:2:1")
        #expect(error?.message.hasPrefix("a DOCTYPE is refused") == true)
        #expect(fed <= 64)
        let (undeclared, _) = Self.refusal("undeclared-entity.xml", Self.fixtureChunks("undeclared-entity.xml"))
        #expect(undeclared?.description == "undeclared-entity.xml:2:37: /testsuite: the entity &xxe; is not one of XML's five (&amp; &lt; &gt; &quot; &apos;) or a character reference: s1check expands no other entity")
    }

    /// ANSI colour codes in a failure text (a raw ESC, or written as &#27;) are not XML: libxml2 and
    /// Jenkins refuse them, and so does s1check, naming the character and the likely cause.
    @Test func aControlCharacterIsRefusedWhereItStands() {
        let raw = Array(#"<testsuite name="s"><testcase name="c"><failure message="x"/><system-out>red: "#.utf8) + [0x1B]
            + Array(#"[31m</system-out></testcase></testsuite>"#.utf8)
        let (inText, _) = Self.refusal("esc.xml", [raw])
        #expect(inText?.description.hasPrefix("esc.xml:1:79: ") == true, "\(inText?.description ?? "accepted")")
        #expect(inText?.message.hasPrefix("the control character U+001B in text, which XML 1.0 does not allow") == true, "\(inText?.message ?? "accepted")")
        let inAttribute = Array(#"<testsuite name="s"><testcase name="c"><failure message="a"#.utf8) + [0x1B] + Array(#"[31m"/></testcase></testsuite>"#.utf8)
        #expect(Self.refusal("esc.xml", [inAttribute]).error?.message.hasPrefix("the control character U+001B in an attribute value") == true)
        for reference in ["&#27;", "&#x1b;"] {
            let written = Array("<testsuite name=\"s\"><testcase name=\"c\"><system-out>\(reference)[31m</system-out></testcase></testsuite>".utf8)
            let error = Self.refusal("ref.xml", [written]).error
            #expect(error?.message.hasPrefix("the character reference \(reference) names U+001B, which XML 1.0 does not allow") == true, "\(error?.message ?? "accepted")")
        }
        // A tab, a line feed and a CR stay allowed.
        let fine = Array("<testsuite name=\"s\"><testcase name=\"c\"><system-out>a\tb\r\nc&#9;</system-out></testcase></testsuite>".utf8)
        #expect(Self.refusal("fine.xml", [fine]).error == nil)
    }

    @Test func aTruncatedFileSaysWhereItEnds() {
        let (error, _) = Self.refusal("truncated.xml", Self.fixtureChunks("truncated.xml", size: 4096))
        #expect(error?.message.hasSuffix("is it truncated?") == true)
        #expect(error?.file == "truncated.xml")
        #expect(error?.position != nil)
    }

    @Test func utf16IsRefusedWithOrWithoutAByteOrderMark() {
        for name in ["utf16-bom.xml", "utf16le-no-bom.xml"] {
            let (error, fed) = Self.refusal(name, Self.fixtureChunks(name))
            #expect(error?.message.hasPrefix("the file is UTF-16") == true, "\(name)")
            #expect(error?.message.hasSuffix("s1check reads UTF-8 only; convert it (iconv -f UTF-16 -t UTF-8)") == true)
            #expect(fed == 16)
        }
    }

    @Test func anHTMLPageIsNamedAsSuch() {
        let (error, _) = Self.refusal("not-found.html", Self.fixtureChunks("not-found.html"))
        #expect(error?.description == "not-found.html:1:1: $: this is an HTML page (<!DOCTYPE html>), not JUnit XML: expected the XML file the test harness wrote (pytest --junitxml, Surefire's TEST-*.xml, …)")
    }

    /// 100,000 nested suites: refused at depth 256, having read a few kilobytes.
    @Test func deepNestingIsRefusedAtTheBound() {
        let open = Array("<testsuite>".utf8)
        let chunks = (0..<100_000).lazy.map { _ in open }
        let (error, fed) = Self.refusal("deep.xml", chunks)
        #expect(error?.message == "elements nested deeper than 256: expected JUnit XML, which nests a few levels")
        #expect(error?.position == SourcePosition(line: 1, column: 256 * open.count + 1))
        #expect(fed == 257 * open.count)
    }

    /// A 50 MB attribute value is refused once it passes 1 MiB: the bytes read stay within a chunk of it.
    @Test func aHugeAttributeIsRefusedAtTheBound() {
        let head = Array(#"<testsuite><testcase name=""#.utf8)
        let block = [UInt8](repeating: 0x61, count: 64 << 10)
        let chunks = (0...800).lazy.map { $0 == 0 ? head : block }  // made as they are fed, never all at once
        let (error, fed) = Self.refusal("huge.xml", chunks)
        #expect(error?.message == "an attribute value longer than 1048576 bytes: expected a shorter value (JUnit attributes are names, numbers and short messages)")
        #expect(error?.description.hasPrefix("huge.xml:1:12: /testsuite: ") == true)
        #expect(fed < (1 << 20) + (128 << 10))
    }

    /// A case with 10 MB of failure text: read through, its first line kept and capped, and the finding
    /// says it was cut and how big the text is.
    @Test func tenMegabytesOfFailureTextAreCappedAndSaySo() throws {
        var reader = JUnitReader(file: "big.xml")
        try reader.feed(Array(#"<testsuite name="P" timestamp="2023-06-10"><testcase name="t"><failure>"#.utf8))
        let line = Array((String(repeating: "x", count: 1023) + "\n").utf8)
        let block = Array([[UInt8]](repeating: line, count: 64).joined())  // 64 KiB
        for _ in 0..<160 { try reader.feed(block) }  // 10 MiB
        try reader.feed(Array("</failure></testcase></testsuite>".utf8))
        let file = try reader.finish()
        let index = ExecutionIndex(files: [file], planIDs: ["P"])
        let failure = try #require(index["P"]?.evidence.failures.first)
        #expect(failure.messageBytes == 10 << 20)
        #expect(failure.capped)
        #expect(failure.message == String(repeating: "x", count: 300) + "…")
        let judged = TestResultsJudgement.findings(planID: "P", window: nil, combinations: [], execution: index["P"],
                                                   asOf: CalendarDate(iso: "2023-07-01")!)
        #expect(judged.first?.finding.message.hasSuffix("… (message cut; the file holds 10485760 bytes of it)") == true)
    }
}
