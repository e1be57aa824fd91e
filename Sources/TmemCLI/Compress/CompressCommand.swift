import ArgumentParser
import TmemCore
import TmemHost

struct CompressCommand: TmemCommand {
    static let configuration = CommandConfiguration(
        commandName: "compress",
        abstract: "Compress a page corpus exactly as zram would, page by page.",
        discussion: """
        Reads FILE as raw 4 KiB pages (a file whose size is not a multiple of 4096 is an error) or, with \
        --builtin, generates the built-in page mix (zero and other same-filled pages, text, code, records, \
        heap, sparse and random pages; deterministic for a given --seed). For each page it reports what \
        zram would do: `same` with the fill word for a same-filled page (zram stores no data for it), or \
        `compressed` with the length the kernel's compressor produces. Every compressed page is decoded \
        again; if any page does not round-trip the command fails with exit status 1.

        --level and --window-bits set the compressor up as zram's algorithm_params would (Linux 6.12+); \
        --kernel 6.1 sets zstd up as 6.1's crypto API does (parameters for an unknown source size).

        JSON (--json): {"algorithm": "lzo", "level": null, "window_bits": null, "pages": [{"index": 0, "kind": "compressed", \
        "compressed_size": 812}, {"index": 1, "kind": "same", "fill": 0}, ...], "total_compressed_size": N}; \
        with --algorithm all, an array of such objects.

        Examples:
          tmemctl compress --algorithm lzo-rle pages.bin
          tmemctl compress --algorithm all --builtin --summary
          tmemctl compress --algorithm lz4 --builtin --pages 256 --seed 7 --json
          tmemctl compress --algorithm zstd --level 9 --builtin --summary
        """
    )

    @Option(name: .shortAndLong, help: ArgumentHelp("Compressor: \(CompressAlgorithmChoice.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "ALG"))
    var algorithm: CompressAlgorithmChoice

    @OptionGroup var parameters: CompressorParameterOptions

    @Option(name: .long, help: ArgumentHelp("Set the compressor up as this kernel era does: 6.1 (crypto API; no --level), 6.12, 6.18 or 7.2 (zram's backends, the default).", valueName: "ERA"))
    var kernel: String?

    @Argument(help: ArgumentHelp("A corpus file of raw 4 KiB pages.", valueName: "FILE"))
    var file: String?

    @Flag(help: "Use the built-in page mix instead of FILE.")
    var builtin = false

    @Option(help: ArgumentHelp("Pages in the built-in mix (with --builtin).", valueName: "N"))
    var pages: Int?

    @Option(help: ArgumentHelp("Seed of the built-in mix (with --builtin).", valueName: "S"))
    var seed: UInt64?

    @Flag(help: "Print totals only, without a row per page (text output).")
    var summary = false

    @Flag(help: "Print JSON.")
    var json = false


    static let defaultBuiltinPages = 1024
    static let defaultSeed: UInt64 = 1

    func validate() throws {
        if builtin && file != nil { throw ValidationError("Give either FILE or --builtin, not both.") }
        if !builtin && file == nil { throw ValidationError("Give a corpus FILE of raw 4 KiB pages, or --builtin for the built-in mix.") }
        if !builtin && (pages != nil || seed != nil) { throw ValidationError("--pages and --seed apply to --builtin only.") }
        if let n = pages, n < 1 || n > 1 << 20 { throw ValidationError("--pages must be between 1 and 1048576.") }
        if json && summary { throw ValidationError("--summary applies to text output; drop it or --json.") }
        if let k = kernel, KernelProfile.named(k) == nil {
            throw ValidationError("--kernel: unknown era '\(k)' (known: \(KernelProfile.all.map(\.era).joined(separator: ", ")))")
        }
        _ = try compressors()
    }

    func compressors() throws -> [CompressorSettings] {
        try parameters.settings(for: algorithm, path: kernel.flatMap(KernelProfile.named)?.compressionPath ?? .zramBackend)
    }

    func execute() throws {
        let corpus: PageCorpus
        if let path = file {
            corpus = try CorpusFile.load(path)
        } else {
            corpus = BuiltinCorpus.generate(pages: pages ?? Self.defaultBuiltinPages, seed: seed ?? Self.defaultSeed)
        }
        var reports: [CompressionReport] = []
        for c in try compressors() {
            do { reports.append(try CompressionReport(corpus: corpus, compressor: c)) } catch {
                throw CommandFailure("ROUND TRIP FAILED: \(error)")
            }
        }
        if json {
            if algorithm == .all { try Output.printJSON(reports) } else { try Output.printJSON(reports[0]) }
            return
        }
        for (k, report) in reports.enumerated() {
            if k > 0 { print("") }
            print(CompressionReportText.render(report, perPage: !summary))
        }
    }
}
