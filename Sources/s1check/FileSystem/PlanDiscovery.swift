#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import S1CheckCore

/// Finds the plan files named on the command line. A folder is searched recursively for `*.plan.json`;
/// other `*.json` files found on the way are listed as passed over (a misnamed plan is never skipped
/// silently). A name that differs from `*.plan.json` only in the case of its letters or in spaces at its
/// end (`x.Plan.JSON`, `x.plan.json `) is an input error naming the name it should have: such a file is
/// meant to be a plan, and s1check does not guess. A file named directly is read whatever its name.
///
/// Each plan is checked once, however the paths overlap (`plans plans/foc`, a symlink to a folder
/// already searched): files are told apart by device and inode, and a file reached by several paths
/// goes by the first of them in byte order, so the order of the arguments never changes the result.
/// Symlinks are followed; a folder is entered once per argument, so a symlink loop cannot make the walk
/// go round.
///
/// Nothing is skipped silently: an entry the walk cannot examine (a folder it cannot list, a dangling
/// link, a path longer than the system allows) is an input error naming it, and a `*.plan.json` that is
/// not a regular file (a FIFO, a device, a socket) is refused without being opened.
struct PlanDiscovery {
    var files: [FilePath] = []
    var passedOver: [FilePath] = []
    /// Paths that could not be used: missing, unreadable, not regular files, or folders with no plan.
    var problems: [Diagnostic] = []
    /// Each problem's path as bytes, by the name the problem shows: where CI formats place it.
    var problemLocations: [String: [UInt8]] = [:]
    /// Every folder the walk entered (by identity), with the first path it was reached by: a report may
    /// replace a file in one of them only when that file is an earlier s1check report (`ReportTarget`).
    private(set) var searchedFolders: [FileID: FilePath] = [:]
    /// The identity of every plan file found: report targets are compared with these.
    var seenFiles: Set<FileID> { Set(plans.keys) }
    /// Every plan file found, by identity, with the path it goes by.
    var planPaths: [FileID: FilePath] { plans }

    private var plans: [FileID: FilePath] = [:]
    private var others: [FileID: FilePath] = [:]
    private var problemKeys: Set<String> = []

    static let planSuffix = Array(".plan.json".utf8)
    static let jsonSuffix = Array(".json".utf8)
    /// The longest path the system takes (PATH_MAX, terminating NUL included).
    static let maximumPathBytes = Int(PATH_MAX) - 1

    init(paths: [FilePath]) {
        for raw in paths {
            let path = raw.trimmed
            var st = stat()
            if path.withCString({ stat($0, &st) }) != 0 {
                problem(path, "cannot read this path: \(SystemError.current)")
                continue
            }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                var entered: Set<FileID> = []
                // A folder that could not be listed says so once (nil), not also "no plan in this folder".
                if walk(path, st, entered: &entered) == 0 {
                    problem(path, "no *.plan.json file in this folder")
                }
            case S_IFREG:
                add(path, FileID(st), to: \.plans)
            default:
                problem(path, "is \(fileTypeName(st.st_mode)), not a regular file; s1check reads plans from regular files only")
            }
        }
        files = plans.values.sorted()
        passedOver = others.values.sorted()
        // In byte order of the path too, as plans are: the order a folder lists its entries in differs
        // between machines, and the same inputs give the same output.
        problems = problems.enumerated().sorted { a, b in
            let (x, y) = (a.element.file ?? "", b.element.file ?? "")
            return x == y ? a.offset < b.offset : x.utf8.lexicographicallyPrecedes(y.utf8)
        }.map(\.element)
    }

    /// Keeps a file once, under the first of its paths in byte order.
    private mutating func add(_ path: FilePath, _ id: FileID, to list: WritableKeyPath<PlanDiscovery, [FileID: FilePath]>) {
        if let known = self[keyPath: list][id], known < path { return }
        self[keyPath: list][id] = path
    }

    private mutating func problem(_ path: FilePath, _ message: String) {
        let d = Diagnostic.unusable(file: path.display, message)
        if problemKeys.insert(d.description).inserted { problems.append(d) }
        problemLocations[d.file!] = path.bytes
    }

    /// Searches `dir`; returns how many plan files are under it (counting those found before by another
    /// path, so an overlapping argument is not "a folder with no plan"), or nil when `dir` itself could
    /// not be listed (that problem is already recorded).
    private mutating func walk(_ dir: FilePath, _ st: stat, entered: inout Set<FileID>) -> Int? {
        guard entered.insert(FileID(st)).inserted else { return 0 }
        if searchedFolders[FileID(st)] == nil { searchedFolders[FileID(st)] = dir }
        if dir.bytes.count > PlanDiscovery.maximumPathBytes {
            problem(dir, "cannot list this folder: its path is longer than the system allows (\(PlanDiscovery.maximumPathBytes) bytes)")
            return nil
        }
        guard let handle = dir.withCString({ opendir($0) }) else {
            problem(dir, "cannot list this folder: \(SystemError.current)")
            return nil
        }
        defer { closedir(handle) }
        let dfd = dirfd(handle)
        var found = 0
        while true {
            errno = 0
            guard let entry = readdir(handle) else {
                guard errno == 0 else {
                    problem(dir, "cannot list this folder completely: \(SystemError.current)")
                    return found == 0 ? nil : found
                }
                break
            }
            let name = FilePath.entryName(entry)
            let nameBytes = name.dropLast().map { UInt8(bitPattern: $0) }
            if nameBytes == [0x2E] || nameBytes == [0x2E, 0x2E] { continue }
            // (A name shorter than a suffix is its own whole suffix, so it never matches.)
            let isPlan = nameBytes.suffix(PlanDiscovery.planSuffix.count).elementsEqual(PlanDiscovery.planSuffix)
            let nearMiss = isPlan ? nil : PlanDiscovery.nearMiss(nameBytes)
            let isJSON = isPlan || nearMiss != nil || PlanDiscovery.looksLikeJSON(nameBytes)
            let type = Int(entry.pointee.d_type)
            // Only names that may be plans, and entries that may lead to folders, need a closer look.
            if !isJSON && type != DT_DIR && type != DT_LNK && type != DT_UNKNOWN { continue }
            let path = dir.appending(nameBytes)
            var est = stat()
            // Identity from fstatat of the entry, not the directory entry's inode: on an overlay mount
            // with layers on different file systems the two differ.
            if fstatat(dfd, name, &est, 0) != 0 {
                let reason = SystemError.current
                problem(path, isPlan ? "cannot read this plan: \(reason)" : "cannot examine this entry: \(reason)")
                continue
            }
            switch est.st_mode & S_IFMT {
            case S_IFDIR:
                found += walk(path, est, entered: &entered) ?? 0
            case _ where nearMiss != nil:
                problem(path, "is named like a plan but not *.plan.json, so it was not read: rename it \(FilePath.display(nearMiss!)) to have it checked (plans are found by that exact name)")
            case S_IFREG where isPlan:
                if path.bytes.count > PlanDiscovery.maximumPathBytes {
                    problem(path, "cannot read this plan: its path is longer than the system allows (\(PlanDiscovery.maximumPathBytes) bytes)")
                    continue
                }
                found += 1
                add(path, FileID(est), to: \.plans)
            case _ where isPlan:
                problem(path, "is \(fileTypeName(est.st_mode)), not a regular file; s1check reads plans from regular files only")
            case _ where isJSON:
                add(path, FileID(est), to: \.others)
            default:
                continue
            }
        }
        return found
    }

    /// For a name that is not `*.plan.json` but would be with its letters in lower case and without the
    /// spaces (or invisible characters) at its end, the name it should have: `bad.plan.JSON`,
    /// `x.Plan.Json` and `"x.plan.json "` are meant to be plans.
    static func nearMiss(_ name: [UInt8]) -> [UInt8]? {
        let trimmed = trimmingEnd(name)
        guard trimmed.count > planSuffix.count else { return nil }
        let stem = trimmed.dropLast(planSuffix.count)
        guard lowercasedASCII(trimmed.suffix(planSuffix.count)) == planSuffix else { return nil }
        return Array(stem) + planSuffix
    }

    /// `*.json` in any case, with any spaces after: listed as passed over like a `*.json`.
    static func looksLikeJSON(_ name: [UInt8]) -> Bool {
        let trimmed = trimmingEnd(name)
        return trimmed.count > jsonSuffix.count && lowercasedASCII(trimmed.suffix(jsonSuffix.count)) == jsonSuffix
    }

    static func lowercasedASCII<C: Collection<UInt8>>(_ bytes: C) -> [UInt8] {
        bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
    }

    /// The name without the white space and the invisible (format) characters at its end.
    static func trimmingEnd(_ name: [UInt8]) -> ArraySlice<UInt8> {
        guard let text = String(validating: name, as: UTF8.self) else {
            var end = name.count
            while end > 0 && [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D].contains(name[end - 1]) { end -= 1 }
            return name[..<end]
        }
        var scalars = Substring(text).unicodeScalars
        while let last = scalars.last, last.properties.isWhitespace || Unicode.isFormatCharacter(last) { scalars.removeLast() }
        return name[..<String(scalars).utf8.count]
    }
}
