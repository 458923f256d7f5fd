extension Sequence where Element: Hashable {
    /// The elements in the order first seen, each once. Looked up in a set, not searched in the elements kept,
    /// so it is linear: thousands of distinct values cost thousands of lookups, not millions of comparisons
    /// (issue 26).
    public func distinctInOrder() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
