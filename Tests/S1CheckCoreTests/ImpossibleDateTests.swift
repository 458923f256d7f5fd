import Testing
@testable import S1CheckCore
import S1CheckTestSupport

/// A value written as a date that is not one ("2019-02-30") is named as such, wherever a date is read.
@Suite struct ImpossibleDateTests {
    /// Over every month and day a date can be written with, `notADate` explains exactly the ones the
    /// calendar refuses, and nothing that is not written as a date.
    @Test func notADateExplainsExactlyTheDatesTheCalendarRefuses() {
        for year in [1900, 2000, 2019, 2020, 2023, 2024] {
            for month in 0...13 {
                for day in 0...32 {
                    let text = "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
                    let real = CalendarDate(iso: text) != nil
                    #expect((CalendarDate.notADate(text) == nil) == real, "\(text)")
                }
            }
        }
        #expect(CalendarDate.notADate("2019-02-30") == "February 2019 has 28 days")
        #expect(CalendarDate.notADate("2024-02-30") == "February 2024 has 29 days")
        #expect(CalendarDate.notADate("2019-13-01") == "there is no month 13")
        for notWrittenAsADate in ["5.1", "2019-2-30", "2019/02/30", "v2019-02-30", "2019-02-3x", ""] {
            #expect(CalendarDate.notADate(notWrittenAsADate) == nil, "\(notWrittenAsADate)")
        }
    }

    /// A document version written as a date that is not one is an input error saying why, not the
    /// dotted-number error about a leading zero it used to get.
    @Test func aVersionWrittenAsAnImpossibleDateSaysWhy() throws {
        let json = PlanJSON(artefacts: #"[{"document": "SMETS2", "version": "2019-02-30"}]"#).text
        guard let errors = decodeFailure({ () throws(Diagnostics) in try PlanDecoding.decode(file: "p.plan.json", bytes: Array(json.utf8), names: TestData.resolved.names) }) else {
            Issue.record("a version 2019-02-30 was accepted"); return
        }
        let e = try #require(errors.all.first { $0.path == "$.artefacts[0].version" })
        #expect(e.message.hasSuffix(#"found "2019-02-30": February 2019 has 28 days"#), "\(e.message)")
        #expect(!e.message.contains("leading zero"))
    }
}
