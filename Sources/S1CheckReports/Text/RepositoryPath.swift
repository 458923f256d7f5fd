/// Where a plan file is, for the CI formats that place findings on a file in the repository (SARIF, Code
/// Quality, GitHub annotations). Plan paths arrive as the user gave them; CI runs from the repository root,
/// so a path relative to the working folder is a path in the repository.
///
/// Paths are normalised lexically (`./a` and `x/../a` become `a`, as in the report-path rule of docs/reports.md; a
/// symlinked `x` is not seen through). An absolute path inside the working folder becomes relative to it;
/// one outside it (or a relative path that climbs out of it) stays absolute, since no repository path
/// names it: SARIF gets a `file://` URI, the other formats the absolute path.
public struct RepositoryPath: Sendable, Hashable {
    /// The path relative to the working folder, or absolute when it lies outside it.
    public let path: String
    public let isRelative: Bool

    public init(_ given: String, workingFolder: String?) {
        // Most paths (every one found under a folder given as `Plans` or `/abs/Plans`) are already in
        // normal form: no need to take them apart.
        if RepositoryPath.isNormalRelative(given) {
            path = given
            isRelative = true
            return
        }
        if given.hasPrefix("/") && RepositoryPath.isNormalRelative(String(given.utf8.dropFirst())!) {
            guard let folder = workingFolder else { path = given; isRelative = false; return }
            if folder.hasPrefix("/") && RepositoryPath.isNormalRelative(String(folder.utf8.dropFirst())!) {
                // Compared byte for byte, as the file system does (not as canonically equivalent text).
                let g = given.utf8, f = folder.utf8
                if g.elementsEqual(f) { path = "."; isRelative = true; return }
                if g.starts(with: f) && g.dropFirst(f.count).first == UInt8(ascii: "/") {
                    path = String(g.dropFirst(f.count + 1))!
                    isRelative = true
                    return
                }
                path = given
                isRelative = false
                return
            }
        }
        let parts = RepositoryPath.segments(given)
        if !given.hasPrefix("/") {
            guard parts.first == "..", let folder = workingFolder, folder.hasPrefix("/") else {
                path = parts.isEmpty ? "." : parts.joined(separator: "/")
                isRelative = true
                return
            }
            // Climbs out of the working folder: say where it really is.
            path = "/" + RepositoryPath.segments(folder + "/" + given).joined(separator: "/")
            isRelative = false
            return
        }
        if let folder = workingFolder, folder.hasPrefix("/") {
            let base = RepositoryPath.segments(folder)
            if parts.count >= base.count && zip(parts, base).allSatisfy({ $0.utf8.elementsEqual($1.utf8) }) {
                let rest = parts[base.count...]
                path = rest.isEmpty ? "." : rest.joined(separator: "/")
                isRelative = true
                return
            }
        }
        path = "/" + parts.joined(separator: "/")
        isRelative = false
    }

    /// Relative, with no empty, `.` or `..` segment (a leading `/` makes an empty first segment).
    static func isNormalRelative(_ p: String) -> Bool {
        var length = 0, allDots = true
        for b in p.utf8 {
            if b == UInt8(ascii: "/") {
                if length == 0 || (allDots && length <= 2) { return false }
                length = 0; allDots = true
            } else {
                length += 1
                if b != UInt8(ascii: ".") { allDots = false }
            }
        }
        return length > 0 && !(allDots && length <= 2)
    }

    /// Segments with `.` and empty ones dropped and `x/..` folded; a relative path keeps leading `..`.
    static func segments(_ p: String) -> [String] {
        var out: [String] = []
        let absolute = p.hasPrefix("/")
        for s in p.split(separator: "/", omittingEmptySubsequences: true) {
            if s == "." { continue }
            if s == ".." {
                if let last = out.last, last != ".." { out.removeLast() } else if !absolute { out.append("..") }
                continue
            }
            out.append(String(s))
        }
        return out
    }

    /// An RFC 3986 URI reference: relative paths as relative references, others as `file://` URIs. Every
    /// byte but unreserved characters and `/` is percent-encoded (spaces, `%`, `#`, `?`, non-ASCII).
    public var uri: String {
        var out = isRelative ? "" : "file://"
        for b in path.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(hex[Int(b >> 4)])
                out.unicodeScalars.append(hex[Int(b & 0xF)])
            }
        }
        return out
    }
}
