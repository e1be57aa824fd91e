#if canImport(Glibc)
import Glibc
#endif

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
/// honest `false`. Thread-safe: compression runs outside the lock, map updates inside it.
public final class TmemStore: @unchecked Sendable {
    public static let maxPools = 1024

    public let configuration: TmemConfiguration
    private let lock = TmemLock()
    private let codecs: TmemCodecPool
    private let makeEphemeralAllocator: () -> any EvictingPageAllocator
    private let makePersistentAllocator: () -> any PageAllocator

    // Everything below is guarded by `lock`.
    private var pools: [TmemPoolID: TmemPoolState] = [:]
    private var sharedPoolsByUUID: [[UInt8]: TmemPoolID] = [:]
    private var memlimitPages: Int?
    private var counters = TmemCounters()
    private var clock: UInt64 = 0

    /// - Parameters:
    ///   - codec: makes one compressor per concurrent caller.
    ///   - ephemeralAllocator: one per ephemeral pool (zbud by default).
    ///   - persistentAllocator: one per persistent pool (the project's zsmalloc in production).
    public init(configuration: TmemConfiguration,
                codec: @escaping () -> any TmemPageCodec,
                ephemeralAllocator: @escaping () -> any EvictingPageAllocator = { Zbud() },
                persistentAllocator: @escaping () -> any PageAllocator) {
        self.configuration = configuration
        self.codecs = TmemCodecPool(codec)
        self.makeEphemeralAllocator = ephemeralAllocator
        self.makePersistentAllocator = persistentAllocator
        self.memlimitPages = configuration.memlimit.map { $0 / pageSize }
    }

    // MARK: Pools

    /// Creates a pool; shared pools with the same UUID are one pool (cleancache's init_shared_fs).
    public func createPool(kind: TmemPoolKind, uuid: [UInt8]? = nil, memlimit: Int? = nil) throws(TmemError) -> TmemPoolID {
        try lock.withLock { () throws(TmemError) -> TmemPoolID in
            if kind.shared, let uuid, let existing = sharedPoolsByUUID[uuid] {
                pools[existing]!.clients += 1
                return existing
            }
            guard let id = (0..<Int32(TmemStore.maxPools)).first(where: { pools[$0] == nil }) else {
                throw .tooManyPools(TmemStore.maxPools)
            }
            let allocator: any PageAllocator = kind.persistent ? makePersistentAllocator() : makeEphemeralAllocator()
            let limit = (memlimit ?? configuration.poolMemlimit).map { $0 / pageSize }
            pools[id] = TmemPoolState(id: id, kind: kind, uuid: kind.shared ? uuid : nil, allocator: allocator,
                                      memlimitPages: limit)
            if kind.shared, let uuid { sharedPoolsByUUID[uuid] = id }
            return id
        }
    }

    /// Drops every page of the pool and the pool itself (cleancache invalidate_fs, frontswap invalidate_area
    /// followed by reuse of the id). A shared pool goes only when the last client that created it lets go.
    @discardableResult
    public func destroyPool(_ id: TmemPoolID) -> Bool {
        lock.withLock {
            guard let pool = pools[id] else { return false }
            if pool.clients > 1 {
                pool.clients -= 1
                return true
            }
            dropAll(pool)
            pools[id] = nil
            if let uuid = pool.uuid { sharedPoolsByUUID[uuid] = nil }
            return true
        }
    }

    /// Invalidates every page of a pool but keeps the pool (frontswap invalidate_area).
    public func flushPool(_ id: TmemPoolID) {
        lock.withLock {
            guard let pool = pools[id] else { return }
            dropAll(pool)
        }
    }

    public func poolKind(_ id: TmemPoolID) -> TmemPoolKind? { lock.withLock { pools[id]?.kind } }

    // MARK: Limits

    /// Sets the store-wide memlimit (nil = unlimited). Ephemeral frames are evicted, oldest first, until the
    /// store fits; a limit below what persistent pages hold is refused and nothing changes.
    public func setMemlimit(_ bytes: Int?) throws(TmemError) {
        try lock.withLock { () throws(TmemError) in
            guard let bytes else { memlimitPages = nil; return }
            let target = bytes / pageSize
            let persistent = counters.persPageframes
            guard persistent <= target else {
                throw .limitBelowPersistentUsage(requestedPages: target, persistentPages: persistent)
            }
            while counters.poolPages > target, evictGloballyOldest(forPersistentPut: false) {}
            memlimitPages = target
        }
    }

    /// Sets one pool's memlimit (nil = unlimited), under the same rules as the store's.
    public func setMemlimit(_ bytes: Int?, pool id: TmemPoolID) throws(TmemError) {
        try lock.withLock { () throws(TmemError) in
            guard let pool = pools[id] else { throw .noSuchPool(id) }
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

    /// Stores a 4 KiB page. Returns false when the store declines (policy, memlimit, invalid id); the key then
    /// holds nothing, whatever it held before.
    public func put(pool id: TmemPoolID, object: TmemObjectID, index: UInt32, page: UnsafeRawBufferPointer) -> Bool {
        precondition(page.count == pageSize, "tmem pages are \(pageSize) bytes")
        let key = TmemPageKey(object: object, index: index)

        // Work that needs no lock: classify, compress, hash.
        var fill: UInt64? = nil
        if configuration.sameFilledPages, case .sameFilled(let f) = PageClassifier.classify(page) { fill = f }
        var bytes: [UInt8] = []
        var raw = false
        var length = 0
        if fill == nil {
            codecs.withCodec { codec in
                length = codec.compress(page)
                if length > 0 && length < pageSize {
                    bytes = Array(codec.output.prefix(length))
                } else {
                    length = pageSize
                    raw = true
                }
            }
            if raw { bytes = Array(page) }
        }
        let hash = (fill == nil && configuration.deduplication) ? bytes.withUnsafeBytes { PageHash.hash($0) } : 0

        return lock.withLock {
            counters.puts += 1
            guard let pool = pools[id], object.isValid else { counters.failedEphPuts += 1; return false }
            let persistent = pool.kind.persistent
            func fail() -> Bool {
                if persistent { counters.failedPersPuts += 1 } else { counters.failedEphPuts += 1 }
                return false
            }
            // A duplicate put invalidates the old copy first: whether this put succeeds or not, nothing stale
            // can be read back (frontswap's "overwrite, or fail and invalidate").
            if pool.slot(key) != nil {
                counters.duplicatePuts += 1
                removeKey(key, from: pool)
            }
            if let fill {
                setSlot(.filled(fill), key, in: pool)
                if fill == 0 { counters.zeroFilledPages += 1 } else { counters.sameFilledPages += 1 }
                return succeed(pool)
            }
            // An identical page already kept costs nothing more.
            if configuration.deduplication, var candidate = pool.dedupIndex[hash] {
                while candidate >= 0 {
                    if pool.entries[candidate].bytes == bytes {
                        pool.entries[candidate].owners.insert(key)
                        setSlot(.stored(candidate), key, in: pool)
                        counters.dedupHits += 1
                        counters.dedupPages += 1
                        return succeed(pool)
                    }
                    candidate = pool.entries[candidate].nextSameHash
                }
            }
            let view = AcceptancePolicy.PoolView(storedPages: pool.entries.count, poolBytes: pool.pages * pageSize,
                                                 totalRAMPages: configuration.totalRAMPages)
            switch configuration.policy.verdict(length: length, persistent: persistent, pool: view) {
            case .accept: break
            case .compressPoor: counters.compressPoor += 1; return fail()
            case .meanCompressPoor: counters.meanCompressPoor += 1; return fail()
            case .pageCountPolicy: counters.policyPercentExceeded += 1; return fail()
            }
            guard length <= pool.allocator.maxObjectSize, makeRoom(in: pool, for: length) else {
                return fail()
            }
            let before = pool.pages
            if let ev = pool.evicting { ev.clock = clock }
            guard let handle = pool.allocator.allocate(length) else {
                preconditionFailure("tmem: allocator refused a size it accepts")
            }
            if let ev = pool.evicting { clock = ev.clock }
            footprintChanged(pool, framesDelta: pool.pages - before)
            var entry = TmemEntry(bytes: bytes, handle: handle, hash: hash, raw: raw, owners: .one(key))
            if configuration.deduplication { entry.nextSameHash = pool.dedupIndex[hash] ?? -1 }
            let entryID = pool.entries.insert(entry)
            if configuration.deduplication { pool.dedupIndex[hash] = entryID }
            if pool.evicting != nil { pool.entryByHandle[handle] = entryID }
            setSlot(.stored(entryID), key, in: pool)
            pool.zbytes += length
            entryCountChanged(pool, zpages: 1, zbytes: length)
            if raw { counters.storedIncompressiblePages += 1 }
            return succeed(pool)
        }
    }

    /// Copies a page back into `page`. A hit on a private ephemeral pool removes the page (exclusive get), as
    /// does any hit on a persistent pool when `exclusivePersistentGets` is set.
    public func get(pool id: TmemPoolID, object: TmemObjectID, index: UInt32, into page: UnsafeMutableRawBufferPointer) -> Bool {
        precondition(page.count == pageSize, "tmem pages are \(pageSize) bytes")
        let key = TmemPageKey(object: object, index: index)
        enum Found { case filled(UInt64), bytes([UInt8], raw: Bool) }
        let found: Found? = lock.withLock {
            guard let pool = pools[id], let slot = pool.slot(key) else { counters.failedGets += 1; return nil }
            counters.gets += 1
            let result: Found
            switch slot {
            case .filled(let f): result = .filled(f)
            case .stored(let e):
                let entry = pool.entries[e]
                result = .bytes(entry.bytes, raw: entry.raw)
            }
            let exclusive = pool.kind.persistent ? configuration.exclusivePersistentGets : !pool.kind.shared
            if exclusive { removeKey(key, from: pool) }
            return result
        }
        switch found {
        case nil:
            return false
        case .filled(let f):
            let words = page.bindMemory(to: UInt64.self)
            for i in words.indices { words[i] = f }
        case .bytes(let bytes, let raw):
            if raw {
                bytes.withUnsafeBytes { page.copyMemory(from: $0) }
            } else {
                let n = bytes.withUnsafeBytes { src in
                    codecs.withCodec { codec in (try? codec.decompress(src, into: page)) ?? -1 }
                }
                precondition(n == pageSize, "tmem: a stored page failed to decompress (\(n) bytes)")
            }
        }
        return true
    }

    /// Invalidates one page. Returns whether it was there.
    @discardableResult
    public func flushPage(pool id: TmemPoolID, object: TmemObjectID, index: UInt32) -> Bool {
        lock.withLock {
            counters.flushTotal += 1
            let key = TmemPageKey(object: object, index: index)
            guard let pool = pools[id], pool.slot(key) != nil else { return false }
            removeKey(key, from: pool)
            counters.flushFound += 1
            return true
        }
    }

    /// Invalidates every page of an object. Returns how many pages it held.
    @discardableResult
    public func flushObject(pool id: TmemPoolID, object: TmemObjectID) -> Int {
        lock.withLock {
            counters.flobjTotal += 1
            guard let pool = pools[id], let pages = pool.objects[object] else { return 0 }
            for index in pages.keys { removeKey(TmemPageKey(object: object, index: index), from: pool) }
            counters.flobjFound += 1
            return pages.count
        }
    }

    // MARK: Introspection

    public var stats: TmemStats {
        lock.withLock {
            TmemStats(policy: configuration.policy, memlimit: memlimitPages.map { $0 * pageSize },
                      counters: counters,
                      pools: pools.values.sorted { $0.id < $1.id }.map { p in
                          TmemPoolStats(poolId: p.id, persistent: p.kind.persistent, shared: p.kind.shared,
                                        objects: p.objects.count, storedPages: p.storedPages,
                                        zpages: p.entries.count, zbytes: p.zbytes, poolPages: p.pages,
                                        memlimit: p.memlimitPages.map { $0 * pageSize })
                      })
        }
    }

    public var counterSnapshot: TmemCounters { lock.withLock { counters } }

    /// The store's limit and current frames, for invariant checks: (pool pages, limit pages) per pool and for the
    /// whole store, read atomically.
    public func usage() -> (store: Int, storeLimit: Int?, pools: [(id: TmemPoolID, pages: Int, limit: Int?)]) {
        lock.withLock {
            let sum = pools.values.reduce(0) { $0 + $1.pages }
            precondition(sum == counters.poolPages, "tmem: frame accounting drifted")
            return (sum, memlimitPages, pools.values.map { ($0.id, $0.pages, $0.memlimitPages) })
        }
    }

    // MARK: Internals (under the lock)

    private func succeed(_ pool: TmemPoolState) -> Bool {
        counters.succPuts += 1
        return true
    }

    private func setSlot(_ slot: TmemSlot, _ key: TmemPageKey, in pool: TmemPoolState) {
        pool.objects[key.object, default: [:]][key.index] = slot
        pool.storedPages += 1
        counters.storedPages += 1
    }

    /// Removes a key; frees its entry when it was the last reference.
    private func removeKey(_ key: TmemPageKey, from pool: TmemPoolState) {
        guard let slot = pool.objects[key.object]?.removeValue(forKey: key.index) else { return }
        if pool.objects[key.object]!.isEmpty { pool.objects[key.object] = nil }
        pool.storedPages -= 1
        counters.storedPages -= 1
        switch slot {
        case .filled(let f):
            if f == 0 { counters.zeroFilledPages -= 1 } else { counters.sameFilledPages -= 1 }
        case .stored(let entryID):
            if pool.entries[entryID].owners.remove(key) {
                freeEntry(entryID, in: pool, allocatorAlreadyFreed: false)
            } else {
                counters.dedupPages -= 1
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
            footprintChanged(pool, framesDelta: pool.pages - before)
        }
        pool.zbytes -= entry.bytes.count
        entryCountChanged(pool, zpages: -1, zbytes: -entry.bytes.count)
        if entry.raw { counters.storedIncompressiblePages -= 1 }
    }

    private func dropAll(_ pool: TmemPoolState) {
        for (oid, pages) in pool.objects {
            for index in pages.keys { removeKey(TmemPageKey(object: oid, index: index), from: pool) }
        }
        precondition(pool.pages == 0 && pool.entries.isEmpty, "tmem: pool not empty after dropping every key")
    }

    /// Evicts frames until an object of `size` fits under the pool's and the store's limits. Persistent pools
    /// never lose pages: at their own limit the put is refused; at the store's limit they may reclaim ephemeral
    /// frames of any pool. Returns false when the page cannot fit.
    private func makeRoom(in pool: TmemPoolState, for size: Int) -> Bool {
        while true {
            let need = pool.allocator.pagesNeeded(forAllocating: size)
            if need == 0 { return true }
            let poolFits = pool.memlimitPages.map { pool.pages + need <= $0 } ?? true
            let storeFits = memlimitPages.map { counters.poolPages + need <= $0 } ?? true
            if poolFits && storeFits { return true }
            if !poolFits {
                if !pool.kind.persistent, evictOldest(of: pool) { continue }
                counters.poolLimitHit += 1
                return false
            }
            if evictGloballyOldest(forPersistentPut: pool.kind.persistent) { continue }
            counters.poolLimitHit += 1
            return false
        }
    }

    /// Reclaims the least recently used ephemeral frame of the whole store.
    private func evictGloballyOldest(forPersistentPut: Bool) -> Bool {
        var victim: TmemPoolState? = nil
        var oldest = UInt64.max
        for pool in pools.values where !pool.kind.persistent {
            if let ev = pool.evicting, let s = ev.oldestFrameStamp, s < oldest {
                oldest = s
                victim = pool
            }
        }
        guard let victim else { return false }
        if forPersistentPut { counters.persAteEph += 1 }
        return evictOldest(of: victim)
    }

    /// Reclaims one whole frame of an ephemeral pool: every key referring to an object in it loses its page.
    private func evictOldest(of pool: TmemPoolState) -> Bool {
        guard let ev = pool.evicting, ev.oldestFrameStamp != nil else { return false }
        let before = pool.pages
        let handles = ev.evictOldestFrame()
        footprintChanged(pool, framesDelta: pool.pages - before)
        counters.evictedEphPageframes += 1
        for h in handles {
            let entryID = pool.entryByHandle[h]!
            let owners = pool.entries[entryID].owners.all
            for key in owners {
                _ = pool.objects[key.object]!.removeValue(forKey: key.index)
                if pool.objects[key.object]!.isEmpty { pool.objects[key.object] = nil }
                pool.storedPages -= 1
                counters.storedPages -= 1
            }
            counters.dedupPages -= owners.count - 1
            counters.evictedEphPages += owners.count
            counters.evictedEphZpages += 1
            freeEntry(entryID, in: pool, allocatorAlreadyFreed: true)
        }
        return true
    }

    private func footprintChanged(_ pool: TmemPoolState, framesDelta: Int) {
        guard framesDelta != 0 else { return }
        counters.poolPages += framesDelta
        counters.poolPagesMax = max(counters.poolPagesMax, counters.poolPages)
        if pool.kind.persistent {
            counters.persPageframes += framesDelta
            counters.persPageframesMax = max(counters.persPageframesMax, counters.persPageframes)
        } else {
            counters.ephPageframes += framesDelta
            counters.ephPageframesMax = max(counters.ephPageframesMax, counters.ephPageframes)
        }
    }

    private func entryCountChanged(_ pool: TmemPoolState, zpages: Int, zbytes: Int) {
        if pool.kind.persistent {
            counters.persZpages += zpages
            counters.persZbytes += zbytes
            counters.persZpagesMax = max(counters.persZpagesMax, counters.persZpages)
            counters.persZbytesMax = max(counters.persZbytesMax, counters.persZbytes)
        } else {
            counters.ephZpages += zpages
            counters.ephZbytes += zbytes
            counters.ephZpagesMax = max(counters.ephZpagesMax, counters.ephZpages)
            counters.ephZbytesMax = max(counters.ephZbytesMax, counters.ephZbytes)
        }
    }
}
