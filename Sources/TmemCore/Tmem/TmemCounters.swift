/// The backend's counters, named after the staging zcache's debugfs files (Linux 3.11 `debug.c`) and, where
/// zcache had none, zswap's (`pool_limit_hit`, `pool_total_size`, `stored_pages`). Cumulative counters only grow;
/// the footprint fields are current values with their maxima.
public struct TmemCounters: Codable, Sendable, Equatable {
    // Operations.
    public var puts = 0                     // every put attempt
    public var succPuts = 0
    public var failedEphPuts = 0
    public var failedPersPuts = 0
    public var gets = 0                     // hits
    public var failedGets = 0               // misses
    public var flushTotal = 0               // flush page calls
    public var flushFound = 0               // ... that found a page
    public var flobjTotal = 0               // flush object calls
    public var flobjFound = 0               // ... that found an object
    public var duplicatePuts = 0            // puts to a key that held a page (the old copy is invalidated first)
    // Why puts failed.
    public var compressPoor = 0
    public var meanCompressPoor = 0
    public var policyPercentExceeded = 0
    public var poolLimitHit = 0             // refused at a memlimit (pool or store) with nothing left to evict
    // Content-aware storage.
    public var zeroFilledPages = 0          // current pages stored as "all zero", no memory
    public var sameFilledPages = 0          // current pages stored as a repeated non-zero word, no memory
    public var dedupHits = 0                // puts that found an identical stored page
    public var dedupPages = 0               // current pages that share another page's copy
    public var storedIncompressiblePages = 0 // current pages kept uncompressed (zswap policy only)
    // Reclaim.
    public var evictedEphPageframes = 0     // zbud frames reclaimed whole
    public var evictedEphZpages = 0         // compressed objects dropped with them
    public var evictedEphPages = 0          // page keys that lost their data
    public var persAteEph = 0               // evictions forced by a persistent put at the store limit
    // Footprint.
    public var storedPages = 0              // page keys holding data, all kinds
    public var ephZpages = 0
    public var ephZpagesMax = 0
    public var persZpages = 0
    public var persZpagesMax = 0
    public var ephZbytes = 0
    public var ephZbytesMax = 0
    public var persZbytes = 0
    public var persZbytesMax = 0
    public var ephPageframes = 0
    public var ephPageframesMax = 0
    public var persPageframes = 0
    public var persPageframesMax = 0
    public var poolPages = 0                // all page frames held (what the memlimit counts)
    public var poolPagesMax = 0
    public var poolTotalSize: Int { poolPages * pageSize }
    public var poolTotalSizeMax: Int { poolPagesMax * pageSize }

    public init() {}

    enum CodingKeys: String, CodingKey {
        case puts, succPuts, failedEphPuts, failedPersPuts, gets, failedGets, flushTotal, flushFound, flobjTotal,
             flobjFound, duplicatePuts, compressPoor, meanCompressPoor, policyPercentExceeded, poolLimitHit,
             zeroFilledPages, sameFilledPages, dedupHits, dedupPages, storedIncompressiblePages,
             evictedEphPageframes, evictedEphZpages, evictedEphPages, persAteEph, storedPages, ephZpages,
             ephZpagesMax, persZpages, persZpagesMax, ephZbytes, ephZbytesMax, persZbytes, persZbytesMax,
             ephPageframes, ephPageframesMax, persPageframes, persPageframesMax, poolPages, poolPagesMax,
             poolTotalSize, poolTotalSizeMax
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func v(_ k: CodingKeys) throws -> Int { try c.decode(Int.self, forKey: k) }
        puts = try v(.puts); succPuts = try v(.succPuts); failedEphPuts = try v(.failedEphPuts)
        failedPersPuts = try v(.failedPersPuts); gets = try v(.gets); failedGets = try v(.failedGets)
        flushTotal = try v(.flushTotal); flushFound = try v(.flushFound); flobjTotal = try v(.flobjTotal)
        flobjFound = try v(.flobjFound); duplicatePuts = try v(.duplicatePuts); compressPoor = try v(.compressPoor)
        meanCompressPoor = try v(.meanCompressPoor); policyPercentExceeded = try v(.policyPercentExceeded)
        poolLimitHit = try v(.poolLimitHit); zeroFilledPages = try v(.zeroFilledPages)
        sameFilledPages = try v(.sameFilledPages); dedupHits = try v(.dedupHits); dedupPages = try v(.dedupPages)
        storedIncompressiblePages = try v(.storedIncompressiblePages)
        evictedEphPageframes = try v(.evictedEphPageframes); evictedEphZpages = try v(.evictedEphZpages)
        evictedEphPages = try v(.evictedEphPages); persAteEph = try v(.persAteEph); storedPages = try v(.storedPages)
        ephZpages = try v(.ephZpages); ephZpagesMax = try v(.ephZpagesMax); persZpages = try v(.persZpages)
        persZpagesMax = try v(.persZpagesMax); ephZbytes = try v(.ephZbytes); ephZbytesMax = try v(.ephZbytesMax)
        persZbytes = try v(.persZbytes); persZbytesMax = try v(.persZbytesMax); ephPageframes = try v(.ephPageframes)
        ephPageframesMax = try v(.ephPageframesMax); persPageframes = try v(.persPageframes)
        persPageframesMax = try v(.persPageframesMax); poolPages = try v(.poolPages)
        poolPagesMax = try v(.poolPagesMax)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        for (k, value) in fields { try c.encode(value, forKey: k) }
    }

    private var fields: [(CodingKeys, Int)] {
        [(.puts, puts), (.succPuts, succPuts), (.failedEphPuts, failedEphPuts), (.failedPersPuts, failedPersPuts),
         (.gets, gets), (.failedGets, failedGets), (.flushTotal, flushTotal), (.flushFound, flushFound),
         (.flobjTotal, flobjTotal), (.flobjFound, flobjFound), (.duplicatePuts, duplicatePuts),
         (.compressPoor, compressPoor), (.meanCompressPoor, meanCompressPoor),
         (.policyPercentExceeded, policyPercentExceeded), (.poolLimitHit, poolLimitHit),
         (.zeroFilledPages, zeroFilledPages), (.sameFilledPages, sameFilledPages), (.dedupHits, dedupHits),
         (.dedupPages, dedupPages), (.storedIncompressiblePages, storedIncompressiblePages),
         (.evictedEphPageframes, evictedEphPageframes), (.evictedEphZpages, evictedEphZpages),
         (.evictedEphPages, evictedEphPages), (.persAteEph, persAteEph), (.storedPages, storedPages),
         (.ephZpages, ephZpages), (.ephZpagesMax, ephZpagesMax), (.persZpages, persZpages),
         (.persZpagesMax, persZpagesMax), (.ephZbytes, ephZbytes), (.ephZbytesMax, ephZbytesMax),
         (.persZbytes, persZbytes), (.persZbytesMax, persZbytesMax), (.ephPageframes, ephPageframes),
         (.ephPageframesMax, ephPageframesMax), (.persPageframes, persPageframes),
         (.persPageframesMax, persPageframesMax), (.poolPages, poolPages), (.poolPagesMax, poolPagesMax),
         (.poolTotalSize, poolTotalSize), (.poolTotalSizeMax, poolTotalSizeMax)]
    }

    /// `name value` lines in the order of the JSON, with the snake_case names the JSON uses (zcache's style).
    public var textLines: [String] {
        fields.map { "\(TmemCounters.snakeCase($0.0.rawValue)) \($0.1)" }
    }

    static func snakeCase(_ s: String) -> String {
        var out = ""
        for ch in s {
            if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
        }
        return out
    }
}

extension TmemCounters {
    /// Fields that add up over pools: every operation counter and every current count without a store-wide
    /// maximum. The footprint fields with maxima are kept store-wide (`footprintFields`), since the maximum of a
    /// sum is not the sum of maxima.
    nonisolated(unsafe) static let additiveFields: [WritableKeyPath<TmemCounters, Int>] = [
        \.puts, \.succPuts, \.failedEphPuts, \.failedPersPuts, \.gets, \.failedGets, \.flushTotal, \.flushFound,
        \.flobjTotal, \.flobjFound, \.duplicatePuts, \.compressPoor, \.meanCompressPoor, \.policyPercentExceeded,
        \.poolLimitHit, \.zeroFilledPages, \.sameFilledPages, \.dedupHits, \.dedupPages, \.storedIncompressiblePages,
        \.evictedEphPageframes, \.evictedEphZpages, \.evictedEphPages, \.persAteEph, \.storedPages,
    ]
    nonisolated(unsafe) static let footprintFields: [WritableKeyPath<TmemCounters, Int>] = [
        \.ephZpages, \.ephZpagesMax, \.persZpages, \.persZpagesMax, \.ephZbytes, \.ephZbytesMax, \.persZbytes,
        \.persZbytesMax, \.ephPageframes, \.ephPageframesMax, \.persPageframes, \.persPageframesMax, \.poolPages,
        \.poolPagesMax,
    ]

    mutating func addAdditive(_ other: TmemCounters) {
        for f in Self.additiveFields { self[keyPath: f] += other[keyPath: f] }
    }
}
