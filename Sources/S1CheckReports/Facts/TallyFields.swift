import S1CheckCore

extension JSONWriter {
    /// The run's counts as the JSON report and SARIF's run properties both state them: findings by status
    /// (in `order`) and the deviations, from the one tally every report reads.
    mutating func tallyFields(_ tally: Tally, order: [Status]) {
        beginObject("findings")
        for s in order { number(s.rawValue, tally.findings[s]) }
        endObject()
        beginObject("deviations")
        number("total", tally.deviations)
        number("waived", tally.waivedDeviations)
        number("policy", tally.policyDeviations)
        endObject()
    }
}
