import S1CheckCore

// The evidence pack, section 6. The sign-off block and 7. the command that reproduces the run. See EvidencePack.swift for the layout.
extension EvidencePack {
    public func tail(_ outcome: RunOutcome, omitted: Int) -> [UInt8] {
        var w = Syntax(capacity: 1 << 11)
        w.endSection()
        w.beginSection(id: "sign-off", title: "Sign-off", newPage: true)
        w.paragraph("By signing, each person confirms they have read this pack and what blocks the release.")
        w.beginTable(["Role", "Name", "Signature", "Date"], kind: .signature)
        for (role, name) in signOff() { w.row(role, name ?? "", "", "") }
        w.endTable()
        w.endSection()
        if let command = settings.command {
            w.beginSection(id: "reproduce", title: "Reproduce this run", newPage: false)
            w.paragraph("From the same working folder, with the inputs above (their SHA-256 tell they are the same), adding the report options wanted (--html FILE, --markdown FILE, …):")
            w.command(Self.reproduced(command))
            w.endSection()
        }
        w.endDocument()
        return w.finish()
    }

    /// The command as shell words, grouped (an option with its value) and without the options that name
    /// where reports are written: running it anywhere writes the same pack (issue 27 item 7).
    static func reproduced(_ command: [[UInt8]]) -> [String] {
        let outputs = Set(ReportFormat.files.map { "--" + $0.rawValue })
        var groups = [ToolInfo.name], skip = false, option = false
        for word in command {
            if skip { skip = false; continue }
            let s = String(decoding: word, as: UTF8.self)
            if outputs.contains(s) { skip = true; continue }
            if let eq = s.firstIndex(of: "="), outputs.contains(String(s[..<eq])) { continue }
            let quoted = ShellText.quote(word)
            if option && !s.hasPrefix("-") { groups[groups.count - 1] += " " + quoted; option = false; continue }
            option = s.hasPrefix("--") && !s.contains("=")
            groups.append(quoted)
        }
        return groups
    }

    /// The sign-off roles, with a name where one is known. Blank for now: the release scope's sign-off
    /// (`Scope.SignOff`) fills them once the scope is wired into the run.
    /// The names from the scope file's `signOff`, when there is one (blank lines to sign otherwise).
    func signOff() -> [(role: String, name: String?)] {
        let s = settings.scope?.scope.signOff
        func name(_ n: String?) -> String? { n.flatMap { $0.isEmpty ? nil : $0 } }
        return [("Prepared by", name(s?.preparedBy)), ("Reviewed by", name(s?.reviewedBy)), ("Approved by", name(s?.approvedBy))]
    }
}
