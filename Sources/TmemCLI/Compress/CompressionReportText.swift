import TmemCore

/// The text form of a CompressionReport: a per-page table, then totals.
enum CompressionReportText {
    static func render(_ r: CompressionReport, perPage: Bool) -> String {
        var lines: [String] = []
        lines.append("\(r.algorithm.rawValue): \(r.pages.count) pages")
        if perPage {
            let rows = r.pages.map { p in
                switch p.kind {
                case .compressed: ["\(p.index)", "compressed", p.compressedSize.map(String.init) ?? "-", ""]
                case .same: ["\(p.index)", "same", "-", p.fill.map(NumberFormat.hexWord) ?? "-"]
                }
            }
            lines += TextTable(headers: ["PAGE", "KIND", "SIZE", "FILL"], alignments: [.right, .left, .right, .left],
                               separator: "  ", minimumWidths: [8, 10, 6], trimsTrailingSpaces: true, rows: rows).lines()
        }
        let orig = r.compressedPageCount * pageSize
        let ratio = r.totalCompressedSize > 0 ? Double(orig) / Double(r.totalCompressedSize) : 0
        lines.append("same-filled pages:     \(r.samePageCount)")
        lines.append("compressed pages:      \(r.compressedPageCount)")
        lines.append("total_compressed_size: \(r.totalCompressedSize)")
        lines.append("ratio (compressed pages only): \(NumberFormat.fixed(ratio, digits: 2)) (round trip verified)")
        return lines.joined(separator: "\n")
    }
}
