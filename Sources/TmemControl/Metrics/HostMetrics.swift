import TmemCore
import TmemHost

/// One scrape of the host for `tmemctl metrics`: every family, and which sources could not be read.
public struct MetricsScrape: Sendable {
    public struct SourceError: Sendable, Equatable {
        /// The kernel path the figures come from (`/proc/vmstat`, `/sys/block/zram1`), also the label value.
        public var source: String
        public var message: String
    }

    public var families: MetricFamilies
    public var errors: [SourceError]

    public var text: String { PrometheusText.render(families) }
}

/// Reads zram, zswap, swap and memory figures through TmemHost and names them by Prometheus conventions:
/// base units (`_bytes`, `_seconds`, ratios 0...1), `_total` for the kernel's cumulative counters, labels
/// `device` and (on the info metrics only) `algorithm`, so changing a device's algorithm starts no new series.
/// Each source is read completely before anything of it is emitted: a source that fails contributes no
/// samples, only `tmemctl_scrape_error{source=...} 1` and an error message. Nothing is mounted or written.
public enum HostMetrics {
    public static func scrape(root: SystemRoot) -> MetricsScrape {
        let start = BenchStatistics.now()
        var m = MetricFamilies()
        var outcomes: [(String, String?)] = []

        func read<T>(_ source: String, _ body: () throws -> T) -> T? {
            do {
                let v = try body()
                outcomes.append((source, nil))
                return v
            } catch {
                outcomes.append((source, "\(error)"))
                return nil
            }
        }

        for device in ZramControl(root: root).devices() {
            let source = SystemRoot.kernelName(device.sysfsDir)
            do {
                emit(try ZramReading(device), into: &m)
                outcomes.append((source, nil))
            } catch {
                // A device hot_removed while we read it is gone, not broken.
                if device.exists { outcomes.append((source, "\(error)")) }
            }
        }
        if Zswap(root: root).isAvailable,
           let params = read(Zswap.parametersKernelPath, { try Zswap(root: root).parameters() }) {
            emitZswapParameters(params, into: &m)
        }
        // debugfs is read only where someone already mounted it; the directory exists only then
        // (docs/kernel-notes.md#zswap-debugfs-metrics).
        if ZswapDebugStats.isPresent(root: root),
           let debug = read(ZswapDebugStats.kernelPath, { try ZswapDebugStats.read(root: root) }), let debug {
            emitZswapDebugfs(debug, into: &m)
        }
        if let mem = read(MemInfo.kernelPath, { try MemInfo.read(root: root) }) { emitMemInfo(mem, into: &m) }
        if let vm = read(VMStat.kernelPath, { try VMStat.read(root: root) }) { emitVMStat(vm, into: &m) }
        if let swaps = read(SwapTable.kernelPath, { try SwapTable.read(root: root) }) { emitSwaps(swaps, into: &m) }

        for (source, message) in outcomes {
            m.add("tmemctl_scrape_error", .gauge,
                  help: "1 when tmemctl could not read this source on the last scrape (its figures are missing), else 0.",
                  labels: [MetricLabel("source", source)], message == nil ? 0 : 1)
        }
        m.add("tmemctl_scrape_duration_seconds", .gauge, help: "Wall-clock time the last scrape took.",
              labels: [], .real(BenchStatistics.now() - start))
        return MetricsScrape(families: m, errors: outcomes.compactMap { s, e in e.map { .init(source: s, message: $0) } })
    }

    // MARK: zram

    /// Everything read from one device before any of it is emitted.
    struct ZramReading {
        var name: String
        var disksize: UInt64
        var initialized: Bool
        var algorithm: String?
        var mm: MMStat
        var io: IOStat?
        var bd: BDStat?

        init(_ d: ZramDevice) throws(HostError) {
            name = d.name
            disksize = try d.disksize()
            initialized = try d.isInitialized()
            algorithm = try d.algorithms().selected
            mm = try d.memoryStats()
            io = try d.ioStat()
            bd = try d.bdStat()
        }
    }

    static func emit(_ r: ZramReading, into m: inout MetricFamilies) {
        let dev = [MetricLabel("device", r.name)]
        func file(_ a: ZramAttribute) -> String { SystemRoot.kernelName(ZramDevice.attributePath(named: "zramN", a)) }
        let mmStat = file(.mmStat)
        m.add("tmemctl_zram_info", .gauge, help: "Always 1; the compression algorithm selected in comp_algorithm as a label.",
              labels: dev + [MetricLabel("algorithm", r.algorithm ?? "")], 1)
        m.add("tmemctl_zram_disksize_bytes", .gauge, help: "Device size (\(file(.disksize))).", labels: dev, r.disksize)
        m.add("tmemctl_zram_initialized", .gauge, help: "1 when disksize is set (\(file(.initstate))).",
              labels: dev, r.initialized ? 1 : 0)
        let mm = r.mm
        m.add("tmemctl_zram_orig_data_bytes", .gauge, help: "Uncompressed size of the data stored (\(mmStat) orig_data_size).",
              labels: dev, mm.origDataSize)
        m.add("tmemctl_zram_compr_data_bytes", .gauge, help: "Compressed size of the data stored (\(mmStat) compr_data_size).",
              labels: dev, mm.comprDataSize)
        m.add("tmemctl_zram_mem_used_total_bytes", .gauge,
              help: "Memory the device uses, allocator overhead included (\(mmStat) mem_used_total).", labels: dev, mm.memUsedTotal)
        m.add("tmemctl_zram_mem_limit_bytes", .gauge, help: "Memory limit, 0 for none (\(mmStat) mem_limit).",
              labels: dev, mm.memLimit)
        m.add("tmemctl_zram_mem_used_max_bytes", .gauge, help: "Peak of mem_used_total since reset (\(mmStat) mem_used_max).",
              labels: dev, mm.memUsedMax)
        m.add("tmemctl_zram_same_pages", .gauge, help: "Pages stored as one repeated word, no memory allocated (\(mmStat) same_pages).",
              labels: dev, mm.samePages)
        m.add("tmemctl_zram_pages_compacted_total", .counter, help: "Pages freed by compaction (\(mmStat) pages_compacted).",
              labels: dev, mm.pagesCompacted)
        m.add("tmemctl_zram_huge_pages", .gauge, help: "Incompressible pages stored whole (\(mmStat) huge_pages).",
              labels: dev, mm.hugePages)
        if let since = mm.hugePagesSince {
            m.add("tmemctl_zram_huge_pages_since_total", .counter,
                  help: "Incompressible pages stored since the device was initialized (\(mmStat) huge_pages_since).",
                  labels: dev, since)
        }
        if mm.comprDataSize > 0 {
            m.add("tmemctl_zram_compression_ratio", .gauge,
                  help: "orig_data_size / compr_data_size; no sample while nothing compressed is stored.",
                  labels: dev, .real(Double(mm.origDataSize) / Double(mm.comprDataSize)))
        }
        m.add("tmemctl_zram_memory_saved_bytes", .gauge,
              help: "orig_data_size - mem_used_total: RAM the device saves (negative when it costs more than it holds).",
              labels: dev, .signed(Int64(clamping: mm.origDataSize) - Int64(clamping: mm.memUsedTotal)))
        if let io = r.io {
            let ioStat = file(.ioStat)
            m.add("tmemctl_zram_failed_reads_total", .counter, help: "Failed reads (\(ioStat) failed_reads).", labels: dev, io.failedReads)
            m.add("tmemctl_zram_failed_writes_total", .counter, help: "Failed writes (\(ioStat) failed_writes).", labels: dev, io.failedWrites)
            if let invalid = io.invalidIo {
                m.add("tmemctl_zram_invalid_io_total", .counter,
                      help: "Non-page-aligned I/O requests (\(ioStat) invalid_io; kernels since 6.12 no longer count it).",
                      labels: dev, invalid)
            }
            m.add("tmemctl_zram_notify_free_total", .counter, help: "Slots freed by swap_slot_free_notify (\(ioStat) notify_free).",
                  labels: dev, io.notifyFree)
        }
        if let bd = r.bd {
            let bdStat = file(.bdStat) + ", 4 KiB units"
            m.add("tmemctl_zram_writeback_stored_bytes", .gauge, help: "Data on the backing device now (\(bdStat) bd_count).",
                  labels: dev, bd.bdCount &* 4096)
            m.add("tmemctl_zram_writeback_read_bytes_total", .counter, help: "Data read back from the backing device (\(bdStat) bd_reads).",
                  labels: dev, bd.bdReads &* 4096)
            m.add("tmemctl_zram_writeback_written_bytes_total", .counter, help: "Data written to the backing device (\(bdStat) bd_writes).",
                  labels: dev, bd.bdWrites &* 4096)
        }
    }

    // MARK: zswap

    static func emitZswapParameters(_ p: [ZswapParameter: String], into m: inout MetricFamilies) {
        let dir = Zswap.parametersKernelPath
        func flag(_ v: String) -> UInt64 { v == "Y" ? 1 : 0 }
        if let v = p[.enabled] {
            m.add("tmemctl_zswap_enabled", .gauge, help: "1 when zswap accepts pages (\(dir)/enabled).", flag(v))
        }
        if let v = p[.shrinkerEnabled] {
            m.add("tmemctl_zswap_shrinker_enabled", .gauge, help: "1 when the zswap shrinker runs (\(dir)/shrinker_enabled).", flag(v))
        }
        if let v = p[.maxPoolPercent].flatMap(Double.init) {
            m.add("tmemctl_zswap_max_pool_ratio", .gauge, help: "Largest pool as a share of RAM (\(dir)/max_pool_percent / 100).",
                  .real(v / 100))
        }
        if let v = p[.acceptThresholdPercent].flatMap(Double.init) {
            m.add("tmemctl_zswap_accept_threshold_ratio", .gauge,
                  help: "Share of the largest pool below which a full pool accepts again (\(dir)/accept_threshold_percent / 100).",
                  .real(v / 100))
        }
        var labels = [MetricLabel("compressor", p[.compressor] ?? "")]
        if let zpool = p[.zpool] { labels.append(MetricLabel("zpool", zpool)) }
        m.add("tmemctl_zswap_info", .gauge, help: "Always 1; zswap's compressor (and zpool, before 6.18) as labels.",
              labels: labels, 1)
    }

    /// debugfs files that are levels, not counts, and those that count events (docs/kernel-notes.md#zswap-statistics);
    /// reject_* files are counters by reason.
    static let debugfsGauges: Set<String> = ["stored_pages", "pool_total_size", "stored_incompressible_pages",
                                             "same_filled_pages", "pool_pages"]
    static let debugfsCounters: Set<String> = ["pool_limit_hit", "decompress_fail", "written_back_pages", "duplicate_entry"]

    static func emitZswapDebugfs(_ d: ZswapDebugStats, into m: inout MetricFamilies) {
        for (file, value) in d.counters.sorted(by: { $0.key < $1.key })
        where !file.isEmpty && file.utf8.allSatisfy({ $0 == UInt8(ascii: "_") || ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) }) {
            let help = "zswap debugfs counter \(file) (\(ZswapDebugStats.kernelPath)/\(file); only while debugfs is mounted)."
            if file.hasPrefix("reject_") {
                // One family with the reason as a label, so alerts sum over reasons this kernel may not have.
                m.add("tmemctl_zswap_debugfs_rejects_total", .counter,
                      help: "Pages zswap refused to store, by reason (\(ZswapDebugStats.kernelPath)/reject_REASON; only while debugfs is mounted).",
                      labels: [MetricLabel("reason", String(file.dropFirst("reject_".count)))], value)
            } else if file == "pool_total_size" {
                m.add("tmemctl_zswap_debugfs_pool_total_size_bytes", .gauge, help: help, value)
            } else if debugfsGauges.contains(file) {
                m.add("tmemctl_zswap_debugfs_\(file)", .gauge, help: help, value)
            } else if debugfsCounters.contains(file) {
                m.add("tmemctl_zswap_debugfs_\(file)_total", .counter, help: help, value)
            } else {
                m.add("tmemctl_zswap_debugfs_\(file)", .untyped, help: help + " Not known to tmemctl.", value)
            }
        }
    }

    // MARK: memory and swap

    static func emitMemInfo(_ mem: MemInfo, into m: inout MetricFamilies) {
        let rows: [(field: String, name: String, help: String)] = [
            ("MemTotal", "tmemctl_memory_total_bytes", "Usable RAM (\(MemInfo.kernelPath) MemTotal)."),
            ("MemAvailable", "tmemctl_memory_available_bytes", "RAM available without swapping (\(MemInfo.kernelPath) MemAvailable)."),
            ("SwapTotal", "tmemctl_swap_total_bytes", "Size of all active swap (\(MemInfo.kernelPath) SwapTotal)."),
            ("SwapFree", "tmemctl_swap_free_bytes", "Unused swap (\(MemInfo.kernelPath) SwapFree)."),
            ("Zswap", "tmemctl_zswap_pool_bytes", "Memory zswap's compressed pool uses (\(MemInfo.kernelPath) Zswap, Linux 6.1+)."),
            ("Zswapped", "tmemctl_zswap_stored_bytes", "Uncompressed size of the pages zswap holds (\(MemInfo.kernelPath) Zswapped, Linux 6.1+)."),
        ]
        for r in rows { if let v = mem.fields[r.field] { m.add(r.name, .gauge, help: r.help, v) } }
    }

    static func emitVMStat(_ vm: VMStat, into m: inout MetricFamilies) {
        let rows: [(field: String, name: String, help: String)] = [
            ("pswpin", "tmemctl_swap_in_pages_total", "Pages read from swap devices (\(VMStat.kernelPath) pswpin)."),
            ("pswpout", "tmemctl_swap_out_pages_total", "Pages written to swap devices (\(VMStat.kernelPath) pswpout)."),
            ("swpout_zero", "tmemctl_swap_out_zero_pages_total",
             "Zero pages swapped out without I/O, only marked in the swap zeromap (\(VMStat.kernelPath) swpout_zero, Linux 6.12+)."),
            ("zswpin", "tmemctl_zswap_load_pages_total", "Pages loaded back from zswap (\(VMStat.kernelPath) zswpin)."),
            ("zswpout", "tmemctl_zswap_store_pages_total", "Pages stored in zswap (\(VMStat.kernelPath) zswpout)."),
            ("zswpwb", "tmemctl_zswap_writeback_pages_total", "Pages zswap wrote back to the swap device (\(VMStat.kernelPath) zswpwb, Linux 6.12+)."),
        ]
        for r in rows { if let v = vm[r.field] { m.add(r.name, .counter, help: r.help, v) } }
    }

    static func emitSwaps(_ areas: [SwapArea], into m: inout MetricFamilies) {
        for a in areas {
            let dev = [MetricLabel("device", a.filename)]
            m.add("tmemctl_swap_device_size_bytes", .gauge, help: "Size of an active swap area (\(SwapTable.kernelPath) Size).", labels: dev, a.size)
            m.add("tmemctl_swap_device_used_bytes", .gauge, help: "Used part of an active swap area (\(SwapTable.kernelPath) Used).", labels: dev, a.used)
            m.add("tmemctl_swap_device_priority", .gauge, help: "Priority of an active swap area (\(SwapTable.kernelPath) Priority).",
                  labels: dev, .signed(Int64(a.priority)))
        }
    }
}
