import TmemCore
import TmemHost

/// One zram device as `tmemctl status` shows it; JSON keys are the kernel's attribute and field names.
public struct ZramDeviceStatus: Codable, Equatable, Sendable {
    public var name: String
    public var disksize: UInt64
    public var initstate: Int
    public var compAlgorithm: String?
    public var algorithms: [String]
    /// Compression streams: max_comp_streams where the kernel still has it, else one per online CPU.
    public var streams: Int?
    public var maxCompStreams: UInt64?
    public var mmStat: MMStat
    public var ioStat: IOStat?
    public var bdStat: BDStat?
    public var debugStat: DebugStat?
    public var backingDev: String?
    public var mountpoint: String?
    public var isSwap: Bool
    public var swapPriority: Int?
    /// orig_data_size / compr_data_size; nil while nothing compressed is stored.
    public var compRatio: Double?
}

/// zswap as `tmemctl status` and `tmemctl zswap show` report it.
public struct ZswapStatus: Codable, Equatable, Sendable {
    public var available: Bool
    /// Every parameter present, by kernel name.
    public var parameters: [String: String]
    public var enabled: Bool?
    public var compressor: String?
    public var zpool: String?
    public var maxPoolPercent: Int?
    public var acceptThresholdPercent: Int?
    public var shrinkerEnabled: Bool?
    /// Pool bytes now (debugfs pool_total_size, else /proc/meminfo Zswap).
    public var poolTotalSize: UInt64?
    /// MemTotal × max_pool_percent / 100, the size at which zswap stops accepting pages.
    public var poolLimit: UInt64?
    /// Uncompressed bytes stored (/proc/meminfo Zswapped).
    public var zswapped: UInt64?
    public var storedPages: UInt64?
    /// zswapped / pool_total_size.
    public var compRatio: Double?
    public var zswpin: UInt64?
    public var zswpout: UInt64?
    public var zswpwb: UInt64?
    /// Counters from /sys/kernel/debug/zswap when debugfs is mounted.
    public var debugfs: [String: UInt64]?
}

public struct StatusReport: Codable, Equatable, Sendable {
    public var zram: [ZramDeviceStatus]
    public var zswap: ZswapStatus
    public var swaps: [SwapArea]
    public var warnings: [String]
}

public enum HostStatus {
    public static func zramDevice(_ d: ZramDevice, swaps: [SwapArea], mounts: [MountEntry], cpus: Int?) throws(HostError) -> ZramDeviceStatus {
        let algs = try d.algorithms()
        let mm = try d.memoryStats()
        let node = d.kernelNodeName
        let swap = swaps.first { $0.filename == node || $0.filename == d.devicePath }
        let number = d.deviceNumber
        let mount = mounts.first { (number != nil && $0.device == number) || $0.source == node }
        let streamsAttr = try d.maxCompStreams()
        return ZramDeviceStatus(
            name: d.name, disksize: try d.disksize(), initstate: try d.isInitialized() ? 1 : 0,
            compAlgorithm: algs.selected, algorithms: algs.available,
            streams: streamsAttr.map { Int($0) } ?? cpus, maxCompStreams: streamsAttr,
            mmStat: mm, ioStat: try d.ioStat(), bdStat: try d.bdStat(), debugStat: try d.debugStat(),
            backingDev: try d.backingDevice(), mountpoint: mount?.mountPoint, isSwap: swap != nil,
            swapPriority: swap?.priority,
            compRatio: mm.comprDataSize > 0 ? Double(mm.origDataSize) / Double(mm.comprDataSize) : nil)
    }

    public static func zswap(root: SystemRoot) throws(HostError) -> ZswapStatus {
        let z = Zswap(root: root)
        guard z.isAvailable else {
            return ZswapStatus(available: false, parameters: [:])
        }
        let p = try z.parameters()
        let mem = try? MemInfo.read(root: root)
        let vm = try? VMStat.read(root: root)
        let debug = try ZswapDebugStats.read(root: root)
        var s = ZswapStatus(available: true,
                            parameters: Dictionary(uniqueKeysWithValues: p.map { ($0.key.rawValue, $0.value) }))
        s.enabled = p[.enabled].map { $0 == "Y" }
        s.compressor = p[.compressor]
        s.zpool = p[.zpool]
        s.maxPoolPercent = p[.maxPoolPercent].flatMap { Int($0) }
        s.acceptThresholdPercent = p[.acceptThresholdPercent].flatMap { Int($0) }
        s.shrinkerEnabled = p[.shrinkerEnabled].map { $0 == "Y" }
        s.poolTotalSize = debug?.poolTotalSize ?? mem?.zswap
        // The kernel counts in pages: max_pages = totalram_pages × max_pool_percent / 100 (docs/kernel-notes.md#zswap-pool-limit).
        if let total = mem?.memTotal, let pct = s.maxPoolPercent { s.poolLimit = total / UInt64(pageSize) * UInt64(pct) / 100 * UInt64(pageSize) }
        s.zswapped = mem?.zswapped
        s.storedPages = debug?.storedPages ?? mem?.zswapped.map { $0 / UInt64(pageSize) }
        if let stored = s.zswapped, let pool = s.poolTotalSize, pool > 0 { s.compRatio = Double(stored) / Double(pool) }
        s.zswpin = vm?["zswpin"]
        s.zswpout = vm?["zswpout"]
        s.zswpwb = vm?["zswpwb"]
        s.debugfs = debug?.counters
        return s
    }

    /// The whole picture; `devices` nil means every zram device.
    public static func gather(root: SystemRoot, devices: [ZramDevice]? = nil) throws(HostError) -> StatusReport {
        let swaps = try SwapTable.readIfPresent(root: root)
        let mounts = try MountInfo.readIfPresent(root: root)
        let cpus = try? OnlineCPUs.count(root: root)
        var zram: [ZramDeviceStatus] = []
        for d in devices ?? ZramControl(root: root).devices() {
            do { zram.append(try zramDevice(d, swaps: swaps, mounts: mounts, cpus: cpus)) } catch {
                // A device removed while we read it (hot_remove by someone else) is simply gone, not an error.
                if devices == nil && !d.exists { continue }
                throw error
            }
        }
        let zswap = try zswap(root: root)
        var warnings: [String] = []
        let zramSwap = zram.filter(\.isSwap).map(\.name)
        if zswap.enabled == true, !zramSwap.isEmpty {
            warnings.append("zswap is enabled in front of zram swap (\(zramSwap.joined(separator: ", "))): pages are compressed by zswap first and reach zram only when zswap rejects or writes them back; disable one of them (tmemctl zswap set --enabled N)")
        }
        return StatusReport(zram: zram, zswap: zswap, swaps: swaps, warnings: warnings)
    }
}
