import Foundation
import Testing
import S1CheckTestSupport
@testable import S1CheckCore

@Suite struct JSONReaderTests {
    func parse(_ s: String) throws(JSONSyntaxError) -> JSONNode { try JSONReader.parse(Array(s.utf8)) }

    func error(_ bytes: [UInt8]) -> JSONSyntaxError? {
        do { _ = try JSONReader.parse(bytes); return nil } catch { return error }
    }

    @Test func readsObjectsInSourceOrderWithOffsets() throws {
        let node = try parse(#"{"b": 1, "a": [true, null, "x"]}"#)
        guard case .object(let members) = node.value else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["b", "a"])
        #expect(members[1].keyOffset == 9)
        guard case .array(let items) = members[1].value.value else { Issue.record("not an array"); return }
        #expect(items.count == 3)
        #expect(items[2].offset == 27)
    }

    @Test func keepsNumbersAsWritten() throws {
        let node = try parse("[5.10, -0.5e+3, 0]")
        guard case .array(let items) = node.value else { Issue.record("not an array"); return }
        let texts = items.compactMap { if case .number(let t) = $0.value { return t } else { return nil } }
        #expect(texts == ["5.10", "-0.5e+3", "0"])
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let node = try parse(#"["a\"b\\c\/\n\t\u00e9\ud83d\ude00"]"#)
        guard case .array(let items) = node.value, case .string(let s) = items[0].value else { Issue.record("bad"); return }
        #expect(s == "a\"b\\c/\n\té😀")
    }

    @Test(arguments: [
        ("", "no JSON value"),
        ("   \n\t", "no JSON value"),
        (#"{"a": 1, "a": 2}"#, "duplicate key \"a\""),
        (#"{"a": 1,}"#, "trailing comma"),
        (#"{"a": 1, 2}"#, "expected a key"),
        (#"[1 2]"#, "expected ',' or ']'"),
        (#"{"a": 01}"#, "leading zeros"),
        (#"{"a": "x"} x"#, "after the end"),
        (#"["\ud800"]"#, "lone surrogate"),
        (#"["\udc00"]"#, "lone surrogate"),
        (#"["\x"]"#, "invalid escape"),
        (#"["abc"#, "unterminated string"),
        (#"{"a": tru}"#, "invalid literal"),
        (#"{"a" 1}"#, "expected ':'"),
    ])
    func rejectsMalformedInput(text: String, expected: String) {
        let e = error(Array(text.utf8))
        #expect(e != nil)
        #expect(e?.message.contains(expected) == true, "\(e?.message ?? "no error") should mention \(expected)")
    }

    /// Duplicates are found whether the object is small (linear scan) or large (hash set), at any position.
    @Test func findsDuplicateKeysInObjectsOfAnySize() {
        for size in [2, 11, 12, 13, 40] {
            for dup in 1..<size {
                var keys = (0..<size).map { "k\($0)" }
                keys.append("k\(dup - 1)")
                let text = "{" + keys.map { "\"\($0)\": 1" }.joined(separator: ", ") + "}"
                #expect(error(Array(text.utf8))?.message.contains("duplicate key \"k\(dup - 1)\"") == true, "size \(size), dup \(dup)")
            }
            let unique = "{" + (0..<size).map { "\"k\($0)\": 1" }.joined(separator: ", ") + "}"
            #expect(error(Array(unique.utf8)) == nil)
        }
    }

    @Test func rejectsRawControlCharactersInStrings() {
        let e = error(Array("[\"a\u{0}b\"]".utf8))
        #expect(e?.message.contains("control character 0x00") == true)
        #expect(e?.offset == 3)
    }

    @Test func rejectsInvalidUTF8AtItsOffset() {
        var bytes = Array(#"{"a": "x"#.utf8)
        bytes += [0xC3, 0x28]
        bytes += Array(#""}"#.utf8)
        let e = error(bytes)
        #expect(e?.message.contains("not valid UTF-8") == true)
        #expect(e?.offset == 8)
        // Overlong encodings, surrogates and truncated sequences are all invalid.
        #expect(error([0x5B, 0x22, 0xC0, 0xAF, 0x22, 0x5D]) != nil)
        #expect(error([0x5B, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x5D]) != nil)
        #expect(error([0x5B, 0x22, 0xE2, 0x82]) != nil)
    }

    @Test func acceptsAByteOrderMark() throws {
        let node = try JSONReader.parse([0xEF, 0xBB, 0xBF] + Array("{}".utf8))
        guard case .object(let m) = node.value else { Issue.record("not an object"); return }
        #expect(m.isEmpty)
    }

    @Test func boundsNestingWithoutExhaustingTheStack() {
        let deep = String(repeating: "[", count: 300_000) + String(repeating: "]", count: 300_000)
        let e = error(Array(deep.utf8))
        #expect(e?.message.contains("nesting deeper than \(JSONReader.maximumDepth)") == true)
        let ok = String(repeating: "[", count: JSONReader.maximumDepth) + String(repeating: "]", count: JSONReader.maximumDepth)
        #expect(error(Array(ok.utf8)) == nil)
    }

    @Test func linesAndColumnsCountScalarsAndSkipTheBOM() {
        let text = "{\n  \"é\": x\n}"
        let index = LineIndex(Array(text.utf8))
        let offset = Array(text.utf8).firstIndex(of: UInt8(ascii: "x"))!
        #expect(index.position(ofOffset: offset) == SourcePosition(line: 2, column: 8))
        let bom = LineIndex([0xEF, 0xBB, 0xBF] + Array("{x".utf8))
        #expect(bom.position(ofOffset: 4) == SourcePosition(line: 1, column: 2))
    }

    /// Property: whatever Foundation's serializer writes, the reader reads back to the same tree.
    @Test func roundTripsRandomDocumentsWrittenByFoundation() throws {
        var rng = SplitMix(seed: 0x51)
        for _ in 0..<300 {
            let value = randomValue(&rng, depth: 0)
            let data = try JSONSerialization.data(withJSONObject: ["root": value], options: [.fragmentsAllowed])
            let node = try JSONReader.parse([UInt8](data))
            guard case .object(let m) = node.value else { Issue.record("not an object"); return }
            #expect(same(m[0].value, value))
        }
    }

    func randomValue(_ rng: inout SplitMix, depth: Int) -> Any {
        switch rng.next() % (depth > 3 ? 3 : 5) {
        case 0: return Int(rng.next() % 100_000) - 50_000
        case 1: return randomString(&rng)
        case 2: return rng.next() % 2 == 0
        case 3: return (0..<Int(rng.next() % 4)).map { _ in randomValue(&rng, depth: depth + 1) }
        default:
            var d: [String: Any] = [:]
            for _ in 0..<Int(rng.next() % 4) { d[randomString(&rng)] = randomValue(&rng, depth: depth + 1) }
            return d
        }
    }

    func randomString(_ rng: inout SplitMix) -> String {
        let alphabet = Array("ab \"\\/\n\té😀<|>\u{1}\u{7F}")
        return String((0..<Int(rng.next() % 8)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
    }

    func same(_ node: JSONNode, _ value: Any) -> Bool {
        switch node.value {
        case .string(let s): return (value as? String) == s
        case .bool(let b): return (value as? Bool) == b && !(value is Int)
        case .number(let t): return (value as? Int).map { String($0) == t } ?? false
        case .array(let items):
            guard let a = value as? [Any], a.count == items.count else { return false }
            return zip(items, a).allSatisfy { same($0, $1) }
        case .object(let members):
            guard let d = value as? [String: Any], d.count == members.count else { return false }
            return members.allSatisfy { m in d[m.key].map { same(m.value, $0) } ?? false }
        case .null: return value is NSNull
        }
    }
}


@Suite struct LargeInputTests {
    /// The reader copes with a 30 MB string (the CLI refuses files over 16 MiB before reading them, but the
    /// library must not fall over if handed one).
    @Test func thirtyMegabyteString() throws {
        let bytes = Array("{\"title\": \"".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 30_000_000) + Array("\"}".utf8)
        let node = try JSONReader.parse(bytes)
        guard case .object(let m) = node.value, case .string(let s) = m[0].value.value else { Issue.record("bad"); return }
        #expect(s.utf8.count == 30_000_000)
    }
}

/// What a newcomer writes that JSON does not allow is named as what it is, where it is.
@Suite struct NewcomerSyntaxTests {
    func error(_ text: String) -> JSONSyntaxError? {
        do { _ = try JSONReader.parse(Array(text.utf8)); return nil } catch { return error }
    }

    @Test func aTrailingCommaIsNamedAtItsLineWithItsContainer() throws {
        let plan = "{\n  \"artefacts\": [\n    {\"document\": \"SEC\", \"version\": \"72.0\"},\n  ]\n}\n"
        let e = try #require(error(plan))
        #expect(e.message == "trailing comma after the last item of this array; JSON allows none: remove it")
        #expect(e.path.description == "$.artefacts")
        #expect(LineIndex(Array(plan.utf8)).position(ofOffset: e.offset).line == 3, "the comma's line, not the bracket's")
        let inObject = try #require(error(#"{"artefacts": [{"document": "SEC", "version": "72.0",}]}"#))
        #expect(inObject.message.hasPrefix("trailing comma after the last member of this object"))
        #expect(inObject.path.description == "$.artefacts[0]")
    }

    @Test(arguments: ["{\n  \"id\": \"A\", // the id\n  \"title\": \"t\"\n}", "{\n  \"id\": \"A\" /* the id */\n}", "// a plan\n{}"])
    func aCommentIsNamedAsOne(text: String) throws {
        let e = try #require(error(text))
        #expect(e.message.contains("comments are not allowed in JSON"), "\(e.message)")
        #expect(Array(text.utf8)[e.offset] == UInt8(ascii: "/"))
    }

    @Test func otherSyntaxErrorsNameTheirContainerToo() throws {
        #expect(error(#"{"a": {"b": [1, 2 3]}}"#)?.path.description == "$.a.b")
        #expect(error(#"{"a": [{"x": 1}, {"y" 2}]}"#)?.path.description == "$.a[1]")
        #expect(error(#"{"a": 1} x"#)?.path.description == "$")
    }
}

/// A test validator missing under CI fails in the project's words, not as a missing file's error code.
@Suite struct MissingValidatorTests {
    @Test func aMissingToolIsNamed() throws {
        do {
            _ = try ExternalTool.xmllint.run(["--version"], searching: "/nonexistent")
            Issue.record("ran a tool that is not there")
        } catch let e as Missing {
            #expect(e.description.hasPrefix("xmllint is not installed (not found on PATH); the tests that need it run whenever CI is set"))
            #expect(e.description.contains(".ci/run"))
        }
    }
}
