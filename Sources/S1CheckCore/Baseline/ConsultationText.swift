/// Phrases for consultation notes and events, shared by findings and reports.
public enum ConsultationText {
    public static func describe(_ n: ConsultationNote) -> String {
        switch (n.opened, n.closed) {
        case let (o?, c?): return "\(n.what), \(o) to \(c)"
        case let (nil, c?): return "\(n.what), closed \(c)"
        case let (o?, nil): return "\(n.what), opened \(o)"
        case (nil, nil): return n.what
        }
    }

    public static func describe(_ e: ConsultationEvent) -> String {
        let phases = e.phases.map { " (\($0.map(\.rawValue).joined(separator: ", ")))" } ?? ""
        return "set to be supplemented by changes related to the \(e.what) on \(e.date)\(phases)"
    }

    /// Every note, then every event, each as one phrase.
    public static func lines(_ c: Consultation) -> [String] {
        c.notes.map(describe) + c.events.map(describe)
    }
}
