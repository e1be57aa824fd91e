import Testing
import TmemCore

/// The tmem semantics of docs/kernel-notes.md#tmem-semantics, #tmem-data-model, one by one, on synthetic pages whose compressed length the
/// test chooses (SyntheticCodec), so every footprint below is worked out from zbud's rules by hand.
@Suite struct TmemSemanticsTests {
    let oid = TmemObjectID(42, 7, 1)

    @Test func objectIDsCompareWordTwoFirst() {
        #expect(TmemObjectID(0, 0, 1) > TmemObjectID(.max, .max, 0))
        #expect(TmemObjectID(0, 1, 0) > TmemObjectID(.max, 0, 0))
        #expect(TmemObjectID(1, 0, 0) > TmemObjectID(0, 0, 0))
        #expect(!TmemObjectID.invalid.isValid)
        #expect(TmemObjectID(.max, .max, .max - 1).isValid)
    }

    @Test func theInvalidObjectIDIsRefused() throws {
        let store = TmemTestStore.make()
        let pool = try store.createPool(kind: .privatePersistent)
        #expect(!store.put(pool, .invalid, 0, SyntheticCodec.page(length: 100, seed: 1)))
        #expect(store.counterSnapshot.failedPersPuts + store.counterSnapshot.failedEphPuts == 1)
    }

    @Test func privateEphemeralGetIsExclusive() throws {
        let store = TmemTestStore.make()
        let pool = try store.createPool(kind: .privateEphemeral)
        let page = SyntheticCodec.page(length: 1000, seed: 9)
        #expect(store.put(pool, oid, 3, page))
        #expect(store.get(pool, oid, 3) == page)
        #expect(store.get(pool, oid, 3) == nil)
        #expect(store.stats.counters.poolPages == 0)
    }

    @Test func sharedEphemeralGetLeavesThePage() throws {
        let store = TmemTestStore.make()
        let uuid: [UInt8] = Array(0..<16)
        let a = try store.createPool(kind: .sharedEphemeral, uuid: uuid)
        let b = try store.createPool(kind: .sharedEphemeral, uuid: uuid)
        #expect(a == b)     // one pool per UUID, as init_shared_fs shares it between clients
        let page = SyntheticCodec.page(length: 1000, seed: 9)
        #expect(store.put(a, oid, 3, page))
        #expect(store.get(b, oid, 3) == page)
        #expect(store.get(a, oid, 3) == page)
        // One client leaving does not take the pool from the other; the last one does.
        #expect(store.destroyPool(a))
        #expect(store.get(b, oid, 3) == page)
        #expect(store.destroyPool(b))
        #expect(store.get(b, oid, 3) == nil && store.stats.pools.isEmpty)
    }

    @Test func persistentGetKeepsThePageUnlessExclusiveGetsAreOn() throws {
        let page = SyntheticCodec.page(length: 1000, seed: 5)
        let store = TmemTestStore.make()
        let pool = try store.createPool(kind: .privatePersistent)
        #expect(store.put(pool, oid, 0, page))
        #expect(store.get(pool, oid, 0) == page)
        #expect(store.get(pool, oid, 0) == page)

        let exclusive = TmemTestStore.make(TmemConfiguration(exclusivePersistentGets: true))
        let p2 = try exclusive.createPool(kind: .privatePersistent)
        #expect(exclusive.put(p2, oid, 0, page))
        #expect(exclusive.get(p2, oid, 0) == page)
        #expect(exclusive.get(p2, oid, 0) == nil)
    }

    @Test(arguments: [false, true])
    func putPutGetReturnsTheNewerPage(persistent: Bool) throws {
        let store = TmemTestStore.make()
        let pool = try store.createPool(kind: TmemPoolKind(persistent: persistent))
        let old = SyntheticCodec.page(length: 800, seed: 1), new = SyntheticCodec.page(length: 900, seed: 2)
        #expect(store.put(pool, oid, 1, old))
        #expect(store.put(pool, oid, 1, new))
        #expect(store.get(pool, oid, 1) == new)
        #expect(store.counterSnapshot.duplicatePuts == 1)
    }

    @Test(arguments: [false, true])
    func aFailedDuplicatePutInvalidatesTheOldCopy(persistent: Bool) throws {
        let store = TmemTestStore.make(TmemConfiguration(policy: .zcache2010))
        let pool = try store.createPool(kind: TmemPoolKind(persistent: persistent))
        #expect(store.put(pool, oid, 1, SyntheticCodec.page(length: 800, seed: 1)))
        // 3000 bytes is over zcache-2010's PAGE_SIZE/2: refused, and the key must not serve the old page.
        #expect(!store.put(pool, oid, 1, SyntheticCodec.page(length: 3000, seed: 2)))
        #expect(store.get(pool, oid, 1) == nil)
        #expect(store.counterSnapshot.compressPoor == 1)
        #expect(store.stats.counters.poolPages == 0)
    }

    @Test func afterAMissNoHitUntilANewPut() throws {
        // A pool limited to one frame: the second 3000-byte page (47 chunks, one per frame) evicts the first.
        let store = TmemTestStore.make()
        let pool = try store.createPool(kind: .privateEphemeral, memlimit: 4096)
        let first = SyntheticCodec.page(length: 3000, seed: 1)
        #expect(store.put(pool, oid, 1, first))
        #expect(store.put(pool, oid, 2, SyntheticCodec.page(length: 3000, seed: 2)))
        #expect(store.get(pool, oid, 1) == nil)
        #expect(store.get(pool, oid, 1) == nil)
        #expect(store.put(pool, oid, 1, first))
        #expect(store.get(pool, oid, 1) == first)
        #expect(store.counterSnapshot.evictedEphPageframes == 2)
    }

    @Test func zeroAndSameFilledPagesUseNoMemory() throws {
        let store = TmemTestStore.make()
        let pool = try store.createPool(kind: .privatePersistent)
        let zero = [UInt8](repeating: 0, count: 4096)
        var pattern = [UInt8](repeating: 0, count: 4096)
        for i in stride(from: 0, to: 4096, by: 8) { pattern[i] = 0xAB; pattern[i + 7] = 0x01 }
        for i in 0..<100 { #expect(store.put(pool, oid, UInt32(i), i % 2 == 0 ? zero : pattern)) }
        let c = store.stats.counters
        #expect(c.poolPages == 0 && c.persZpages == 0)
        #expect(c.zeroFilledPages == 50 && c.sameFilledPages == 50 && c.storedPages == 100)
        #expect(store.get(pool, oid, 0) == zero)
        #expect(store.get(pool, oid, 1) == pattern)
    }

    @Test func identicalPagesAreKeptOnceWithReferenceCounts() throws {
        let store = TmemTestStore.make()
        let pool = try store.createPool(kind: .privatePersistent)
        let page = SyntheticCodec.page(length: 1000, seed: 77)
        for i in 0..<100 { #expect(store.put(pool, TmemObjectID(UInt64(i)), 0, page)) }
        var c = store.stats.counters
        #expect(c.persZpages == 1 && c.dedupHits == 99 && c.dedupPages == 99 && c.poolPages == 1)
        for i in 0..<99 { #expect(store.flushPage(pool: pool, object: TmemObjectID(UInt64(i)), index: 0)) }
        #expect(store.get(pool, TmemObjectID(99), 0) == page)
        c = store.stats.counters
        #expect(c.dedupPages == 0 && c.persZpages == 1)
        #expect(store.flushPage(pool: pool, object: TmemObjectID(99), index: 0))
        #expect(store.stats.counters.poolPages == 0)
    }

    @Test func differentPagesAreNeverMerged() throws {
        // Same length, different content: every page must come back as itself.
        let store = TmemTestStore.make()
        let pool = try store.createPool(kind: .privatePersistent)
        let pages = (0..<300).map { SyntheticCodec.page(length: 500, seed: UInt64($0)) }
        for (i, p) in pages.enumerated() { #expect(store.put(pool, oid, UInt32(i), p)) }
        #expect(store.stats.counters.dedupHits == 0)
        for (i, p) in pages.enumerated() { #expect(store.get(pool, oid, UInt32(i)) == p) }
    }

    @Test func flushObjectDropsEveryPageOfThatObjectOnly() throws {
        let store = TmemTestStore.make()
        let pool = try store.createPool(kind: .privatePersistent)
        let other = TmemObjectID(43, 7, 1)
        for i in 0..<10 {
            #expect(store.put(pool, oid, UInt32(i), SyntheticCodec.page(length: 300, seed: UInt64(i))))
            #expect(store.put(pool, other, UInt32(i), SyntheticCodec.page(length: 300, seed: UInt64(100 + i))))
        }
        #expect(store.flushObject(pool: pool, object: oid) == 10)
        #expect(store.flushObject(pool: pool, object: oid) == 0)
        #expect(store.get(pool, oid, 3) == nil)
        #expect(store.get(pool, other, 3) == SyntheticCodec.page(length: 300, seed: 103))
        let c = store.counterSnapshot
        #expect(c.flobjTotal == 2 && c.flobjFound == 1)
    }

    @Test func destroyPoolFreesEverything() throws {
        let store = TmemTestStore.make()
        let pool = try store.createPool(kind: .privateEphemeral)
        for i in 0..<50 { _ = store.put(pool, oid, UInt32(i), SyntheticCodec.page(length: 1500, seed: UInt64(i))) }
        #expect(store.stats.counters.poolPages == 25)      // 24 chunks each: two per frame
        #expect(store.destroyPool(pool))
        #expect(store.stats.counters.poolPages == 0 && store.stats.counters.storedPages == 0)
        #expect(store.get(pool, oid, 0) == nil)
    }

    @Test func persistentPoolsKeepEveryStoredPageAndRefuseAtTheirLimit() throws {
        // Limit 5 frames; 3000-byte pages take a frame each, so exactly 5 fit and the sixth is an honest no.
        let store = TmemTestStore.make()
        let pool = try store.createPool(kind: .privatePersistent, memlimit: 5 * 4096)
        var kept: [Int] = []
        for i in 0..<8 where store.put(pool, oid, UInt32(i), SyntheticCodec.page(length: 3000, seed: UInt64(i))) {
            kept.append(i)
        }
        #expect(kept == [0, 1, 2, 3, 4])
        for i in kept { #expect(store.get(pool, oid, UInt32(i)) == SyntheticCodec.page(length: 3000, seed: UInt64(i))) }
        #expect(store.counterSnapshot.poolLimitHit == 3)
    }

    @Test func ephemeralPagesAreEvictedOldestFrameFirst() throws {
        // Store limit 10 frames, 1900-byte pages (30 chunks, two per frame): of 30 puts the last 20 survive.
        let store = TmemTestStore.make(TmemConfiguration(memlimit: 10 * 4096))
        let pool = try store.createPool(kind: .privateEphemeral)
        for i in 0..<30 { #expect(store.put(pool, oid, UInt32(i), SyntheticCodec.page(length: 1900, seed: UInt64(i)))) }
        #expect(store.stats.counters.poolPages == 10)
        for i in 0..<10 { #expect(store.get(pool, oid, UInt32(i)) == nil) }
        for i in 10..<30 { #expect(store.get(pool, oid, UInt32(i)) == SyntheticCodec.page(length: 1900, seed: UInt64(i))) }
        #expect(store.counterSnapshot.evictedEphPageframes == 5 && store.counterSnapshot.evictedEphZpages == 10)
    }

    @Test func persistentPutsReclaimEphemeralFramesAtTheStoreLimit() throws {
        let store = TmemTestStore.make(TmemConfiguration(memlimit: 4 * 4096))
        let eph = try store.createPool(kind: .privateEphemeral)
        let pers = try store.createPool(kind: .privatePersistent)
        for i in 0..<4 { #expect(store.put(eph, oid, UInt32(i), SyntheticCodec.page(length: 3000, seed: UInt64(i)))) }
        for i in 0..<4 { #expect(store.put(pers, oid, UInt32(i), SyntheticCodec.page(length: 3000, seed: 50 + UInt64(i)))) }
        // Every ephemeral frame went to make room; the fifth persistent page has nothing left to reclaim.
        #expect(!store.put(pers, oid, 4, SyntheticCodec.page(length: 3000, seed: 60)))
        let c = store.counterSnapshot
        #expect(c.persAteEph == 4 && c.ephPageframes == 0 && c.persPageframes == 4)
    }

    @Test func loweringTheLimitEvictsEphemeralAndRefusesBelowPersistent() throws {
        let store = TmemTestStore.make()
        let eph = try store.createPool(kind: .privateEphemeral)
        let pers = try store.createPool(kind: .privatePersistent)
        for i in 0..<6 { _ = store.put(eph, oid, UInt32(i), SyntheticCodec.page(length: 3000, seed: UInt64(i))) }
        for i in 0..<3 { _ = store.put(pers, oid, UInt32(i), SyntheticCodec.page(length: 3000, seed: 9 + UInt64(i))) }
        #expect(throws: TmemError.limitBelowPersistentUsage(requestedPages: 2, persistentPages: 3)) {
            try store.setMemlimit(2 * 4096)
        }
        #expect(store.stats.counters.poolPages == 9)
        try store.setMemlimit(5 * 4096)
        #expect(store.stats.counters.poolPages == 5 && store.stats.counters.ephPageframes == 2)
    }
}
