import S1CheckCore

/// A unified diff of two versions of a file, as `diff -u` and `git diff` write it, so `git apply` and
/// `patch -p1` take it: `--- a/FILE` and `+++ b/FILE`, then hunks with `context` lines of context around
/// each change (hunks closer than twice that are one hunk), `-` lines before `+` lines in each change,
/// and `\ No newline at end of file` after a last line without one. Lines are compared as bytes, line
/// ending included, so a CRLF file's lines keep their CR.
///
/// The line script is Myers' O(ND) difference algorithm ("An O(ND) Difference Algorithm and Its
/// Variations", 1986) over what is left once the common first and last lines are set aside: a fix
/// changes a few lines of a file, so that is cheap however long the file.
public enum UnifiedDiff {
    /// The diff between `old` and `new` of the file at `path` (bytes, as the file system has it; `a/` and
    /// `b/` are put in front); empty when they are the same.
    public static func render(old: [UInt8], new: [UInt8], path: [UInt8], context: Int = 3) -> [UInt8] {
        render(old: old, new: new, oldName: Array("a/".utf8) + path, newName: Array("b/".utf8) + path, context: context)
    }

    /// The diff of `old` and `old` with `edits` made (non-overlapping byte edits, as `ByteEdit.apply`
    /// takes them), built around the edits: the lines they touch, with `context` lines on each side, found
    /// by scanning from each edit to its neighbouring line feeds. Nothing is kept per line of the file, so
    /// memory grows with the hunks, not the file; the file is read once to number the lines. The same text
    /// as `render(old:new:)` gives for the same change (a run of changed lines: its `-` lines, then its `+`
    /// lines; hunks closer than twice the context are one hunk).
    public static func render(old: [UInt8], edits: [ByteEdit], path: [UInt8], context: Int = 3) -> [UInt8] {
        var work = 0
        return render(old: old, edits: edits, path: path, context: context, work: &work)
    }

    /// `work` counts the values the diff holds (blocks and hunks), for the tests.
    static func render(old: [UInt8], edits: [ByteEdit], path: [UInt8], context: Int, work: inout Int) -> [UInt8] {
        let lf = UInt8(ascii: "\n")
        func lineStart(_ at: Int) -> Int {
            var i = at
            while i > 0 && old[i - 1] != lf { i -= 1 }
            return i
        }
        func lineEnd(_ at: Int) -> Int {
            var i = at
            while i < old.count && old[i] != lf { i += 1 }
            return min(i + 1, old.count)
        }
        // Blocks: runs of whole lines the edits touch; lines that meet are one block.
        struct Block { var start: Int; var end: Int; var edits: [ByteEdit] }
        var blocks: [Block] = []
        // (An edit that changes nothing is no change.)
        for e in edits.sorted(by: { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) })
        where !old[e.range].elementsEqual(e.replacement) {
            let start = lineStart(e.range.lowerBound)
            let end = max(lineEnd(e.range.upperBound > e.range.lowerBound ? e.range.upperBound - 1 : e.range.lowerBound), start)
            if var last = blocks.last, start <= last.end {
                last.end = max(last.end, end)
                last.edits.append(e)
                blocks[blocks.count - 1] = last
            } else {
                blocks.append(Block(start: start, end: end, edits: [e]))
                work += 1
            }
        }
        if blocks.isEmpty { return [] }
        func newText(_ b: Block) -> [UInt8] {
            var out: [UInt8] = []
            var at = b.start
            for e in b.edits {
                out += old[at..<e.range.lowerBound]
                out += e.replacement
                at = e.range.upperBound
            }
            out += old[at..<b.end]
            return out
        }
        func lineCount(_ bytes: ArraySlice<UInt8>) -> Int {
            var n = 0
            for b in bytes where b == lf { n += 1 }
            return bytes.last == lf || bytes.isEmpty ? n : n + 1
        }
        // `context` lines before `at` (a line start) and after `end` (a line end).
        func before(_ at: Int) -> Int {
            var i = at, n = 0
            while n < context && i > 0 { i = lineStart(i - 1); n += 1 }
            return i
        }
        func after(_ end: Int) -> Int {
            var i = end, n = 0
            while n < context && i < old.count { i = lineEnd(i); n += 1 }
            return i
        }
        var out: [UInt8] = []
        out += Array("--- ".utf8) + headerName(Array("a/".utf8) + path) + [0x0A]
        out += Array("+++ ".utf8) + headerName(Array("b/".utf8) + path) + [0x0A]
        // Lines before each block's start, counted in one pass; the new file's differ by the lines the
        // blocks before added or removed.
        var scanned = 0, linesBefore = 0, delta = 0
        func lineNumber(_ offset: Int) -> Int {
            for b in old[scanned..<offset] where b == lf { linesBefore += 1 }
            scanned = offset
            return linesBefore
        }
        var i = 0
        while i < blocks.count {
            // One hunk: blocks whose gap is at most twice the context.
            var j = i
            while j + 1 < blocks.count && lineCount(old[blocks[j].end..<blocks[j + 1].start]) <= 2 * context { j += 1 }
            work += 1
            let hunkStart = before(blocks[i].start), hunkEnd = after(blocks[j].end)
            let oldStart = lineNumber(hunkStart)
            var body: [UInt8] = []
            var oldCount = 0, newCount = 0
            func emitLines(_ mark: UInt8, _ bytes: ArraySlice<UInt8>) -> Int {
                var n = 0, s = bytes.startIndex
                while s < bytes.endIndex {
                    var e = s
                    while e < bytes.endIndex && bytes[e] != lf { e += 1 }
                    let line = bytes[s..<min(e + 1, bytes.endIndex)]
                    body.append(mark)
                    body += line
                    if line.last != lf { body += Array("\n\\ No newline at end of file\n".utf8) }
                    n += 1
                    s = min(e + 1, bytes.endIndex)
                }
                return n
            }
            var at = hunkStart
            for k in i...j {
                let b = blocks[k]
                let same = emitLines(0x20, old[at..<b.start])
                oldCount += same; newCount += same
                oldCount += emitLines(UInt8(ascii: "-"), old[b.start..<b.end])
                let replacement = newText(b)
                let added = emitLines(UInt8(ascii: "+"), replacement[...])
                newCount += added
                at = b.end
            }
            let same = emitLines(0x20, old[at..<hunkEnd])
            oldCount += same; newCount += same
            let header = "@@ -\(range(oldStart, oldCount)) +\(range(oldStart + delta, newCount)) @@\n"
            out += Array(header.utf8)
            out += body
            delta += newCount - oldCount
            i = j + 1
        }
        return out
    }

    public static func render(old: [UInt8], new: [UInt8], oldName: [UInt8], newName: [UInt8], context: Int = 3) -> [UInt8] {
        if old == new { return [] }
        let a = lines(old), b = lines(new)
        let ops = script(a, b)
        var out: [UInt8] = []
        out.reserveCapacity(256)
        out += Array("--- ".utf8) + headerName(oldName) + [0x0A]
        out += Array("+++ ".utf8) + headerName(newName) + [0x0A]
        // Lines of each file before each op, for the hunk headers.
        var oldBefore = [Int](repeating: 0, count: ops.count + 1), newBefore = oldBefore
        for (i, op) in ops.enumerated() {
            oldBefore[i + 1] = oldBefore[i] + (op.kind == .insert ? 0 : 1)
            newBefore[i + 1] = newBefore[i] + (op.kind == .delete ? 0 : 1)
        }
        for (lo, hi) in hunks(ops, context: context) {
            let oldCount = oldBefore[hi + 1] - oldBefore[lo], newCount = newBefore[hi + 1] - newBefore[lo]
            let header = "@@ -\(range(oldBefore[lo], oldCount)) +\(range(newBefore[lo], newCount)) @@\n"
            out += Array(header.utf8)
            var i = lo
            while i <= hi {
                if ops[i].kind == .equal { emit(" ", a[ops[i].old], into: &out); i += 1; continue }
                // A run of changes: its deletions, then its insertions.
                var j = i
                while j <= hi && ops[j].kind != .equal { j += 1 }
                for k in i..<j where ops[k].kind == .delete { emit("-", a[ops[k].old], into: &out) }
                for k in i..<j where ops[k].kind == .insert { emit("+", b[ops[k].new], into: &out) }
                i = j
            }
        }
        return out
    }

    /// "5,3" (three lines from line 5), "5" for one line, "4,0" for none (after line 4), as diff writes it.
    static func range(_ before: Int, _ count: Int) -> String {
        switch count {
        case 0: return "\(before),0"
        case 1: return "\(before + 1)"
        default: return "\(before + 1),\(count)"
        }
    }

    static func emit(_ mark: Character, _ line: ArraySlice<UInt8>, into out: inout [UInt8]) {
        out.append(mark.asciiValue!)
        out += line
        if line.last != 0x0A { out += Array("\n\\ No newline at end of file\n".utf8) }
    }

    /// The lines of a file, each with its line feed (the last may have none).
    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var out: [ArraySlice<UInt8>] = []
        var start = 0
        for i in bytes.indices where bytes[i] == 0x0A {
            out.append(bytes[start...i])
            start = i + 1
        }
        if start < bytes.count { out.append(bytes[start...]) }
        return out
    }

    /// A file name for a `---`/`+++` line as git writes one: C-quoted when it holds a quote, a backslash, a
    /// control character or a byte that is not ASCII (`"a/\303\251.plan.json"`); followed by a tab when it
    /// holds a space, so `patch` reads the whole name.
    static func headerName(_ name: [UInt8]) -> [UInt8] {
        let needsQuoting = name.contains { $0 < 0x20 || $0 >= 0x7F || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        guard needsQuoting else { return name.contains(0x20) ? name + [0x09] : name }
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for b in name {
            switch b {
            case 0x07: out += Array("\\a".utf8)
            case 0x08: out += Array("\\b".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0x0A: out += Array("\\n".utf8)
            case 0x0B: out += Array("\\v".utf8)
            case 0x0C: out += Array("\\f".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), b]
            case 0x20..<0x7F: out.append(b)
            default: out += [UInt8(ascii: "\\"), 0x30 + (b >> 6), 0x30 + ((b >> 3) & 7), 0x30 + (b & 7)]
            }
        }
        out.append(UInt8(ascii: "\""))
        return out
    }

    struct Op: Equatable {
        enum Kind { case equal, delete, insert }
        var kind: Kind
        /// The line of the old file (equal, delete) and of the new file (equal, insert) the op is about.
        var old: Int
        var new: Int
    }

    /// The hunks of `ops`: ranges of op indices, each change with up to `context` equal lines around it,
    /// changes whose contexts would meet in one hunk.
    static func hunks(_ ops: [Op], context: Int) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        var first: Int?, last = 0
        for (i, op) in ops.enumerated() where op.kind != .equal {
            if let f = first, i - last - 1 > 2 * context {
                out.append((max(0, f - context), min(ops.count - 1, last + context)))
                first = i
            } else if first == nil {
                first = i
            }
            last = i
        }
        if let f = first { out.append((max(0, f - context), min(ops.count - 1, last + context))) }
        return out
    }

    /// The shortest edit script from `a` to `b`, in order.
    static func script(_ a: [ArraySlice<UInt8>], _ b: [ArraySlice<UInt8>]) -> [Op] {
        var prefix = 0
        while prefix < a.count && prefix < b.count && a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix && suffix < b.count - prefix && a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        var ops: [Op] = (0..<prefix).map { Op(kind: .equal, old: $0, new: $0) }
        ops += myers(a, prefix..<(a.count - suffix), b, prefix..<(b.count - suffix))
        ops += (0..<suffix).map { Op(kind: .equal, old: a.count - suffix + $0, new: b.count - suffix + $0) }
        return ops
    }

    /// Myers' greedy forward search for the middle ranges, keeping for each step d only the diagonals it
    /// can reach (memory grows with the square of the number of differences, not of the file), then the
    /// path traced back.
    static func myers(_ a: [ArraySlice<UInt8>], _ ra: Range<Int>, _ b: [ArraySlice<UInt8>], _ rb: Range<Int>) -> [Op] {
        let n = ra.count, m = rb.count
        if n == 0 && m == 0 { return [] }
        let maxD = n + m, offset = maxD + 1
        var v = [Int](repeating: 0, count: 2 * maxD + 3)
        // trace[d]: v at the start of step d, for diagonals -(d + 1) ... d + 1.
        var trace: [[Int]] = []
        search: for d in 0...maxD {
            trace.append(Array(v[(offset - d - 1)...(offset + d + 1)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n && y < m && a[ra.lowerBound + x] == b[rb.lowerBound + y] { x += 1; y += 1 }
                v[offset + k] = x
                if x >= n && y >= m { break search }
            }
        }
        var ops: [Op] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let t = trace[d]
            func at(_ k: Int) -> Int { t[k + d + 1] }
            let k = x - y
            let previousK = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1
            let previousX = at(previousK), previousY = previousX - previousK
            while x > previousX && y > previousY {
                x -= 1; y -= 1
                ops.append(Op(kind: .equal, old: ra.lowerBound + x, new: rb.lowerBound + y))
            }
            if d > 0 {
                if x == previousX { ops.append(Op(kind: .insert, old: ra.lowerBound + x, new: rb.lowerBound + y - 1)) }
                else { ops.append(Op(kind: .delete, old: ra.lowerBound + x - 1, new: rb.lowerBound + y)) }
            }
            x = previousX; y = previousY
        }
        return ops.reversed()
    }
}
