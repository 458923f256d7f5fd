#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import S1CheckCore
import S1CheckReports

/// One command-line argument: its bytes (a path need not be UTF-8, and `CommandLine.arguments` replaces
/// bytes that are not) and its text, for option names and values that are words.
struct Argument: Sendable, Hashable {
    let bytes: [UInt8]
    var text: String { String(decoding: bytes, as: UTF8.self) }
    var path: FilePath { FilePath(bytes) }

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The process's arguments after the program name, byte for byte.
    static var process: [Argument] {
        (1..<Int(CommandLine.argc)).compactMap { i in
            CommandLine.unsafeArgv[i].map { p in
                Argument(FilePath(cString: p).bytes)
            }
        }
    }
}

/// An option whose value is one of a few words (`--format`, `--phase`).
protocol OptionChoice: CaseIterable, RawRepresentable where RawValue == String {}

extension OptionChoice {
    /// The option's value type, for its declaration: `text|github`.
    static var choices: OptionSpec.ValueType { .choice(allCases.map(\.rawValue)) }

    /// The case `text` names (after `normalise`, or in any case of its letters), or a usage error listing them: `--format must be text,
    /// markdown or json, not "x"`.
    static func parse(_ text: String, option: String, normalise: (String) -> String = { $0 }) throws(Diagnostics) -> Self {
        if let value = Self(rawValue: normalise(text)) { return value }
        // Words are matched whatever their case, as `--phase foc` is: `--test-type regression`.
        let folded = text.lowercased()
        if let value = allCases.first(where: { $0.rawValue.lowercased() == folded }) { return value }
        let names = allCases.map(\.rawValue)
        let list = names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + names.last! : names.joined()
        throw Diagnostics.usage("--\(option) must be \(list), not \"\(text)\"")
    }
}

extension Phase: OptionChoice {}
extension TestType: OptionChoice {}
extension InstallationType: OptionChoice {}

extension ConsoleFormat: OptionChoice {}

enum OutputFormat: String, OptionChoice {
    case text, markdown, json
}

/// `--format` of the commands that print documentation (`rules`, `explain`).
enum DocumentFormat: String, OptionChoice {
    case text, markdown
}
