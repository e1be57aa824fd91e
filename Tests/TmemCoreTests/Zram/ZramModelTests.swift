import Testing
import TmemCore

/// The zram counting rules (docs/kernel-notes.md#zram-write-accounting) on cases worked out by hand. At chain 8 a 1560-byte object lands in
/// class 1568 (5 pages, 13 objects), 3624 in class 3632 (8 pages, 9 objects), and 3625+ is huge (one page).
@Suite struct ZramModelTests {
    static let kib4: UInt64 = 4096

    @Test func sameFilledPagesCostNothingButCountAsStored() {
        var zram = ZramModel()
        zram.write(index: 0, .sameFilled(0))
        zram.write(index: 1, .sameFilled(0xABAB_ABAB_ABAB_ABAB))
        zram.write(index: 2, .sameFilled(0))
        #expect(zram.mmStat == MMStat(origDataSize: 3 * Self.kib4, samePages: 3))
    }

    @Test func thirteenObjectsFillOneZspage() {
        var zram = ZramModel()
        for i in 0..<13 { zram.write(index: i, .compressed(1560)) }
        #expect(zram.mmStat == MMStat(origDataSize: 13 * Self.kib4, comprDataSize: 13 * 1560,
                                      memUsedTotal: 5 * Self.kib4, memUsedMax: 5 * Self.kib4))
        zram.write(index: 13, .compressed(1560))
        #expect(zram.mmStat.memUsedTotal == 10 * Self.kib4)
    }

    @Test func hugeThresholdIsInclusiveAtChain8() {
        var zram = ZramModel()
        #expect(zram.write(index: 0, .compressed(3624)) == .success(.compressed(length: 3624)))
        #expect(zram.write(index: 1, .compressed(3625)) == .success(.huge(compressedLength: 3625)))
        #expect(zram.write(index: 2, .compressed(4116)) == .success(.huge(compressedLength: 4116)))
        #expect(zram.mmStat == MMStat(origDataSize: 3 * Self.kib4, comprDataSize: 3624 + 2 * 4096,
                                      memUsedTotal: (8 + 2) * Self.kib4, memUsedMax: 10 * Self.kib4,
                                      hugePages: 2, hugePagesSince: 2))
        zram.discard(index: 1)
        #expect(zram.mmStat == MMStat(origDataSize: 2 * Self.kib4, comprDataSize: 3624 + 4096,
                                      memUsedTotal: 9 * Self.kib4, memUsedMax: 10 * Self.kib4,
                                      hugePages: 1, hugePagesSince: 2))
        #expect(zram.notifyFree == 1)
    }

    @Test func chain4KernelsUseTheOldThreshold() {
        var zram = ZramModel(chainSize: 4)
        #expect(zram.hugeClassSize == 3257)
        #expect(zram.write(index: 0, .compressed(3257)) == .success(.huge(compressedLength: 3257)))
        #expect(zram.write(index: 1, .compressed(3256)) == .success(.compressed(length: 3256)))
    }

    /// Limit 5 pages: 13 objects fit exactly; the 14th needs a new zspage (10 pages > 5): ENOMEM after allocation,
    /// so mem_used_max records 10 pages while mem_used_total falls back to 5.
    @Test func memLimitFailsTheWriteAfterAllocation() {
        var zram = ZramModel(memLimit: 20480)
        for i in 0..<13 { #expect(zram.write(index: i, .compressed(1560)) == .success(.compressed(length: 1560))) }
        #expect(zram.write(index: 13, .compressed(1560)) == .failure(.memLimit))
        #expect(zram.mmStat == MMStat(origDataSize: 13 * Self.kib4, comprDataSize: 13 * 1560,
                                      memUsedTotal: 5 * Self.kib4, memLimit: 20480, memUsedMax: 10 * Self.kib4))
        // Same-filled pages are not checked against the limit.
        #expect(zram.write(index: 14, .sameFilled(7)) == .success(.sameFilled(fill: 7)))
    }

    /// mem_limit is rounded up to whole pages.
    @Test func memLimitRoundsUpToPages() {
        #expect(ZramModel(memLimit: 1).mmStat.memLimit == 4096)
        #expect(ZramModel(memLimit: 4097).mmStat.memLimit == 8192)
        #expect(ZramModel(memLimit: 0).mmStat.memLimit == 0)
    }

    /// 6.18 allocates the new object before freeing the slot's old one: at the limit, overwriting a slot whose
    /// zspage is full needs a second zspage and fails, keeping the old data.
    @Test func overwriteAllocatesBeforeFreeing() {
        var zram = ZramModel(memLimit: 20480)
        for i in 0..<13 { zram.write(index: i, .compressed(1560)) }
        #expect(zram.write(index: 0, .compressed(1560)) == .failure(.memLimit))
        #expect(zram.stored(at: 0) == .compressed(length: 1560))
        #expect(zram.mmStat.origDataSize == 13 * Self.kib4)
        // Without a limit the overwrite succeeds; the old object's slot is freed after the new zspage exists.
        var free = ZramModel()
        for i in 0..<13 { free.write(index: i, .compressed(1560)) }
        free.write(index: 0, .compressed(1560))
        #expect(free.mmStat.memUsedTotal == 10 * Self.kib4)
        #expect(free.mmStat.memUsedMax == 10 * Self.kib4)
        #expect(free.mmStat.origDataSize == 13 * Self.kib4)
    }

    @Test func overwritesAndDiscardsKeepCountsConsistent() {
        var zram = ZramModel()
        zram.write(index: 0, .compressed(100))
        zram.write(index: 0, .sameFilled(0))
        zram.write(index: 0, .compressed(4000))
        zram.discard(index: 5)      // empty slot: only notify_free
        // 100 + 8 → class 112 (7 pages, 256 objects): the first write alone took 7 pages.
        #expect(zram.mmStat == MMStat(origDataSize: Self.kib4, comprDataSize: 4096, memUsedTotal: Self.kib4,
                                      memUsedMax: 7 * Self.kib4, hugePages: 1, hugePagesSince: 1))
        #expect(zram.notifyFree == 1)
    }

    @Test func writesPastDisksizeFail() {
        var zram = ZramModel(disksize: 8192)
        #expect(zram.write(index: 2, .compressed(100)) == .failure(.outOfRange(index: 2)))
        #expect(zram.write(index: 1, .compressed(100)) == .success(.compressed(length: 100)))
    }

    /// docs/kernel-notes.md#zram-prediction: with writes only, mem_used_total = 4096 · Σ_class ceil(n/objs) · pages, each object in the smallest
    /// class of the docs/kernel-notes.md#zsmalloc-class-tables table at least comp_len + 8 bytes. The table is parsed from the reference text.
    @Test func pureWritesFollowTheClosedFormWithTheReferenceTable() {
        struct RefClass { let size: Int, pages: Int, objs: Int }
        let reference = ZsmallocClassTableTests.chain8Reference
            .split(whereSeparator: { $0 == " " || $0 == "\n" })
            .map { token -> RefClass in
                let parts = token.split(whereSeparator: { $0 == ":" || $0 == "/" }).map { Int($0)! }
                return RefClass(size: parts[0], pages: parts[1], objs: parts[2])
            }
        var rng = SplitMix64(seed: 42)
        var zram = ZramModel()
        var counts: [Int: Int] = [:]
        var compr = 0, huge = 0, same = 0
        for i in 0..<5000 {
            let r = Int(rng.next() % 100)
            if r < 10 {
                zram.write(index: i, .sameFilled(UInt64(r)))
                same += 1
                continue
            }
            let length = r < 20 ? 3600 + Int(rng.next() % 600) : 20 + Int(rng.next() % 3600)
            zram.write(index: i, .compressed(length))
            let s = length >= 3625 ? 4096 : length + 8
            let cls = reference.first { $0.size >= s }!
            counts[cls.size, default: 0] += 1
            if length >= 3625 { huge += 1; compr += 4096 } else { compr += length }
        }
        var pages = 0
        for (size, n) in counts {
            let cls = reference.first { $0.size == size }!
            pages += (n + cls.objs - 1) / cls.objs * cls.pages
        }
        let stat = zram.mmStat
        #expect(stat.memUsedTotal == UInt64(pages) * Self.kib4)
        #expect(stat.memUsedMax == stat.memUsedTotal)
        #expect(stat.comprDataSize == UInt64(compr))
        #expect(stat.hugePages == UInt64(huge) && stat.hugePagesSince == UInt64(huge))
        #expect(stat.samePages == UInt64(same))
        #expect(stat.origDataSize == 5000 * Self.kib4)
    }

    /// Swap path: header (100 B → class 112, 7 pages) in slot 0, the zero page skipped (zeromap), the word page
    /// as ZRAM_SAME, 1560 B in class 1568 (5 pages).
    @Test func swapPathSkipsZeroPagesAndStoresTheHeader() {
        let m = ZramPrediction.asSwap([.sameFilled(0), .sameFilled(5), .compressed(1560)], header: .compressed(100),
                                      into: ZramModel())
        #expect(m.mmStat == MMStat(origDataSize: 3 * Self.kib4, comprDataSize: 1660, memUsedTotal: 12 * Self.kib4,
                                   memUsedMax: 12 * Self.kib4, samePages: 1))
        #expect(m.stored(at: 1) == .sameFilled(fill: 5) && m.stored(at: 3) == nil)
    }
}
