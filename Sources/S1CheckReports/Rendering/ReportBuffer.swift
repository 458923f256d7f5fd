import Synchronization
import S1CheckCore

/// A report put together in memory as plans stream past: a `PlanSink` (each plan's section made on the
/// core that checked it, the sections added in plan order through a `ReportAssembler`), completed with
/// the head and tail once the run's outcome is known. The CLI writes the same parts to files instead.
public final class ReportBuffer: PlanSink {
    public let renderer: any ReportRenderer
    private let state: Mutex<(assembler: ReportAssembler, streams: [[UInt8]])>

    public init(_ renderer: any ReportRenderer) {
        self.renderer = renderer
        state = Mutex((ReportAssembler(renderer), Array(repeating: [], count: type(of: renderer).streams)))
    }

    public func part(for plan: FileResult) -> ReportSection { renderer.section(plan) }

    public func consume(_ parts: [ReportSection]) {
        state.withLock { st in
            for section in parts {
                for (s, bytes) in st.assembler.add(section).enumerated() { st.streams[s] += bytes }
            }
        }
    }

    /// The whole report: head, each stream's kept part, tail.
    public func finish(_ outcome: RunOutcome) -> [UInt8] {
        state.withLock { st in
            let (keep, omitted) = st.assembler.cut()
            var out = renderer.head(outcome, omitted: omitted)
            for (s, stream) in st.streams.enumerated() { out += renderer.lead(s, outcome, kept: keep) + st.assembler.join(before: s, keep: keep) + stream[0..<keep[s]] }
            out += renderer.tail(outcome, omitted: omitted)
            return out
        }
    }
}

/// Renders a whole run held in memory, through the pipeline's sinks as a checked run streams.
public enum ReportRendering {
    public static func render(_ format: ReportFormat, _ run: RunResult) -> [UInt8] {
        render(format.renderer(run.settings), run)
    }

    public static func render(_ renderer: any ReportRenderer, _ run: RunResult) -> [UInt8] {
        let report = ReportBuffer(renderer)
        // The run-level results follow the plans, as the pipeline hands them on.
        RunPipeline.deliver(run.plans + run.outcome.runResults, to: [report])
        return report.finish(run.outcome)
    }
}
