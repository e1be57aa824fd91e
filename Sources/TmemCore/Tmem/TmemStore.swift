#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Knobs of a tmem store.
public struct TmemConfiguration: Sendable {
    public var policy: AcceptancePolicy
    /// Store-wide limit on page frames held, in bytes (rounded down to whole pages); nil = unlimited.
    public var memlimit: Int?
    /// Limit given to each new pool unless its creator names one; nil = unlimited.
    public var poolMemlimit: Int?
    /// Keep identical pages once per pool.
    public var deduplication: Bool
    /// Keep zero- and same-filled pages as their fill word.
    public var sameFilledPages: Bool
    /// The machine's RAM in pages, for the kztmem page-count rule.
    public var totalRAMPages: Int?
    /// Frontswap's `frontswap_tmem_exclusive_gets`: a get on a persistent pool also removes the page.
    public var exclusivePersistentGets: Bool

    public init(policy: AcceptancePolicy = .ours, memlimit: Int? = nil, poolMemlimit: Int? = nil,
                deduplication: Bool = true, sameFilledPages: Bool = true, totalRAMPages: Int? = nil,
                exclusivePersistentGets: Bool = false) {
        self.policy = policy
        self.memlimit = memlimit
        self.poolMemlimit = poolMemlimit
        self.deduplication = deduplication
        self.sameFilledPages = sameFilledPages
        self.totalRAMPages = totalRAMPages
        self.exclusivePersistentGets = exclusivePersistentGets
    }
}

public enum TmemError: Error, Equatable, CustomStringConvertible {
    case noSuchPool(TmemPoolID)
    case tooManyPools(Int)
    /// Persistent pages alone already need more than the requested limit; they cannot be dropped.
    case limitBelowPersistentUsage(requestedPages: Int, persistentPages: Int)

    public var description: String {
        switch self {
        case .noSuchPool(let id): return "no tmem pool \(id)"
        case .tooManyPools(let n): return "no free pool id (at most \(n) pools)"
        case .limitBelowPersistentUsage(let r, let p):
            return "memlimit of \(r) pages is below the \(p) pages persistent pages hold; invalidate pages first"
        }
    }
}

/// A snapshot of the whole store.
public struct TmemStats: Codable, Sendable, Equatable {
    public var policy: AcceptancePolicy
    public var memlimit: Int?
    public var counters: TmemCounters
    public var pools: [TmemPoolStats]
}

/// The userspace tmem backend: pools of ephemeral or persistent pages addressed by (pool, object id, index),
/// compressed, deduplicated, and held under memory limits that no sequence of operations can exceed.
///
/// Semantics (docs/kernel-notes.md#tmem-semantics, #tmem-data-model): a get on a private ephemeral pool is exclusive; put-put-get never returns
/// the older page (a put first invalidates what the key held, so a failed duplicate put leaves nothing stale);
/// after a miss there is no hit until a new put; persistent pages stay until invalidated; every failure is an
/// honest `false`.
///
/// Thread-safe, and parallel: compression and decompression run under a per-thread codec stripe only; a page
/// operation holds the pool table shared and its pool's lock for the map update, so operations on different
/// pools never wait for each other. The store-wide frame count is an atomic that a put *reserves* frames on
/// (compare-and-swap against the memlimit) before it allocates them, so the store's limit holds at every
/// instant without a store-wide lock. Only a put that must reclaim another pool's frames, limit changes, pool
/// creation and removal and snapshots take the table exclusive, seeing every pool at rest.
public final class TmemStore: @unchecked Sendable {
    public static let maxPools = 1024

    public let configuration: TmemConfiguration
    private let table = TmemRWLock()
    private let codecs: TmemCodecStripes
    private let makeEphemeralAllocator: () -> any EvictingPageAllocator
    private let makePersistentAllocator: () -> any PageAllocator

    // Written only with `table` held exclusive; read with it held shared.
    private var pools: [TmemPoolState?] = Array(repeating: nil, count: TmemStore.maxPools)
    private var sharedPoolsByUUID: [[UInt8]: TmemPoolID] = [:]
    private var memlimitPages: Int?
    /// Counters of pools that are gone, so cumulative figures survive them.
    private var retired = TmemCounters()

    /// Operations that found no pool (they hold `table` only shared).
    private let missLock = TmemLock()
    private var missed = TmemCounters()

    /// Store-wide frames, compressed pages and bytes, with their maxima and the LRU clock.
    private let footprint = TmemFootprint()

    /// - Parameters:
    ///   - codec: makes one compressor per thread stripe.
    ///   - ephemeralAllocator: one per ephemeral pool (zbud by default).
    ///   - persistentAllocator: one per persistent pool (the project's zsmalloc in production).
    public init(configuration: TmemConfiguration,
                codec: @escaping () -> any TmemPageCodec,
                ephemeralAllocator: @escaping () -> any EvictingPageAllocator = { Zbud() },
                persistentAllocator: @escaping () -> any PageAllocator) {
        self.configuration = configuration
        self.codecs = TmemCodecStripes(codec)
        self.makeEphemeralAllocator = ephemeralAllocator
        self.makePersistentAllocator = persistentAllocator
        self.memlimitPages = configuration.memlimit.map { $0 / pageSize }
    }

    @inline(__always)
    private func lookup(_ id: TmemPoolID) -> TmemPoolState? {
        id >= 0 && Int(id) < TmemStore.maxPools ? pools[Int(id)] : nil
    }

    private func countMiss(_ body: (inout TmemCounters) -> Void) {
        missLock.withLock { body(&missed) }
    }

    // MARK: Pools

    /// Creates a pool; shared pools with the same UUID are one pool (cleancache's init_shared_fs).
    public func createPool(kind: TmemPoolKind, uuid: [UInt8]? = nil, memlimit: Int? = nil) throws(TmemError) -> TmemPoolID {
        try table.withExclusive { () throws(TmemError) -> TmemPoolID in
            if kind.shared, let uuid, let existing = sharedPoolsByUUID[uuid] {
                pools[Int(existing)]!.clients += 1
                return existing
            }
            guard let slot = pools.firstIndex(where: { $0 == nil }) else {
                throw .tooManyPools(TmemStore.maxPools)
            }
            let id = TmemPoolID(slot)
            let allocator: any PageAllocator = kind.persistent ? makePersistentAllocator() : makeEphemeralAllocator()
            let limit = (memlimit ?? configuration.poolMemlimit).map { $0 / pageSize }
            pools[slot] = TmemPoolState(id: id, kind: kind, uuid: kind.shared ? uuid : nil, allocator: allocator,
                                        memlimitPages: limit)
            if kind.shared, let uuid { sharedPoolsByUUID[uuid] = id }
            return id
        }
    }

    /// Drops every page of the pool and the pool itself (cleancache invalidate_fs, frontswap invalidate_area
    /// followed by reuse of the id). A shared pool goes only when the last client that created it lets go.
    @discardableResult
    public func destroyPool(_ id: TmemPoolID) -> Bool {
        table.withExclusive {
            guard let pool = lookup(id) else { return false }
            if pool.clients > 1 {
                pool.clients -= 1
                return true
            }
            dropAll(pool)
            retired.addAdditive(pool.counters)
            pools[Int(id)] = nil
            if let uuid = pool.uuid { sharedPoolsByUUID[uuid] = nil }
            return true
        }
    }

    /// Invalidates every page of a pool but keeps the pool (frontswap invalidate_area).
    public func flushPool(_ id: TmemPoolID) {
        table.withShared {
            guard let pool = lookup(id) else { return }
            pool.lock.withLock { dropAll(pool) }
        }
    }

    public func poolKind(_ id: TmemPoolID) -> TmemPoolKind? { table.withShared { lookup(id)?.kind } }

    // MARK: Limits

    /// Sets the store-wide memlimit (nil = unlimited). Ephemeral frames are evicted, oldest first, until the
    /// store fits; a limit below what persistent pages hold is refused and nothing changes.
    public func setMemlimit(_ bytes: Int?) throws(TmemError) {
        try table.withExclusive { () throws(TmemError) in
            guard let bytes else { memlimitPages = nil; return }
            let target = bytes / pageSize
            let persistent = footprint.persFrames.load(ordering: .relaxed)
            guard persistent <= target else {
                throw .limitBelowPersistentUsage(requestedPages: target, persistentPages: persistent)
            }
            while footprint.frames.load(ordering: .relaxed) > target, evictGloballyOldest(for: nil) {}
            memlimitPages = target
        }
    }

    /// Sets one pool's memlimit (nil = unlimited), under the same rules as the store's.
    public func setMemlimit(_ bytes: Int?, pool id: TmemPoolID) throws(TmemError) {
        try table.withExclusive { () throws(TmemError) in
            guard let pool = lookup(id) else { throw .noSuchPool(id) }
            guard let bytes else { pool.memlimitPages = nil; return }
            let target = bytes / pageSize
            if pool.kind.persistent {
                guard pool.pages <= target else {
                    throw .limitBelowPersistentUsage(requestedPages: target, persistentPages: pool.pages)
                }
            } else {
                while pool.pages > target, evictOldest(of: pool) {}
            }
            pool.memlimitPages = target
        }
    }

    // MARK: Operations

    /// What a put stores: a fill word, or bytes (compressed, or the page itself when `raw`) with their hash.
    private enum Payload {
        case filled(UInt64)
        case bytes(UnsafeRawBufferPointer, raw: Bool, hash: UInt64)
    }

    private enum Outcome {
        case done(Bool)
        /// The page fits its pool but not the store: frames of other pools must go first (exclusive path).
        case needsStoreRoom
    }

    /// Stores a 4 KiB page. Returns false when the store declines (policy, memlimit, invalid id); the key then
    /// holds nothing, whatever it held before.
    public func put(pool id: TmemPoolID, object: TmemObjectID, index: UInt32, page: UnsafeRawBufferPointer) -> Bool {
        precondition(page.count == pageSize, "tmem pages are \(pageSize) bytes")
        let key = TmemPageKey(object: object, index: index)
        if configuration.sameFilledPages, case .sameFilled(let f) = PageClassifier.classify(page) {
            return store(.filled(f), at: key, in: id)
        }
        // Compression and hashing need only this thread's codec; the pool's lock is taken for the update alone.
        return codecs.withCodec { codec, _ in
            let length = codec.compress(page)
            let bytes: UnsafeRawBufferPointer
            let raw = !(length > 0 && length < pageSize)
            bytes = raw ? page : UnsafeRawBufferPointer(start: codec.output.baseAddress, count: length)
            let hash = configuration.deduplication ? PageHash.hash(bytes) : 0
            return store(.bytes(bytes, raw: raw, hash: hash), at: key, in: id)
        }
    }

    private func store(_ payload: Payload, at key: TmemPageKey, in id: TmemPoolID) -> Bool {
        let (first, pool): (Outcome, TmemPoolState?) = table.withShared {
            guard let pool = lookup(id), key.object.isValid else { return (.done(false), nil) }
            return (pool.lock.withLock { putLocked(payload, key, pool, resumed: false) }, pool)
        }
        guard let pool else {
            countMiss { $0.puts += 1; $0.failedEphPuts += 1 }
            return false
        }
        if case .done(let stored) = first { return stored }
        // Reclaiming frames of other pools needs them all at rest. If the pool went away meanwhile, the put
        // fails as a put to a missing pool would.
        return table.withExclusive {
            guard lookup(id) === pool else {
                countMiss { if pool.kind.persistent { $0.failedPersPuts += 1 } else { $0.failedEphPuts += 1 } }
                return false
            }
            guard case .done(let stored) = putLocked(payload, key, pool, resumed: true) else {
                preconditionFailure("tmem: the exclusive put path asked for store room again")
            }
            return stored
        }
    }

    /// The put's map update, under the pool's lock (or the exclusive table lock when `resumed`: then the put was
    /// counted and accepted by the policy already, and may reclaim frames of any pool).
    private func putLocked(_ payload: Payload, _ key: TmemPageKey, _ pool: TmemPoolState, resumed: Bool) -> Outcome {
        if !resumed { pool.counters.puts += 1 }
        let persistent = pool.kind.persistent
        func fail() -> Outcome {
            if persistent { pool.counters.failedPersPuts += 1 } else { pool.counters.failedEphPuts += 1 }
            return .done(false)
        }
        // A duplicate put invalidates the old copy first: whether this put succeeds or not, nothing stale
        // can be read back (frontswap's "overwrite, or fail and invalidate").
        if pool.slot(key) != nil {
            pool.counters.duplicatePuts += 1
            removeKey(key, from: pool)
        }
        let bytes: UnsafeRawBufferPointer, raw: Bool, hash: UInt64
        switch payload {
        case .filled(let fill):
            setSlot(.filled(fill), key, in: pool)
            if fill == 0 { pool.counters.zeroFilledPages += 1 } else { pool.counters.sameFilledPages += 1 }
            return succeed(pool)
        case .bytes(let b, let r, let h):
            bytes = b; raw = r; hash = h
        }
        let length = bytes.count
        if !resumed {
            // An identical page already kept costs nothing more.
            if configuration.deduplication, var candidate = pool.dedupIndex[hash] {
                while candidate >= 0 {
                    let e = pool.entries[candidate]
                    if e.length == length && memcmp(e.bytes, bytes.baseAddress!, length) == 0 {
                        pool.entries[candidate].owners.insert(key)
                        setSlot(.stored(candidate), key, in: pool)
                        pool.counters.dedupHits += 1
                        pool.counters.dedupPages += 1
                        return succeed(pool)
                    }
                    candidate = e.nextSameHash
                }
            }
            let view = AcceptancePolicy.PoolView(storedPages: pool.entries.count, poolBytes: pool.pages * pageSize,
                                                 totalRAMPages: configuration.totalRAMPages)
            switch configuration.policy.verdict(length: length, persistent: persistent, pool: view) {
            case .accept: break
            case .compressPoor: pool.counters.compressPoor += 1; return fail()
            case .meanCompressPoor: pool.counters.meanCompressPoor += 1; return fail()
            case .pageCountPolicy: pool.counters.policyPercentExceeded += 1; return fail()
            }
        }
        guard length <= pool.allocator.maxObjectSize else { return fail() }
        let reserved: Int
        switch makeRoom(in: pool, for: length, global: resumed) {
        case .fits(let n): reserved = n
        case .refused: return fail()
        case .needsStore: return .needsStoreRoom
        }
        let before = pool.pages
        if let ev = pool.evicting { ev.clock = footprint.nextStamp() }
        guard let handle = pool.allocator.allocate(length) else {
            preconditionFailure("tmem: allocator refused a size it accepts")
        }
        precondition(pool.pages - before == reserved, "tmem: allocator took other frames than it said it would")
        footprint.framesReserved(reserved, persistent: persistent)
        let slot = pool.arena.allocate(length)
        slot.copyMemory(from: bytes.baseAddress!, byteCount: length)
        var entry = TmemEntry(bytes: slot, length: length, handle: handle, hash: hash, raw: raw, owners: .one(key))
        if configuration.deduplication { entry.nextSameHash = pool.dedupIndex[hash] ?? -1 }
        let entryID = pool.entries.insert(entry)
        if configuration.deduplication { pool.dedupIndex[hash] = entryID }
        if pool.evicting != nil { pool.entryByHandle[handle] = entryID }
        setSlot(.stored(entryID), key, in: pool)
        pool.zbytes += length
        footprint.entriesChanged(zpages: 1, zbytes: length, persistent: persistent)
        if raw { pool.counters.storedIncompressiblePages += 1 }
        return succeed(pool)
    }

    /// Copies a page back into `page`. A hit on a private ephemeral pool removes the page (exclusive get), as
    /// does any hit on a persistent pool when `exclusivePersistentGets` is set.
    public func get(pool id: TmemPoolID, object: TmemObjectID, index: UInt32, into page: UnsafeMutableRawBufferPointer) -> Bool {
        precondition(page.count == pageSize, "tmem pages are \(pageSize) bytes")
        let key = TmemPageKey(object: object, index: index)
        enum Found { case noPool, miss, filled(UInt64), copied, compressed(Int) }
        return codecs.withCodec { codec, scratch in
            // Under the pool's lock only a copy of the compressed bytes; decompression runs outside it.
            let found: Found = table.withShared {
                guard let pool = lookup(id) else { return .noPool }
                return pool.lock.withLock {
                    guard let slot = pool.slot(key) else { pool.counters.failedGets += 1; return .miss }
                    pool.counters.gets += 1
                    let result: Found
                    switch slot {
                    case .filled(let f): result = .filled(f)
                    case .stored(let e):
                        let entry = pool.entries[e]
                        if entry.raw {
                            page.baseAddress!.copyMemory(from: entry.bytes, byteCount: pageSize)
                            result = .copied
                        } else {
                            scratch.baseAddress!.copyMemory(from: entry.bytes, byteCount: entry.length)
                            result = .compressed(entry.length)
                        }
                    }
                    let exclusive = pool.kind.persistent ? configuration.exclusivePersistentGets : !pool.kind.shared
                    if exclusive { removeKey(key, from: pool) }
                    return result
                }
            }
            switch found {
            case .noPool:
                countMiss { $0.failedGets += 1 }
                return false
            case .miss:
                return false
            case .filled(let f):
                let words = page.bindMemory(to: UInt64.self)
                for i in words.indices { words[i] = f }
            case .copied:
                break
            case .compressed(let length):
                let src = UnsafeRawBufferPointer(start: scratch.baseAddress, count: length)
                let n = (try? codec.decompress(src, into: page)) ?? -1
                precondition(n == pageSize, "tmem: a stored page failed to decompress (\(n) bytes)")
            }
            return true
        }
    }

    /// Invalidates one page. Returns whether it was there.
    @discardableResult
    public func flushPage(pool id: TmemPoolID, object: TmemObjectID, index: UInt32) -> Bool {
        table.withShared {
            guard let pool = lookup(id) else {
                countMiss { $0.flushTotal += 1 }
                return false
            }
            return pool.lock.withLock {
                pool.counters.flushTotal += 1
                let key = TmemPageKey(object: object, index: index)
                guard pool.slot(key) != nil else { return false }
                removeKey(key, from: pool)
                pool.counters.flushFound += 1
                return true
            }
        }
    }

    /// Invalidates every page of an object. Returns how many pages it held.
    @discardableResult
    public func flushObject(pool id: TmemPoolID, object: TmemObjectID) -> Int {
        table.withShared {
            guard let pool = lookup(id) else {
                countMiss { $0.flobjTotal += 1 }
                return 0
            }
            return pool.lock.withLock {
                pool.counters.flobjTotal += 1
                guard let pages = pool.objects[object] else { return 0 }
                for index in pages.keys { removeKey(TmemPageKey(object: object, index: index), from: pool) }
                pool.counters.flobjFound += 1
                return pages.count
            }
        }
    }

    // MARK: Introspection

    public var stats: TmemStats {
        table.withExclusive {
            TmemStats(policy: configuration.policy, memlimit: memlimitPages.map { $0 * pageSize },
                      counters: countersAtRest(),
                      pools: pools.compactMap { $0 }.map { p in
                          TmemPoolStats(poolId: p.id, persistent: p.kind.persistent, shared: p.kind.shared,
                                        objects: p.objects.count, storedPages: p.storedPages,
                                        zpages: p.entries.count, zbytes: p.zbytes, poolPages: p.pages,
                                        memlimit: p.memlimitPages.map { $0 * pageSize })
                      })
        }
    }

    public var counterSnapshot: TmemCounters { table.withExclusive { countersAtRest() } }

    /// The store's limit and current frames, for invariant checks: (pool pages, limit pages) per pool and for the
    /// whole store, read atomically (every pool at rest).
    public func usage() -> (store: Int, storeLimit: Int?, pools: [(id: TmemPoolID, pages: Int, limit: Int?)]) {
        table.withExclusive {
            let live = pools.compactMap { $0 }
            let sum = live.reduce(0) { $0 + $1.pages }
            let eph = live.filter { !$0.kind.persistent }.reduce(0) { $0 + $1.pages }
            precondition(sum == footprint.frames.load(ordering: .relaxed)
                         && eph == footprint.ephFrames.load(ordering: .relaxed), "tmem: frame accounting drifted")
            return (sum, memlimitPages, live.map { ($0.id, $0.pages, $0.memlimitPages) })
        }
    }

    // MARK: Internals (under the pool's lock, or the exclusive table lock)

    /// Counters summed over pools, the retired and the missed, with the store-wide footprint. Exclusive only.
    private func countersAtRest() -> TmemCounters {
        var c = TmemCounters()
        c.addAdditive(retired)
        missLock.withLock { c.addAdditive(missed) }
        for p in pools { if let p { c.addAdditive(p.counters) } }
        footprint.fill(&c)
        return c
    }

    private func succeed(_ pool: TmemPoolState) -> Outcome {
        pool.counters.succPuts += 1
        return .done(true)
    }

    private func setSlot(_ slot: TmemSlot, _ key: TmemPageKey, in pool: TmemPoolState) {
        pool.objects[key.object, default: [:]][key.index] = slot
        pool.storedPages += 1
        pool.counters.storedPages += 1
    }

    /// Removes a key; frees its entry when it was the last reference.
    private func removeKey(_ key: TmemPageKey, from pool: TmemPoolState) {
        guard let slot = pool.objects[key.object]?.removeValue(forKey: key.index) else { return }
        if pool.objects[key.object]!.isEmpty { pool.objects[key.object] = nil }
        pool.storedPages -= 1
        pool.counters.storedPages -= 1
        switch slot {
        case .filled(let f):
            if f == 0 { pool.counters.zeroFilledPages -= 1 } else { pool.counters.sameFilledPages -= 1 }
        case .stored(let entryID):
            if pool.entries[entryID].owners.remove(key) {
                freeEntry(entryID, in: pool, allocatorAlreadyFreed: false)
            } else {
                pool.counters.dedupPages -= 1
            }
        }
    }

    private func freeEntry(_ entryID: Int, in pool: TmemPoolState, allocatorAlreadyFreed: Bool) {
        let entry = pool.entries.remove(entryID)
        if pool.evicting != nil { pool.entryByHandle[entry.handle] = nil }
        if configuration.deduplication {
            // Unlink from its hash chain.
            if pool.dedupIndex[entry.hash] == entryID {
                if entry.nextSameHash >= 0 { pool.dedupIndex[entry.hash] = entry.nextSameHash }
                else { pool.dedupIndex[entry.hash] = nil }
            } else {
                var at = pool.dedupIndex[entry.hash]!
                while pool.entries[at].nextSameHash != entryID { at = pool.entries[at].nextSameHash }
                pool.entries[at].nextSameHash = entry.nextSameHash
            }
        }
        if !allocatorAlreadyFreed {
            let before = pool.pages
            pool.allocator.free(entry.handle)
            footprint.framesFreed(before - pool.pages, persistent: pool.kind.persistent)
        }
        pool.arena.free(entry.bytes)
        pool.zbytes -= entry.length
        footprint.entriesChanged(zpages: -1, zbytes: -entry.length, persistent: pool.kind.persistent)
        if entry.raw { pool.counters.storedIncompressiblePages -= 1 }
    }

    private func dropAll(_ pool: TmemPoolState) {
        for (oid, pages) in pool.objects {
            for index in pages.keys { removeKey(TmemPageKey(object: oid, index: index), from: pool) }
        }
        precondition(pool.pages == 0 && pool.entries.isEmpty, "tmem: pool not empty after dropping every key")
    }

    private enum Room {
        /// The object fits, with this many frames reserved on the store's count for the allocation.
        case fits(Int)
        case refused
        /// Only reclaiming another pool's frames would make room (allowed on the exclusive path alone).
        case needsStore
    }

    /// Evicts frames until an object of `size` fits under the pool's and the store's limits. Persistent pools
    /// never lose pages: at their own limit the put is refused; at the store's limit they may reclaim ephemeral
    /// frames of any pool (with `global`, i.e. the table held exclusive). The store's share is reserved before
    /// the caller allocates, so concurrent puts in other pools cannot overshoot the limit together.
    private func makeRoom(in pool: TmemPoolState, for size: Int, global: Bool) -> Room {
        while true {
            let need = pool.allocator.pagesNeeded(forAllocating: size)
            if need == 0 { return .fits(0) }
            let poolFits = pool.memlimitPages.map { pool.pages + need <= $0 } ?? true
            if !poolFits {
                if !pool.kind.persistent, evictOldest(of: pool) { continue }
                pool.counters.poolLimitHit += 1
                return .refused
            }
            if footprint.reserve(need, limit: memlimitPages) { return .fits(need) }
            guard global else { return .needsStore }
            if evictGloballyOldest(for: pool) { continue }
            pool.counters.poolLimitHit += 1
            return .refused
        }
    }

    /// Reclaims the least recently used ephemeral frame of the whole store (exclusive only). `putter` is the
    /// pool whose put needs the room, if any.
    private func evictGloballyOldest(for putter: TmemPoolState?) -> Bool {
        var victim: TmemPoolState? = nil
        var oldest = UInt64.max
        for case let pool? in pools where !pool.kind.persistent {
            if let ev = pool.evicting, let s = ev.oldestFrameStamp, s < oldest {
                oldest = s
                victim = pool
            }
        }
        guard let victim else { return false }
        if let putter, putter.kind.persistent { putter.counters.persAteEph += 1 }
        return evictOldest(of: victim)
    }

    /// Reclaims one whole frame of an ephemeral pool: every key referring to an object in it loses its page.
    private func evictOldest(of pool: TmemPoolState) -> Bool {
        guard let ev = pool.evicting, ev.oldestFrameStamp != nil else { return false }
        let before = pool.pages
        let handles = ev.evictOldestFrame()
        footprint.framesFreed(before - pool.pages, persistent: false)
        pool.counters.evictedEphPageframes += 1
        for h in handles {
            let entryID = pool.entryByHandle[h]!
            let owners = pool.entries[entryID].owners.all
            for key in owners {
                _ = pool.objects[key.object]!.removeValue(forKey: key.index)
                if pool.objects[key.object]!.isEmpty { pool.objects[key.object] = nil }
                pool.storedPages -= 1
                pool.counters.storedPages -= 1
            }
            pool.counters.dedupPages -= owners.count - 1
            pool.counters.evictedEphPages += owners.count
            pool.counters.evictedEphZpages += 1
            freeEntry(entryID, in: pool, allocatorAlreadyFreed: true)
        }
        return true
    }
}

/// The store-wide footprint as atomics, so pools update it under their own locks: frames (what the memlimit
/// counts, reserved before allocating), ephemeral and persistent frames, compressed pages and bytes, each with
/// its maximum, and the LRU clock that stamps zbud frames of every pool. Read whole only with the table held
/// exclusive.
final class TmemFootprint: Sendable {
    let frames = Atomic<Int>(0), framesMax = Atomic<Int>(0)
    let ephFrames = Atomic<Int>(0), ephFramesMax = Atomic<Int>(0)
    let persFrames = Atomic<Int>(0), persFramesMax = Atomic<Int>(0)
    let ephZpages = Atomic<Int>(0), ephZpagesMax = Atomic<Int>(0)
    let persZpages = Atomic<Int>(0), persZpagesMax = Atomic<Int>(0)
    let ephZbytes = Atomic<Int>(0), ephZbytesMax = Atomic<Int>(0)
    let persZbytes = Atomic<Int>(0), persZbytesMax = Atomic<Int>(0)
    let clock = Atomic<UInt64>(0)

    func nextStamp() -> UInt64 { clock.wrappingAdd(1, ordering: .relaxed).oldValue }

    /// Adds `n` frames to the store's count unless that would pass `limit`; all or nothing.
    func reserve(_ n: Int, limit: Int?) -> Bool {
        var current = frames.load(ordering: .relaxed)
        while true {
            if let limit, current + n > limit { return false }
            let (done, seen) = frames.compareExchange(expected: current, desired: current + n, ordering: .relaxed)
            if done { break }
            current = seen
        }
        raise(framesMax, to: current + n)
        return true
    }

    /// The reserved frames were allocated: count them as ephemeral or persistent.
    func framesReserved(_ n: Int, persistent: Bool) {
        guard n != 0 else { return }
        if persistent {
            raise(persFramesMax, to: persFrames.wrappingAdd(n, ordering: .relaxed).newValue)
        } else {
            raise(ephFramesMax, to: ephFrames.wrappingAdd(n, ordering: .relaxed).newValue)
        }
    }

    func framesFreed(_ n: Int, persistent: Bool) {
        guard n != 0 else { return }
        frames.wrappingSubtract(n, ordering: .relaxed)
        if persistent { persFrames.wrappingSubtract(n, ordering: .relaxed) }
        else { ephFrames.wrappingSubtract(n, ordering: .relaxed) }
    }

    func entriesChanged(zpages: Int, zbytes: Int, persistent: Bool) {
        if persistent {
            let pages = persZpages.wrappingAdd(zpages, ordering: .relaxed).newValue
            let bytes = persZbytes.wrappingAdd(zbytes, ordering: .relaxed).newValue
            if zpages > 0 { raise(persZpagesMax, to: pages); raise(persZbytesMax, to: bytes) }
        } else {
            let pages = ephZpages.wrappingAdd(zpages, ordering: .relaxed).newValue
            let bytes = ephZbytes.wrappingAdd(zbytes, ordering: .relaxed).newValue
            if zpages > 0 { raise(ephZpagesMax, to: pages); raise(ephZbytesMax, to: bytes) }
        }
    }

    private func raise(_ max: borrowing Atomic<Int>, to value: Int) {
        var seen = max.load(ordering: .relaxed)
        while value > seen {
            let (done, now) = max.compareExchange(expected: seen, desired: value, ordering: .relaxed)
            if done { return }
            seen = now
        }
    }

    func fill(_ c: inout TmemCounters) {
        c.poolPages = frames.load(ordering: .relaxed); c.poolPagesMax = framesMax.load(ordering: .relaxed)
        c.ephPageframes = ephFrames.load(ordering: .relaxed); c.ephPageframesMax = ephFramesMax.load(ordering: .relaxed)
        c.persPageframes = persFrames.load(ordering: .relaxed); c.persPageframesMax = persFramesMax.load(ordering: .relaxed)
        c.ephZpages = ephZpages.load(ordering: .relaxed); c.ephZpagesMax = ephZpagesMax.load(ordering: .relaxed)
        c.persZpages = persZpages.load(ordering: .relaxed); c.persZpagesMax = persZpagesMax.load(ordering: .relaxed)
        c.ephZbytes = ephZbytes.load(ordering: .relaxed); c.ephZbytesMax = ephZbytesMax.load(ordering: .relaxed)
        c.persZbytes = persZbytes.load(ordering: .relaxed); c.persZbytesMax = persZbytesMax.load(ordering: .relaxed)
    }
}
