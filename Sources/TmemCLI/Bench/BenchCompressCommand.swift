import ArgumentParser
import TmemControl
import TmemCore

struct BenchCompressCommand: TmemCommand {
    static let configuration = CommandConfiguration(
        commandName: "compress",
        abstract: "Compressor speed through tmemctl's Swift API against liblzo2 and liblz4 called from C.",
        discussion: """
        Generates the built-in page mix (4096 pages unless --pages says otherwise, 16 to 262144), then in each round compresses and decompresses every page, one \
        4 KiB page per call, once through tmemctl's PageCompressor and once through the library baseline \
        called directly from C: liblzo2 (lzo1x_1_15_compress, lzo1x_decompress_safe) for lzo and lzo-rle, \
        liblz4 (LZ4_compress_default, LZ4_decompress_safe) for lz4. Which side runs first alternates by \
        round; medians over the rounds are reported, and the ratio is ours / baseline (above 1 = faster).

        Targets: lzo >= 0.95 (the Swift API around liblzo2 costs at most 5%), lzo-rle compress >= 0.90 of \
        liblzo2's lzo1x_1_15, lz4 >= 0.90 of liblz4. liblzo2 cannot decode lzo-rle, so the lzo-rle \
        decompress ratio compares with liblzo2 decoding lzo streams and has no target.

        Examples:
          swift build -c release && .build/release/tmemctl bench compress
          tmemctl bench compress --algorithm lzo-rle --pages 8192 --rounds 15 --json
        """
    )

    @Option(name: .shortAndLong, help: ArgumentHelp("The compressor, or all of them.", valueName: "ALG"))
    var algorithm: CompressAlgorithmChoice = .all

    @OptionGroup var mix: BuiltinMixOptions

    @Option(help: ArgumentHelp("Rounds (each measures both sides); the median is reported.", valueName: "N"))
    var rounds: Int = 9

    @OptionGroup var format: JSONOutputOption


    static let defaultPages = 4096
    var pages: Int { mix.pages ?? Self.defaultPages }

    func validate() throws {
        if pages < 16 || pages > 1 << 18 { throw ValidationError("--pages must be between 16 and 262144.") }
        if rounds < 1 || rounds > 1000 { throw ValidationError("--rounds must be between 1 and 1000.") }
    }

    func execute() throws {
        let bench = CompressionBench(pages: pages, seed: mix.seedOrDefault, rounds: rounds)
        let report: CompressionBench.Report
        do { report = try bench.run(algorithms: algorithm.algorithms) } catch {
            throw CommandFailure("ROUND TRIP FAILED: \(error)")
        }
        if format.json {
            try Output.printJSON(report)
            return
        }
        print("built-in mix: \(report.pages) pages (\(report.pages * pageSize / 1_000_000) MB), seed \(report.seed); "
              + "medians of \(report.rounds) rounds; MB/s = 10^6 B/s of page data")
        var table = TextTable(headers: ["ALGORITHM", "BASELINE", "COMPRESS ours", "base", "ratio", "DECOMPRESS ours", "base", "ratio", "TARGETS"],
                              alignments: Array(repeating: .left, count: 9), minimumWidths: [9, 8, 13, 6, 6, 15, 6, 6],
                              trimsTrailingSpaces: true)
        for r in report.results {
            let target = "compress >= \(r.compressTarget.decimals(2))" + (r.decompressTarget.map { ", decompress >= \($0.decimals(2))" } ?? "")
            table.rows.append([r.algorithm.rawValue, r.baseline.rawValue,
                               r.compressMbPerS.decimals(0), r.baselineCompressMbPerS.decimals(0), r.compressRatio.decimals(2),
                               r.decompressMbPerS.decimals(0), r.baselineDecompressMbPerS.decimals(0), r.decompressRatio.decimals(2),
                               (r.targetsMet ? "met (" : "MISSED (") + target + ")"])
        }
        print(table.render())
    }
}
