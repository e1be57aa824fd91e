import Testing
@testable import TmemControl
import TmemCore
import TmemHost

/// The bench's bookkeeping: how it pairs thread counts and splits the pages. Speeds are never asserted here (they
/// live in the bench output); the live side is in LiveKernelTests (ModelBenchLiveTests).
@Suite struct ModelBenchTests {
    @Test func threadCountsAreOneThenTheRequestedOne() {
        #expect(ModelBench.threadCounts(1) == [1])
        #expect(ModelBench.threadCounts(2) == [1, 2])
        #expect(ModelBench.threadCounts(4) == [1, 4])
    }

    @Test func partsAreContiguousAndCoverEveryPage() {
        #expect(ModelBench.parts(pages: 10, 2) == [0..<5, 5..<10])
        #expect(ModelBench.parts(pages: 7, 2) == [0..<3, 3..<7])
        #expect(ModelBench.parts(pages: 5, 1) == [0..<5])
        #expect(ModelBench.parts(pages: 3, 3) == [0..<1, 1..<2, 2..<3])
    }

    /// Worked by hand: three same-filled pages (zero and 0x01 bytes) are 12288 bytes of orig_data_size and
    /// three same_pages, nothing compressed and no pool page (docs/kernel-notes.md#zram-prediction, rule 1).
    @Test func aPartOfSameFilledPagesIsPredictedWithoutThePool() {
        let pages = AlignedPages(byteCount: 3 * pageSize)
        pages.pointer.initializeMemory(as: UInt8.self, repeating: 0, count: 2 * pageSize)
        (pages.pointer + 2 * pageSize).initializeMemory(as: UInt8.self, repeating: 1, count: pageSize)
        let s = ModelBench.predict(pages.pointer, count: 3, algorithm: .lzo, table: ZsmallocClassTable(chainSize: 8))
        #expect(s.origDataSize == 12288 && s.samePages == 3)
        #expect(s.comprDataSize == 0 && s.memUsedTotal == 0 && s.hugePages == 0)
    }
}
