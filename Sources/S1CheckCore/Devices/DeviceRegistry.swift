/// A registry of device models and combinations eligible per phase (docs/plans.md, "The device registry"),
/// e.g. exported from the Central Products List.
public struct DeviceRegistry: Sendable {
    public struct Model: Sendable, Hashable {
        public var id: String
        public var type: DeviceType
        public var manufacturer: String
        public var model: String
        public var firmware: [String]
        public var phases: [Phase]
    }

    public struct Combination: Sendable, Hashable {
        public var id: String
        public var deviceModels: [String]
        public var phases: [Phase]
    }

    public let deviceModels: [Model]
    public let combinations: [Combination]
    /// The file the registry was read from, as the run names it: eligibility per phase is the registry's
    /// (an input to the run, not a TBRD fact), so findings cite it.
    public var file: String? = nil
    /// The registry's own note on what it is ("ILLUSTRATIVE ONLY: …"), shown wherever it is cited.
    public var note: String? = nil
    /// Worked out once per registry, not once per plan: a plan's devices are looked up by their folded
    /// names, and near misses are searched among labels lowercased in advance.
    private let modelsByName: [NameKey: [Int]]
    private let combinationsByID: [String: Int]
    private let labelSuggestions: SuggestionIndex
    private let combinationSuggestions: SuggestionIndex

    private struct NameKey: Hashable {
        var manufacturer: String
        var model: String
    }

    public init(deviceModels: [Model], combinations: [Combination]) {
        self.deviceModels = deviceModels
        self.combinations = combinations
        var byName: [NameKey: [Int]] = [:]
        for (i, m) in deviceModels.enumerated() {
            byName[NameKey(manufacturer: DeviceRegistry.fold(m.manufacturer), model: DeviceRegistry.fold(m.model)), default: []].append(i)
        }
        modelsByName = byName
        var byID: [String: Int] = [:]
        for (i, c) in combinations.enumerated() where byID[c.id] == nil { byID[c.id] = i }
        combinationsByID = byID
        labelSuggestions = SuggestionIndex(deviceModels.map { "\($0.manufacturer) \($0.model)" })
        combinationSuggestions = SuggestionIndex(combinations.map(\.id))
    }

    /// Manufacturer and model compare case-insensitively with spaces folded: registries and plans are typed
    /// by different people. Firmware compares exactly: 4.2.1 and 4.2.10 are different builds.
    static func fold(_ s: String) -> String { s.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") }

    public func entries(manufacturer: String, model: String) -> [Model] {
        let key = NameKey(manufacturer: DeviceRegistry.fold(manufacturer), model: DeviceRegistry.fold(model))
        return (modelsByName[key] ?? []).map { deviceModels[$0] }
    }

    public func combination(id: String) -> Combination? { combinationsByID[id].map { combinations[$0] } }

    /// The registry entry with this id, if any.
    public func model(id: String) -> Model? { deviceModels.first { $0.id == id } }

    /// What eligibility rests on, for a finding's clause: the registry by file name, with its own note.
    public var citation: String {
        let name = file.map { "the device registry \($0)" } ?? "the device registry"
        let said = note.map { "; its note: “\($0)”" } ?? "; it gives no note on where its entries come from"
        return "\(name), an input to the run (eligibility per phase is the registry's, not a TBRD clause)\(said)"
    }

    /// The registry entries ("manufacturer model") nearest to `label`, at most `limit`.
    public func nearestModels(to label: String, limit: Int, maxDistance: Int) -> [String] {
        labelSuggestions.nearest(to: label, limit: limit, maxDistance: maxDistance)
    }

    /// The combination ids nearest to `id`, at most `limit`.
    public func nearestCombinations(to id: String, limit: Int, maxDistance: Int) -> [String] {
        combinationSuggestions.nearest(to: id, limit: limit, maxDistance: maxDistance)
    }
}

public enum DeviceRegistryDecoding {
    public static func decode(file: String, bytes: [UInt8]) throws(Diagnostics) -> DeviceRegistry {
        try StrictDecoder.decode(file: file, bytes: bytes, decodeRoot)
    }

    static func decodeRoot(_ root: JSONNode, _ d: StrictDecoder) -> DeviceRegistry? {
        let path = JSONPath.root
        guard let f = d.object(root, at: path, what: "a device registry", required: ["deviceModels", "combinations"],
                               optional: ["$schema", "note"]) else { return nil }
        let note = f["note"].flatMap { d.text($0, at: path.key("note"), what: "a note") }
        if let n = f["$schema"] { _ = d.text(n, at: path.key("$schema"), what: "a schema reference") }
        var models: [DeviceRegistry.Model] = []
        var modelIDs: [String: Int] = [:]
        if let n = f["deviceModels"], let items = d.array(n, at: path.key("deviceModels"), what: "device models") {
            for (i, item) in items.enumerated() {
                let p = path.key("deviceModels").index(i)
                guard let mf = d.object(item, at: p, what: "a registry device model",
                                        required: ["id", "type", "manufacturer", "model", "firmware", "phases"]) else { continue }
                let id = mf["id"].flatMap { d.text($0, at: p.key("id"), what: "the device model id") }
                let type = mf["type"].flatMap { d.choice($0, at: p.key("type"), what: "the device type", as: DeviceType.self) }
                let manufacturer = mf["manufacturer"].flatMap { d.text($0, at: p.key("manufacturer"), what: "the manufacturer") }
                let model = mf["model"].flatMap { d.text($0, at: p.key("model"), what: "the model") }
                let firmware = mf["firmware"].flatMap { strings($0, p.key("firmware"), "firmware versions", d) }
                let phases = mf["phases"].flatMap { BaselineDecoding.decodePhases($0, p.key("phases"), d) }
                guard let id, let type, let manufacturer, let model, let firmware, let phases else { continue }
                if let earlier = modelIDs[id] {
                    d.fail("device model id \"\(id)\" is listed twice (also at $.deviceModels[\(earlier)])", at: p.key("id"), offset: mf["id"]!.offset)
                    continue
                }
                modelIDs[id] = i
                models.append(.init(id: id, type: type, manufacturer: manufacturer, model: model, firmware: firmware, phases: phases))
            }
        }
        var combinations: [DeviceRegistry.Combination] = []
        var comboIDs: [String: Int] = [:]
        if let n = f["combinations"], let items = d.array(n, at: path.key("combinations"), what: "combinations") {
            for (i, item) in items.enumerated() {
                let p = path.key("combinations").index(i)
                guard let cf = d.object(item, at: p, what: "a registry combination", required: ["id", "deviceModels", "phases"]) else { continue }
                let id = cf["id"].flatMap { d.text($0, at: p.key("id"), what: "the combination id") }
                let members = cf["deviceModels"].flatMap { strings($0, p.key("deviceModels"), "device model ids", d) }
                let phases = cf["phases"].flatMap { BaselineDecoding.decodePhases($0, p.key("phases"), d) }
                guard let id, let members, let phases else { continue }
                for (k, m) in members.enumerated() where modelIDs[m] == nil {
                    d.fail("combination \(id) names device model \"\(m)\", which the registry does not list",
                           at: p.key("deviceModels").index(k), offset: cf["deviceModels"]!.offset)
                }
                if let earlier = comboIDs[id] {
                    d.fail("combination id \"\(id)\" is listed twice (also at $.combinations[\(earlier)])", at: p.key("id"), offset: cf["id"]!.offset)
                    continue
                }
                comboIDs[id] = i
                combinations.append(.init(id: id, deviceModels: members, phases: phases))
            }
        }
        var registry = DeviceRegistry(deviceModels: models, combinations: combinations)
        registry.file = d.file
        registry.note = note
        return registry
    }

    static func strings(_ node: JSONNode, _ path: JSONPath, _ what: String, _ d: StrictDecoder) -> [String]? {
        guard let items = d.array(node, at: path, what: what) else { return nil }
        if items.isEmpty { d.fail("expected at least one entry in \(what)", at: path, offset: node.offset) }
        var out: [String] = []
        for (i, item) in items.enumerated() {
            if let s = d.text(item, at: path.index(i), what: "an entry of \(what)") { out.append(s) }
        }
        return out.count == items.count && !out.isEmpty ? out : nil
    }
}
