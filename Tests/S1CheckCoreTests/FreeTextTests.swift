import Testing
@testable import S1CheckCore
import S1CheckTestSupport

/// Free text (a title, a waiver's reason) may hold tabs and line feeds; other control characters, C1 (U+0080–U+009F)
/// included, stay errors.
@Suite struct FreeTextTests {
    static func plan(title: String, reason: String) -> [UInt8] {
        PlanJSON(id: "X", title: title, window: nil, devices: nil, combinations: #"["D"]"#, artefacts: #"[{"document": "AM", "version": "12.0"}]"#,
                 waivers: #"[{"rule": "consultation", "document": "AM", "reason": "\#(reason)", "expires": "2099-01-01"}]"#, layout: .oneLine).bytes
    }

    @Test func tabsAndLineFeedsAreAcceptedInTitlesAndReasons() throws {
        let p = try PlanDecoding.decode(file: "x", bytes: Self.plan(title: #"Line one\nline\ttwo"#, reason: #"Booked\n\tre-test"#), names: TestData.resolved.names)
        #expect(p.title == "Line one\nline\ttwo")
        #expect(p.waivers.first?.reason == "Booked\n\tre-test")
    }

    @Test(arguments: [#"\r"#, #"\u001b"#, #"\u0000"#, #"\u007f"#, #"\u000b"#, #"\u009b"#, #"\u0085"#])
    func otherControlCharactersStayErrors(_ escape: String) {
        for bytes in [Self.plan(title: "a\(escape)b", reason: "r"), Self.plan(title: "t", reason: "a\(escape)b")] {
            guard let e = decodeFailure({ () throws(Diagnostics) in try PlanDecoding.decode(file: "x", bytes: bytes, names: TestData.resolved.names) }) else { Issue.record("accepted \(escape)"); continue }
            #expect(e.all.contains { $0.message.contains("contains the control character") }, "\(e.all)")
        }
    }

    @Test func blankWithLineBreaksIsStillBlank() {
        guard let e = decodeFailure({ () throws(Diagnostics) in try PlanDecoding.decode(file: "x", bytes: Self.plan(title: #"\n\t "#, reason: "r"), names: TestData.resolved.names) }) else {
            Issue.record("accepted a blank title"); return
        }
        #expect(e.all.contains { $0.path == "$.title" && $0.message.contains("empty") })
        // Line breaks stay control characters where they are not free text (an id).
        let id = Array(#"{"id": "a\tb", "title": "t", "phase": "FOC", "tbrd": "1.24", "artefacts": [{"document": "SEC", "version": "72.0"}]}"#.utf8)
        guard let e2 = decodeFailure({ () throws(Diagnostics) in try PlanDecoding.decode(file: "x", bytes: id, names: TestData.resolved.names) }) else { Issue.record("accepted a tab in an id"); return }
        #expect(e2.all.contains { $0.path == "$.id" && $0.message.contains("U+0009") })
    }
}
