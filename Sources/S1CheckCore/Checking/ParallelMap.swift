import Dispatch
import Synchronization

/// `body(0) … body(count - 1)` on every core, results in index order whatever order the workers finish
/// in (which keeps parallel output deterministic). Work is handed out in chunks, so the lock is taken
/// once per chunk, not per item.
public func parallelMap<T: Sendable>(_ count: Int, chunk: Int = 16, _ body: @Sendable (Int) -> T) -> [T] {
    if count == 0 { return [] }
    let chunks = (count + chunk - 1) / chunk
    let parts = Mutex<[[T]?]>(Array(repeating: nil, count: chunks))
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
        let range = c * chunk..<min(count, (c + 1) * chunk)
        let part = range.map(body)
        parts.withLock { $0[c] = part }
    }
    return parts.withLock { all in
        var out: [T] = []
        out.reserveCapacity(count)
        for i in all.indices { out += all[i].take()! }
        return out
    }
}
