import TmemCore
#if canImport(Glibc)
import Glibc
#endif

/// `tmemctl bench compress`: our compressors through the Swift API against the library baselines called
/// from C, on the same pages in the same run. The machine is noisy (docs/kernel-notes.md#benchmark-noise), so the passes are
/// interleaved (ours first in even rounds, the baselines first in odd ones), every round measures every side back
/// to back, and the reported ratio is the median of the per-round ratios, with their spread.
public struct CompressionBench {
    /// The smallest and largest per-round ratio.
    public struct Spread: Codable, Equatable, Sendable {
        public var min: Double
        public var max: Double

        init(_ xs: [Double]) {
            min = xs.min()!
            max = xs.max()!
        }

        public init(min: Double, max: Double) {
            self.min = min
            self.max = max
        }
    }

    public struct Result: Codable, Equatable, Sendable {
        public let algorithm: CompressionAlgorithm
        public let baseline: ReferenceCodec
        public let baselineFunctions: String
        public let compressMbPerS: Double
        public let baselineCompressMbPerS: Double
        public let compressRatio: Double
        public let compressRatioSpread: Spread
        public let compressTarget: Double
        /// liblzo2's lzo1x_1_12 as a second compression baseline (lzo and lzo-rle; nil for lz4). No target: it
        /// is the fastest LZO1X-1 variant on pages, not the kernel's.
        public let lzo1x112CompressMbPerS: Double?
        public let compressRatioVsLzo1x112: Double?
        public let compressRatioVsLzo1x112Spread: Spread?
        public let decompressMbPerS: Double
        public let baselineDecompressMbPerS: Double
        public let decompressRatio: Double
        public let decompressRatioSpread: Spread
        /// False for lzo-rle: liblzo2 cannot read bitstream v1, so its side decodes the lzo (v0) stream of the
        /// same pages. The same-stream comparison for lzo-rle is against the kernel's decoder
        /// (scripts/perf-lzo-decoder --algorithm lzo-rle).
        public let decompressSameStream: Bool
        /// nil where the baseline decodes a different bitstream (liblzo2 cannot read lzo-rle).
        public let decompressTarget: Double?
        public var targetsMet: Bool { compressRatio >= compressTarget && decompressRatio >= (decompressTarget ?? 0) }

        public init(algorithm: CompressionAlgorithm, baseline: ReferenceCodec, baselineFunctions: String,
                    compressMbPerS: Double, baselineCompressMbPerS: Double, compressRatio: Double,
                    compressRatioSpread: Spread, compressTarget: Double, lzo1x112CompressMbPerS: Double?,
                    compressRatioVsLzo1x112: Double?, compressRatioVsLzo1x112Spread: Spread?, decompressMbPerS: Double,
                    baselineDecompressMbPerS: Double, decompressRatio: Double, decompressRatioSpread: Spread,
                    decompressSameStream: Bool, decompressTarget: Double?) {
            self.algorithm = algorithm
            self.baseline = baseline
            self.baselineFunctions = baselineFunctions
            self.compressMbPerS = compressMbPerS
            self.baselineCompressMbPerS = baselineCompressMbPerS
            self.compressRatio = compressRatio
            self.compressRatioSpread = compressRatioSpread
            self.compressTarget = compressTarget
            self.lzo1x112CompressMbPerS = lzo1x112CompressMbPerS
            self.compressRatioVsLzo1x112 = compressRatioVsLzo1x112
            self.compressRatioVsLzo1x112Spread = compressRatioVsLzo1x112Spread
            self.decompressMbPerS = decompressMbPerS
            self.baselineDecompressMbPerS = baselineDecompressMbPerS
            self.decompressRatio = decompressRatio
            self.decompressRatioSpread = decompressRatioSpread
            self.decompressSameStream = decompressSameStream
            self.decompressTarget = decompressTarget
        }
    }

    public struct Report: Codable, Equatable, Sendable {
        /// The corpus file, or nil for the built-in mix (then `seed` is its seed; nil for a file).
        public let corpus: String?
        public let pages: Int
        public let seed: UInt64?
        public let rounds: Int
        public let results: [Result]
    }

    /// Speed ratios (ours / baseline) the project holds itself to.
    public static func targets(_ a: CompressionAlgorithm) -> (compress: Double, decompress: Double?) {
        switch a {
        case .lzo: return (0.95, 0.95)  // the Swift API around liblzo2 may cost at most 5%
        case .lzoRle: return (0.90, nil) // our encoder vs liblzo2's lzo1x_1_15
        case .lz4: return (0.90, 0.90)
        // Not benchmarked against a baseline (see `benchmarked`): zstd and deflate are the libraries
        // themselves, and liblz4's HC runs a different parser.
        case .lz4hc, .zstd, .deflate: return (0, nil)
        }
    }

    /// The algorithms with a library baseline to race.
    public static let benchmarked: [CompressionAlgorithm] = [.lzoRle, .lzo, .lz4]

    public let corpus: PageCorpus
    public let corpusPath: String?
    public let seed: UInt64?
    public let rounds: Int

    /// The built-in mix of `pages` pages.
    public init(pages: Int, seed: UInt64, rounds: Int) {
        corpus = BuiltinCorpus.generate(pages: pages, seed: seed)
        corpusPath = nil
        self.seed = seed
        self.rounds = rounds
    }

    /// A corpus read from `path` (a captured process, say: `tmemctl corpus capture`).
    public init(corpus: PageCorpus, path: String, rounds: Int) {
        self.corpus = corpus
        corpusPath = path
        seed = nil
        self.rounds = rounds
    }

    public struct RoundTripFailure: Error, CustomStringConvertible {
        public let description: String
    }

    static let slot = 4608 // ≥ every algorithm's worst case for one page (lzo: 4421)

    public func run(algorithms: [CompressionAlgorithm]) throws -> Report {
        let pages = corpus.pageCount
        let bytes = Double(pages * pageSize)
        let streams = UnsafeMutableRawPointer.allocate(byteCount: pages * Self.slot, alignment: 64)
        let baseStreams = UnsafeMutableRawPointer.allocate(byteCount: pages * Self.slot, alignment: 64)
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: Self.slot, alignment: 64)
        let out = UnsafeMutableRawPointer.allocate(byteCount: pages * pageSize, alignment: 4096)
        let work = UnsafeMutableRawPointer.allocate(byteCount: ReferenceCodec.workMemorySize, alignment: 64)
        let sizes = UnsafeMutablePointer<UInt32>.allocate(capacity: pages)
        let baseSizes = UnsafeMutablePointer<UInt32>.allocate(capacity: pages)
        let scratchSizes = UnsafeMutablePointer<UInt32>.allocate(capacity: pages)
        defer {
            streams.deallocate(); baseStreams.deallocate(); scratch.deallocate(); out.deallocate()
            work.deallocate(); sizes.deallocate(); baseSizes.deallocate(); scratchSizes.deallocate()
        }
        // Touch every buffer once so page faults are not timed.
        out.initializeMemory(as: UInt8.self, repeating: 0, count: pages * pageSize)
        streams.initializeMemory(as: UInt8.self, repeating: 0, count: pages * Self.slot)
        baseStreams.initializeMemory(as: UInt8.self, repeating: 0, count: pages * Self.slot)

        return try corpus.withContiguousBytes { (all) throws -> Report in
            let src = all.baseAddress!
            var results: [Result] = []
            for algorithm in algorithms where Self.benchmarked.contains(algorithm) {
                let compressor = PageCompressor(algorithm)
                let baseline = ReferenceCodec.baseline(for: algorithm)

                // Untimed: the streams both decoders read, and a check that ours round-trip.
                for i in 0..<pages {
                    let n = compressor.compress(UnsafeRawBufferPointer(start: src + i * pageSize, count: pageSize))
                    (streams + i * Self.slot).copyMemory(from: compressor.output.baseAddress!, byteCount: n)
                    sizes[i] = UInt32(n)
                }
                _ = baseline.compressPages(src, pages: pages, into: baseStreams, stride: Self.slot,
                                           slotCapacity: Self.slot, sizes: baseSizes, work: work)
                try decodeOurs(compressor, streams: streams, sizes: sizes, pages: pages, into: out)
                if memcmp(out, src, pages * pageSize) != 0 {
                    throw RoundTripFailure(description: "\(algorithm.rawValue): decoded pages differ from the corpus")
                }

                // lzo1x_1_12 races our LZO encoders as well (compression only: its streams decode as 1_15's do).
                let second: ReferenceCodec? = algorithm == .lz4 ? nil : .liblzo2_1_12
                var ours = (c: [Double](), d: [Double]()), base = (c: [Double](), d: [Double]()), base112 = [Double]()
                var ratios = (c: [Double](), d: [Double](), c112: [Double]())
                for round in 0..<rounds {
                    // Alternate which side goes first, so drift within a round favours neither.
                    let oursFirst = round % 2 == 0
                    var oc = 0.0, bc = 0.0, b112 = 0.0, od = 0.0, bd = 0.0
                    for side in oursFirst ? [0, 1, 2] : [2, 1, 0] {
                        switch side {
                        case 0:
                            oc = BenchStatistics.seconds {
                                for i in 0..<pages {
                                    _ = compressor.compress(UnsafeRawBufferPointer(start: src + i * pageSize, count: pageSize))
                                }
                            }
                        case 1:
                            bc = BenchStatistics.seconds {
                                _ = baseline.compressPages(src, pages: pages, into: scratch, stride: 0,
                                                           slotCapacity: Self.slot, sizes: baseSizes, work: work)
                            }
                        default:
                            if let second {
                                // Sizes go to a scratch array: baseSizes must keep lzo1x_1_15's, which baseStreams hold.
                                b112 = BenchStatistics.seconds {
                                    _ = second.compressPages(src, pages: pages, into: scratch, stride: 0,
                                                             slotCapacity: Self.slot, sizes: scratchSizes, work: work)
                                }
                            }
                        }
                    }
                    for side in oursFirst ? [0, 1] : [1, 0] {
                        if side == 0 {
                            var failure: RoundTripFailure?
                            od = BenchStatistics.seconds {
                                do throws(RoundTripFailure) {
                                    try decodeOurs(compressor, streams: streams, sizes: sizes, pages: pages, into: out)
                                } catch { failure = error }
                            }
                            if let f = failure { throw f }
                        } else {
                            var ok = 0
                            bd = BenchStatistics.seconds {
                                ok = baseline.decompressPages(baseStreams, pages: pages, stride: Self.slot, sizes: baseSizes, into: out)
                            }
                            if ok != pages {
                                throw RoundTripFailure(description: "\(baseline.rawValue): \(pages - ok) pages did not decode")
                            }
                        }
                    }
                    ours.c.append(bytes / oc / 1e6); base.c.append(bytes / bc / 1e6)
                    ours.d.append(bytes / od / 1e6); base.d.append(bytes / bd / 1e6)
                    ratios.c.append(bc / oc); ratios.d.append(bd / od)
                    if second != nil {
                        base112.append(bytes / b112 / 1e6)
                        ratios.c112.append(b112 / oc)
                    }
                }
                let t = Self.targets(algorithm)
                results.append(Result(
                    algorithm: algorithm, baseline: baseline, baselineFunctions: baseline.functions,
                    compressMbPerS: BenchStatistics.median(ours.c), baselineCompressMbPerS: BenchStatistics.median(base.c),
                    compressRatio: BenchStatistics.median(ratios.c), compressRatioSpread: Spread(ratios.c),
                    compressTarget: t.compress,
                    lzo1x112CompressMbPerS: second == nil ? nil : BenchStatistics.median(base112),
                    compressRatioVsLzo1x112: second == nil ? nil : BenchStatistics.median(ratios.c112),
                    compressRatioVsLzo1x112Spread: second == nil ? nil : Spread(ratios.c112),
                    decompressMbPerS: BenchStatistics.median(ours.d), baselineDecompressMbPerS: BenchStatistics.median(base.d),
                    decompressRatio: BenchStatistics.median(ratios.d), decompressRatioSpread: Spread(ratios.d),
                    decompressSameStream: algorithm != .lzoRle, decompressTarget: t.decompress))
            }
            return Report(corpus: corpusPath, pages: pages, seed: seed, rounds: rounds, results: results)
        }
    }

    private func decodeOurs(_ c: PageCompressor, streams: UnsafeMutableRawPointer, sizes: UnsafeMutablePointer<UInt32>,
                            pages: Int, into out: UnsafeMutableRawPointer) throws(RoundTripFailure) {
        for i in 0..<pages {
            let s = UnsafeRawBufferPointer(start: streams + i * Self.slot, count: Int(sizes[i]))
            let d = UnsafeMutableRawBufferPointer(start: out + i * pageSize, count: pageSize)
            let n: Int
            do throws(DecompressionError) { n = try c.decompress(s, into: d) } catch {
                throw RoundTripFailure(description: "\(c.algorithm.rawValue): page \(i): \(error)")
            }
            if n != pageSize { throw RoundTripFailure(description: "\(c.algorithm.rawValue): page \(i) decoded to \(n) bytes") }
        }
    }

}
