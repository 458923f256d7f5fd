/// Phrases for consultation notes and events, shared by findings and reports.
public enum ConsultationText {
    public static func describe(_ n: ConsultationNote) -> String {
        // "supplemented by X, which closed on …" for what the version is supplemented by; "X closed on …"
        // for a consultation the TBRD only records (AM's second note).
        if n.supplements {
            let what = "supplemented by \(n.what)"
            switch (n.opened, n.closed) {
            case let (o?, c?): return "\(what), held \(o) to \(c)"
            case let (nil, c?): return "\(what), which closed on \(c)"
            case let (o?, nil): return "\(what), opened \(o)"
            case (nil, nil): return what
            }
        }
        switch (n.opened, n.closed) {
        case let (o?, c?): return "\(n.what) was held \(o) to \(c)"
        case let (nil, c?): return "\(n.what) closed on \(c)"
        case let (o?, nil): return "\(n.what) opened on \(o)"
        case (nil, nil): return n.what
        }
    }

    public static func describe(_ e: ConsultationEvent) -> String {
        // The phases, unless the event's own words name them ("… in the SMETS1 IOC cohort").
        let words = Set(e.what.split(separator: " ").map(String.init))
        let phases = e.phases.flatMap { p in p.allSatisfy { words.contains($0.rawValue) } ? nil : " (\(p.map(\.rawValue).joined(separator: ", ")))" } ?? ""
        return "set to be supplemented by changes related to the \(e.what) on \(e.date)\(phases)"
    }

    /// Every note, then every event, each as one phrase.
    public static func lines(_ c: Consultation) -> [String] {
        c.notes.map(describe) + c.events.map(describe)
    }
}
