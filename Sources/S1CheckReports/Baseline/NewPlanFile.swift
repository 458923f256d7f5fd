import S1CheckCore

/// A new plan file (`s1check init`) at the resolved baseline.
public enum NewPlanFile {
    /// A new plan: every artefact applying to the phase at its resolved version, devices left to fill in.
    public static func render(_ b: ResolvedBaseline, phase: Phase, id: String, title: String,
                               window: (start: CalendarDate, end: CalendarDate)) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        // Plans live in Plans/<phase>/ beside Plans/schemas/, as the samples do.
        w.string("$schema", "../schemas/plan.schema.json")
        w.string("id", id)
        w.string("title", title)
        w.string("phase", phase.rawValue)
        w.string("tbrd", b.baseline.tbrd.version.description)
        w.beginObject("window"); w.string("start", window.start.description); w.string("end", window.end.description); w.endObject()
        w.beginArray("deviceModels"); w.endArray()
        w.beginArray("deviceModelCombinations"); w.endArray()
        w.beginArray("artefacts")
        for a in PlanTemplate.artefacts(for: phase, in: b) {
            w.beginObject()
            w.string("document", a.ref.description)
            w.string("version", a.version!.description)
            w.endObject()
        }
        w.endArray()
        w.beginArray("waivers"); w.endArray()
        w.endObject()
        return w.finish()
    }
}
