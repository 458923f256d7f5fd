// The results-reader benchmark's driver (Tests/Benchmark/run.sh builds it with the S1CheckCore sources
// into one module, as Tests/Fuzz/run.sh does): reads JUnit XML files in 1 MiB chunks through
// JUnitReader, links them to plan ids P-00000 ... P-(PLANS-1), judges every plan, and prints the totals.
// It stands in for `check --results` until the pipeline reads results.
#if canImport(Glibc)
import Glibc
#endif

@main
struct ReadResults {
    static func main() {
        let args = CommandLine.arguments.dropFirst()
        guard let plansArg = args.first, let planCount = Int(plansArg), args.count > 1 else {
            print("usage: read-results PLANS FILE.xml..."); exit(2)
        }
        var files: [JUnitResultsFile] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        for path in args.dropFirst() {
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else { print("\(path): cannot open"); exit(2) }
            var reader = JUnitReader(file: path)
            do {
                while true {
                    let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                    if n <= 0 { break }
                    try reader.feed(Array(chunk[0..<n]))
                }
                files.append(try reader.finish())
            } catch {
                print(error.description); exit(1)
            }
            close(fd)
        }
        let ids = (0..<planCount).map { i -> String in
            let s = String(i)
            return "P-" + String(repeating: "0", count: max(0, 5 - s.count)) + s
        }
        let index = ExecutionIndex(files: files, planIDs: Set(ids))
        let asOf = CalendarDate(year: 2023, month: 7, day: 1)!
        var statuses: [Status: Int] = [:]
        for id in ids {
            for j in TestResultsJudgement.findings(planID: id, window: nil, combinations: ["DMC-0001"], execution: index[id], asOf: asOf) {
                statuses[j.finding.status, default: 0] += 1
            }
        }
        print("cases linked \(index.linkedCases), passed \(index.passedCases), unlinked \(index.unlinked.counts.linked); findings \(statuses.sorted { $0.key < $1.key }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", "))")
    }
}
