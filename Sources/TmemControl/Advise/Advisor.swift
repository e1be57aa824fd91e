import TmemCore
import TmemHost
#if canImport(Glibc)
import Glibc
#endif

/// The reasoning behind `tmemctl advise`, for an admin choosing a zram compressor and disksize:
/// - What matters is RAM, so each algorithm is costed by the model's mem_used_total for the workload's pages
///   (zsmalloc pages, including class rounding and the raw pages of incompressible data), not by compressed
///   bytes. A sample leaves one partly filled zspage per class that a large device amortizes, so the ranking and
///   the sizing use the pool at scale (each object's share of its zspage). Same-filled pages cost nothing in any algorithm; huge pages cost a full page in every algorithm.
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

    public static func cost(_ algorithm: CompressionAlgorithm, stat m: MMStat, pages: Int,
                            atScale: UInt64? = nil) -> AdviseReport.AlgorithmCost {
        let ratio = m.memUsedTotal == 0 ? Double.infinity : Double(m.origDataSize) / Double(m.memUsedTotal)
        let scaled = atScale ?? m.memUsedTotal
        return AdviseReport.AlgorithmCost(
            algorithm: algorithm, origDataSize: m.origDataSize, comprDataSize: m.comprDataSize,
            memUsedTotal: m.memUsedTotal, samePages: m.samePages, hugePages: m.hugePages,
            ratio: ratio.isInfinite ? nil : ratio,
            memUsedAtScale: scaled, ratioAtScale: scaled == 0 ? nil : Double(m.origDataSize) / Double(scaled),
            savedBytes: Int64(m.origDataSize) - Int64(m.memUsedTotal),
            sameShare: pages == 0 ? 0 : Double(m.samePages) / Double(pages),
            hugeShare: pages == 0 ? 0 : Double(m.hugePages) / Double(pages))
    }

    /// The algorithm with the smallest pool at scale (then the smallest mem_used_total); remaining ties go to the
    /// earlier one in the kernel's order.
    public static func best(_ results: [AdviseReport.AlgorithmCost]) -> CompressionAlgorithm? {
        results.min { a, b in
            a.memUsedAtScale != b.memUsedAtScale ? a.memUsedAtScale < b.memUsedAtScale
                : a.memUsedTotal != b.memUsedTotal ? a.memUsedTotal < b.memUsedTotal
                : CompressionAlgorithm.allCases.firstIndex(of: a.algorithm)! < CompressionAlgorithm.allCases.firstIndex(of: b.algorithm)!
        }?.algorithm
    }

    /// Pool bytes per object summed without rounding zspages up: what the pages cost in a device holding many
    /// such samples (every class's zspages then full but the last).
    public static func poolAtScale(_ contents: [PageContent], table: ZsmallocClassTable) -> UInt64 {
        let huge = table.hugeClassSize
        var pages = 0.0
        for c in contents where c.fill == nil {
            guard let n = c.compressedLength else { continue }
            let cls = table.sizeClass(forRequest: n >= huge ? pageSize : n)
            pages += Double(cls.pagesPerZspage) / Double(cls.objectsPerZspage)
        }
        return UInt64((pages * Double(pageSize)).rounded(.up))
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
        let r = cost.ratioAtScale ?? .infinity
        let (ram, table) = ramWhenFull(disksize: disksize, ratio: r)
        let net = 1 - (r.isInfinite ? 0 : 1 / r) - Double(slotTableBytesPerPage) / Double(pageSize)
        return AdviseReport.Disksize(
            algorithm: cost.algorithm, ratio: cost.ratioAtScale, memTotal: memTotal, poolPercent: poolPercent,
            recommendedDisksize: recommendedDisksize(memTotal: memTotal, percent: poolPercent, ratio: r),
            disksize: disksize, ramWhenFull: ram, slotTable: table, netSavingShare: net,
            worthIt: net >= worthItThreshold)
    }

    /// The algorithms to rank: those this kernel's zram offers (comp_algorithm of an existing device, or of a
    /// scratch device when root may create one), else every algorithm tmemctl models. Throws `CleanupFailed`
    /// when a scratch device it created could not be removed.
    public static func offeredAlgorithms(root: SystemRoot, mayCreateDevice: Bool) throws(CleanupFailed)
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
            var found: (list: ZramAlgorithmList, name: String)?
            if let scratch = try? ScratchZram.create(root: root, purpose: "advise", cleanup: cleanup),
               let list = try? scratch.device.algorithms() {
                found = (list, scratch.device.name)
            }
            cleanup.unwind()
            if !cleanup.failures.isEmpty { throw CleanupFailed(failures: cleanup.failures) }
            if let (list, name) = found {
                let (a, n) = split(list)
                if !a.isEmpty { return (a, n, "comp_algorithm of a scratch device (\(name), removed)") }
            }
        }
        return (CompressionAlgorithm.allCases, [], "every algorithm tmemctl models (no zram device to ask)")
    }

    public static func run(corpus: PageCorpus, workload: AdviseReport.Workload, algorithms: [CompressionAlgorithm],
                           notModelled: [String], source: String, classTable: ZsmallocClassTable,
                           memTotal: UInt64?, poolPercent: Int, disksize: UInt64?) -> AdviseReport {
        let results = algorithms.map { a in
            let contents = PageAnalysis.analyze(corpus, algorithm: a, for: .zram)
            let stat = ZramPrediction.write(contents, into: ZramModel(classTable: classTable)).mmStat
            return cost(a, stat: stat, pages: corpus.pageCount, atScale: poolAtScale(contents, table: classTable))
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
