import S1CheckCore

/// The JSON report's test execution evidence (`--results`, docs/execution.md; format 1.6): per plan
/// (`plans[].execution`) and for the run (`execution`). Null where the run reads no results.
extension JSONReport {
    /// A plan's `execution`: nil without --results (or for a file that is not a plan).
    static func writePlanExecution(_ w: inout JSONWriter, _ execution: PlanExecution?) {
        guard let x = execution else { w.null("execution"); return }
        let e = x.evidence
        w.beginObject("execution")
        w.string("status", x.verdict.rawValue)
        writeCounts(&w, e.counts)
        w.string("earliest", e.earliest?.description)
        w.string("latest", e.latest?.description)
        w.number("undated", e.undated)
        w.beginArray("combinations")
        for c in e.combinations {
            w.beginCompactObject(); w.string("combination", c.combination); w.number("cases", c.cases); writePlace(&w, "first", c.first); w.endObject()
        }
        w.endArray()
        writeFiles(&w, x.files)
        w.beginArray("failures")
        for f in e.failures {
            w.beginCompactObject()
            writeCase(&w, "case", f.testCase)
            w.string("outcome", f.outcome.rawValue)
            w.string("message", f.message)
            w.number("messageBytes", f.messageBytes)
            w.bool("capped", f.capped)
            w.endObject()
        }
        w.endArray()
        w.number("failuresNotListed", e.failuresNotListed)
        w.endObject()
    }

    /// The run's `execution`: the files read, the cases linked and not, the plans executed.
    /// `plans`: the plans of the run that were checked (each not executed unless its id has cases that ran).
    static func writeRunExecution(_ w: inout JSONWriter, _ index: ExecutionIndex?, passedOver: [String], plans: Int) {
        guard let index else { w.null("execution"); return }
        w.beginObject("execution")
        writeFiles(&w, index.files)
        w.stringArray("passedOver", passedOver)
        w.beginCompactObject("cases")
        w.number("total", index.totalCases)
        w.number("linked", index.linkedCases)
        w.number("passed", index.passedCases)
        w.number("unlinked", index.unlinked.counts.linked)
        w.number("unknownPlans", index.unknownPlanCases)
        w.endObject()
        w.beginCompactObject("plans")
        w.number("executed", index.executedPlans)
        w.number("passed", index.passedPlans)
        w.number("notExecuted", max(0, plans - index.executedPlans))
        w.endObject()
        w.beginObject("unlinked")
        w.number("cases", index.unlinked.counts.linked)
        w.beginArray("named")
        for c in index.unlinked.cases { w.beginCompactObject(); writeCaseFields(&w, c); w.endObject() }
        w.endArray()
        w.endObject()
        w.beginArray("unknownPlans")
        for u in index.unknownPlans {
            w.beginCompactObject()
            w.string("id", u.planID)
            w.number("cases", u.evidence.counts.linked)
            if let first = u.evidence.first { writeCase(&w, "first", first) } else { w.null("first") }
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    static func writeCounts(_ w: inout JSONWriter, _ c: CaseCounts) {
        w.beginCompactObject("counts")
        w.number("linked", c.linked); w.number("passed", c.passed); w.number("failed", c.failed)
        w.number("errored", c.errored); w.number("skipped", c.skipped)
        w.endObject()
    }

    static func writeFiles(_ w: inout JSONWriter, _ files: [ResultsFileDigest]) {
        w.beginArray("files")
        for f in files {
            w.beginCompactObject(); w.string("file", f.file); w.string("sha256", f.sha256); w.number("cases", f.cases); w.endObject()
        }
        w.endArray()
    }

    static func writePlace(_ w: inout JSONWriter, _ key: String, _ at: ResultsLocation) {
        w.beginCompactObject(key)
        w.string("file", at.file); w.number("line", at.position.line); w.number("column", at.position.column)
        w.endObject()
    }

    static func writeCase(_ w: inout JSONWriter, _ key: String, _ c: CaseRef) {
        w.beginCompactObject(key)
        writeCaseFields(&w, c)
        w.endObject()
    }

    static func writeCaseFields(_ w: inout JSONWriter, _ c: CaseRef) {
        w.string("name", c.name)
        writePlace(&w, "at", c.at)
        w.string("source", c.source)
    }
}
