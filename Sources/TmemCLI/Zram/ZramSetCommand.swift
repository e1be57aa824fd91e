import ArgumentParser
import TmemControl
import TmemCore
import TmemHost

struct ZramSetCommand: TmemCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Change a live zram device: memory limit, peak counter, compaction.",
        discussion: """
        These are the attributes the kernel lets you change while the device is in use, so they are allowed on \
        swap and mounted devices too. --mem-limit 0 removes the limit; the kernel rounds the limit up to whole \
        pages; the limit has the bound `zram add` has (at most 16 times RAM). Sizes are read as zramctl reads \
        them (util-linux strtosize): \(SizeExpression.helpText). --reset-mem-used-max sets mem_used_max back to the current pool size. --compact runs zsmalloc \
        compaction (pages_compacted, shown as MIGRATED, rises by the pages freed).

        Examples:
          tmemctl zram set zram1 --mem-limit 1G
          tmemctl zram set /dev/zram1 --reset-mem-used-max --compact
        """
    )

    @OptionGroup var rootOptions: RootOptions

    @Argument(help: ArgumentHelp("The zram device (zramN or /dev/zramN).", valueName: "DEV"), completion: HostCompletion.zramDevices)
    var device: String

    @Option(parsing: .unconditional, help: ArgumentHelp("New mem_limit (512M, 1.5G, 4GB decimal, 25% of RAM); 0 removes it.", valueName: "SIZE"),
            completion: SizeArgument.completion, transform: SizeArgument.parse)
    var memLimit: SizeExpression?

    @Flag(help: "Reset mem_used_max to the current pool size.")
    var resetMemUsedMax = false

    @Flag(help: "Compact the device's memory pool.")
    var compact = false

    @Flag(help: "Print what would be written and change nothing.")
    var dryRun = false

    func validate() throws {
        guard memLimit != nil || resetMemUsedMax || compact else {
            throw ValidationError("nothing to change: give --mem-limit SIZE, --reset-mem-used-max or --compact")
        }
        guard ZramDevice(name: device, root: rootOptions.systemRoot) != nil else {
            throw ValidationError(ZramDevice.nameRefusal(device))
        }
    }

    func execute() throws {
        let root = rootOptions.systemRoot
        let m = ZramMaintenance(root: root)
        let d = try m.devices([device])[0]
        let limit = try memLimit.map { try bytes($0, root: root) }
        if let l = limit {
            try ZramSizeBound.check(l, attribute: "mem_limit", option: "--mem-limit", memTotal: ZramSizeBound.memTotal(root: root))
        }
        if compact, try !d.isInitialized() {
            throw RefusedState("\(d.name) is not initialized, so there is nothing to compact; set it up with `tmemctl zram add` first")
        }
        if dryRun {
            if let l = limit { print("write \(d.name)/mem_limit = \(l)") }
            if resetMemUsedMax { print("write \(d.name)/mem_used_max = 0") }
            if compact { print("write \(d.name)/compact = 1") }
            return
        }
        // What changed, old -> new, as zswap set prints it. mm_stat is the only readable copy of these values.
        func stats() -> MMStat? { try? d.memoryStats() }
        func shown(_ v: UInt64?) -> String { v.map(String.init) ?? "unknown" }
        if let l = limit {
            let old = stats()?.memLimit
            try m.setMemLimit(d, l)
            // mem_limit_store keeps whole pages, rounded up.
            let page = UInt64(pageSize)
            print("\(d.name) mem_limit: \(shown(old)) -> \((l + page - 1) / page * page)")
        }
        if resetMemUsedMax {
            let old = stats()?.memUsedMax
            try m.resetMemUsedMax(d)
            print("\(d.name) mem_used_max: \(shown(old)) -> \(shown(stats()?.memUsedMax))")
        }
        if compact {
            let old = stats()?.pagesCompacted
            try m.compact(d)
            print("\(d.name) pages_compacted: \(shown(old)) -> \(shown(stats()?.pagesCompacted))")
        }
    }
}
