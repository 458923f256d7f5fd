import Dispatch

/// Results from concurrent workers: one slot per index, each written by exactly one worker, read once
/// all workers have finished. The one place s1check hands values across threads; workers write in any
/// order, readers see index order, which is what keeps parallel output deterministic.
public final class ConcurrentSlots<Element>: @unchecked Sendable {
    private var storage: [Element?]
    private let queue = DispatchQueue(label: "s1check.slots")

    public init(count: Int) { storage = Array(repeating: nil, count: count) }

    public func set(_ i: Int, _ value: Element) {
        queue.sync { storage[i] = value }
    }

    /// Moves the values out in index order (nil where a worker wrote nothing), leaving the slots empty.
    public func take() -> [Element?] {
        queue.sync {
            var out: [Element?] = []
            out.reserveCapacity(storage.count)
            for i in storage.indices { out.append(storage[i].take()) }
            return out
        }
    }
}
