#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import Synchronization
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

extension Console {
    /// The console's renderer for `check`: `--format`, with `--quiet` or `--verbose`, and `--statistics`.
    /// (`--quiet` with `--verbose` is refused by the table, as contradicting options, before anything runs.)
    static func renderer(_ a: ParsedArguments, format: ConsoleFormat, settings: RunSettings, fd: Int32) -> any ReportRenderer {
        let detail: ConsoleReport.Detail = a[CheckCommand.quiet] ? .quiet : a[CheckCommand.verbose] ? .verbose : .normal
        let statistics = a[CheckCommand.statistics] ? ConsoleReport.Statistics() : nil
        switch format {
        case .text:
            return ConsoleReport(settings: settings, style: ConsoleReport.Style(colour: colourEnabled(fd), detail: detail), statistics: statistics)
        case .github:
            return GitHubAnnotations(settings: settings, detail: detail, statistics: statistics)
        }
    }
}

/// Standard output (and error), written with write(2): one path for text and report bytes, so they never
/// reorder.
enum Output {
    static func write(_ s: String, to fd: Int32 = STDOUT_FILENO) { write(Array(s.utf8), to: fd) }
    static func line(_ s: String) { write(s + "\n") }

    /// Why standard output could not be written, from the first write that failed (nil: every write went
    /// through). A plan printed by `init` into a full disk is no plan: `finish` turns this into exit 2.
    private static let standardOutputFailure = Mutex<String?>(nil)

    /// Writes to `fd`. A failure on standard output is kept (and nothing more is written there) for
    /// `finish` to report; standard error has nowhere to report its own (a closed pipe ends the run by
    /// SIGPIPE, as it does for standard output).
    static func write(_ bytes: [UInt8], to fd: Int32 = STDOUT_FILENO) {
        guard fd == STDOUT_FILENO else {
            _ = bytes.withUnsafeBytes { writeAll(fd, $0) }
            return
        }
        standardOutputFailure.withLock { failure in
            guard failure == nil else { return }
            failure = bytes.withUnsafeBytes { writeAll(fd, $0) }
        }
    }

    /// The end of every command: closes standard output (a file system may report a failed write only
    /// then) and returns the write error that makes the run exit 2 when anything written there was
    /// lost: `standard output: cannot write: the disk is full`.
    static func finish() -> Diagnostic? {
        var reason = standardOutputFailure.withLock { $0 }
        if reason == nil, close(STDOUT_FILENO) != 0, errno != EBADF, errno != EINTR {
            reason = SystemError.current
        }
        return reason.map { .write(file: "standard output", "cannot write: \($0); what was printed is incomplete") }
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
