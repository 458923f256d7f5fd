#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import S1CheckCore
import S1CheckReports

/// Diagnostics on standard error, in one form: `s1check: <location>: <path>: <message>`.
enum Console {
    static func report(_ d: Diagnostic) {
        // The description quotes file names, arguments and input text: escaped, like every console line.
        Output.write("s1check: \(ConsoleText.escaped(d.description))\n", to: STDERR_FILENO)
    }

    /// Colour only on a terminal, and never when NO_COLOR is set to anything (no-color.org).
    static func colourEnabled(_ fd: Int32 = STDOUT_FILENO) -> Bool {
        if let v = ProcessInfo.processInfo.environment["NO_COLOR"], !v.isEmpty { return false }
        return isatty(fd) == 1
    }
}

/// Standard output (and error), written with write(2): one path for text and report bytes, so they never
/// reorder.
enum Output {
    static func write(_ s: String, to fd: Int32 = STDOUT_FILENO) { write(Array(s.utf8), to: fd) }
    static func line(_ s: String) { write(s + "\n") }
    /// The console has nowhere to report its own write errors (a closed pipe ends the run by SIGPIPE).
    static func write(_ bytes: [UInt8], to fd: Int32 = STDOUT_FILENO) {
        _ = bytes.withUnsafeBytes { writeAll(fd, $0) }
    }

    /// Writes all of `buf` to `fd`; nil, or the reason it failed. Short writes are carried on (a disk
    /// filling up writes part of a buffer before it refuses the rest).
    static func writeAll(_ fd: Int32, _ buf: UnsafeRawBufferPointer) -> String? {
        var offset = 0
        while offset < buf.count {
            let n = systemWrite(fd, buf.baseAddress! + offset, buf.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN && waitWritable(fd) { continue }
                return SystemError.current
            }
            if n == 0 { return SystemError.reason(EIO) }
            offset += n
        }
        return nil
    }

    /// Waits until `fd` takes more bytes: standard output may have been left non-blocking by whoever
    /// started s1check, and a full pipe then answers EAGAIN instead of waiting.
    static func waitWritable(_ fd: Int32) -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        while true {
            let r = poll(&p, 1, -1)
            if r < 0 && errno == EINTR { continue }
            return r > 0 && (p.revents & Int16(POLLOUT)) != 0
        }
    }
}
