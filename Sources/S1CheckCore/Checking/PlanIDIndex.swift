/// The plan ids of a whole run, gathered before any plan is checked, so that `duplicate-plan-id` is made
/// with each plan's other findings and a plan's results are final (and can be streamed to the reports)
/// as soon as it is checked. Only ids used more than once are kept.
///
/// Ids are read with a quick look at each file; the files behind a shared id (rare) are then decoded in
/// full, and only those that are plans count: a broken copy of a plan is an input error, not a
/// duplicate.
public struct PlanIDIndex: Sendable {
    private var shared: [String: [String]] = [:]
    /// The same files as a set per id, so a plan finds itself among them at once.
    private var members: [String: Set<String>] = [:]

    public init() {}

    /// `entries`: each plan file with the id it declares, if one could be read.
    public init(_ entries: [(file: String, id: String?)]) {
        var first: [String: String] = [:]
        first.reserveCapacity(entries.count)
        for (file, id) in entries {
            guard let id else { continue }
            if let earlier = first.updateValue(file, forKey: id) {
                first[id] = earlier
                if shared[id] == nil { shared[id] = [earlier] }
                shared[id]!.append(file)
            }
        }
    }

    /// The index with each shared id's files decoded in full, keeping those that decode as a plan with
    /// that id. `read` gives a file's bytes (nil if it cannot be read).
    public func confirmed(names: DocumentNames, read: (String) -> [UInt8]?) -> PlanIDIndex {
        var out = PlanIDIndex()
        for (id, files) in shared {
            let plans = files.filter { file in
                guard let bytes = read(file), let plan = try? PlanDecoding.decode(file: file, bytes: bytes, names: names) else { return false }
                return plan.id == id
            }
            if plans.count > 1 {
                out.shared[id] = plans
                out.members[id] = Set(plans)
            }
        }
        return out
    }

    /// The other files declaring `id` than `file`: the first `limit` of them (in run order) and how many
    /// more there are. The same few names for each of the plans: thousands of copies of one plan cost
    /// each of them a short list, not a list of every other (which grows with the square of their number).
    public func others(than file: String, for id: String, limit: Int) -> (first: [String], more: Int) {
        guard let files = shared[id] else { return ([], 0) }
        let first = Array(files.prefix(limit + 1).lazy.filter { $0 != file }.prefix(limit))
        let total = files.count - (members[id]?.contains(file) == true ? 1 : 0)
        return (first, total - first.count)
    }
}
