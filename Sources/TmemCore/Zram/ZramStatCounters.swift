/// `/sys/block/zramN/io_stat`: failed_reads, failed_writes, invalid_io, notify_free, as the kernel prints it or as
/// the zram model predicts it. Linux 6.12+ prints an unpadded literal `0` where invalid_io was
/// (docs/kernel-notes.md#zram-stat-formats), so `invalidIo` is nil exactly when the kernel no longer counts it.
/// The parser lives in TmemHost.
public struct IOStat: Codable, Equatable, Sendable {
    public var failedReads: UInt64
    public var failedWrites: UInt64
    public var invalidIo: UInt64?
    public var notifyFree: UInt64

    public init(failedReads: UInt64 = 0, failedWrites: UInt64 = 0, invalidIo: UInt64? = nil, notifyFree: UInt64 = 0) {
        self.failedReads = failedReads
        self.failedWrites = failedWrites
        self.invalidIo = invalidIo
        self.notifyFree = notifyFree
    }

    /// Field names and values in the kernel's order (invalid_io nil where the kernel prints the placeholder).
    public var fields: [(name: String, value: UInt64?)] {
        [("failed_reads", failedReads), ("failed_writes", failedWrites), ("invalid_io", invalidIo),
         ("notify_free", notifyFree)]
    }
}

/// `/sys/block/zramN/bd_stat` (CONFIG_ZRAM_WRITEBACK), in 4 KiB units: bd_count (blocks on the backing device
/// now), bd_reads (pages read back from it), bd_writes (pages written to it)
/// (docs/kernel-notes.md#zram-writeback-accounting).
public struct BDStat: Codable, Equatable, Sendable {
    public var bdCount: UInt64
    public var bdReads: UInt64
    public var bdWrites: UInt64

    public init(bdCount: UInt64, bdReads: UInt64, bdWrites: UInt64) {
        self.bdCount = bdCount
        self.bdReads = bdReads
        self.bdWrites = bdWrites
    }

    public var fields: [(name: String, value: UInt64)] {
        [("bd_count", bdCount), ("bd_reads", bdReads), ("bd_writes", bdWrites)]
    }
}
