import TmemCore
import TmemHost
#if canImport(Glibc)
import Glibc
#endif

/// `tmemctl bench model`: how fast the model predicts mm_stat for a corpus, against the kernel writing the same
/// pages to a scratch zram device in the same run. The model is timed end to end (classification, compression on
/// `threads` threads, then the sequential zram/zsmalloc update); the kernel as `dd bs=1M oflag=direct` would
/// drive it, one writer. Rounds alternate model and kernel, and the ratio is the median of per-round ratios
/// (docs/kernel-notes.md#benchmark-noise: absolute speed drifts on this machine, same-round ratios do not). Each round also checks
/// that the kernel's mm_stat equals the prediction, so the bench never times a wrong model.
public enum ModelBench {
    /// The model on `threads` cores at least as fast as the kernel writing the same pages.
    public static let target = 1.0
    /// A round is valid when the model used at least this share of `threads` cores.
    public static let coreShare = 0.8

    public struct Result: Codable, Equatable, Sendable {
        public var algorithm: CompressionAlgorithm
        /// MB/s = 10^6 bytes of pages per second; medians over the rounds.
        public var modelMbPerS: Double
        public var modelSingleThreadMbPerS: Double
        public var kernelWriteMbPerS: Double
        /// Median of the per-round ratios model / kernel.
        public var ratio: Double
        public var target: Double
        public var targetMet: Bool
        /// The kernel's mm_stat equalled the prediction in every round.
        public var mmStatEqual: Bool
        /// Share of the model's time spent in the sequential zram/zsmalloc update (the rest is classification
        /// and compression, which runs on every thread).
        public var sequentialShare: Double
        /// CPU seconds per wall second while the model ran: near `threads` when the cores were free, near 1
        /// when other work held the second core (the machine is shared).
        public var modelCoresUsed: Double
        /// Rounds thrown away because the model got less than 80% of its threads' worth of CPU.
        public var discardedRounds: Int
        /// False when some reported rounds had to be taken from the discarded ones (the cores never got free).
        public var measuredOnFreeCores: Bool
    }

    public struct Report: Codable, Equatable, Sendable {
        public var bytes: UInt64
        public var pages: Int
        public var seed: UInt64
        public var threads: Int
        public var rounds: Int
        public var results: [Result]
    }

    /// The model's whole prediction for the corpus written in order.
    public static func predict(_ corpus: PageCorpus, algorithm: CompressionAlgorithm, table: ZsmallocClassTable,
                               threads: Int) -> (stat: MMStat, sequentialSeconds: Double) {
        let contents = PageAnalysis.analyze(corpus, algorithm: algorithm, for: .zram, threads: threads)
        let t = BenchStatistics.now()
        var model = ZramModel(classTable: table, disksize: UInt64(corpus.byteCount))
        for (i, c) in contents.enumerated() { model.write(index: i, c) }
        return (model.mmStat, BenchStatistics.now() - t)
    }

    public static func run(corpus: PageCorpus, seed: UInt64, algorithms: [CompressionAlgorithm], threads: Int,
                           rounds: Int, settings: VerifySettings, progress: (String) -> Void = { _ in }) throws -> Report {
        Interruption.install()
        defer { Interruption.restore() }
        let bytes = Double(corpus.byteCount)
        let aligned = AlignedPages(corpus)
        var results: [Result] = []
        for algorithm in algorithms {
            var model: [Double] = [], single: [Double] = [], kernel: [Double] = [], ratios: [Double] = []
            var equal = true
            var shares: [Double] = [], cores: [Double] = []
            var spare: [(m: Double, s: Double, k: Double, share: Double, used: Double)] = []
            // A round counts only if the model really got its cores (the machine is shared: another job may hold
            // the second one); others are discarded and retried, up to three times as many attempts in all.
            var attempts = 0, discarded = 0
            while model.count < rounds && attempts < 3 * rounds {
                attempts += 1
                try Interruption.check()
                progress("\(algorithm.rawValue): round \(model.count + 1) of \(rounds)\(discarded > 0 ? " (\(discarded) discarded)" : "")")
                var t = BenchStatistics.now()
                let cpu0 = BenchStatistics.processCPU()
                let (predicted, sequential) = predict(corpus, algorithm: algorithm, table: settings.classTable, threads: threads)
                let elapsed = BenchStatistics.now() - t
                let m = bytes / elapsed / 1e6
                let used = (BenchStatistics.processCPU() - cpu0) / elapsed
                t = BenchStatistics.now()
                _ = predict(corpus, algorithm: algorithm, table: settings.classTable, threads: 1)
                let s = bytes / (BenchStatistics.now() - t) / 1e6

                // A device that cannot be removed ends the bench with an error naming it (also after a throw).
                let (k, failures) = try CleanupStack.run { cleanup -> Double in
                    let scratch = try ScratchZram.create(root: settings.root, purpose: "bench model", cleanup: cleanup)
                    let device = scratch.device
                    try scratch.configure(ZramSetupRequest(disksize: UInt64(corpus.byteCount), algorithm: algorithm.rawValue))
                    try Interruption.check()
                    let t = BenchStatistics.now()
                    try ZramDirectRange(device: device).write(from: aligned.pointer, firstPage: 0, count: aligned.byteCount / pageSize)
                    let k = bytes / (BenchStatistics.now() - t) / 1e6
                    if try device.mmStat() != predicted { equal = false }
                    return k
                }
                if !failures.isEmpty { throw CleanupFailed(failures: failures) }

                let gotCores = used >= coreShare * Double(threads)
                if !gotCores {
                    discarded += 1
                    spare.append((m, s, k, sequential / elapsed, used))
                    continue
                }
                model.append(m)
                single.append(s)
                kernel.append(k)
                ratios.append(m / k)
                shares.append(sequential / elapsed)
                cores.append(used)
            }
            // Not enough rounds with free cores: fill up with the discarded ones and say so.
            var allOnFreeCores = true
            while model.count < rounds, let x = spare.popLast() {
                allOnFreeCores = false
                model.append(x.m); single.append(x.s); kernel.append(x.k); ratios.append(x.m / x.k)
                shares.append(x.share); cores.append(x.used)
            }
            let median = BenchStatistics.median
            let r = median(ratios)
            results.append(Result(algorithm: algorithm, modelMbPerS: median(model), modelSingleThreadMbPerS: median(single),
                                  kernelWriteMbPerS: median(kernel), ratio: r, target: target,
                                  targetMet: r >= target, mmStatEqual: equal, sequentialShare: median(shares),
                                  modelCoresUsed: median(cores), discardedRounds: discarded,
                                  measuredOnFreeCores: allOnFreeCores))
        }
        return Report(bytes: UInt64(corpus.byteCount), pages: corpus.pageCount, seed: seed, threads: threads,
                      rounds: rounds, results: results)
    }
}
