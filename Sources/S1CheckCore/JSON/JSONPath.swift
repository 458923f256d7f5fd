/// A JSONPath-style location, built as the decoder walks down.
///
/// The decoder makes a path for every field it reads but needs the text only for errors, so components
/// are kept inline (eight, more than any s1check format nests) and turned into text on demand: no
/// allocation per field on the common path.
public struct JSONPath: Sendable, CustomStringConvertible {
    enum Component: Sendable {
        /// Keys the decoder names in its source (copied without reference counting).
        case fixedKey(StaticString)
        case key(String)
        case index(Int)
    }

    private var inline: (Component?, Component?, Component?, Component?, Component?, Component?, Component?, Component?)
        = (nil, nil, nil, nil, nil, nil, nil, nil)
    private var count = 0
    /// Components past the eighth (never in practice; kept so the path is always right).
    private var overflow: [Component] = []

    public static let root = JSONPath()

    private func appending(_ c: Component) -> JSONPath {
        var p = self
        switch p.count {
        case 0: p.inline.0 = c
        case 1: p.inline.1 = c
        case 2: p.inline.2 = c
        case 3: p.inline.3 = c
        case 4: p.inline.4 = c
        case 5: p.inline.5 = c
        case 6: p.inline.6 = c
        case 7: p.inline.7 = c
        default: p.overflow.append(c)
        }
        p.count += 1
        return p
    }

    public func key(_ key: StaticString) -> JSONPath { appending(.fixedKey(key)) }
    public func key(_ key: String) -> JSONPath { appending(.key(key)) }
    public func index(_ i: Int) -> JSONPath { appending(.index(i)) }

    private var components: [Component] {
        let all = [inline.0, inline.1, inline.2, inline.3, inline.4, inline.5, inline.6, inline.7].compactMap { $0 }
        return all + overflow
    }

    public var description: String {
        var text = "$"
        for c in components {
            switch c {
            case .index(let i): text += "[\(i)]"
            case .fixedKey(let key): text += "." + key.description
            case .key(let key):
                let plain = !key.isEmpty && key.utf8.allSatisfy { b in
                    (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x24
                }
                if plain {
                    text += "." + key
                } else {
                    var escaped = ""
                    for ch in key {
                        if ch == "\\" || ch == "\"" { escaped.append("\\") }
                        escaped.append(ch)
                    }
                    text += "[\"" + escaped + "\"]"
                }
            }
        }
        return text
    }
}

/// A decoded value with the byte offset it came from, so findings can point at a line.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var offset: Int
    public init(_ value: Value, offset: Int) {
        self.value = value
        self.offset = offset
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}
