import Testing
import TmemCore

/// Idle marking and writeback (docs/kernel-notes.md#zram-writeback-accounting) on cases worked out by hand, with
/// the chain-8 facts of ZramModelTests: 13 objects of 1560 bytes fill one 5-page zspage; 3625+ bytes is huge (one
/// page each).
@Suite struct ZramWritebackModelTests {
    static let kib4: UInt64 = 4096

    /// Pages 0-12 compressed (1560 B), 13-14 huge, 15 same-filled.
    static func device() -> ZramModel {
        var zram = ZramModel(disksize: 32 * kib4)
        for i in 0..<13 { zram.write(index: i, .compressed(1560)) }
        zram.write(index: 13, .compressed(3700))
        zram.write(index: 14, .compressed(4096))
        zram.write(index: 15, .sameFilled(7))
        return zram
    }

    @Test func hugeWritebackFreesTheHugePagesButKeepsThemStored() {
        var zram = Self.device()
        #expect(zram.writeback(.huge) == .success(2))
        #expect(zram.mmStat == MMStat(origDataSize: 16 * Self.kib4, comprDataSize: 13 * 1560, memUsedTotal: 5 * Self.kib4,
                                      memUsedMax: 7 * Self.kib4, samePages: 1, hugePages: 0, hugePagesSince: 2))
        #expect(zram.bdStat == BDStat(bdCount: 2, bdReads: 0, bdWrites: 2))
        #expect(zram.stored(at: 13) == .writtenBack)
        // Nothing huge is left: a second pass writes nothing.
        #expect(zram.writeback(.huge) == .success(0))
    }

    @Test func idleWritebackTakesOnlyPagesNotReadSinceMarking() {
        var zram = Self.device()
        #expect(zram.writeback(.idle) == .success(0), "nothing is idle before marking")
        zram.markAllIdle()
        for i in 0..<3 { zram.read(index: i) }
        #expect(!zram.isIdle(0) && zram.isIdle(3) && !zram.isIdle(15), "same-filled pages are not marked")
        #expect(zram.writeback(.hugeIdle) == .success(2))
        // 10 of the 13 compressed pages were idle; the same-filled page never goes.
        #expect(zram.writeback(.idle) == .success(10))
        #expect(zram.mmStat.comprDataSize == 3 * 1560)
        // The zspage still holds 3 objects, so it stays.
        #expect(zram.mmStat.memUsedTotal == 5 * Self.kib4)
        #expect(zram.bdStat == BDStat(bdCount: 12, bdReads: 0, bdWrites: 12))
        // Reading a written-back page goes to the backing device.
        zram.read(index: 13)
        zram.read(index: 0)
        #expect(zram.bdStat.bdReads == 1)
    }

    @Test func pageIndexIgnoresIdlenessAndSkipsSameFilledAndWrittenBackPages() {
        var zram = Self.device()
        #expect(zram.apply(.pageIndex(0)) == .success(1))
        #expect(zram.apply(.pageIndex(0)) == .success(0))
        #expect(zram.apply(.pageIndex(15)) == .success(0))
        #expect(zram.apply(.pageIndex(20)) == .success(0), "an empty slot within disksize is skipped")
        #expect(zram.apply(.pageIndexes(1...12)) == .success(12))
        #expect(zram.mmStat.comprDataSize == 2 * Self.kib4, "huge pages count 4096 each")
        #expect(zram.mmStat.memUsedTotal == 2 * Self.kib4, "the emptied zspage is freed")
        #expect(zram.apply(.pageIndex(32)) == .failure(.outOfRange(index: 32)))
        #expect(zram.apply(.pageIndexes(30...40)) == .failure(.outOfRange(index: 32)))
        #expect(zram.bdStat.bdWrites == 13)
    }

    @Test func incompressibleNeedsRecompressionSoWritesNothing() {
        var zram = Self.device()
        zram.markAllIdle()
        #expect(zram.writeback(.incompressible) == .success(0))
        #expect(zram.bdStat == BDStat(bdCount: 0, bdReads: 0, bdWrites: 0))
    }

    @Test func aFullBackingDeviceStopsTheWriteback() {
        var zram = Self.device()
        zram.backingBlocks = ZramModel.usableBackingBlocks(bytes: 2 * Self.kib4)
        #expect(zram.backingBlocks == 1, "block 0 is never used")
        #expect(zram.writeback(.huge) == .failure(.backingDeviceFull(written: 1)))
        #expect(zram.bdStat == BDStat(bdCount: 1, bdReads: 0, bdWrites: 1))
    }

    @Test func freeingAWrittenBackPageReleasesItsBlock() {
        var zram = Self.device()
        zram.writeback(.huge)
        zram.discard(index: 13)
        zram.write(index: 14, .compressed(1560))
        #expect(zram.bdStat == BDStat(bdCount: 0, bdReads: 0, bdWrites: 2), "bd_writes only grows")
        #expect(zram.mmStat.origDataSize == 15 * Self.kib4)
        #expect(zram.notifyFree == 1)
    }

    @Test func stepsParse() throws {
        let steps = try ZramWritebackStep.parseList("mark-idle, read=0-9,type=huge,huge_idle,page_index=3,page_indexes=4-6").get()
        #expect(steps == [.markIdle, .read(0...9), .writeback(.huge), .writeback(.hugeIdle), .pageIndex(3), .pageIndexes(4...6)])
        #expect(steps.map(\.description) == ["mark-idle", "read=0-9", "huge", "huge_idle", "page_index=3", "page_indexes=4-6"])
        for bad in ["", "idle-all", "read=5-1", "read=5", "page_index=-1", "page_indexes=a-b", "type=all"] {
            #expect(throws: ZramWritebackStep.StepError.self, "\(bad)") { try ZramWritebackStep.parseList(bad).get() }
        }
    }

    @Test func eachEraTakesItsOwnSyntax() throws {
        let old = try #require(KernelProfile.named("6.1")).writebackSyntax
        let mid = try #require(KernelProfile.named("6.12")).writebackSyntax
        let new = try #require(KernelProfile.named("7.2")).writebackSyntax
        #expect(old.refusal(.writeback(.incompressible), kernel: "6.1") != nil)
        #expect(old.refusal(.pageIndexes(0...1), kernel: "6.1") != nil && mid.refusal(.pageIndexes(0...1), kernel: "6.12") != nil)
        #expect(mid.refusal(.writeback(.incompressible), kernel: "6.12") == nil)
        #expect(old.sysfsText(.writeback(.hugeIdle)) == "huge_idle" && new.sysfsText(.writeback(.hugeIdle)) == "type=huge_idle")
        #expect(new.sysfsText(.pageIndexes(2...9)) == "page_indexes=2-9" && new.sysfsText(.markIdle) == nil)
        #expect(old.outOfRangeErrno == "EINVAL" && new.outOfRangeErrno == "ERANGE")
    }
}
