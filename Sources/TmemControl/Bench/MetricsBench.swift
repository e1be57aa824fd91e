import TmemCore
import TmemHost

/// `tmemctl bench metrics`: the CPU one `tmemctl metrics` reading costs (every source read, parsed and
/// rendered as text), per reading, over many readings. On the live kernel it first makes sure there are
/// `devices` zram devices by creating scratch ones (hot_add, disksize set, removed afterwards; never zram0).
public enum MetricsBench {
    public struct Report: Codable, Equatable, Sendable {
        /// zram devices present while measuring.
        public var devices: Int
        /// Of them, scratch devices created for the run.
        public var scratchDevices: Int
        public var readings: Int
        /// CPU time (user + system of the measuring thread) per reading, in seconds.
        public var cpuMedian: Double
        public var cpuP10: Double
        public var cpuP90: Double
        public var cpuMin: Double
        public var cpuMax: Double
        public var wallMedian: Double
        /// Bytes of exposition text one reading produced, and its families.
        public var outputBytes: Int
        public var families: Int
        /// Scrape errors seen in the last reading (a figure measured with missing sources is smaller).
        public var scrapeErrors: [String]
    }

    public static func run(root: SystemRoot, devices: Int, readings: Int, warmup: Int = 10) throws -> Report {
        Interruption.install()
        defer { Interruption.restore() }
        let (report, failures) = try CleanupStack.run { cleanup -> Report in
            var created = 0
            if root.isLive {
                while ZramControl(root: root).devices().count < devices {
                    let scratch = try ScratchZram.create(root: root, purpose: "bench metrics", cleanup: cleanup)
                    try scratch.configure(ZramSetupRequest(disksize: 16 << 20))
                    created += 1
                    try Interruption.check()
                }
            }
            for _ in 0..<warmup { _ = HostMetrics.scrape(root: root).text }
            var cpu: [Double] = []
            var wall: [Double] = []
            var last: MetricsScrape?
            var bytes = 0
            for i in 0..<readings {
                let w0 = BenchStatistics.now(), c0 = BenchStatistics.threadCPU()
                let scrape = HostMetrics.scrape(root: root)
                let text = scrape.text
                cpu.append(BenchStatistics.threadCPU() - c0)
                wall.append(BenchStatistics.now() - w0)
                bytes = text.utf8.count
                last = scrape
                if i % 50 == 0 { try Interruption.check() }
            }
            let sorted = cpu.sorted()
            func quantile(_ q: Double) -> Double { sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * q).rounded()))] }
            return Report(devices: ZramControl(root: root).devices().count, scratchDevices: created, readings: readings,
                          cpuMedian: BenchStatistics.median(cpu), cpuP10: quantile(0.1), cpuP90: quantile(0.9),
                          cpuMin: sorted.first ?? 0, cpuMax: sorted.last ?? 0, wallMedian: BenchStatistics.median(wall),
                          outputBytes: bytes, families: last?.families.families.count ?? 0,
                          scrapeErrors: last?.errors.map(\.source) ?? [])
        }
        if !failures.isEmpty { throw CleanupFailed(failures: failures) }
        return report
    }
}
