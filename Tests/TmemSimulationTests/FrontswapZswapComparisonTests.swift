import Testing
import TmemCore
import TmemSimulation

/// Issue item 7, against the models: the frontswap path with a zsmalloc pool and lzo stores the same pages in
/// the same number of pool pages as the zswap model. (The live-kernel version is in LiveKernelTests.)
@Suite struct FrontswapZswapComparisonTests {
    @Test(arguments: [CompressionAlgorithm.lzo, .lz4])
    func frontswapStoresWhatZswapStores(algorithm: CompressionAlgorithm) {
        let corpus = BuiltinCorpus.generate(pages: 3000, seed: 21)
        var rng = SplitMix64(seed: 5)
        var ops: [FrontswapZswapComparison.Op] = (0..<3000).map { .store(slot: $0, page: $0) }
        // Then churn: frees and rewrites leave partly empty zspages behind, which both sides must agree on.
        for _ in 0..<2000 {
            let slot = Int(rng.next() % 3000)
            ops.append(rng.next() % 2 == 0 ? .free(slot: slot) : .store(slot: slot, page: Int(rng.next() % 3000)))
        }
        let a = FrontswapZswapComparison.viaFrontswap(Array(ops.prefix(3000)), corpus: corpus, algorithm: algorithm, slots: 3000)
        let b = FrontswapZswapComparison.viaZswapModel(Array(ops.prefix(3000)), corpus: corpus, algorithm: algorithm)
        #expect(a == b)
        #expect(a.storedPages > 2000 && a.zeroMappedPages > 100 && a.storedIncompressiblePages > 0)
        let c = FrontswapZswapComparison.viaFrontswap(ops, corpus: corpus, algorithm: algorithm, slots: 3000)
        let d = FrontswapZswapComparison.viaZswapModel(ops, corpus: corpus, algorithm: algorithm)
        #expect(c == d)
    }

    /// A hand-checked case (docs/kernel-notes.md#zsmalloc-class-tables): 13 objects in the 1568-byte class (5 pages, 13 objects) and one
    /// more make two zspages, 10 pages. Pages are synthetic here, so lengths are computed, not assumed: the test
    /// only uses pages whose lzo length lands in that class (1545-1560 bytes: 1553-1568 with the handle).
    @Test func poolPagesFollowTheClassTable() throws {
        let corpus = BuiltinCorpus.generate(pages: 4000, seed: 8)
        let lzo = PageCompressor(.lzo)
        let inClass = (0..<corpus.pageCount).filter { i in
            let n = corpus.withPage(i) { lzo.compress($0) }
            return n + 8 > 1552 && n + 8 <= 1568
        }
        try #require(inClass.count >= 14, "only \(inClass.count) pages of the mix fall in the class")
        let ops = inClass.prefix(14).enumerated().map { FrontswapZswapComparison.Op.store(slot: $0.offset, page: $0.element) }
        let a = FrontswapZswapComparison.viaFrontswap(ops, corpus: corpus, algorithm: .lzo, slots: 64)
        #expect(a.storedPages == 14 && a.poolPages == 10)
    }
}
