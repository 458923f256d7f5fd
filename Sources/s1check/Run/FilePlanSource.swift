#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization
import S1CheckCore

/// The plans of a `check` run, as files: those discovery found, in its order, each read when the pipeline
/// asks; then one entry per path that could not be used, with every problem found there, reported after
/// the plans as unreadable plans are.
///
/// A file that, as opened, is one a report would replace (compared by device and inode) is refused: its
/// bytes still count for the run's plan ids, but it is not checked, and no report is written.
final class FilePlanSource: PlanSource {
    private let files: [FilePath]
    private let names: [String]
    private let unusable: [(file: String, problems: [Diagnostic])]
    /// The unusable paths' bytes, by the names they show.
    private let problemLocations: [String: [UInt8]]
    /// The files the reports would replace.
    private let reportIDs: Set<FileID>
    /// For each plan whose last read was a report's file, that file.
    private let clashes = Mutex<[Int: FileID]>([:])

    init(_ discovery: PlanDiscovery, reportIDs: Set<FileID>) {
        files = discovery.files
        names = files.map(\.display)
        self.reportIDs = reportIDs
        var byPath: [String: [Diagnostic]] = [:], order: [String] = []
        for p in discovery.problems {
            let file = p.file ?? ""
            if byPath[file] == nil { order.append(file) }
            byPath[file, default: []].append(p)
        }
        unusable = order.map { ($0, byPath[$0]!) }
        problemLocations = discovery.problemLocations
    }

    var count: Int { files.count + unusable.count }
    var plansFound: Int { files.count }

    func name(_ index: Int) -> String { index < files.count ? names[index] : unusable[index - files.count].file }

    func location(_ index: Int) -> [UInt8]? {
        index < files.count ? files[index].bytes : problemLocations[unusable[index - files.count].file]
    }

    func read(_ index: Int) -> PlanRead {
        guard index < files.count else { return .unreadable(unusable[index - files.count].problems) }
        let read = Files.read(files[index])
        var clash: FileID?
        if case .success(let contents) = read, reportIDs.contains(contents.id) { clash = contents.id }
        if !reportIDs.isEmpty { clashes.withLock { $0[index] = clash } }
        switch read {
        case .failure(let e): return .unreadable([e])
        case .success(let contents):
            if clash != nil {
                return .refused(contents.bytes, reason: .unusable(file: names[index], "is also a report path; s1check never overwrites an input"))
            }
            return .bytes(contents.bytes)
        }
    }

    /// The first plan, in run order, that as it was checked was the file a report would replace.
    var reportClash: (id: FileID, file: String)? {
        clashes.withLock { c in c.keys.min().map { (c[$0]!, names[$0]) } }
    }
}
