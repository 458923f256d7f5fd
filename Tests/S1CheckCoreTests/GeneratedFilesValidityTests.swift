import Foundation
import Testing
import S1CheckTestSupport
@testable import S1CheckCore

/// The generated parts of the repository are as the code generates them (`GeneratedFile`); the test only
/// checks: `swift run s1check-generate` writes them.
@Suite struct GeneratedFilesValidityTests {
    @Test(arguments: GeneratedFile.all)
    func isCurrent(_ file: GeneratedFile) throws {
        let url = Paths.packageRoot.appendingPathComponent(file.path)
        let current = [UInt8](try Data(contentsOf: url))
        let generated = try file.generate(from: current)
        // The first line that differs, not two whole files.
        let same = current == generated
        #expect(same, "\(Generated.stale(file.path, "its rule ids are not RuleRegistry's: line \(Generated.firstDifference(current, generated)) differs"))")
    }
}
