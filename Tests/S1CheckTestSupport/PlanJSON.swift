/// The one builder of plan files for tests: a plan's JSON text, by default a FOC plan that checks clean
/// against the embedded TBRD 1.24 baseline (one device, the SEC at its baseline version 72.0), each part
/// replaceable as JSON text; `nil` leaves the key out. `extra` is more members, written after `tbrd`
/// (`"testType": "X", `). The layout is one of the three the tests' plans are written in, so a finding's
/// line is where the test expects it:
///
/// - `indented`: `{`, then `id`…`tbrd`, the window, the devices and combinations, the artefacts and the
///   waivers each on a line of their own (a missing window leaves its line empty), then `}`;
/// - `threeLines`: `id`…`window`, then the devices and combinations, then the artefacts and waivers;
/// - `oneLine`.
///
/// A test's own kind of plan is a value (`PlanJSON(title: "t", layout: .oneLine)`), varied with `with`.
public struct PlanJSON: Sendable, CustomStringConvertible {
    public enum Layout: Sendable { case indented, threeLines, oneLine }

    public static let window = #"{"start": "2023-06-01", "end": "2023-06-30"}"#
    public static let device = #"[{"type": "ESME", "manufacturer": "M", "model": "X", "firmware": "1.0"}]"#
    public static let exampleDevice = #"[{"type": "ESME", "manufacturer": "Example Meters Ltd", "model": "EM-100", "firmware": "4.2.1"}]"#
    public static let sec = #"[{"document": "SEC", "version": "72.0"}]"#

    public var id: String
    public var title: String
    public var phase: String
    public var tbrd: String
    public var extra: String
    public var window: String?
    public var devices: String?
    public var combinations: String?
    public var artefacts: String
    public var waivers: String?
    public var layout: Layout

    public init(id: String = "T-1", title: String = "test plan", phase: String = "FOC", tbrd: String = "1.24", extra: String = "",
                window: String? = PlanJSON.window, devices: String? = PlanJSON.device, combinations: String? = "[]",
                artefacts: String = PlanJSON.sec, waivers: String? = "[]", layout: Layout = .indented) {
        self.id = id; self.title = title; self.phase = phase; self.tbrd = tbrd; self.extra = extra
        self.window = window; self.devices = devices; self.combinations = combinations
        self.artefacts = artefacts; self.waivers = waivers; self.layout = layout
    }

    /// This plan with the parts given replaced.
    public func with(id: String? = nil, title: String? = nil, phase: String? = nil, tbrd: String? = nil,
                     devices: String? = nil, combinations: String? = nil, artefacts: String? = nil, waivers: String? = nil) -> PlanJSON {
        var p = self
        if let id { p.id = id }
        if let title { p.title = title }
        if let phase { p.phase = phase }
        if let tbrd { p.tbrd = tbrd }
        if let devices { p.devices = devices }
        if let combinations { p.combinations = combinations }
        if let artefacts { p.artefacts = artefacts }
        if let waivers { p.waivers = waivers }
        return p
    }

    public var text: String {
        let head = #""id": "\#(id)", "title": "\#(title)", "phase": "\#(phase)", "tbrd": "\#(tbrd)","#
        let window = self.window.map { #""window": \#($0),"# }
        let devices = [self.devices.map { #""deviceModels": \#($0),"# }, combinations.map { #""deviceModelCombinations": \#($0),"# }].compactMap { $0 }
        let tail = #""artefacts": \#(artefacts)"# + (waivers.map { #", "waivers": \#($0)"# } ?? "")
        switch layout {
        case .indented:
            return """
            {
              \(head)\(extra.isEmpty ? "" : " " + extra)
              \(window ?? "")
              \(devices.joined(separator: " "))
              "artefacts": \(artefacts)\(waivers == nil ? "" : ",")
            \(waivers.map { "  \"waivers\": \($0)\n" } ?? "")}
            """
        case .threeLines:
            return "{" + ([head + extra] + (window.map { [$0] } ?? [])).joined(separator: " ") + "\n "
                + devices.joined(separator: " ") + "\n " + tail + "}"
        case .oneLine:
            return "{" + ([head + extra] + (window.map { [$0] } ?? []) + devices + [tail]).joined(separator: " ") + "}"
        }
    }

    public var bytes: [UInt8] { Array(text.utf8) }
    public var description: String { text }
}
