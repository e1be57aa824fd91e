/// `/sys/block/zramN/mm_stat`, as the kernel prints it or as the zram model predicts it. Linux 5.15+ prints nine
/// fields; 4.19 printed eight (no huge_pages_since). Field names are the kernel's
/// (Documentation/admin-guide/blockdev/zram.rst), so JSON keys match them. The parser lives in TmemHost.
public struct MMStat: Codable, Equatable, Sendable {
    public var origDataSize: UInt64
    public var comprDataSize: UInt64
    public var memUsedTotal: UInt64
    public var memLimit: UInt64
    public var memUsedMax: UInt64
    public var samePages: UInt64
    public var pagesCompacted: UInt64
    public var hugePages: UInt64
    /// nil on kernels that print eight fields.
    public var hugePagesSince: UInt64?

    public init(origDataSize: UInt64 = 0, comprDataSize: UInt64 = 0, memUsedTotal: UInt64 = 0, memLimit: UInt64 = 0,
                memUsedMax: UInt64 = 0, samePages: UInt64 = 0, pagesCompacted: UInt64 = 0, hugePages: UInt64 = 0,
                hugePagesSince: UInt64? = 0) {
        self.origDataSize = origDataSize
        self.comprDataSize = comprDataSize
        self.memUsedTotal = memUsedTotal
        self.memLimit = memLimit
        self.memUsedMax = memUsedMax
        self.samePages = samePages
        self.pagesCompacted = pagesCompacted
        self.hugePages = hugePages
        self.hugePagesSince = hugePagesSince
    }

    /// Field names and values in the kernel's order, for field-by-field comparisons and tables.
    public var fields: [(name: String, value: UInt64?)] {
        [("orig_data_size", origDataSize), ("compr_data_size", comprDataSize), ("mem_used_total", memUsedTotal),
         ("mem_limit", memLimit), ("mem_used_max", memUsedMax), ("same_pages", samePages),
         ("pages_compacted", pagesCompacted), ("huge_pages", hugePages), ("huge_pages_since", hugePagesSince)]
    }
}
