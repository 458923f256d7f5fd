import Foundation
import S1CheckCore

/// Parts of the repository generated from the code, so they cannot drift from it: the rule-id enums of
/// the JSON schemas under `Plans/schemas/`, from `RuleRegistry`. `GeneratedFilesValidityTests` holds
/// them current (in the style of swift-format's `GeneratedFilesValidityTests`); `swift run
/// s1check-generate` (`Generated.command`) rewrites them with every other generated file.
///
/// Only the enums are generated: each is found by its place in the schema and replaced by its span
/// (`JSONNode.span`, `ByteEdit`), in the layout it was written in, so the rest of the file stays as
/// written by hand.
public struct GeneratedFile: Sendable, CustomStringConvertible {
    public static let regenerateCommand = Generated.command

    /// Relative to the package root.
    public let path: String
    /// Each generated array: the keys (and array indexes) leading to it, and its values.
    public let arrays: [(place: [String], values: [String])]

    public var description: String { path }

    public static let all: [GeneratedFile] = [
        GeneratedFile(path: "Plans/schemas/plan.schema.json", arrays: [
            (["properties", "waivers", "items", "properties", "rule", "enum"], RuleRegistry.waivableIDs),
        ]),
        GeneratedFile(path: "Plans/schemas/policy.schema.json", arrays: [
            (["properties", "rules", "propertyNames", "enum"], Policy.levelledRuleIDs),
            (["properties", "waivers", "items", "properties", "rule", "enum"], RuleRegistry.waivableIDs),
        ]),
        GeneratedFile(path: "Plans/schemas/report.schema.json", arrays: [
            (["properties", "policy", "oneOf", "0", "properties", "levels", "propertyNames", "enum"], Policy.levelledRuleIDs),
            (["properties", "policy", "oneOf", "0", "properties", "waivers", "items", "properties", "rule", "enum"], RuleRegistry.waivableIDs),
            // A finding's rule: a registered rule, or the checker's own for a rule that said nothing.
            (["$defs", "finding", "properties", "rule", "enum"], RuleRegistry.descriptions.map(\.id) + [Checker.silentRule.id]),
        ]),
    ]

    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// The file as it should be, from its text now.
    public func generate(from bytes: [UInt8]) throws(Problem) -> [UInt8] {
        let root: JSONNode
        do { root = try JSONReader.parse(bytes) } catch { throw Problem(description: "\(path): \(error.message) at byte \(error.offset)") }
        var edits: [ByteEdit] = []
        for (place, values) in arrays {
            let node = try Self.node(at: place, in: root, file: path)
            edits.append(ByteEdit(replacing: node.span, with: Self.array(values, like: node, in: bytes)))
        }
        do { return try ByteEdit.apply(edits, to: bytes) } catch { throw Problem(description: "\(path): \(error.message)") }
    }

    static func node(at place: [String], in root: JSONNode, file: String) throws(Problem) -> JSONNode {
        var node = root
        for step in place {
            switch node.value {
            case .object(let members):
                guard let m = members.first(where: { $0.key == step }) else { throw Problem(description: "\(file): no \(place.joined(separator: "."))") }
                node = m.value
            case .array(let items):
                guard let i = Int(step), items.indices.contains(i) else { throw Problem(description: "\(file): no \(place.joined(separator: "."))") }
                node = items[i]
            default:
                throw Problem(description: "\(file): \(place.joined(separator: ".")) is not in an object or array")
            }
        }
        guard case .array = node.value else { throw Problem(description: "\(file): \(place.joined(separator: ".")) is not an array") }
        return node
    }

    /// `values` as a JSON array of strings, laid out as `node` is: one line, or one value a line indented
    /// two spaces more than the line the array opens on.
    static func array(_ values: [String], like node: JSONNode, in bytes: [UInt8]) -> String {
        let quoted = values.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        guard bytes[node.span].contains(UInt8(ascii: "\n")) else { return "[" + quoted.joined(separator: ", ") + "]" }
        let lineStart = (bytes[..<node.offset].lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
        let indent = String(repeating: " ", count: bytes[lineStart...].prefix { $0 == UInt8(ascii: " ") }.count)
        return "[\n" + quoted.map { indent + "  " + $0 }.joined(separator: ",\n") + "\n" + indent + "]"
    }
}
