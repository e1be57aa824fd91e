/// Every file zram has put in `/sys/block/zramN/` in some kernel version (docs/kernel-notes.md#zram-attributes, #zram-recompression, #zram-writeback, docs/kernel-eras.md).
/// Which of them a device has depends on the kernel and its config; `ZramDevice.has(_:)` says.
public enum ZramAttribute: String, CaseIterable, Sendable {
    case disksize, initstate, reset, compact, idle
    case memLimit = "mem_limit"
    case memUsedMax = "mem_used_max"
    case compAlgorithm = "comp_algorithm"
    case algorithmParams = "algorithm_params"
    case mmStat = "mm_stat"
    case ioStat = "io_stat"
    case debugStat = "debug_stat"
    // CONFIG_ZRAM_WRITEBACK
    case bdStat = "bd_stat"
    case backingDev = "backing_dev"
    case writeback
    case writebackLimit = "writeback_limit"
    case writebackLimitEnable = "writeback_limit_enable"
    // CONFIG_ZRAM_MULTI_COMP
    case recompAlgorithm = "recomp_algorithm"
    case recompress
    // Gone in 6.18; read-only in effect since 4.7 (writes ignored).
    case maxCompStreams = "max_comp_streams"
    // One file per stat before mm_stat/io_stat (Linux 4.0 and older).
    case origDataSize = "orig_data_size"
    case comprDataSize = "compr_data_size"
    case memUsedTotal = "mem_used_total"
    case zeroPages = "zero_pages"
    case numReads = "num_reads"
    case numWrites = "num_writes"
    case failedReads = "failed_reads"
    case failedWrites = "failed_writes"
    case invalidIo = "invalid_io"
    case notifyFree = "notify_free"

    /// Why an attribute can be missing, for "this kernel has no X" messages.
    public var absenceReason: String {
        switch self {
        case .bdStat, .backingDev, .writeback, .writebackLimit, .writebackLimitEnable:
            "it needs CONFIG_ZRAM_WRITEBACK"
        case .recompAlgorithm, .recompress:
            "it needs CONFIG_ZRAM_MULTI_COMP"
        case .algorithmParams:
            "it appeared in Linux 6.12"
        case .maxCompStreams:
            "it was removed before Linux 6.18"
        case .mmStat, .ioStat, .debugStat:
            "this kernel predates it (Linux 4.1 introduced the combined stat files)"
        case .origDataSize, .comprDataSize, .memUsedTotal, .zeroPages, .numReads, .numWrites,
             .failedReads, .failedWrites, .invalidIo, .notifyFree:
            "per-file stats were replaced by mm_stat and io_stat"
        default:
            "this kernel does not provide it"
        }
    }
}
