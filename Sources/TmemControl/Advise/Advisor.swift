import TmemCore
import TmemHost

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

    public static func cost(_ settings: CompressorSettings, stat m: MMStat, pages: Int,
                            atScale: UInt64? = nil, cpu: CompressorCPUCost? = nil) -> AdviseReport.AlgorithmCost {
        let ratio = m.memUsedTotal == 0 ? Double.infinity : Double(m.origDataSize) / Double(m.memUsedTotal)
        let scaled = atScale ?? m.memUsedTotal
        return AdviseReport.AlgorithmCost(
            algorithm: settings.algorithm, level: settings.effectiveLevel, defaultLevel: settings.level == nil,
            name: settings.algorithm.levels == nil ? settings.algorithm.rawValue
                : "\(settings.algorithm.rawValue) level=\(settings.effectiveLevel!)",
            algorithmParams: settings.algorithmParams, cpu: cpu,
            origDataSize: m.origDataSize, comprDataSize: m.comprDataSize,
            memUsedTotal: m.memUsedTotal, samePages: m.samePages, hugePages: m.hugePages,
            ratio: ratio.isInfinite ? nil : ratio,
            memUsedAtScale: scaled, ratioAtScale: scaled == 0 ? nil : Double(m.origDataSize) / Double(scaled),
            savedBytes: Int64(m.origDataSize) - Int64(m.memUsedTotal),
            sameShare: pages == 0 ? 0 : Double(m.samePages) / Double(pages),
            hugeShare: pages == 0 ? 0 : Double(m.hugePages) / Double(pages))
    }

    public static func cost(_ algorithm: CompressionAlgorithm, stat m: MMStat, pages: Int,
                            atScale: UInt64? = nil) -> AdviseReport.AlgorithmCost {
        cost(CompressorSettings(algorithm), stat: m, pages: pages, atScale: atScale)
    }

    /// The entry with the smallest pool at scale (then the smallest mem_used_total); remaining ties go to the
    /// earlier one in the kernel's order, then to the lower level (cheaper in CPU).
    public static func best(_ results: [AdviseReport.AlgorithmCost]) -> AdviseReport.AlgorithmCost? {
        func order(_ c: AdviseReport.AlgorithmCost) -> (Int, Int) {
            (CompressionAlgorithm.allCases.firstIndex(of: c.algorithm)!, c.level ?? 0)
        }
        return results.min { a, b in
            a.memUsedAtScale != b.memUsedAtScale ? a.memUsedAtScale < b.memUsedAtScale
                : a.memUsedTotal != b.memUsedTotal ? a.memUsedTotal < b.memUsedTotal
                : order(a) < order(b)
        }
    }

    /// Ranked by memory: the order `best` picks by (smallest pool at scale first).
    public static func ranked(_ results: [AdviseReport.AlgorithmCost]) -> [AdviseReport.AlgorithmCost] {
        var rest = results, out: [AdviseReport.AlgorithmCost] = []
        while let b = best(rest), let i = rest.firstIndex(of: b) {
            out.append(b)
            rest.remove(at: i)
        }
        return out
    }

    /// How much more pool than the best a balanced choice may take.
    public static let balancedTolerance = 0.05

    /// Among entries whose pool at scale is within `balancedTolerance` of the best's, the one with the least CPU
    /// per page (compress + decompress); nil when any lacks CPU figures.
    public static func balanced(_ results: [AdviseReport.AlgorithmCost]) -> AdviseReport.AlgorithmCost? {
        guard let b = best(results) else { return nil }
        let bound = Double(b.memUsedAtScale) * (1 + balancedTolerance)
        let near = results.filter { Double($0.memUsedAtScale) <= bound }
        guard near.allSatisfy({ $0.cpu != nil }) else { return nil }
        func cpu(_ c: AdviseReport.AlgorithmCost) -> Double {
            c.cpu!.compressNanosecondsPerPage + c.cpu!.decompressNanosecondsPerPage
        }
        return near.min { cpu($0) < cpu($1) }
    }

    /// Pool bytes per object summed without rounding zspages up: what the pages cost in a device holding many
    /// such samples (every class's zspages then full but the last).
    public static func poolAtScale(_ contents: [PageContent], table: ZsmallocClassTable) -> UInt64 {
        var sum = PoolAtScale(table: table)
        for c in contents { sum.add(c) }
        return sum.bytes
    }

    /// `poolAtScale` summed a page at a time, in the same order (so the same rounding).
    struct PoolAtScale {
        let table: ZsmallocClassTable
        var pages = 0.0

        mutating func add(_ c: PageContent) {
            guard c.fill == nil, let n = c.compressedLength else { return }
            let cls = table.sizeClass(forRequest: n >= table.hugeClassSize ? pageSize : n)
            pages += Double(cls.pagesPerZspage) / Double(cls.objectsPerZspage)
        }

        var bytes: UInt64 { UInt64((pages * Double(pageSize)).rounded(.up)) }
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

    /// mem_limit for a device of `disksize`: the budget less its slot table, in whole pages (0 when the slot
    /// table alone exceeds the budget).
    public static func memLimit(memTotal: UInt64, percent: Int, disksize: UInt64) -> UInt64 {
        let budget = memTotal * UInt64(percent) / 100
        let table = disksize / UInt64(pageSize) * slotTableBytesPerPage
        return budget > table ? (budget - table) / UInt64(pageSize) * UInt64(pageSize) : 0
    }

    public static func disksize(for cost: AdviseReport.AlgorithmCost, memTotal: UInt64, poolPercent: Int,
                                disksize: UInt64) -> AdviseReport.Disksize {
        let r = cost.ratioAtScale ?? .infinity
        let (ram, table) = ramWhenFull(disksize: disksize, ratio: r)
        let net = 1 - (r.isInfinite ? 0 : 1 / r) - Double(slotTableBytesPerPage) / Double(pageSize)
        let recommended = recommendedDisksize(memTotal: memTotal, percent: poolPercent, ratio: r)
        return AdviseReport.Disksize(
            algorithm: cost.algorithm, ratio: cost.ratioAtScale, memTotal: memTotal, poolPercent: poolPercent,
            recommendedDisksize: recommended,
            disksize: disksize, ramWhenFull: ram, slotTable: table,
            recommendedMemLimit: memLimit(memTotal: memTotal, percent: poolPercent, disksize: recommended),
            memLimitForDisksize: memLimit(memTotal: memTotal, percent: poolPercent, disksize: disksize),
            netSavingShare: net, worthIt: net >= worthItThreshold)
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
        if mayCreateDevice && root.isLive && root.isPrivileged && control.isAvailable {
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

    public static func run(corpus: PageCorpus, workload: AdviseReport.Workload, kernel: AdviseReport.Target,
                           candidates: [CompressorSettings], notModelled: [String], source: String,
                           classTable: ZsmallocClassTable, memTotal: UInt64?, poolPercent: Int, disksize: UInt64?,
                           measureCPU: Bool) -> AdviseReport {
        let measured = candidates.map { settings in
            // One pass, a window of results at a time: the model, the pool at scale and (for the CPU sample) the
            // indices of the compressed pages, 4 bytes each, are all that is kept.
            var model = ZramModel(classTable: classTable)
            model.reserveSlots(corpus.pageCount)
            var scale = PoolAtScale(table: classTable)
            var compressed: [UInt32] = []
            if measureCPU { compressed.reserveCapacity(corpus.pageCount) }
            PageAnalysis.forEachWindow(corpus, compressor: settings, for: .zram) { first, contents in
                for (k, c) in contents.enumerated() {
                    model.write(index: first + k, c)
                    scale.add(c)
                    if measureCPU, c.compressedLength != nil { compressed.append(UInt32(first + k)) }
                }
            }
            let cpu = measureCPU ? CompressorCPUCost.measure(settings, corpus: corpus, compressedPages: compressed,
                                                             hugeClassSize: classTable.hugeClassSize) : nil
            return cost(settings, stat: model.mmStat, pages: corpus.pageCount, atScale: scale.bytes, cpu: cpu)
        }
        let results = ranked(measured)
        let bestEntry = results.first
        var size: AdviseReport.Disksize?
        if let b = bestEntry, let total = memTotal {
            let asked = disksize ?? (total / 2 / UInt64(pageSize) * UInt64(pageSize))
            size = Self.disksize(for: b, memTotal: total, poolPercent: poolPercent, disksize: asked)
        }
        return AdviseReport(workload: workload, kernel: kernel, algorithmsSource: source, notModelled: notModelled,
                            results: results, best: bestEntry?.algorithm, bestLevel: bestEntry?.level,
                            bestName: bestEntry?.name, balanced: balanced(results)?.name, disksize: size)
    }
}
