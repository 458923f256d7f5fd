import Foundation
import S1CheckCore

/// File access for the CLI: bounded reads, plan discovery, atomic report writes. The library never
/// touches the file system; everything it needs arrives here as bytes.
enum Files {
    /// No real plan, baseline or registry comes near this; a larger file is refused before it is read,
    /// so a stray or hostile file cannot exhaust memory.
    static let maximumInputBytes = 16 << 20

    /// Reads a file whole, or says why not (naming the file).
    static func read(_ path: String, displayName: String? = nil) -> Result<[UInt8], Diagnostic> {
        let name = displayName ?? path
        func failure(_ message: String) -> Result<[UInt8], Diagnostic> {
            .failure(.input(file: name, message: message))
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { return failure("cannot open: \(SystemError.current)") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return failure("cannot examine: \(SystemError.current)") }
        if (st.st_mode & S_IFMT) == S_IFDIR { return failure("is a directory, expected a JSON file") }
        if st.st_size > maximumInputBytes {
            return failure("the file is \(st.st_size / (1 << 20)) MiB; s1check reads input files of at most \(maximumInputBytes >> 20) MiB")
        }
        // Read straight into one array of the file's size (plus a byte, to see the end of file).
        var readErrno: Int32 = 0
        func readInto(_ buf: UnsafeMutableBufferPointer<UInt8>) -> Int {
            var count = 0
            while count < buf.count {
                let n = Foundation.read(fd, buf.baseAddress! + count, buf.count - count)
                if n < 0 { if errno == EINTR { continue }; readErrno = errno; break }
                if n == 0 { break }
                count += n
            }
            return count
        }
        let capacity = Int(st.st_size) + 1
        var bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buf, count in count = readInto(buf) }
        // The file grew while we read it: take the rest in pieces, up to the limit.
        while readErrno == 0 && bytes.count >= capacity {
            let more = [UInt8](unsafeUninitializedCapacity: 1 << 16) { buf, count in count = readInto(buf) }
            if more.isEmpty { break }
            bytes += more
            if bytes.count > maximumInputBytes {
                return failure("the file is larger than \(maximumInputBytes >> 20) MiB; s1check reads input files of at most that")
            }
        }
        if readErrno != 0 { return failure("cannot read: \(SystemError.reason(readErrno))") }
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

    /// Creates `path` and any missing parent folders, like `mkdir -p`.
    static func makeDirectories(_ path: String) throws(Diagnostic) {
        var st = stat()
        if stat(path, &st) == 0 {
            if (st.st_mode & S_IFMT) == S_IFDIR { return }
            throw Diagnostic.write(file: path, "cannot create this folder: a file of that name is in the way")
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != path { try makeDirectories(parent) }
        if mkdir(path, 0o777) != 0 && errno != EEXIST {
            throw Diagnostic.write(file: path, "cannot create this folder: \(SystemError.current)")
        }
    }
}
