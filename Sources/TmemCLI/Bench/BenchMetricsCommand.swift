import ArgumentParser
import TmemControl
import TmemHost
#if canImport(Glibc)
import Glibc
#endif

/// `tmemctl bench metrics`: CPU per `tmemctl metrics` reading.
struct BenchMetricsCommand: TmemCommand {
    static let errorPrefix = "tmemctl bench metrics"

    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Measure the CPU one `tmemctl metrics` reading costs.",
        discussion: """
        Takes --readings readings in a row after 10 warm-up readings, each one everything `tmemctl metrics` \
        does short of printing: every zram device's files, zswap's parameters (and debugfs counters if \
        mounted), meminfo, vmstat and swaps read and parsed, and the exposition text rendered. Reports the \
        CPU time (user + system of the measuring thread, CLOCK_THREAD_CPUTIME_ID) per reading: median, \
        10th and 90th percentile, min and max, and the median wall time. The target is well under 10 ms of \
        CPU with 8 zram devices.

        On the live kernel (needs root), scratch zram devices are created with hot_add (16 MiB disksize, \
        never zram0) until --devices exist, and removed afterwards, also on Ctrl-C. With --root DIR the \
        fixture tree is measured as it is. Build with `swift build -c release` first.

        Examples:
          tmemctl bench metrics
          tmemctl bench metrics --devices 8 --readings 1000 --json
        """
    )

    @Option(name: .long, help: ArgumentHelp("zram devices to have while measuring (live kernel only).", valueName: "N"))
    var devices: Int = 8

    @Option(name: .long, help: ArgumentHelp("Readings to measure.", valueName: "N"))
    var readings: Int = 500

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    @OptionGroup var rootOptions: RootOptions

    func validate() throws {
        if !(0...64).contains(devices) { throw ValidationError("--devices must be 0 to 64") }
        if !(1...100_000).contains(readings) { throw ValidationError("--readings must be 1 to 100000") }
    }

    func execute() throws {
        let root = rootOptions.systemRoot
        if root.isLive && geteuid() != 0 && ZramControl(root: root).devices().count < devices {
            throw CommandFailure("creating scratch zram devices needs root; run it with sudo, or pass --devices 0")
        }
        let r = try MetricsBench.run(root: root, devices: devices, readings: readings)
        for s in r.scrapeErrors { Output.diagnostic("\(Self.errorPrefix): warning: \(s) could not be read; it is not in the figure") }
        if json { try Output.printJSON(r); return }
        func ms(_ s: Double) -> String { NumberFormat.fixed(s * 1000, digits: 3) + " ms" }
        print("\(r.readings) readings, \(r.devices) zram devices (\(r.scratchDevices) scratch), \(r.families) families, \(r.outputBytes) bytes of text")
        print("CPU per reading: median \(ms(r.cpuMedian)), p10 \(ms(r.cpuP10)), p90 \(ms(r.cpuP90)), min \(ms(r.cpuMin)), max \(ms(r.cpuMax))")
        print("wall per reading: median \(ms(r.wallMedian))")
    }
}
