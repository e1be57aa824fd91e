import ArgumentParser
import Foundation
import TmemControl
import TmemCore
import TmemHost

struct BenchTmemCommand: TmemCommand {
    static let errorPrefix = "tmemctl bench tmem"

    static let configuration = CommandConfiguration(
        commandName: "tmem",
        abstract: "tmem put and get throughput against the kernel's zram write and read, same pages, same run.",
        discussion: """
        Generates the built-in page mix (8192 pages = 32 MiB unless --pages says otherwise, 256 to 524288), then in each round, with 1 and then 2 threads: puts every page into a \
        fresh tmem store (persistent pool, the chosen compressor, deduplication on, every page kept as zram \
        keeps it) and gets every page back; and writes the same pages to a scratch zram device with the same \
        compressor and reads them back, O_DIRECT in 1 MiB requests as `dd bs=1M oflag=direct` does. Which side \
        goes first alternates by round. Every read-back is compared with the corpus. The scratch device comes \
        from /sys/class/zram-control/hot_add (never zram0) and is removed at the end, also on error, Ctrl-C or \
        SIGTERM (checked between rounds; exit status 128+signal). If it cannot be removed, the command names it \
        and exits 1. Needs root.

        Reported: MB/s (10^6 bytes of page data per second) per side, the median of the per-round ratios \
        tmem / zram, and the 2-thread over 1-thread scaling. On a machine shared with other work, wall-clock \
        scaling shows the machine more than tmem, so MB per CPU-second of the measuring threads (user + \
        system time, from CLOCK_THREAD_CPUTIME_ID) is reported too: its 2-thread/1-thread ratio is the \
        contention cost of the second thread. Targets: put >= 0.8x zram write and get >= 0.8x \
        zram read, with 1 and with 2 threads (per core), and near-linear scaling (close to 2.0).

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
        print("THREADS  PUT   ZRAM-W  RATIO   GET   ZRAM-R  RATIO")
        for s in report.results {
            print(String(format: "%7d  %5.0f  %6.0f  %5.2f  %5.0f  %6.0f  %5.2f", s.threads, s.putMbPerS, s.zramWriteMbPerS,
                         s.putRatio, s.getMbPerS, s.zramReadMbPerS, s.getRatio))
        }
        print(String(format: "scaling 2/1 threads: put %.2f  get %.2f  (zram write %.2f  read %.2f)",
                     report.putScaling, report.getScaling, report.zramWriteScaling, report.zramReadScaling))
        print("per CPU-second (the threads' own CPU time; immune to other load):")
        for s in report.results {
            print(String(format: "%7d  put %5.0f  zram-w %5.0f   get %5.0f  zram-r %5.0f", s.threads, s.putMbPerCpuS,
                         s.zramWriteMbPerCpuS, s.getMbPerCpuS, s.zramReadMbPerCpuS))
        }
        print(String(format: "2-thread efficiency per CPU-second: put %.2f  get %.2f  (1.00 = no contention; "
                     + "wall-clock scaling on two free cores = 2 x this)", report.putCpuEfficiency, report.getCpuEfficiency))
        print("targets (put and get >= \(report.putTarget)x zram per core): " + (report.targetsMet ? "met" : "MISSED"))
    }
}
