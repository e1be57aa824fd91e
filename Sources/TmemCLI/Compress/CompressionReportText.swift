import TmemCore

/// The text form of a CompressionReport: a per-page table, then totals.
enum CompressionReportText {
    static func render(_ r: CompressionReport, perPage: Bool) -> String {
        var lines: [String] = []
        lines.append("\(r.algorithm.rawValue): \(r.pages.count) pages")
        if perPage {
            lines.append(pad("PAGE", 8) + "  " + padRight("KIND", 10) + "  " + pad("SIZE", 6) + "  FILL")
            for p in r.pages {
                switch p.kind {
                case .compressed:
                    lines.append(pad("\(p.index)", 8) + "  " + padRight("compressed", 10) + "  " + pad("\(p.compressedSize!)", 6))
                case .same:
                    lines.append(pad("\(p.index)", 8) + "  " + padRight("same", 10) + "  " + pad("-", 6) + "  " + hex(p.fill!))
                }
            }
        }
        let orig = r.compressedPageCount * pageSize
        let ratio = r.totalCompressedSize > 0 ? Double(orig) / Double(r.totalCompressedSize) : 0
        lines.append("same-filled pages:     \(r.samePageCount)")
        lines.append("compressed pages:      \(r.compressedPageCount)")
        lines.append("total_compressed_size: \(r.totalCompressedSize)")
        lines.append("ratio (compressed pages only): \(format(ratio)) (round trip verified)")
        return lines.joined(separator: "\n")
    }

    static func pad(_ s: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - s.count)) + s }
    static func padRight(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }
    static func hex(_ v: UInt64) -> String {
        let h = String(v, radix: 16)
        return "0x" + String(repeating: "0", count: 16 - h.count) + h
    }
    static func format(_ x: Double) -> String {
        let scaled = Int((x * 100).rounded())
        let frac = scaled % 100
        return "\(scaled / 100).\(frac < 10 ? "0" : "")\(frac)"
    }
}
