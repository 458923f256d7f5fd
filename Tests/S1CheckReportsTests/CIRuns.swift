import Foundation
import S1CheckTestSupport
@testable import S1CheckCore
@testable import S1CheckReports

/// A run with every kind of row the CI formats carry: fail, warn, waived, an unreadable plan with several
/// input errors, and a plan whose every text is hostile.
enum CIRuns {
    static let waiveAM = #"[{"rule": "consultation", "document": "AM", "reason": "booked, 50% done: see ticket #1", "expires": "2023-12-31"}]"#

    static func mixed(strict: Bool = false, keepGoing: Bool = false) -> RunResult {
        Sample.run([("plans/a.plan.json", Sample.plan(id: "A")),
                    ("./plans/b.plan.json", Sample.plan(id: "B.R2", waivers: waiveAM)),
                    ("plans/c.plan.json", #"{"id": 1}"#),
                    ("plans/h.plan.json", Sample.plan(id: "H"))], strict: strict, keepGoing: keepGoing) { results in
            results[3].plan!.title = Sample.hostile + Sample.controls
            results[3].plan!.id = Sample.hostile
            results[3].findings[results[3].findings.firstIndex { $0.status == .fail }!].message = Sample.hostile + Sample.controls
            results[3].file = "plans/" + Sample.hostile + " %20 \n::warning::x.plan.json"
        }
    }

    static func json(_ bytes: [UInt8]) throws -> Any { try JSONSerialization.jsonObject(with: Data(bytes)) }

    /// Validates `bytes` against a schema file with check-jsonschema.
    static func validate(_ bytes: [UInt8], schema: String, name: String = "report.json") throws -> (status: Int32, out: String) {
        let s = Scratch()
        let file = s.write(name, bytes)
        let r = try ExternalTool.checkJSONSchema.run(["--schemafile", schema, file])
        return (r.status, r.out + r.err)
    }

    /// Non-pass findings plus input errors: the rows every CI format carries.
    static func rowCount(_ run: RunResult) -> Int {
        run.plans.reduce(0) { $0 + $1.findings.filter { $0.status != .pass }.count }
    }
}
