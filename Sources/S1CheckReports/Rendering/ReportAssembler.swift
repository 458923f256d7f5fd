import S1CheckCore

/// Puts one report together as plans stream past, without holding it: says which bytes each plan adds to
/// each stream (separators included), and at the end how much of each stream to keep so the report stays
/// within its renderer's limit. Pure: the caller keeps the streams (files for the CLI, arrays in memory).
public struct ReportAssembler: Sendable {
    private let streams: Int
    private let separator: [UInt8]
    private let limit: ReportLimit?
    /// Per stream: the items and bytes written so far (every part kept adds at least one byte), and (with
    /// a limit) after each part.
    private var totals: [(items: Int, bytes: Int)]
    private var boundaries: [[(items: Int, bytes: Int)]]
    /// With a limit: the first stream from which parts are no longer written, because the streams up to
    /// it already pass the limit (the cut would leave them out whatever came later), and the items of the
    /// parts left out so. A run far over the limit then spools no more than the limit's worth.
    private var dropFrom: Int
    private var droppedItems: [Int]

    public init(_ renderer: any ReportRenderer) {
        let type = type(of: renderer)
        streams = type.streams
        separator = type.separator
        limit = type.limit
        totals = Array(repeating: (0, 0), count: streams)
        boundaries = Array(repeating: [], count: streams)
        dropFrom = streams
        droppedItems = Array(repeating: 0, count: streams)
    }

    /// The bytes to append to each stream for the next plan's section.
    public mutating func add(_ section: ReportSection) -> [[UInt8]] {
        var out: [[UInt8]] = []
        out.reserveCapacity(streams)
        for s in 0..<streams {
            let part = s < section.parts.count ? section.parts[s] : []
            if part.isEmpty { out.append([]); continue }
            let items = s < section.items.count ? section.items[s] : 0
            // The part itself when no separator goes before it: no copy of the common case.
            let bytes = totals[s].bytes > 0 && !separator.isEmpty ? separator + part : part
            if let limit {
                // The streams up to this one, with this part, already pass the limit: since streams only
                // grow, the cut will leave this part (and every later one from here on) out.
                let upTo = (0...s).reduce(0) { $0 + limit.counts(items: totals[$1].items, bytes: totals[$1].bytes) }
                if s >= dropFrom || upTo + limit.counts(items: items, bytes: bytes.count) > limit.bound {
                    dropFrom = min(dropFrom, s)
                    droppedItems[s] += items
                    out.append([])
                    continue
                }
            }
            totals[s].items += items
            totals[s].bytes += bytes.count
            if limit != nil { boundaries[s].append(totals[s]) }
            out.append(bytes)
        }
        return out
    }

    /// How many bytes of each stream to keep, and how many items are left out. Streams are kept in order,
    /// part by part, until the next part would pass the limit; everything after it is left out.
    public func cut() -> (keep: [Int], omitted: Int) {
        guard let limit else { return (totals.map(\.bytes), 0) }
        var keep = Array(repeating: 0, count: streams)
        var used = 0, omitted = 0, full = false
        for s in 0..<streams {
            var keptItems = 0
            for b in boundaries[s] where !full {
                let size = limit.counts(items: b.items, bytes: b.bytes)
                if used + size > limit.bound { full = true; break }
                keep[s] = b.bytes
                keptItems = b.items
            }
            used += limit.counts(items: keptItems, bytes: keep[s])
            omitted += totals[s].items - keptItems
            omitted += droppedItems[s]
            // A stream that lost parts while streaming was cut: nothing after it is kept.
            if droppedItems[s] > 0 { full = true }
        }
        return (keep, omitted)
    }

    /// The bytes to write before stream `s`'s kept part: the separator when an earlier stream kept
    /// something too (a JSON array whose items come in several streams needs a comma where one stream's
    /// items meet the next's). `add` cannot know this, since a later plan may still add to an earlier stream.
    public func join(before s: Int, keep: [Int]) -> [UInt8] {
        keep[s] > 0 && keep[..<s].contains { $0 > 0 } ? separator : []
    }
}

extension ReportLimit {
    var bound: Int {
        switch self {
        case .items(let n), .bytes(let n): return n
        }
    }

    func counts(items: Int, bytes: Int) -> Int {
        switch self {
        case .items: return items
        case .bytes: return bytes
        }
    }
}

/// Renders a whole run held in memory, through the same parts the CLI streams.
public enum ReportRendering {
    public static func render(_ format: ReportFormat, _ run: RunResult) -> [UInt8] {
        render(format.renderer(run.settings), run)
    }

    public static func render(_ renderer: any ReportRenderer, _ run: RunResult) -> [UInt8] {
        var assembler = ReportAssembler(renderer)
        let sections = parallelMap(run.plans.count) { renderer.section(run.plans[$0]) }
        var streams = Array(repeating: [UInt8](), count: type(of: renderer).streams)
        for section in sections {
            for (s, bytes) in assembler.add(section).enumerated() { streams[s] += bytes }
        }
        let (keep, omitted) = assembler.cut()
        var out = renderer.head(run.outcome, omitted: omitted)
        for (s, stream) in streams.enumerated() {
            out += renderer.lead(s, run.outcome, kept: keep) + assembler.join(before: s, keep: keep) + stream[0..<keep[s]]
        }
        out += renderer.tail(run.outcome, omitted: omitted)
        return out
    }
}
