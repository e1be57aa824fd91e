import ArgumentParser
import TmemControl
import TmemCore
import TmemHost

extension ZramWritebackType: ExpressibleByArgument {}
extension ZramTierOperation.RecompressType: ExpressibleByArgument {}

/// `--dry-run` and `--json`, shared by `zram idle`, `zram writeback` and `zram recompress`.
struct ZramTierOutputOptions: ParsableArguments {
    @Flag(help: "Print the writes this kernel would get and change nothing.")
    var dryRun = false

    @OptionGroup var output: JSONOutputOption
}

/// The run every tiering command shares: probe the kernel, plan the writes, make them (unless --dry-run), and
/// report bd_stat/mm_stat before and after.
enum ZramTierRun {
    struct Report: Encodable {
        var device: String
        var operation: String
        var kernel: String?
        var dryRun: Bool
        var writes: [ZramTierWrite]
        var before: ZramTierStats
        var after: ZramTierStats?
    }

    static func run(_ operation: ZramTierOperation, device name: String, root: SystemRoot, options: ZramTierOutputOptions) throws {
        guard let device = ZramDevice(name: name, root: root) else {
            throw InvalidRequest(ZramDevice.nameRefusal(name))
        }
        let caps = ZramTierCapabilities.probe(root: root)
        let writes: [ZramTierWrite]
        do { writes = try operation.writes(on: device, capabilities: caps) } catch let e as ZramTierRefusal {
            throw CommandFailure(e.message)
        }
        let before = try ZramTierStats.read(device)
        var after: ZramTierStats?
        if !options.dryRun {
            try ZramTierOperation.perform(writes, on: device)
            after = try ZramTierStats.read(device)
        }
        let report = Report(device: device.name, operation: operation.name, kernel: caps.release, dryRun: options.dryRun,
                            writes: writes, before: before, after: after)
        if options.output.json { return try Output.printJSON(report) }
        for w in writes { print("\(options.dryRun ? "would write" : "wrote") \(device.name)/\(w.attribute) = \(w.value)") }
        if let after { print(text("before", before)); print(text("after", after)) }
    }

    static func text(_ label: String, _ s: ZramTierStats) -> String {
        var parts = ["\(label):"]
        if let m = s.mmStat { parts.append("orig_data_size=\(m.origDataSize) compr_data_size=\(m.comprDataSize) mem_used_total=\(m.memUsedTotal) huge_pages=\(m.hugePages)") }
        if let b = s.bdStat { parts.append("bd_count=\(b.bdCount) bd_reads=\(b.bdReads) bd_writes=\(b.bdWrites)") }
        return parts.joined(separator: " ")
    }
}

struct ZramIdleCommand: TmemCommand {
    static let configuration = CommandConfiguration(
        commandName: "idle",
        abstract: "Mark a zram device's stored pages idle (all, or those not accessed for SECONDS).",
        discussion: """
        Writes the idle file: --all marks every stored page; --age marks those not read or written for that many \
        seconds, which the kernel can only do when built with CONFIG_ZRAM_TRACK_ENTRY_ACTIME (CONFIG_ZRAM_MEMORY_TRACKING \
        before 6.10); tmemctl reads the kernel configuration first and refuses otherwise. Reading or writing a \
        page clears its mark; `zram writeback --type idle` and `zram recompress --type idle` take the marked pages.

        Examples:
          tmemctl zram idle zram1 --all
          tmemctl zram idle zram1 --age 3600 --json
        """
    )

    @OptionGroup var rootOptions: RootOptions
    @Argument(help: ArgumentHelp("The zram device (zramN or /dev/zramN).", valueName: "DEV"), completion: HostCompletion.zramDevices)
    var device: String
    @Flag(help: "Mark every stored page idle.")
    var all = false
    @Option(help: ArgumentHelp("Mark the pages not accessed for at least this many seconds.", valueName: "SECONDS"))
    var age: UInt64?
    @OptionGroup var tier: ZramTierOutputOptions

    func validate() throws {
        guard all != (age != nil) else { throw ValidationError("give exactly one of --all and --age SECONDS") }
    }

    func execute() throws {
        try ZramTierRun.run(.idle(all ? .all : .age(seconds: age!)), device: device, root: rootOptions.systemRoot, options: tier)
    }
}

struct ZramWritebackCommand: TmemCommand {
    static let configuration = CommandConfiguration(
        commandName: "writeback",
        abstract: "Write a zram device's pages out to its backing device.",
        discussion: """
        Needs a kernel built with CONFIG_ZRAM_WRITEBACK and a device set up with a backing device. --type picks \
        pages by state (idle: marked by `zram idle`; huge: stored uncompressed; huge_idle: both; incompressible: \
        failed recompression, Linux 6.2+); --pages and --page-range pick pages by index. Linux 6.16 takes the \
        key=value form and page_indexes=LOW-HIGH; older kernels get one page_index= write per page. --limit turns \
        writeback_limit on with that budget (counted in 4 KiB units; the kernel stops with EIO when it is used up); \
        the limit stays set after the command.

        Examples:
          tmemctl zram idle zram1 --all && tmemctl zram writeback zram1 --type idle
          tmemctl zram writeback zram1 --type huge --limit 64M --json
          tmemctl zram writeback zram1 --page-range 0-255 --dry-run
        """
    )

    @OptionGroup var rootOptions: RootOptions
    @Argument(help: ArgumentHelp("The zram device (zramN or /dev/zramN).", valueName: "DEV"), completion: HostCompletion.zramDevices)
    var device: String
    @Option(help: ArgumentHelp("Which pages: idle, huge, huge_idle or incompressible.", valueName: "TYPE"))
    var type: ZramWritebackType?
    @Option(help: ArgumentHelp("Page indexes to write back, comma-separated.", valueName: "N[,N...]"))
    var pages: String?
    @Option(help: ArgumentHelp("A range of page indexes, both ends included.", valueName: "LOW-HIGH"))
    var pageRange: String?
    @Option(help: ArgumentHelp("Enable writeback_limit with this budget first (512M, 1G).", valueName: "SIZE"),
            completion: SizeArgument.completion, transform: SizeArgument.parse)
    var limit: SizeExpression?
    @OptionGroup var tier: ZramTierOutputOptions

    func validate() throws {
        guard [type != nil, pages != nil, pageRange != nil].filter({ $0 }).count == 1 else {
            throw ValidationError("give exactly one of --type TYPE, --pages N[,N...] and --page-range LOW-HIGH")
        }
        _ = try selectedPages()
    }

    func selectedPages() throws -> ZramTierOperation.Pages? {
        if let pages {
            let list = pages.split(separator: ",", omittingEmptySubsequences: false).map { UInt64($0) }
            guard !list.isEmpty, list.allSatisfy({ $0 != nil }) else {
                throw ValidationError("--pages '\(pages)': give page indexes such as 7 or 0,5,9")
            }
            return .indexes(list.map { $0! })
        }
        if let pageRange {
            let ends = pageRange.split(separator: "-", omittingEmptySubsequences: false).map { UInt64($0) }
            guard ends.count == 2, let lo = ends[0], let hi = ends[1], lo <= hi else {
                throw ValidationError("--page-range '\(pageRange)': give LOW-HIGH with LOW <= HIGH, such as 0-255")
            }
            return .range(lo...hi)
        }
        return nil
    }

    func execute() throws {
        let root = rootOptions.systemRoot
        let limitBytes = try limit.map { try bytes($0, root: root) }
        try ZramTierRun.run(.writeback(type: type, pages: try selectedPages(), limitBytes: limitBytes),
                            device: device, root: root, options: tier)
    }
}

struct ZramRecompressCommand: TmemCommand {
    static let configuration = CommandConfiguration(
        commandName: "recompress",
        abstract: "Recompress a zram device's pages with its secondary algorithm.",
        discussion: """
        Needs a kernel built with CONFIG_ZRAM_MULTI_COMP (no Debian kernel is) and a device given a secondary \
        algorithm (recomp_algorithm) before disksize. --type picks pages (idle, huge, huge_idle; all pages \
        without it); --threshold takes only pages whose compressed size is at least BYTES, which must be below \
        huge_class_size; --algorithm or --priority names the secondary to use (the kernel tries them in \
        priority order otherwise); --max-pages caps the pages recompressed.

        Examples:
          tmemctl zram recompress zram1 --type huge
          tmemctl zram recompress zram1 --type idle --threshold 3000 --algorithm zstd --max-pages 1000
        """
    )

    @OptionGroup var rootOptions: RootOptions
    @Argument(help: ArgumentHelp("The zram device (zramN or /dev/zramN).", valueName: "DEV"), completion: HostCompletion.zramDevices)
    var device: String
    @Option(help: ArgumentHelp("Which pages: idle, huge or huge_idle.", valueName: "TYPE"))
    var type: ZramTierOperation.RecompressType?
    @Option(help: ArgumentHelp("Only pages whose compressed size is at least this many bytes.", valueName: "BYTES"))
    var threshold: UInt64?
    @Option(help: ArgumentHelp("The secondary algorithm to recompress with.", valueName: "ALG"),
            completion: HostCompletion.recompressionAlgorithms)
    var algorithm: String?
    @Option(help: ArgumentHelp("The secondary algorithm's priority (1...3).", valueName: "N"))
    var priority: Int?
    @Option(help: ArgumentHelp("Recompress at most this many pages.", valueName: "N"))
    var maxPages: UInt64?
    @OptionGroup var tier: ZramTierOutputOptions

    func validate() throws {
        if algorithm != nil, priority != nil { throw ValidationError("give --algorithm ALG or --priority N, not both") }
        if let p = priority, !(1...3).contains(p) { throw ValidationError("--priority \(p): secondary algorithms have priorities 1...3") }
        if maxPages == 0 { throw ValidationError("--max-pages 0 would recompress nothing; give at least 1") }
    }

    func execute() throws {
        let using: ZramTierOperation.Recompression? = algorithm.map { .algorithm($0) } ?? priority.map { .priority($0) }
        try ZramTierRun.run(.recompress(type: type, thresholdBytes: threshold, using: using, maxPages: maxPages),
                            device: device, root: rootOptions.systemRoot, options: tier)
    }
}
