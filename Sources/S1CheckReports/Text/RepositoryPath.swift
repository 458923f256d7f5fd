import S1CheckCore

/// Where a plan file is, for the CI formats that place findings on a file in the repository (SARIF, Code
/// Quality, GitHub annotations). Plan paths arrive as the user gave them; CI runs from the repository root,
/// so a path relative to the working folder is a path in the repository.
///
/// A location is the real path, bytes as the file system has them, never the escaped display text
/// (`a\b` is `a\b`, not `a\\b`), or GitHub and GitLab could not place the finding: SARIF percent-encodes
/// the bytes (RFC 3986), the other formats write the path as text, escaped only as their own syntax
/// needs. A name that is not UTF-8 cannot be text: SARIF still has its bytes, the others its display form.
///
/// Paths are normalised lexically (`./a` and `x/../a` become `a`, as in the report-path rule of docs/reports.md; a
/// symlinked `x` is not seen through). An absolute path inside the working folder becomes relative to it;
/// one outside it (or a relative path that climbs out of it) stays absolute, since no repository path
/// names it: SARIF gets a `file://` URI, the other formats the absolute path.
public struct RepositoryPath: Sendable, Hashable {
    /// The normalised path's bytes: relative to the working folder, or absolute when it lies outside it.
    public let bytes: [UInt8]
    public let isRelative: Bool

    /// The path as text, for the formats whose locations are text: the real path when it is UTF-8.
    public var path: String { String(validating: bytes, as: UTF8.self) ?? display }
    /// The path as s1check shows it (escaped), which names it the same way in every run: fingerprints.
    public var display: String { PathText.display(bytes) }

    /// `given`: the path's bytes, as the file system has them.
    public init(bytes given: [UInt8], workingFolder: String?) {
        (bytes, isRelative) = RepositoryPath.locate(given, workingFolder: workingFolder.map { Array($0.utf8) })
    }

    /// A path given as text (library users, tests): its UTF-8 bytes.
    public init(_ given: String, workingFolder: String?) {
        self.init(bytes: Array(given.utf8), workingFolder: workingFolder)
    }

    static let slash = UInt8(ascii: "/")
    static let dot: [UInt8] = [UInt8(ascii: ".")]

    static func locate(_ given: [UInt8], workingFolder folder: [UInt8]?) -> (path: [UInt8], relative: Bool) {
        // Most paths (every one found under a folder given as `Plans` or `/abs/Plans`) are already in
        // normal form: no need to take them apart.
        if isNormalRelative(given[...]) { return (given, true) }
        if given.first == slash && isNormalRelative(given.dropFirst()) {
            guard let folder else { return (given, false) }
            if folder.first == slash && isNormalRelative(folder.dropFirst()) {
                // Compared byte for byte, as the file system does (not as canonically equivalent text).
                if given == folder { return (dot, true) }
                if given.starts(with: folder) && given.dropFirst(folder.count).first == slash {
                    return (Array(given.dropFirst(folder.count + 1)), true)
                }
                return (given, false)
            }
        }
        let parts = segments(given)
        if given.first != slash {
            guard parts.first == [0x2E, 0x2E], let folder, folder.first == slash else {
                return (parts.isEmpty ? dot : joined(parts), true)
            }
            // Climbs out of the working folder: say where it really is.
            return ([slash] + joined(segments(folder + [slash] + given)), false)
        }
        if let folder, folder.first == slash {
            let base = segments(folder)
            if parts.count >= base.count && parts.starts(with: base) {
                let rest = parts[base.count...]
                return (rest.isEmpty ? dot : joined(Array(rest)), true)
            }
        }
        return ([slash] + joined(parts), false)
    }

    static func joined(_ parts: [[UInt8]]) -> [UInt8] { Array(parts.joined(separator: [slash])) }

    /// Relative, with no empty, `.` or `..` segment (a leading `/` makes an empty first segment).
    static func isNormalRelative(_ p: ArraySlice<UInt8>) -> Bool {
        var length = 0, allDots = true
        for b in p {
            if b == slash {
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
    static func segments(_ p: [UInt8]) -> [[UInt8]] {
        var out: [[UInt8]] = []
        let absolute = p.first == slash
        for s in p.split(separator: slash, omittingEmptySubsequences: true) {
            if s.elementsEqual(dot) { continue }
            if s.elementsEqual([0x2E, 0x2E]) {
                if let last = out.last, last != [0x2E, 0x2E] { out.removeLast() } else if !absolute { out.append([0x2E, 0x2E]) }
                continue
            }
            out.append(Array(s))
        }
        return out
    }

    /// An RFC 3986 URI reference: relative paths as relative references, others as `file://` URIs. Every
    /// byte but unreserved characters and `/` is percent-encoded (spaces, `%`, `#`, `?`, `\`, non-ASCII,
    /// and bytes that are not UTF-8, as they are).
    public var uri: String {
        var out = isRelative ? "" : "file://"
        out.unicodeScalars.reserveCapacity(bytes.count + 8)
        let hex = Array("0123456789ABCDEF".unicodeScalars)
        for b in bytes {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(hex[Int(b >> 4)])
                out.unicodeScalars.append(hex[Int(b & 0xF)])
            }
        }
        return out
    }
}
