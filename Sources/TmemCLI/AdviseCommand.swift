import ArgumentParser
import TmemControl
import TmemCore
import TmemHost
#if canImport(Glibc)
import Glibc
#endif

/// `tmemctl advise`: which zram algorithm saves most RAM for a workload, and how large a disksize is worth it.
public struct AdviseCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "advise",
        abstract: "Recommend a zram algorithm and disksize for a workload's pages.",
        discussion: """
        Takes a real workload's pages (a running process's anonymous memory with --pid, a corpus file, or \
        the built-in mix) and runs tmemctl's exact model of zram and zsmalloc on them with each algorithm \
        this kernel's zram offers (comp_algorithm of an existing device, or of a scratch device created and \
        removed when run as root; with no device to ask, every algorithm tmemctl models).

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
          - Swapping one byte to zram frees 1 - 1/ratio - 1/256 bytes of RAM. Below 20% the advice is that \
        zram is not worth it for this workload.

        Reading another process's memory (--pid) needs root. With --corpus or --builtin no root is needed.

        Examples:
          sudo tmemctl advise --pid $(pidof postgres)
          tmemctl advise --corpus heap.pages --pool-percent 20
          tmemctl advise --builtin --disksize 8G --json
        """
    )

    @Option(name: .long, help: ArgumentHelp("Sample this running process's anonymous memory (needs root).", valueName: "PID"))
    var pid: Int32?

    @Option(name: .long, help: ArgumentHelp("With --pid: at most this many pages, sampled evenly.", valueName: "N"))
    var maxPages: Int = 65536

    @OptionGroup var source: CorpusSource

    @Option(name: .long, help: ArgumentHelp("RAM budget for a full zram device, in percent of RAM (1-100).", valueName: "N"))
    var poolPercent: Int = 25

    @Option(name: .long, help: ArgumentHelp("Also cost a device of this size (4G, 512M, 50%; default half of RAM).", valueName: "SIZE"))
    var disksize: String?

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    @OptionGroup var rootOptions: RootOptions

    public init() {}

    public func validate() throws {
        if pid != nil && (source.corpus != nil || source.builtin || source.pages != nil || source.seed != nil) {
            throw ValidationError("give one workload: --pid PID, --corpus FILE or --builtin")
        }
        if let p = pid, p < 1 { throw ValidationError("--pid must be a process id (1 or more)") }
        if maxPages < 1 { throw ValidationError("--max-pages must be at least 1") }
        if !(1...100).contains(poolPercent) { throw ValidationError("--pool-percent must be 1 to 100") }
        if let d = disksize {
            do { _ = try SizeExpression(parsing: d) } catch { throw ValidationError("--disksize: \(error)") }
        }
    }

    public func run() throws {
        let root = rootOptions.systemRoot
        let corpus: PageCorpus
        let workload: AdviseReport.Workload
        do {
            if let p = pid {
                if root.isLive && geteuid() != 0 {
                    Output.diagnostic("tmemctl advise: reading /proc/\(p)/mem needs root; run it with sudo, or sample with --corpus")
                    throw ExitCode.failure
                }
                corpus = try ProcessMemory(pid: p, root: root).capture(maxPages: maxPages)
                workload = AdviseReport.Workload(kind: "pid", pid: p, pages: corpus.pageCount)
            } else {
                let (c, info) = try source.load()
                corpus = c
                workload = AdviseReport.Workload(kind: info.path == nil ? "builtin" : "corpus", path: info.path,
                                                 seed: info.seed, pages: c.pageCount)
            }
        } catch let e as HostError {
            Output.diagnostic("tmemctl advise: \(e)")
            throw ExitCode.failure
        }
        let features = KernelFeatures.detect(root: root)
        let offered = try CommandErrors.reporting("tmemctl advise") {
            try Advisor.offeredAlgorithms(root: root, mayCreateDevice: true)
        }
        let memTotal = (try? MemInfo.read(root: root))?.memTotal
        var asked: UInt64?
        if let d = disksize {
            do { asked = try SizePolicy.resolve(try SizeExpression(parsing: d), root: root) } catch {
                Output.diagnostic("tmemctl advise: \(error)")
                throw ExitCode.failure
            }
        }
        let report = Advisor.run(corpus: corpus, workload: workload, algorithms: offered.algorithms,
                                 notModelled: offered.notModelled, source: offered.source,
                                 classTable: features.classTable, memTotal: memTotal, poolPercent: poolPercent,
                                 disksize: asked)
        if json { try Output.printJSON(report) } else { print(AdviseText.render(report)) }
    }
}

enum AdviseText {
    static func bytes(_ b: UInt64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var v = Double(b)
        var u = 0
        while v >= 1024 && u < units.count - 1 { v /= 1024; u += 1 }
        return u == 0 ? "\(b) B" : String(format: "%.1f %@", v, units[u])
    }

    static func pct(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
    static func ratio(_ r: Double?) -> String { r.map { String(format: "%.2f", $0) } ?? "inf (nothing to compress)" }

    static func render(_ r: AdviseReport) -> String {
        var lines: [String] = []
        let w = r.workload
        let what: String
        switch w.kind {
        case "pid": what = "process \(w.pid ?? 0)'s anonymous memory"
        case "corpus": what = w.path ?? "corpus"
        default: what = "built-in mix (seed \(w.seed ?? 0))"
        }
        lines.append("workload: \(what), \(w.pages) pages (\(bytes(UInt64(w.pages) * UInt64(pageSize))))")
        lines.append("algorithms: \(r.results.map(\.algorithm.rawValue).joined(separator: " ")) (from \(r.algorithmsSource))"
            + (r.notModelled.isEmpty ? "" : "; not modelled: \(r.notModelled.joined(separator: " "))"))
        lines.append("")
        var rows = [["algorithm", "mem_used_total", "compr_data_size", "ratio", "at scale", "saved", "same", "huge"]]
        for c in r.results {
            rows.append([c.algorithm.rawValue + (c.algorithm == r.best ? " *" : ""), bytes(c.memUsedTotal),
                         bytes(c.comprDataSize), ratio(c.ratio), ratio(c.ratioAtScale), bytes(UInt64(max(0, c.savedBytes))),
                         pct(c.sameShare), pct(c.hugeShare)])
        }
        lines += VerifyTable.table(rows, rightAligned: 1...7).map { "  " + $0 }
        if let b = r.best, let c = r.results.first(where: { $0.algorithm == b }) {
            lines.append("")
            lines.append("best: \(b.rawValue) (*): \(bytes(c.origDataSize)) of pages in \(bytes(c.memUsedTotal)) of RAM (ratio \(ratio(c.ratio))), \(bytes(c.memUsedAtScale)) at scale (ratio \(ratio(c.ratioAtScale)))")
        }
        if let d = r.disksize {
            lines.append("")
            lines.append("disksize (RAM \(bytes(d.memTotal)), \(d.algorithm.rawValue) at ratio \(ratio(d.ratio)) at scale):")
            lines.append("  each byte swapped to zram frees \(pct(d.netSavingShare)) of a byte of RAM"
                + (d.worthIt ? "" : ": NOT worth it for this workload (below 20%); prefer disk swap or zswap with writeback"))
            lines.append("  recommended disksize: \(bytes(d.recommendedDisksize)) (a full device then uses at most \(d.poolPercent)% of RAM)")
            lines.append("  a full \(bytes(d.disksize)) device would use \(bytes(d.ramWhenFull)) of RAM (slot table \(bytes(d.slotTable)))")
        }
        return lines.joined(separator: "\n")
    }
}
