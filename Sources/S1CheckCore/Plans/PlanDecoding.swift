/// Decodes a plan file strictly (docs/plans.md, "A test plan"): fixed keys (plus `$schema` for editors),
/// normalised document names and versions, real calendar dates.
public enum PlanDecoding {
    public static let topLevelKeys = (required: ["id", "title", "phase", "tbrd", "artefacts"],
                                      optional: ["$schema", "window", "deviceModels", "deviceModelCombinations", "waivers", "testType", "installationTypes"])

    /// `names`: the document names of the baseline in use (titles and aliases are read against it).
    public static func decode(file: String, bytes: [UInt8], names: DocumentNames) throws(Diagnostics) -> Plan {
        try StrictDecoder.decode(file: file, bytes: bytes) { decodeRoot($0, $1, names) }
    }

    static func decodeRoot(_ root: JSONNode, _ d: StrictDecoder, _ names: DocumentNames) -> Plan? {
        let path = JSONPath.root
        guard let f = d.object(root, at: path, what: "a test plan",
                               required: topLevelKeys.required, optional: topLevelKeys.optional) else { return nil }
        if let s = f["$schema"] { _ = d.text(s, at: path.key("$schema"), what: "a schema reference") }
        let id = f["id"].flatMap { d.text($0, at: path.key("id"), what: "the plan id") }
        if let id, id.trimmingWhitespace().count != id.count {
            d.fail("the plan id has leading or trailing spaces", at: path.key("id"), offset: f["id"]!.offset)
        }
        let title = f["title"].flatMap { d.text($0, at: path.key("title"), what: "the plan title", lineBreaks: true) }
        let phase = f["phase"].flatMap { d.choice($0, at: path.key("phase"), what: "the capability phase", as: Phase.self) }
        var tbrd: Located<Version>?
        var tbrdText = ""
        var tbrdSpan: Range<Int>?
        if let n = f["tbrd"], let v = d.version(n, at: path.key("tbrd"), what: "the TBRD version", lenient: true) {
            tbrd = Located(v, offset: n.offset)
            if case .string(let s) = n.value { tbrdText = s; tbrdSpan = n.span }
        }
        let window = f["window"].flatMap { decodeWindow($0, path.key("window"), d) }
        let devices = f["deviceModels"].map { decodeDevices($0, path.key("deviceModels"), d) } ?? []
        var combinations: [Located<String>] = []
        if let n = f["deviceModelCombinations"],
           let items = d.array(n, at: path.key("deviceModelCombinations"), what: "device model combination ids") {
            for (i, item) in items.enumerated() {
                if let s = d.text(item, at: path.key("deviceModelCombinations").index(i), what: "a combination id") {
                    combinations.append(Located(s, offset: item.offset))
                }
            }
        }
        var artefacts: [DeclaredArtefact] = []
        if let n = f["artefacts"], let items = d.array(n, at: path.key("artefacts"), what: "the artefacts tested against") {
            if items.isEmpty { d.fail("expected at least one artefact", at: path.key("artefacts"), offset: n.offset) }
            for (i, item) in items.enumerated() {
                if let a = decodeArtefact(item, path.key("artefacts").index(i), d, names) { artefacts.append(a) }
            }
        }
        var waivers: [Waiver] = []
        if let n = f["waivers"], let items = d.array(n, at: path.key("waivers"), what: "waivers") {
            for (i, item) in items.enumerated() {
                if let w = decodeWaiver(item, path.key("waivers").index(i), d, names) { waivers.append(w) }
            }
        }
        let testType = f["testType"].flatMap { d.choice($0, at: path.key("testType"), what: "the test type", as: TestType.self) }
        let installationTypes = f["installationTypes"].map { decodeInstallationTypes($0, path.key("installationTypes"), d) } ?? []
        guard let id, let title, let phase, let tbrd else { return nil }
        let devicesOffset = f.keyOffset("deviceModels") ?? f.keyOffset("deviceModelCombinations") ?? root.offset
        var plan = Plan(id: id, title: title, phase: phase, tbrd: tbrd, tbrdText: tbrdText, window: window,
                        deviceModels: devices, combinations: combinations, artefacts: artefacts, waivers: waivers,
                        idOffset: f["id"]?.offset ?? root.offset, phaseOffset: f["phase"]?.offset ?? root.offset,
                        devicesOffset: devicesOffset)
        plan.testType = testType
        plan.tbrdSpan = tbrdSpan
        plan.installationTypes = installationTypes
        return plan
    }

    /// A non-empty list of installation types, each once (shared with the scope file).
    static func decodeInstallationTypes(_ node: JSONNode, _ path: JSONPath, _ d: StrictDecoder) -> [InstallationType] {
        choices(node, path, d, list: "installation types (a list such as [\"Active\", \"Dormant\"])", item: "an installation type",
                empty: "expected at least one installation type (leave the key out when there is none)", named: { "installation type \($0)" })
    }

    /// A non-empty list of words from a fixed set, each once (installation types, a scope's test types).
    static func choices<T: RawRepresentable & CaseIterable & Hashable>(_ node: JSONNode, _ path: JSONPath, _ d: StrictDecoder,
                                                                       list: String, item: String, empty: String,
                                                                       named: @escaping (String) -> String) -> [T] where T.RawValue == String {
        guard let items = d.array(node, at: path, what: list) else { return [] }
        if items.isEmpty { d.fail(empty, at: path, offset: node.offset) }
        return BaselineDecoding.uniqueItems(items, path, d, decode: { d.choice($0, at: $1, what: item, as: T.self) },
                                            key: { $0 }, named: { named($0.rawValue) })
    }

    static func decodeWindow(_ node: JSONNode, _ path: JSONPath, _ d: StrictDecoder) -> PlanWindow? {
        guard let f = d.object(node, at: path, what: "the test window", required: ["start", "end"]) else { return nil }
        let start = f["start"].flatMap { d.date($0, at: path.key("start"), what: "the window start") }
        let end = f["end"].flatMap { d.date($0, at: path.key("end"), what: "the window end") }
        guard let start, let end else { return nil }
        if end < start {
            d.fail("the window ends (\(end)) before it starts (\(start))", at: path.key("end"), offset: f["end"]!.offset)
            return nil
        }
        return PlanWindow(start: start, end: end, endOffset: f["end"]!.offset)
    }

    static func decodeDevices(_ node: JSONNode, _ path: JSONPath, _ d: StrictDecoder) -> [DeclaredDeviceModel] {
        guard let items = d.array(node, at: path, what: "device models") else { return [] }
        var out: [DeclaredDeviceModel] = []
        for (i, item) in items.enumerated() {
            let p = path.index(i)
            guard let f = d.object(item, at: p, what: "a device model",
                                   required: ["type", "manufacturer", "model", "firmware"]) else { continue }
            let type = f["type"].flatMap { d.choice($0, at: p.key("type"), what: "the device type", as: DeviceType.self) }
            let manufacturer = f["manufacturer"].flatMap { d.text($0, at: p.key("manufacturer"), what: "the manufacturer") }
            let model = f["model"].flatMap { d.text($0, at: p.key("model"), what: "the model") }
            let firmware = f["firmware"].flatMap { node -> String? in
                if case .number(let raw) = node.value {
                    d.fail("expected the firmware version as a string such as \"\(raw)\", found the number \(raw)",
                           at: p.key("firmware"), offset: node.offset)
                    return nil
                }
                return d.text(node, at: p.key("firmware"), what: "the firmware version")
            }
            if let type, let manufacturer, let model, let firmware {
                out.append(DeclaredDeviceModel(type: type, manufacturer: manufacturer, model: model, firmware: firmware, offset: item.offset))
            }
        }
        return out
    }

    static func decodeArtefact(_ node: JSONNode, _ path: JSONPath, _ d: StrictDecoder, _ names: DocumentNames) -> DeclaredArtefact? {
        guard let f = d.object(node, at: path, what: "an artefact", required: ["document", "version"],
                               optional: ["asSupplemented"]) else { return nil }
        var asSupplemented: Bool?
        if let n = f["asSupplemented"] {
            if case .bool(let b) = n.value { asSupplemented = b } else {
                d.fail("expected true or false (whether the plan tested the version as supplemented by the consultations TBRD Annex A names), found \(n.value.typeName)",
                       at: path.key("asSupplemented"), offset: n.offset)
            }
        }
        let written = f["document"].flatMap { d.text($0, at: path.key("document"), what: "the document name") }
        let ref = written.flatMap { documentRef($0, names, d, path.key("document"), f["document"]!.offset) }
        // A choice `init` left to a person ("CHOOSE: 1.0 | 1.1 | …") is refused, naming the choices, until it is made.
        if let n = f["version"], case .string(let s) = n.value, let options = PlanTemplate.choices(in: s) {
            d.fail("\(PlanTemplate.unmadeChoice): s1check init leaves versions side by side to a person; replace \"\(s.prefix(200))\" with the one the plan tested (one of \(options.joined(separator: ", ")))",
                   at: path.key("version"), offset: n.offset)
            return nil
        }
        // An issue the consolidated SEC identifies by date only (Schedule 9's SMETS2) is declared by its date.
        var issueDate: CalendarDate?
        if let n = f["version"], case .string(let s) = n.value {
            issueDate = CalendarDate(iso: s)
            // Written as a date but not one: say so, rather than read it as a dotted version gone wrong.
            if let why = CalendarDate.notADate(s) {
                d.fail("expected the document version, or for an issue the consolidated SEC identifies by date a real calendar date \"YYYY-MM-DD\", found \"\(s)\": \(why)",
                       at: path.key("version"), offset: n.offset)
                return nil
            }
        }
        let version = issueDate.flatMap { Version(components: [$0.year, $0.month, $0.day]) }
            ?? f["version"].flatMap { d.version($0, at: path.key("version"), what: "the document version", lenient: true) }
        guard let written, let ref, let version, case .string(let versionText)? = f["version"]?.value else { return nil }
        return DeclaredArtefact(written: written, ref: ref.value, versionText: versionText, version: version, offset: node.offset,
                                asSupplemented: asSupplemented, issueDate: issueDate, versionSpan: f["version"]!.span)
    }

    /// A written name read against the baseline's names: the document (nil inside: not a document name;
    /// the unknown-document rule reports it), or an input error for a name that could mean several.
    static func documentRef(_ written: String, _ names: DocumentNames, _ d: StrictDecoder, _ path: JSONPath, _ offset: Int) -> Located<DocumentRef?>? {
        switch names.resolve(written) {
        case .document(let ref): return Located(ref, offset: offset)
        case .unknown: return Located(nil, offset: offset)
        case .ambiguous(let refs):
            d.fail("\"\(written.prefix(80))\" could mean \(refs.map(\.description).joined(separator: ", ")); name the one meant",
                   at: path, offset: offset)
            return nil
        }
    }

    /// A rule id that must be one of `allowed` (the waivable rules): an unknown id gets the nearest one,
    /// a known one outside the list says it cannot be `what`.
    static func ruleID(_ r: String, allowed: [String], what: String, _ d: StrictDecoder, _ path: JSONPath, _ offset: Int) -> String? {
        if allowed.contains(r) { return r }
        if RuleRegistry.byID[r] != nil {
            d.fail("rule \"\(r)\" cannot be \(what)", at: path, offset: offset)
        } else {
            // `fail` builds the message (and its suggestion) only if the error is kept.
            d.fail(unknownRule(r, allowed: allowed, what: what), at: path, offset: offset)
        }
        return nil
    }

    static func unknownRule(_ r: String, allowed: [String], what: String) -> String {
        let hint = nearest(to: r, in: allowed, limit: 1, maxDistance: 4).first.map { " (did you mean \"\($0)\"?)" } ?? ""
        return "unknown rule id \"\(r.prefix(60))\"\(hint); rules that can be \(what): \(allowed.joined(separator: ", "))"
    }

    static func decodeWaiver(_ node: JSONNode, _ path: JSONPath, _ d: StrictDecoder, _ names: DocumentNames) -> Waiver? {
        guard let f = d.object(node, at: path, what: "a waiver", required: ["rule"],
                               optional: ["document", "reason", "expires", "approvedBy"]) else { return nil }
        var rule: String?
        if let n = f["rule"], let r = d.text(n, at: path.key("rule"), what: "the rule id") {
            rule = ruleID(r, allowed: RuleRegistry.waivableIDs, what: "waived", d, path.key("rule"), n.offset)
        }
        let document = f["document"].flatMap { d.text($0, at: path.key("document"), what: "the waived document") }
        let resolved = document.flatMap { documentRef($0, names, d, path.key("document"), f["document"]!.offset) }
        if document != nil && resolved == nil { return nil }
        // A missing or blank reason is kept (as nil) so the waiver rule can fail it visibly.
        var reason: String?
        if let n = f["reason"], let r = d.text(n, at: path.key("reason"), what: "the reason", allowEmpty: true, lineBreaks: true) {
            reason = r.trimmingWhitespace().isEmpty ? nil : r
        }
        let expires = f["expires"].flatMap { d.date($0, at: path.key("expires"), what: "the expiry date") }
        if f["expires"] != nil && expires == nil { return nil }
        let approvedBy = f["approvedBy"].flatMap { d.text($0, at: path.key("approvedBy"), what: "the approver") }
        if f["approvedBy"] != nil && approvedBy == nil { return nil }
        guard let rule else { return nil }
        return Waiver(rule: rule, document: document, documentRef: resolved?.value,
                      reason: reason, expires: expires, offset: node.offset, approvedBy: approvedBy)
    }
}
