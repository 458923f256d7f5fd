/// `s1check fix` on one plan's bytes: the plan is checked, its fix collected from its findings
/// (`PlanFixer`), and the fixed bytes checked again in memory before anything may be written. The second
/// check must find the plan decoding, with nothing left to fix (so a second `fix` changes nothing) and
/// no failing check that did not fail before; otherwise the fix is refused as an internal error, and the
/// plan is left as it is.
///
/// Plans are checked one by one, not as a run: nothing a fix changes depends on the other plans (the
/// cross-plan `duplicate-plan-id` has no fix). A policy's levels are set aside, since whether a version has
/// drifted does not depend on how a team gates it; its shared waivers are kept, since a waived drift is a
/// recorded decision to stay, like a plan's own waiver.
public struct Fixer: Sendable {
    public let checker: Checker
    /// Whether `tbrd` is raised (`--confirm-tbrd`: the user re-confirmed the plans against the baseline's
    /// TBRD issue); otherwise it is listed for a person.
    public let confirmTBRD: Bool

    public init(baseline: ResolvedBaseline, asOf: CalendarDate, policy: Policy = .none, confirmTBRD: Bool = false) {
        checker = Checker(baseline: baseline, asOf: asOf,
                          policy: Policy(file: policy.file, waivers: policy.waivers, waiverLines: policy.waiverLines))
        self.confirmTBRD = confirmTBRD
    }

    public var baseline: ResolvedBaseline { checker.context.baseline }

    /// One plan's fix, checked.
    public func fix(file: String, bytes: [UInt8]) -> FixedPlan {
        let result = checker.check(file: file, bytes: bytes)
        if result.kind == .unreadable { return FixedPlan(file: file, original: bytes, fixed: bytes, fix: PlanFix(), problems: result.inputErrors) }
        let fix = PlanFixer.fix(bytes: bytes, result: result, confirmTBRD: confirmTBRD)
        if fix.isEmpty { return FixedPlan(file: file, original: bytes, fixed: bytes, fix: fix, problems: []) }
        let fixed: [UInt8]
        do { fixed = try ByteEdit.apply(fix.fix.edits, to: bytes) } catch {
            return refused(file, bytes, fix, "its edits cannot be applied together (\(error.message))")
        }
        if let problem = verify(file: file, fixed: fixed, before: result) { return refused(file, bytes, fix, problem) }
        return FixedPlan(file: file, original: bytes, fixed: fixed, fix: fix, problems: [])
    }

    /// Why the fixed bytes cannot be written, or nil: they must decode as a plan, leave nothing to fix, and
    /// fail no check that did not fail `before`.
    func verify(file: String, fixed: [UInt8], before: FileResult) -> String? {
        let again = checker.check(file: file, bytes: fixed)
        if let e = again.inputErrors.first { return "the fixed plan does not decode (\(e.pathAndMessage))" }
        let second = PlanFixer.fix(bytes: fixed, result: again, confirmTBRD: confirmTBRD)
        if !second.isEmpty { return "a second fix would change it again (\(second.fix.summary))" }
        let failed = Set(before.findings.filter { $0.status == .fail }.map(\.check))
        if let new = again.findings.first(where: { $0.status == .fail && !failed.contains($0.check) }) {
            return "the fixed plan fails \(new.check), which the plan did not fail before"
        }
        return nil
    }

    func refused(_ file: String, _ bytes: [UInt8], _ fix: PlanFix, _ why: String) -> FixedPlan {
        FixedPlan(file: file, original: bytes, fixed: bytes, fix: PlanFix(choices: fix.choices),
                  problems: [.input(file: file, message: "internal error: \(why); the plan is left as it is (please report this)")])
    }
}

/// A plan as `fix` leaves it: the bytes read, the bytes to write (the same when nothing changes), what
/// changed and what is left for a person; or the problems that stop it being fixed (it does not decode as
/// a plan), in which case nothing may be written.
public struct FixedPlan: Sendable {
    public let file: String
    public let original: [UInt8]
    public let fixed: [UInt8]
    public let fix: PlanFix
    public let problems: [Diagnostic]

    public var changed: Bool { problems.isEmpty && !fix.isEmpty }
}
