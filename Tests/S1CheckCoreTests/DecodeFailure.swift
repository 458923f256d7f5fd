import S1CheckCore

/// What a decoder threw, or nil when it decoded: for tests that expect it to refuse a file.
func decodeFailure<T>(_ body: () throws(Diagnostics) -> T) -> Diagnostics? {
    do throws(Diagnostics) { _ = try body(); return nil } catch { return error }
}
