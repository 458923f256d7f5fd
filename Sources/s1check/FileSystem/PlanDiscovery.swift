import Foundation
import S1CheckCore

/// Finds the plan files named on the command line. A folder is searched recursively for `*.plan.json`;
/// other `*.json` files found on the way are listed as passed over (a misnamed plan is never skipped
/// silently). A file named directly is read whatever its name. Symlinks are followed, but each folder and
/// each file is visited once (by device and inode), so a symlink loop cannot make the walk go round.
struct PlanDiscovery {
    var files: [String] = []
    var passedOver: [String] = []
    /// Paths that could not be used: missing, unreadable, or folders with no plan in them.
    var problems: [Diagnostic] = []

    private var seenDirectories: Set<FileID> = []
    /// The identity of every plan file found: report targets are compared with these.
    private(set) var seenFiles: Set<FileID> = []

    struct FileID: Hashable {
        let device: UInt64
        let inode: UInt64
    }

    static let planSuffix = ".plan.json"

    init(paths: [String]) {
        for raw in paths {
            let path = PlanDiscovery.trimmed(raw)
            var st = stat()
            if stat(path, &st) != 0 {
                problems.append(.input(file: path, message: "cannot read this path: \(SystemError.current)"))
                continue
            }
            if (st.st_mode & S_IFMT) == S_IFDIR {
                let before = files.count
                walk(path, st)
                if files.count == before {
                    problems.append(.input(file: path, message: "no *\(PlanDiscovery.planSuffix) file in this folder"))
                }
            } else if seenFiles.insert(FileID(st)).inserted {
                files.append(path)
            }
        }
        // A stable order whatever the file system returns: byte order of the path.
        files = PlanDiscovery.byteOrder(files)
        passedOver = PlanDiscovery.byteOrder(passedOver)
    }

    /// Sorted by the bytes of the path: the same order on every machine and locale.
    static func byteOrder(_ paths: [String]) -> [String] {
        paths.map { (Array($0.utf8), $0) }.sorted { $0.0.lexicographicallyPrecedes($1.0) }.map(\.1)
    }

    static func trimmed(_ p: String) -> String {
        var p = p
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        return p
    }

    private mutating func walk(_ dir: String, _ st: stat) {
        guard seenDirectories.insert(FileID(st)).inserted else { return }
        guard let handle = opendir(dir) else {
            problems.append(.input(file: dir, message: "cannot list this folder: \(SystemError.current)"))
            return
        }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let path = dir == "/" ? "/" + name : dir + "/" + name
            // A regular file's identity comes with the directory entry; only links, folders and unknown
            // types need a stat.
            let id: FileID
            if entry.pointee.d_type == UInt8(DT_REG) {
                id = FileID(device: UInt64(st.st_dev), inode: UInt64(entry.pointee.d_ino))
            } else {
                var est = stat()
                if stat(path, &est) != 0 {
                    // A dangling link or a symlink loop: only a problem if it claims to be a plan.
                    if name.hasSuffix(PlanDiscovery.planSuffix) {
                        problems.append(.input(file: path, message: "cannot read this plan: \(SystemError.current)"))
                    } else if name.hasSuffix(".json") {
                        passedOver.append(path)
                    }
                    continue
                }
                if (est.st_mode & S_IFMT) == S_IFDIR {
                    walk(path, est)
                    continue
                }
                id = FileID(est)
            }
            if name.hasSuffix(PlanDiscovery.planSuffix) {
                if seenFiles.insert(id).inserted { files.append(path) }
            } else if name.hasSuffix(".json") {
                passedOver.append(path)
            }
        }
    }
}

extension PlanDiscovery.FileID {
    /// The identity of the file a path leads to (symlinks followed), or nil if there is none.
    init?(path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        self.init(st)
    }

    init(_ st: stat) {
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
    }
}
