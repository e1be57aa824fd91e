import TmemCore
import TmemHost
#if canImport(Glibc)
import Glibc
#endif

/// Everything `tmemctl watch` turns into rates, read at one instant.
public struct WatchSnapshot: Sendable {
    public struct Device: Sendable {
        public var mm: MMStat
        public var io: IOStat?
        public var block: BlockStat

        public init(mm: MMStat, io: IOStat?, block: BlockStat) {
            self.mm = mm
            self.io = io
            self.block = block
        }
    }

    /// CLOCK_MONOTONIC seconds, for the interval; and seconds since the epoch, for the record.
    public var time: Double
    public var epoch: Double
    public var devices: [String: Device]
    /// Devices listed in /sys/block that were gone by the time their files were read (hot_removed).
    public var vanished: [String]
    /// Sources that failed for another reason, with the message.
    public var errors: [String]
    public var vmstat: VMStat?
    /// Sum of zswap's debugfs reject_* counters; nil unless debugfs is already mounted (never mounted here).
    public var zswapRejects: UInt64?

    public init(time: Double, epoch: Double, devices: [String: Device], vanished: [String], errors: [String],
                vmstat: VMStat?, zswapRejects: UInt64?) {
        self.time = time
        self.epoch = epoch
        self.devices = devices
        self.vanished = vanished
        self.errors = errors
        self.vmstat = vmstat
        self.zswapRejects = zswapRejects
    }

    public static func take(root: SystemRoot) -> WatchSnapshot {
        var s = WatchSnapshot(time: BenchStatistics.now(), epoch: epochSeconds(), devices: [:], vanished: [], errors: [],
                              vmstat: nil, zswapRejects: nil)
        for d in ZramControl(root: root).devices() {
            do {
                s.devices[d.name] = Device(mm: try d.memoryStats(), io: try d.ioStat(), block: try d.blockStat())
            } catch {
                if d.exists { s.errors.append("\(error)") } else { s.vanished.append(d.name) }
            }
        }
        do { s.vmstat = try VMStat.read(root: root) } catch { s.errors.append("\(error)") }
        if ZswapDebugStats.isPresent(root: root) {
            do {
                s.zswapRejects = try ZswapDebugStats.read(root: root).map { stats in
                    stats.counters.filter { $0.key.hasPrefix("reject_") }.values.reduce(0, &+)
                }
            } catch { s.errors.append("\(error)") }
        }
        return s
    }

    static func epochSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
