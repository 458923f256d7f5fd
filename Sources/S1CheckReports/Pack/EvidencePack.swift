import S1CheckCore

/// The SVTAD evidence pack (`--markdown`, `--html`), laid out once for both formats, verdict first:
///
/// 1. the verdict, and what blocks the release: every failure, then every warning, each with its plan,
///    check, clause and file:line;
/// 2. the coverage of the release scope (when one is given);
/// 3. waivers and exclusions, with reason, approver and expiry;
/// 4. the baseline and the inputs, with their SHA-256;
/// 5. each plan: its devices, its findings that are not passes, its passes as a count with the list folded;
/// 6. a sign-off block;
/// 7. the command that reproduces the run.
///
/// The failures, warnings, waivers and plans come from each plan as it is checked, so each is a stream of
/// its own (see `ReportRenderer`), between the leads that open and close its table.
public struct EvidencePack<Syntax: PackSyntax>: ReportRenderer {
    let settings: RunSettings
    /// The registry's device models by id, to name a combination's members.
    let models: [String: DeviceRegistry.Model]

    enum Stream: Int, CaseIterable {
        case failures, warnings, waivers, plans
    }

    public static var streams: Int { Stream.allCases.count }

    public init(settings: RunSettings) {
        self.settings = settings
        var models: [String: DeviceRegistry.Model] = [:]
        for m in settings.registry?.deviceModels ?? [] where models[m.id] == nil { models[m.id] = m }
        self.models = models
    }

    public func section(_ plan: FileResult) -> ReportSection {
        var parts: [[UInt8]] = [], items: [Int] = []
        for stream in Stream.allCases {
            var w = Syntax(capacity: stream == .plans ? 1 << 12 : 1 << 9)
            switch stream {
            case .failures: items.append(blockerRows(&w, plan, .fail))
            case .warnings: items.append(blockerRows(&w, plan, .warn))
            case .waivers: items.append(waiverRows(&w, plan))
            // Only a plan (read or not) has a section of its own here; the run-level results' findings are
            // rows of the blockers, their files' sections are the coverage and the waivers.
            case .plans: if Self.section(of: plan) == Self.anchor(plan) { planSection(&w, plan); items.append(1) } else { items.append(0) }
            }
            parts.append(w.finish())
        }
        return ReportSection(parts: parts, items: items)
    }
}
