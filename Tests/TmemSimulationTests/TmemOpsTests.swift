import Foundation
import Testing
import CShim
import TmemCDriver
@testable import TmemCore
@testable import TmemSimulation

/// Distinct, compressible, not same-filled pages: a short text line repeated with the page number in it.
func textPages(_ n: Int, salt: Int = 0) -> [[UInt8]] {
    (0..<n).map { i in
        let line = Array("page \(i) salt \(salt): the quick brown fox jumps over the lazy dog\n".utf8)
        return (0..<4096).map { line[$0 % line.count] }
    }
}

/// The backend behind the ops tables, called only through CShim's kernel-side dispatch.
@Suite struct TmemOpsTests {
    @Test func frontswapKeysSwizzleTheOffsetAsZcacheDid() {
        // type 2, offset 0x35: oid[0] = 2 << 4 | 5 = 0x25, index = 0x35 >> 4 = 3.
        let k = TmemOpsBackend.swapKey(type: 2, offset: 0x35)!
        #expect(k.0 == TmemObjectID(0x25) && k.1 == 3)
        // The largest offset whose index fits in u32, and the first that does not.
        #expect(TmemOpsBackend.swapKey(type: 0, offset: UInt(UInt32.max) << 4 | 0xF) != nil)
        #expect(TmemOpsBackend.swapKey(type: 0, offset: (UInt(UInt32.max) + 1) << 4) == nil)
    }

    @Test func cleancacheFilekeysBecomeTheObjectID() {
        var key = cshim_cleancache_filekey_ino(0x1234)
        #expect(TmemOpsBackend.fileObject(key) == TmemObjectID(0x1234, 0, 0))
        key.u.key = (1, 2, 3, 4, 5, 6)
        #expect(TmemOpsBackend.fileObject(key) == TmemObjectID(2 << 32 | 1, 4 << 32 | 3, 6 << 32 | 5))
    }

    @Test func aCProgramDrivesTheSwiftBackendThroughTheTables() {
        let pages = textPages(40)
        let flat = pages.flatMap { $0 }
        let store = TmemStore(configuration: TmemConfiguration(), algorithm: .lzo)
        var report = [CChar](repeating: 0, count: 8192)
        let r = TmemOpsBackend.withAttached(store) {
            flat.withUnsafeBufferPointer { p in
                tmem_c_driver_run(TmemOpsBackend.frontswapOps, TmemOpsBackend.cleancacheOps, p.baseAddress, 40,
                                  &report, report.count)
            }
        }
        let text = String(decoding: report.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #expect(r.failures == 0, "\(text)")
        #expect(r.checks > 150)
        #expect(r.stores_ok == 40 && r.loads_ok == 40 && r.cleancache_hits == 20)
        // swapoff and umount gave everything back.
        let c = store.counterSnapshot
        #expect(c.poolPages == 0 && c.storedPages == 0 && store.stats.pools.isEmpty)
    }

    @Test func swapSubsystemFallsBackToTheDeviceWhenTheStoreSaysNo() throws {
        // zcache-2010 keeps only pages compressing to ≤ 2048 B: a random page goes to the device, a text page
        // to frontswap; both come back intact.
        let store = TmemStore(configuration: TmemConfiguration(policy: .zcache2010), algorithm: .lzo)
        var rng = SplitMix64(seed: 9)
        var random = [UInt8](repeating: 0, count: 4096)
        for i in 0..<4096 { random[i] = UInt8(truncatingIfNeeded: rng.next()) }
        let text = textPages(1)[0]
        TmemOpsBackend.withAttached(store) {
            let swap = SimulatedSwap(slots: 8)
            var a = random, b = text
            let sa = a.withUnsafeMutableBytes { swap.swapOut($0, tag: 0) }!
            let sb = b.withUnsafeMutableBytes { swap.swapOut($0, tag: 1) }!
            #expect(!swap.inFrontswap(sa) && swap.inFrontswap(sb))
            var out = [UInt8](repeating: 0, count: 4096)
            let viaA = out.withUnsafeMutableBytes { o in
                swap.swapIn(sa, into: o) { tag, p in tag == 0 ? random.withUnsafeBytes { p.copyMemory(from: $0) } : () }
            }
            #expect(!viaA && out == random)
            let viaB = out.withUnsafeMutableBytes { o in swap.swapIn(sb, into: o) { _, _ in } }
            #expect(viaB && out == text)
            let s = swap.stats
            #expect(s.pswpout == 1 && s.pswpin == 1 && s.succStores == 1 && s.failedStores == 1 && s.loads == 1)
            #expect(s.slotsInUse == 0 && s.frontswapPages == 0)
        }
        #expect(store.counterSnapshot.compressPoor == 1)
    }

    @Test func pageCacheRefaultsComeFromCleancacheOnce() throws {
        let store = TmemStore(configuration: TmemConfiguration(), algorithm: .lzo)
        let pages = textPages(8, salt: 3)
        TmemOpsBackend.withAttached(store) {
            // A 2-page cache reading 3 pages in a loop: every read after the first pass misses the page cache
            // (LRU with a cyclic pattern) and is served by cleancache, never the disk.
            let cache = SimulatedPageCache(capacity: { 2 }, content: { id, p in
                pages[Int(id.index)].withUnsafeBytes { p.copyMemory(from: $0) }
            })
            let fs = cache.mount()
            #expect(cache.pool(of: fs) >= 0)
            for _ in 0..<4 {
                for i in 0..<3 { cache.read(.init(fs: fs, inode: 1, index: UInt64(i))) }
            }
            let s = cache.stats
            #expect(s.reads == 12 && s.diskReads == 3 && s.cleancacheHits == 9 && s.pageCacheHits == 0)
            #expect(s.corruptPages == 0 && s.succGets == 9 && s.puts == 10)
            cache.truncate(fs: fs, inode: 1)
            #expect(store.counterSnapshot.storedPages == 0)
            cache.umount(fs)
            #expect(store.stats.pools.isEmpty)
        }
    }

    /// Both cores at once: one thread swaps, one runs a page cache, two more hammer the store directly, all on
    /// one store. Every page must come back intact and the accounting must add up afterwards.
    @Test func concurrentCallersKeepEveryPageIntact() async throws {
        let store = TmemStore(configuration: TmemConfiguration(memlimit: 64 * 4096), algorithm: .lzo)
        let pages = textPages(64, salt: 11)
        let failures = TmemOpsBackend.withAttached(store) { () -> Int in
            let bad = Atomicish()
            let group = DispatchGroup()
            let queue = DispatchQueue.global()
            queue.async(group: group) {
                let swap = SimulatedSwap(type: 0, slots: 64)
                var slots: [Int: Int] = [:]
                var buf = [UInt8](repeating: 0, count: 4096)
                for round in 0..<20 {
                    for i in 0..<32 {
                        buf = pages[(i + round) % 64]
                        slots[i] = buf.withUnsafeMutableBytes { swap.swapOut($0, tag: (i + round) % 64) }
                    }
                    for i in 0..<32 {
                        let via = buf.withUnsafeMutableBytes { o in
                            swap.swapIn(slots[i]!, into: o) { tag, p in pages[tag].withUnsafeBytes { p.copyMemory(from: $0) } }
                        }
                        _ = via
                        if buf != pages[(i + round) % 64] { bad.add() }
                    }
                }
                swap.swapoff()
            }
            queue.async(group: group) {
                let cache = SimulatedPageCache(capacity: { 4 }, content: { id, p in
                    pages[Int(id.index) % 64].withUnsafeBytes { p.copyMemory(from: $0) }
                })
                let fs = cache.mount()
                for r in 0..<600 { cache.read(.init(fs: fs, inode: 5, index: UInt64((r * 7) % 24))) }
                if cache.stats.corruptPages != 0 { bad.add() }
                cache.umount(fs)
            }
            for t in 0..<2 {
                queue.async(group: group) {
                    guard let pool = try? store.createPool(kind: .privatePersistent) else { bad.add(); return }
                    for round in 0..<10 {
                        let object = TmemObjectID(UInt64(t))
                        for i in 0..<48 {
                            _ = pages[(i + round) % 64].withUnsafeBytes {
                                store.put(pool: pool, object: object, index: UInt32(i), page: $0)
                            }
                        }
                        var got = [UInt8](repeating: 0, count: 4096)
                        for i in 0..<48 {
                            let hit = got.withUnsafeMutableBytes { store.get(pool: pool, object: object, index: UInt32(i), into: $0) }
                            if hit, got != pages[(i + round) % 64] { bad.add() }
                        }
                    }
                    store.destroyPool(pool)
                }
            }
            group.wait()
            return bad.value
        }
        #expect(failures == 0)
        let u = store.usage()       // re-sums every pool and checks it against the running total
        #expect(u.store == 0)
        #expect(store.counterSnapshot.poolPagesMax <= 64)
    }
}

/// A tiny lock-protected counter for the concurrent test.
final class Atomicish: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.lock(); n += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return n }
}
