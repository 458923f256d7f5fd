import Testing
@testable import S1CheckCore

/// The streaming XML reader under JUnit results: the subset it reads, in any chunking, and what it refuses.
@Suite struct ExecutionXMLReaderTests {
    /// Every event of `text`, fed `chunk` bytes at a time.
    static func events(_ text: String, chunk: Int = 64 << 10, limits: XMLLimits = XMLLimits()) throws(Diagnostic) -> [XMLEvent] {
        try events(Array(text.utf8), chunk: chunk, limits: limits)
    }

    static func events(_ bytes: [UInt8], chunk: Int = 64 << 10, limits: XMLLimits = XMLLimits()) throws(Diagnostic) -> [XMLEvent] {
        var reader = XMLStreamReader(file: "r.xml", limits: limits)
        var out: [XMLEvent] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            try reader.feed(bytes[start..<end]) { (e) throws(Diagnostic) in out.append(e) }
            start = end
        }
        try reader.finish { (e) throws(Diagnostic) in out.append(e) }
        return merged(out)
    }

    /// Adjacent text pieces joined (the reader may split text anywhere a chunk ends).
    static func merged(_ events: [XMLEvent]) -> [XMLEvent] {
        var out: [XMLEvent] = []
        for e in events {
            if case .text(let t) = e, case .text(let previous)? = out.last {
                out[out.count - 1] = .text(previous + t)
            } else {
                out.append(e)
            }
        }
        return out
    }

    static func failure(_ text: String, chunk: Int = 64 << 10, limits: XMLLimits = XMLLimits()) -> Diagnostic? {
        do { _ = try events(text, chunk: chunk, limits: limits); return nil } catch { return error }
    }

    static func failure(_ bytes: [UInt8], chunk: Int = 64 << 10, limits: XMLLimits = XMLLimits()) -> Diagnostic? {
        do { _ = try events(bytes, chunk: chunk, limits: limits); return nil } catch { return error }
    }

    static let sample = """
    <?xml version="1.0" encoding="utf-8"?>
    <!-- written by a harness -->
    <testsuites><testsuite name="S &amp; T" tests='2'>
      <testcase name="a&lt;b" classname="m"/>
      <testcase name="é &#233; &#xE9;"><failure message="x&#10;y">line 1
    line 2 &gt; <![CDATA[raw <text> & more]]></failure></testcase>
    <?pi skipped?></testsuite></testsuites>
    """

    @Test func readsTheSubsetInAnyChunking() throws {
        let whole = try Self.events(Self.sample)
        let p = { (l: Int, c: Int) in SourcePosition(line: l, column: c) }
        let expected: [XMLEvent] = [
            .start(name: "testsuites", attributes: [], position: p(3, 1)),
            .start(name: "testsuite", attributes: [XMLAttribute(name: "name", value: "S & T"), XMLAttribute(name: "tests", value: "2")], position: p(3, 13)),
            .text("\n  "),
            .start(name: "testcase", attributes: [XMLAttribute(name: "name", value: "a<b"), XMLAttribute(name: "classname", value: "m")], position: p(4, 3)),
            .end(name: "testcase"),
            .text("\n  "),
            .start(name: "testcase", attributes: [XMLAttribute(name: "name", value: "é é é")], position: p(5, 3)),
            .start(name: "failure", attributes: [XMLAttribute(name: "message", value: "x\ny")], position: p(5, 36)),
            .text("line 1\nline 2 > raw <text> & more"),
            .end(name: "failure"),
            .end(name: "testcase"),
            .text("\n"),
            .end(name: "testsuite"),
            .end(name: "testsuites"),
        ]
        #expect(whole == expected)
        for chunk in [1, 2, 3, 7, 64] {
            #expect(try Self.events(Self.sample, chunk: chunk) == expected, "chunk \(chunk)")
        }
    }

    @Test func acceptsAUTF8ByteOrderMark() throws {
        let events = try Self.events([0xEF, 0xBB, 0xBF] + Array("<?xml version=\"1.0\"?><testsuite/>".utf8), chunk: 2)
        #expect(events.count == 2)
    }

    @Test func refusesADoctypeWhereItStarts() {
        let bomb = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
        <testsuite name="&lol2;"/>
        """
        let e = Self.failure(bomb)
        #expect(e?.description == "r.xml:2:1: $: a DOCTYPE is refused: s1check reads no DTD and expands no entities (so entity bombs and external entities cannot work); expected JUnit XML without <!DOCTYPE …>")
    }

    @Test func refusesAnEntityNotPredefined() {
        let e = Self.failure(#"<testsuite name="&xxe;"/>"#)
        #expect(e?.description == "r.xml:1:18: /testsuite: the entity &xxe; is not one of XML's five (&amp; &lt; &gt; &quot; &apos;) or a character reference: s1check expands no other entity" || e?.description.contains("&xxe;") == true)
        #expect(e?.message.contains("expands no other entity") == true)
    }

    @Test func refusesUTF16WithAndWithoutByteOrderMark() {
        let text = "<testsuite/>"
        let le: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be: [UInt8] = text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(Self.failure(le)?.message.hasPrefix("the file is UTF-16 (it starts with a UTF-16 byte order mark)") == true)
        #expect(Self.failure(be)?.message.hasPrefix("the file is UTF-16 (without a byte order mark)") == true)
        #expect(Self.failure(#"<?xml version="1.0" encoding="ISO-8859-1"?><testsuite/>"#)?.message.hasPrefix("the XML declaration says encoding=\"ISO-8859-1\"") == true)
        let latin1: [UInt8] = [0x3C, 0x61, 0x3E, 0xE9, 0x3C, 0x2F, 0x61, 0x3E]
        #expect(Self.failure(latin1)?.description == "r.xml:1:4: /a: bytes that are not UTF-8: s1check reads UTF-8 only (convert the file)")
    }

    @Test func refusesAnHTMLPage() {
        let e = Self.failure("<!DOCTYPE html>\n<html><body>404</body></html>")
        #expect(e?.description == "r.xml:1:1: $: this is an HTML page (<!DOCTYPE html>), not JUnit XML: expected the XML file the test harness wrote (pytest --junitxml, Surefire's TEST-*.xml, …)")
    }

    @Test func namesWhereATruncatedFileEnds() {
        #expect(Self.failure("<testsuites>\n  <testsuite name=\"x\">\n<testcase")?.message == "the file ends inside a tag (a < without its >): is it truncated?")
        #expect(Self.failure("<testsuites>\n  <testsuite name=\"x\">\n")?.description
                == "r.xml:3:1: /testsuites/testsuite: the file ends inside <testsuite> opened at line 2, column 3: expected </testsuite>; is it truncated?")
        #expect(Self.failure("<a><!-- never closed")?.message == "the file ends inside a comment (<!-- without -->): is it truncated?")
        #expect(Self.failure("")?.message == "the file is empty: expected JUnit XML (a <testsuites> or <testsuite> element)")
    }

    @Test func namesMismatchedAndStrayMarkup() {
        #expect(Self.failure("<a>\n<b></a>")?.description == "r.xml:2:4: /a/b: the end tag </a> does not match <b> opened at line 2, column 1: expected </b>")
        #expect(Self.failure("<a/><b/>")?.message == "a second root element <b>: expected one root element (<testsuites> or <testsuite>)")
        #expect(Self.failure("<a x='1' x='2'/>")?.message == "the attribute x appears twice in <a>: expected it once")
        #expect(Self.failure("<a x=1/>")?.message == "the value of the attribute x of <a> is not quoted: expected \" or '")
        #expect(Self.failure("<a>&</a>")?.message.hasPrefix("an & that starts no reference") == true)
        #expect(Self.failure("junk<a/>")?.message.hasPrefix("text before the root element") == true)
    }

    @Test func boundsDepth() {
        var limits = XMLLimits()
        limits.maxDepth = 10
        let deep = String(repeating: "<a>", count: 11) + String(repeating: "</a>", count: 11)
        #expect(Self.failure(deep, limits: limits)?.message == "elements nested deeper than 10: expected JUnit XML, which nests a few levels")
        let fine = String(repeating: "<a>", count: 10) + String(repeating: "</a>", count: 10)
        #expect(Self.failure(fine, limits: limits) == nil)
    }

    /// A huge attribute is refused once it passes the limit, without holding it: the reader stops within
    /// a chunk of the limit.
    @Test func boundsAttributeSizeBeforeReadingItAll() {
        var limits = XMLLimits()
        limits.maxAttributeBytes = 1000
        var reader = XMLStreamReader(file: "r.xml", limits: limits)
        var fed = 0
        var refused: Diagnostic?
        let head = Array("<testsuite name=\"".utf8)
        do {
            try reader.feed(head) { (_: XMLEvent) throws(Diagnostic) in }
            fed += head.count
            for _ in 0..<1000 {
                try reader.feed([UInt8](repeating: 0x61, count: 100)) { (_: XMLEvent) throws(Diagnostic) in }
                fed += 100
            }
        } catch { refused = error }
        #expect(refused?.message == "an attribute value longer than 1000 bytes: expected a shorter value (JUnit attributes are names, numbers and short messages)")
        #expect(fed < 1200)
    }
}
