/// A team's policy for a run (`--config FILE`, or `s1check.json` in the working folder): per-rule levels
/// and waivers shared by every plan. It changes what findings count as, never whether they are made:
/// every finding it touches stays in every report, with what it was before.
public struct Policy: Sendable {
    /// The levels of cargo-deny: `deny` turns a warning into a failure, `warn` a failure into a warning,
    /// `allow` records the finding as a pass (with its message).
    public enum Level: String, Sendable, Hashable, CaseIterable {
        case allow, warn, deny

        /// What a finding's status becomes; passes and waived findings are left alone.
        func apply(to status: Status) -> Status {
            guard status == .warn || status == .fail else { return status }
            switch self {
            case .allow: return .pass
            case .warn: return .warn
            case .deny: return .fail
            }
        }
    }

    /// The file the policy came from, as the user named it (reports name it).
    public var file: String
    public var levels: [String: Level]
    /// Waivers applied to every plan; each has a reason and an expiry (the policy file requires both).
    public var waivers: [Waiver]
    /// The line of each shared waiver in the policy file, where the run's report on it points.
    public var waiverLines: [Int]

    public init(file: String, levels: [String: Level] = [:], waivers: [Waiver] = [], waiverLines: [Int] = []) {
        self.file = file
        self.levels = levels
        self.waivers = waivers
        self.waiverLines = waiverLines
    }

    /// The check name of the `index`th shared waiver, in every report; its line keeps two waivers of one
    /// document apart.
    public func checkName(_ index: Int) -> String { "waiver · \(waivers[index].label) (shared, line \(waiverLines[index]))" }

    /// What the run says of a shared waiver that waived nothing in any plan (with the nearest name when
    /// its document names none).
    public func unusedMessage(_ index: Int, in baseline: ResolvedBaseline) -> String {
        WaiverRule.unmatched(waivers[index], "the shared waiver for \(waivers[index].label)", in: baseline, anywhere: " in any plan")
    }

    /// No policy: every rule at its own level, no shared waiver.
    public static let none = Policy(file: "")


    /// Rules whose level a policy may set: those a waiver may waive. A waiver's own findings and duplicate
    /// plan ids keep their level (a policy could otherwise let an expired waiver pass).
    public static let levelledRuleIDs = RuleRegistry.waivableIDs
}

/// The policy level that changed a finding's status, kept so the report can show it.
public struct AppliedLevel: Sendable, Hashable {
    public var level: Policy.Level
    /// What the finding was before the policy applied.
    public var originalStatus: Status
    /// The policy file that set the level, as the user named it (reports name it beside the finding).
    public var file: String = ""
}

/// Decodes a policy file strictly: fixed keys, known rule ids (with did-you-mean), known levels, waivers
/// in the plan-waiver shape with `reason` and `expires` required.
public enum PolicyDecoding {
    public static func decode(file: String, bytes: [UInt8], names: DocumentNames) throws(Diagnostics) -> Policy {
        try StrictDecoder.decode(file: file, bytes: bytes) { root, d in decodeRoot(root, d, file: file, names: names) }
    }

    static func decodeRoot(_ root: JSONNode, _ d: StrictDecoder, file: String, names: DocumentNames) -> Policy? {
        let path = JSONPath.root
        guard let f = d.object(root, at: path, what: "a policy file", required: [], optional: ["$schema", "rules", "waivers"]) else { return nil }
        if let s = f["$schema"] { _ = d.text(s, at: path.key("$schema"), what: "a schema reference") }
        var policy = Policy(file: file)
        if let n = f["rules"] {
            if case .object(let members) = n.value {
                for m in members {
                    let p = path.key("rules").key(m.key)
                    guard PlanDecoding.ruleID(m.key, allowed: Policy.levelledRuleIDs, what: "given a level", d, p, m.keyOffset) != nil else { continue }
                    if let level = d.choice(m.value, at: p, what: "the rule's level", as: Policy.Level.self) { policy.levels[m.key] = level }
                }
            } else {
                d.fail("expected the rule levels (an object such as {\"consultation\": \"warn\"}), found \(n.value.typeName)",
                       at: path.key("rules"), offset: n.offset)
            }
        }
        if let n = f["waivers"], let items = d.array(n, at: path.key("waivers"), what: "shared waivers") {
            for (i, item) in items.enumerated() {
                let p = path.key("waivers").index(i)
                guard let w = PlanDecoding.decodeWaiver(item, p, d, names) else { continue }
                // A shared waiver applies to every plan, so it must say why and until when.
                // (A blank reason is decoded as none.)
                if w.reason == nil {
                    d.fail("a shared waiver needs a reason (text with at least one visible character)", at: p, offset: item.offset); continue
                }
                if w.expires == nil { d.fail("a shared waiver needs an expiry date (\"expires\": \"YYYY-MM-DD\")", at: p, offset: item.offset); continue }
                policy.waivers.append(w)
                policy.waiverLines.append(d.position(ofOffset: item.offset).line)
            }
        }
        return policy
    }
}
