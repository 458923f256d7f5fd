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
        if readErrno != 0 { return failure("cannot read: \(String(cString: strerror(readErrno)))") }
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

    /// Writes a file atomically: `produce` writes into a temporary file in the same folder (through the
    /// sink it is given, in pieces), which is flushed to disk and then renamed over the target, so a reader
    /// sees the old file or the new one, never half of one. Missing parent folders are created.
    static func writeAtomically(to path: String, produce: (_ sink: @escaping ([UInt8]) -> Void) -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        final class State { var failure: String? }
        let state = State()
        produce { bytes in
            guard state.failure == nil else { return }
            bytes.withUnsafeBytes { buf in
                var offset = 0
                while offset < buf.count {
                    let n = write(fd, buf.baseAddress! + offset, buf.count - offset)
                    if n < 0 {
                        if errno == EINTR { continue }
                        state.failure = String(cString: strerror(errno))
                        return
                    }
                    offset += n
                }
            }
        }
        if state.failure == nil && fsync(fd) != 0 { state.failure = String(cString: strerror(errno)) }
        close(fd)
        if state.failure == nil && rename(tmp, path) != 0 { state.failure = String(cString: strerror(errno)) }
        if let failure = state.failure {
            unlink(tmp)
            throw WriteError(path: path, reason: failure)
        }
    }

    struct WriteError: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "cannot write \(path): \(reason)" }
    }
}
