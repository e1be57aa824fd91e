import Testing
import TmemCore

/// zswap's store rules (docs/kernel-notes.md#zswap-storing) on hand-worked cases.
@Suite struct ZswapModelTests {
    @Test func zeroPagesGoToTheSwapZeromapOn618And612() {
        for rules in [ZswapRules.linux6_18, .linux6_12] {
            var z = ZswapModel(rules: rules, totalRamPages: 1 << 20)
            #expect(z.store(offset: 1, .sameFilled(0)) == .zeroMap)
            #expect(z.swpoutZero == 1 && z.zswpout == 0 && z.counters.storedPages == 0)
            // A non-zero repeated word is compressed like any page.
            #expect(z.store(offset: 2, PageContent(fill: 0x0101_0101_0101_0101, compressedLength: 44)) ==
                    .compressed(length: 44))
            #expect(z.counters.storedPages == 1 && z.pool.totalPages == 1)   // class 64 (1 page, 64 objects)
        }
    }

    @Test func linux61KeepsSameFilledPagesInsideZswap() {
        var z = ZswapModel(rules: .linux6_1, totalRamPages: 1 << 20)
        #expect(z.store(offset: 1, PageContent(fill: 0, compressedLength: 44)) == .sameFilled(fill: 0))
        #expect(z.counters.sameFilledPages == 1 && z.counters.storedPages == 1 && z.pool.totalPages == 0)
        #expect(z.meminfoZswappedKB == 4 && z.meminfoZswapKB == 0)
        z.invalidate(offset: 1)
        #expect(z.counters.sameFilledPages == 0 && z.counters.storedPages == 0)
    }

    @Test func incompressiblePagesAreStoredAsIsOn618() {
        var z = ZswapModel(rules: .linux6_18, totalRamPages: 1 << 20)
        #expect(z.store(offset: 1, .compressed(4116)) == .storedAsIs)
        #expect(z.store(offset: 2, .compressed(4096)) == .storedAsIs)
        #expect(z.store(offset: 3, .compressed(4095)) == .compressed(length: 4095))
        #expect(z.counters.storedIncompressiblePages == 2)
        #expect(z.counters.storedPages == 3)
        #expect(z.pool.totalPages == 3)
        #expect(z.counters.poolTotalSize == 3 * 4096)
        #expect(z.meminfoZswapKB == 12 && z.meminfoZswappedKB == 12)
        z.invalidate(offset: 1)
        #expect(z.counters.storedIncompressiblePages == 1 && z.pool.totalPages == 2)
    }

    @Test func oversizedOutputIsRejectedAsCompressPoorOn612And61() {
        for rules in [ZswapRules.linux6_12, .linux6_1] {
            var z = ZswapModel(rules: rules, totalRamPages: 1 << 20)
            #expect(z.store(offset: 1, .compressed(4116)) == .rejected(.compressPoor))
            #expect(z.store(offset: 2, .compressed(4096)) == .compressed(length: 4096))
            #expect(z.counters.rejectCompressPoor == 1 && z.pswpout == 1 && z.zswpout == 1)
            #expect(z.counters.storedIncompressiblePages == nil)
        }
    }

    /// 100 pages of RAM, 20% → max 20 pool pages, accept 90% → 18. Raw pages cost one pool page each.
    @Test func poolLimitHysteresis618() {
        var z = ZswapModel(rules: .linux6_18, totalRamPages: 100)
        #expect(z.maxPoolPages == 20 && z.acceptThresholdPages == 18)
        for i in 0..<20 { #expect(z.store(offset: i, .compressed(4116)) == .storedAsIs) }
        #expect(z.store(offset: 20, .compressed(4116)) == .rejected(.poolLimit))       // 20 ≥ 20
        #expect(z.counters.poolLimitHit == 1)
        z.invalidate(offset: 0)                                                         // 19 pages
        #expect(z.store(offset: 21, .compressed(4116)) == .rejected(.poolLimit))       // 19 > 18, still full
        #expect(z.counters.poolLimitHit == 1)
        z.invalidate(offset: 1)                                                         // 18 pages
        #expect(z.store(offset: 22, .compressed(4116)) == .storedAsIs)                 // 18 ≤ 18: accept again
        #expect(z.pswpout == 2 && z.zswpout == 21)
    }

    /// 6.1: full when pool > max (21 > 20); accepts again once pool < 100·90/100·20/100 = 18.
    @Test func poolLimitHysteresis61() {
        var z = ZswapModel(rules: .linux6_1, totalRamPages: 100)
        for i in 0..<21 { #expect(z.store(offset: i, .compressed(4096)) == .compressed(length: 4096)) }
        #expect(z.store(offset: 21, .compressed(4096)) == .rejected(.poolLimit))
        z.invalidate(offset: 0); z.invalidate(offset: 1); z.invalidate(offset: 2)       // 18 pages
        #expect(z.store(offset: 22, .compressed(4096)) == .rejected(.poolLimit))       // 18 is not < 18
        z.invalidate(offset: 3)                                                         // 17
        #expect(z.store(offset: 23, .compressed(4096)) == .compressed(length: 4096))
        #expect(z.counters.poolLimitHit == 1)
    }

    @Test func disabledZswapSendsEverythingToTheDevice() {
        var z = ZswapModel(totalRamPages: 1 << 20)
        z.enabled = false
        #expect(z.store(offset: 0, .compressed(100)) == .rejected(.disabled))
        #expect(z.store(offset: 1, .sameFilled(0)) == .zeroMap)
        #expect(z.pswpout == 1)
    }
}

/// Whole pages through the compressor, with docs/kernel-notes.md#lzo-liblzo2-identity's sizes: "hello" in a zero page is 64 bytes with
/// lzo (class 80: 5 pages, 256 objects); a random page is 4116 bytes, stored as-is on 6.18.
@Suite struct ZswapPageStoreTests {
    @Test func pagesThroughTheCompressor() {
        var hello = [UInt8](repeating: 0, count: pageSize)
        for (k, b) in "hello".utf8.enumerated() { hello[100 + k] = b }
        var rng = SplitMix64(seed: 3)
        let random = (0..<pageSize).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let zero = [UInt8](repeating: 0, count: pageSize)
        let lzo = PageCompressor(.lzo)
        var z = ZswapModel(rules: .linux6_18, totalRamPages: 1 << 20)
        #expect(zero.withUnsafeBytes { z.store(offset: 1, page: $0, compressor: lzo) } == .zeroMap)
        #expect(hello.withUnsafeBytes { z.store(offset: 2, page: $0, compressor: lzo) } == .compressed(length: 64))
        #expect(random.withUnsafeBytes { z.store(offset: 3, page: $0, compressor: lzo) } == .storedAsIs)
        #expect(z.pool.totalPages == 5 + 1)
        var old = ZswapModel(rules: .linux6_1, totalRamPages: 1 << 20)
        #expect(zero.withUnsafeBytes { old.store(offset: 1, page: $0, compressor: lzo) } == .sameFilled(fill: 0))
        #expect(random.withUnsafeBytes { old.store(offset: 2, page: $0, compressor: lzo) } == .rejected(.compressPoor))
    }
}
