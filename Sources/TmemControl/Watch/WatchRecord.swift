import TmemCore
import TmemHost

/// One line of `tmemctl watch`: a sample of the last interval, or a device that appeared or disappeared.
public enum WatchRecord: Sendable {
    case sample(WatchSample)
    case event(WatchEvent)
}

/// A zram device appearing or disappearing, reported the moment it is seen.
public struct WatchEvent: Codable, Equatable, Sendable {
    public enum Action: String, Codable, Sendable { case appeared, disappeared }
    /// How it was seen: `uevent` (the kernel's broadcast), `listing` (a device in /sys/block that no event
    /// announced) or `read` (its files vanished while being read).
    public enum Source: String, Codable, Sendable { case uevent, listing, read }

    public var type = "event"
    public var time: Double
    public var action: Action
    public var device: String
    public var source: Source
}

/// Per-second rates over one interval. A rate is null when it cannot be known: the device appeared during the
/// interval, a counter went backwards (the device was reset), or the kernel does not count it.
public struct WatchSample: Codable, Equatable, Sendable {
    public struct Device: Codable, Equatable, Sendable {
        public var device: String
        /// Pages written to the device (block stat write sectors / 8).
        public var pagesStoredPerSecond: Double?
        /// Pages read back (block stat read sectors / 8).
        public var pagesLoadedPerSecond: Double?
        /// Slots freed: io_stat notify_free (swap) plus discarded sectors / 8.
        public var pagesFreedPerSecond: Double?
        public var origDataSize: UInt64
        public var comprDataSize: UInt64
        /// orig_data_size / compr_data_size.
        public var ratio: Double?
        public var memUsedTotal: UInt64
        /// mem_limit; 0 is no limit.
        public var memLimit: UInt64
        /// mem_used_total / mem_limit; null without a limit.
        public var memUsedShareOfLimit: Double?
    }

    public struct Zswap: Codable, Equatable, Sendable {
        /// /proc/vmstat zswpout, zswpin, zswpwb.
        public var storesPerSecond: Double?
        public var loadsPerSecond: Double?
        public var writebacksPerSecond: Double?
        /// Sum of debugfs reject_* counters; null unless debugfs is mounted.
        public var rejectsPerSecond: Double?
    }

    public struct Swap: Codable, Equatable, Sendable {
        /// /proc/vmstat pswpin and pswpout, pages.
        public var inPerSecond: Double?
        public var outPerSecond: Double?
    }

    public var type = "sample"
    /// End of the interval, seconds since the epoch.
    public var time: Double
    public var intervalSeconds: Double
    public var devices: [Device]
    public var zswap: Zswap
    public var swap: Swap

    public init(from a: WatchSnapshot, to b: WatchSnapshot) {
        let dt = b.time - a.time
        func rate(_ x: UInt64?, _ y: UInt64?, scale: Double = 1) -> Double? {
            guard let x, let y, y >= x, dt > 0 else { return nil }
            return Double(y - x) * scale / dt
        }
        func sum(_ x: UInt64?, _ y: UInt64?) -> UInt64? { x.flatMap { x in y.map { x &+ $0 } } }
        time = b.epoch
        intervalSeconds = dt
        devices = b.devices.keys.sorted { $0.count != $1.count ? $0.count < $1.count : $0 < $1 }.map { name in
            let now = b.devices[name]!, before = a.devices[name]
            let mm = now.mm
            let freedNow = sum(now.io?.notifyFree, now.block.discardSectors.map { $0 / 8 })
            let freedBefore = before.flatMap { sum($0.io?.notifyFree, $0.block.discardSectors.map { $0 / 8 }) }
            return Device(device: name,
                          pagesStoredPerSecond: rate(before?.block.writeSectors, now.block.writeSectors, scale: 1.0 / 8),
                          pagesLoadedPerSecond: rate(before?.block.readSectors, now.block.readSectors, scale: 1.0 / 8),
                          pagesFreedPerSecond: rate(freedBefore, freedNow),
                          origDataSize: mm.origDataSize, comprDataSize: mm.comprDataSize,
                          ratio: mm.comprDataSize > 0 ? Double(mm.origDataSize) / Double(mm.comprDataSize) : nil,
                          memUsedTotal: mm.memUsedTotal, memLimit: mm.memLimit,
                          memUsedShareOfLimit: mm.memLimit > 0 ? Double(mm.memUsedTotal) / Double(mm.memLimit) : nil)
        }
        zswap = Zswap(storesPerSecond: rate(a.vmstat?["zswpout"], b.vmstat?["zswpout"]),
                      loadsPerSecond: rate(a.vmstat?["zswpin"], b.vmstat?["zswpin"]),
                      writebacksPerSecond: rate(a.vmstat?["zswpwb"], b.vmstat?["zswpwb"]),
                      rejectsPerSecond: rate(a.zswapRejects, b.zswapRejects))
        swap = Swap(inPerSecond: rate(a.vmstat?["pswpin"], b.vmstat?["pswpin"]),
                    outPerSecond: rate(a.vmstat?["pswpout"], b.vmstat?["pswpout"]))
    }
}
