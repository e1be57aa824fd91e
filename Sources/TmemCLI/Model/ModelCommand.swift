import ArgumentParser
import TmemControl
import TmemCore
import TmemHost

/// `tmemctl model`: the predicted mm_stat of a fresh zram device after writing a corpus in order.
struct ModelCommand: TmemCommand {
    static let errorPrefix = "tmemctl model"

    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Predict zram's mm_stat for writing a corpus of pages to a fresh device.",
        discussion: """
        Runs tmemctl's userspace model of zram and zsmalloc: each page of the corpus is written, in order, to \
        page 0, 1, 2, ... of a fresh device. Same-filled pages are stored as a word; the others are compressed \
        with a compressor byte-identical to the kernel's, stored raw when the compressed length reaches \
        huge_class_size, and placed in zsmalloc's size classes, which gives mem_used_total exactly. The nine \
        mm_stat fields are printed per algorithm.

        The zsmalloc chain size (CONFIG_ZSMALLOC_CHAIN_SIZE) decides the size classes and huge_class_size. \
        By default it is read from the running kernel (/proc/config.gz, /boot/config-RELEASE or /usr/lib/modules/RELEASE/config, else 8 from \
        Linux 6.3 on and the old 4-page rule before); --kernel ERA (6.1, 6.12, 6.18, 7.2) takes that era's \
        rules instead (its chain rule, and only the algorithms its zram takes: Debian's 6.12 and 7.2 build no \
        lzo); --chain-size overrides the chain size. No root is needed and no \
        device is touched; compression runs on every core.

        --writeback STEPS models writeback to a backing device after the corpus is written (the kernel needs \
        CONFIG_ZRAM_WRITEBACK): mark-idle, read=LO-HI, then writeback of a type (idle, huge, huge_idle, \
        incompressible) or of pages (page_index=N; page_indexes=LO-HI on Linux 6.16+), in order. The result then \
        adds bd_stat and io_stat, and what each step wrote. Written-back pages leave compr_data_size, \
        mem_used_total and huge_pages but stay in orig_data_size; same-filled pages are never written back, \
        and without recompression no page is incompressible. --backing-size bounds the backing device \
        (default: room for every page); `tmemctl verify --writeback` runs the same steps on the kernel.

        --level and --window-bits model a device set up with algorithm_params (6.12+). Each result says how \
        exact it is on the target kernel: "exact" (the kernel's bytes, measured page by page in that era's \
        guest), "bounded" with the measured bound and its cause (zstd, where the kernel carries another zstd \
        version than Debian's libzstd), or "unmeasured". The model refuses a kernel whose page size is not 4 KiB.

        A corpus file is raw 4 KiB pages, concatenated (see `tmemctl corpus`); the built-in mix is \(BuiltinCorpusDefaults.pages) pages unless --pages says otherwise.

        Examples:
          tmemctl model --builtin
          tmemctl model --corpus heap.pages --algorithm lz4 --json
          tmemctl model --corpus heap.pages --chain-size 4 --mem-limit 64M
          tmemctl model --builtin --kernel 6.12 --algorithm lz4 --writeback mark-idle,read=0-99,huge,idle
        """
    )

    @OptionGroup var source: CorpusSelection

    @Option(name: .long, help: ArgumentHelp("The compressor to model (\(CompressAlgorithmChoice.allCases.map(\.rawValue).joined(separator: ", "))), or all of them.", valueName: "ALG"))
    var algorithm: CompressAlgorithmChoice = .all

    @OptionGroup var parameters: CompressorParameterOptions

    @Option(name: .long, help: ArgumentHelp("zsmalloc chain size, 4 to 16 (default: the running kernel's).", valueName: "N"))
    var chainSize: Int?

    @Option(name: .long, help: ArgumentHelp("Model this kernel era's rules (default: the running kernel's); --chain-size still overrides its chain size.", valueName: "ERA"))
    var kernel: KernelProfile?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Model a device with this mem_limit (4096, 512M, 1.5G, 50%).", valueName: "SIZE"),
            completion: SizeArgument.completion, transform: SizeArgument.parse)
    var memLimit: SizeExpression?

    @Option(name: .long, help: WritebackStepsArgument.help, completion: WritebackStepsArgument.completion,
            transform: WritebackStepsArgument.parse)
    var writeback: [ZramWritebackStep]?

    @Option(name: .long, help: ArgumentHelp("With --writeback: the backing device's size (default: room for every page).", valueName: "SIZE"),
            completion: SizeArgument.completion, transform: SizeArgument.parse)
    var backingSize: SizeExpression?

    @OptionGroup var format: JSONOutputOption

    @OptionGroup var rootOptions: RootOptions


    func validate() throws {
        try source.requireChoice()
        if let n = chainSize, !(4...16).contains(n) {
            throw ValidationError("--chain-size must be 4 to 16 (CONFIG_ZSMALLOC_CHAIN_SIZE's range), got \(n)")
        }
        _ = try parameters.settings(for: algorithm, path: kernel?.compressionPath ?? .zramBackend)
        if backingSize != nil && writeback == nil { throw ValidationError("--backing-size applies to --writeback; add --writeback STEPS") }
        if let p = kernel, let steps = writeback,
           let why = WritebackScenarioRefusal.first(steps, syntax: p.writebackSyntax, kernel: p.era) {
            throw ValidationError("--writeback: \(why)")
        }
        if let p = kernel, parameters.windowBits != nil, !p.takesDeflateWindowBits {
            throw ValidationError("--window-bits: zram of kernel \(p.era) has no deflate.winbits (7.2 has)")
        }
    }

    func execute() throws {
        let root = rootOptions.systemRoot
        let features = KernelFeatures.detect(root: root)
        let profile = kernel
        // The size classes, huge_class_size and the corpus format are all 4 KiB-page facts.
        if profile == nil, let size = KernelFeatures.pageSize(root: root), size != pageSize {
            throw CommandFailure("this kernel's page size is \(size) bytes; the model covers 4 KiB pages only (zsmalloc's size classes, huge_class_size and the corpus format assume 4096); use --kernel ERA to model a 4 KiB kernel")
        }
        let version = features.release.flatMap(KernelFeatures.version(ofRelease:))
        let era = profile?.era ?? version.flatMap { KernelProfile.named("\($0.0).\($0.1)")?.era }
        let path = profile?.compressionPath ?? version.map { CompressionPath.forKernel(major: $0.0, minor: $0.1) } ?? .zramBackend
        let rule: ZsmallocChainRule = chainSize.map { .leastWaste(chainSize: $0) } ?? profile?.chainRule ?? features.chainRule
        // With an era, only what that era's zram takes is modelled (Debian's 6.12 and 7.2 build no lzo).
        var compressors = try parameters.settings(for: algorithm, path: path)
        if let profile {
            compressors = compressors.filter { profile.zramAlgorithms.contains($0.algorithm.rawValue) }
            if compressors.isEmpty {
                throw CommandFailure("\(algorithm.rawValue) is not offered by zram of kernel \(profile.era) (it takes: \(profile.zramAlgorithms.joined(separator: " ")))")
            }
        }
        let limit = try memLimit.map { try bytes($0, root: root) } ?? 0
        if let steps = writeback, profile == nil, let v = version,
           let why = WritebackScenarioRefusal.first(steps, syntax: .forKernel(major: v.0, minor: v.1), kernel: "\(v.0).\(v.1)") {
            throw CommandFailure("\(why) (use --kernel ERA to model another kernel)")
        }
        let backing = try backingSize.map { try bytes($0, root: root) }
        let (pageCorpus, info) = try source.load()
        let countsInvalidIo = profile?.countsInvalidIo ?? version.map { $0 < (6, 12) } ?? false
        let syntax = profile?.writebackSyntax ?? version.map { ZramWritebackSyntax.forKernel(major: $0.0, minor: $0.1) } ?? .forKernel(major: 6, minor: 18)
        let report = ModelRun.run(corpus: pageCorpus, info: info, compressors: compressors, era: era,
                                  settings: ModelRun.Settings(chainRule: rule, memLimit: limit, writeback: writeback ?? [],
                                                              backingSize: backing, countsInvalidIo: countsInvalidIo,
                                                              writebackSyntax: syntax))
        try CorpusFile.checkRead(pageCorpus)
        if format.json {
            try Output.printJSON(report)
        } else {
            let ruleSource = chainSize != nil ? "--chain-size" : profile.map { "--kernel \($0.era)" } ?? features.chainRuleOrigin
            print(ModelTable.render(report, chainRule: rule, ruleSource: ruleSource))
        }
    }
}
