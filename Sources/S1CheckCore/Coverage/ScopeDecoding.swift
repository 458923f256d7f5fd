/// Decodes a scope file (README, "Coverage of a release scope"; `Plans/schemas/scope.schema.json`)
/// strictly, against the device registry: a combination the registry does not know is an input error
/// naming the nearest ids, as are unknown keys, phases, test types and installation types.
public enum ScopeDecoding {
    public static func decode(file: String, bytes: [UInt8], registry: DeviceRegistry) throws(Diagnostics) -> Scope {
        try StrictDecoder.decode(file: file, bytes: bytes) { decodeRoot($0, $1, registry) }
    }

    static func decodeRoot(_ root: JSONNode, _ d: StrictDecoder, _ registry: DeviceRegistry) -> Scope? {
        let path = JSONPath.root
        guard let f = d.object(root, at: path, what: "a release scope", required: ["release", "require"],
                               optional: ["$schema", "tbrd", "equivalents", "exclusions", "signOff"]) else { return nil }
        if let s = f["$schema"] { _ = d.text(s, at: path.key("$schema"), what: "a schema reference") }
        let release = f["release"].flatMap { d.text($0, at: path.key("release"), what: "the release name") }
        let tbrd = f["tbrd"].flatMap { d.version($0, at: path.key("tbrd"), what: "the TBRD version", lenient: true) }
        func combination(_ node: JSONNode, _ p: JSONPath, what: String) -> Located<String>? {
            guard let id = d.text(node, at: p, what: what) else { return nil }
            if registry.combination(id: id) == nil {
                let near = registry.nearestCombinations(to: id, limit: 3, maxDistance: 3)
                d.fail("combination \"\(id.prefix(60))\" is not in the device registry" + (near.isEmpty ? "" : "; nearest: \(near.joined(separator: ", "))"),
                       at: p, offset: node.offset)
                return nil
            }
            return Located(id, offset: node.offset)
        }
        var requirements: [Scope.Requirement] = []
        if let n = f["require"], let items = d.array(n, at: path.key("require"), what: "the cells the release must cover") {
            if items.isEmpty { d.fail("expected at least one requirement", at: path.key("require"), offset: n.offset) }
            for (i, item) in items.enumerated() {
                let p = path.key("require").index(i)
                guard let rf = d.object(item, at: p, what: "a requirement",
                                        required: ["phase", "combinations", "testTypes", "installationTypes"]) else { continue }
                let phase = rf["phase"].flatMap { d.choice($0, at: p.key("phase"), what: "the capability phase", as: Phase.self) }
                var combinations: [Located<String>] = []
                if let cn = rf["combinations"], let cs = d.array(cn, at: p.key("combinations"), what: "combination ids") {
                    if cs.isEmpty { d.fail("expected at least one combination", at: p.key("combinations"), offset: cn.offset) }
                    combinations = cs.enumerated().compactMap { combination($0.element, p.key("combinations").index($0.offset), what: "a combination id") }
                }
                let testTypes: [TestType] = rf["testTypes"].map {
                    PlanDecoding.choices($0, p.key("testTypes"), d, list: "test types", item: "one of the test types",
                                         empty: "expected at least one of the test types", named: { $0 })
                } ?? []
                let installation = rf["installationTypes"].map { PlanDecoding.decodeInstallationTypes($0, p.key("installationTypes"), d) } ?? []
                if let phase, !combinations.isEmpty, !testTypes.isEmpty, !installation.isEmpty {
                    requirements.append(Scope.Requirement(phase: phase, combinations: combinations, testTypes: testTypes,
                                                          installationTypes: installation, offset: item.offset))
                }
            }
        }
        var equivalents: [Scope.Equivalent] = []
        if let n = f["equivalents"], let items = d.array(n, at: path.key("equivalents"), what: "equivalent combinations") {
            for (i, item) in items.enumerated() {
                let p = path.key("equivalents").index(i)
                guard let ef = d.object(item, at: p, what: "an equivalent combination", required: ["combination", "coveredBy"],
                                        optional: ["reason", "approvedBy"]) else { continue }
                let c = ef["combination"].flatMap { combination($0, p.key("combination"), what: "the combination") }
                let by = ef["coveredBy"].flatMap { combination($0, p.key("coveredBy"), what: "the combination whose testing stands for it") }
                let reason = ef["reason"].flatMap { d.text($0, at: p.key("reason"), what: "the reason", allowEmpty: true, lineBreaks: true) }
                // A missing approver is kept (as nil) so the coverage rule fails the cells it would cover, visibly.
                let approvedBy = ef["approvedBy"].flatMap { d.text($0, at: p.key("approvedBy"), what: "the approver", allowEmpty: true) }
                if let c, let by {
                    if c.value == by.value { d.fail("a combination cannot stand for itself", at: p.key("coveredBy"), offset: by.offset); continue }
                    equivalents.append(Scope.Equivalent(combination: c.value, coveredBy: by.value, reason: blankIsNil(reason),
                                                        approvedBy: blankIsNil(approvedBy), offset: item.offset))
                }
            }
        }
        var exclusions: [Scope.Exclusion] = []
        if let n = f["exclusions"], let items = d.array(n, at: path.key("exclusions"), what: "exclusions") {
            for (i, item) in items.enumerated() {
                let p = path.key("exclusions").index(i)
                guard let xf = d.object(item, at: p, what: "an exclusion", required: ["combination"],
                                        optional: ["phase", "testType", "installationType", "reason", "approvedBy", "expires"]) else { continue }
                let c = xf["combination"].flatMap { combination($0, p.key("combination"), what: "the excluded combination") }
                let phase = xf["phase"].flatMap { d.choice($0, at: p.key("phase"), what: "the capability phase", as: Phase.self) }
                let testType = xf["testType"].flatMap { d.choice($0, at: p.key("testType"), what: "the test type", as: TestType.self) }
                let inst = xf["installationType"].flatMap { d.choice($0, at: p.key("installationType"), what: "the installation type", as: InstallationType.self) }
                // A missing reason or approver is kept (as nil) so the coverage rule fails it visibly.
                let reason = xf["reason"].flatMap { d.text($0, at: p.key("reason"), what: "the reason", allowEmpty: true, lineBreaks: true) }
                let approvedBy = xf["approvedBy"].flatMap { d.text($0, at: p.key("approvedBy"), what: "the approver", allowEmpty: true) }
                let expires = xf["expires"].flatMap { d.date($0, at: p.key("expires"), what: "the expiry date") }
                if let c {
                    exclusions.append(Scope.Exclusion(combination: c.value, phase: phase, testType: testType, installationType: inst,
                                                      reason: blankIsNil(reason), approvedBy: blankIsNil(approvedBy), expires: expires,
                                                      offset: item.offset))
                }
            }
        }
        var signOff: Scope.SignOff?
        if let n = f["signOff"] {
            let p = path.key("signOff")
            if let sf = d.object(n, at: p, what: "the sign-off", required: [], optional: ["preparedBy", "reviewedBy", "approvedBy"]) {
                func name(_ k: String) -> String { sf[k].flatMap { d.text($0, at: p.key(k), what: "a name", allowEmpty: true) } ?? "" }
                signOff = Scope.SignOff(preparedBy: name("preparedBy"), reviewedBy: name("reviewedBy"), approvedBy: name("approvedBy"))
            }
        }
        guard let release else { return nil }
        var scope = Scope(release: release, tbrd: tbrd, requirements: requirements, equivalents: equivalents,
                          exclusions: exclusions, signOff: signOff)
        scope.tbrdOffset = f["tbrd"]?.offset
        return scope
    }

    static func blankIsNil(_ s: String?) -> String? { s.flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0 } }
}
