import S1CheckCore

// The evidence pack, section 5. Each plan: its devices, its findings that are not passes, its passes folded. See EvidencePack.swift for the layout.
extension EvidencePack {
    func planSection(_ w: inout Syntax, _ p: FileResult) {
        w.heading(3, id: Self.anchor(p)) { w in
            if p.kind == .unreadable { w.status("INPUT ERROR", .fail) } else { w.status(Gate.verdict(p.status, deviations: p.tally.deviations), Self.tone(p.status)) }
            w.text(" ", p.id ?? p.file)
            if let t = p.plan?.title { w.text(": ", t) }
        }
        guard let plan = p.plan else {
            w.paragraph { $0.text(p.file, ": this file could not be read as a plan, so nothing in it was checked.") }
            w.beginTable(["Line", "Column", "JSON path", "Problem"], kind: .list)
            for e in p.findings.compactMap(\.inputError) {
                w.row(e.position.map { String($0.line) } ?? "", e.position.map { String($0.column) } ?? "", e.path ?? "$", e.message)
            }
            w.endTable()
            return
        }
        // The phase's name is given once, with the baseline.
        w.paragraph { w in
            w.text("\(plan.phase.rawValue) · TBRD ", plan.tbrdText, " · window ")
            if let win = plan.window { w.text("\(win.start) to \(win.end)") } else { w.text("not given") }
            w.text(" · ", p.file)
        }
        w.paragraph { w in
            w.text("Device models: ", plan.deviceModels.isEmpty ? "none" : plan.deviceModels.map(\.label).joined(separator: "; "))
            w.text(". Combinations: ", plan.combinations.isEmpty ? "none" : plan.combinations.map { combination($0.value) }.joined(separator: "; "), ".")
        }
        if let x = p.execution {
            // The test results linked to the plan (--results): counts, dates, and each file with its digest.
            w.paragraph { w in
                w.text("Test execution: ", ExecutionText.cell(x))
                let dates = ExecutionText.dates(x.evidence)
                if !dates.isEmpty { w.text("; dated ", dates) }
                for f in x.files { w.text("; ", f.file, " (\(f.cases) linked), SHA-256 "); w.code(f.sha256) }
                w.text(".")
            }
        }
        // A failure or warning is given in full (why, clause, where) once, in what blocks the release;
        // here it is named.
        let blocking = p.findings.filter { $0.status == .fail || $0.status == .warn }
        if !blocking.isEmpty {
            w.paragraph { w in
                for (n, f) in blocking.enumerated() {
                    if n > 0 { w.text("; ") }
                    w.status(Gate.statusWord(f.status), Self.tone(f.status)); w.text(" ", f.check)
                }
                w.text(": "); w.link(to: "blockers") { $0.text("why") }
            }
        }
        let listed = p.findings.filter { Gate.isListed($0) && $0.status != .fail && $0.status != .warn }
        if !listed.isEmpty {
            // The clause of a failure or warning is in the table of what blocks the release; the others
            // (waived, allowed) say theirs here.
            w.beginTable(["Status", "Check", "Why", "Line"], kind: .list)
            for f in listed { findingRow(&w, f) }
            w.endTable()
        }
        let passes = p.findings.filter { !Gate.isListed($0) }
        if !passes.isEmpty {
            w.folded(summary: "\(passes.count) check\(passes.count == 1 ? "" : "s") pass", items: Self.passItems(passes))
        }
    }

    /// The passes, folded: one item per rule, naming what passed (with the declared value, unless the
    /// subject already ends with it): "artefact-version: SEC 72.0, Appendix AK 10.0", "tbrd-version: 1.24".
    static func passItems(_ passes: [Finding]) -> [String] {
        var order: [String] = [], subjects: [String: [String]] = [:]
        for f in passes {
            let id = f.rule.id
            if subjects[id] == nil { order.append(id); subjects[id] = [] }
            var what = f.subject ?? ""
            if let d = f.declared, !d.isEmpty, !what.hasSuffix(" " + d), what != d { what += what.isEmpty ? d : " " + d }
            if !what.isEmpty { subjects[id]!.append(what) }
        }
        return order.map { id in subjects[id]!.isEmpty ? id : "\(id): " + subjects[id]!.joined(separator: ", ") }
    }

    /// A combination, with its device models when the registry lists it: "DMC-0007 (ESME Example Meters
    /// Ltd EM-100, GSME Example Meters Ltd GM-200)".
    func combination(_ id: String) -> String {
        guard let registry = settings.registry else { return id }
        guard let c = registry.combination(id: id) else { return "\(id) (not in the device registry)" }
        let members = c.deviceModels.map { m in models[m].map { "\($0.type.rawValue) \($0.manufacturer) \($0.model)" } ?? m }
        return "\(id) (\(members.joined(separator: ", ")))"
    }

    func findingRow(_ w: inout Syntax, _ f: Finding) {
        w.beginRow()
        w.cell { $0.status(f.isAllowed ? "PASS (allowed)" : Gate.statusWord(f.status), Self.tone(f.status)) }
        w.cell(f.check)
        w.cell { Self.why(&$0, f) }
        w.cell(f.line.map(String.init) ?? "")
        w.endRow()
    }

    /// Why a finding has its status: its message, the next step, and what a policy or a waiver did.
    static func why(_ w: inout Syntax, _ f: Finding) {
            w.text(f.message)
            if let hint = f.hint { w.text(f.message.hasSuffix(".") ? " " : ". "); w.strong { $0.text("Next step:") }; w.text(" ", hint) }
            if let note = PolicyText.levelNote(f) { w.text(" "); w.strong { $0.text("Policy:") }; w.text(" ", note) }
            if let waiver = f.waiver {
                w.text(" "); w.strong { $0.text("Waived") }
                w.text(" (was \(waiver.originalStatus.rawValue)\(waiver.terms.map { ", \($0)" } ?? "")): ", waiver.reason)
            }
            if f.status != .fail && f.status != .warn { w.text(" "); w.strong { $0.text("Clause:") }; w.text(" ", f.clause) }
    }
}
