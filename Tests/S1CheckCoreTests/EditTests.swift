import Testing
@testable import S1CheckCore
import S1CheckTestSupport

/// The seams for edits: every JSON node's bytes (start and end), and byte edits applied to a file.
@Suite struct JSONSpanTests {
    func parse(_ s: String) throws -> (JSONNode, [UInt8]) {
        let bytes = Array(s.utf8)
        return (try JSONReader.parse(bytes), bytes)
    }

    func text(_ bytes: [UInt8], _ span: Range<Int>) -> String { String(decoding: bytes[span], as: UTF8.self) }

    /// Each node's span is exactly its text, for every kind of value, however it is nested.
    @Test func everyNodeSpansItsOwnText() throws {
        let source = #" {"a": [1, -2.5e+3, true, false, null, "x"], "b": {"c": {"d": []}, "e": {}}, "f": "q\"\\\u00e9\ud83d\ude00/"} "#
        let (root, bytes) = try parse(source)
        #expect(text(bytes, root.span) == source.trimmingCharacters(in: .whitespaces))
        guard case .object(let m) = root.value, case .array(let items) = m[0].value.value,
              case .object(let b) = m[1].value.value, case .object(let c) = b[0].value.value else { Issue.record("shape"); return }
        #expect(items.map { text(bytes, $0.span) } == ["1", "-2.5e+3", "true", "false", "null", #""x""#])
        #expect(m.map { text(bytes, $0.keySpan) } == [#""a""#, #""b""#, #""f""#])
        #expect(text(bytes, m[0].value.span) == #"[1, -2.5e+3, true, false, null, "x"]"#)
        #expect(text(bytes, m[1].value.span) == #"{"c": {"d": []}, "e": {}}"#)
        #expect(text(bytes, b[0].value.span) == #"{"d": []}"#)
        #expect(text(bytes, c[0].value.span) == "[]")
        #expect(text(bytes, b[1].value.span) == "{}")
    }

    /// A string's span is its bytes as written, escapes and all, not the length of its value.
    @Test func aStringWithEscapesSpansItsEscapes() throws {
        let source = #"{"k\"ey": "a\"b\\c\u00e9\ud83d\ude00", "next": 1}"#
        let (root, bytes) = try parse(source)
        guard case .object(let m) = root.value, case .string(let value) = m[0].value.value else { Issue.record("shape"); return }
        #expect(value == "a\"b\\cé😀")
        #expect(text(bytes, m[0].value.span) == #""a\"b\\c\u00e9\ud83d\ude00""#)
        #expect(m[0].key == "k\"ey" && text(bytes, m[0].keySpan) == #""k\"ey""#)
        #expect(text(bytes, m[1].keySpan) == #""next""# && text(bytes, m[1].value.span) == "1")
    }

    /// Offsets count bytes, after a byte-order mark and through multi-byte text.
    @Test func spansCountBytes() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"["é", "😀"]"#.utf8)
        let root = try JSONReader.parse(bytes)
        guard case .array(let items) = root.value else { Issue.record("shape"); return }
        #expect(root.span == 3..<bytes.count)
        #expect(items.map(\.span) == [4..<8, 10..<16])
    }
}

@Suite struct ByteEditTests {
    func apply(_ edits: [ByteEdit], _ text: String) throws(ByteEdit.Conflict) -> String {
        String(decoding: try ByteEdit.apply(edits, to: Array(text.utf8)), as: UTF8.self)
    }

    @Test func editsApplyInAnyOrderAgainstTheOriginalBytes() throws {
        let edits = [ByteEdit(replacing: 6..<11, with: "there"), ByteEdit(replacing: 0..<5, with: "Hi"), ByteEdit(replacing: 11..<11, with: "!")]
        #expect(try apply(edits, "hello world") == "Hi there!")
        #expect(try apply(edits.reversed(), "hello world") == "Hi there!")
        #expect(try apply([], "same") == "same")
        #expect(try apply([ByteEdit(replacing: 0..<4, with: "")], "gone") == "")
        // An insertion where a replaced range starts or ends goes before or after it.
        #expect(try apply([ByteEdit(replacing: 2..<4, with: "XY"), ByteEdit(replacing: 2..<2, with: "<"), ByteEdit(replacing: 4..<4, with: ">")], "abcdef")
            == "ab<XY>ef")
    }

    @Test(arguments: [
        [ByteEdit(replacing: 0..<3, with: "x"), ByteEdit(replacing: 2..<5, with: "y")],
        [ByteEdit(replacing: 1..<5, with: "x"), ByteEdit(replacing: 2..<3, with: "y")],
        [ByteEdit(replacing: 1..<4, with: "x"), ByteEdit(replacing: 2..<2, with: "y")],
        [ByteEdit(replacing: 3..<3, with: "x"), ByteEdit(replacing: 3..<3, with: "y")],
        [ByteEdit(replacing: 0..<2, with: "x"), ByteEdit(replacing: 0..<2, with: "x")],
    ])
    func overlappingEditsAreRefused(_ edits: [ByteEdit]) {
        #expect(throws: ByteEdit.Conflict.self) { try apply(edits, "abcdefgh") }
    }

    @Test func anEditPastTheEndIsRefused() {
        #expect(throws: ByteEdit.Conflict.self) { try apply([ByteEdit(replacing: 2..<9, with: "x")], "abc") }
    }

    /// The seam a fix command needs: a plan's value replaced by its span, the rest of the file kept byte
    /// for byte, and the edited plan checked again.
    @Test func aVersionReplacedByItsSpanFixesDrift() throws {
        let plan = Array(PlanJSON(artefacts: #"[{"document": "AD", "version": "5.0"}]"#).text.utf8)
        #expect(TestData.check(String(decoding: plan, as: UTF8.self)).status == .fail)
        let root = try JSONReader.parse(plan)
        guard case .object(let m) = root.value, case .array(let artefacts) = m.first(where: { $0.key == "artefacts" })?.value.value,
              case .object(let a) = artefacts[0].value, let version = a.first(where: { $0.key == "version" })?.value else {
            Issue.record("shape"); return
        }
        let fixed = try ByteEdit.apply([ByteEdit(replacing: version.span, with: #""5.1""#)], to: plan)
        #expect(fixed.count == plan.count)
        #expect(zip(plan, fixed).enumerated().allSatisfy { i, pair in version.span.contains(i) || pair.0 == pair.1 })
        #expect(TestData.check(String(decoding: fixed, as: UTF8.self)).status == .pass)
    }
}
