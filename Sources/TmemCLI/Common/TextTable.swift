/// A plain text table: columns padded to their widest cell (right-aligned for numbers), or with `raw`
/// single spaces and no padding, for scripts (as lsblk/zramctl `--raw`).
struct TextTable {
    var headers: [String]
    var rightAligned: [Bool]
    var rows: [[String]] = []

    func render(headings: Bool, raw: Bool) -> String {
        let all = (headings ? [headers] : []) + rows
        if raw {
            return all.map { $0.map { $0.replacingSpaces() }.joined(separator: " ") }.joined(separator: "\n")
        }
        var widths = headers.map(\.count)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        return all.map { row in
            var line = ""
            for (i, c) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - c.count)
                let cell = rightAligned[i] ? pad + c : (i == row.count - 1 ? c : c + pad)
                line += (i == 0 ? "" : " ") + cell
            }
            return line
        }.joined(separator: "\n")
    }
}

private extension String {
    /// Raw output escapes spaces as lsblk does (`\x20`), so every line splits into the same number of fields.
    func replacingSpaces() -> String {
        let s = isEmpty ? "" : self
        return s.split(separator: " ", omittingEmptySubsequences: false).joined(separator: "\\x20")
    }
}
