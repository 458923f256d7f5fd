extension Unicode {
    /// A format character (Unicode general category Cf): the zero-width space, joiners and non-joiners,
    /// the byte-order mark, the soft hyphen, and the bidirectional controls (U+202A–U+202E, U+2066–U+2069)
    /// that reorder what a reader sees. None shows as itself: `SVT-1` and `SVT-1` + U+200B look alike,
    /// and U+202E turns the rest of a line around. Inputs refuse them in text; the console escapes them.
    public static func isFormatCharacter(_ u: Unicode.Scalar) -> Bool {
        u.value >= 0xAD && u.properties.generalCategory == .format
    }

    /// The UTF-8 lead bytes of every format character (a test checks the list against the Unicode data),
    /// for escapers that look closer only at bytes that may start one.
    public static let formatLeadBytes: [UInt8] = [0xC2, 0xD8, 0xDB, 0xDC, 0xE0, 0xE1, 0xE2, 0xEF, 0xF0, 0xF3]
}
