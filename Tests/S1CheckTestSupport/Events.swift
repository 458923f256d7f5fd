import Foundation
#if canImport(Glibc)
import Glibc
#endif

// Tests wait on events, not on clocks: a process's exit (its termination handler), data or a hang-up on
// a FIFO (poll). A timeout is only a safety net after which the test fails; no result depends on how
// long anything takes, and no test sleeps.

/// A process's exit, as an event: made before `run()`, it takes the process's termination handler.
public final class ExitSignal: Sendable {
    private let exited = DispatchSemaphore(value: 0)

    /// `also` runs when the process has exited, before the waiter wakes (e.g. `Marker.hangUp`).
    public init(_ process: Process, also: (@Sendable () -> Void)? = nil) {
        process.terminationHandler = { [exited] _ in also?(); exited.signal() }
    }

    /// Waits for the exit: false if the process still runs after `timeout` seconds (the safety net).
    public func wait(timeout: TimeInterval) -> Bool {
        exited.wait(timeout: .now() + timeout) == .success
    }
}

/// Waits until `fd` has data to read or its writers hung up: false after `timeout` seconds.
public func waitReadable(_ fd: Int32, timeout: TimeInterval) -> Bool {
    var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    let ms = Int32(min(timeout * 1000, Double(Int32.max)))
    while true {
        let r = poll(&p, 1, ms)
        if r < 0 && errno == EINTR { continue }
        return r > 0
    }
}

/// A point a child process reaches, as an event: a FIFO in place of the marker file it writes (the
/// `paused` file of `fix`'s test hook). The child's `open(O_WRONLY|O_CREAT)` opens the FIFO, since this
/// reader holds it open; what it writes, and its close, wake `wait`.
public final class Marker: Sendable {
    public let path: String
    private let fd: Int32

    public init(path: String) throws {
        self.path = path
        guard mkfifo(path, 0o644) == 0 else { throw MarkerError(description: "mkfifo \(path): errno \(errno)") }
        // A reader that does not wait for a writer: until one opens the FIFO, poll reports nothing.
        fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw MarkerError(description: "open \(path): errno \(errno)") }
    }

    deinit { close(fd) }

    /// Wakes `wait` with nothing written: for the child's exit (an `ExitSignal`'s `also`).
    public func hangUp() {
        let w = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        if w >= 0 { close(w) }
    }

    /// What the child wrote, once it closed the marker; empty if it hung up without writing (`hangUp`);
    /// nil if nothing came within `timeout` seconds.
    public func wait(timeout: TimeInterval) -> [UInt8]? {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while waitReadable(fd, timeout: timeout) {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 { bytes += buffer[..<n]; continue }
            if n < 0 && (errno == EAGAIN || errno == EINTR) { continue }
            return bytes  // the writer closed
        }
        return nil
    }
}

public struct MarkerError: Error, CustomStringConvertible {
    public let description: String
}
