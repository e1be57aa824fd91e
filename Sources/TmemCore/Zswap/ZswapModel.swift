/// Which kernel's zswap rules to apply (docs/kernel-notes.md#zswap-storing). 6.18 is the baseline; the others differ where noted.
public enum ZswapRules: String, CaseIterable, Codable, Sendable {
    /// Zero pages go to the swap zeromap; incompressible pages (dlen ≥ 4096 or failure) stored as-is;
    /// limit check `pool ≥ max`, re-accept at `pool ≤ max·accept%`.
    case linux6_18 = "6.18"
    /// Zero pages go to the swap zeromap; dlen > 4096 is refused as reject_compress_poor (zs_malloc ENOSPC).
    case linux6_12 = "6.12"
    /// zswap itself keeps same-value-filled pages (length 0, no pool memory); dlen > 4096 → reject_compress_poor;
    /// full when `pool > max`, re-accept when `pool < totalram·accept%·max%`.
    case linux6_1 = "6.1"
}

/// Where a swapped-out page ended up.
public enum ZswapStoreResult: Equatable, Sendable {
    /// Zero-filled: the swap layer set its zeromap bit (swpout_zero); zswap never saw it (6.12+).
    case zeroMap
    /// 6.1: a same-value-filled entry inside zswap (same_filled_pages), no pool memory.
    case sameFilled(fill: UInt64)
    /// A compressed entry of `length` bytes in the zsmalloc pool.
    case compressed(length: Int)
    /// 6.18: compression failed or did not shrink the page; stored raw (stored_incompressible_pages).
    case storedAsIs
    /// Refused: the page goes to the swap device (pswpout).
    case rejected(ZswapRejection)
}

public enum ZswapRejection: Equatable, Sendable {
    case disabled
    /// The pool was full (or had not yet drained below the accept threshold): pool_limit_hit / hysteresis.
    case poolLimit
    /// reject_compress_poor: the object would not fit (6.12, 6.1).
    case compressPoor
}

/// `/sys/kernel/debug/zswap/*` counters (6.18 names; fields a release lacks are nil).
public struct ZswapDebugCounters: Codable, Equatable, Sendable {
    public var poolLimitHit: UInt64 = 0
    public var rejectReclaimFail: UInt64 = 0
    public var rejectAllocFail: UInt64 = 0
    public var rejectKmemcacheFail: UInt64 = 0
    public var rejectCompressFail: UInt64? = 0
    public var rejectCompressPoor: UInt64 = 0
    public var decompressFail: UInt64? = 0
    public var writtenBackPages: UInt64 = 0
    public var poolTotalSize: UInt64 = 0
    public var storedPages: UInt64 = 0
    public var storedIncompressiblePages: UInt64? = 0
    /// 6.1 only.
    public var sameFilledPages: UInt64? = nil
    public var duplicateEntry: UInt64? = nil
}

/// zswap in front of a swap device, as swap-outs and invalidations happen (docs/kernel-notes.md#zswap-storing), with its zsmalloc pool
/// modelled object by object. Not modelled: the asynchronous shrink worker that writes entries back once the pool
/// limit is hit (its timing is the scheduler's), memcg limits, and multiple pools after a compressor change.
/// The 6.12 and 6.1 rules assume one zsmalloc pool; some releases in between spread entries over 32 zpools
/// (ZSWAP_NR_ZPOOLS), which makes their pool size order-dependent; only the 6.18 rules were checked live.
public struct ZswapModel: Sendable {
    public let rules: ZswapRules
    public let totalRamPages: Int
    public var enabled = true
    public var maxPoolPercent: Int
    public var acceptThresholdPercent: Int

    public private(set) var pool: ZsmallocPool
    /// `zswap_pool_reached_full`.
    public private(set) var reachedFull = false
    public private(set) var counters: ZswapDebugCounters
    /// vmstat deltas: zswpout (stored in zswap), swpout_zero (zeromap), pswpout (sent to the swap device).
    public private(set) var zswpout = 0
    public private(set) var swpoutZero = 0
    public private(set) var pswpout = 0

    private enum Entry: Sendable {
        case object(ZsmallocHandle, incompressible: Bool)
        case same
    }
    private var entries: [Int: Entry] = [:]
    private var zeroMapped: Set<Int> = []

    public init(rules: ZswapRules = .linux6_18, chainSize: Int = 8, totalRamPages: Int,
                maxPoolPercent: Int = 20, acceptThresholdPercent: Int = 90) {
        self.rules = rules
        self.totalRamPages = totalRamPages
        self.maxPoolPercent = maxPoolPercent
        self.acceptThresholdPercent = acceptThresholdPercent
        // Linux ≤ 6.2 had no chain size: zsmalloc used the usage-percent rule with 4 pages.
        self.pool = ZsmallocPool(table: rules == .linux6_1 ? ZsmallocClassTable(rule: .usagePercent)
                                                           : ZsmallocClassTable(chainSize: chainSize))
        var c = ZswapDebugCounters()
        switch rules {
        case .linux6_18: break
        case .linux6_12:
            c.decompressFail = nil
            c.storedIncompressiblePages = nil
        case .linux6_1:
            c.decompressFail = nil
            c.storedIncompressiblePages = nil
            c.rejectCompressFail = nil
            c.sameFilledPages = 0
            c.duplicateEntry = 0
        }
        self.counters = c
    }

    /// `max_pool_percent` of RAM, in pages.
    public var maxPoolPages: Int { totalRamPages * maxPoolPercent / 100 }

    /// `zswap_accept_thr_pages` (6.18): the pool must drain to this before stores resume after hitting the limit.
    public var acceptThresholdPages: Int { maxPoolPages * acceptThresholdPercent / 100 }

    /// Swap-out of one page to swap offset `offset`.
    @discardableResult
    public mutating func store(offset: Int, _ content: PageContent) -> ZswapStoreResult {
        invalidate(offset: offset)
        if rules != .linux6_1, content.isZeroFilled {
            zeroMapped.insert(offset)
            swpoutZero += 1
            return .zeroMap
        }
        guard enabled else { return reject(.disabled) }
        if refuseForPoolLimit() { return reject(.poolLimit) }
        if rules == .linux6_1, let fill = content.fill {
            entries[offset] = .same
            counters.sameFilledPages! += 1
            counters.storedPages += 1
            zswpout += 1
            return .sameFilled(fill: fill)
        }
        guard let length = content.compressedLength else {
            preconditionFailure("zswap needs the compressed length of every page it may store")
        }
        let result: ZswapStoreResult
        let objectSize: Int
        switch rules {
        case .linux6_18:
            if length >= pageSize {
                result = .storedAsIs
                objectSize = pageSize
            } else {
                result = .compressed(length: length)
                objectSize = length
            }
        case .linux6_12, .linux6_1:
            if length > pageSize {
                counters.rejectCompressPoor += 1
                return reject(.compressPoor)
            }
            result = .compressed(length: length)
            objectSize = length
        }
        let handle = try! pool.malloc(objectSize)
        let incompressible = result == .storedAsIs
        entries[offset] = .object(handle, incompressible: incompressible)
        counters.storedPages += 1
        if incompressible { counters.storedIncompressiblePages! += 1 }
        counters.poolTotalSize = pool.totalBytes
        zswpout += 1
        return result
    }

    /// The swap slot is freed (or overwritten): the entry goes, and with it its pool memory.
    public mutating func invalidate(offset: Int) {
        if zeroMapped.remove(offset) != nil { return }
        guard let entry = entries.removeValue(forKey: offset) else { return }
        switch entry {
        case .same:
            counters.sameFilledPages! -= 1
        case .object(let handle, let incompressible):
            pool.free(handle)
            if incompressible { counters.storedIncompressiblePages! -= 1 }
        }
        counters.storedPages -= 1
        counters.poolTotalSize = pool.totalBytes
    }

    /// `/proc/meminfo` Zswap: pool pages in kB.
    public var meminfoZswapKB: UInt64 { UInt64(pool.totalPages) * UInt64(pageSize / 1024) }
    /// `/proc/meminfo` Zswapped: stored pages in kB.
    public var meminfoZswappedKB: UInt64 { counters.storedPages * UInt64(pageSize / 1024) }

    private mutating func reject(_ why: ZswapRejection) -> ZswapStoreResult {
        pswpout += 1
        return .rejected(why)
    }

    /// The pool-limit check before each store; true = refuse.
    private mutating func refuseForPoolLimit() -> Bool {
        let current = pool.totalPages
        switch rules {
        case .linux6_18, .linux6_12:
            if current >= maxPoolPages {
                counters.poolLimitHit += 1
                reachedFull = true
            } else if reachedFull && current <= acceptThresholdPages {
                reachedFull = false
            }
            return reachedFull
        case .linux6_1:
            if maxPoolPages < current {
                counters.poolLimitHit += 1
                reachedFull = true
                return true
            }
            if reachedFull {
                let accept = totalRamPages * acceptThresholdPercent / 100 * maxPoolPercent / 100
                if !(accept > current) { return true }
                reachedFull = false
            }
            return false
        }
    }
}
