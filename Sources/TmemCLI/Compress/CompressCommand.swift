import ArgumentParser
import TmemCore
import TmemHost

struct CompressCommand: TmemCommand {
    static let configuration = CommandConfiguration(
        commandName: "compress",
        abstract: "Compress a page corpus exactly as zram would, page by page.",
        discussion: """
        Reads --corpus FILE as raw 4 KiB pages (a file whose size is not a multiple of 4096 is an error) or, with \
        --builtin, generates the built-in page mix (zero and other same-filled pages, text, code, records, \
        heap, sparse and random pages; deterministic for a given --seed; 1024 pages unless --pages says otherwise). For each page it reports what \
        zram would do: `same` with the fill word for a same-filled page (zram stores no data for it), or \
        `compressed` with the length the kernel's compressor produces. Every compressed page is decoded \
        again; if any page does not round-trip the command fails with exit status 1 (the output, written as the pages \
        are checked, stops at that page).

        --level and --window-bits set the compressor up as zram's algorithm_params would (Linux 6.12+); \
        --kernel 6.1 sets zstd up as 6.1's crypto API does (parameters for an unknown source size).

        JSON (--json): {"schema_version": 1, "algorithm": "lzo", "level": null, "window_bits": null, "pages": [{"index": 0, "kind": "compressed", \
        "compressed_size": 812, "fill": null}, {"index": 1, "kind": "same", "compressed_size": null, "fill": 0}, ...], \
        "total_compressed_size": N}; with --algorithm all, {"schema_version": 1, "reports": [...]} with one such \
        object per algorithm.

        Examples:
          tmemctl compress --algorithm lzo-rle --corpus pages.bin
          tmemctl compress --algorithm all --builtin --summary
          tmemctl compress --algorithm lz4 --builtin --pages 256 --seed 7 --json
          tmemctl compress --algorithm zstd --level 9 --builtin --summary
        """
    )

    @Option(name: .shortAndLong, help: ArgumentHelp("The compressor (\(CompressAlgorithmChoice.allCases.map(\.rawValue).joined(separator: ", "))), or all of them.", valueName: "ALG"))
    var algorithm: CompressAlgorithmChoice

    @OptionGroup var parameters: CompressorParameterOptions

    @Option(name: .long, help: ArgumentHelp("Set the compressor up as this kernel era does: 6.1 (crypto API; no --level), or a later one (zram's backends, the default).", valueName: "ERA"))
    var kernel: KernelProfile?

    @OptionGroup var source: CorpusSelection

    /// The corpus file as a positional argument, as before --corpus: kept, hidden, so scripts keep working.
    @Argument(help: .hidden)
    var file: String?

    @Flag(help: "Print totals only, without a row per page (text output).")
    var summary = false

    @OptionGroup var format: JSONOutputOption


    static let defaultBuiltinPages = 1024

    func validate() throws {
        if file != nil {
            if source.isChosen { throw ValidationError("give the corpus once: --corpus FILE or --builtin") }
        } else {
            try source.requireChoice()
        }
        if format.json && summary { throw ValidationError("--summary applies to text output; drop it or --json.") }
        _ = try compressors()
    }

    func compressors() throws -> [CompressorSettings] {
        try parameters.settings(for: algorithm, path: kernel?.compressionPath ?? .zramBackend)
    }

    func execute() throws {
        let corpus = try file.map { try CorpusFile.load($0) } ?? source.load(defaultPages: Self.defaultBuiltinPages).0
        let compressors = try compressors()
        // Written as the pages are checked (the corpus is read a chunk at a time), so memory does not grow with it.
        do throws(CompressionReport.RoundTripMismatch) {
            if format.json {
                try CompressionJSONStream.write(corpus: corpus, compressors: compressors, several: algorithm == .all,
                                                sink: Output.write)
            } else {
                for (k, c) in compressors.enumerated() {
                    if k > 0 { print("") }
                    try CompressionReportText.stream(corpus, c, perPage: !summary, sink: Output.write)
                }
            }
        } catch {
            throw CommandFailure("ROUND TRIP FAILED: \(error)")
        }
        try CorpusFile.checkRead(corpus)
    }
}

/// `compress --algorithm all --json`: one report per algorithm (a JSON document is an object).
struct CompressionReports: Encodable {
    var reports: [CompressionReport]
}
