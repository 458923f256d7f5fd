import Foundation
import Testing
import S1CheckTestSupport

/// A version `init` leaves to a person ("CHOOSE: 1.0 | 1.1 | …") made as a person would: the most recent
/// offered. For tests that go on to check what `init` printed.
enum InitChoice {
    static func made(_ plan: String) -> String {
        let pattern = try! NSRegularExpression(pattern: #""CHOOSE:[^"]*\| ([^"|]+)""#)
        return pattern.stringByReplacingMatches(in: plan, range: NSRange(plan.startIndex..., in: plan), withTemplate: "\"$1\"")
    }
    static func made(_ plan: Data) -> Data { Data(made(String(decoding: plan, as: UTF8.self)).utf8) }
}

/// `init` does not pick among versions side by side (issue 24 item 13): GBCS and CHTS are left to a person,
/// and `check` refuses the plan, naming the choices, until the choice is made.
@Suite struct InitChoiceTests {
    @Test func initLeavesVersionsSideBySideToAPersonAndCheckRefusesThemUntilChosen() throws {
        let out = try CLI.run(["init", "--phase", "FOC", "--id", "NEW-1", "--start", "2023-06-01", "--end", "2023-06-30"])
        #expect(out.status == 0, "\(out.all)")
        let plan = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as! [String: Any]
        let artefacts = plan["artefacts"] as! [[String: String]]
        let version = { (doc: String) in artefacts.first { $0["document"] == doc }?["version"] }
        #expect(version("Schedule 8") == "CHOOSE: 1.0 | 1.1 | 2.0 | 2.1 | 3.0 | 3.1 | 3.2 | 4.0 | 4.1")
        #expect(version("Schedule 10") == "CHOOSE: 1.0 | 1.1 | 1.2 | 1.3 | 1.4 | 1.5")
        // One relevant version is written as it is: nothing to choose.
        #expect(version("Appendix AD") == "5.1")

        let s = Scratch()
        let unmade = s.write("new.plan.json", out.stdout)
        let refused = try CLI.run(["check", unmade, "--as-of", "2023-06-01"])
        #expect(refused.status == 2, "\(refused.all)")
        #expect(refused.all.contains("$.artefacts[") && refused.all.contains("the version is still to be chosen")
                && refused.all.contains("one of 1.0, 1.1, 2.0, 2.1, 3.0, 3.1, 3.2, 4.0, 4.1"), "\(refused.all)")

        var made = try JSONSerialization.jsonObject(with: Data(InitChoice.made(out.stdout).utf8)) as! [String: Any]
        #expect((made["artefacts"] as! [[String: String]]).first { $0["document"] == "Schedule 8" }?["version"] == "4.1")
        made["deviceModels"] = [["type": "ESME", "manufacturer": "Example Meters Ltd", "model": "EM-100", "firmware": "4.2.1"]]
        let chosen = s.write("chosen.plan.json", Array(try JSONSerialization.data(withJSONObject: made)))
        let checked = try CLI.run(["check", chosen, "--as-of", "2023-06-01"])
        #expect(checked.status == 0, "\(checked.all)")
    }
}
