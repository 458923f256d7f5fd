import S1CheckCore

/// `s1check scope init`: a release scope for a phase from the device registry, every combination eligible
/// for it × the test types × the installation types asked for (default: all), to trim to the release.
public enum NewScopeFile {
    /// The `$schema` a new scope names by default: right for a scope saved in `Plans/` beside
    /// `Plans/schemas/` (written by `s1check schema scope`), as the sample is; `scope init --schema-path`
    /// gives another.
    public static let defaultSchema = "schemas/scope.schema.json"

    public static func render(_ registry: DeviceRegistry, phase: Phase, release: String, tbrd: Version,
                              testTypes: [TestType], installationTypes: [InstallationType],
                              schema: String = defaultSchema) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.string("$schema", schema)
        w.string("release", release)
        w.string("tbrd", tbrd.description)
        w.beginArray("require")
        w.beginObject()
        w.string("phase", phase.rawValue)
        w.stringArray("combinations", registry.combinations.filter { $0.phases.contains(phase) }.map(\.id))
        w.stringArray("testTypes", testTypes.map(\.rawValue))
        w.stringArray("installationTypes", installationTypes.map(\.rawValue))
        w.endObject()
        w.endArray()
        w.beginArray("equivalents"); w.endArray()
        w.beginArray("exclusions"); w.endArray()
        w.beginObject("signOff"); w.string("preparedBy", ""); w.string("reviewedBy", ""); w.string("approvedBy", ""); w.endObject()
        w.endObject()
        return w.finish()
    }
}
