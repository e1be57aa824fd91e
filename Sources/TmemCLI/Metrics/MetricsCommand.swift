import ArgumentParser
import TmemControl
import TmemHost

/// `tmemctl metrics`: one Prometheus scrape of zram, zswap, swap and memory.
struct MetricsCommand: TmemCommand {
    static let errorPrefix = "tmemctl metrics"
    static let textfileName = "tmemctl.prom"

    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Print zram, zswap and swap figures as Prometheus metrics (text format 0.0.4).",
        discussion: """
        Reads every zram device (disksize, initstate, mm_stat, io_stat, bd_stat where the kernel has writeback, \
        the algorithm as a label of tmemctl_zram_info), zswap's parameters, /proc/meminfo (MemTotal, \
        MemAvailable, SwapTotal, SwapFree, Zswap, Zswapped), /proc/vmstat (pswpin, pswpout, zswpin, zswpout, \
        zswpwb), /proc/swaps, and zswap's debugfs counters when debugfs is already mounted (it is never \
        mounted for this). Sizes are in bytes, cumulative kernel counters end in _total, and each HELP line \
        names the file a figure comes from.

        A source that cannot be read is reported, not dropped: tmemctl_scrape_error{source="/proc/vmstat"} \
        is 1 for it (0 for the sources read), its figures are missing, and the reason goes to stderr; the \
        exit status stays 0 so the other figures still reach Prometheus.

        --textfile DIR writes DIR/tmemctl.prom for node_exporter's textfile collector instead of printing: a \
        temporary file with an unpredictable name is created in DIR, synced and renamed over it (mode 0644), \
        so the exporter never reads half a file. The systemd units in systemd/ run this every 15 s. Nothing \
        on the host changes.

        Examples:
          tmemctl metrics
          tmemctl metrics --textfile /var/lib/prometheus/node-exporter
          tmemctl metrics | promtool check metrics
        """
    )

    @OptionGroup var textfileOptions: TextfileOptions
    @OptionGroup var rootOptions: RootOptions

    func execute() throws {
        let scrape = HostMetrics.scrape(root: rootOptions.systemRoot)
        for e in scrape.errors { Output.diagnostic("\(Self.errorPrefix): \(e.message)") }
        if try !textfileOptions.publish(Self.textfileName, scrape.text) { print(scrape.text, terminator: "") }
    }
}
