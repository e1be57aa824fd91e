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
        for r in report.results {
            #expect(r.compressMbPerS.isFinite && r.compressMbPerS > 0)
            #expect(r.baselineCompressMbPerS.isFinite && r.baselineCompressMbPerS > 0)
            #expect(r.decompressMbPerS.isFinite && r.decompressMbPerS > 0)
        }
    }

    static func result(compress: Double, compressTarget: Double, decompress: Double, decompressTarget: Double?) -> CompressionBench.Result {
        CompressionBench.Result(algorithm: .lzo, baseline: .liblzo2, baselineFunctions: "f", compressMbPerS: 1,
                                baselineCompressMbPerS: 1, compressRatio: compress, compressTarget: compressTarget,
                                decompressMbPerS: 1, baselineDecompressMbPerS: 1, decompressRatio: decompress,
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
