import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TmemControl
import TmemCore

/// The text form of an AdviseReport.
enum AdviseText {
    static func bytes(_ b: UInt64) -> String { NumberFormat.iecSize(b) }
    static func pct(_ x: Double) -> String { NumberFormat.percent(x) }
    static func ratio(_ r: Double?) -> String { r.map { NumberFormat.fixed($0, digits: 2) } ?? "inf (nothing to compress)" }

    static func cpu(_ ns: Double?, _ spread: CompressorCPUCost.ClosedRangeOfDouble?) -> String {
        guard let ns, let spread else { return "-" }
        func us(_ x: Double) -> String { NumberFormat.fixed(x / 1000, digits: 1) }
        return "\(us(ns)) us [\(us(spread.min))-\(us(spread.max))]"
    }

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
        let k = r.kernel
        let kernelName = k.release.map { "running kernel \($0)" + (k.era.map { " (era \($0))" } ?? "") }
            ?? "kernel \(k.era ?? "?")"
        lines.append("kernel: \(kernelName); levels: " + (k.takesLevels ? "\(k.levels.rawValue) (algorithm_params)"
            : "none (this kernel takes no algorithm_params; every algorithm at its default)"))
        lines.append("algorithms: \(Array(Set(r.results.map(\.algorithm))).sorted { CompressionAlgorithm.allCases.firstIndex(of: $0)! < CompressionAlgorithm.allCases.firstIndex(of: $1)! }.map(\.rawValue).joined(separator: " ")) (from \(r.algorithmsSource))"
            + (r.notModelled.isEmpty ? "" : "; not modelled: \(r.notModelled.joined(separator: " "))"))
        lines.append("")
        let hasCPU = r.results.contains { $0.cpu != nil }
        var header = ["rank", "setting", "mem_used_total", "ratio", "at scale", "saved", "same", "huge"]
        if hasCPU { header += ["compress/page", "decompress/page"] }
        var rows = [header]
        for (i, c) in r.results.enumerated() {
            let mark = (c.name == r.bestName ? " *" : "") + (c.name == r.balanced ? " +" : "")
            var row = [String(i + 1), c.name + mark, bytes(c.memUsedTotal), ratio(c.ratio), ratio(c.ratioAtScale),
                       bytes(UInt64(max(0, c.savedBytes))), pct(c.sameShare), pct(c.hugeShare)]
            if hasCPU { row += [cpu(c.cpu?.compressNanosecondsPerPage, c.cpu?.compressSpread),
                                cpu(c.cpu?.decompressNanosecondsPerPage, c.cpu?.decompressSpread)] }
            rows.append(row)
        }
        lines += TextTable(rows, rightAligned: Set([0] + Array(2..<header.count))).lines().map { "  " + $0 }
        if hasCPU, let c = r.results.first(where: { $0.cpu != nil })?.cpu {
            lines.append("  (CPU: thread CPU time on this machine, median of \(c.rounds) rounds over \(c.pagesTimed) pages, [fastest-slowest round])")
        }
        if let b = r.bestName, let c = r.results.first(where: { $0.name == b }) {
            lines.append("")
            lines.append("best: \(b) (*): \(bytes(c.origDataSize)) of pages in \(bytes(c.memUsedTotal)) of RAM (ratio \(ratio(c.ratio))), \(bytes(c.memUsedAtScale)) at scale (ratio \(ratio(c.ratioAtScale)))"
                + (c.algorithmParams.map { "; set with algorithm_params \"\($0)\"" } ?? ""))
        }
        if let b = r.balanced, let c = r.results.first(where: { $0.name == b }) {
            lines.append("balanced: \(b) (+): the least CPU within \(Int(Advisor.balancedTolerance * 100))% of the best's pool (\(bytes(c.memUsedAtScale)) at scale)"
                + (c.algorithmParams.map { "; algorithm_params \"\($0)\"" } ?? ""))
        }
        if let d = r.disksize {
            lines.append("")
            lines.append("disksize (RAM \(bytes(d.memTotal)), \(d.algorithm.rawValue) at ratio \(ratio(d.ratio)) at scale):")
            lines.append("  each byte swapped to zram frees \(pct(d.netSavingShare)) of a byte of RAM"
                + (d.worthIt ? "" : ": NOT worth it for this workload (below 20%); prefer disk swap or zswap with writeback"))
            lines.append("  recommended disksize: \(bytes(d.recommendedDisksize)) (a full device then uses at most \(d.poolPercent)% of RAM)")
            lines.append("  recommended mem_limit: \(bytes(d.recommendedMemLimit)) (keeps the pool within the budget if later pages compress worse)")
            lines.append("  a full \(bytes(d.disksize)) device would use \(bytes(d.ramWhenFull)) of RAM (slot table \(bytes(d.slotTable))); its mem_limit: \(bytes(d.memLimitForDisksize))")
        }
        return lines.joined(separator: "\n")
    }
}
