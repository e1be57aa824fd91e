import Testing
import TmemCore

/// Page analysis against docs/kernel-notes.md#lzo-liblzo2-identity's sample sizes (kernel lzo / lzo-rle on one 4 KiB page).
@Suite struct PageAnalysisTests {
    static var helloPage: [UInt8] {
        var p = [UInt8](repeating: 0, count: pageSize)
        for (k, b) in "hello".utf8.enumerated() { p[100 + k] = b }
        return p
    }

    static var randomPage: [UInt8] {
        var rng = SplitMix64(seed: 3)
        return (0..<pageSize).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    }

    @Test func zramNeverCompressesSameFilledPages() {
        let c = PageCompressor(.lzo)
        let zero = [UInt8](repeating: 0, count: pageSize)
        #expect(zero.withUnsafeBytes { PageAnalysis.analyze($0, compressor: c) } == .sameFilled(0))
        // zswap on 6.12+ never sees zero pages either, but compresses other repeated words: the all-0x01 page.
        let ones = [UInt8](repeating: 1, count: pageSize)
        let z = ones.withUnsafeBytes { PageAnalysis.analyze($0, compressor: c, for: .zswap) }
        #expect(z.fill == 0x0101_0101_0101_0101 && z.compressedLength != nil)
    }

    @Test func compressedLengthsMatchTheKernelSamples() {
        let lzo = PageCompressor(.lzo), rle = PageCompressor(.lzoRle)
        #expect(Self.helloPage.withUnsafeBytes { PageAnalysis.analyze($0, compressor: lzo) } == .compressed(64))
        #expect(Self.helloPage.withUnsafeBytes { PageAnalysis.analyze($0, compressor: rle) } == .compressed(51))
        #expect(Self.randomPage.withUnsafeBytes { PageAnalysis.analyze($0, compressor: lzo) } == .compressed(4116))
        #expect(Self.randomPage.withUnsafeBytes { PageAnalysis.analyze($0, compressor: rle) } == .compressed(4118))
    }

    /// The parallel corpus path gives each page the same answer as analysing it alone, whatever the thread count.
    @Test func parallelAnalysisKeepsPageOrder() throws {
        var bytes = [UInt8](repeating: 0, count: 0)
        for i in 0..<700 {
            switch i % 3 {
            case 0: bytes += [UInt8](repeating: UInt8(i % 251), count: pageSize)
            case 1: bytes += Self.helloPage
            default: bytes += Self.randomPage
            }
        }
        let corpus = try PageCorpus(bytes: bytes)
        let expected: [PageContent] = (0..<700).map { i in
            switch i % 3 {
            case 0:
                let b = UInt64(i % 251)
                return .sameFilled(b * 0x0101_0101_0101_0101)
            case 1: return .compressed(64)
            default: return .compressed(4116)
            }
        }
        for threads in [1, 2, 3] {
            #expect(PageAnalysis.analyze(corpus, algorithm: .lzo, threads: threads) == expected)
        }
    }
}
