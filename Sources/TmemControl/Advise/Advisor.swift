import TmemCore
import TmemHost
#if canImport(Glibc)
import Glibc
#endif

/// The reasoning behind `tmemctl advise`, for an admin choosing a zram compressor and disksize:
/// - What matters is RAM, so each algorithm is ranked by the model's mem_used_total for the workload's pages
///   (zsmalloc pages, including class rounding and the raw pages of incompressible data), not by compressed
///   bytes. Same-filled pages cost nothing in any algorithm; huge pages cost a full page in every algorithm.
/// - The effective ratio r = orig_data_size / mem_used_total says how many bytes of pages one byte of RAM holds.
///   Swapping a page of 4096 bytes to zram frees 4096·(1 − 1/r) bytes, minus zram's slot table, which costs
///   16 bytes per 4 KiB of disksize (allocated up front, whether used or not).
/// - A full device of disksize D costs D/r + D/256 of RAM. With a budget of p% of RAM for it, the largest useful
///   disksize is D = p%·RAM / (1/r + 1/256). Beyond that, a full zram would take more RAM than the admin allows.
/// - Below a net saving of 20% per swapped byte, zram is not worth it for this workload: the pages barely
///   compress, and the CPU spent compressing them buys little.
public enum Advisor {
    /// sizeof(struct zram_table_entry) on 64-bit without CONFIG_ZRAM_TRACK_ENTRY_ACTIME: handle + flags.
    public static let slotTableBytesPerPage: UInt64 = 16
    public static let worthItThreshold = 0.2

    public static func cost(_ algorithm: CompressionAlgorithm, stat m: MMStat, pages: Int) -> AdviseReport.AlgorithmCost {
        let ratio = m.memUsedTotal == 0 ? Double.infinity : Double(m.origDataSize) / Double(m.memUsedTotal)
        return AdviseReport.AlgorithmCost(
            algorithm: algorithm, origDataSize: m.origDataSize, comprDataSize: m.comprDataSize,
            memUsedTotal: m.memUsedTotal, samePages: m.samePages, hugePages: m.hugePages,
            ratio: ratio, savedBytes: Int64(m.origDataSize) - Int64(m.memUsedTotal),
            sameShare: pages == 0 ? 0 : Double(m.samePages) / Double(pages),
            hugeShare: pages == 0 ? 0 : Double(m.hugePages) / Double(pages))
    }

    /// The algorithm with the smallest mem_used_total; ties go to the earlier one in the kernel's order.
    public static func best(_ results: [AdviseReport.AlgorithmCost]) -> CompressionAlgorithm? {
        results.min { a, b in
            a.memUsedTotal != b.memUsedTotal ? a.memUsedTotal < b.memUsedTotal
                : CompressionAlgorithm.allCases.firstIndex(of: a.algorithm)! < CompressionAlgorithm.allCases.firstIndex(of: b.algorithm)!
        }?.algorithm
    }

    /// RAM a full device of `disksize` bytes costs at effective ratio `ratio`: the pool plus the slot table.
    public static func ramWhenFull(disksize: UInt64, ratio: Double) -> (total: UInt64, slotTable: UInt64) {
        let table = disksize / UInt64(pageSize) * slotTableBytesPerPage
        let pool = ratio.isInfinite ? 0 : UInt64((Double(disksize) / ratio).rounded(.up))
        return (pool + table, table)
    }

    /// The largest disksize (whole pages) whose full device costs at most `percent`% of `memTotal`.
    public static func recommendedDisksize(memTotal: UInt64, percent: Int, ratio: Double) -> UInt64 {
        let budget = Double(memTotal) * Double(percent) / 100
        let perByte = (ratio.isInfinite ? 0 : 1 / ratio) + Double(slotTableBytesPerPage) / Double(pageSize)
        let d = UInt64(budget / perByte)
        return d / UInt64(pageSize) * UInt64(pageSize)
    }

    public static func disksize(for cost: AdviseReport.AlgorithmCost, memTotal: UInt64, poolPercent: Int,
                                disksize: UInt64) -> AdviseReport.Disksize {
        let (ram, table) = ramWhenFull(disksize: disksize, ratio: cost.ratio)
        let net = 1 - (cost.ratio.isInfinite ? 0 : 1 / cost.ratio) - Double(slotTableBytesPerPage) / Double(pageSize)
        return AdviseReport.Disksize(
            algorithm: cost.algorithm, ratio: cost.ratio, memTotal: memTotal, poolPercent: poolPercent,
            recommendedDisksize: recommendedDisksize(memTotal: memTotal, percent: poolPercent, ratio: cost.ratio),
            disksize: disksize, ramWhenFull: ram, slotTable: table, netSavingShare: net,
            worthIt: net >= worthItThreshold)
    }

    /// The algorithms to rank: those this kernel's zram offers (comp_algorithm of an existing device, or of a
    /// scratch device when root may create one), else every algorithm tmemctl models.
    public static func offeredAlgorithms(root: SystemRoot, mayCreateDevice: Bool)
        -> (algorithms: [CompressionAlgorithm], notModelled: [String], source: String)
    {
        func split(_ list: ZramAlgorithmList) -> ([CompressionAlgorithm], [String]) {
            (list.available.compactMap(CompressionAlgorithm.init(rawValue:)),
             list.available.filter { CompressionAlgorithm(rawValue: $0) == nil })
        }
        let control = ZramControl(root: root)
        if let device = control.devices().first, let list = try? device.algorithms() {
            let (a, n) = split(list)
            if !a.isEmpty { return (a, n, "\(device.name) comp_algorithm") }
        }
        if mayCreateDevice && root.isLive && geteuid() == 0 && control.isAvailable {
            let cleanup = CleanupStack()
            defer { cleanup.unwind() }
            if let device = try? ScratchZram.create(root: root, cleanup: cleanup), let list = try? device.algorithms() {
                let (a, n) = split(list)
                if !a.isEmpty { return (a, n, "comp_algorithm of a scratch device (\(device.name), removed)") }
            }
        }
        return (CompressionAlgorithm.allCases, [], "every algorithm tmemctl models (no zram device to ask)")
    }

    public static func run(corpus: PageCorpus, workload: AdviseReport.Workload, algorithms: [CompressionAlgorithm],
                           notModelled: [String], source: String, classTable: ZsmallocClassTable,
                           memTotal: UInt64?, poolPercent: Int, disksize: UInt64?) -> AdviseReport {
        let results = algorithms.map { a in
            cost(a, stat: ZramPrediction.mmStat(corpus: corpus, algorithm: a, classTable: classTable),
                 pages: corpus.pageCount)
        }
        let bestAlgorithm = best(results)
        var size: AdviseReport.Disksize?
        if let b = bestAlgorithm, let total = memTotal, let cost = results.first(where: { $0.algorithm == b }) {
            let asked = disksize ?? (total / 2 / UInt64(pageSize) * UInt64(pageSize))
            size = Self.disksize(for: cost, memTotal: total, poolPercent: poolPercent, disksize: asked)
        }
        return AdviseReport(workload: workload, algorithmsSource: source, notModelled: notModelled,
                            results: results, best: bestAlgorithm, disksize: size)
    }
}
