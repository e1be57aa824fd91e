import Dispatch
import Synchronization
import Testing
@testable import TmemCore

/// Two threads hammer one store at once (puts, gets, flushes on a persistent and a shared ephemeral pool each),
/// while a third reads the store's usage and counters mid-run. The page lengths are chosen so every expectation
/// is worked out by hand rather than by the store: persistent pages are 3000 bytes (47 zbud chunks, so no two
/// share a frame: one frame, one compressed page each), ephemeral ones 1000 bytes (two per frame at most), and
/// every put carries new content (no deduplication hit). At each quiescent point the store's counters must equal
/// what the threads counted themselves, each persistent pool must hold exactly its thread's oracle (pages,
/// frames, bytes), every ephemeral hit must be the last page put, and no limit may ever have been passed.
@Suite struct TmemConcurrencyTests {
    static let storeLimitPages = 40
    static let ephemeralPoolLimitPages = 12
    static let persistentKeys = 16      // per thread: 32 frames at most, under the store's 40
    static let ephemeralKeys = 64       // per thread: 32 frames and more wanted, so evictions must happen
    static let phases = 4
    static let opsPerPhase = 2500

    /// What one thread did and saw, counted by the thread itself.
    struct Tally {
        var puts = 0, putsStored = 0, gets = 0, hits = 0, flushes = 0, flushesFound = 0
        var wrongPages = 0, lostPersistent = 0
        var persistent: [UInt32: [UInt8]] = [:]
        var ephemeral: [UInt32: [UInt8]] = [:]     // last page put per key (it may have been evicted since)
        mutating func resetCounts() {
            puts = 0; putsStored = 0; gets = 0; hits = 0; flushes = 0; flushesFound = 0; wrongPages = 0; lostPersistent = 0
        }

        static func + (a: Tally, b: Tally) -> Tally {
            var c = a
            c.puts += b.puts; c.putsStored += b.putsStored; c.gets += b.gets; c.hits += b.hits
            c.flushes += b.flushes; c.flushesFound += b.flushesFound
            c.wrongPages += b.wrongPages; c.lostPersistent += b.lostPersistent
            return c
        }
    }

    /// Handed between the test and one worker; dispatch orders the hand-overs.
    final class Box<T>: @unchecked Sendable { var value: T; init(_ v: T) { value = v } }

    final class Flag: Sendable {
        private let raised = Atomic<Bool>(true)
        var isSet: Bool { raised.load(ordering: .acquiring) }
        func clear() { raised.store(false, ordering: .releasing) }
    }

    @Test func twoThreadsKeepCountersLimitsAndPagesExact() throws {
        let store = TmemTestStore.make(TmemConfiguration(memlimit: Self.storeLimitPages * 4096 + 100,
                                                         poolMemlimit: nil, deduplication: true))
        var persistentPools: [TmemPoolID] = [], ephemeralPools: [TmemPoolID] = []
        for t in 0..<2 {
            persistentPools.append(try store.createPool(kind: .privatePersistent))
            ephemeralPools.append(try store.createPool(kind: .sharedEphemeral, uuid: Array(repeating: UInt8(t + 1), count: 16),
                                                       memlimit: Self.ephemeralPoolLimitPages * 4096))
        }
        let pools = (persistent: persistentPools, ephemeral: ephemeralPools)
        let tallies = [Box(Tally()), Box(Tally())]
        let rngs = [Box(SplitMix64(seed: 0xC0DE_0001)), Box(SplitMix64(seed: 0xC0DE_0002))]
        let object = TmemObjectID(7)
        let overLimit = Box(0), checks = Box(0)
        var totalPuts = 0

        for phase in 0..<Self.phases {
            let base = store.counterSnapshot
            for t in tallies { t.value.resetCounts() }
            let running = Flag()
            let checker = DispatchGroup()
            // Mid-run: the store's limits hold at every instant, whatever the workers are doing.
            DispatchQueue.global().async(group: checker) {
                while running.isSet {
                    let u = store.usage()
                    if let limit = u.storeLimit, u.store > limit { overLimit.value += 1 }
                    for p in u.pools { if let l = p.limit, p.pages > l { overLimit.value += 1 } }
                    if store.counterSnapshot.poolPagesMax > Self.storeLimitPages { overLimit.value += 1 }
                    checks.value += 1
                }
            }
            DispatchQueue.concurrentPerform(iterations: 2) { t in
                Self.work(store, persistent: pools.persistent[t], ephemeral: pools.ephemeral[t],
                          object: object, tally: tallies[t], rng: rngs[t])
            }
            running.clear()
            checker.wait()

            // Quiescent point: the store's counters moved exactly as much as the threads counted.
            let sum = tallies[0].value + tallies[1].value
            totalPuts += sum.puts
            let c = store.counterSnapshot
            #expect(c.puts - base.puts == sum.puts, "phase \(phase)")
            #expect(c.succPuts - base.succPuts == sum.putsStored, "phase \(phase)")
            #expect(sum.putsStored == sum.puts, "no put can be refused: evictable ephemeral frames always exist")
            #expect(c.failedEphPuts == 0 && c.failedPersPuts == 0)
            #expect(c.gets - base.gets == sum.hits, "phase \(phase)")
            #expect(c.gets + c.failedGets - base.gets - base.failedGets == sum.gets, "phase \(phase)")
            #expect(c.flushTotal - base.flushTotal == sum.flushes, "phase \(phase)")
            #expect(c.flushFound - base.flushFound == sum.flushesFound, "phase \(phase)")
            #expect(c.dedupHits == 0)
            #expect(c.evictedEphPageframes > base.evictedEphPageframes, "the ephemeral pools must have been pressed")
            #expect(c.poolPagesMax <= Self.storeLimitPages)
            #expect(c.ephPageframes + c.persPageframes == c.poolPages)
            #expect(sum.wrongPages == 0, "phase \(phase)")
            #expect(sum.lostPersistent == 0, "phase \(phase)")
            let stats = store.stats
            var stored = 0
            for t in 0..<2 {
                let held = tallies[t].value.persistent.count
                let p = try #require(stats.pools.first { $0.poolId == persistentPools[t] })
                #expect(p.storedPages == held)
                #expect(p.zpages == held)
                #expect(p.poolPages == held)
                #expect(p.zbytes == held * 3000)
                for (index, page) in tallies[t].value.persistent {
                    #expect(store.get(persistentPools[t], object, index) == page)
                }
                // Shared ephemeral gets do not remove: every key either misses or returns its last page.
                var hits = 0
                for index in 0..<UInt32(Self.ephemeralKeys) {
                    if let got = store.get(ephemeralPools[t], object, index) {
                        hits += 1
                        #expect(got == tallies[t].value.ephemeral[index], "ephemeral key \(index) returned a stale page")
                    }
                }
                let e = try #require(stats.pools.first { $0.poolId == ephemeralPools[t] })
                #expect(e.storedPages == hits)
                #expect(e.poolPages <= Self.ephemeralPoolLimitPages)
                #expect(e.poolPages >= (hits + 1) / 2)
                stored += held + hits
            }
            #expect(c.storedPages == stored)
            #expect(c.persZpages == tallies[0].value.persistent.count + tallies[1].value.persistent.count)
            #expect(c.persPageframes == c.persZpages)
        }
        #expect(overLimit.value == 0)
        #expect(checks.value > 0)
        #expect(totalPuts > Self.phases * Self.opsPerPhase / 2)
    }

    static func page(length: Int, _ rng: inout SplitMix64) -> [UInt8] { SyntheticCodec.page(length: length, seed: rng.next()) }

    static func work(_ store: TmemStore, persistent: TmemPoolID, ephemeral: TmemPoolID,
                     object: TmemObjectID, tally: Box<Tally>, rng: Box<SplitMix64>) {
        var s = tally.value
        var g = rng.value
        for _ in 0..<opsPerPhase {
            let dice = g.next() % 100
            let onPersistent = g.next() % 2 == 0
            let pool = onPersistent ? persistent : ephemeral
            let index = UInt32(g.next() % UInt64(onPersistent ? persistentKeys : ephemeralKeys))
            if dice < 50 {
                let p = page(length: onPersistent ? 3000 : 1000, &g)
                s.puts += 1
                if store.put(pool, object, index, p) { s.putsStored += 1 }
                if onPersistent { s.persistent[index] = p } else { s.ephemeral[index] = p }
            } else if dice < 85 {
                s.gets += 1
                if let got = store.get(pool, object, index) {
                    s.hits += 1
                    let want = onPersistent ? s.persistent[index] : s.ephemeral[index]
                    if got != want { s.wrongPages += 1 }
                } else if onPersistent, s.persistent[index] != nil {
                    s.lostPersistent += 1
                }
            } else {
                s.flushes += 1
                if store.flushPage(pool: pool, object: object, index: index) { s.flushesFound += 1 }
                if onPersistent { s.persistent[index] = nil } else { s.ephemeral[index] = nil }
            }
        }
        tally.value = s
        rng.value = g
    }

    /// Every counter is either summed over pools or kept store-wide; a field in neither list would read zero.
    @Test func everyCounterIsEitherAdditiveOrStoreWide() {
        let all = Set(TmemCounters.additiveFields.map { $0 as AnyKeyPath } + TmemCounters.footprintFields.map { $0 as AnyKeyPath })
        #expect(all.count == TmemCounters.additiveFields.count + TmemCounters.footprintFields.count)
        #expect(all.count == Mirror(reflecting: TmemCounters()).children.count)
    }
}
