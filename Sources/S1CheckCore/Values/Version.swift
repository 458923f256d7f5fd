/// A document version as a dotted number: `5.1`, `72.0`, `1.24`.
///
/// Compares component by component as numbers (5.10 is newer than 5.9), and missing trailing components
/// count as zero (5.1 equals 5.1.0), so equality and ordering agree.
public struct Version: Sendable, Comparable, Hashable, CustomStringConvertible {
    /// The components as written (leading zeros dropped).
    public let components: [Int]
    /// "5.10": kept, since every finding prints its versions.
    public let description: String

    /// Each component is at most nine digits: enough for any real version, and no integer overflow.
    static let maximumComponentDigits = 9

    public init?(components: [Int]) {
        guard !components.isEmpty, components.allSatisfy({ $0 >= 0 && $0 < 1_000_000_000 }) else { return nil }
        self.components = components
        self.description = Version.text(components)
    }

    /// Strict form, as baseline files hold it: digits separated by single dots, nothing else. A part
    /// has no leading zero: "5.01" is refused, not read as 5.1 (it may have been meant as 5.0.1 or 5.10).
    public init?(dotted text: String) {
        var components: [Int] = []
        var current = 0
        var digits = 0
        for b in text.utf8 {
            if b >= 0x30 && b <= 0x39 {
                if digits == 1 && current == 0 { return nil }
                digits += 1
                if digits > Version.maximumComponentDigits { return nil }
                current = current * 10 + Int(b - 0x30)
            } else if b == UInt8(ascii: ".") {
                if digits == 0 { return nil }
                components.append(current)
                current = 0
                digits = 0
            } else {
                return nil
            }
        }
        if digits == 0 { return nil }
        components.append(current)
        self.components = components
        self.description = Version.text(components)
    }

    /// Why `text` is refused when it is for a leading zero: the first part written with one ("01" in
    /// "5.01") and what the text would read as without them ("5.1"), which it may not mean.
    public static func leadingZero(_ text: String) -> (part: Substring, reading: String)? {
        let isDigit = { (c: Character) in c >= "0" && c <= "9" }
        let parts: [Substring] = text.split(whereSeparator: { !isDigit($0) })
        guard let part = parts.first(where: { $0.count > 1 && $0.first == "0" }) else { return nil }
        var reading = "", run = ""
        for c in text + " " {
            if isDigit(c) { run.append(c); continue }
            if !run.isEmpty { reading += run.drop { $0 == "0" }.isEmpty ? "0" : String(run.drop { $0 == "0" }); run = "" }
            reading.append(c)
        }
        return (part, String(reading.dropLast()))
    }

    static func text(_ components: [Int]) -> String { components.map(String.init).joined(separator: ".") }

    /// The forms people write in plans: `5.1`, `v5.1`, `V5.1`, `Version 5.1` (any case, surrounding space ignored).
    public init?(written text: String) {
        // Most versions are written plainly ("5.1"): try that first, without building new strings.
        if let plain = Version(dotted: text) {
            self = plain
            return
        }
        var rest = Substring(text.trimmingWhitespace())
        let lower = rest.lowercased()
        if lower.hasPrefix("version") {
            rest = rest.dropFirst("version".count)
        } else if lower.hasPrefix("v") {
            rest = rest.dropFirst()
        }
        self.init(dotted: String(rest.trimmingWhitespace()))
    }

    /// Without trailing zero components, for equality and hashing.
    private var significant: ArraySlice<Int> {
        var end = components.count
        while end > 1 && components[end - 1] == 0 { end -= 1 }
        return components[0..<end]
    }

    public static func == (a: Version, b: Version) -> Bool { a.significant == b.significant }
    public func hash(into hasher: inout Hasher) { hasher.combine(Array(significant)) }

    public static func < (a: Version, b: Version) -> Bool {
        let n = max(a.components.count, b.components.count)
        for k in 0..<n {
            let x = k < a.components.count ? a.components[k] : 0
            let y = k < b.components.count ? b.components[k] : 0
            if x != y { return x < y }
        }
        return false
    }

}

extension StringProtocol {
    /// Trims spaces, tabs and newlines at both ends (Foundation-free, so the core stays small and fast).
    public func trimmingWhitespace() -> Substring {
        // ASCII text with nothing to trim (the usual case) needs no Unicode property lookups.
        let scalars = self.unicodeScalars
        if let first = scalars.first, let last = scalars.last,
           first.value > 0x20 && first.value < 0x80 && last.value > 0x20 && last.value < 0x80 {
            return Substring(self)
        }
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return Substring(self[first...last])
    }
}
