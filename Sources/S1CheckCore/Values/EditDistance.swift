/// Levenshtein distance over Unicode scalars, case-insensitively. Used for every "did you mean" in
/// s1check (unknown keys, unknown documents, near-miss device entries), so suggestions behave alike.
public func editDistance(_ a: String, _ b: String) -> Int {
    let x = SuggestionIndex.key(a), y = SuggestionIndex.key(b)
    var rows = SuggestionIndex.Rows()
    return SuggestionIndex.distance(x, y, within: max(x.count, y.count), rows: &rows)!
}

/// The candidates nearest to `word`, best first, at most `limit`, within `maxDistance`.
/// Ties keep the candidates' own order, so suggestions are deterministic. For a list searched more than
/// once, build a `SuggestionIndex` once instead.
public func nearest(to word: String, in candidates: [String], limit: Int = 3, maxDistance: Int) -> [String] {
    SuggestionIndex(candidates).nearest(to: word, limit: limit, maxDistance: maxDistance)
}

/// Candidate names prepared once for "did you mean" suggestions: each lowercased once, with a sketch of
/// its characters. A search skips a candidate whose length or sketch already puts it beyond the cutoff,
/// and stops the edit distance of the rest as soon as no cell of a row is within it; the cutoff tightens
/// to the worst suggestion kept once `limit` are held. Thousands of registry entries then cost little per
/// plan, even when nothing is near.
public struct SuggestionIndex: Sendable {
    private let names: [String]
    private let keys: [[UInt32]]
    /// Per candidate, which of the 64 character buckets it uses (one bit each)...
    private let masks: [UInt64]
    /// ...and how often (64 saturating counts per candidate, one after another).
    private let counts: [UInt8]
    private let longest: Int

    /// Duplicates are dropped (the first is kept), so a name is never suggested twice.
    public init(_ candidates: [String]) {
        var seen = Set<String>()
        var names: [String] = [], keys: [[UInt32]] = [], masks: [UInt64] = [], counts: [UInt8] = []
        for c in candidates where seen.insert(c).inserted {
            let k = SuggestionIndex.key(c)
            let sketch = SuggestionIndex.sketch(k)
            names.append(c)
            keys.append(k)
            masks.append(sketch.mask)
            counts += sketch.counts
        }
        self.names = names
        self.keys = keys
        self.masks = masks
        self.counts = counts
        longest = keys.map(\.count).max() ?? 0
    }


    /// The names within `maxDistance` of `word`, nearest first (ties in candidate order), at most `limit`.
    public func nearest(to word: String, limit: Int = 3, maxDistance: Int) -> [String] {
        guard limit > 0, maxDistance >= 0, !names.isEmpty else { return [] }
        // A scalar takes at most 4 bytes and lowercasing never removes one: a far longer word (a hostile
        // megabyte-long key) is out of reach before it is even lowercased.
        if word.utf8.count / 4 > longest + maxDistance { return [] }
        let w = SuggestionIndex.key(word)
        let ws = SuggestionIndex.sketch(w)
        var rows = Rows()
        var kept: [(distance: Int, index: Int)] = []
        var cutoff = maxDistance
        masks.withUnsafeBufferPointer { masks in
            counts.withUnsafeBufferPointer { counts in
                for i in 0..<masks.count {
                    let k = keys[i]
                    if abs(k.count - w.count) > cutoff { continue }
                    // Each bucket one side uses and the other does not needs at least one edit.
                    let m = masks[i]
                    if max((ws.mask & ~m).nonzeroBitCount, (m & ~ws.mask).nonzeroBitCount) > cutoff { continue }
                    if SuggestionIndex.countBound(ws.counts, counts, at: i * SuggestionIndex.buckets) > cutoff { continue }
                    guard let d = SuggestionIndex.distance(w, k, within: cutoff, rows: &rows) else { continue }
                    // Candidates come in order, so a later one must be strictly nearer to displace a kept one.
                    var at = kept.count
                    while at > 0 && kept[at - 1].distance > d { at -= 1 }
                    kept.insert((d, i), at: at)
                    if kept.count > limit { kept.removeLast() }
                    if kept.count == limit { cutoff = kept[limit - 1].distance - 1 }
                    if cutoff < 0 { break }
                }
            }
        }
        return kept.map { names[$0.index] }
    }

    /// What distances are measured on: the lowercased text's scalars.
    static func key(_ s: String) -> [UInt32] { s.lowercased().unicodeScalars.map(\.value) }

    static let buckets = 64

    /// Letters and digits each have a bucket; other characters share the rest.
    static func sketch(_ key: [UInt32]) -> (mask: UInt64, counts: [UInt8]) {
        var counts = [UInt8](repeating: 0, count: buckets)
        var mask: UInt64 = 0
        for v in key {
            let b: Int
            switch v {
            case 0x61...0x7A: b = Int(v - 0x61)
            case 0x30...0x39: b = 26 + Int(v - 0x30)
            default: b = 36 + Int(v % 28)
            }
            if counts[b] < 255 { counts[b] += 1 }
            mask |= 1 << UInt64(b)
        }
        return (mask, counts)
    }

    /// A lower bound on the edit distance: each edit changes at most one count up and one down, so the
    /// distance is at least the larger surplus either way. Sharing a bucket, or saturating, only makes
    /// the bound smaller, never wrong.
    static func countBound(_ a: [UInt8], _ all: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        a.withUnsafeBufferPointer { a in
            var more = 0, fewer = 0
            for i in 0..<buckets {
                let d = Int(a[i]) - Int(all[start + i])
                if d > 0 { more += d } else { fewer -= d }
            }
            return max(more, fewer)
        }
    }

    /// Scratch rows for `distance`, reused across candidates.
    struct Rows {
        var previous: [Int] = []
        var current: [Int] = []
    }

    /// The edit distance of `x` and `y` if it is at most `k`, else nil. Only the diagonal band of width
    /// 2k+1 can hold a distance within k, and once a whole row exceeds k the result does too.
    static func distance(_ x: [UInt32], _ y: [UInt32], within k: Int, rows: inout Rows) -> Int? {
        let m = x.count, n = y.count
        if abs(m - n) > k { return nil }
        if m == 0 { return n }
        if n == 0 { return m }
        let over = k + 1
        if rows.previous.count < n + 1 {
            rows.previous = [Int](repeating: 0, count: n + 1)
            rows.current = [Int](repeating: 0, count: n + 1)
        }
        for j in 0...n { rows.previous[j] = min(j, over) }
        for i in 1...m {
            let lo = max(1, i - k), hi = min(n, i + k)
            rows.current[lo - 1] = lo == 1 ? min(i, over) : over
            var rowMin = rows.current[lo - 1]
            let xi = x[i - 1]
            for j in lo...hi {
                let substitute = rows.previous[j - 1] + (xi == y[j - 1] ? 0 : 1)
                let delete = rows.previous[j] + 1
                let insert = rows.current[j - 1] + 1
                let v = min(substitute, delete, insert, over)
                rows.current[j] = v
                if v < rowMin { rowMin = v }
            }
            if hi < n { rows.current[hi + 1] = over }
            if rowMin > k { return nil }
            swap(&rows.previous, &rows.current)
        }
        let d = rows.previous[n]
        return d <= k ? d : nil
    }
}
