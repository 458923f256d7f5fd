import Foundation
import S1CheckCore
import S1CheckReports

/// Diagnostics on standard error, in one form: `s1check: <location>: <path>: <message>`.
enum Console {
    static func report(_ d: Diagnostic) {
        let label = d.severity == .error ? "" : "\(d.severity.rawValue): "
        // The description quotes file names, arguments and input text: escaped, like every console line.
        Output.write("s1check: \(label)\(ConsoleText.escaped(d.description))\n", to: STDERR_FILENO)
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
    static func write(_ bytes: [UInt8], to fd: Int32 = STDOUT_FILENO) {
        bytes.withUnsafeBytes { buf in
            var offset = 0
            while offset < buf.count {
                let n = Foundation.write(fd, buf.baseAddress! + offset, buf.count - offset)
                if n < 0 { if errno == EINTR { continue }; return }
                offset += n
            }
        }
    }
}
