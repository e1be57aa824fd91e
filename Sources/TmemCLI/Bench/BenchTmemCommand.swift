import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TmemControl
import TmemCore
import TmemHost

struct BenchTmemCommand: TmemCommand {
    static let errorPrefix = "tmemctl bench tmem"

    static let configuration = CommandConfiguration(
        commandName: "tmem",
        abstract: "tmem put and get throughput against the kernel's zram write and read, same pages, same run.",
        discussion: """
        Generates the built-in page mix (8192 pages = 32 MiB unless --pages says otherwise, 256 to 524288), then in each round, with 1 and then 2 threads on each side: puts every page into a \
        fresh tmem store (persistent pool, the chosen compressor, every page kept as zram keeps it) and gets \
        every page back; and writes the same pages to a scratch zram device with the same compressor and reads \
        them back, O_DIRECT in 1 MiB requests as `dd bs=1M oflag=direct` does. The store deduplicates only when \
        the corpus has duplicate pages (zram does not deduplicate; the output says which was used and why). \
        Which side goes first alternates by round. Every read-back is compared with the corpus. The scratch \
        device comes from /sys/class/zram-control/hot_add (never zram0) and is removed at the end, also on \
        error, Ctrl-C or SIGTERM (checked between rounds; exit status 128+signal). If it cannot be removed, the \
        command names it and exits 1. Needs root.

        A round counts only when every pass got at least 80% of its threads' worth of CPU (CPU seconds per wall \
        second, as `bench model` counts them): rounds taken while another job held a core are discarded and \
        retried, up to three times --rounds attempts; if the cores never got free, discarded rounds fill up \
        and the output says so.

        Reported: MB/s (10^6 bytes of page data per second) per side, the median of the per-round ratios \
        tmem / zram at equal thread counts (the per-core ratio: both sides run on as many cores) with their \
        spread, and the 2-thread over 1-thread scaling. MB per CPU-second of the measuring threads (user + \
        system time, from CLOCK_THREAD_CPUTIME_ID) is reported too: its 2-thread/1-thread ratio is the \
        contention cost of the second thread. Targets: put >= 0.9x zram write and get >= 1.0x zram read, with \
        1 and with 2 threads, and put scaling 2/1 threads >= 1.8.

        Examples:
          swift build -c release && sudo .build/release/tmemctl bench tmem
          tmemctl bench tmem --algorithm lz4 --pages 16384 --rounds 7 --json
        """
    )

    @Option(name: .shortAndLong, help: ArgumentHelp("The compressor (default lzo-rle, zram's default).", valueName: "ALG"))
    var algorithm: CompressionAlgorithm = .lzoRle

    @OptionGroup var mix: BuiltinMixOptions

    @Option(help: ArgumentHelp("Rounds; medians are reported.", valueName: "N"))
    var rounds: Int = 5

    @OptionGroup var rootOptions: RootOptions

    @OptionGroup var format: JSONOutputOption


    /// 8192 pages = 32 MiB per pass.
    static let defaultPages = 8192
    var pages: Int { mix.pages ?? Self.defaultPages }

    func validate() throws {
        if pages < 256 || pages > 1 << 19 { throw ValidationError("--pages must be between 256 and 524288.") }
        if rounds < 1 || rounds > 100 { throw ValidationError("--rounds must be between 1 and 100.") }
    }

    func execute() throws {
        let bench = TmemBench(pages: pages, seed: mix.seedOrDefault, rounds: rounds, algorithm: algorithm, root: rootOptions.systemRoot)
        let report = try bench.run()
        if format.json {
            try Output.printJSON(report)
            return
        }
        print("built-in mix: \(report.pages) pages (\(report.pages * pageSize / 1_000_000) MB), seed \(report.seed), "
              + "\(report.algorithm.rawValue), scratch \(report.device); medians of \(report.rounds) rounds; MB/s = 10^6 B/s")
        print("deduplication \(report.deduplication.enabled ? "on" : "off"): \(report.deduplication.reason)")
        let right = Array(repeating: TextTable.Alignment.right, count: 9)
        let wallClock = TextTable(headers: ["THREADS", "PUT", "ZRAM-W", "RATIO", "SPREAD", "GET", "ZRAM-R", "RATIO", "SPREAD"],
                                  alignments: right, separator: "  ", rows: report.results.map { s in
            ["\(s.threads)", s.putMbPerS.decimals(0), s.zramWriteMbPerS.decimals(0), s.putRatio.decimals(2),
             s.putRatioSpread.min.decimals(2) + "-" + s.putRatioSpread.max.decimals(2),
             s.getMbPerS.decimals(0), s.zramReadMbPerS.decimals(0), s.getRatio.decimals(2),
             s.getRatioSpread.min.decimals(2) + "-" + s.getRatioSpread.max.decimals(2)]
        })
        print(wallClock.render())
        for s in report.results where s.discardedRounds > 0 || !s.measuredOnFreeCores {
            print("\(s.threads) thread(s): \(s.discardedRounds) rounds discarded (a core was busy)"
                  + (s.measuredOnFreeCores ? "" : "; some reported rounds are among them: the cores never got free"))
        }
        print("scaling 2/1 threads: put \(report.putScaling.decimals(2))  get \(report.getScaling.decimals(2))  "
              + "(zram write \(report.zramWriteScaling.decimals(2))  read \(report.zramReadScaling.decimals(2)))")
        print("per CPU-second (the threads' own CPU time; immune to other load):")
        let perCPU = TextTable(headers: ["THREADS", "PUT", "ZRAM-W", "GET", "ZRAM-R"], alignments: Array(right.prefix(5)),
                               separator: "  ", rows: report.results.map { s in
            ["\(s.threads)", s.putMbPerCpuS.decimals(0), s.zramWriteMbPerCpuS.decimals(0), s.getMbPerCpuS.decimals(0), s.zramReadMbPerCpuS.decimals(0)]
        })
        print(perCPU.render())
        print("2-thread efficiency per CPU-second: put \(report.putCpuEfficiency.decimals(2))  get \(report.getCpuEfficiency.decimals(2))  "
              + "(1.00 = no contention; wall-clock scaling on two free cores = 2 x this)")
        print("targets (put >= \(report.putTarget)x, get >= \(report.getTarget)x zram at 1 and 2 threads; put scaling >= "
              + "\(report.scalingTarget)): " + (report.targetsMet ? "met" : "MISSED"))
    }
}
