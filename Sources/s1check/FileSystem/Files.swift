#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import S1CheckCore

/// File access for the CLI: bounded reads of regular files, and folders for reports. The library never
/// touches the file system; everything it needs arrives here as bytes.
enum Files {
    /// No real plan, baseline or registry comes near this; a larger file is refused before it is read,
    /// so a stray or hostile file cannot exhaust memory.
    static let maximumInputBytes = 16 << 20

    /// A file's bytes and the identity of the file they were read from.
    struct Contents: Sendable {
        var bytes: [UInt8]
        var id: FileID
    }

    /// Whether anything (even a dangling link) is at `path`: the default policy file is used when present,
    /// and what is there is then checked like any input.
    static func exists(_ path: FilePath) -> Bool {
        var st = stat()
        return path.withCString { lstat($0, &st) } == 0
    }

    /// Checks that `path` leads to a regular file, without opening it: opening a FIFO would wait for a
    /// writer, and opening a device can act on it. Nil, or the input error naming the file.
    static func checkRegular(_ path: FilePath) -> Diagnostic? {
        var st = stat()
        if path.withCString({ stat($0, &st) }) != 0 {
            return .unusable(file: path.display, "cannot read this file: \(SystemError.current)")
        }
        return regularFileProblem(st, path)
    }

    static func regularFileProblem(_ st: stat, _ path: FilePath) -> Diagnostic? {
        let type = st.st_mode & S_IFMT
        if type == S_IFREG { return nil }
        if type == S_IFDIR { return .unusable(file: path.display, "is a folder, expected a JSON file") }
        return .unusable(file: path.display, "is \(fileTypeName(st.st_mode)), not a regular file; s1check reads inputs from regular files only")
    }

    /// Reads a regular file whole, or says why not (naming the file). Opened without waiting (a FIFO put
    /// in the file's place since it was examined is refused, not waited on) and checked again on the
    /// open file.
    static func read(_ path: FilePath) -> Result<Contents, Diagnostic> {
        let name = path.display
        func failure(_ message: String) -> Result<Contents, Diagnostic> {
            .failure(.unusable(file: name, message))
        }
        let fd = path.withCString { open($0, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC) }
        if fd < 0 { return failure("cannot open: \(SystemError.current)") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return failure("cannot examine: \(SystemError.current)") }
        if let problem = regularFileProblem(st, path) { return .failure(problem) }
        if st.st_size > maximumInputBytes {
            return failure("the file is \(st.st_size) bytes, larger than \(maximumInputBytes >> 20) MiB; s1check reads input files of at most that")
        }
        // Read straight into one array of the file's size (plus a byte, to see the end of file).
        var readErrno: Int32 = 0
        func readInto(_ buf: UnsafeMutableBufferPointer<UInt8>) -> Int {
            var count = 0
            while count < buf.count {
                let n = systemRead(fd, buf.baseAddress! + count, buf.count - count)
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
        return .success(Contents(bytes: bytes, id: FileID(st)))
    }

    /// The first `bytes` bytes of a regular file (fewer if it is shorter), not following a final symlink
    /// and without waiting on a FIFO; or why not.
    static func head(_ path: FilePath, bytes: Int) -> Result<[UInt8], Diagnostic> {
        func failure(_ why: String) -> Result<[UInt8], Diagnostic> { .failure(.unusable(file: path.display, why)) }
        let fd = path.withCString { open($0, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_NOFOLLOW | O_CLOEXEC) }
        if fd < 0 { return failure(SystemError.current) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return failure(SystemError.current) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { return failure("it is \(fileTypeName(st.st_mode))") }
        var out = [UInt8](repeating: 0, count: bytes)
        var count = 0
        while count < bytes {
            let n = out.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress! + count, bytes - count) }
            if n < 0 { if errno == EINTR { continue }; return failure(SystemError.current) }
            if n == 0 { break }
            count += n
        }
        return .success(Array(out[..<count]))
    }

    /// Creates `path` and any missing parent folders, like `mkdir -p`. Nil, or why not.
    static func makeDirectories(_ path: FilePath) -> Diagnostic? {
        var st = stat()
        if path.withCString({ stat($0, &st) }) == 0 {
            if (st.st_mode & S_IFMT) == S_IFDIR { return nil }
            return .write(file: path.display, "cannot create this folder: a file of that name is in the way")
        }
        let parent = path.parent
        if parent != path && parent.bytes != Array(".".utf8) && !parent.isEmpty {
            if let problem = makeDirectories(parent) { return problem }
        }
        if path.withCString({ mkdir($0, 0o777) }) != 0 && errno != EEXIST {
            return .write(file: path.display, "cannot create this folder: \(SystemError.current)")
        }
        return nil
    }
}

extension Diagnostic {
    /// A problem with a file or folder as a whole (missing, unreadable, not a regular file): an input error
    /// with no JSON path, so it reads `nosuch: cannot read this path: it does not exist`, not `nosuch: $: …`
    /// (`$` is a place in a JSON document, and nothing of the file was read).
    static func unusable(file: String, _ message: String) -> Diagnostic {
        Diagnostic(kind: .input, file: file, path: nil, message: message)
    }
}
