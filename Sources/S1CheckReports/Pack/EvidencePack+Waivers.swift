import S1CheckCore

// The evidence pack, section 3. Waivers and exclusions, with reason, approver and expiry. See EvidencePack.swift for the layout.
extension EvidencePack {
    /// The policy's shared waivers: reason, approver, expiry, and the plans each waived something in.
    func sharedWaivers(_ w: inout Syntax, _ outcome: RunOutcome) {
        let policy = settings.policy
        guard let source = settings.policySource else { return }
        w.heading(3, id: nil) { $0.text("Shared waivers (", source.file, ")") }
        guard !policy.waivers.isEmpty else { w.paragraph("The policy has no shared waiver."); return }
        w.beginTable(["Shared waiver", "Reason", "Approved by", "Expires", "Plans waived in", "Where"], kind: .list)
        for (i, wv) in policy.waivers.enumerated() {
            w.beginRow()
            w.cell(wv.label)
            w.cell(wv.reason ?? "")
            Self.approverCell(&w, wv.approvedBy)
            w.cell(wv.expires?.description ?? "")
            let uses = outcome.sharedWaivers.uses[i], expired = outcome.sharedWaivers.expiries[i]
            w.cell { w in
                if expired > 0 { w.strong { $0.text("expired: \(expired == 1 ? "1 plan fails" : "\(expired) plans fail") on it") } }
                else if uses == 0 { w.strong { $0.text("none: remove it") } }
                else { w.text(String(uses)) }
            }
            w.cell(Self.location(source.file, policy.waiverLines[i]))
            w.endRow()
        }
        w.endTable()
    }

    static func approverCell(_ w: inout Syntax, _ approver: String?) {
        w.cell { w in if let approver { w.text(approver) } else { w.strong { $0.text("not recorded") } } }
    }

    /// A plan's own waivers, each with the state its waiver finding gave it (in use, expired, unused).
    func waiverRows(_ w: inout Syntax, _ p: FileResult) -> Int {
        guard let plan = p.plan, !plan.waivers.isEmpty else { return 0 }
        // The waiver rule makes one finding per plan waiver, in order, before those of shared waivers.
        let findings = p.findings.filter { $0.rule.id == WaiverRule.description.id && $0.sharedWaiver == nil }
        for (i, wv) in plan.waivers.enumerated() {
            let f = i < findings.count ? findings[i] : nil
            w.beginRow()
            w.cell { $0.link(to: Self.anchor(p)) { $0.text(p.id ?? p.file) } }
            w.cell(wv.label)
            w.cell(wv.reason ?? "(no reason given)")
            Self.approverCell(&w, wv.approvedBy)
            w.cell(wv.expires?.description ?? "no expiry")
            w.cell { w in
                switch f?.status {
                case .pass?: w.text("in use")
                case .fail?: w.status("FAIL", .fail)
                case .warn?: w.status("WARN: waives nothing", .warn)
                default: w.text("")
                }
            }
            w.cell(Self.location(p.file, f?.line))
            w.endRow()
        }
        return plan.waivers.count
    }
}
