import S1CheckCore

/// A new plan file (`s1check init`) at the resolved baseline.
public enum NewPlanFile {
    /// A new plan: every artefact applying to the phase at its resolved version, devices left to fill in.
    /// What `init` can fill in from a device registry and the options (README, quick start).
    public struct Devices: Sendable {
        public var models: [DeviceRegistry.Model] = []
        public var combinations: [String] = []
        public var testType: TestType? = nil
        public var installationTypes: [InstallationType] = []
        public init() {}
    }

    /// The `$schema` a new plan names by default: right for a plan saved in `Plans/<phase>/` beside
    /// `Plans/schemas/` (written by `s1check schema plan`); `init --schema-path` gives another.
    public static let defaultSchema = "../schemas/plan.schema.json"

    public static func render(_ b: ResolvedBaseline, phase: Phase, id: String, title: String,
                               window: (start: CalendarDate, end: CalendarDate), devices: Devices = Devices(),
                               schema: String = defaultSchema) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.string("$schema", schema)
        w.string("id", id)
        w.string("title", title)
        w.string("phase", phase.rawValue)
        w.string("tbrd", b.baseline.tbrd.version.description)
        if let t = devices.testType { w.string("testType", t.rawValue) }
        if !devices.installationTypes.isEmpty { w.stringArray("installationTypes", devices.installationTypes.map(\.rawValue)) }
        w.beginObject("window"); w.string("start", window.start.description); w.string("end", window.end.description); w.endObject()
        w.beginArray("deviceModels")
        // A registry entry lists the firmware it is eligible at: the plan names the first, to edit if another is tested.
        for m in devices.models {
            w.beginObject()
            w.string("type", m.type.rawValue); w.string("manufacturer", m.manufacturer); w.string("model", m.model)
            w.string("firmware", m.firmware.first ?? "")
            w.endObject()
        }
        w.endArray()
        w.stringArray("deviceModelCombinations", devices.combinations)
        w.beginArray("artefacts")
        for a in PlanTemplate.artefacts(for: phase, in: b) {
            w.beginObject()
            w.string("document", a.ref.description)
            // Versions side by side are left for a person to choose (PlanTemplate): `check` refuses the plan until then.
            w.string("version", PlanTemplate.version(for: a))
            w.endObject()
        }
        w.endArray()
        w.beginArray("waivers"); w.endArray()
        w.endObject()
        return w.finish()
    }
}
