import S1CheckCore

/// How one report format is rendered, shaped for streaming: a part for each plan (made on any thread, as
/// soon as the plan is checked), and what comes before and after the parts once the whole run is known.
/// A run's memory then does not grow with its findings: the CLI writes each plan's parts out and keeps
/// only the run's outcome for the head and tail.
///
/// A report is: head, then every part of stream 0 in plan order, then every part of stream 1, …, then the
/// tail; each stream after its lead (usually nothing). Most formats have one stream; SARIF, for example, puts the most severe results first by giving
/// each severity its own stream.
public protocol ReportRenderer: Sendable {
    init(settings: RunSettings)
    /// How many streams a plan's part is split into.
    static var streams: Int { get }
    /// Bytes between two non-empty parts of a stream, and where one stream's kept parts follow another's
    /// (a JSON array's comma).
    static var separator: [UInt8] { get }
    /// A bound on the whole report's streams, kept by leaving out parts from the end (later streams
    /// first), whole or, where a section says where its items end, item by item; the head and tail are
    /// told how many items were left out.
    static var limit: ReportLimit? { get }
    /// Whether the head depends on the outcome (totals, a summary table). A report whose head does not,
    /// with one stream and no limit (so nothing can be left out), is written straight into its file,
    /// head first; any other is spooled and its head written once the run is over.
    static var headNeedsOutcome: Bool { get }

    /// One plan's part of each stream. Pure: called concurrently, in any order.
    func section(_ plan: FileResult) -> ReportSection
    func head(_ outcome: RunOutcome, omitted: Int) -> [UInt8]
    /// The head of a report whose head does not depend on the run (`headNeedsOutcome` false), from the
    /// settings the renderer was made with: written before the first plan. Its `head` is the same bytes.
    func opening() -> [UInt8]
    /// What goes just before stream `stream`'s parts (after the head, or after the stream before): a
    /// heading, a table's closing and the next one's opening. `kept`: the bytes each stream keeps, so a
    /// table is opened only for rows that are there. Most formats have none.
    func lead(_ stream: Int, _ outcome: RunOutcome, kept: [Int]) -> [UInt8]
    func tail(_ outcome: RunOutcome, omitted: Int) -> [UInt8]
}

extension ReportRenderer {
    public static var streams: Int { 1 }
    public static var separator: [UInt8] { [] }
    public static var limit: ReportLimit? { nil }
    public static var headNeedsOutcome: Bool { true }
    public func lead(_ stream: Int, _ outcome: RunOutcome, kept: [Int]) -> [UInt8] { [] }
    public func opening() -> [UInt8] { [] }
}

/// One plan's part of a report: bytes for each stream, and how many items (results, rows) each holds.
public struct ReportSection: Sendable {
    public var parts: [[UInt8]]
    public var items: [Int]
    /// Per stream, where each item ends in its part (a byte count), for a report limited by items whose
    /// parts may be cut between two items; empty: a part is kept or left out whole.
    public var itemEnds: [[Int]]

    public init(parts: [[UInt8]], items: [Int], itemEnds: [[Int]] = []) {
        self.parts = parts
        self.items = items
        self.itemEnds = itemEnds
    }

    /// A single-stream part.
    public init(_ bytes: [UInt8], items: Int = 1) {
        self.init(parts: [bytes], items: [items])
    }
}

/// A bound on a report's size: a number of items (SARIF results), or of bytes (a job-page summary).
public enum ReportLimit: Sendable, Hashable {
    case items(Int)
    case bytes(Int)
}
