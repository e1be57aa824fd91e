import FoundationEssentials
import ArgumentParser
import TmemControl
import TmemCore
import TmemHost
#if canImport(Glibc)
import Glibc
#endif

/// `tmemctl advise`: which zram algorithm saves most RAM for a workload, and how large a disksize is worth it.
struct AdviseCommand: TmemCommand {
    static let errorPrefix = "tmemctl advise"

    static let configuration = CommandConfiguration(
        commandName: "advise",
        abstract: "Recommend a zram algorithm and disksize for a workload's pages.",
        discussion: """
        Takes a real workload's pages (a running process's anonymous memory with --pid, a corpus file, or \
        the built-in mix) and runs tmemctl's exact model of zram and zsmalloc on them with each algorithm \
        the target kernel's zram offers: the running kernel's (comp_algorithm of an existing device, or of a \
        scratch device created and removed when run as root; with no device to ask, every algorithm tmemctl \
        models), or with --kernel ERA what that era's Debian kernel offers (6.1: lzo lzo-rle lz4 lz4hc zstd; \
        6.12 and 7.2: lz4 lz4hc zstd deflate). On kernels that take algorithm_params (6.12 on), lz4hc, zstd and \
        deflate are ranked at several levels (--levels: default, sample, all).

        Each setting is ranked by the memory it saves (the pool at scale, smallest first) and costed in CPU: \
        compress and decompress nanoseconds per page, thread CPU time of tmemctl's kernel-exact compressors \
        on this machine, the median of 3 rounds over up to 256 of the workload's pages, with the spread \
        (--no-cpu skips it). "best" (*) saves most memory; "balanced" (+) is the cheapest in CPU among \
        those within 5% of the best's pool. CPU figures are this machine's, not the target's: they rank \
        settings against each other.

        How it reasons:
          - RAM is what counts, so algorithms are costed by mem_used_total, the zsmalloc pages the pages \
        would really occupy (size-class rounding, zspage chains, incompressible pages stored whole), not by \
        compressed bytes.
          - ratio = orig_data_size / mem_used_total: the bytes of pages one byte of RAM holds. Same-filled \
        pages cost nothing (zram keeps one word); huge pages (compressed to huge_class_size or more) cost a \
        full page; their shares are shown because they explain the ratio.
          - A small sample leaves one partly filled zspage per size class, which a large device amortizes; \
        ranking and sizing therefore use the ratio at scale, where each object costs its share of a zspage \
        (pages/objects of its class). The best algorithm is the one with the smallest pool at scale.
          - A full device of disksize D costs D/ratio of pool plus zram's slot table, 16 bytes per 4 KiB of \
        disksize. The recommended disksize is the largest whose full device stays within --pool-percent of \
        RAM: D = pool% x RAM / (1/ratio + 1/256). --disksize asks what a given size would cost when full.
          - mem_limit: the budget less the slot table, so the pool stays within --pool-percent even when \
        later pages compress worse than the sample (zram then refuses writes and the kernel swaps elsewhere).
          - Swapping one byte to zram frees 1 - 1/ratio - 1/256 bytes of RAM. Below 20% the advice is that \
        zram is not worth it for this workload.

        Reading another process's memory (--pid) needs root. With --corpus or --builtin no root is needed; the built-in mix is \(BuiltinCorpusDefaults.pages) pages unless --pages says otherwise.

        --textfile DIR also writes DIR/tmemctl_advise.prom for node_exporter's textfile collector: \
        tmemctl_advise_expected_ratio{algorithm=ADVISED}, every algorithm's expected ratio and pool, and the \
        recommended disksize.

        Examples:
          sudo tmemctl advise --pid $(pidof postgres)
          tmemctl advise --corpus heap.pages --pool-percent 20
          tmemctl advise --builtin --disksize 8G --json
          tmemctl advise --corpus heap.pages --kernel 6.12 --levels all
        """
    )

    @Option(name: .long, help: ArgumentHelp("Sample this running process's anonymous memory (needs root).", valueName: "PID"))
    var pid: Int32?

    @Option(name: .long, help: ArgumentHelp("With --pid: at most this many pages, sampled evenly.", valueName: "N"))
    var maxPages: Int = 65536

    @OptionGroup var source: CorpusSelection

    @Option(name: .long, help: ArgumentHelp("RAM budget for a full zram device, in percent of RAM (1-100).", valueName: "N"))
    var poolPercent: Int = 25

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Also cost a device of this size (4G, 512M, 50%; default half of RAM).", valueName: "SIZE"),
            completion: SizeArgument.completion, transform: SizeArgument.parse)
    var disksize: SizeExpression?

    @Option(name: .long, help: ArgumentHelp("Advise for this kernel era's zram instead of the running kernel's.", valueName: "ERA"))
    var kernel: KernelProfile?

    @Option(name: .long, help: ArgumentHelp("Levels of lz4hc, zstd and deflate to rank.", valueName: "WHICH"))
    var levels: AdviseLevels = .sample

    @Flag(name: .customLong("no-cpu"), help: "Do not time the compressors (no CPU columns, no balanced choice).")
    var noCPU = false

    @OptionGroup var format: JSONOutputOption

    @OptionGroup var textfileOptions: TextfileOptions

    @OptionGroup var rootOptions: RootOptions


    func validate() throws {
        if pid != nil && source.isChosen {
            throw ValidationError("give one workload: --pid PID, --corpus FILE or --builtin")
        }
        if let p = pid, p < 1 { throw ValidationError("--pid must be a process id (1 or more)") }
        if maxPages < 1 { throw ValidationError("--max-pages must be at least 1") }
        if !(1...100).contains(poolPercent) { throw ValidationError("--pool-percent must be 1 to 100") }
    }

    func execute() throws {
        let root = rootOptions.systemRoot
        let corpus: PageCorpus
        let workload: AdviseReport.Workload
        if let p = pid {
            if !root.isPrivileged {
                throw CommandFailure("reading \(ProcessMemory.memKernelPath(pid: p)) needs root; run it with sudo, or sample with --corpus")
            }
            corpus = try ProcessMemory(pid: p, root: root).capture(maxPages: maxPages)
            workload = AdviseReport.Workload(kind: .pid, pid: p, pages: corpus.pageCount)
        } else {
            let (c, info) = try source.load()
            corpus = c
            workload = AdviseReport.Workload(kind: info.path == nil ? .builtin : .corpus, path: info.path,
                                             seed: info.seed, pages: c.pageCount)
        }
        let features = KernelFeatures.detect(root: root)
        let algorithms: [CompressionAlgorithm], notModelled: [String], source: String
        let path: CompressionPath, classTable: ZsmallocClassTable, target: AdviseReport.Target
        if let profile = kernel {
            algorithms = profile.zramAlgorithms.compactMap(CompressionAlgorithm.init(rawValue:))
            notModelled = profile.zramAlgorithms.filter { CompressionAlgorithm(rawValue: $0) == nil }
            source = "zram of Debian's \(profile.era) kernel (--kernel)"
            path = profile.compressionPath
            classTable = ZsmallocClassTable(rule: profile.chainRule)
            target = AdviseReport.Target(era: profile.era, release: nil, takesLevels: path == .zramBackend, levels: levels)
        } else {
            let offered = try Advisor.offeredAlgorithms(root: root, mayCreateDevice: true)
            (algorithms, notModelled, source) = (offered.algorithms, offered.notModelled, offered.source)
            let version = features.release.flatMap(KernelFeatures.version(ofRelease:))
            path = version.map { CompressionPath.forKernel(major: $0.0, minor: $0.1) } ?? .zramBackend
            classTable = features.classTable
            target = AdviseReport.Target(era: version.flatMap { KernelProfile.named("\($0.0).\($0.1)")?.era },
                                         release: features.release, takesLevels: path == .zramBackend, levels: levels)
        }
        let memTotal = (try? MemInfo.read(root: root))?.memTotal
        let asked = try disksize.map { try bytes($0, root: root) }
        let report = Advisor.run(corpus: corpus, workload: workload, kernel: target,
                                 candidates: AdviseCandidates.settings(algorithms: algorithms, path: path, levels: levels),
                                 notModelled: notModelled, source: source, classTable: classTable,
                                 memTotal: memTotal, poolPercent: poolPercent, disksize: asked, measureCPU: !noCPU)
        try CorpusFile.checkRead(corpus)
        if format.json { try Output.printJSON(report) } else { print(AdviseText.render(report)) }
        try textfileOptions.publish("tmemctl_advise.prom",
                                    PrometheusText.render(report.metrics(timestamp: Date().timeIntervalSince1970)))
    }
}
