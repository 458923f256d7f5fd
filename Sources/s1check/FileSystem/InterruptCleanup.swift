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
/// strings. So the paths live in memory set aside before the handler is installed, one slot per live
/// file, each with an atomic state: free, claimed (its path being written: the handler skips it) or
/// armed (the handler removes the file). A slot is claimed from free by compare-and-swap, written, then
/// armed; disarming frees it for the next file, so any number of files, one after another, are covered
/// (a run of `fix --write` over thousands of plans holds a few at a time). The handler reads only armed
/// slots, whose paths are not being written. It calls only `unlink`, `nanosleep`, `signal` and `raise`.
///
/// Other threads keep running while the handler does (a `fix --write` rewrites plans on every core), so a
/// file is made through `making`, which counts the makers at work: the handler first says the run is
/// ending, then waits (at most a second) until no maker is between its check and its `open`, and only then
/// removes the armed files; a maker that comes later makes nothing and waits for the end. So no file made
/// by a live thread outlives the interruption. (One that found every slot taken is left to the next run's
/// stale-file cleanup.)
enum InterruptCleanup {
    /// More than the files a run holds at once: a temporary file per report, spool and kept report, and
    /// one per plan being rewritten on each core.
    static let slotCount = 256
    static let slotSize = Int(PATH_MAX) + 1

    // Addresses as integers: a pointer is not Sendable, and these are only ever read after they are set.
    private static let pathsAddress: Int = Int(bitPattern: UnsafeMutablePointer<CChar>.allocate(capacity: slotCount * slotSize))
    private static let armedAddress: Int = {
        let flags = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: slotCount)
        for i in 0..<slotCount { (flags + i).initialize(to: Atomic(0)) }
        return Int(bitPattern: flags)
    }()
    static let free = 0, claimed = 1, armedState = 2
    /// Set by the handler before it reads any slot: a slot claimed after that is not written (its path
    /// could be one the handler is reading, left there by the slot's previous file).
    private static let handlingAddress: Int = {
        let flag = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: 1)
        flag.initialize(to: Atomic(0))
        return Int(bitPattern: flag)
    }()
    private static var handling: UnsafeMutablePointer<Atomic<Int>> { UnsafeMutablePointer(bitPattern: handlingAddress)! }
    /// How many threads are making an armed file right now (between their check of `handling` and the end
    /// of their `open`/`link`): the handler waits for them before it removes the files.
    private static let makersAddress: Int = {
        let count = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: 1)
        count.initialize(to: Atomic(0))
        return Int(bitPattern: count)
    }()
    private static var makers: UnsafeMutablePointer<Atomic<Int>> { UnsafeMutablePointer(bitPattern: makersAddress)! }
    static let makersWaitMilliseconds = 1000

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
        _ = handling
        _ = makers
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

    /// Records `path` for removal; call before the file is created. Nil when every slot is in use (the
    /// file is then left to the stale-file cleanup) or the path does not fit a slot.
    static func arm(_ path: FilePath) -> Int? {
        guard path.bytes.count < slotSize else { return nil }
        var found: Int?
        for i in 0..<slotCount where armed[i].compareExchange(expected: free, desired: claimed, ordering: .sequentiallyConsistent).exchanged {
            found = i
            break
        }
        guard let slot = found else { return nil }
        // The handler runs (the process is ending): the slot's old path may be being read; leave it, and
        // make no file.
        if handling.pointee.load(ordering: .sequentiallyConsistent) != 0 { waitForTheEnd() }
        let start = paths + slot * slotSize
        path.bytes.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { start.update(from: $0.baseAddress!, count: b.count) }
        }
        start[path.bytes.count] = 0
        armed[slot].store(armedState, ordering: .sequentiallyConsistent)
        return slot
    }

    /// Makes the file armed by `arm` (`make` is its `open` or `link`), unless the process is ending: then
    /// it waits for the end instead, so the handler never misses a file made while it runs.
    static func making<T>(_ make: () -> T) -> T {
        makers.pointee.add(1, ordering: .sequentiallyConsistent)
        if handling.pointee.load(ordering: .sequentiallyConsistent) != 0 {
            makers.pointee.subtract(1, ordering: .sequentiallyConsistent)
            waitForTheEnd()
        }
        let made = make()
        makers.pointee.subtract(1, ordering: .sequentiallyConsistent)
        return made
    }

    /// The handler is ending the process: this thread waits for it.
    private static func waitForTheEnd() -> Never {
        while true { pause() }
    }

    /// The file is gone or renamed into place: an interruption no longer removes it, and the slot is free
    /// for another file.
    static func disarm(_ slot: Int?) {
        guard let slot else { return }
        armed[slot].store(free, ordering: .sequentiallyConsistent)
    }

    private static let handler: @convention(c) (Int32) -> Void = { signo in
        let paths = UnsafeMutablePointer<CChar>(bitPattern: InterruptCleanup.pathsAddress)!
        let armed = UnsafeMutablePointer<Atomic<Int>>(bitPattern: InterruptCleanup.armedAddress)!
        UnsafeMutablePointer<Atomic<Int>>(bitPattern: InterruptCleanup.handlingAddress)!.pointee.store(1, ordering: .sequentiallyConsistent)
        // Makers that passed their check before the store finish their open first (bounded: the maker may
        // be this very thread, interrupted).
        let makers = UnsafeMutablePointer<Atomic<Int>>(bitPattern: InterruptCleanup.makersAddress)!
        var pause = timespec(tv_sec: 0, tv_nsec: 1_000_000)
        var waited = 0
        while makers.pointee.load(ordering: .sequentiallyConsistent) > 0 && waited < InterruptCleanup.makersWaitMilliseconds {
            nanosleep(&pause, nil)
            waited += 1
        }
        var i = 0
        while i < InterruptCleanup.slotCount {
            if armed[i].load(ordering: .sequentiallyConsistent) == 2 { _ = unlink(paths + i * InterruptCleanup.slotSize) }
            i += 1
        }
        // SA_RESETHAND restored the default action; the signal is blocked until the handler returns,
        // and then ends the process.
        signal(signo, SIG_DFL)
        raise(signo)
    }
}
