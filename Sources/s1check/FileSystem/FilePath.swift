#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import S1CheckCore

/// A path as the operating system has it: bytes, not text. Linux file names need not be UTF-8, and a
/// String made from one replaces the bad bytes, giving a path that no longer opens; so paths from the
/// command line and from folders stay bytes until the system call, and only their `display` form is text.
struct FilePath: Hashable, Sendable, Comparable {
    /// Never holds a NUL (no argument or directory entry can).
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }
    init(_ text: String) { bytes = Array(text.utf8) }
    /// A path the system handed back (an argument, the working folder, a real path), byte for byte.
    init(cString p: UnsafePointer<CChar>) {
        bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: strlen(p)))
    }

    /// A directory entry's name as bytes, NUL included (for the `*at` calls): a name need not be UTF-8.
    static func entryName(_ entry: UnsafeMutablePointer<dirent>) -> [CChar] {
        withUnsafeBytes(of: entry.pointee.d_name) { raw in
            let p = raw.bindMemory(to: CChar.self)
            return Array(p[0...strlen(p.baseAddress!)])
        }
    }

    var isEmpty: Bool { bytes.isEmpty }

    /// `self/name` (a root or a path ending in "/" gets no second slash).
    func appending(_ name: [UInt8]) -> FilePath {
        if bytes.last == UInt8(ascii: "/") { return FilePath(bytes + name) }
        return FilePath(bytes + [UInt8(ascii: "/")] + name)
    }

    /// The last component (after the last "/"), and the folder before it ("." for a bare name).
    var lastComponent: [UInt8] {
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return bytes }
        return Array(bytes[(slash + 1)...])
    }

    var parent: FilePath {
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return FilePath(".") }
        return slash == 0 ? FilePath("/") : FilePath(Array(bytes[..<slash]))
    }

    /// Without trailing slashes ("plans/" and "plans" are one folder; "/" stays "/").
    var trimmed: FilePath {
        var b = bytes
        while b.count > 1 && b.last == UInt8(ascii: "/") { b.removeLast() }
        return FilePath(b)
    }

    /// Calls `body` with the path as a C string.
    func withCString<R>(_ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        try (bytes + [0]).withUnsafeBufferPointer { buf in
            try buf.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
        }
    }

    /// Byte order: the order plans are read in (docs/robustness.md), the same on every machine and locale.
    static func < (a: FilePath, b: FilePath) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }

    /// The path as s1check shows it (console, reports), escaped as `PathText` says; never a location.
    var display: String { FilePath.display(bytes) }

    static func display(_ bytes: [UInt8]) -> String { PathText.display(bytes) }
}

/// A file's identity: device and inode, from `fstat` of the open file or `stat` of a path that leads to it.
struct FileID: Hashable, Sendable {
    let device: UInt64
    let inode: UInt64

    init(_ st: stat) {
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
    }

    /// The file open on `fd`.
    init?(fd: Int32) {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        self.init(st)
    }
}

/// Words for a file type, completing "… is a FIFO (named pipe), not a regular file".
func fileTypeName(_ mode: mode_t) -> String {
    switch mode & S_IFMT {
    case S_IFDIR: return "a folder"
    case S_IFIFO: return "a FIFO (named pipe)"
    case S_IFCHR: return "a character device"
    case S_IFBLK: return "a block device"
    case S_IFSOCK: return "a socket"
    case S_IFLNK: return "a symlink"
    case S_IFREG: return "a regular file"
    default: return "not a regular file"
    }
}
