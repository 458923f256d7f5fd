import Foundation
import S1CheckCore

/// File access for the CLI: bounded reads, plan discovery, atomic report writes. The library never
/// touches the file system; everything it needs arrives here as bytes.
enum Files {
    /// No real plan, baseline or registry comes near this; a larger file is refused before it is read,
    /// so a stray or hostile file cannot exhaust memory.
    static let maximumInputBytes = 16 << 20

    /// Reads a file whole, or says why not (naming the file).
    static func read(_ path: String, displayName: String? = nil) -> Result<[UInt8], InputError> {
        let name = displayName ?? path
        func failure(_ message: String) -> Result<[UInt8], InputError> {
            .failure(InputError(file: name, path: "$", position: nil, message: message))
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { return failure("cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return failure("cannot stat: \(String(cString: strerror(errno)))") }
        if (st.st_mode & S_IFMT) == S_IFDIR { return failure("is a directory, expected a JSON file") }
        if st.st_size > maximumInputBytes {
            return failure("the file is \(st.st_size / (1 << 20)) MiB; s1check reads input files of at most \(maximumInputBytes >> 20) MiB")
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity(Int(st.st_size) + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return failure("cannot read: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > maximumInputBytes {
                return failure("the file is larger than \(maximumInputBytes >> 20) MiB; s1check reads input files of at most that")
            }
        }
        return .success(bytes)
    }

    static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// The canonical path (symlinks resolved) of an existing file, for comparing inputs and outputs.
    static func canonical(_ path: String) -> String? {
        guard let r = realpath(path, nil) else { return nil }
        defer { free(r) }
        return String(cString: r)
    }

    /// Where a path really points, even if it does not exist yet: the real path of its longest existing
    /// prefix, then the remaining components with "." and ".." applied lexically (components that do
    /// not exist cannot be symlinks, so this is exact). Report targets are checked and written by it.
    static func resolvedTarget(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let parts = absolute.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var existing = parts.count
        while existing > 0 && !exists("/" + parts[0..<existing].joined(separator: "/")) { existing -= 1 }
        var components = (canonical("/" + parts[0..<existing].joined(separator: "/")) ?? "/")
            .split(separator: "/").map(String.init)
        for part in parts[existing...] {
            switch part {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(part)
            }
        }
        return "/" + components.joined(separator: "/")
    }

    /// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed, then renamed over
    /// the target, so a reader sees the old file or the new one, never half of one. Missing parent folders
    /// are created.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        var ok = true
        var reason = ""
        bytes.withUnsafeBytes { buf in
            var offset = 0
            while offset < buf.count {
                let n = write(fd, buf.baseAddress! + offset, buf.count - offset)
                if n < 0 { if errno == EINTR { continue }; ok = false; reason = String(cString: strerror(errno)); return }
                offset += n
            }
        }
        if ok && fsync(fd) != 0 { ok = false; reason = String(cString: strerror(errno)) }
        close(fd)
        if ok && rename(tmp, path) != 0 { ok = false; reason = String(cString: strerror(errno)) }
        if !ok {
            unlink(tmp)
            throw WriteError(path: path, reason: reason)
        }
    }

    struct WriteError: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "cannot write \(path): \(reason)" }
    }
}
