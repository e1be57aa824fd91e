import ArgumentParser
import TmemControl

struct ZswapShowCommand: TmemCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show zswap's parameters, pool size against its limit and stored pages.",
        discussion: """
        Pool size comes from debugfs (/sys/kernel/debug/zswap/pool_total_size) when mounted, otherwise from \
        /proc/meminfo (Zswap); stored data from /proc/meminfo (Zswapped); zswpin/zswpout/zswpwb from /proc/vmstat. \
        The limit is MemTotal × max_pool_percent / 100, counted in pages as the kernel does.

        Examples:
          tmemctl zswap show
          tmemctl zswap show --json
        """
    )

    @OptionGroup var rootOptions: RootOptions

    @OptionGroup var format: JSONOutputOption

    @Flag(help: "Print sizes in bytes.")
    var bytes = false

    func execute() throws {
        let status = try HostStatus.zswap(root: rootOptions.systemRoot)
        if format.json { try Output.printJSON(status) } else { print(ZswapSummary.render(status, bytes: bytes)) }
    }
}
