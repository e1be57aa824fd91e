import Testing
import TmemCore
import TmemTestSupport

/// The memlimit can never be outgrown: thousands of random operation sequences (SplitMix64-seeded) over
/// ephemeral, shared and persistent pools with random store and pool limits, checking after every single
/// operation that no pool and not the store holds more frames than its limit. Alongside, a plain dictionary
/// oracle checks the data semantics: a hit returns exactly the last page put; persistent pages always hit;
/// after an ephemeral miss nothing comes back until a new put.
@Suite struct TmemMemlimitInvariantTests {
    struct Oracle {
        var pages: [TmemPoolID: [TmemPageKey: [UInt8]]] = [:]
    }

    static let sequences = 2000
    static let opsPerSequence = 150

    @Test(.tags(.slow)) func noOperationSequenceOutgrowsAnyLimit() throws {
        var totalOps = 0
        var evictions = 0, refusals = 0, persistentHits = 0
        for seq in 0..<Self.sequences {
            var rng = SplitMix64(seed: 0x7E3_0000 + UInt64(seq))
            let r = try runSequence(&rng, seq: seq)
            totalOps += r.ops
            evictions += r.evictions
            refusals += r.refusals
            persistentHits += r.persistentHits
        }
        #expect(totalOps == Self.sequences * Self.opsPerSequence)
        // The sequences must actually reach the limits, or the invariant was never under test.
        #expect(evictions > 1000)
        #expect(refusals > 1000)
        #expect(persistentHits > 1000)
    }

    private func palette(_ rng: inout SplitMix64) -> [[UInt8]] {
        var pages: [[UInt8]] = [[UInt8](repeating: 0, count: 4096)]
        var filled = [UInt8](repeating: 0, count: 4096)
        for i in 0..<4096 { filled[i] = i % 8 == 0 ? 0x5C : 0 }
        pages.append(filled)
        for _ in 0..<24 {
            // Lengths across every threshold: tiny, half page, zbud max, 7/8, incompressible.
            let length = 12 + Int(rng.next() % 4200)
            pages.append(SyntheticCodec.page(length: length, seed: rng.next()))
        }
        return pages
    }

    private func randomLimit(_ rng: inout SplitMix64, max: UInt64) -> Int? {
        rng.next() % 4 == 0 ? nil : Int(rng.next() % (max + 1)) * 4096 + Int(rng.next() % 4096)
    }

    private func runSequence(_ rng: inout SplitMix64, seq: Int) throws -> (ops: Int, evictions: Int, refusals: Int, persistentHits: Int) {
        let policy = AcceptancePolicy.allCases[Int(rng.next() % UInt64(AcceptancePolicy.allCases.count))]
        let config = TmemConfiguration(policy: policy, memlimit: randomLimit(&rng, max: 12),
                                       deduplication: rng.next() % 2 == 0,
                                       totalRAMPages: rng.next() % 3 == 0 ? 40 : nil,
                                       exclusivePersistentGets: rng.next() % 4 == 0)
        let store = TmemTestStore.make(config)
        let kinds: [TmemPoolKind] = [.privateEphemeral, .sharedEphemeral, .privatePersistent, .privatePersistent]
        var poolIDs: [TmemPoolID] = []
        let uuid: [UInt8] = Array(repeating: UInt8(seq & 0xFF), count: 16)
        for kind in kinds {
            poolIDs.append(try store.createPool(kind: kind, uuid: kind.shared ? uuid : nil,
                                                memlimit: randomLimit(&rng, max: 8)))
        }
        let pages = palette(&rng)
        let oids = [TmemObjectID(1), TmemObjectID(1, 0, 1), TmemObjectID(0, 9, 0)]
        var oracle = Oracle()
        var persistentHits = 0

        func checkLimits(_ what: String) {
            let u = store.usage()
            if let limit = u.storeLimit { #expect(u.store <= limit, "seq \(seq) after \(what): store \(u.store) > \(limit)") }
            for p in u.pools {
                if let limit = p.limit { #expect(p.pages <= limit, "seq \(seq) after \(what): pool \(p.id) \(p.pages) > \(limit)") }
            }
        }

        for _ in 0..<Self.opsPerSequence {
            let slot = Int(rng.next() % UInt64(kinds.count))
            let pool = poolIDs[slot]
            let kind = kinds[slot]
            let key = TmemPageKey(object: oids[Int(rng.next() % 3)], index: UInt32(rng.next() % 8))
            let dice = rng.next() % 100
            let what: String
            if dice < 50 {
                what = "put"
                let page = pages[Int(rng.next() % UInt64(pages.count))]
                if store.put(pool, key.object, key.index, page) {
                    oracle.pages[pool, default: [:]][key] = page
                } else {
                    oracle.pages[pool]?[key] = nil
                }
            } else if dice < 80 {
                what = "get"
                let got = store.get(pool, key.object, key.index)
                let expected = oracle.pages[pool]?[key]
                if let got {
                    #expect(got == expected, "seq \(seq): get returned a page that was not the last one put")
                    if kind.persistent { persistentHits += 1 }
                    let exclusive = kind.persistent ? config.exclusivePersistentGets : !kind.shared
                    if exclusive { oracle.pages[pool]?[key] = nil }
                } else {
                    if kind.persistent { #expect(expected == nil, "seq \(seq): a stored persistent page was lost") }
                    oracle.pages[pool]?[key] = nil   // get-get coherency: no hit until a new put
                }
            } else if dice < 88 {
                what = "flush page"
                let found = store.flushPage(pool: pool, object: key.object, index: key.index)
                if kind.persistent { #expect(found == (oracle.pages[pool]?[key] != nil)) }
                oracle.pages[pool]?[key] = nil
            } else if dice < 92 {
                what = "flush object"
                _ = store.flushObject(pool: pool, object: key.object)
                oracle.pages[pool] = oracle.pages[pool]?.filter { $0.key.object != key.object }
            } else if dice < 97 {
                what = "set memlimit"
                let limit = randomLimit(&rng, max: 10)
                let before = store.usage()
                let persistentPages = before.pools.filter { kinds[poolIDs.firstIndex(of: $0.id)!].persistent }
                if rng.next() % 2 == 0 {
                    do { try store.setMemlimit(limit) } catch {
                        // Refused only when persistent frames alone exceed the new limit.
                        #expect(persistentPages.reduce(0) { $0 + $1.pages } > limit! / 4096)
                    }
                } else {
                    do { try store.setMemlimit(limit, pool: pool) } catch {
                        #expect(kind.persistent)
                        #expect(before.pools.first { $0.id == pool }!.pages > limit! / 4096)
                    }
                }
            } else {
                what = "destroy and recreate"
                #expect(store.destroyPool(pool))
                oracle.pages[pool] = nil
                poolIDs[slot] = try store.createPool(kind: kind, uuid: kind.shared ? uuid : nil,
                                                     memlimit: randomLimit(&rng, max: 8))
            }
            checkLimits(what)
        }
        // Every persistent page the oracle holds is still there, byte for byte.
        for (slot, pool) in poolIDs.enumerated() where kinds[slot].persistent && !config.exclusivePersistentGets {
            for (key, page) in oracle.pages[pool] ?? [:] {
                #expect(store.get(pool, key.object, key.index) == page, "seq \(seq): persistent page lost")
            }
        }
        let c = store.counterSnapshot
        return (Self.opsPerSequence, c.evictedEphPageframes, c.poolLimitHit, persistentHits)
    }
}
