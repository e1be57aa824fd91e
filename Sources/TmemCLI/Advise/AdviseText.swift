import Foundation
import TmemControl
import TmemCore

/// The text form of an AdviseReport.
enum AdviseText {
    static func bytes(_ b: UInt64) -> String { NumberFormat.iecSize(b) }
    static func pct(_ x: Double) -> String { NumberFormat.percent(x) }
    static func ratio(_ r: Double?) -> String { r.map { NumberFormat.fixed($0, digits: 2) } ?? "inf (nothing to compress)" }

    static func render(_ r: AdviseReport) -> String {
        var lines: [String] = []
        let w = r.workload
        let what: String
        switch w.kind {
        case .pid: what = "process \(w.pid ?? 0)'s anonymous memory"
        case .corpus: what = w.path ?? "corpus"
        case .builtin: what = "built-in mix (seed \(w.seed ?? 0))"
        }
        lines.append("workload: \(what), \(w.pages) pages (\(bytes(UInt64(w.pages) * UInt64(pageSize))))")
        lines.append("algorithms: \(r.results.map(\.algorithm.rawValue).joined(separator: " ")) (from \(r.algorithmsSource))"
            + (r.notModelled.isEmpty ? "" : "; not modelled: \(r.notModelled.joined(separator: " "))"))
        lines.append("")
        var rows = [["algorithm", "mem_used_total", "compr_data_size", "ratio", "at scale", "saved", "same", "huge"]]
        for c in r.results {
            rows.append([c.algorithm.rawValue + (c.algorithm == r.best ? " *" : ""), bytes(c.memUsedTotal),
                         bytes(c.comprDataSize), ratio(c.ratio), ratio(c.ratioAtScale), bytes(UInt64(max(0, c.savedBytes))),
                         pct(c.sameShare), pct(c.hugeShare)])
        }
        lines += TextTable(rows, rightAligned: 1...7).lines().map { "  " + $0 }
        if let b = r.best, let c = r.results.first(where: { $0.algorithm == b }) {
            lines.append("")
            lines.append("best: \(b.rawValue) (*): \(bytes(c.origDataSize)) of pages in \(bytes(c.memUsedTotal)) of RAM (ratio \(ratio(c.ratio))), \(bytes(c.memUsedAtScale)) at scale (ratio \(ratio(c.ratioAtScale)))")
        }
        if let d = r.disksize {
            lines.append("")
            lines.append("disksize (RAM \(bytes(d.memTotal)), \(d.algorithm.rawValue) at ratio \(ratio(d.ratio)) at scale):")
            lines.append("  each byte swapped to zram frees \(pct(d.netSavingShare)) of a byte of RAM"
                + (d.worthIt ? "" : ": NOT worth it for this workload (below 20%); prefer disk swap or zswap with writeback"))
            lines.append("  recommended disksize: \(bytes(d.recommendedDisksize)) (a full device then uses at most \(d.poolPercent)% of RAM)")
            lines.append("  a full \(bytes(d.disksize)) device would use \(bytes(d.ramWhenFull)) of RAM (slot table \(bytes(d.slotTable)))")
        }
        return lines.joined(separator: "\n")
    }
}
