import Dispatch
import S1CheckCore

/// Renders each plan's part of a report on every core, and appends the parts in plan order.
///
/// Plans are taken in waves (`waveSize`), split into chunks rendered concurrently, so a report of ten
/// thousand plans uses both cores while holding only one wave's text at a time; the output is the same
/// bytes as rendering one plan after another.
enum PlanSections {
    static let waveSize = 1024
    static let chunkSize = 64

    static func render(_ plans: [PlanResult], into out: inout TextBuffer,
                       section: @Sendable (Int, PlanResult, inout TextBuffer) -> Void) {
        var start = 0
        while start < plans.count {
            let end = min(start + waveSize, plans.count)
            let chunks = stride(from: start, to: end, by: chunkSize).map { $0..<min($0 + chunkSize, end) }
            let parts = ConcurrentSlots<[UInt8]>(count: chunks.count)
            DispatchQueue.concurrentPerform(iterations: chunks.count) { c in
                var buffer = TextBuffer(capacity: 1 << 18)
                for i in chunks[c] { section(i, plans[i], &buffer) }
                parts.set(c, buffer.finish())
            }
            for part in parts.take() {
                out.append(part!)
                out.flushIfLarge()
            }
            start = end
        }
    }
}
