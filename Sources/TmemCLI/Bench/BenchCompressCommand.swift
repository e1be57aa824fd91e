import ArgumentParser
import TmemControl
import TmemCore
import TmemHost

struct BenchCompressCommand: TmemCommand {
    static let configuration = CommandConfiguration(
        commandName: "compress",
        abstract: "Compressor speed through tmemctl's Swift API against liblzo2 and liblz4 called from C.",
        discussion: """
        Generates the built-in page mix (4096 pages unless --pages says otherwise, 16 to 262144), or reads --corpus \
        FILE (raw 4 KiB pages, such as a process captured by `tmemctl corpus capture`), then in each round \
        compresses and decompresses every page, one 4 KiB page per call, once through tmemctl's PageCompressor and \
        once through the library baselines called directly from C: liblzo2 (lzo1x_1_15_compress, and \
        lzo1x_1_12_compress as a second compression baseline; lzo1x_decompress_safe) for lzo and lzo-rle, liblz4 \
        (LZ4_compress_default, LZ4_decompress_safe) for lz4. Which side runs first alternates by round; the \
        ratio is ours / baseline (above 1 = faster), the median of the per-round ratios, with their spread \
        (smallest and largest) in --json.

        Targets: lzo >= 0.95 (the Swift API around liblzo2 costs at most 5%), lzo-rle compress >= 0.90 of \
        liblzo2's lzo1x_1_15, lz4 >= 0.90 of liblz4; lzo1x_1_12 has none. liblzo2 cannot decode lzo-rle, so the \
        lzo-rle decompress ratio compares with liblzo2 decoding the lzo stream of the same pages \
        (decompress_same_stream false) and has no target; scripts/perf-lzo-decoder compares lzo-rle decoding of \
        the same stream with the kernel's decoder.

        Examples:
          swift build -c release && .build/release/tmemctl bench compress
          tmemctl bench compress --algorithm lzo-rle --pages 8192 --rounds 15 --json
          sudo tmemctl corpus capture --pid 1234 -o app.pages && tmemctl bench compress --corpus app.pages
        """
    )

    @Option(name: .shortAndLong, help: ArgumentHelp("The compressor, or all of them.", valueName: "ALG"))
    var algorithm: CompressAlgorithmChoice = .all

    @OptionGroup var file: CorpusFileOption

    @OptionGroup var mix: BuiltinMixOptions

    @Option(help: ArgumentHelp("Rounds (each measures both sides); the median is reported.", valueName: "N"))
    var rounds: Int = 9

    @OptionGroup var format: JSONOutputOption


    static let defaultPages = 4096
    var pages: Int { mix.pages ?? Self.defaultPages }

    func validate() throws {
        if file.corpus != nil && (mix.pages != nil || mix.seed != nil) {
            throw ValidationError("--pages and --seed apply to the built-in mix; drop them with --corpus")
        }
        if pages < 16 || pages > 1 << 18 { throw ValidationError("--pages must be between 16 and 262144.") }
        if rounds < 1 || rounds > 1000 { throw ValidationError("--rounds must be between 1 and 1000.") }
    }

    func execute() throws {
        let bench: CompressionBench
        if let path = file.corpus {
            let corpus = try CorpusFile.load(path)
            if corpus.pageCount == 0 { throw CommandFailure("\(path): no page to measure (the file is empty)") }
            bench = CompressionBench(corpus: corpus, path: path, rounds: rounds)
        } else {
            bench = CompressionBench(pages: pages, seed: mix.seedOrDefault, rounds: rounds)
        }
        let report: CompressionBench.Report
        do { report = try bench.run(algorithms: algorithm.algorithms) } catch {
            throw CommandFailure("ROUND TRIP FAILED: \(error)")
        }
        if format.json {
            try Output.printJSON(report)
            return
        }
        let source = report.corpus.map { "\($0): \(report.pages) pages" }
            ?? "built-in mix: \(report.pages) pages, seed \(report.seed ?? mix.seedOrDefault)"
        print(source + " (\(report.pages * pageSize / 1_000_000) MB); medians of \(report.rounds) rounds; MB/s = 10^6 B/s of page data")
        var table = TextTable(headers: ["ALGORITHM", "BASELINE", "COMPRESS ours", "base", "ratio", "1_12", "ratio", "DECOMPRESS ours", "base", "ratio", "TARGETS"],
                              alignments: Array(repeating: .left, count: 11), minimumWidths: [9, 8, 13, 6, 6, 6, 6, 15, 6, 6],
                              trimsTrailingSpaces: true)
        for r in report.results {
            let target = "compress >= \(r.compressTarget.decimals(2))" + (r.decompressTarget.map { ", decompress >= \($0.decimals(2))" } ?? "")
            table.rows.append([r.algorithm.rawValue, r.baseline.rawValue,
                               r.compressMbPerS.decimals(0), r.baselineCompressMbPerS.decimals(0), r.compressRatio.decimals(2),
                               r.lzo1x112CompressMbPerS.map { $0.decimals(0) } ?? "-", r.compressRatioVsLzo1x112.map { $0.decimals(2) } ?? "-",
                               r.decompressMbPerS.decimals(0), r.baselineDecompressMbPerS.decimals(0),
                               r.decompressRatio.decimals(2) + (r.decompressSameStream ? "" : "*"),
                               (r.targetsMet ? "met (" : "MISSED (") + target + ")"])
        }
        print(table.render())
        if report.results.contains(where: { !$0.decompressSameStream }) {
            print("* liblzo2 cannot read lzo-rle: its side decodes the lzo stream of the same pages")
        }
    }
}
