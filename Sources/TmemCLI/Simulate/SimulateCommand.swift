import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TmemCore
import TmemSimulation
import TmemHost

extension SimulationWorkload: ExpressibleByArgument {}
extension AcceptancePolicy: ExpressibleByArgument {}

struct SimulateCommand: TmemCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Drive the userspace tmem backend through the frontswap and cleancache ops tables.",
        discussion: """
        A fresh tmem store (zbud for ephemeral pages, the zsmalloc model for persistent ones, the chosen \
        kernel-exact compressor, deduplication, zero- and same-filled pages kept as their fill word) is \
        registered as a frontswap and a cleancache backend. A simulated kernel then calls it only through \
        those tables, as Linux 6.1 frontswap and 4.19 cleancache did. Page contents come from --corpus (raw \
        4 KiB pages) or the built-in page mix, so compression is realistic.

        Workloads:
          usemem          other processes fill half of --memory with swappable anonymous pages, then usemem \
        mallocs and mlocks chunks up to 7/8 of it (the 2010 zcache OOM report). Reclaim swaps pages out \
        through frontswap, and to the swap device once the store refuses them. Every frame the store holds \
        is RAM usemem cannot have: with `--mem-limit none` the store grows until usemem is OOM-killed; with a \
        limit it never holds more than the limit (checked after every page) and usemem gets its memory.
          pagecache-zipf  64 files, four times --memory in total, read page by page with Zipf(0.9) popularity. \
        The page cache gets whatever RAM the store does not hold; evicted clean pages are put to cleancache \
        and refaults get them back. Reports the hit ratio, the disk reads avoided compared with the same reads \
        without a backend, and the memory the store used.
          trace FILE      replays a text trace, one event per line, blank-separated fields, '#' \
        starts a comment; PAGE is a corpus page index (modulo the corpus size):
        \(TmemTraceEvent.formatHelp.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))

        Policies: zcache-2010 keeps pages compressing to at most 2048 bytes; kztmem keeps ephemeral pages up \
        to the zbud maximum (3904 B) and persistent ones up to 3584 B, refusing pages over 2560 B while the \
        pool's mean is above 2560 B; ours keeps every page that costs less than a page frame (3904 B \
        ephemeral, 3624 B persistent: object plus 8-byte handle within zsmalloc's 3632-byte class) and relies on \
        the memory limit and deduplication instead of heuristics; zswap keeps every persistent page, storing one \
        that does not compress as-is (Linux 6.18 zswap).

        JSON (--json): {"schema_version", "workload", "algorithm", "policy", "memory", "memlimit", "corpus_pages", \
        "peak_pool_total_size", "counters": {zcache-named counters}, "pools": [...], "frontswap", "cleancache", \
        "usemem", "pagecache", "trace" (the workload's object; the other two null), "time_series": [{"step", "pool_total_size", "stored_pages", \
        "resident_pages", "pswpout", "disk_reads"}]}. Sizes are bytes; a value that does not apply is null, never left out.

        Examples:
          tmemctl simulate --workload usemem --memory 128M --mem-limit 10%
          tmemctl simulate --workload usemem --memory 128M --mem-limit none --policy ours
          tmemctl simulate --workload pagecache-zipf --memory 64M --algorithm lz4 --json
          tmemctl simulate --workload trace events.txt --corpus pages.bin
        """
    )

    @Option(help: ArgumentHelp("What the simulated machine does (see below).", valueName: "WORKLOAD"))
    var workload: SimulationWorkload

    @Argument(help: ArgumentHelp("The trace to replay (with --workload trace).", valueName: "FILE"))
    var traceFile: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("RAM of the simulated machine, e.g. 64M or 1G (default 64M).", valueName: "SIZE"),
            completion: SizeArgument.completion, transform: SizeArgument.parse)
    var memory: SizeExpression?

    @Option(parsing: .unconditional, help: ArgumentHelp("Store-wide memory limit: bytes (512K, 8M), N% of --memory, or none (default 10%).", valueName: "SIZE"),
            completion: SizeLimit.completion, transform: SizeLimit.parse)
    var memLimit: SizeLimit?

    /// `--memlimit`, the spelling before --mem-limit: kept, hidden, so scripts keep working.
    @Option(name: .customLong("memlimit"), parsing: .unconditional, help: .hidden, transform: SizeLimit.parse)
    var legacyMemLimit: SizeLimit?

    @Option(parsing: .unconditional, help: ArgumentHelp("Limit of each pool (one per swap device, one per filesystem): bytes, N% of --memory, or none (default).",
                               valueName: "SIZE"),
            completion: SizeLimit.completion, transform: SizeLimit.parse)
    var poolMemLimit: SizeLimit?

    /// `--pool-memlimit`, the spelling before --pool-mem-limit: kept, hidden.
    @Option(name: .customLong("pool-memlimit"), parsing: .unconditional, help: .hidden, transform: SizeLimit.parse)
    var legacyPoolMemLimit: SizeLimit?

    @Option(help: ArgumentHelp("The compressor (default lzo, as zcache and zswap).", valueName: "ALG"))
    var algorithm: CompressionAlgorithm = .lzo

    @Option(help: ArgumentHelp("Acceptance policy (see below).", valueName: "POLICY"))
    var policy: AcceptancePolicy = .ours

    @OptionGroup var corpusFile: CorpusFileOption

    @Option(help: ArgumentHelp("Seed of the workload's random choices (pages come from --corpus, or the built-in mix with seed 1).",
                               valueName: "SEED"))
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Reads of pagecache-zipf (default: four passes' worth of the file set).", valueName: "N"))
    var reads: Int?

    @Option(help: ArgumentHelp("Zipf exponent of pagecache-zipf.", valueName: "EXPONENT"))
    var zipfExponent: Double = 0.9

    @OptionGroup var format: JSONOutputOption


    static let minimumMemory = 1 << 20
    static let maximumMemory = 1 << 34

    static let defaultMemory = SizeExpression.bytes(64 << 20)
    static let defaultMemLimit = SizeLimit.size(.percentOfRAM(10))

    func memoryBytes() throws -> Int {
        guard case .bytes(let b) = memory ?? Self.defaultMemory else {
            throw ValidationError("--memory is the simulated machine's RAM in bytes (e.g. 64M), not a percentage.")
        }
        guard b >= Self.minimumMemory && b <= Self.maximumMemory else {
            throw ValidationError("--memory must be between 1M and 16G.")
        }
        return Int(b)
    }

    /// Percentages are of the simulated machine's memory; nil is no limit.
    func memlimitBytes(memory: Int) throws -> Int? {
        (memLimit ?? legacyMemLimit ?? Self.defaultMemLimit).bytes(of: UInt64(memory)).map { Int($0) }
    }

    func poolMemlimitBytes(memory: Int) throws -> Int? {
        (poolMemLimit ?? legacyPoolMemLimit ?? SizeLimit.none).bytes(of: UInt64(memory)).map { Int($0) }
    }

    func validate() throws {
        _ = try memoryBytes()
        if memLimit != nil && legacyMemLimit != nil { throw ValidationError("give --mem-limit once (--memlimit is its old spelling)") }
        if poolMemLimit != nil && legacyPoolMemLimit != nil {
            throw ValidationError("give --pool-mem-limit once (--pool-memlimit is its old spelling)")
        }
        if workload == .trace && traceFile == nil { throw ValidationError("--workload trace needs the trace FILE to replay.") }
        if workload != .trace && traceFile != nil { throw ValidationError("FILE applies to --workload trace only.") }
        if let r = reads, r < 1 || r > 100_000_000 { throw ValidationError("--reads must be between 1 and 100000000.") }
        if reads != nil && workload != .pagecacheZipf { throw ValidationError("--reads applies to pagecache-zipf only.") }
        if !(zipfExponent > 0 && zipfExponent <= 4) { throw ValidationError("--zipf-exponent must be in (0, 4].") }
    }

    func execute() throws {
        let mem = try memoryBytes()
        let pages: PageCorpus
        if let path = corpusFile.corpus {
            pages = try CorpusFile.load(path)
        } else {
            pages = BuiltinCorpus.generate(pages: 4096, seed: 1)
        }
        var sim = TmemSimulator(workload: workload, memory: mem, memlimit: try memlimitBytes(memory: mem),
                                algorithm: algorithm, policy: policy, corpus: pages)
        sim.poolMemlimit = try poolMemlimitBytes(memory: mem)
        sim.seed = seed
        sim.reads = reads
        sim.zipfExponent = zipfExponent
        if let traceFile {
            do { sim.traceText = try SystemRoot("/").read(traceFile) } catch {
                throw HostError(subject: "simulate", action: "cannot read the trace file", path: traceFile, errno: error)
            }
        }
        let report: SimulationReport
        do { report = try sim.run() } catch {
            throw CommandFailure("\(traceFile ?? "trace"): \(error)")
        }
        try CorpusFile.checkRead(pages)
        if format.json {
            try Output.printJSON(report)
        } else {
            print(SimulationText.render(report))
        }
    }
}
