import Testing
import TmemCore

/// The swap path's routing, with compressed lengths chosen by hand and pool sizes read off docs/kernel-notes.md#zsmalloc-class-tables
/// (chain 8): a 100-byte object needs 108 → class 112 (7 pages, 256 objects); 41 → 49 → class 64 (1 page,
/// 64 objects); a raw page → class 4096 (1 page, 1 object).
@Suite struct SwapPathModelTests {
    let header = PageContent.compressed(100)
    let zero = PageContent(fill: 0, compressedLength: nil)
    let pattern = PageContent(fill: 0x0101_0101_0101_0101, compressedLength: 41)
    let text = PageContent.compressed(100)
    let incompressible = PageContent.compressed(4100)

    @Test func zramOnlyZeroPagesGoToTheZeromapSameFilledBecomeZramSame() {
        var m = SwapPathModel(zram: ZramModel(chainSize: 8), zswap: nil)
        m.writeHeader(header)
        for (offset, page) in [zero, pattern, text, incompressible].enumerated() { m.swapOut(offset: offset + 1, page) }
        let s = m.zram.mmStat
        // header + pattern + text + incompressible occupy slots; the zero page does not.
        #expect(s.origDataSize == 4 * 4096)
        #expect(s.comprDataSize == 100 + 100 + 4096)
        // two 112-byte objects share one 7-page zspage; the huge page is one more page.
        #expect(s.memUsedTotal == 8 * 4096)
        #expect(s.memUsedMax == 8 * 4096)
        #expect(s.samePages == 1)
        #expect(s.hugePages == 1)
        #expect(s.hugePagesSince == 1)
        #expect(m.swpoutZero == 1)
        #expect(m.pswpout == 3)
        #expect(m.zswpout == 0)
    }

    @Test func zswapInFrontTakesEveryNonZeroPageAndZramKeepsOnlyTheHeader() {
        let zswap = ZswapModel(rules: .linux6_18, chainSize: 8, totalRamPages: 1 << 20)
        var m = SwapPathModel(zram: ZramModel(chainSize: 8), zswap: zswap)
        m.writeHeader(header)
        for (offset, page) in [zero, pattern, text, incompressible].enumerated() { m.swapOut(offset: offset + 1, page) }
        let z = try! #require(m.zswap)
        #expect(m.swpoutZero == 1)
        #expect(m.zswpout == 3)
        #expect(m.pswpout == 0)
        // 6.18: the non-zero pattern page is compressed (41 → class 64, 1 page), 100 → class 112 (7 pages),
        // 4100 ≥ 4096 → stored as-is (1 page).
        #expect(z.counters.storedPages == 3)
        #expect(z.counters.storedIncompressiblePages == 1)
        #expect(z.counters.poolTotalSize == 9 * 4096)
        #expect(z.meminfoZswapKB == 36)
        #expect(z.meminfoZswappedKB == 12)
        let s = m.zram.mmStat
        #expect(s.origDataSize == 4096)
        #expect(s.comprDataSize == 100)
        #expect(s.memUsedTotal == 7 * 4096)
        #expect(s.samePages == 0)
    }
}
