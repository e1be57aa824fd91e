import Dispatch
import TmemCore
import TmemHost
#if canImport(Glibc)
import Glibc
#endif

/// `tmemctl bench model`: how fast the model predicts mm_stat for a corpus, against the kernel writing the same
/// pages to zram in the same run, at equal thread counts. For N threads the corpus is cut into N contiguous parts
/// and each part goes to its own scratch device: the model runs N threads, each predicting one device (page
/// classification, compression and the zram/zsmalloc update, page by page as the kernel does them); the kernel
/// gets N concurrent writers, each writing its part to its device as `dd bs=1M oflag=direct` would. Rounds
/// alternate which side runs first (model then kernel, then kernel then model) so that drift in the machine's
/// speed falls on both sides, and the ratio is the median of the per-round ratios with their spread
/// (docs/kernel-notes.md#benchmark-noise). Each round checks every device's mm_stat against its prediction, so the
/// bench never times a wrong model.
public enum ModelBench {
    /// The model at least as fast as the kernel writing the same pages with as many threads.
    public static let target = 1.0
    /// A round is valid when both sides used at least this share of their threads' worth of CPU.
    public static let coreShare = 0.8

    /// What the kernel does for each write that the model leaves out (6.18 `zram_drv.c` `zram_write_page`,
    /// `block/fops.c` direct I/O, `mm/zsmalloc.c`; profiled in docs/kernel-notes.md#zram-write-path). The model
    /// only classifies, compresses into a private buffer and counts the object into its size class; so a ratio
    /// of 1 means the model keeps pace with the kernel doing strictly more work per page.
    public static let modelOmits: [String] = [
        "the write system call and pinning the caller's pages for O_DIRECT into one bio (no page cache, and no copy from user memory on either side: zram compresses straight from the pinned page)",
        "the block layer's bio submission and completion, the slot lock and freeing the slot's old contents",
        "zs_malloc (size-class and pool locks, new zspages from the page allocator) and copying the compressed object into the zspage",
        "the mem_limit check and the atomic mm_stat counters (in all about a sixth of the kernel's write time, measured on 6.18 with lzo: docs/kernel-notes.md#zram-write-path)",
    ]

    public typealias Spread = BenchSpread

    /// N model threads against N kernel writers on N devices.
    public struct Pairing: Codable, Equatable, Sendable {
        /// Model threads = kernel writers = scratch devices.
        public var threads: Int
        /// MB/s = 10^6 bytes of pages per second, all threads together; medians over the reported rounds.
        public var modelMbPerS: Double
        public var kernelWriteMbPerS: Double
        /// Median of the per-round ratios model / kernel, their spread and every one of them.
        public var ratio: Double
        public var ratioSpread: Spread
        public var roundRatios: [Double]
        public var targetMet: Bool
        /// Every device's mm_stat equalled its prediction in every round.
        public var mmStatEqual: Bool
        /// CPU seconds per wall second of each side: near `threads` when the cores were free.
        public var modelCoresUsed: Double
        public var kernelCoresUsed: Double
        /// Rounds thrown away because one side got less than 80% of its threads' worth of CPU (the machine is
        /// shared: another job held a core).
        public var discardedRounds: Int
        /// False when some reported rounds had to be taken from the discarded ones (the cores never got free).
        public var measuredOnFreeCores: Bool
    }

    public struct Result: Codable, Equatable, Sendable {
        public var algorithm: CompressionAlgorithm
        public var target: Double
        /// 1 vs 1, then N vs N (N = --threads) when N > 1.
        public var pairings: [Pairing]
    }

    public struct Report: Codable, Equatable, Sendable {
        public var bytes: UInt64
        public var pages: Int
        public var seed: UInt64
        public var threads: Int
        public var rounds: Int
        /// Which side runs first in round 1, 2, ...: alternating.
        public var order: String
        public var modelOmits: [String]
        public var results: [Result]
    }

    /// The thread counts compared: 1, and `threads` when it is more.
    public static func threadCounts(_ threads: Int) -> [Int] { threads > 1 ? [1, threads] : [1] }

    /// Pages [0, pages) cut into `parts` contiguous ranges, as even as page counts allow.
    public static func parts(pages: Int, _ parts: Int) -> [Range<Int>] {
        (0..<parts).map { (pages * $0 / parts)..<(pages * ($0 + 1) / parts) }
    }

    /// The model's prediction for one device receiving `count` pages from `base` in order, page by page.
    public static func predict(_ base: UnsafeRawPointer, count: Int, algorithm: CompressionAlgorithm,
                               table: ZsmallocClassTable) -> MMStat {
        let compressor = PageCompressor(algorithm)
        var model = ZramModel(classTable: table, disksize: UInt64(count * pageSize))
        for i in 0..<count {
            let page = UnsafeRawBufferPointer(start: base + i * pageSize, count: pageSize)
            model.write(index: i, PageAnalysis.analyze(page, compressor: compressor, for: .zram))
        }
        return model.mmStat
    }

    public static func run(corpus: PageCorpus, seed: UInt64, algorithms: [CompressionAlgorithm], threads: Int,
                           rounds: Int, settings: VerifySettings, progress: (String) -> Void = { _ in }) throws -> Report {
        Interruption.install()
        defer { Interruption.restore() }
        let aligned = AlignedPages(corpus)
        var results: [Result] = []
        for algorithm in algorithms {
            var pairings: [Pairing] = []
            for n in threadCounts(threads) {
                pairings.append(try pairing(n, aligned, algorithm: algorithm, rounds: rounds, settings: settings, progress: progress))
            }
            results.append(Result(algorithm: algorithm, target: target, pairings: pairings))
        }
        return Report(bytes: UInt64(corpus.byteCount), pages: corpus.pageCount, seed: seed, threads: threads,
                      rounds: rounds, order: "alternating: model first in odd rounds, kernel first in even rounds",
                      modelOmits: modelOmits, results: results)
    }

    private struct Round {
        var model: Double, kernel: Double, modelCores: Double, kernelCores: Double
        var ratio: Double { model / kernel }
    }

    private static func pairing(_ n: Int, _ aligned: AlignedPages, algorithm: CompressionAlgorithm, rounds: Int,
                                settings: VerifySettings, progress: (String) -> Void) throws -> Pairing {
        let bytes = Double(aligned.byteCount)
        let ranges = parts(pages: aligned.byteCount / pageSize, n)
        let base = UInt(bitPattern: aligned.pointer)
        let table = settings.classTable
        var equal = true
        // A round counts only if both sides really got their cores (the machine is shared: another job may
        // hold the second one).
        let (kept, discarded, allOnFreeCores) = try BenchStatistics.roundsOnFreeCores(rounds, threads: n, share: coreShare) {
            attempt, keptSoFar, discardedSoFar -> (round: Round, coresUsed: [Double]) in
            try Interruption.check()
            progress("\(algorithm.rawValue), \(n) vs \(n): round \(keptSoFar + 1) of \(rounds)\(discardedSoFar == 0 ? "" : " (\(discardedSoFar) discarded)")")
            let predicted = Predictions(n)
            func model() -> (wall: Double, cpu: Double) {
                TmemBench.timed(n) { t in
                    let p = UnsafeRawPointer(bitPattern: base)! + ranges[t].lowerBound * pageSize
                    predicted.set(t, predict(p, count: ranges[t].count, algorithm: algorithm, table: table))
                }
            }
            var m: (wall: Double, cpu: Double)? = nil
            if attempt % 2 == 1 { m = model() }
            // A device that cannot be removed ends the bench with an error naming it (also after a throw).
            let (k, failures) = try CleanupStack.run { cleanup -> (wall: Double, cpu: Double, stats: [MMStat]) in
                var io: [ZramDirectRange] = []
                for r in ranges {
                    let scratch = try ScratchZram.create(root: settings.root, purpose: "bench model", cleanup: cleanup)
                    try scratch.configure(ZramSetupRequest(disksize: UInt64(r.count * pageSize), algorithm: algorithm.rawValue))
                    io.append(try ZramDirectRange(device: scratch.device))
                }
                try Interruption.check()
                let failed = FailureFlag()
                let writers = io
                let k = TmemBench.timed(n) { t in
                    // Each device holds its part from offset 0.
                    let p = UnsafeRawPointer(bitPattern: base)! + ranges[t].lowerBound * pageSize
                    do { try writers[t].write(from: p, firstPage: 0, count: ranges[t].count) } catch { failed.set("\(error)") }
                }
                if let message = failed.message { throw TmemBench.Failure(description: message) }
                return (k.wall, k.cpu, try io.map { try $0.device.mmStat() })
            }
            if !failures.isEmpty { throw CleanupFailed(failures: failures) }
            if m == nil { m = model() }
            if k.stats != predicted.values { equal = false }
            let round = Round(model: bytes / m!.wall / 1e6, kernel: bytes / k.wall / 1e6,
                              modelCores: m!.cpu / m!.wall, kernelCores: k.cpu / k.wall)
            return (round, [round.modelCores, round.kernelCores])
        }
        let median = BenchStatistics.median
        let ratios = kept.map(\.ratio)
        let r = median(ratios)
        return Pairing(threads: n, modelMbPerS: median(kept.map(\.model)), kernelWriteMbPerS: median(kept.map(\.kernel)),
                       ratio: r, ratioSpread: Spread(ratios), roundRatios: ratios,
                       targetMet: r >= target, mmStatEqual: equal, modelCoresUsed: median(kept.map(\.modelCores)),
                       kernelCoresUsed: median(kept.map(\.kernelCores)), discardedRounds: discarded,
                       measuredOnFreeCores: allOnFreeCores)
    }
}

/// One prediction per model thread, each written by its own thread.
private final class Predictions: @unchecked Sendable {
    private let lock = NSLockish()
    private var stats: [MMStat?]
    init(_ n: Int) { stats = Array(repeating: nil, count: n) }
    func set(_ i: Int, _ s: MMStat) { lock.with { stats[i] = s } }
    var values: [MMStat] {
        var v: [MMStat] = []
        lock.with { v = stats.map { $0! } }
        return v
    }
}
