/// The one text-table renderer: columns padded to their widest cell (or a minimum width), right- or left-aligned,
/// joined by a separator; a left-aligned last column is not padded. With `raw`, single spaces and no padding,
/// for scripts (as lsblk/zramctl `--raw`). Every table tmemctl prints goes through here.
struct TextTable {
    enum Alignment: Sendable { case left, right }

    var headers: [String]
    var alignments: [Alignment]
    var separator = " "
    /// Columns are at least this wide (missing entries: 0), so a table keeps its layout when its cells are short.
    var minimumWidths: [Int] = []
    /// libsmartcols' width hints (zramctl's tables): a column whose widest cell is at least as wide as its heading
    /// but narrower than its hint is widened to the hint (when the heading is narrower than the hint too). A column
    /// whose cells are all narrower than the heading stays as wide as the heading.
    var widthHints: [Int] = []
    /// Drop the spaces a short row or an empty last cell leaves at the end of a line.
    var trimsTrailingSpaces = false
    var rows: [[String]] = []

    init(headers: [String], alignments: [Alignment], separator: String = " ", minimumWidths: [Int] = [],
         trimsTrailingSpaces: Bool = false, rows: [[String]] = []) {
        self.headers = headers
        self.alignments = alignments
        self.separator = separator
        self.minimumWidths = minimumWidths
        self.trimsTrailingSpaces = trimsTrailingSpaces
        self.rows = rows
    }

    /// A table whose first row is its header, the columns in `rightAligned` right-aligned (numbers).
    init(_ rowsWithHeader: [[String]], rightAligned: some Sequence<Int>, separator: String = "  ") {
        let right = Set(rightAligned)
        let header = rowsWithHeader.first ?? []
        self.init(headers: header, alignments: header.indices.map { right.contains($0) ? .right : .left },
                  separator: separator, trimsTrailingSpaces: true, rows: Array(rowsWithHeader.dropFirst()))
    }

    func lines(headings: Bool = true) -> [String] {
        let all = (headings ? [headers] : []) + rows
        var widths = headers.indices.map { $0 < minimumWidths.count ? minimumWidths[$0] : 0 }
        // The headings count for the widths even when not printed, so --noheadings keeps the layout.
        for r in [headers] + rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        for (i, hint) in widthHints.enumerated() where i < widths.count && hint > headers[i].count {
            let widestCell = rows.map { i < $0.count ? $0[i].count : 0 }.max() ?? 0
            if widestCell >= headers[i].count && widestCell < hint { widths[i] = max(widths[i], hint) }
        }
        return all.map { row in
            var line = ""
            for (i, c) in row.enumerated() {
                let pad = String(repeating: " ", count: max(0, widths[i] - c.count))
                let right = i < alignments.count && alignments[i] == .right
                line += (i == 0 ? "" : separator) + (right ? pad + c : (i == headers.count - 1 ? c : c + pad))
            }
            return trimsTrailingSpaces ? String(line.reversed().drop { $0 == " " }.reversed()) : line
        }
    }

    func render(headings: Bool = true, raw: Bool = false) -> String {
        if raw {
            return ((headings ? [headers] : []) + rows).map { $0.map { $0.replacingSpaces() }.joined(separator: " ") }
                .joined(separator: "\n")
        }
        return lines(headings: headings).joined(separator: "\n")
    }
}

private extension String {
    /// Raw output escapes spaces as lsblk does (`\x20`), so every line splits into the same number of fields.
    func replacingSpaces() -> String {
        split(separator: " ", omittingEmptySubsequences: false).joined(separator: "\\x20")
    }
}
