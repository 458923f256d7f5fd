import Foundation
import Testing
import S1CheckTestSupport

/// `s1check schema NAME` (docs/plans.md, "Schemas in the editor"): a release ships only the binary, so the
/// schemas an editor validates plans with come from it, byte for byte as committed in Plans/schemas/, and
/// the `$schema` that `init` and `scope init` write finds them once saved where the docs say.
@Suite struct SchemaCommandTests {
    static let names = ["plan", "scope", "policy", "devices", "baseline", "report"]

    @Test func everyEmbeddedSchemaIsTheCommittedFileByteForByte() throws {
        let committed = try FileManager.default.contentsOfDirectory(atPath: CLI.packageRoot.appendingPathComponent("Plans/schemas").path)
            .filter { $0.hasSuffix(".schema.json") }.sorted()
        #expect(committed == Self.names.map { "\($0).schema.json" }.sorted(), "every committed schema is one `schema` prints")
        for name in Self.names {
            let out = try CLI.run(["schema", name])
            #expect(out.status == 0 && out.stderr.isEmpty, "\(name): \(out.stderr)")
            let file = try Data(contentsOf: CLI.packageRoot.appendingPathComponent("Plans/schemas/\(name).schema.json"))
            #expect(Data(out.stdout.utf8) == file, "s1check schema \(name) is not Plans/schemas/\(name).schema.json: rebuild")
            let json = try JSONSerialization.jsonObject(with: file) as? [String: Any]
            #expect(json?["$id"] as? String == "urn:s1check:schema:\(name)", "\(name): its stable $id")
        }
    }

    @Test func anUnknownOrMissingNameIsAUsageError() throws {
        let typo = try CLI.run(["schema", "pln"])
        #expect(typo.status == 2 && typo.stdout.isEmpty)
        #expect(typo.stderr.contains("unknown schema \"pln\" (did you mean plan?); the schemas are plan, scope, policy, devices, baseline, report"), "\(typo.stderr)")
        let none = try CLI.run(["schema"])
        #expect(none.status == 2 && none.stderr.contains("schema needs one name"), "\(none.stderr)")
        #expect(try CLI.run(["schema", "plan", "scope"]).status == 2)
    }

    @Test(.enabled(if: ExternalTool.checkJSONSchema.shouldRun, Comment(rawValue: ExternalTool.checkJSONSchema.skipReason)))
    func everySchemaIsAValidSchema() throws {
        let s = Scratch()
        for name in Self.names {
            let path = s.write("\(name).schema.json", Array(try CLI.run(["schema", name]).stdout.utf8))
            let r = try ExternalTool.checkJSONSchema.run(["--check-metaschema", path])
            #expect(r.status == 0, "\(name): \(r.out)\(r.err)")
        }
        // The metaschema check can fail: a schema whose type is not a type.
        let bad = s.write("bad.schema.json", #"{"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "urn:s1check:schema:bad", "type": "plan"}"#)
        #expect(try ExternalTool.checkJSONSchema.run(["--check-metaschema", bad]).status != 0)
    }

    /// A plans repository as docs/plans.md lays it out: the schemas saved once from the binary into
    /// Plans/schemas/, a plan from `init` in Plans/<phase>/ and a scope from `scope init` in Plans/. The
    /// `$schema` each names, resolved from where it is saved as an editor resolves it, validates it.
    @Test(.enabled(if: ExternalTool.checkJSONSchema.shouldRun, Comment(rawValue: ExternalTool.checkJSONSchema.skipReason)))
    func theSchemaInitWritesValidatesThePlanItWrites() throws {
        let s = Scratch()
        for name in ["plan", "scope"] { s.write("Plans/schemas/\(name).schema.json", try CLI.run(["schema", name]).stdout) }
        s.write("Plans/devices.json", Array(try Data(contentsOf: CLI.packageRoot.appendingPathComponent("Plans/devices.json"))))
        let plan = try CLI.run(["init", "--phase", "FOC", "--id", "SVT-FOC-0100", "--start", "2023-06-01"], in: s.url)
        let scope = try CLI.run(["scope", "init", "--phase", "FOC", "--devices", "Plans/devices.json"], in: s.url)
        try #require(plan.status == 0 && scope.status == 0, "\(plan.stderr)\(scope.stderr)")
        /// The file saved at `path`, validated against the schema its `$schema` names from there.
        func validate(_ path: String, _ text: String) throws -> (status: Int32, out: String) {
            let file = s.write(path, text)
            let ref = try #require((try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])?["$schema"] as? String)
            let schema = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(ref).standardizedFileURL.path
            #expect(FileManager.default.fileExists(atPath: schema), "\(path): $schema \(ref) is not where the docs save it")
            let r = try ExternalTool.checkJSONSchema.run(["--schemafile", schema, file])
            return (r.status, r.out + r.err)
        }
        // init leaves versions side by side to a person ("CHOOSE: 1.0 | … | 4.1"): the schema flags each
        // such choice in the editor as check refuses it, and the plan validates once every choice is made.
        func chosen(_ text: String) -> String {
            let choice = try! NSRegularExpression(pattern: #""CHOOSE: (?:[^"|]*\| )*([^"|]*)""#)
            return choice.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "\"$1\"")
        }
        #expect(plan.stdout.contains("CHOOSE: "))
        let unmade = try validate("Plans/foc/unmade.plan.json", plan.stdout)
        #expect(unmade.status != 0 && unmade.out.contains("CHOOSE: "), "\(unmade.out)")
        let p = try validate("Plans/foc/SVT-FOC-0100.plan.json", chosen(plan.stdout))
        #expect(p.status == 0, "\(p.out)")
        let sc = try validate("Plans/scope.json", scope.stdout)
        #expect(sc.status == 0, "\(sc.out)")
        // The validation can fail: a key the plan schema does not allow.
        let bad = plan.stdout.replacingOccurrences(of: "\"title\":", with: "\"titel\":")
        #expect(bad != plan.stdout)
        #expect(try validate("Plans/foc/bad.plan.json", bad).status != 0)

        // --schema-path writes the $schema asked for, for another layout.
        let other = try CLI.run(["init", "--phase", "IOC", "--id", "SVT-IOC-0100", "--start", "2023-06-01",
                                 "--schema-path", "../../Plans/schemas/plan.schema.json"], in: s.url)
        #expect(other.status == 0 && other.stdout.contains(#""$schema": "../../Plans/schemas/plan.schema.json""#), "\(other.stderr)")
        let o = try validate("teams/ioc/SVT-IOC-0100.plan.json", chosen(other.stdout))
        #expect(o.status == 0, "\(o.out)")
        let scopeURL = try CLI.run(["scope", "init", "--phase", "FOC", "--devices", "Plans/devices.json",
                                    "--schema-path", "https://example.com/s1check/scope.schema.json"], in: s.url)
        #expect(scopeURL.status == 0 && scopeURL.stdout.contains(#""$schema": "https://example.com/s1check/scope.schema.json""#))
        let blank = try CLI.run(["init", "--phase", "FOC", "--id", "X", "--schema-path", " "], in: s.url)
        #expect(blank.status == 2 && blank.stdout.isEmpty && blank.stderr.contains("--schema-path must be a path or URL"), "\(blank.stderr)")
    }
}
