/// Where a run's plans come from: how many there are, the name each is reported under, and each plan's
/// bytes. The library reads nothing itself: the CLI's source reads files (and knows which of them a report
/// would replace), tests and the fuzzer give bytes held in memory.
///
/// `read` is called on any core, concurrently, and may be called more than once for a plan (a run too
/// large to keep every plan's bytes between its two passes reads some again); the last read of a plan is
/// the one it is checked on.
public protocol PlanSource: Sendable {
    var count: Int { get }
    /// How many of the `count` entries are plans found; the others are paths given that could not be used
    /// (each reported as an unreadable file). None found: the run is an input error ("no plan found").
    var plansFound: Int { get }
    /// The plan's name in every output: its path as the user gave it.
    func name(_ index: Int) -> String
    /// The plan's path as the file system has its bytes, when `name` is not their text (the machine
    /// locations of SARIF, Code Quality and GitHub use it); nil: `name` is the path.
    func location(_ index: Int) -> [UInt8]?
    func read(_ index: Int) -> PlanRead
}

extension PlanSource {
    public func location(_ index: Int) -> [UInt8]? { nil }
    public var plansFound: Int { count }
}

/// What reading one plan gave.
public enum PlanRead: Sendable {
    /// The plan's bytes, to be decoded and checked.
    case bytes([UInt8])
    /// Nothing to check: the plan is reported as unreadable, with these input errors.
    case unreadable([Diagnostic])
    /// Read, but not to be checked: the bytes count for the run's plan ids as any plan's do, and the plan
    /// is reported unreadable with `reason` (the CLI: the file is one a report would replace).
    case refused([UInt8], reason: Diagnostic)

    /// The bytes read, if any.
    public var bytes: [UInt8]? {
        switch self {
        case .bytes(let b), .refused(let b, _): return b
        case .unreadable: return nil
        }
    }
}

/// Plans held in memory, in run order.
public struct MemoryPlanSource: PlanSource {
    public let files: [(name: String, bytes: [UInt8])]

    public init(_ files: [(name: String, bytes: [UInt8])]) {
        self.files = files
    }

    public var count: Int { files.count }
    public func name(_ index: Int) -> String { files[index].name }
    public func read(_ index: Int) -> PlanRead { .bytes(files[index].bytes) }
}
