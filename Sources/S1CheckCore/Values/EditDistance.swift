/// Levenshtein distance over Unicode scalars, case-insensitively. Used for every "did you mean" in
/// s1check (unknown keys, unknown documents, near-miss device entries), so suggestions behave alike.
public func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a.lowercased().unicodeScalars)
    let y = Array(b.lowercased().unicodeScalars)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
        current[0] = i
        for j in 1...y.count {
            let cost = x[i - 1] == y[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        swap(&previous, &current)
    }
    return previous[y.count]
}

/// The candidates nearest to `word`, best first, at most `limit`, within `maxDistance`.
/// Ties keep the candidates' own order, so suggestions are deterministic.
public func nearest(to word: String, in candidates: [String], limit: Int = 3, maxDistance: Int) -> [String] {
    candidates.enumerated()
        .map { (index: $0.offset, name: $0.element, distance: editDistance(word, $0.element)) }
        .filter { $0.distance <= maxDistance }
        .sorted { ($0.distance, $0.index) < ($1.distance, $1.index) }
        .prefix(limit)
        .map(\.name)
}
