import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import TmemControl
import TmemCore
import TmemHost


/// `tmemctl verify`: the model's prediction against the live kernel, field by field.
struct VerifyCommand: TmemCommand {
    static let errorPrefix = "tmemctl verify"

    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the live kernel's zram (and zswap) counters against tmemctl's model, field by field.",
        discussion: """
        For each algorithm, tmemctl first predicts with its userspace model (the kernel's compressors, \
        byte for byte, zram's write rules and zsmalloc's size classes and zspages), then does the same thing \
        for real and compares every counter, printing predicted, live and the difference. Exit status 1 on \
        any difference, 0 when all are equal.

        --path block (default): a zram device created with hot_add (never zram0), the algorithm set, disksize \
        the corpus size, every page written in order with O_DIRECT, mm_stat read, the device removed. All nine \
        mm_stat fields must match exactly.

        --path swap: a fresh zram device with a swap header written by tmemctl becomes the only swap (the \
        command refuses to run while other swap is active). A child process in a memory cgroup v1 created \
        for the run copies the corpus into anonymous memory (MADV_NOHUGEPAGE) and pushes it out with \
        MADV_PAGEOUT. The model follows the kernel's swap path: zero pages only set a bit in the swap \
        zeromap (vmstat swpout_zero) and reach neither zram nor zswap; the header page is one ordinary zram \
        page; other same-filled pages are ZRAM_SAME in zram. With --zswap, zswap is enabled in front of the \
        device with the algorithm as its compressor and the shrinker off: every non-zero page is compressed \
        (same-filled ones too), pages that do not shrink below 4096 bytes are stored as-is, and debugfs's \
        zswap counters (debugfs is mounted for the run if needed), /proc/meminfo Zswap/Zswapped and the \
        vmstat deltas are compared too. Which pages MADV_PAGEOUT manages to reclaim is not deterministic: the \
        model is fed exactly the pages /proc/PID/pagemap shows as swapped, and the number left in RAM is \
        reported as "bounded" (at most 1% of the corpus, and at least 8 pages, may stay). Swap-outs by other \
        processes during the run make the vmstat deltas exceed ours and are reported as differences. A corpus \
        that would fill zswap's pool (max_pool_percent) is refused: the limit starts asynchronous writeback, \
        whose timing is not deterministic; so is one that does not fit twice in MemAvailable.

        Everything the run creates (device, swap, cgroup, zswap parameters, debugfs mount) is removed or \
        restored afterwards, also on failure, Ctrl-C or SIGTERM (exit status 128+signal then). If any of that \
        cleanup fails (a device still open, say), the run fails (exit status 1, or 128+signal) and names what \
        was left behind. Needs root.

        --level N and --window-bits BITS set the device up through algorithm_params (6.12+). A compressor whose \
        kernel code differs from tmemctl's (zstd: the kernel carries its own zstd version) is "bounded": \
        compr_data_size, mem_used_total and mem_used_max may differ by the percentage measured for that kernel \
        era, huge_pages by the pages near huge_class_size; the report shows the bound and its cause. \
        --per-page (block path) reads mm_stat after every page and compares each page's compressed size.

        --writeback STEPS with --backing-device DEV (block path; CONFIG_ZRAM_WRITEBACK): the device gets DEV as \
        its backing_dev before disksize, and after the corpus is written the steps run in order: mark-idle \
        (echo all > idle), read=LO-HI (O_DIRECT reads, which clear those pages' idle marks), writeback of a \
        type (idle, huge, huge_idle, incompressible) or of pages (page_index=N; page_indexes=LO-HI on Linux \
        6.16+, which also gets type= in its key=value form). mm_stat, bd_stat and io_stat are then compared with \
        the model running the same steps (`tmemctl model --writeback` shows that prediction), each step's \
        outcome too (pages written, or the errno); then every page is read back and compared byte for byte with \
        the corpus, and bd_stat again (each written-back page read counts in bd_reads). DEV's contents are \
        overwritten; zram opens it exclusively, so a mounted or otherwise claimed device is refused (EBUSY).

        Without --corpus, the built-in page mix is used (\(BuiltinCorpusDefaults.pages) pages unless --pages says otherwise).

        --textfile DIR also writes DIR/tmemctl_verify.prom for node_exporter's textfile collector \
        (tmemctl_verify_passed, and per algorithm and field tmemctl_verify_field_predicted, _live and _equal), \
        atomically and also when the comparison failed.

        Examples:
          tmemctl verify
          tmemctl verify --algorithm lz4 --corpus heap.pages --json
          tmemctl verify --algorithm zstd --level 9 --per-page --pages 500
          tmemctl verify --path swap --zswap --algorithm lzo --builtin --pages 4096
          tmemctl verify --algorithm lz4 --writeback mark-idle,read=0-99,huge,idle --backing-device /dev/vdb
        """
    )

    @OptionGroup var source: CorpusSelection

    @Option(name: .long, help: ArgumentHelp("The compressor to verify, or all of them.", valueName: "ALG"))
    var algorithm: CompressAlgorithmChoice = .all

    @OptionGroup var parameters: CompressorParameterOptions

    @Flag(name: .long, help: "With --path block: read mm_stat after every page and compare each page's compressed size too.")
    var perPage = false

    @Option(name: .long, help: ArgumentHelp("How pages reach the kernel: block (O_DIRECT writes) or swap (MADV_PAGEOUT).",
                                            valueName: "PATH"))
    var path: VerifyPath = .block

    @Flag(name: .long, help: "With --path swap: put zswap in front of the zram swap device.")
    var zswap = false

    @Option(name: .long, help: WritebackStepsArgument.help, completion: WritebackStepsArgument.completion,
            transform: WritebackStepsArgument.parse)
    var writeback: [ZramWritebackStep]?

    @Option(name: .long, help: ArgumentHelp("With --writeback: the block device zram writes back to (its contents are overwritten).", valueName: "DEV"),
            completion: .file())
    var backingDevice: String?

    @OptionGroup var format: JSONOutputOption

    @OptionGroup var textfileOptions: TextfileOptions

    @OptionGroup var rootOptions: RootOptions


    func validate() throws {
        if zswap && path != .swap { throw ValidationError("--zswap applies to --path swap; add --path swap") }
        if perPage && path != .block { throw ValidationError("--per-page applies to --path block; drop it or --path swap") }
        if path == .swap && (parameters.level != nil || parameters.windowBits != nil) {
            throw ValidationError("--level and --window-bits apply to --path block (the swap path runs the kernel's defaults)")
        }
        if (writeback == nil) != (backingDevice == nil) {
            throw ValidationError("--writeback and --backing-device go together: the steps need a device to write back to")
        }
        if writeback != nil && path != .block { throw ValidationError("--writeback applies to --path block; drop --path swap") }
        if writeback != nil && perPage { throw ValidationError("--writeback and --per-page cannot be combined; run them separately") }
        if let b = backingDevice, !b.hasPrefix("/") {
            throw ValidationError("--backing-device must be an absolute block device path such as /dev/vdb, got '\(b)'")
        }
        if path == .swap && !rootOptions.systemRoot.isLive {
            throw ValidationError("--path swap needs the live kernel (it swaps a real process out); drop --root/TMEMCTL_ROOT or use --path block")
        }
    }

    func execute() throws {
        let root = rootOptions.systemRoot
        let (corpus, info) = try source.load()
        let settings = VerifySettings(root: root, features: KernelFeatures.detect(root: root))
        let compressors = try parameters.settings(for: algorithm, path: settings.compressionPath)
        let report = try VerifyRun.run(corpus: corpus, info: info, compressors: compressors, path: path,
                                       zswap: zswap, settings: settings, perPage: perPage,
                                       writeback: writeback.map { WritebackRequest(steps: $0, backingDevice: backingDevice!) },
                                       progress: { if !format.json { Output.diagnostic("\(Self.errorPrefix): \($0)") } })
        try CorpusFile.checkRead(corpus)
        if format.json {
            try Output.printJSON(report)
        } else {
            print(VerifyTable.render(report))
        }
        // Written on a failed comparison too: that is what the fleet's alert is for.
        try textfileOptions.publish("tmemctl_verify.prom",
                                    PrometheusText.render(report.metrics(timestamp: Date().timeIntervalSince1970)))
        if !report.passed { throw ExitCode.failure }
    }
}
