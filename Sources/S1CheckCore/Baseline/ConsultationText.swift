/// Phrases for consultation notes and events, shared by findings and reports.
public enum ConsultationText {
    public static func describe(_ n: ConsultationNote) -> String {
        let what = n.supplements ? "supplemented by \(n.what)" : n.what
        switch (n.opened, n.closed) {
        case let (o?, c?): return "\(what), held \(o) to \(c)"
        case let (nil, c?): return "\(what), which closed on \(c)"
        case let (o?, nil): return "\(what), opened \(o)"
        case (nil, nil): return what
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
