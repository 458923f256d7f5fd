#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// s1check's own words for what the operating system reports, so that no library's error text (an
/// `NSCocoaErrorDomain` dump, say) ever reaches the user: each reason completes a sentence such as
/// "cannot write Reports/r.md: the disk is full".
enum SystemError {
    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "it does not exist"
        case EACCES, EPERM: return "permission denied"
        case ENOTDIR: return "a part of the path is a file, not a folder"
        case EISDIR: return "it is a folder"
        case ENOSPC: return "the disk is full"
        case EDQUOT: return "the disk quota is used up"
        case EROFS: return "the file system is read-only"
        case ELOOP: return "a symlink loop"
        case ENAMETOOLONG: return "the name is too long"
        case EEXIST: return "it already exists"
        case EIO: return "the device reported an input/output error"
        case EMFILE, ENFILE: return "too many files are open"
        case ENXIO: return "no process is reading from it"
        case EXDEV: return "it is on another file system"
        case EBUSY: return "it is busy"
        case EINVAL: return "the operation is not supported there"
        case EFBIG: return "the file is too large"
        default: return "the system refused (error \(code))"
        }
    }

    /// The reason for the current `errno`.
    static var current: String { reason(errno) }
}
