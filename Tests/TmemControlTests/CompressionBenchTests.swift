import Testing
@testable import TmemControl
import TmemCore
import TmemTestSupport

/// The bench's bookkeeping and verdicts. Speeds are never asserted in unit tests (they live in the bench output);
/// the verdicts are checked on hand-made results.
@Suite struct CompressionBenchTests {
    @Test func oneSmallRoundCoversEveryAlgorithmAgainstItsBaseline() throws {
        let report = try CompressionBench(pages: 32, seed: 3, rounds: 1).run(algorithms: CompressionAlgorithm.allCases)
        #expect(report.pages == 32 && report.rounds == 1 && report.seed == 3)
        #expect(report.results.map(\.algorithm) == [.lzoRle, .lzo, .lz4])
        // liblzo2 cannot decode lzo-rle, so that row has no decompression baseline.
        #expect(report.results.map(\.baseline) == [.liblzo2, .liblzo2, .liblz4])
        #expect(report.results.map { $0.decompressTarget == nil } == [true, false, false])
        // lzo1x_1_12 races both LZO encoders, not lz4; only lzo-rle's decompression baseline reads another stream.
        #expect(report.results.map { $0.lzo1x112CompressMbPerS != nil } == [true, true, false])
        #expect(report.results.map(\.decompressSameStream) == [false, true, true])
        #expect(report.corpus == nil)
        for r in report.results {
            // One round: the spread is that round's ratio.
            #expect(r.compressRatioSpread.min == r.compressRatio && r.compressRatioSpread.max == r.compressRatio)
            #expect(r.decompressRatioSpread.min == r.decompressRatio && r.decompressRatioSpread.max == r.decompressRatio)
            #expect(r.compressRatioVsLzo1x112Spread?.min == r.compressRatioVsLzo1x112)
            #expect(r.compressMbPerS.isFinite && r.compressMbPerS > 0)
            #expect(r.baselineCompressMbPerS.isFinite && r.baselineCompressMbPerS > 0)
            #expect(r.decompressMbPerS.isFinite && r.decompressMbPerS > 0)
        }
    }

    @Test func spreadsHoldTheExtremesOfTheRounds() throws {
        let report = try CompressionBench(pages: 16, seed: 5, rounds: 3).run(algorithms: [.lzo])
        let r = try #require(report.results.first)
        #expect(r.compressRatioSpread.min <= r.compressRatio && r.compressRatio <= r.compressRatioSpread.max)
        #expect(r.decompressRatioSpread.min <= r.decompressRatio && r.decompressRatio <= r.decompressRatioSpread.max)
        let s = try #require(r.compressRatioVsLzo1x112Spread)
        #expect(s.min <= r.compressRatioVsLzo1x112! && r.compressRatioVsLzo1x112! <= s.max)
    }

    @Test func aCorpusFileRunNamesTheFileAndHasNoSeed() throws {
        let corpus = BuiltinCorpus.generate(pages: 16, seed: 9)
        let report = try CompressionBench(corpus: corpus, path: "app.pages", rounds: 1).run(algorithms: [.lz4])
        #expect(report.corpus == "app.pages" && report.seed == nil && report.pages == 16)
    }

    static func result(compress: Double, compressTarget: Double, decompress: Double, decompressTarget: Double?) -> CompressionBench.Result {
        let one = CompressionBench.Spread(min: 1, max: 1)
        return CompressionBench.Result(algorithm: .lzo, baseline: .liblzo2, baselineFunctions: "f", compressMbPerS: 1,
                                       baselineCompressMbPerS: 1, compressRatio: compress, compressRatioSpread: one,
                                       compressTarget: compressTarget, lzo1x112CompressMbPerS: nil, compressRatioVsLzo1x112: nil,
                                       compressRatioVsLzo1x112Spread: nil, decompressMbPerS: 1, baselineDecompressMbPerS: 1,
                                       decompressRatio: decompress, decompressRatioSpread: one, decompressSameStream: true,
                                       decompressTarget: decompressTarget)
    }

    @Test func targetsAreMetOnlyWhenBothRatiosReachTheirs() {
        #expect(Self.result(compress: 0.95, compressTarget: 0.95, decompress: 1.20, decompressTarget: 0.95).targetsMet)
        #expect(!Self.result(compress: 0.94, compressTarget: 0.95, decompress: 1.20, decompressTarget: 0.95).targetsMet)
        #expect(!Self.result(compress: 1.10, compressTarget: 0.95, decompress: 0.90, decompressTarget: 0.95).targetsMet)
        // No decompression baseline: only the compression ratio counts.
        #expect(Self.result(compress: 0.91, compressTarget: 0.90, decompress: 0.10, decompressTarget: nil).targetsMet)
    }
}
