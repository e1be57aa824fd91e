import Testing
import TmemControl
import TmemCore

/// Only the bench's bookkeeping: speeds are never asserted in unit tests (they live in the bench output).
@Suite struct CompressionBenchTests {
    @Test func oneSmallRoundCoversEveryAlgorithmAgainstItsBaseline() throws {
        let report = try CompressionBench(pages: 32, seed: 3, rounds: 1).run(algorithms: CompressionAlgorithm.allCases)
        #expect(report.results.map(\.algorithm) == [.lzoRle, .lzo, .lz4])
        #expect(report.results.map(\.baseline) == [.liblzo2, .liblzo2, .liblz4])
        #expect(report.results.map(\.decompressTarget) == [nil, 0.95, 0.90])
        for r in report.results {
            #expect(r.compressMbPerS > 0 && r.baselineCompressMbPerS > 0)
            // With one round the ratio is that round's time ratio, i.e. the ratio of the two speeds.
            #expect(abs(r.compressRatio - r.compressMbPerS / r.baselineCompressMbPerS) < 1e-9 * r.compressRatio)
        }
    }
}
