#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Removes the run's temporary files when it is interrupted (SIGINT, SIGTERM, SIGHUP, SIGPIPE), then
/// lets the signal end the process as it would have (the shell sees 128 + the signal number).
///
/// A signal handler may only call async-signal-safe functions: no allocation, no locks, no Swift
/// strings. So the paths live in memory set aside before the handler is installed, one fixed slot per
/// file, each with an atomic flag saying whether it holds a file to remove; a slot is never reused, so
/// the handler never reads a path being rewritten. The handler calls only `unlink`, `signal` and
/// `raise`. (A file made after the handler ran is left to the next run's stale-file cleanup.)
enum InterruptCleanup {
    static let slotCount = 64
    static let slotSize = Int(PATH_MAX) + 1

    // Addresses as integers: a pointer is not Sendable, and these are only ever read after they are set.
    private static let pathsAddress: Int = Int(bitPattern: UnsafeMutablePointer<CChar>.allocate(capacity: slotCount * slotSize))
    private static let armedAddress: Int = {
        let flags = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: slotCount)
        for i in 0..<slotCount { (flags + i).initialize(to: Atomic(0)) }
        return Int(bitPattern: flags)
    }()
    private static let nextSlot = Atomic<Int>(0)

    private static var paths: UnsafeMutablePointer<CChar> { UnsafeMutablePointer(bitPattern: pathsAddress)! }
    private static var armed: UnsafeMutablePointer<Atomic<Int>> { UnsafeMutablePointer(bitPattern: armedAddress)! }

    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGPIPE]

    /// Installs the handler (once, before any temporary file is made). A signal the process was started
    /// with ignored (`nohup`, a background job) stays ignored.
    static func install() {
        // Set up the slots now: a global's first use runs its initialiser, which must not happen inside
        // the handler.
        _ = paths
        _ = armed
        _ = nextSlot.load(ordering: .relaxed)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        for s in signals { sigaddset(&action.sa_mask, s) }
        action.sa_flags = Int32(bitPattern: SA_RESETHAND)
        var handled = sigset_t()
        sigemptyset(&handled)
        for s in signals {
            var old = sigaction()
            sigaction(s, nil, &old)
            if unsafeBitCast(old.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { continue }
            sigaction(s, &action, nil)
            sigaddset(&handled, s)
        }
        // A blocked signal is inherited across exec, usually by accident (a test runner's thread, a
        // supervisor): unblocked here, so the run can always be stopped, and cleaned up when it is. The
        // worker threads started later inherit this mask.
        pthread_sigmask(SIG_UNBLOCK, &handled, nil)
    }

    /// Records `path` for removal; call before the file is created. Nil when every slot is used (the file
    /// is then left to the stale-file cleanup) or the path does not fit a slot.
    static func arm(_ path: FilePath) -> Int? {
        guard path.bytes.count < slotSize else { return nil }
        let slot = nextSlot.wrappingAdd(1, ordering: .sequentiallyConsistent).oldValue
        guard slot < slotCount else { return nil }
        let start = paths + slot * slotSize
        path.bytes.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { start.update(from: $0.baseAddress!, count: b.count) }
        }
        start[path.bytes.count] = 0
        armed[slot].store(1, ordering: .sequentiallyConsistent)
        return slot
    }

    /// The file is gone or renamed into place: an interruption no longer removes it.
    static func disarm(_ slot: Int?) {
        guard let slot else { return }
        armed[slot].store(0, ordering: .sequentiallyConsistent)
    }

    private static let handler: @convention(c) (Int32) -> Void = { signo in
        let paths = UnsafeMutablePointer<CChar>(bitPattern: InterruptCleanup.pathsAddress)!
        let armed = UnsafeMutablePointer<Atomic<Int>>(bitPattern: InterruptCleanup.armedAddress)!
        var i = 0
        while i < InterruptCleanup.slotCount {
            if armed[i].load(ordering: .sequentiallyConsistent) == 1 { _ = unlink(paths + i * InterruptCleanup.slotSize) }
            i += 1
        }
        // SA_RESETHAND restored the default action; the signal is blocked until the handler returns,
        // and then ends the process.
        signal(signo, SIG_DFL)
        raise(signo)
    }
}
