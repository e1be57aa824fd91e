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
        Generates SIZE of the built-in page mix and compares tmemctl's model with the kernel at equal thread \
        counts: 1 model thread against 1 kernel writer, then N threads against N concurrent writers (N = \
        --threads). For N, the pages are cut into N contiguous parts and each part goes to its own scratch zram \
        device with the same algorithm: the model runs N threads, each predicting one device's mm_stat (page \
        classification, compression, the zram and zsmalloc update, page by page); the kernel gets N writers, each \
        writing its part with 1 MiB O_DIRECT writes as `dd oflag=direct` would. Every round checks each device's \
        mm_stat against its prediction. Rounds alternate which side goes first (model first in odd rounds, kernel \
        first in even ones). Prints MB/s (10^6 bytes of pages per second, all threads together) for both sides, \
        the median of the per-round ratios model/kernel and their spread (lowest to highest); the target is a \
        ratio of at least 1 at every thread count. A round in which either side got less than 80% of its threads' \
        worth of CPU (another job held a core) is discarded and retried, up to three attempts per reported round, \
        and the output says so; "cores" is each side's CPU time per wall-clock second.

        The comparison favours the model: the kernel also does the write system call and pins the caller's pages \
        into one bio per write (O_DIRECT: no page cache and no copy from user memory on either side), and per page \
        takes the slot lock, frees the slot's old contents, allocates the object with zs_malloc (size-class \
        locks, new zspages), copies the compressed bytes into it, checks mem_limit and updates atomic counters: \
        about a sixth of its write time (measured with perf on 6.18, lzo; the rest is compression). The model \
        classifies, compresses into a private buffer and counts the object into its size class. Needs root (scratch devices via hot_add, \
        removed afterwards; zram0 is never used). Build with `swift build -c release`.

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

    @Option(name: .long, help: ArgumentHelp("Threads and kernel writers of the second comparison (the first is 1 vs 1).", valueName: "N"))
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
        if !(1...16).contains(threads) { throw ValidationError("--threads must be 1 to 16") }
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
        print("corpus: built-in mix (seed \(report.seed)), \(report.pages) pages (\(report.bytes) bytes); \(report.rounds) rounds, alternating which side goes first")
        var rows = [["algorithm", "threads", "model MB/s", "kernel write MB/s", "ratio", "spread", "target", "mm_stat", "cores model/kernel"]]
        for r in report.results {
            for p in r.pairings {
                rows.append([r.algorithm.rawValue, "\(p.threads) vs \(p.threads)", p.modelMbPerS.decimals(0), p.kernelWriteMbPerS.decimals(0),
                             p.ratio.decimals(2), "\(p.ratioSpread.min.decimals(2))-\(p.ratioSpread.max.decimals(2))",
                             ">= \(r.target.decimals(1)) \(p.targetMet ? "met" : "NOT met")", p.mmStatEqual ? "equal" : "DIFFERS",
                             "\(p.modelCoresUsed.decimals(2))/\(p.kernelCoresUsed.decimals(2))"])
            }
        }
        TextTable(rows, rightAligned: 2...5).lines().forEach { print("  " + $0) }
        for r in report.results {
            for p in r.pairings where p.discardedRounds > 0 || !p.measuredOnFreeCores {
                print("  \(r.algorithm.rawValue) \(p.threads) vs \(p.threads): \(p.discardedRounds) round\(p.discardedRounds == 1 ? "" : "s") discarded because a side got less than \(Int(ModelBench.coreShare * 100))% of \(p.threads) core\(p.threads == 1 ? "" : "s") (the machine is shared)"
                      + (p.measuredOnFreeCores ? "" : "; the cores never got free, so some reported rounds ran on fewer cores"))
            }
        }
        print("not in the model (the kernel does it per write, so the ratio favours the model):")
        report.modelOmits.forEach { print("  - " + $0) }
    }
}
