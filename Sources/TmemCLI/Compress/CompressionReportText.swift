import TmemCore

/// The text form of a CompressionReport: a per-page table, then totals.
enum CompressionReportText {
    static func render(_ r: CompressionReport, perPage: Bool) -> String {
        var lines = [header(r.algorithm, pages: r.pages.count)]
        if perPage { lines += table(r.pages).lines() }
        lines += totals(CompressionReport.Totals(samePages: r.samePageCount, compressedPages: r.compressedPageCount,
                                                 totalCompressedSize: r.totalCompressedSize))
        return lines.joined(separator: "\n")
    }

    /// The same text written as the pages are checked (`CompressionReport.forEachPage`), a block of rows at a time:
    /// the columns' minimum widths already fit every index and size a corpus can have, so a block is laid out as
    /// the whole table would be. Ends with a newline.
    static func stream(_ corpus: PageCorpus, _ settings: CompressorSettings, perPage: Bool,
                       sink: (String) -> Void) throws(CompressionReport.RoundTripMismatch) {
        sink(header(settings.algorithm, pages: corpus.pageCount) + "\n")
        var block: [CompressionReport.PageEntry] = []
        let rowsPerBlock = 4096
        if perPage { sink(table([]).lines()[0] + "\n") }
        func emit() {
            if block.isEmpty { return }
            sink(table(block).lines(headings: false).joined(separator: "\n") + "\n")
            block.removeAll(keepingCapacity: true)
        }
        let t = try CompressionReport.forEachPage(corpus: corpus, compressor: settings) { p in
            guard perPage else { return }
            block.append(p)
            if block.count == rowsPerBlock { emit() }
        }
        emit()
        sink(totals(t).joined(separator: "\n") + "\n")
    }

    private static func header(_ a: CompressionAlgorithm, pages: Int) -> String { "\(a.rawValue): \(pages) pages" }

    /// PAGE fits 8 digits (a corpus has at most 2^22 pages), SIZE 6 (a compressed page is under 10^5 bytes).
    private static func table(_ pages: [CompressionReport.PageEntry]) -> TextTable {
        let rows = pages.map { p in
            switch p.kind {
            case .compressed: ["\(p.index)", "compressed", p.compressedSize.map(String.init) ?? "-", ""]
            case .same: ["\(p.index)", "same", "-", p.fill.map(NumberFormat.hexWord) ?? "-"]
            }
        }
        return TextTable(headers: ["PAGE", "KIND", "SIZE", "FILL"], alignments: [.right, .left, .right, .left],
                         separator: "  ", minimumWidths: [8, 10, 6], trimsTrailingSpaces: true, rows: rows)
    }

    private static func totals(_ t: CompressionReport.Totals) -> [String] {
        let orig = t.compressedPages * pageSize
        let ratio = t.totalCompressedSize > 0 ? Double(orig) / Double(t.totalCompressedSize) : 0
        return ["same-filled pages:     \(t.samePages)",
                "compressed pages:      \(t.compressedPages)",
                "total_compressed_size: \(t.totalCompressedSize)",
                "ratio (compressed pages only): \(NumberFormat.fixed(ratio, digits: 2)) (round trip verified)"]
    }
}
