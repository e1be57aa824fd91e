import ArgumentParser
import TmemControl
import TmemHost

/// `tmemctl bench startup`: the wall time of `tmemctl status` against `zramctl`, paired runs.
struct BenchStartupCommand: TmemCommand {
    static let errorPrefix = "tmemctl bench startup"

    static let configuration = CommandConfiguration(
        commandName: "startup",
        abstract: "Time a whole `tmemctl status` run against `zramctl`.",
        discussion: """
        Runs `tmemctl status` (this binary, or --binary) and `zramctl` (util-linux, which lists the same zram \
        devices) one after the other, --pairs times, alternating which goes first, after 3 unreported runs of \
        each. Each run is timed from posix_spawn to its reaped exit, with stdin, stdout and stderr on /dev/null \
        and the environment PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C for both: what a script or a udev \
        rule waits for, loading and start-up included. Prints the median, the lowest to highest and the middle \
        half (25th to 75th percentile) of each side's milliseconds and of the per-pair ratios tmemctl/zramctl; \
        the target is a median ratio of at most 2. Time the release build (`make`, the Swift runtime linked in); \
        a debug build loads the toolchain's libraries. Reads the live kernel only; nothing is changed.

        Examples:
          tmemctl bench startup
          tmemctl bench startup --pairs 200 --json
          tmemctl bench startup --binary /usr/bin/tmemctl
        """
    )

    @Option(name: .long, help: ArgumentHelp("Pairs of runs (one of each).", valueName: "N"))
    var pairs: Int = 50

    @Option(name: .long, help: ArgumentHelp("The tmemctl binary to time (default: this one).", valueName: "PATH"),
            completion: .file())
    var binary: String?

    @OptionGroup var format: JSONOutputOption

    func validate() throws {
        if !(1...10_000).contains(pairs) { throw ValidationError("--pairs must be 1 to 10000") }
        if let binary, !binary.hasPrefix("/") { throw ValidationError("--binary takes an absolute path") }
    }

    func execute() throws {
        guard let zramctl = SystemProgram("zramctl") else {
            throw CommandFailure("zramctl not found in \(SystemProgram.searchDirectories.joined(separator: ", ")); install util-linux (zramctl is the baseline)")
        }
        let ours = try binary ?? TimedRun.currentExecutable()
        let r = try StartupBench.run(tmemctl: [ours, "status"], baseline: [zramctl.path], pairs: pairs,
                                     progress: { if !format.json { Output.diagnostic("\(Self.errorPrefix): \($0)") } })
        if format.json { try Output.printJSON(r); return }
        print("\(r.pairs) pairs after \(r.warmupRuns) warm-up runs of each, alternating which goes first")
        func ms(_ x: Double) -> String { x.decimals(2) }
        var rows = [["command", "median ms", "min-max ms", "middle half ms", "CPU ms"]]
        for s in [r.tmemctl, r.baseline] {
            rows.append([s.command.joined(separator: " "), ms(s.medianMs), "\(ms(s.spreadMs.min))-\(ms(s.spreadMs.max))",
                         "\(ms(s.quartilesMs.min))-\(ms(s.quartilesMs.max))", ms(s.cpuMedianMs)])
        }
        TextTable(rows, rightAligned: 1...4).lines().forEach { print("  " + $0) }
        print("ratio tmemctl/zramctl: median \(r.ratio.decimals(2)) (\(r.ratioSpread.min.decimals(2))-\(r.ratioSpread.max.decimals(2)), middle half \(r.ratioQuartiles.min.decimals(2))-\(r.ratioQuartiles.max.decimals(2))); target <= \(r.target.decimals(1)) \(r.targetMet ? "met" : "NOT met")")
    }
}
