import ArgumentParser
import TmemControl
import TmemCore
import TmemHost
#if canImport(Glibc)
import Glibc
#endif

/// `tmemctl bench model`: the model's prediction speed against the kernel's zram write speed, same pages, same run.
struct BenchModelCommand: TmemCommand {
    static let errorPrefix = "tmemctl bench model"

    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Time the zram model against the kernel writing the same pages to zram.",
        discussion: """
        Generates SIZE of the built-in page mix and, per round, predicts its mm_stat with tmemctl's model \
        (page classification and compression on --threads cores, then the sequential zram and zsmalloc \
        update; also timed on one core for reference), then writes the same pages to a scratch zram device \
        with the same algorithm, 1 MiB O_DIRECT writes from one writer as `dd oflag=direct` would, and \
        checks that the kernel's mm_stat equals the prediction. Prints MB/s (10^6 bytes of pages per \
        second) for both and the median of the per-round ratios model/kernel; the target is a ratio of at \
        least 1 on 2 cores. A round in which the model got less than 80% of its threads' worth of CPU (another \
        job held a core) is discarded and retried, up to three attempts per reported round, and the output \
        says so; "cores used" is the model's CPU time per wall-clock second. Needs root (scratch device via hot_add; zram0 is never used). Build with \
        `swift build -c release`.

        Examples:
          tmemctl bench model
          tmemctl bench model --size 64M --algorithm all --json
        """
    )

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Corpus size in bytes (4096, 64M; default 256M).", valueName: "SIZE"),
            completion: SizeArgument.completion, transform: SizeArgument.parse)
    var size: SizeExpression?

    @Option(name: .long, help: ArgumentHelp("The compressor, or all of them.", valueName: "ALG"))
    var algorithm: CompressAlgorithmChoice = .lzoRle

    @Option(name: .long, help: ArgumentHelp("Threads for the model's compression.", valueName: "N"))
    var threads: Int = 2

    @Option(name: .long, help: ArgumentHelp("Alternating rounds (model, kernel).", valueName: "N"))
    var rounds: Int = 3

    @OptionGroup var seedOption: BuiltinSeedOption

    @OptionGroup var format: JSONOutputOption

    @OptionGroup var rootOptions: RootOptions


    static let defaultSize: UInt64 = 256 << 20

    /// --size in bytes; a share of RAM is refused in validate().
    var corpusBytes: UInt64 {
        if case .bytes(let b) = size { return b }
        return Self.defaultSize
    }

    func validate() throws {
        if case .percentOfRAM = size { throw ValidationError("--size takes bytes (4096, 64M, 256M), not a share of RAM") }
        let bytes = corpusBytes
        if bytes < UInt64(pageSize) || bytes % UInt64(pageSize) != 0 {
            throw ValidationError("--size must be a positive multiple of 4096 bytes")
        }
        if bytes > 4 << 30 { throw ValidationError("--size is limited to 4G") }
        if threads < 1 { throw ValidationError("--threads must be at least 1") }
        if !(1...50).contains(rounds) { throw ValidationError("--rounds must be 1 to 50") }
    }

    func execute() throws {
        let root = rootOptions.systemRoot
        let bytes = corpusBytes
        if !root.isPrivileged {
            throw CommandFailure("the kernel side needs root (it creates a scratch zram device)")
        }
        let corpus = BuiltinCorpus.generate(pages: Int(bytes) / pageSize, seed: seedOption.seedOrDefault)
        let settings = VerifySettings(root: root, features: KernelFeatures.detect(root: root))
        let report = try ModelBench.run(corpus: corpus, seed: seedOption.seedOrDefault, algorithms: algorithm.algorithms, threads: threads,
                                        rounds: rounds, settings: settings,
                                        progress: { if !format.json { Output.diagnostic("\(Self.errorPrefix): \($0)") } })
        if format.json { try Output.printJSON(report); return }
        print("corpus: built-in mix (seed \(report.seed)), \(report.pages) pages (\(report.bytes) bytes); \(report.rounds) rounds; model on \(report.threads) thread\(report.threads == 1 ? "" : "s")")
        var rows = [["algorithm", "model MB/s", "model 1-thread MB/s", "kernel write MB/s", "ratio", "target", "mm_stat", "sequential", "cores used"]]
        for r in report.results {
            rows.append([r.algorithm.rawValue, r.modelMbPerS.decimals(0), r.modelSingleThreadMbPerS.decimals(0),
                         r.kernelWriteMbPerS.decimals(0), r.ratio.decimals(2), ">= \(r.target.decimals(1)) \(r.targetMet ? "met" : "NOT met")",
                         r.mmStatEqual ? "equal" : "DIFFERS", NumberFormat.percent(r.sequentialShare, digits: 0),
                         r.modelCoresUsed.decimals(2)])
        }
        TextTable(rows, rightAligned: 1...4).lines().forEach { print("  " + $0) }
        for r in report.results where r.discardedRounds > 0 || !r.measuredOnFreeCores {
            print("  \(r.algorithm.rawValue): \(r.discardedRounds) round\(r.discardedRounds == 1 ? "" : "s") discarded because the model got less than \(Int(ModelBench.coreShare * 100))% of \(report.threads) cores (the machine is shared)"
                + (r.measuredOnFreeCores ? "" : "; the cores never got free, so some reported rounds ran on fewer cores"))
        }
    }
}
