/// The TBRD "unless stated otherwise applies in respect of IOC, MOC and FOC" (paragraph 2), and TBRD 1.24
/// states otherwise for no document. So a phase restriction is a warning only where a baseline file states
/// one (`phases`, for a document whose text does). A document whose title names a phase (AP2, the *FOC*
/// S1SPKI Certificate Policy) declared by a plan for another phase is a note: a pass whose message says the
/// restriction would rest on the title alone.
public struct PhaseApplicabilityRule: WaivableRule {
    public static let description = describe(
        id: "phase-applicability",
        summary: "An artefact whose baseline entry states phases is declared only by plans for those phases (warn); one whose title alone names a phase gets a note (pass).",
        clause: "TBRD paragraph 2: applies in respect of IOC, MOC and FOC unless stated otherwise",
        examples: [
            RuleExample("in-phase", plan: ["artefacts": #"[{"document": "AP2", "version": "2.0"}]"#], expect: [
                (.pass, "Appendix AP2 (FOC S1SPKI Certificate Policy) names FOC in its title; this plan is for FOC"),
            ]),
            RuleExample("title-names-another-phase", plan: ["phase": #""MOC""#, "artefacts": #"[{"document": "AP2", "version": "2.0"}]"#], expect: [
                (.pass, "Note: Appendix AP2 (FOC S1SPKI Certificate Policy) names FOC in its title, but TBRD 1.24 lists it with no phase restriction, and the TBRD applies in respect of IOC, MOC and FOC unless stated otherwise (paragraph 2): this MOC plan may declare it"),
            ]),
            RuleExample("stated-phases", plan: ["phase": #""MOC""#, "artefacts": #"[{"document": "AT", "version": "2.0"}]"#],
                        baseline: ["AT": #""phases": ["FOC"]"#], expect: [
                (.warn, "Appendix AT (SMETS1 Cryptographic Key Management Policy) applies to FOC only, as the baseline file states; this plan is for MOC"),
            ]),
            RuleExample("waived", plan: ["phase": #""MOC""#, "artefacts": #"[{"document": "AT", "version": "2.0"}]"#,
                                         "waivers": #"[{"rule": "phase-applicability", "document": "AT", "reason": "Accepted by the test lead", "expires": "2099-12-31"}]"#],
                        baseline: ["AT": #""phases": ["FOC"]"#], expect: [
                (.waived, "Appendix AT (SMETS1 Cryptographic Key Management Policy) applies to FOC only, as the baseline file states; this plan is for MOC"),
            ]),
        ])

    public init() {}

    /// The phases a document's title names ("FOC S1SPKI Certificate Policy": FOC), as whole words. Every
    /// plan asks it of each artefact it declares, so an ASCII title (every title of the SEC) is split by
    /// bytes, without looking up each character's Unicode properties.
    static func phasesNamed(inTitle title: String) -> [Phase] {
        var title = title
        let ascii: [String]? = title.withUTF8 { u in
            guard u.allSatisfy({ $0 < 0x80 }) else { return nil }
            // Every phase name ends in "OC": a title without it names none.
            guard zip(u, u.dropFirst()).contains(where: { $0 == UInt8(ascii: "O") && $1 == UInt8(ascii: "C") }) else { return [] }
            let isWordByte = { (b: UInt8) in (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
            return u.split(whereSeparator: { !isWordByte($0) }).map { String(decoding: $0, as: UTF8.self) }
        }
        let words = Set(ascii ?? title.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
        return Phase.allCases.filter { words.contains($0.rawValue) }
    }

    public func applies(to facts: PlanFacts, _ c: CheckContext) -> Bool {
        facts.declarations.checked.contains { $0.1.phases != nil || !Self.phasesNamed(inTitle: $0.1.title).isEmpty }
    }

    public func check(_ facts: PlanFacts, _ c: CheckContext, into findings: inout [Finding]) {
        let phase = facts.plan.phase.rawValue
        for (a, r) in facts.declarations.checked {
            if let phases = r.phases {
                let list = phases.map(\.rawValue).joined(separator: ", ")
                let ok = phases.contains(facts.plan.phase)
                findings.append(Finding(rule, ok ? .pass : .warn, about: a, r, declared: phase, expected: list,
                                        message: ok ? "\(r.ref) (\(r.title)) applies to \(list), as the baseline file states; this plan is for \(phase)"
                                            : "\(r.ref) (\(r.title)) applies to \(list) only, as the baseline file states; this plan is for \(phase)",
                                        clause: "\(rule.clause); the baseline file states \(r.ref) applies to \(list)"))
                continue
            }
            let named = Self.phasesNamed(inTitle: r.title)
            guard !named.isEmpty else { continue }
            let list = named.map(\.rawValue).joined(separator: ", ")
            let message = named.contains(facts.plan.phase)
                ? "\(r.ref) (\(r.title)) names \(list) in its title; this plan is for \(phase)"
                : "Note: \(r.ref) (\(r.title)) names \(list) in its title, but TBRD \(c.tbrd) lists it with no phase restriction, and the TBRD applies in respect of IOC, MOC and FOC unless stated otherwise (paragraph 2): this \(phase) plan may declare it"
            findings.append(Finding(rule, .pass, about: a, r, declared: phase, expected: "IOC, MOC, FOC", message: message,
                                    clause: "TBRD \(c.tbrd) paragraph 2: applies in respect of IOC, MOC and FOC unless stated otherwise; no clause states otherwise for \(r.ref)"))
        }
    }
}
