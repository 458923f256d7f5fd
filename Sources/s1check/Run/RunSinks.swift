#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import S1CheckCore
import S1CheckReports

/// The console as a sink of the run: a renderer with one stream and nothing before its parts (the console
/// formats), written straight to a descriptor: the head at once, each wave's lines as soon as the wave is checked (before
/// any report is written), the tail once the run is over.
final class ConsoleSink: PlanSink {
    let renderer: any ReportRenderer
    let fd: Int32
    private let assembler: Mutex<ReportAssembler>

    init(_ renderer: any ReportRenderer, fd: Int32) {
        let type = type(of: renderer)
        precondition(type.streams == 1 && type.limit == nil && !type.headNeedsOutcome, "the console takes a renderer it can write as it goes")
        self.renderer = renderer
        self.fd = fd
        assembler = Mutex(ReportAssembler(renderer))
        Output.write(renderer.opening(), to: fd)
    }

    func part(for plan: FileResult) -> ReportSection { renderer.section(plan) }

    func consume(_ parts: [ReportSection]) {
        let bytes = assembler.withLock { a in parts.flatMap { a.add($0)[0] } }
        Output.write(bytes, to: fd)
    }

    /// Writes what follows the plans' lines (the summary).
    func finish(_ outcome: RunOutcome) {
        Output.write(renderer.tail(outcome, omitted: 0), to: fd)
    }
}

/// The run's reports as a sink: each plan's part of every report, made on the core that checked it,
/// appended to the report set in plan order.
struct ReportSink: PlanSink {
    let reports: ReportSet
    private let renderers: [any ReportRenderer]

    init(_ reports: ReportSet) {
        self.reports = reports
        renderers = reports.renderers
    }

    func part(for plan: FileResult) -> [ReportSection] { renderers.map { $0.section(plan) } }

    func consume(_ parts: [[ReportSection]]) { reports.append(parts) }
}
