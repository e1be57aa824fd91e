import TmemCore

/// A unified diff (`--- a`, `+++ b`, `@@` hunks with 3 lines of context) of two small texts, line by line, from a
/// longest-common-subsequence table: configuration files are a few hundred lines at most.
public enum UnifiedDiff {
    /// Empty when the texts are equal. A missing file is diffed as empty text under the name `/dev/null`.
    public static func render(old: String?, new: String?, oldName: String, newName: String, context: Int = 3) -> String {
        let a = lines(old ?? "")
        let b = lines(new ?? "")
        guard a != b else { return "" }
        // lcs[i][j]: length of the longest common subsequence of a[i...] and b[j...].
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        enum Op { case same(Int, Int), del(Int), add(Int) }
        var ops: [Op] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] { ops.append(.same(i, j)); i += 1; j += 1 }
            // Deletions before additions, as diff -u prints a changed line.
            else if i < a.count, j == b.count || lcs[i + 1][j] >= lcs[i][j + 1] { ops.append(.del(i)); i += 1 }
            else { ops.append(.add(j)); j += 1 }
        }
        var out = "--- \(old == nil ? "/dev/null" : oldName)\n+++ \(new == nil ? "/dev/null" : newName)\n"
        let changed = ops.indices.filter { if case .same = ops[$0] { return false } else { return true } }
        var k = 0
        while k < changed.count {
            var lo = max(0, changed[k] - context)
            var hi = min(ops.count, changed[k] + context + 1)
            k += 1
            while k < changed.count, changed[k] - context <= hi { hi = min(ops.count, changed[k] + context + 1); k += 1 }
            lo = max(0, lo)
            var aStart = 0, bStart = 0, aLen = 0, bLen = 0, body = ""
            // Line numbers of the hunk's first line on each side.
            var ai = 0, bj = 0
            for op in ops[..<lo] {
                switch op { case .same: ai += 1; bj += 1; case .del: ai += 1; case .add: bj += 1 }
            }
            aStart = ai; bStart = bj
            for op in ops[lo..<hi] {
                switch op {
                case .same(let x, _): body += " \(a[x])\n"; aLen += 1; bLen += 1
                case .del(let x): body += "-\(a[x])\n"; aLen += 1
                case .add(let y): body += "+\(b[y])\n"; bLen += 1
                }
            }
            out += "@@ -\(range(aStart, aLen)) +\(range(bStart, bLen)) @@\n" + body
        }
        return out
    }

    static func range(_ start: Int, _ length: Int) -> String {
        length == 1 ? "\(start + 1)" : "\(length == 0 ? start : start + 1),\(length)"
    }

    static func lines(_ text: String) -> [String] {
        var l = LosslessText.lines(text).map(String.init)
        if l.last == "" { l.removeLast() }
        return l
    }
}
