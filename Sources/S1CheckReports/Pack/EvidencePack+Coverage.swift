import S1CheckCore

// The evidence pack, section 2. The coverage of the release scope. See EvidencePack.swift for the layout.
extension EvidencePack {
    /// The coverage matrix of the release scope (`--scope`): per phase, combinations as rows (with their
    /// device models), test type × installation type as columns, each cell naming the plans that cover it,
    /// the equivalent it is covered through (SEC F2.10A), its exclusion (the SVTAD's DMCT process), or the
    /// gap; then the exclusions with reason, approver and expiry, and the plans that cover no cell.
    func coverage(_ w: inout Syntax, _ outcome: RunOutcome) {
        guard let c = outcome.coverage else { return }
        w.beginSection(id: "coverage", title: "Coverage of the release scope", newPage: true)
        let t = c.tally
        w.paragraph { w in
            w.text("Release ")
            w.strong { $0.text(c.scope.release) }
            w.text(" (\(c.file), SHA-256 "); w.code(c.sha256); w.text(", prepared against TBRD \(c.scope.tbrd?.description ?? "(not stated)")): \(c.cells.count) cell\(c.cells.count == 1 ? "" : "s"), ")
            w.text("\(t.covered) covered, \(t.equivalent) through an equivalent combination, \(t.excluded) excluded, ")
            w.text("\(t.warned) only with warnings, \(t.notCovered) not covered. Coverage: ")
            w.status(Gate.statusWord(c.status), Self.tone(c.status))
            w.text(".")
        }
        w.paragraph("The scope file is the basis of coverage: its cells are what the release must cover, and no more. Splitting testing by combination, test type and installation type (DCC's Depth and Breadth of Testing), equivalent combinations (SEC F2.10A) and exclusions (the SVTAD's DMCT process) are "
                    + Self.outsideTheSeeds + ".")
        for phase in Phase.allCases {
            let cells = c.cells.filter { $0.cell.phase == phase }
            guard !cells.isEmpty else { continue }
            var columns: [(TestType, InstallationType)] = []
            let combinations = cells.map(\.cell.combination).distinctInOrder()  // linear in the cells (issue 26)
            for r in cells {
                if !columns.contains(where: { $0 == (r.cell.testType, r.cell.installationType) }) { columns.append((r.cell.testType, r.cell.installationType)) }
            }
            columns.sort { ($0.0, $0.1) < ($1.0, $1.1) }
            var byKey: [String: CellResult] = [:]
            for r in cells { byKey["\(r.cell.combination)|\(r.cell.testType.rawValue)|\(r.cell.installationType.rawValue)"] = r }
            w.heading(3, id: nil) { $0.text("\(phase.rawValue): \(settings.baseline.baseline.phaseNames[phase] ?? phase.rawValue)") }
            w.beginTable(["Combination"] + columns.map { "\($0.0.rawValue) · \($0.1.rawValue)" }, kind: .list)
            for combination in combinations {
                w.beginRow()
                w.cell(self.combination(combination))
                for (t, i) in columns {
                    guard let r = byKey["\(combination)|\(t.rawValue)|\(i.rawValue)"] else { w.cell("not in scope"); continue }
                    w.cell { w in Self.coverageCell(&w, r) }
                }
                w.endRow()
            }
            w.endTable()
        }
        if !c.scope.exclusions.isEmpty {
            w.heading(3, id: nil) { $0.text("Exclusions (the SVTAD's DMCT process, \(Self.outsideTheSeeds))") }
            w.beginTable(["Combination", "Cells", "Reason", "Approved by", "Expires"], kind: .list)
            for x in c.scope.exclusions {
                w.beginRow()
                w.cell(self.combination(x.combination))
                w.cell([x.phase?.rawValue ?? "every phase", x.testType?.rawValue ?? "every test type", x.installationType?.rawValue ?? "every installation type"].joined(separator: " · "))
                w.cell(x.reason ?? "(no reason given)")
                Self.approverCell(&w, x.approvedBy)
                w.cell(x.expires?.description ?? "no expiry")
                w.endRow()
            }
            w.endTable()
        }
        if !c.scope.equivalents.isEmpty {
            w.heading(3, id: nil) { $0.text("Equivalent combinations (SEC F2.10A, \(Self.outsideTheSeeds))") }
            w.beginList()
            for e in c.scope.equivalents {
                w.item { w in
                    w.text("\(self.combination(e.combination)) is covered by the testing of \(self.combination(e.coveredBy))" + (e.reason.map { ": \($0)" } ?? "") + "; approved by ")
                    if let a = e.approvedBy { w.text(a) } else { w.strong { $0.text("nobody: not counted") } }
                }
            }
            w.endList()
            w.paragraph("SEC F2.10A (" + Self.outsideTheSeeds + "): its \"a different combination that the DCC considers to be substantively equivalent\" is about adding a combination to the SMETS1 Eligible Product Combinations list; carrying it over to release coverage is the team's decision, so each equivalent needs an approver.")
        }
        w.heading(3, id: nil) { $0.text("Plans that cover no cell") }
        if c.uncovering.isEmpty { w.paragraph("None: every plan of the run covers a cell of the scope.") } else {
            w.beginList()
            for u in c.uncovering { w.item { $0.text("\(u.id) (\(u.file)): \(u.why)") } }
            w.endList()
        }
        w.endSection()
    }

    /// One cell of the matrix: its status word and what covers (or does not cover) it.
    static func coverageCell(_ w: inout Syntax, _ r: CellResult) {
        w.status(Gate.statusWord(r.finding.status), tone(r.finding.status))
        switch r.outcome {
        case .covered(let plans): w.text(" " + CoverageAccumulator.list(plans))
        case .equivalent(let e, let plans): w.text(" through \(e.coveredBy): " + CoverageAccumulator.list(plans))
        case .excluded: w.text(" excluded")
        case .invalidExclusion: w.text(" exclusion not valid")
        case .onlyWarning(let plans, let e): w.text(" only plans that warn" + (e.map { " through \($0.coveredBy)" } ?? "") + ": " + CoverageAccumulator.list(plans))
        case .unapprovedEquivalent(let e, _): w.text(" through \(e.coveredBy), not approved")
        case .onlyFailing(let plans): w.text(" only failing plans: " + CoverageAccumulator.list(plans))
        case .untested(let plans): w.text(" tests did not run and pass: " + CoverageAccumulator.list(plans))
        case .gap: w.text(" no plan")
        }
    }
}
