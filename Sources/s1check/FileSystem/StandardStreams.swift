#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Descriptors 0, 1 and 2 are standard input, output and error, whoever opens a file next. A process
/// started with one of them closed (`s1check check … >&-`) would give that number to the first file it
/// opens, a temporary report say, and every console line would then go into the report.
enum StandardStreams {
    /// Opens /dev/null onto each of descriptors 0–2 that is closed, lowest first (`open` takes the lowest
    /// free number). Nothing else has opened a file yet when this runs. If even /dev/null cannot be
    /// opened, the run stops (status 2): no file may take a standard stream's place.
    static func reserve() {
        for fd in Int32(0)...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let opened = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
            if opened != fd {
                if opened >= 0 { close(opened) }
                exit(2)
            }
        }
    }
}
