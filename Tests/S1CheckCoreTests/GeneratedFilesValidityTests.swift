import Foundation
import Testing
import S1CheckTestSupport
@testable import S1CheckCore

/// The generated parts of the repository are as the code generates them (`GeneratedFile`); with
/// S1CHECK_WRITE_GENERATED=1 the test writes them instead.
@Suite struct GeneratedFilesValidityTests {
    @Test(arguments: GeneratedFile.all)
    func isCurrent(_ file: GeneratedFile) throws {
        let url = Paths.packageRoot.appendingPathComponent(file.path)
        let current = [UInt8](try Data(contentsOf: url))
        let generated = try file.generate(from: current)
        if ProcessInfo.processInfo.environment["S1CHECK_WRITE_GENERATED"] == "1" {
            if generated != current { try Data(generated).write(to: url) }
            return
        }
        // The first line that differs, not two whole files.
        let lines = (String(decoding: current, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false),
                     String(decoding: generated, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false))
        let first = zip(lines.0, lines.1).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(lines.0.count, lines.1.count)
        let same = current == generated
        #expect(same, """
            \(file.path) is out of date with RuleRegistry (line \(first + 1) differs): run `\(GeneratedFile.regenerateCommand)`
            """)
    }
}
