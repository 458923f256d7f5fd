#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import S1CheckCore

/// The test results files of a run (`--results PATH`, docs/execution.md): found, then read in chunks.
///
/// A file named directly is read whatever its name; a folder is searched recursively for `*.xml` (any
/// case of the suffix), in byte order of the path, and its other files are listed as passed over. As for
/// plans, nothing is skipped silently: a missing path, an entry the walk cannot examine, a folder with no
/// `*.xml` and a file that is not a regular file are input errors naming them. A file reached by several
/// paths is read once (by device and inode), under the first path it was found by.
struct ResultsFiles {
    /// The files to read, in the order found: the paths in the order given, each folder's files sorted.
    private(set) var files: [FilePath] = []
    /// Files under a searched folder that are not `*.xml`: named in the reports, never read.
    private(set) var passedOver: [FilePath] = []
    /// Paths that could not be used (missing, not a regular file, a folder with no results).
    private(set) var problems: [Diagnostic] = []
    /// Each problem's path as bytes, by the name the problem shows.
    private(set) var problemLocations: [String: [UInt8]] = [:]
    /// The identity of every results file found: report targets are compared with these.
    private(set) var seenFiles: Set<FileID> = []
    /// Each results file found, by identity, with the path it goes by.
    private(set) var paths: [FileID: FilePath] = [:]

    static let suffix = Array(".xml".utf8)
    /// Bytes read from a results file at a time: memory holds one chunk whatever the file's size.
    static let chunkBytes = 1 << 20

    /// The paths `--results` was given: standard input is not one.
    init(paths given: [FilePath]) {
        for raw in given {
            let path = raw.trimmed
            var st = stat()
            if path.withCString({ stat($0, &st) }) != 0 {
                problem(path, "cannot read this results path: \(SystemError.current)")
                continue
            }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                var found: [(FilePath, FileID)] = [], others: [FilePath] = [], entered: Set<FileID> = []
                if walk(path, st, into: &found, others: &others, entered: &entered), found.isEmpty {
                    problem(path, "no *.xml file in this folder: expected the JUnit XML results of a test run (--results takes the files, or folders that hold them)")
                }
                for (file, id) in found.sorted(by: { $0.0 < $1.0 }) { add(file, id) }
                passedOver += others.sorted()
            case S_IFREG:
                add(path, FileID(st))
            default:
                problem(path, "is \(fileTypeName(st.st_mode)), not a regular file; s1check reads results from regular files only")
            }
        }
    }

    private mutating func add(_ path: FilePath, _ id: FileID) {
        guard seenFiles.insert(id).inserted else { return }
        files.append(path)
        paths[id] = path
    }

    private mutating func problem(_ path: FilePath, _ message: String) {
        let d = Diagnostic.unusable(file: path.display, message)
        guard !problems.contains(d) else { return }
        problems.append(d)
        problemLocations[path.display] = path.bytes
    }

    /// Searches `dir` for `*.xml`; false when `dir` itself could not be listed (that problem is recorded).
    private mutating func walk(_ dir: FilePath, _ st: stat, into found: inout [(FilePath, FileID)], others: inout [FilePath],
                               entered: inout Set<FileID>) -> Bool {
        guard entered.insert(FileID(st)).inserted else { return true }
        guard let handle = dir.withCString({ opendir($0) }) else {
            problem(dir, "cannot list this results folder: \(SystemError.current)")
            return false
        }
        defer { closedir(handle) }
        let dfd = dirfd(handle)
        while true {
            errno = 0
            guard let entry = readdir(handle) else {
                if errno != 0 { problem(dir, "cannot list this results folder completely: \(SystemError.current)") }
                break
            }
            let name = FilePath.entryName(entry)
            let nameBytes = name.dropLast().map { UInt8(bitPattern: $0) }
            if nameBytes == [0x2E] || nameBytes == [0x2E, 0x2E] { continue }
            let path = dir.appending(nameBytes)
            var est = stat()
            if fstatat(dfd, name, &est, 0) != 0 {
                problem(path, "cannot examine this entry: \(SystemError.current)")
                continue
            }
            let isXML = nameBytes.count > ResultsFiles.suffix.count
                && PlanDiscovery.lowercasedASCII(nameBytes.suffix(ResultsFiles.suffix.count)) == ResultsFiles.suffix
            switch est.st_mode & S_IFMT {
            case S_IFDIR:
                _ = walk(path, est, into: &found, others: &others, entered: &entered)
            case S_IFREG where isXML:
                found.append((path, FileID(est)))
            case _ where isXML:
                problem(path, "is \(fileTypeName(est.st_mode)), not a regular file; s1check reads results from regular files only")
            default:
                others.append(path)
            }
        }
        return true
    }

    /// Reads every results file, on every core, each in chunks: its cases, or the input error (naming the
    /// file, line and column) that stopped it. In the order of `files`.
    func read() -> [Result<JUnitResultsFile, Diagnostic>] {
        parallelMap(files.count) { ResultsFiles.read(files[$0]) }
    }

    /// Reads one results file in chunks of `chunkBytes`: memory stays flat whatever its size.
    static func read(_ path: FilePath, chunkBytes: Int = ResultsFiles.chunkBytes) -> Result<JUnitResultsFile, Diagnostic> {
        let name = path.display
        let fd = path.withCString { open($0, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC) }
        if fd < 0 { return .failure(.unusable(file: name, "cannot open this results file: \(SystemError.current)")) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failure(.unusable(file: name, "cannot examine this results file: \(SystemError.current)")) }
        if (st.st_mode & S_IFMT) != S_IFREG {
            return .failure(.unusable(file: name, "is \(fileTypeName(st.st_mode)), not a regular file; s1check reads results from regular files only"))
        }
        var reader = JUnitReader(file: name)
        var chunk = [UInt8](repeating: 0, count: chunkBytes)
        do throws(Diagnostic) {
            while true {
                let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress!, chunkBytes) }
                if n < 0 {
                    if errno == EINTR { continue }
                    return .failure(.unusable(file: name, "cannot read this results file: \(SystemError.current)"))
                }
                if n == 0 { break }
                try reader.feed(n == chunkBytes ? chunk : Array(chunk[..<n]))
            }
            return .success(try reader.finish())
        } catch {
            return .failure(error)
        }
    }
}
