import ArgumentParser

/// `tmemctl bench ...`: throughput of tmemctl's pipelines as ratios against a baseline measured in the
/// same run (absolute MB/s drift on shared machines; same-run ratios do not).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure tmemctl's pipelines against baselines in the same run.",
        discussion: """
        The pipeline benchmarks (compress, model, tmem) report MB/s (10^6 bytes per second of page data) for \
        tmemctl and for a reference implementation, measured alternately on the same data, and the median of \
        the per-round ratios; bench metrics reports the CPU one metrics reading costs, bench startup the wall time of a whole `tmemctl status` against `zramctl`. Build with `swift build -c release` first; debug builds measure the debugger's view of Swift.
        """,
        subcommands: [BenchCompressCommand.self, BenchModelCommand.self, BenchTmemCommand.self, BenchMetricsCommand.self,
                      BenchStartupCommand.self]
    )

}
