import TmemCore

/// Which simulated workload ran.
public enum SimulationWorkload: String, CaseIterable, Codable, Sendable {
    case usemem
    case pagecacheZipf = "pagecache-zipf"
    case trace
}

/// One point of a simulation's time series.
public struct SimulationSample: Codable, Sendable, Equatable {
    public var step: Int
    public var poolTotalSize: Int
    public var storedPages: Int
    public var residentPages: Int
    public var pswpout: Int
    public var diskReads: Int
}

/// What `tmemctl simulate` prints: the store's counters and pools, the kernel side's view, and the series.
public struct SimulationReport: Codable, Sendable {
    public var workload: SimulationWorkload
    public var algorithm: CompressionAlgorithm
    public var policy: AcceptancePolicy
    public var memory: Int
    public var memlimit: Int?
    public var poolMemlimit: Int?
    public var corpusPages: Int
    public var peakPoolTotalSize: Int
    public var counters: TmemCounters
    public var pools: [TmemPoolStats]
    public var frontswap: SimulatedSwap.Stats?
    public var cleancache: SimulatedPageCache.Stats?
    public var usemem: UsememResult?
    public var pagecache: PagecacheResult?
    public var trace: TraceResult?
    public var timeSeries: [SimulationSample]
}

public struct UsememResult: Codable, Sendable, Equatable {
    /// RAM page frames of the simulated machine.
    public var ramPages: Int
    /// Pages usemem wanted to mlock, and how many it got before the OOM killer (or the target).
    public var targetPages: Int
    public var mlockedPages: Int
    public var oom: Bool
    /// Swappable pages of other processes that had to make room.
    public var backgroundPages: Int
    public var pagesToFrontswap: Int
    public var pagesToDisk: Int
    /// Whether the store and every pool stayed within their memlimits at every step (checked after every page).
    public var memlimitHeld: Bool
}

public struct PagecacheResult: Codable, Sendable, Equatable {
    public var fileSetPages: Int
    public var reads: Int
    public var zipfExponent: Double
    /// Page cache + cleancache hits over reads.
    public var hitRatio: Double
    /// Cleancache hits over page cache misses.
    public var cleancacheHitRatio: Double
    public var diskReads: Int
    /// The same reads on the same machine without a cleancache backend (the page cache then has all of RAM).
    public var baselineDiskReads: Int
    public var baselineHitRatio: Double
    public var diskReadsAvoided: Int
    public var corruptPages: Int
}

public struct TraceResult: Codable, Sendable, Equatable {
    public var events: Int
    public var swapLoadsFromFrontswap: Int
    public var swapLoadsFromDisk: Int
    public var cleancacheHits: Int
    public var cleancacheMisses: Int
    /// Pages that came back different from what was stored (must stay 0).
    public var corruptPages: Int
}
